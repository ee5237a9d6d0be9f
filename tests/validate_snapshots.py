#!/usr/bin/env python3
"""Validates every audit snapshot the integration suite wrote against
docs/snapshot.schema.json. Usage: validate_snapshots.py SCHEMA DIR
Fails if DIR holds no snapshot (the suite must have written some)."""
import json
import pathlib
import sys

import jsonschema

schema = json.loads(pathlib.Path(sys.argv[1]).read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
files = sorted(pathlib.Path(sys.argv[2]).glob("*.json"))
bad = 0
for path in files:
    for error in validator.iter_errors(json.loads(path.read_text())):
        bad += 1
        print(f"{path.name}: {'/'.join(map(str, error.path))}: {error.message}")
print(f"validate_snapshots: {len(files)} snapshots, {bad} errors")
sys.exit(1 if bad or not files else 0)
