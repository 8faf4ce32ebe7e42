#!/usr/bin/env python3
"""smtp_send.py -- send one message file, byte for byte, over SMTP or LMTP and print the replies.

Usage:
    smtp_send.py [--lmtp] [--smtputf8] HOST PORT SENDER RCPT[,RCPT...] FILE

FILE must already have CRLF line ends (it is sent as is, dot-stuffed by smtplib). BODY=8BITMIME
is always asked for; --smtputf8 adds SMTPUTF8 (RFC 6531), needed for non-ASCII addresses.
Prints one JSON object: {"code": <DATA reply code>, "refused": {rcpt: [code, text]}} and exits 0
when the message was accepted for at least one recipient, 1 otherwise. Used by the end-to-end
tests (Tests/EndToEndTests) where swaks cannot do SMTPUTF8.
"""
import json
import smtplib
import sys


def main(argv):
    lmtp = "--lmtp" in argv
    utf8 = "--smtputf8" in argv
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    host, port, sender, rcpts, path = args
    with open(path, "rb") as fh:
        data = fh.read()
    options = ["BODY=8BITMIME"] + (["SMTPUTF8"] if utf8 else [])
    client = (smtplib.LMTP if lmtp else smtplib.SMTP)(host, int(port), timeout=60)
    try:
        client.ehlo_or_helo_if_needed() if not lmtp else None
        refused = client.sendmail(sender, rcpts.split(","), data, mail_options=options)
        print(json.dumps({"code": 250, "refused": {k: [v[0], v[1].decode("utf-8", "replace")] for k, v in refused.items()}}))
        return 0
    except smtplib.SMTPResponseException as exc:
        print(json.dumps({"code": exc.smtp_code, "error": exc.smtp_error.decode("utf-8", "replace")}))
        return 1
    except smtplib.SMTPRecipientsRefused as exc:
        print(json.dumps({"code": 550, "refused": {k: [v[0], v[1].decode("utf-8", "replace")] for k, v in exc.recipients.items()}}))
        return 1
    finally:
        try:
            client.quit()
        except Exception:
            pass


if __name__ == "__main__":
    sys.exit(main(sys.argv))
