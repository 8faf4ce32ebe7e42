"""Writes the decoded text/* parts of every message under a corpus folder to one file per message,
for bench/sentiment-dump.sh. Usage: mail_bodies.py CORPUS_DIR OUT_DIR"""
import email
import email.policy
import os
import sys


def body(message):
    parts = []
    for part in message.walk():
        if part.get_content_maintype() != "text" or part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "us-ascii"
        try:
            parts.append(payload.decode(charset, errors="replace"))
        except LookupError:
            parts.append(payload.decode("latin-1"))
    return "\n".join(parts)


def main(corpus, out):
    for root, _, names in sorted(os.walk(corpus)):
        for name in sorted(names):
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                message = email.message_from_binary_file(handle, policy=email.policy.compat32)
            target = os.path.relpath(path, corpus).replace(os.sep, "-")
            with open(os.path.join(out, target), "w", encoding="utf-8", errors="surrogatepass") as handle:
                handle.write(body(message))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
