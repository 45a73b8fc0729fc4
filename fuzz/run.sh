#!/usr/bin/env bash
# Runs the fuzz targets of a build configured with OPENSPINS_FUZZ=ON, one after the
# other, each for a bounded time on one core:
#   fuzz/run.sh <build-dir> <seconds-per-target> [target ...]
# The corpus grows in <build-dir>/fuzz-corpus/<name>/ (seeded by fuzz/make_corpus.sh);
# a finding leaves its reproducer in <build-dir>/fuzz-artifacts/ and makes this script
# exit non-zero; each target's log, ending in libFuzzer's final statistics, is
# <build-dir>/fuzz-<name>.log. Reproduce a finding with <build-dir>/fuzz/<target> <file>.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:?usage: fuzz/run.sh <build-dir> <seconds-per-target> [target ...]}" && pwd)"
seconds="${2:?usage: fuzz/run.sh <build-dir> <seconds-per-target> [target ...]}"
shift 2
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_run_file fuzz_operator_expression)

"$root/fuzz/make_corpus.sh" "$build/fuzz-corpus"
mkdir -p "$build/fuzz-artifacts" "$build/fuzz-workdir"

status=0
for target in "${targets[@]}"; do
    name="${target#fuzz_}"
    echo "fuzz: $target for ${seconds} s"
    # A unit slower than 10 s or above 2 GiB counts as a finding (hang, runaway memory).
    # The working directory is a scratch one, because run files name files relative to it,
    # and stdin is empty so that a path such as /dev/stdin cannot block.
    if ! (cd "$build/fuzz-workdir" &&
        "$build/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -dict="$root/fuzz/$name.dict" -artifact_prefix="$build/fuzz-artifacts/$name-" \
            -print_final_stats=1 "$build/fuzz-corpus/$name" </dev/null >"$build/fuzz-$name.log" 2>&1); then
        status=1
        echo "fuzz: $target FOUND A PROBLEM — log: $build/fuzz-$name.log, reproducer in $build/fuzz-artifacts/"
        tail -n 60 "$build/fuzz-$name.log"
    fi
    # The last status line (cov = edges covered, ft = features, corp = corpus units) and
    # the final statistics.
    grep -E '^#[0-9]+\s+(DONE|pulse|NEW|REDUCE)' "$build/fuzz-$name.log" | tail -n 1 || true
    grep -E '^stat::' "$build/fuzz-$name.log" || true
done
exit $status
