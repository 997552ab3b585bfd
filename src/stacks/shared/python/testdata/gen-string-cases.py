"""Writes string-cases.json: how CPython decodes a list of Python string literal spellings.

Run with python3 (3.11 or later) from this directory: python3 gen-string-cases.py
The vitest suite compares decodePythonString with this table, so CI needs no Python.
Non-f literals are evaluated with ast.literal_eval; f-strings are described from their ast.JoinedStr.
"""
import ast
import json
import sys
import warnings
from pathlib import Path

CASES = [
    # quotes and prefixes
    "'abc'", '"abc"', "'''abc'''", '"""abc"""', "''", '""', "''''''",
    "u'abc'", "U'abc'", "r'abc'", "R'abc'", "b'abc'", "B'abc'",
    "rb'a\\d'", "Rb'a\\d'", "rB'a\\d'", "br'a\\d'", "BR'a\\d'", "bR'a\\d'",
    "ur'x'", "bu'x'", "fb'x'", "x'abc'",
    # simple escapes
    r"'a\nb'", r"'a\tb'", r"'a\\b'", r"'a\'b'", r'"a\"b"', r"'\a\b\f\r\v'", r"'\"'", r'"\'"',
    # hex, octal, unicode
    r"'\x41\x7e'", r"'\x4'", r"'\xZZ'", r"'\101'", r"'\0'", r"'\08'", r"'\1234'", r"'\777'",
    r"b'\777'", r"b'\400'", r"b'\x41'", r"b'\xff'",
    r"'\u00e9'", r"'\u00E9t\u00e9'", r"'\u12'", r"'\U0001F600'", r"'\U00110000'", r"'\ud800'",
    r"b'\u00e9'", r"b'\N{DASH}'", r"'\N{EM DASH}'",
    # unknown escapes keep the backslash
    r"'\d+\.example\.com'", r"'^https://\w+\.ex\.com$'", r"'\q'", r"b'\q'",
    # raw strings keep backslashes, even before quotes
    r"r'\n'", r"r'^https://\w+\.example\.com$'", r"r'\''", r'r"\""', r"r'a\\'", "r'\\\n'",
    # line continuation inside a literal
    "'ab\\\ncd'", "'''ab\\\ncd'''", "b'ab\\\ncd'",
    # triple quotes with newlines and embedded quotes
    "'''a\nb'''", '"""a "quoted" b"""', "'''it's'''", "'''a\r\nb'''", '"""a\rb"""',
    # unterminated / newline in single-quoted
    "'abc", "'a\nb'", '"abc\'',
    # non-ASCII
    "'café ☕😀'", "b'café'", r"'\xe9'",
    # implicit concatenation
    "'a' 'b'", "'a'  \"b\"  '''c'''", "'a'\n'b'", "'a' # comment\n 'b'", "'a' \\\n 'b'",
    "b'a' b'b'", "'a' b'b'", "r'\\d' '\\n'", "u'a' r'\\b'",
    # f-strings
    "f'abc'", "f'a{x}b'", "f'{x}'", "f'{x!r}'", "f'{x!s:>10}'", "f'{x:{w}}'", "f'{{literal}}'",
    "f'a{{b}}c{d}e'", "F'{x}'", "rf'\\d{x}'", "fr'{x}\\n'", "Rf'{x}'", "f'\\n{x}\\t'",
    "f'{x=}'", "f'{x = }'", "f'{x=!s}'", "f'{x=:>4}'", "f'{a!=b}'", "f'{a==b}'",
    "f'{d[\"k\"]}'", "f'{f(1, 2)}'", "f'{ x }'", "f'{x}' 'y' f'{z}'", "'pre' f'{x}'",
    "f'{'", "f'}'", "f'{}'", "f'{x!z}'", "f'{x'", "f'https://{HOST}:{PORT}/'", "f'\\N{EM DASH}{x}'",
    "f'''multi\n{x}\nline'''", "b'a' f'{x}'",
]


def describe(src):
    try:
        # Parenthesised, as tree-sitter's concatenated_string node text never includes the brackets
        # that allow adjacent literals on separate lines.
        tree = ast.parse("(" + src + ")", mode="eval")
    except SyntaxError as exc:
        return {"src": src, "ok": False, "error": f"SyntaxError: {exc.msg}"}
    node = tree.body
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append({"kind": "literal", "value": value.value})
            else:
                part = {"kind": "placeholder", "expression": ast.unparse(value.value)}
                if value.conversion != -1:
                    part["conversion"] = chr(value.conversion)
                part["hasFormatSpec"] = value.format_spec is not None
                parts.append(part)
        return {"src": src, "ok": True, "isBytes": False, "isFString": True, "parts": parts}
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError) as exc:
        return {"src": src, "ok": False, "error": f"{type(exc).__name__}: {exc}"}
    if isinstance(value, bytes):
        return {"src": src, "ok": True, "isBytes": True, "isFString": False, "value": value.decode("latin-1")}
    return {"src": src, "ok": True, "isBytes": False, "isFString": False, "value": value}


def main():
    warnings.simplefilter("ignore")
    out = {
        "python": sys.version.split()[0],
        "cases": [describe(src) for src in CASES],
    }
    target = Path(__file__).with_name("string-cases.json")
    target.write_text(json.dumps(out, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"wrote {len(out['cases'])} cases to {target}")


if __name__ == "__main__":
    main()
