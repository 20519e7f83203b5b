"""Every example of an OpenAPI document matches its schema (JSON Schema 2020-12, as OpenAPI 3.1
uses it). Usage: check_examples.py openapi.json. Prints each mismatch; exits 1 if any, or if the
document has no example at all."""
import json
import sys

from jsonschema import Draft202012Validator

with open(sys.argv[1], encoding="utf-8") as file:
    document = json.load(file)

checked, failures = 0, []
for path, methods in document.get("paths", {}).items():
    for method, operation in methods.items():
        places = [("request", operation.get("requestBody", {}).get("content", {}))]
        places += [(f"response {status}", answer.get("content", {})) for status, answer in operation.get("responses", {}).items()]
        for place, content in places:
            for media_type, media in content.items():
                if "example" not in media or "schema" not in media:
                    continue
                schema = dict(media["schema"], components=document.get("components", {}))
                errors = sorted(Draft202012Validator(schema).iter_errors(media["example"]), key=str)
                checked += 1
                for error in errors:
                    failures.append(f"{method.upper()} {path} {place} {media_type}: {error.message} at {list(error.absolute_path)}")

if failures or checked == 0:
    print("\n".join(failures) or "no examples")
    sys.exit(1)
print(f"examples ok: {checked}")
