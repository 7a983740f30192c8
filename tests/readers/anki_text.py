#!/usr/bin/env python3
"""Reads a file in Anki's text import format as Anki's manual describes it
(docs.ankiweb.net, "Importing" > "Text Files"), independently of syllabus's writer.

The file may start with header lines `#key:value`: `separator` (Comma, Semicolon, Tab,
Space, Pipe, Colon, or the character itself), `html` (true or false), `tags`, `columns`
(the column names, split by the separator), `notetype`, `deck`, and `notetype column`,
`deck column`, `tags column`, `guid column` (1-based). Then one note per line: fields split
on the separator; a field in double quotes may hold the separator and line breaks, with a
double quote written twice.

Usage: anki_text.py FILE. Prints {"headers": {...}, "notes": [[field, ...], ...]} as JSON;
exit status 1 with a message for a file Anki would not read this way."""

import csv
import io
import json
import sys

SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|", "colon": ":"}
KNOWN = {"separator", "html", "tags", "columns", "notetype", "deck",
         "notetype column", "deck column", "tags column", "guid column"}


def fail(message):
    print(f"anki_text.py: {message}", file=sys.stderr)
    sys.exit(1)


def main(path):
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    headers = {}
    while lines and lines[0].startswith("#"):
        key, sep, value = lines.pop(0)[1:].partition(":")
        if not sep:
            fail(f"header line without ':': {key!r}")
        if key not in KNOWN:
            fail(f"unknown header {key!r}")
        headers[key] = value
    raw = headers.get("separator", "tab")
    separator = SEPARATORS.get(raw.lower(), raw)
    if len(separator) != 1:
        fail(f"separator {raw!r} is not one character")
    if headers.get("html") not in (None, "true", "false"):
        fail(f"html must be true or false, found {headers['html']!r}")
    columns = headers["columns"].split(separator) if "columns" in headers else None
    for key in ("notetype column", "deck column", "tags column", "guid column"):
        if key in headers:
            n = int(headers[key])
            if columns is not None and not 1 <= n <= len(columns):
                fail(f"{key} {n} is not one of the {len(columns)} columns")
    body = "\n".join(lines)
    notes = [row for row in csv.reader(io.StringIO(body), delimiter=separator, quotechar='"') if row]
    for i, row in enumerate(notes, 1):
        if columns is not None and len(row) != len(columns):
            fail(f"note {i} has {len(row)} fields, the columns are {len(columns)}")
    json.dump({"headers": headers, "columns": columns, "notes": notes}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
