#!/usr/bin/env python3
"""Checks the scenario JSON Schema and validates scenario files against it.

    python3 scripts/check-scenarios.py [FILE.json ...]

Without arguments it checks every Scenarios/*.json (except the schema itself). It verifies that
Scenarios/scenario.schema.json is a valid JSON Schema (draft 2020-12) in which every property has
a description (editors show them), then validates each scenario file against it.

This is the editor-facing contract only: openchat-probe's own parser (Sources/Scenario) validates
more (flow order, placeholders, regular expressions, environment variables) and is tested by
`swift test --filter ScenarioTests`.

Needs the `jsonschema` package (pip install jsonschema). Exit status: 0 when everything is valid,
1 when anything is not (or jsonschema is missing).
"""

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "Scenarios"
SCHEMA = SCENARIOS / "scenario.schema.json"


def fail(message):
    print(f"check-scenarios: {message}", file=sys.stderr)


def load_json(path):
    """The parsed file, or None after printing where its syntax breaks."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        fail(f"{path}: cannot read: {error.strerror}")
    except json.JSONDecodeError as error:
        fail(f"{path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}")
    return None


def properties_without_description(node, where="$"):
    """JSON-pointer-ish locations of schema properties that lack a description."""
    missing = []
    if isinstance(node, dict):
        for name, subschema in (node.get("properties") or {}).items():
            if isinstance(subschema, dict) and "description" not in subschema:
                missing.append(f"{where}/properties/{name}")
        for key, value in node.items():
            missing.extend(properties_without_description(value, f"{where}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            missing.extend(properties_without_description(value, f"{where}/{index}"))
    return missing


def describe(error):
    """One line per problem, with the deepest cause of oneOf/anyOf failures."""
    from jsonschema.exceptions import best_match

    if error.context:
        error = best_match(error.context) or error
    return f"{error.json_path}: {error.message}"


def main(arguments):
    try:
        import jsonschema
    except ImportError:
        fail("the Python package jsonschema is missing: pip install jsonschema")
        return 1

    schema = load_json(SCHEMA)
    if schema is None:
        return 1
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        fail(f"{SCHEMA.relative_to(ROOT)} is not a valid draft 2020-12 schema: {error.message} (at {error.json_path})")
        return 1
    missing = properties_without_description(schema)
    for location in missing:
        fail(f"{SCHEMA.relative_to(ROOT)}: property without a description: {location}")

    files = [pathlib.Path(argument) for argument in arguments] or sorted(
        path for path in SCENARIOS.glob("*.json") if path != SCHEMA
    )
    if not files:
        fail(f"no scenario files in {SCENARIOS.relative_to(ROOT)}")
        return 1
    validator = jsonschema.Draft202012Validator(schema)
    invalid = 0
    for path in files:
        document = load_json(path)
        if document is None:
            invalid += 1
            continue
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        if errors:
            invalid += 1
            for error in errors:
                fail(f"{os.path.relpath(path)}: {describe(error)}")
        else:
            print(f"ok   {os.path.relpath(path)}")

    if invalid or missing:
        fail(f"{invalid} of {len(files)} scenario file(s) invalid, {len(missing)} schema propert(ies) without a description")
        return 1
    print(f"all {len(files)} scenario file(s) valid against {SCHEMA.relative_to(ROOT)} (draft 2020-12)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
