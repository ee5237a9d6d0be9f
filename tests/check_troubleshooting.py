#!/usr/bin/env python3
"""Checks that every error message docs/troubleshooting.md lists is one gander
can print, so that the page cannot drift from the code (ctest
`troubleshooting_messages`).

    tests/check_troubleshooting.py DOC SRC_DIR

A message is a `backticked` span in the first cell of a table row of DOC
(what the engine or the system adds is written in *italics* there, and not
checked). Its variable parts are `...` (any text) and the placeholder words
that the page's own "Placeholders:" line lists (FILE, LINE, N, ...). Cut at
those parts, what is left are the message's fixed pieces; each, without the
spaces and colons at its ends, must occur verbatim inside one C++ string
literal under SRC_DIR (adjacent literals joined, escapes decoded). A piece of
punctuation only is not checked. So `migration N (FILE) is dirty: its PART
part stopped after K of M statements` needs literals holding "migration",
") is dirty: its", "part stopped after", "of" and "statements": a message
whose wording changed in the code no longer matches.

Prints one line per message that does not match, naming the piece not
found, and exits 1; else prints how many messages were checked.
"""
import pathlib
import re
import sys

from cpp_literals import string_literals

def messages(doc_text):
    """Yields (line number, message) for each checked span of the tables."""
    for number, line in enumerate(doc_text.splitlines(), 1):
        if not line.startswith("|") or re.match(r"^\|[\s|:-]+\|?$", line):
            continue
        cells = line.strip().strip("|").split("|")
        first = cells[0].strip()
        if first in ("message",):
            continue
        for m in re.finditer(r"`([^`]+)`", first):
            yield number, m.group(1)


def placeholders(doc_text):
    m = re.search(r"^Placeholders:(.*)$", doc_text, re.M)
    if not m:
        sys.exit("check_troubleshooting: the page has no 'Placeholders:' line naming the variable words")
    return [w for w in re.split(r"[\s,.]+", m.group(1)) if w]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    doc = pathlib.Path(sys.argv[1])
    doc_text = doc.read_text()
    literals = []
    for path in sorted(pathlib.Path(sys.argv[2]).rglob("*")):
        if path.suffix in (".cc", ".h"):
            literals.extend(string_literals(path.read_text()))
    words = placeholders(doc_text)
    variable = re.compile(r"\.\.\.|\b(?:" + "|".join(map(re.escape, words)) + r")\b")
    checked, failed = 0, 0
    for number, message in messages(doc_text):
        checked += 1
        for piece in variable.split(message):
            piece = piece.strip(" :")
            if not re.search(r"\w", piece):
                continue
            if not any(piece in literal for literal in literals):
                print(f"{doc}:{number}: `{message}`: gander has no string literal holding \"{piece}\"")
                failed += 1
                break
    if checked < 20:
        sys.exit(f"check_troubleshooting: only {checked} messages found in {doc} (format changed?)")
    if failed:
        print(f"{failed} of {checked} messages of {doc} are not ones gander can print")
        return 1
    print(f"all {checked} messages of {doc} occur in the code under {sys.argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
