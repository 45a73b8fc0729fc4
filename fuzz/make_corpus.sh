#!/usr/bin/env bash
# Assembles the seed corpora for the fuzz targets from files already in the tree:
#   <out>/run_file/             every run file in examples/ and tests/data/
#   <out>/operator_expression/  every operator expression those run files and
#                               tests/config/operator_expression_test.cpp contain
# Usage: fuzz/make_corpus.sh <out-dir>. Files are named by content hash, so rerunning
# into a corpus the fuzzer has grown only adds what is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: fuzz/make_corpus.sh <out-dir>}"
mkdir -p "$out/run_file" "$out/operator_expression"

add() {  # add <dir> <text>: one corpus file holding <text> exactly
    local name
    name="$(printf '%s' "$2" | sha1sum | cut -c1-40)"
    printf '%s' "$2" >"$1/$name"
}

shopt -s nullglob
run_files=("$root"/examples/*.toml "$root"/tests/data/*.toml)
for f in "${run_files[@]}"; do
    add "$out/run_file" "$(cat "$f")"
done

# Expressions: the string values of the keys that hold one (expr, operator, observables'
# entries) and the literals the parser's own tests feed it.
{
    grep -hoE '^\s*(expr|operator)\s*=\s*"[^"]*"' "${run_files[@]}" | sed -E 's/^[^"]*"(.*)"$/\1/'
    grep -hoE 'parse_operator\("[^"]*"' "$root/tests/config/operator_expression_test.cpp" |
        sed -E 's/^parse_operator\("(.*)"$/\1/'
} | sort -u | while IFS= read -r expression; do
    add "$out/operator_expression" "$expression"
done

echo "corpus: $(ls "$out/run_file" | wc -l) run files, $(ls "$out/operator_expression" | wc -l) expressions in $out"
