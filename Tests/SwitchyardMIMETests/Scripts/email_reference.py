#!/usr/bin/env python3
"""Reference parse with Python's email package (policy=default) for the differential test.

Usage: email_reference.py FILE...   (or file names on stdin, one per line, when no arguments)
Prints one JSON object per file: {"file", "subject", "from", "body", "errors"}.
One process for the whole corpus keeps the test fast.
"""
import email
import email.policy
import json
import re
import sys

# Python keeps undecodable header bytes as lone surrogates; JSON readers reject those.
SURROGATES = re.compile("[\ud800-\udfff]")


def clean(value):
    return None if value is None else SURROGATES.sub("\ufffd", str(value))


def first_address(msg):
    header = msg["from"]
    if header is None:
        return None
    addresses = getattr(header, "addresses", ())
    return addresses[0].addr_spec if addresses else None


def reference(path):
    result = {"file": path, "subject": None, "from": None, "body": None, "errors": []}
    with open(path, "rb") as handle:
        msg = email.message_from_bytes(handle.read(), policy=email.policy.default)
    for key, read in (("subject", lambda: msg["subject"]), ("from", lambda: first_address(msg))):
        try:
            value = read()
            result[key] = clean(value)
        except Exception as error:  # the reference's own failures are a category in the test
            result["errors"].append(f"{key}: {type(error).__name__}")
    try:
        part = msg.get_body(preferencelist=("plain",))
        result["body"] = None if part is None else clean(part.get_content())
    except Exception as error:
        result["errors"].append(f"body: {type(error).__name__}")
    return result


def main():
    paths = sys.argv[1:] or [line.strip() for line in sys.stdin if line.strip()]
    out = sys.stdout
    for path in paths:
        out.write(json.dumps(reference(path)) + "\n")


if __name__ == "__main__":
    main()
