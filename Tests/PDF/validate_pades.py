#!/usr/bin/env python3
"""Validate every signature embedded in a PDF with pyHanko, against one trust root.

    validate_pades.py FILE.pdf CA.pem EXPECTED_COUNT

Prints one JSON line per signature, in signing order (regular signatures and document
timestamps alike; a timestamp's TSA must chain to the same CA), then exits:
  0  EXPECTED_COUNT signatures, each intact, valid, trusted, its embedded signature timestamp
     (if any) too, and every later revision judged an allowed modification by pyHanko's
     difference analysis (ModificationLevel NONE, LTA_UPDATES or FORM_FILLING);
  1  otherwise; 2 on bad arguments.

Tested with pyhanko==0.38.0 and pyhanko-certvalidator==0.33.0. The file is read in strict mode,
so a sloppy cross-reference or object layout fails too, except in a hybrid-reference file
(/XRefStm), which pyHanko's strict mode refuses outright: that is validated non-strict and its
lines say "hybrid_xref": true. No network: revocation is not fetched
(the test certificates carry no CRL or OCSP pointer, and the mode is soft-fail).
"""

import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.misc import PdfStrictReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext

ALLOWED_MODIFICATIONS = {
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
}


def context(root):
    return ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")


def check(embedded, root):
    """Validate one embedded signature; return (report dict, ok)."""
    is_timestamp = embedded.sig_object_type == "/DocTimeStamp"
    if is_timestamp:
        status = validate_pdf_timestamp(embedded, validation_context=context(root))
        timestamp = None
    else:
        status = validate_pdf_signature(embedded, context(root), ts_validation_context=context(root))
        timestamp = status.timestamp_validity
    level = status.modification_level
    timestamp_ok = timestamp is None or (timestamp.intact and timestamp.valid and timestamp.trusted)
    ok = bool(
        status.intact
        and status.valid
        and status.trusted
        and timestamp_ok
        and (level is None or level in ALLOWED_MODIFICATIONS)
    )
    report = {
        "field": embedded.field_name,
        "type": str(embedded.sig_object_type).lstrip("/"),
        "sub_filter": str(embedded.sig_object.get("/SubFilter", "")).lstrip("/"),
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "coverage": status.coverage.name if status.coverage is not None else None,
        "modification_level": level.name if level is not None else None,
        "signer": status.signing_cert.subject.human_friendly,
        "has_timestamp": is_timestamp or timestamp is not None,
        "timestamp_trusted": bool(timestamp.trusted) if timestamp is not None else None,
        "ok": ok,
    }
    if not ok and hasattr(status, "pretty_print_details"):
        report["details"] = status.pretty_print_details()
    return report, ok


def main(argv):
    if len(argv) != 4 or not argv[3].isdigit():
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    path, ca_path, expected = argv[1], argv[2], int(argv[3])
    root = load_cert_from_pemder(ca_path)
    failures = 0
    with open(path, "rb") as handle:
        strict_error = None
        try:
            reader = PdfFileReader(handle, strict=True)
            hybrid = reader.xrefs.hybrid_xrefs_present
        except PdfStrictReadError as error:
            handle.seek(0)
            reader = PdfFileReader(handle, strict=False)
            hybrid = reader.xrefs.hybrid_xrefs_present
            if not hybrid:
                raise
            strict_error = str(error)
        if hybrid:
            # A hybrid-reference file (/XRefStm, as Microsoft Office writes them): pyHanko's
            # strict mode refuses to validate any signature in one (a PDF 1.4 reader could be
            # shown other content), and its strict reader rejects the Office layout once any
            # hidden object is updated (freed at generation 65535 in the table, then rewritten
            # at generation 0, which pyHanko's own incremental writer does too). Validate those
            # non-strict, and say so in each line.
            handle.seek(0)
            reader = PdfFileReader(handle, strict=False)
        signatures = reader.embedded_signatures
        for embedded in signatures:
            try:
                report, ok = check(embedded, root)
            except Exception as error:  # a validation that crashes is a failure, reported as one
                report, ok = {"field": embedded.field_name, "ok": False, "error": repr(error)}, False
            report["hybrid_xref"] = hybrid
            if strict_error:
                report["strict_read_error"] = strict_error
            print(json.dumps(report, ensure_ascii=False))
            failures += 0 if ok else 1
    if len(signatures) != expected:
        print(json.dumps({"error": f"expected {expected} signatures, found {len(signatures)}"}))
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
