#!/usr/bin/env python3
"""Generates python-re-cases.json: how CPython's `re` answers (pattern, flavor, input) for the three
Python origin flavors. Run with python3 3.11: `python3 gen-python-cases.py > python-re-cases.json`.
The vitest suite checks the TypeScript matcher against this file, so CI needs no Python."""
import json
import re
import sys

FLAVORS = {
    "python-re-match": lambda p, s: re.match(p, s),
    "python-re-fullmatch": lambda p, s: re.fullmatch(p, s),
    "python-re-match-ignorecase": lambda p, s: re.match(p, s, re.IGNORECASE),
}

PATTERNS = [
    # Anchoring: match is start-anchored only, fullmatch both ends.
    r"https://example\.com",
    r"^https://example\.com$",
    r"https://(www\.)?example\.com\Z",
    r"\Ahttps://[a-z0-9-]+\.example\.com\Z",
    r"https://.*\.example\.com",
    r"https://.*example.com$",
    r"example\.com",
    r".*example\.com",
    r"https?://localhost:\d+",
    r"https://\w+\.example\.com",
    # Translation: named groups, backreference-free named syntax, inline flags, comments, verbose.
    r"(?P<scheme>https?)://(?P<host>[a-z]+)\.example\.com$",
    r"(?i)https://APP\.example\.com$",
    r"(?i:HTTPS)://app\.example\.com$",
    r"https://(?-i:app)\.example\.com$",
    r"https://(?#comment)app\.example\.com$",
    r"(?x) https://  app \. example \. com  # trailing comment",
    r"(?a)https://\w+\.example\.com$",
    r"(?s)https://.+\.example\.com$",
    r"(?m)^https://a\.example\.com$",
    # Escapes and classes.
    r"https://[\w.-]+\.example\.com$",
    r"https://[^/]+\.example\.com$",
    r"https://[]a]+\.com$",
    r"https://\x61pp\.example\.com$",
    r"https://\u0061pp\.example\.com$",
    r"https://\141pp\.example\.com$",
    r"https://a{,2}\.example\.com$",
    r"https://a{2}\.example\.com$",
    r"https://a{}\.example\.com$",
    r"https://a{,}b$",
    r"https://[a-z]++\.example\.com$",
    r"https://(?>[a-z]+)\.example\.com$",
    r"https://[a-z]*+[a-z]\.example\.com$",
    r"\s*https://a\.com",
    r"https://a\.com\b",
    r"https://a\.com\B",
    r"https://[\d]+\.example\.com",
    r"ſ",
    r"K",
    r"İ",
    r"i",
    # Invalid in Python: must be unverifiable, never guessed.
    r"https://(?<name>a)\.com",
    r"https://\e\.com",
    r"*a",
    r"https://a(?i)\.com",
    r"[z-a]",
]

INPUTS = [
    "https://example.com",
    "https://www.example.com",
    "https://app.example.com",
    "https://APP.example.com",
    "HTTPS://app.example.com",
    "https://a.example.com.evil.example",
    "https://evilexample.com",
    "https://examplexcom",
    "http://localhost:3000",
    "http://localhost:3000.evil.example",
    "https://app.example.com\n",
    "https://a.com",
    "https://a.comx",
    "https://a.com.",
    "https://aa.example.com",
    "https://.example.com",
    "https://]a.com",
    "https://a{}.example.com",
    "https://aab",
    "https://b",
    "https://123.example.com",
    "https://x_y.example.com",
    " https://a.com",
    "\x1chttps://a.com",
    "s",
    "S",
    "k",
    "\u212a",
    "i",
    "I",
    "\u0130",
    "\u0131",
    "null",
]


def main() -> None:
    cases = []
    for pattern in PATTERNS:
        for flavor, run in FLAVORS.items():
            try:
                re.compile(pattern)
            except re.error as e:
                cases.append({"pattern": pattern, "flavor": flavor, "error": str(e)})
                continue
            # One character per input, in INPUTS order: "1" matched, "0" did not.
            bits = "".join("1" if run(pattern, s) is not None else "0" for s in INPUTS)
            cases.append({"pattern": pattern, "flavor": flavor, "matches": bits})
    out = {"python": sys.version.split()[0], "inputs": INPUTS, "cases": cases}
    sys.stdout.write(json.dumps(out, indent=1, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
