#!/usr/bin/env python3
"""Writes Sources/SwitchyardMIME/HTMLEntityTable.swift: the WHATWG HTML named character references.

The data is Python's html.entities.html5, which is the WHATWG table
(https://html.spec.whatwg.org/multipage/named-characters.html, entities.json): 2,231 names, each
exactly as the standard spells it -- with the trailing ";" where it has one, and the 106 legacy
names once more without it. The Swift side parses the records once, on first use.

Usage (from the repository root):
    python3 scripts/generate-html-entities.py > Sources/SwitchyardMIME/HTMLEntityTable.swift
"""

import html.entities
import platform
import sys

INDENT = " " * 8
WIDTH = 120


def record(name: str, value: str) -> str:
    # "name=HEX[,HEX]": names are ASCII letters and digits plus an optional ";", so neither "="
    # nor a blank can occur in one; hex keeps control characters and combining marks readable.
    return name + "=" + ",".join(f"{ord(scalar):X}" for scalar in value)


def main() -> None:
    table = html.entities.html5
    records = [record(name, table[name]) for name in sorted(table)]
    lines, line = [], ""
    for item in records:
        if line and len(INDENT) + len(line) + 1 + len(item) > WIDTH:
            lines.append(line)
            line = item
        else:
            line = f"{line} {item}" if line else item
    lines.append(line)
    legacy = sum(1 for name in table if not name.endswith(";"))
    two = sum(1 for value in table.values() if len(value) > 1)
    out = sys.stdout
    out.write(
        "// GENERATED FILE -- do not edit. Regenerate from the repository root with:\n"
        "//     python3 scripts/generate-html-entities.py > Sources/SwitchyardMIME/HTMLEntityTable.swift\n"
        f"// Data: Python {platform.python_version()} html.entities.html5, which is the WHATWG HTML named\n"
        "// character references table (https://html.spec.whatwg.org/multipage/named-characters.html).\n"
        f"// {len(table)} names ({legacy} legacy ones also without \";\", {two} mapping to two code points).\n"
        "\n"
        "extension HTMLEntities {\n"
        f"    /// Longest name (with \";\"): a reference scan never needs to look further.\n"
        f"    static let longestName = {max(map(len, table))}\n"
        f"    /// Longest legacy name (valid without \";\"): bounds the longest-prefix search.\n"
        f"    static let longestLegacyName = {max(len(name) for name in table if not name.endswith(';'))}\n"
        "\n"
        f"    /// The {len(table)} WHATWG names as \"name=HEX[,HEX]\" records separated by blanks, sorted by name.\n"
        "    static let records = \"\"\"\n"
    )
    for text in lines:
        out.write(INDENT + text + "\n")
    out.write('        """\n}\n')


if __name__ == "__main__":
    main()
