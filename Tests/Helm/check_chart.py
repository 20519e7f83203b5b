"""Lints and renders Helm/mutualis offline (helm-python-sdk: Helm's Go SDK, no helm binary), then
validates every rendered manifest with kubernetes-validate --strict.

Usage: check_chart.py CHART_DIR OUTPUT_DIR. Exits 1 with the findings on any lint error or
warning, render error or invalid manifest. Renders twice: the default values, and an existing
volume claim with another ingress class (the branches of the templates).
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
    "existing-claim": {"blobs": {"existingClaim": "documents"}, "ingress": {"className": "traefik"}},
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
