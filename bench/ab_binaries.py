#!/usr/bin/env python3
"""Two openspins binaries on the same run files, interleaved (A, B, B, A, ...), in one session: a regression check.

Used for issue 16's target "the zero-quantum benchmark (bench/exact_vs_qutip.py) no slower than today": the binary
built before the issue's work (A) against the current one (B) on exact_vs_qutip.py's own run files, so that the load
of the shared machine falls on both alike. Each run is its own process; wall is timed around it, CPU is the child's
user + system time; the table gives the median over the repetitions and the ratio A / B (> 1: B is faster), the
right-hand-side time and counts from each run's metadata, and max |Δ| between the two binaries' series.

    /usr/bin/python3 bench/ab_binaries.py --a OLD/openspins --b NEW/openspins --label-a c6c8d98^ --label-b HEAD \\
        --exact-vs-qutip 10 12 --reps 3 --out bench/results/exact_zero_quantum_ab.md
"""
import argparse
import csv
import datetime
import json
import os
import pathlib
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import exact_vs_qutip  # noqa: E402  (its run files, so the check runs exactly the benchmark's model)


def load():
    return os.getloadavg()[0]


def run_once(binary, toml, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([binary, "run", str(toml), "--output", str(out), "--force", "--quiet"], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    meta = json.loads((out / "metadata.json").read_text())
    with open(out / "series.csv") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    return {"wall": wall, "cpu": cpu, "notes": meta.get("notes", {}), "statistics": meta.get("statistics", {}),
            "header": rows[0], "values": [[float(x) for x in r] for r in rows[1:]]}


def max_difference(a, b):
    worst = 0.0
    for ra, rb in zip(a["values"], b["values"]):
        for x, y in zip(ra[1:], rb[1:]):
            worst = max(worst, abs(x - y))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", required=True, help="binary A (the baseline)")
    parser.add_argument("--b", required=True, help="binary B")
    parser.add_argument("--label-a", default="A")
    parser.add_argument("--label-b", default="B")
    parser.add_argument("--exact-vs-qutip", type=int, nargs="*", default=[],
                        help="N of exact_vs_qutip.py's run files (adams and bdf, rtol 1e-6, atol 1e-8)")
    parser.add_argument("--files", nargs="*", default=[], help="further run files")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--out", help="markdown report (default: print)")
    args = parser.parse_args()

    scratch = pathlib.Path(tempfile.mkdtemp(prefix="ab_binaries_"))
    binaries = {}
    for label, path in ((args.label_a, args.a), (args.label_b, args.b)):
        copy = scratch / f"openspins_{len(binaries)}"
        shutil.copy2(path, copy)  # a rebuild during the check cannot mix binaries
        binaries[label] = copy
    cases = []
    for n in args.exact_vs_qutip:
        for integrator in ("adams", "bdf"):
            toml = scratch / f"exact_vs_qutip_n{n}_{integrator}.toml"
            toml.write_text(exact_vs_qutip.run_file(n, integrator, 1e-6, 1e-8))
            cases.append((f"exact_vs_qutip N = {n}, {integrator} (zero-quantum)", toml))
    for f in args.files:
        cases.append((f, pathlib.Path(f)))

    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = load()
    lines = []
    for name, toml in cases:
        runs = {label: [] for label in binaries}
        loads = []
        for rep in range(args.reps):
            order = list(binaries) if rep % 2 == 0 else list(reversed(binaries))
            for label in order:
                loads.append(load())
                out = scratch / f"out_{label.replace('/', '_')}"
                runs[label].append(run_once(binaries[label], toml, out))
                print(f"{name} [{label}] rep {rep}: {runs[label][-1]['wall']:.2f} s wall", file=sys.stderr)
        a, b = (runs[label] for label in binaries)
        med = lambda rs, k: statistics.median(r[k] for r in rs)  # noqa: E731
        rhs = lambda rs: statistics.median(float(r["notes"].get("rhs_seconds", "nan")) for r in rs)  # noqa: E731
        st = lambda rs: f"{rs[0]['statistics'].get('steps', '?')} / {rs[0]['statistics'].get('rhs_evaluations', '?')}"  # noqa: E731
        lines.append(f"| {name} | {med(a, 'wall'):.3f} / {med(a, 'cpu'):.3f} | {rhs(a):.3f} | {st(a)} "
                     f"| {med(b, 'wall'):.3f} / {med(b, 'cpu'):.3f} | {rhs(b):.3f} | {st(b)} "
                     f"| **{med(a, 'wall') / med(b, 'wall'):.2f}×**, {med(a, 'cpu') / med(b, 'cpu'):.2f}× "
                     f"| {max_difference(a[0], b[0]):.1e} | {min(loads):.1f}–{max(loads):.1f} |")
    finished = datetime.datetime.now(datetime.timezone.utc)
    la, lb = binaries
    report = [
        "# Regression check: two openspins binaries on the same run files",
        "",
        "Generated by `bench/ab_binaries.py` (do not edit; rerun it). Command: `" + shlex.join(
            ["bench/ab_binaries.py"] + sys.argv[1:]) + "`.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; {started:%Y-%m-%d %H:%M} – {finished:%H:%M} UTC; "
        f"1-minute load at the start {load_start:.1f}, per case the range seen before each run (last column). "
        f"A = `{la}`, B = `{lb}`, interleaved A, B, B, A, …, {args.reps} runs each; medians. Wall and CPU (user + "
        "system of the process) in s; RHS s = the run's own right-hand-side time (metadata `rhs_seconds`); ratio = "
        "A / B (> 1: B faster); max |Δ| = largest difference between the two binaries' series (all columns, first run).",
        "",
        f"| case | A wall / CPU | A RHS s | A steps / RHS | B wall / CPU | B RHS s | B steps / RHS | ratio wall, CPU "
        f"| max \\|Δ\\| | load |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *lines,
        "",
    ]
    text = "\n".join(report)
    if args.out:
        pathlib.Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
