#!/usr/bin/env python3
"""The JSON Schema and the shipped catalogue agree: every shipped file is valid, every bad fixture is not.

usage: check_catalogue_schema.py FORMS_DIR FIXTURES_DIR
"""
import json
import pathlib
import sys

import jsonschema

forms, fixtures = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
schema = json.loads((forms / "catalogue.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0
for path in sorted((forms / "catalogue").glob("*.json")) + [fixtures / "valid_two_items.json"]:
    errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
    for e in errors:
        print(f"{path}: {e.json_path}: {e.message}")
    failures += bool(errors)
bad = json.loads((fixtures / "missing_material_name.json").read_text(encoding="utf-8"))
if validator.is_valid(bad):
    print("the schema accepts missing_material_name.json, which the loader refuses")
    failures += 1
print(f"checked {len(list((forms / 'catalogue').glob('*.json')))} catalogue files: {'ok' if not failures else 'FAILED'}")
sys.exit(1 if failures else 0)
