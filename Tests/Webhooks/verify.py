"""Checks webhook deliveries with the Standard Webhooks reference verifier (PyPI `standardwebhooks`).

Reads a JSON list from the file named as argument: [{"secret": "whsec_…", "headers": {…}, "body_base64": "…"}, …].
Prints a JSON list of {"valid": bool, "error": str|null, "payload": {…}|null}, one per delivery.
"""
import base64
import json
import sys

from standardwebhooks.webhooks import Webhook

results = []
with open(sys.argv[1], encoding="utf-8") as file:
    deliveries = json.load(file)
for delivery in deliveries:
    body = base64.b64decode(delivery["body_base64"])
    try:
        payload = Webhook(delivery["secret"]).verify(body, delivery["headers"])
        results.append({"valid": True, "error": None, "payload": payload})
    except Exception as error:  # the verifier raises WebhookVerificationError
        results.append({"valid": False, "error": f"{type(error).__name__}: {error}", "payload": None})
json.dump(results, sys.stdout)
