"""Lints and renders Helm/mutualis offline (helm-python-sdk: Helm's Go SDK, no helm binary), then
validates every rendered manifest with kubernetes-validate --strict.

Usage: check_chart.py CHART_DIR OUTPUT_DIR. Exits 1 with the findings on any lint error or
warning, render error or invalid manifest. Lints with the default values and with the trust
services on, then renders:
  default                 no PKI: no KEK, no PKI volume nor variable anywhere; the blobs claim
  existing-claim          existing volume claims, another ingress class
  trust                   trust.pki on: web, worker and migrate read MUTUALIS_KEK_FILE from a
                          read-only mount of the named Secret (the key only, mode 0400/0440, an
                          fsGroup), never from an env value; web and worker find
                          MUTUALIS_PKI_DIR on the chart's PKI claim; the migrate hook (run
                          before that claim exists) mounts no PKI; the external TSA and policy
  trust-existing-claim    the PKI on an existing claim, mounted by migrate too (read-only);
                          another key in the Secret, another policy, no TSA URL
  trust-pki-off           a KEK Secret named but the PKI off: no KEK nor PKI at all; TSA values
and checks that rendering fails, naming the value, when the PKI is on without a KEK Secret, when
a renamed trust value is used, or when the TSA URL or policy is malformed. Also asserts where
the archive's second copy and the SEDA schemas come from.
"""
import os
import subprocess
import sys

import helm_python as helm
import yaml

chart_dir, output_dir = sys.argv[1], sys.argv[2]
failures = []
RELEASE = "mutualis"
PREFIX = f"{RELEASE}-mutualis"
KEK_SECRET = "mutualis-kek"
TSA_URL = "https://tsa.example.org/tsr"


def lint(values, label):
    report = helm.lint(chart_dir, values, strict=True)
    for message in report.get("messages", []):
        if message.get("severity", 0) >= 2:
            failures.append(f"lint ({label}): {message.get('path')}: {message.get('error')}")
    failures.extend(f"lint ({label}): {error}" for error in report.get("errors", []) or [])


TRUST_ON = {"trust": {"kek": {"existingSecret": KEK_SECRET}, "pki": {"enabled": True}, "tsa": {"url": TSA_URL}}}
lint(None, "default values")
lint(TRUST_ON, "trust on")

chart = helm.Chart.load(chart_dir)
variants = {
    "default": None,
    "existing-claim": {"blobs": {"existingClaim": "documents"}, "ingress": {"className": "traefik"},
                       "archive": {"secondCopy": {"existingClaim": "archive-copie"}}},
    "trust": TRUST_ON,
    "trust-existing-claim": {"trust": {"kek": {"existingSecret": KEK_SECRET, "key": "kek.hex"},
                                       "pki": {"enabled": True, "existingClaim": "pki-commune"},
                                       "tsa": {"policy": "1.2.250.1.999.1"}}},
    "trust-pki-off": {"trust": {"kek": {"existingSecret": KEK_SECRET}, "tsa": {"url": TSA_URL}}},
}
# Values that must not render, and what the error must say.
refused = {
    "pki without KEK Secret": ({"trust": {"pki": {"enabled": True}}},
                               "trust.pki.enabled needs trust.kek.existingSecret"),
    "renamed value": ({"trust": {"kekSecret": KEK_SECRET}}, "trust.kekSecret was renamed trust.kek.existingSecret"),
    "malformed TSA URL": ({"trust": {"tsa": {"url": "tsa.example.org"}}}, "trust.tsa.url must be"),
    "malformed TSA policy": ({"trust": {"tsa": {"policy": "politique"}}}, "trust.tsa.policy must be"),
}


def workload(documents, kind, component):
    """The pod spec of the Deployment or Job of this component, or None."""
    for document in documents:
        labels = document.get("metadata", {}).get("labels", {})
        if document.get("kind") == kind and labels.get("app.kubernetes.io/component") == component:
            return document["spec"]["template"]["spec"]
    return None


def mount_of(spec, container, path):
    """The volume mount (and its volume) under which `path` lies."""
    for mount in container.get("volumeMounts", []) or []:
        root = mount["mountPath"].rstrip("/")
        if path == root or path.startswith(root + "/"):
            volume = next((v for v in spec.get("volumes", []) or [] if v["name"] == mount["name"]), None)
            return mount, volume
    return None, None


def check_pod(variant, role, spec, expect):
    """expect: kek (bool), pki (claim name or None), pki_read_only, kek_key, tsa_url, tsa_policy."""
    container = spec["containers"][0]
    env = {item["name"]: item for item in container.get("env", []) or []}
    where = f"{variant}: {role}"
    volumes = spec.get("volumes", []) or []
    secret_volumes = [v for v in volumes if "secret" in v]
    # The KEK: never an env value, never the whole Secret as variables.
    for item in env.values():
        ref = (item.get("valueFrom") or {}).get("secretKeyRef") or {}
        if ref.get("name") == KEK_SECRET:
            failures.append(f"{where}: {item['name']} takes a value from the KEK Secret")
    for source in container.get("envFrom", []) or []:
        if (source.get("secretRef") or {}).get("name") == KEK_SECRET:
            failures.append(f"{where}: the KEK Secret is given as environment variables")
    if expect["kek"]:
        path = env.get("MUTUALIS_KEK_FILE", {}).get("value")
        mount, volume = mount_of(spec, container, path) if path else (None, None)
        secret = (volume or {}).get("secret")
        if not path or not secret:
            failures.append(f"{where}: MUTUALIS_KEK_FILE ({path}) is not in a Secret volume mount")
        else:
            items = secret.get("items") or []
            relative = path[len(mount["mountPath"].rstrip("/")) + 1:]
            item = next((i for i in items if i.get("path") == relative), None)
            mode = (item or {}).get("mode", secret.get("defaultMode", 0o644))
            if secret.get("secretName") != KEK_SECRET or not item or item.get("key") != expect["kek_key"]:
                failures.append(f"{where}: MUTUALIS_KEK_FILE is not key {expect['kek_key']} of Secret {KEK_SECRET}: {secret}")
            if len(items) != 1:
                failures.append(f"{where}: the KEK volume must hold the KEK only: {items}")
            if mount.get("readOnly") is not True:
                failures.append(f"{where}: the KEK is mounted writable")
            if mode not in (0o400, 0o440):
                failures.append(f"{where}: the KEK file has mode {oct(mode)}, not 0400/0440")
            if mode == 0o440 and not (spec.get("securityContext") or {}).get("fsGroup"):
                failures.append(f"{where}: a 0440 KEK file without an fsGroup is unreadable by the non-root user")
    elif "MUTUALIS_KEK_FILE" in env or secret_volumes:
        failures.append(f"{where}: without the PKI there must be no KEK (variable or Secret volume)")
    pki_volumes = [v for v in volumes if v["name"] == "pki"]
    if expect["pki"]:
        path = env.get("MUTUALIS_PKI_DIR", {}).get("value")
        mount, volume = mount_of(spec, container, path) if path else (None, None)
        claim = ((volume or {}).get("persistentVolumeClaim") or {}).get("claimName")
        if not path or not mount or mount["mountPath"].rstrip("/") != path.rstrip("/") or claim != expect["pki"]:
            failures.append(f"{where}: MUTUALIS_PKI_DIR ({path}) is not the mount of claim {expect['pki']} ({claim})")
        elif bool(mount.get("readOnly")) != expect.get("pki_read_only", False):
            failures.append(f"{where}: the PKI mount should be {'read-only' if expect.get('pki_read_only') else 'writable'}")
    elif "MUTUALIS_PKI_DIR" in env or pki_volumes:
        failures.append(f"{where}: there must be no PKI (MUTUALIS_PKI_DIR or volume)")
    url = env.get("MUTUALIS_TSA_URL", {}).get("value")
    if url != expect["tsa_url"]:
        failures.append(f"{where}: MUTUALIS_TSA_URL is {url!r}, not {expect['tsa_url']!r}")
    policy = env.get("MUTUALIS_TSA_POLICY", {}).get("value")
    if policy != expect["tsa_policy"]:
        failures.append(f"{where}: MUTUALIS_TSA_POLICY is {policy!r}, not {expect['tsa_policy']!r}")
    # Payments go to the DGFiP's PayFiP unless the values say otherwise (never the simulator).
    for name, value in [("MUTUALIS_PAYFIP_ENDPOINT", "https://www.payfip.gouv.fr/tpa/services/securite"),
                        ("MUTUALIS_PAYFIP_PAGE", "https://www.payfip.gouv.fr/tpa/paiementws.web"), ("MUTUALIS_PAYFIP_MODE", "T")]:
        if env.get(name, {}).get("value") != value:
            failures.append(f"{where}: {name} is {env.get(name, {}).get('value')!r}, not {value!r}")


NO_TRUST = {"kek": False, "pki": None, "tsa_url": None, "tsa_policy": "2.999.1.1"}
expectations = {
    "default": {"web": NO_TRUST, "worker": NO_TRUST, "migrate": NO_TRUST},
    "existing-claim": {"web": NO_TRUST, "worker": NO_TRUST, "migrate": NO_TRUST},
    "trust": {
        "web": {"kek": True, "kek_key": "kek", "pki": f"{PREFIX}-pki", "tsa_url": TSA_URL, "tsa_policy": "2.999.1.1"},
        "worker": {"kek": True, "kek_key": "kek", "pki": f"{PREFIX}-pki", "tsa_url": TSA_URL, "tsa_policy": "2.999.1.1"},
        # A pre-install hook runs before the chart's claim exists: the KEK, no PKI.
        "migrate": {"kek": True, "kek_key": "kek", "pki": None, "tsa_url": TSA_URL, "tsa_policy": "2.999.1.1"},
    },
    "trust-existing-claim": {
        role: {"kek": True, "kek_key": "kek.hex", "pki": "pki-commune", "pki_read_only": role == "migrate",
               "tsa_url": None, "tsa_policy": "1.2.250.1.999.1"}
        for role in ("web", "worker", "migrate")
    },
    "trust-pki-off": {role: dict(NO_TRUST, tsa_url=TSA_URL) for role in ("web", "worker", "migrate")},
}
# The claims the chart makes itself in each variant.
claims = {
    "default": {f"{PREFIX}-blobs", f"{PREFIX}-archive-copy"},
    "existing-claim": set(),
    "trust": {f"{PREFIX}-blobs", f"{PREFIX}-archive-copy", f"{PREFIX}-pki"},
    "trust-existing-claim": {f"{PREFIX}-blobs", f"{PREFIX}-archive-copy"},
    "trust-pki-off": {f"{PREFIX}-blobs", f"{PREFIX}-archive-copy"},
}

for variant, values in variants.items():
    try:
        manifests = chart.render(values, name=RELEASE, namespace="mutualis", is_install=True)
    except helm.HelmError as error:
        failures.append(f"{variant}: does not render: {error}")
        continue
    folder = os.path.join(output_dir, variant)
    os.makedirs(folder, exist_ok=True)
    files = []
    for template, text in sorted(manifests.items()):
        if not text.strip() or template.endswith("NOTES.txt"):
            continue
        path = os.path.join(folder, template.replace("/", "_"))
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        files.append(path)
    kinds = "\n".join(open(path, encoding="utf-8").read() for path in files)
    documents = [d for path in files for d in yaml.safe_load_all(open(path, encoding="utf-8")) if d]
    made = {d["metadata"]["name"] for d in documents if d.get("kind") == "PersistentVolumeClaim"}
    if made != claims[variant]:
        failures.append(f"{variant}: the chart makes the claims {sorted(made)}, not {sorted(claims[variant])}")
    if variant == "existing-claim" and "claimName: documents" not in kinds:
        failures.append("existing-claim: the given claim is not the one mounted")
    if variant == "existing-claim" and "claimName: archive-copie" not in kinds:
        failures.append("existing-claim: the given archive claim is not the one mounted")
    pods = {
        "web": workload(documents, "Deployment", "web"),
        "worker": workload(documents, "Deployment", "worker"),
        "migrate": workload(documents, "Job", "migrate"),
    }
    for role, spec in pods.items():
        if spec is None:
            failures.append(f"{variant}: no {role} workload rendered")
            continue
        check_pod(variant, role, spec, expectations[variant][role])
        if role == "migrate":
            continue
        env = {item["name"]: item.get("value") for item in spec["containers"][0].get("env", [])}
        mounts = {m["mountPath"] for m in spec["containers"][0].get("volumeMounts", [])}
        # The archive's second copy and the SEDA schemas, in every variant.
        if env.get("MUTUALIS_ARCHIVE_SECOND_ROOT") != "/var/lib/mutualis/archive-copy" or "/var/lib/mutualis/archive-copy" not in mounts:
            failures.append(f"{variant}: the {role} pods do not mount the archive's second copy")
        if env.get("MUTUALIS_SPECS_DIR") != "/usr/share/mutualis/specs":
            failures.append(f"{variant}: the {role} pods are not told where the SEDA schemas are")
        if not (env.get("MUTUALIS_OPENDATA_UPLOAD_LIMIT") or "").isdigit():
            failures.append(f"{variant}: the {role} pods have no open-data upload limit (openData.uploadLimit)")
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "kubernetes-validate"), "--strict", "--quiet", *files],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        failures.append(f"{variant}: kubernetes-validate --strict:\n{result.stdout}{result.stderr}")

for label, (values, message) in refused.items():
    try:
        chart.render(values, name=RELEASE, namespace="mutualis", is_install=True)
        failures.append(f"{label}: rendered, should fail with {message!r}")
    except helm.HelmError as error:
        if message not in str(error):
            failures.append(f"{label}: fails with {error}, not {message!r}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"chart ok: lint clean, {len(variants)} renderings valid, {len(refused)} refused with their message")
