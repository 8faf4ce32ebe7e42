#!/usr/bin/env python3
"""Python email (policy=default) parse throughput on the same files as MIMEBench.

Usage: mime_parse_python.py ROUNDS FILE...  Prints one JSON line with the best round's figures.
Per message it does the work the Swift side does: parse, decoded Subject and From, the text
body (plain, else HTML), and every attachment's content with its SHA-256.
"""
import email
import email.policy
import hashlib
import json
import sys
import time


def work(data):
    msg = email.message_from_bytes(data, policy=email.policy.default)
    total = len(str(msg.get("subject", "") or ""))
    try:
        total += len(str(msg.get("from", "") or ""))
        body = msg.get_body(preferencelist=("plain", "html"))
        if body is not None:
            total += len(body.get_content())
        for part in msg.iter_attachments():
            content = part.get_payload(decode=True) or b""
            total += len(hashlib.sha256(content).hexdigest())
    except Exception:  # broken messages count as parsed, as on the Swift side
        pass
    return total


def main():
    rounds = int(sys.argv[1])
    messages = []
    for path in sys.argv[2:]:
        with open(path, "rb") as handle:
            messages.append(handle.read())
    best = float("inf")
    checksum = 0
    for _ in range(max(1, rounds)):
        start = time.perf_counter()
        for data in messages:
            checksum += work(data)
        best = min(best, time.perf_counter() - start)
    size = sum(len(m) for m in messages)
    print(json.dumps({"parser": "python-email", "messages": len(messages), "bytes": size, "seconds": best,
                      "messages_per_second": len(messages) / best, "mb_per_second": size / 1048576 / best,
                      "checksum": checksum}, sort_keys=True))


if __name__ == "__main__":
    main()
