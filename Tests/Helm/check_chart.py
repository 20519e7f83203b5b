"""Lints and renders Helm/mutualis offline (helm-python-sdk: Helm's Go SDK, no helm binary), then
validates every rendered manifest with kubernetes-validate --strict.

Usage: check_chart.py CHART_DIR OUTPUT_DIR. Exits 1 with the findings on any lint error or
warning, render error or invalid manifest. Renders three times: the default values; existing
volume claims with another ingress class; trust services on (the KEK Secret, the PKI volume, an
external TSA). Asserts where the KEK, the PKI, the archive's second copy and the schemas come from.
"""
import os
import subprocess
import sys

import helm_python as helm

chart_dir, output_dir = sys.argv[1], sys.argv[2]
failures = []

report = helm.lint(chart_dir, strict=True)
for message in report.get("messages", []):
    if message.get("severity", 0) >= 2:
        failures.append(f"lint: {message.get('path')}: {message.get('error')}")
failures += [f"lint: {error}" for error in report.get("errors", []) or []]

chart = helm.Chart.load(chart_dir)
variants = {
    "default": None,
    "existing-claim": {"blobs": {"existingClaim": "documents"}, "ingress": {"className": "traefik"},
                       "archive": {"secondCopy": {"existingClaim": "archive-copie"}}},
    "trust": {"trust": {"kekSecret": "mutualis-kek", "tsaURL": "https://tsa.example.org/tsr"}},
}
for variant, values in variants.items():
    manifests = chart.render(values, name="mutualis", namespace="mutualis", is_install=True)
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
    if variant == "default" and "kind: PersistentVolumeClaim" not in kinds:
        failures.append("default: no PersistentVolumeClaim for the blobs")
    if variant == "existing-claim" and ("kind: PersistentVolumeClaim" in kinds or "claimName: documents" not in kinds):
        failures.append("existing-claim: the given claim is not the one mounted")
    web = next((open(path, encoding="utf-8").read() for path in files if "deployment-web" in path), "")
    worker = next((open(path, encoding="utf-8").read() for path in files if "deployment-worker" in path), "")
    for role, text in (("web", web), ("worker", worker)):
        # The archive's second copy and the SEDA schemas, in every variant.
        if "MUTUALIS_ARCHIVE_SECOND_ROOT" not in text or "mountPath: /var/lib/mutualis/archive-copy" not in text:
            failures.append(f"{variant}: the {role} pods do not mount the archive's second copy")
        if "value: /usr/share/mutualis/specs" not in text:
            failures.append(f"{variant}: the {role} pods are not told where the SEDA schemas are")
        if variant == "trust":
            if "value: /var/run/secrets/mutualis/kek" not in text or "secretName: mutualis-kek" not in text or "readOnly: true" not in text:
                failures.append(f"trust: the {role} pods do not read the KEK from the Secret, read-only")
            if "value: /var/lib/mutualis/pki" not in text or "claimName: mutualis-mutualis-pki" not in text:
                failures.append(f"trust: the {role} pods do not mount the PKI volume")
            if "value: \"https://tsa.example.org/tsr\"" not in text:
                failures.append(f"trust: the {role} pods are not given the external TSA")
        elif "MUTUALIS_KEK_FILE" in text or "MUTUALIS_PKI_DIR" in text:
            failures.append(f"{variant}: without a KEK Secret, the {role} pods must have no PKI")
    if variant == "existing-claim" and "claimName: archive-copie" not in kinds:
        failures.append("existing-claim: the given archive claim is not the one mounted")
    if variant == "trust" and kinds.count("kind: PersistentVolumeClaim") != 3:
        failures.append("trust: expected the blobs, PKI and archive-copy claims")
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "kubernetes-validate"), "--strict", "--quiet", *files],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        failures.append(f"{variant}: kubernetes-validate --strict:\n{result.stdout}{result.stderr}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"chart ok: lint clean, {len(variants)} renderings valid")
