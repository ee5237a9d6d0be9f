#!/usr/bin/env python3
"""Validates JSON documents the test suites produced against a documented
JSON Schema. Usage:

  validate_json.py SCHEMA DIR [REFERENCED_SCHEMA...]

Every *.json file of DIR is read as one JSON document per non-empty line (an
audit snapshot file is one pretty-printed document: read whole if it does not
parse line by line). REFERENCED_SCHEMA files are schemas SCHEMA refers to by
their $id. Fails if DIR holds no document (the suite must have written some).
"""
import json
import pathlib
import sys
import warnings

import jsonschema

warnings.filterwarnings("ignore", category=DeprecationWarning)


def documents(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError:
        return [json.loads(text)]


schema = json.loads(pathlib.Path(sys.argv[1]).read_text())
store = {}
for extra in sys.argv[3:]:
    referenced = json.loads(pathlib.Path(extra).read_text())
    store[referenced["$id"]] = referenced
jsonschema.Draft202012Validator.check_schema(schema)
resolver = jsonschema.RefResolver.from_schema(schema, store=store)
validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
files = sorted(pathlib.Path(sys.argv[2]).glob("*.json"))
count = bad = 0
for path in files:
    for doc in documents(path):
        count += 1
        errors = list(validator.iter_errors(doc))
        if errors:
            bad += 1
            best = jsonschema.exceptions.best_match(errors)
            print(f"{path.name}: {'/'.join(map(str, best.path))}: {best.message[:300]}")
name = pathlib.Path(sys.argv[1]).name
print(f"validate_json: {count} documents against {name}, {bad} invalid")
sys.exit(1 if bad or count == 0 else 0)
