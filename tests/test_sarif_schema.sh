#!/bin/sh
# Validate the SARIF output of `binderhub-gen check --format sarif` against
# tests/sarif/sarif-2.1.0-subset.schema.json with python3-jsonschema.
#
# Usage: test_sarif_schema.sh [--check-values BINARY VALUES | --check-repo BINARY FOLDER]...
#                              SCHEMA TEST_REPORT FILE...
#
#   --check-values BINARY VALUES
#                also validate the log that `BINARY check --format sarif
#                --no-chart-values VALUES` writes, run in the folder of
#                VALUES; it must exit with 0, 1 or 2 (a file that does not
#                load still gets a log) and write something
#   --check-repo BINARY FOLDER
#                also validate the log that `BINARY check --format sarif
#                --repo .` writes, run in FOLDER, a checkout of the
#                infrastructure repository; the same exit statuses apply
#   SCHEMA       the JSON Schema (draft-07) of the SARIF subset we write
#   TEST_REPORT  the test_report binary; `TEST_REPORT --write-catalogue-sarif`
#                writes a log that lists the real rule catalogue
#   FILE...      golden files: each *.sarif is validated against SCHEMA, and
#                every file must be strict JSON without duplicate keys
#
# The schema cannot check that ruleIndex points at the descriptor whose id is
# ruleId, so this script checks that too. It also feeds the schema a few
# broken logs and fails unless it rejects each of them, so a schema that
# accepts everything cannot pass.
#
# Exit status: 0 valid, 1 invalid, 2 usage error, 77 (CTest's
# SKIP_RETURN_CODE) when python3 or its jsonschema module is not installed.
set -eu

usage="usage: $0 [--check-values BINARY VALUES | --check-repo BINARY FOLDER]... SCHEMA TEST_REPORT FILE..."

work=$(mktemp -d "${TMPDIR:-/tmp}/bhg-sarif-schema.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Each --check-values or --check-repo log is written at once, so that the
# options can be shifted off before the positional arguments are read.
check_count=0
while [ "$#" -gt 0 ] && { [ "$1" = --check-values ] || [ "$1" = --check-repo ]; }; do
	if [ "$#" -lt 3 ]; then
		echo "$usage" >&2
		exit 2
	fi
	check_count=$((check_count + 1))
	log="$work/check-$check_count.sarif"
	binary=$2
	# The check runs in another folder, where a relative BINARY is not.
	case $binary in
	/*) ;;
	*) binary="$PWD/$binary" ;;
	esac
	status=0
	if [ "$1" = --check-values ]; then
		what="check --format sarif $3"
		(cd "$(dirname "$3")" &&
			"$binary" check --format sarif --no-chart-values "$(basename "$3")") \
			>"$log" 2>"$work/check-$check_count.stderr" || status=$?
	else
		what="check --format sarif --repo . in $3"
		(cd "$3" && "$binary" check --format sarif --repo .) \
			>"$log" 2>"$work/check-$check_count.stderr" || status=$?
	fi
	if [ "$status" -gt 2 ] || [ ! -s "$log" ]; then
		echo "$2 $what: exit status $status, $(wc -c <"$log") bytes of" \
			"output; expected 0, 1 or 2 and a SARIF log. Standard error:"
		cat "$work/check-$check_count.stderr"
		exit 1
	fi
	shift 3
done

if [ "$#" -lt 3 ]; then
	echo "$usage" >&2
	exit 2
fi
schema=$1
test_report=$2
shift 2
i=1
while [ "$i" -le "$check_count" ]; do
	set -- "$@" "$work/check-$i.sarif"
	i=$((i + 1))
done

if ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "skipped: python3-jsonschema is not installed (apt-get install python3-jsonschema)"
	exit 77
fi

catalogue_log="$work/catalogue.sarif"
"$test_report" --write-catalogue-sarif >"$catalogue_log"

python3 - "$schema" "$catalogue_log" "$@" <<'EOF'
import copy
import json
import sys

import jsonschema


def reject_duplicates(pairs):
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError("duplicate keys: " + ", ".join(duplicates))
    return dict(pairs)


def load(path):
    with open(path, encoding="utf-8") as stream:
        return json.load(stream, object_pairs_hook=reject_duplicates)


def rule_index_problems(log):
    problems = []
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        for number, result in enumerate(run.get("results", [])):
            index = result.get("ruleIndex")
            if index is None:
                continue
            if index >= len(rules):
                problems.append(f"results[{number}].ruleIndex {index} is past the {len(rules)} rules")
            elif rules[index]["id"] != result.get("ruleId"):
                problems.append(
                    f"results[{number}].ruleIndex {index} names rule '{rules[index]['id']}', "
                    f"not ruleId '{result.get('ruleId')}'")
    return problems


schema_path, catalogue_path, *files = sys.argv[1:]
schema = load(schema_path)
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
failed = False

sarif_paths = [catalogue_path] + [path for path in files if path.endswith(".sarif")]
for path in files:
    try:
        load(path)
    except ValueError as error:
        print(f"{path}: not strict JSON: {error}")
        failed = True

for path in sarif_paths:
    try:
        log = load(path)
    except ValueError as error:
        print(f"{path}: not strict JSON: {error}")
        failed = True
        continue
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
    for error in errors:
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        print(f"{path}: {where}: {error.message}")
    problems = rule_index_problems(log) if not errors else []
    for problem in problems:
        print(f"{path}: {problem}")
    if errors or problems:
        failed = True
    else:
        print(f"{path}: valid")

# Broken variants of the catalogue log that the schema must reject.
base = load(catalogue_path)


def broken(description, change):
    log = copy.deepcopy(base)
    change(log)
    return description, log


def first_result(log):
    """The first result with a region, so every variant below has each member."""
    return next(result for result in log["runs"][0]["results"]
                if "region" in result.get("locations", [{}])[0].get("physicalLocation", {}))


def first_location(log):
    return first_result(log)["locations"][0]["physicalLocation"]


variants = [
    broken("version 2.0.0", lambda log: log.update(version="2.0.0")),
    broken("no runs", lambda log: log.pop("runs")),
    broken("driver without name", lambda log: log["runs"][0]["tool"]["driver"].pop("name")),
    broken("rule without id", lambda log: log["runs"][0]["tool"]["driver"]["rules"][0].pop("id")),
    broken("default level info",
           lambda log: log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]
           .update(level="info")),
    broken("result without message", lambda log: first_result(log).pop("message")),
    broken("result level info", lambda log: first_result(log).update(level="info")),
    broken("ruleIndex -1", lambda log: first_result(log).update(ruleIndex=-1)),
    broken("startColumn 0", lambda log: first_location(log)["region"].update(startColumn=0)),
    broken("startLine 0", lambda log: first_location(log)["region"].update(startLine=0)),
    broken("uri with a space",
           lambda log: first_location(log)["artifactLocation"].update(uri="a b.yaml")),
    broken("uri with a leading ./",
           lambda log: first_location(log)["artifactLocation"].update(uri="./a.yaml")),
    broken("misspelt member", lambda log: first_result(log).update(ruleID="BH001")),
    broken("invocation without executionSuccessful",
           lambda log: log["runs"][0]["invocations"][0].pop("executionSuccessful")),
]
for description, log in variants:
    if validator.is_valid(log):
        print(f"schema accepts a broken log ({description})")
        failed = True

sys.exit(1 if failed else 0)
EOF
