#!/usr/bin/env python3
"""The application form schema and the shipped forms agree: every shipped form is valid, a bad one is not.

usage: check_application_schema.py FORMS_DIR
"""
import json
import pathlib
import sys

import jsonschema

forms = pathlib.Path(sys.argv[1])
schema = json.loads((forms / "application.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0
files = sorted((forms / "application").glob("*.json"))
for path in files:
    for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))):
        print(f"{path}: {e.json_path}: {e.message}")
        failures += 1
# What the loader refuses and the schema can see: an unknown type, a pattern without its hint, a group in a group.
bad = json.loads(files[0].read_text(encoding="utf-8"))
for field, why in [({"id": "x", "type": "textarea", "label": "X"}, "unknown type"),
                   ({"id": "x", "type": "text", "label": "X", "pattern": "^[0-9]{6}$"}, "pattern without pattern_hint"),
                   ({"id": "g", "type": "group", "label": "G", "fields": [{"id": "h", "type": "group", "label": "H", "fields": []}]},
                    "group in a group")]:
    bad["fields"] = [field]
    if validator.is_valid(bad):
        print(f"the schema accepts a form with {why}, which the loader refuses")
        failures += 1
print(f"checked {len(files)} application forms: {'ok' if not failures else 'FAILED'}")
sys.exit(1 if failures else 0)
