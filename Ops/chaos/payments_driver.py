"""Pays invoices through the portal and the PayFiP simulator as citizens would, with the
simulator told to deliver, delay, repeat or drop each notification at random, and the citizen
coming back (or not, or twice) at random. Used by Ops/chaos/payments and Ops/bench/payments.

Usage: payments_driver.py REFERENCES_FILE FIRST COUNT
Environment: PORTAL (http://127.0.0.1:PORT), HOST (the member's host), SIMULATOR (its base URL),
COOKIE (the citizen's session cookie value), CSRF (its token) — or CREDENTIALS, a file of
`cookie csrf` lines, one per citizen, the n-th invoice paid by citizen n modulo their number —,
WORKERS (threads), CHAOS (1: random notifications and returns; 0: deliver once, always return),
SEED."""
import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PORTAL, HOST, SIMULATOR = os.environ["PORTAL"], os.environ["HOST"], os.environ["SIMULATOR"]
if os.environ.get("CREDENTIALS"):
    CITIZENS = [tuple(line.split()) for line in open(os.environ["CREDENTIALS"]) if line.strip()]
else:
    CITIZENS = [(os.environ["COOKIE"], os.environ["CSRF"])]
CHAOS = os.environ.get("CHAOS", "1") == "1"
random.seed(int(os.environ.get("SEED", "20261204")))
lock = threading.Lock()
stats = {"started": 0, "not_started": 0, "chosen": 0, "returns": 0, "errors": 0}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def call(method, url, body=None, headers=None, content_type=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def portal(method, path, form=None, citizen=0):
    headers = {"Host": HOST, "Cookie": f"mutualis={CITIZENS[citizen % len(CITIZENS)][0]}"}
    body = urllib.parse.urlencode(form).encode() if form is not None else None
    return call(method, PORTAL + path, body, headers, "application/x-www-form-urlencoded" if form is not None else None)


def simulator(method, path, payload):
    return call(method, SIMULATOR + path, json.dumps(payload).encode(), {}, "application/json")


def pay(index, reference, rng):
    citizen = index % len(CITIZENS)
    status, headers, _ = portal("POST", f"/factures/{reference}/payer", {"csrf": CITIZENS[citizen][1]}, citizen)
    location = headers.get("Location") or headers.get("location") or ""
    if status != 303 or "idop=" not in location:
        with lock:
            stats["not_started"] += 1
        return
    with lock:
        stats["started"] += 1
    idop = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["idop"][0]
    if CHAOS:
        behaviour = rng.choice([{"mode": "deliver"}, {"mode": "delay", "delayMs": rng.randint(100, 4000)},
                                {"mode": "repeat", "times": 3}, {"mode": "repeat", "times": 2, "delayMs": rng.randint(0, 2000)},
                                {"mode": "drop"}])
        simulator("PUT", f"/_simulateur/operations/{idop}/notification", behaviour)
    outcome = rng.choice(["card", "card", "debit"]) if CHAOS else "card"
    status, _, body = simulator("POST", f"/_simulateur/operations/{idop}/outcome", {"outcome": outcome, "redirect": False})
    if status != 200:
        with lock:
            stats["errors"] += 1
        return
    with lock:
        stats["chosen"] += 1
    redirect = json.loads(body).get("urlredirect", "")
    returns = rng.choice([0, 1, 1, 2]) if CHAOS else 1
    path = urllib.parse.urlparse(redirect).path
    for _ in range(returns):
        status, _, page = portal("GET", path, citizen=citizen)
        if not CHAOS and "Paiement enregistré".encode() not in page:
            with lock:
                stats["errors"] += 1
        with lock:
            stats["returns"] += 1


def main():
    references = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    first, count = int(sys.argv[2]), int(sys.argv[3])
    chosen = references[first:first + count]
    seeds = [random.random() for _ in chosen]
    start = time.time()
    with ThreadPoolExecutor(max_workers=int(os.environ.get("WORKERS", "8"))) as pool:
        for future in [pool.submit(pay, first + offset, reference, random.Random(seed)) for offset, (reference, seed) in enumerate(zip(chosen, seeds))]:
            try:
                future.result()
            except Exception as error:  # noqa: BLE001 (counted, the run goes on)
                with lock:
                    stats["errors"] += 1
                print(f"error: {error}", file=sys.stderr)
    elapsed = time.time() - start
    print("DRIVER " + " ".join(f"{key}={value}" for key, value in stats.items()) + f" seconds={elapsed:.2f}")


if __name__ == "__main__":
    main()
