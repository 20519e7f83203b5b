"""Checks Open311 GeoReport v2 answers against the shared specification (Swagger 2.0).

Usage: check_open311.py SPEC MANIFEST. The manifest lists answers: {"kind", "format", "file"},
kind one of services, definition, requests, request, post, error. JSON answers are validated
with the response schema the specification gives for the path (its definitions resolved);
XML answers are parsed, their element structure checked (root, items, only known elements)
and their values, typed by the same schema, validated too. Prints "open311 ok" and a summary.
"""
import json
import sys
import xml.etree.ElementTree as ET

import jsonschema
import yaml

ERROR_SCHEMA = {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["code", "description"],
                "additionalProperties": False,
                "properties": {"code": {"type": "integer"}, "description": {"type": "string", "minLength": 1}}}}
ROOTS = {"services": ("services", "service"), "definition": ("service_definition", None), "requests": ("service_requests", "request"),
         "request": ("service_requests", "request"), "post": ("service_requests", "request"), "error": ("errors", "error")}


def response_schema(spec, kind):
    paths = spec["paths"]
    path, method = {"services": ("/services.{response_format}", "get"), "definition": ("/services/{service_code}.{response_format}", "get"),
                    "requests": ("/requests.{response_format}", "get"), "request": ("/request/{service_request_id}.{response_format}", "get"),
                    "post": ("/requests.{response_format}", "post")}[kind]
    return paths[path][method]["responses"]["200"]["schema"]


def resolve(schema, definitions):
    """The schema with its $refs replaced (the definitions hold no cycle), closed to unknown members."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return resolve(definitions[schema["$ref"].split("/")[-1]], definitions)
        out = {key: resolve(value, definitions) for key, value in schema.items()}
        if "properties" in out:
            out["type"] = "object"
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [resolve(item, definitions) for item in schema]
    return schema


def typed(element, schema, where):
    """An XML element as the JSON value the schema describes (arrays: one child per item)."""
    kind = schema.get("type")
    if kind == "array":
        return [typed(child, schema["items"], f"{where}/{child.tag}") for child in element]
    if kind == "object":
        properties = schema.get("properties", {})
        out = {}
        for child in element:
            if child.tag not in properties:
                raise ValueError(f"{where}: unknown element <{child.tag}>")
            if child.tag in out:
                raise ValueError(f"{where}: <{child.tag}> twice")
            out[child.tag] = typed(child, properties[child.tag], f"{where}/{child.tag}")
        return out
    if len(element):
        raise ValueError(f"{where}: a value holds elements")
    text = element.text or ""
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError(f"{where}: not a boolean: {text!r}")
        return text == "true"
    if kind in ("number", "integer"):
        try:
            return int(text) if kind == "integer" else float(text)
        except ValueError:
            raise ValueError(f"{where}: not a number: {text!r}")
    return text


def check(spec, entry):
    kind, fmt = entry["kind"], entry["format"]
    with open(entry["file"], "rb") as handle:
        body = handle.read()
    schema = ERROR_SCHEMA if kind == "error" else resolve(response_schema(spec, kind), spec["definitions"])
    if fmt == "json":
        value = json.loads(body)
    else:
        root = ET.fromstring(body)
        expected, item = ROOTS[kind]
        if root.tag != expected:
            raise ValueError(f"{kind}: root <{root.tag}>, expected <{expected}>")
        if schema.get("type") == "array":
            for child in root:
                if child.tag != item:
                    raise ValueError(f"{kind}: <{child.tag}> in <{root.tag}>, expected <{item}>")
            value = typed(root, schema, root.tag)
        elif kind == "request":
            children = list(root)
            if len(children) != 1 or children[0].tag != item:
                raise ValueError(f"request: <{root.tag}> must hold one <{item}>")
            value = typed(children[0], schema, item)
        else:
            value = typed(root, schema, root.tag)
        if kind == "definition":
            for attribute in root.iter("attribute"):
                if attribute.find("values") is not None and any(child.tag != "value" for child in attribute.find("values")):
                    raise ValueError("definition: <values> holds other than <value>")
    jsonschema.validate(value, schema)
    return value


def main():
    with open(sys.argv[1]) as handle:
        spec = yaml.safe_load(handle)
    with open(sys.argv[2]) as handle:
        manifest = json.load(handle)
    summary = []
    failures = []
    for entry in manifest:
        try:
            value = check(spec, entry)
            summary.append({"kind": entry["kind"], "format": entry["format"], "items": len(value) if isinstance(value, list) else 1})
        except Exception as error:  # noqa: BLE001 - every failure is reported
            failures.append(f"{entry['kind']}.{entry['format']} ({entry['file']}): {error}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(json.dumps(summary, ensure_ascii=False))
    print("open311 ok")


if __name__ == "__main__":
    main()
