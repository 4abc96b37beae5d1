#!/usr/bin/env bash
# Builds the wheel and tries it as a new user would: a fresh virtual environment in
# a temporary folder outside this checkout, only the wheel (and its dependencies
# from PyPI) installed, then `yearbook new`, `build`, `check` and `schema` there,
# the new folder's YAML validated against that schema, and the example data built
# from a copy. Fonts come from the system and the cache
# that scripts/setup.sh fills.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$PWD"

work="$(mktemp -d "${TMPDIR:-/tmp}/yearbook-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT

python3 -m build --wheel --outdir "$work/dist" . >"$work/build.log" 2>&1 || {
  cat "$work/build.log" >&2
  exit 1
}
wheel="$(ls "$work"/dist/yearbook-*.whl)"
echo "wheel: $(basename "$wheel")"

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"

# Run from the temporary folder with a clean environment, so nothing of the
# checkout (PYTHONPATH, the editable install) can stand in for the wheel.
cd "$work"
run() { env -u PYTHONPATH PATH="$work/venv/bin:/usr/bin:/bin" "$@"; }
run python -c 'import yearbook, sys; p = yearbook.__file__; sys.exit(p.startswith(sys.argv[1]))' "$checkout"
run yearbook new 临河
run yearbook build 临河
run yearbook check 临河
run yearbook new 专文稿 --unit 政协临河区委员会 --year 2024 --type 专文
run yearbook build 专文稿 -o 专文稿-out
for part in book chapter records; do run yearbook schema --for "$part" -o "schema-$part.json"; done
# The new folder's YAML against the installed `yearbook schema` output (jsonschema
# comes from the checkout's test environment; the venv holds only the wheel).
python3 - "$work" <<'PY'
import json, sys
from pathlib import Path
import jsonschema, yaml
work = Path(sys.argv[1])
parts = {"book.yaml": "book", "类目.yaml": "chapter", "记录.yaml": "records"}
for name, part in parts.items():
    schema = json.loads((work / f"schema-{part}.json").read_text(encoding="utf-8"))
    data = yaml.load((work / "临河" / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
    if errors:
        sys.exit(f"临河/{name} does not follow `yearbook schema --for {part}`: {errors}")
    print(f"临河/{name}: follows the {part} schema")
PY
cp -r "$checkout/data" example
run yearbook build example -o example-out
ls -l out 专文稿-out example-out
