#!/usr/bin/python3
"""Run every tests/data/qutip_<case>.toml through `openspins run` and compare with the CSV.

    /usr/bin/python3 tests/reference/compare_with_openspins.py [--build build] [--tolerance 1e-8]

A manual cross-check of the reference data (the test suite's C++ test is the real gate):
prints, per case, the largest |openspins − QuTiP| over all rows and the columns both files
have (rows matched by position, times checked), and exits 1 if any exceeds the tolerance
or a column is missing. Standard library only.
"""
import argparse
import csv
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def load(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], [[float(x) for x in r] for r in rows[1:]]


def compare(ref_path, got_path, tolerance):
    ref_header, ref_rows = load(ref_path)
    got_header, got_rows = load(got_path)
    problems = [f"column {c} missing" for c in ref_header if c not in got_header]
    if len(ref_rows) != len(got_rows):
        problems.append(f"{len(got_rows)} rows, expected {len(ref_rows)}")
    worst, where = 0.0, ""
    for ref, got in zip(ref_rows, got_rows):
        for k, column in enumerate(ref_header):
            if column not in got_header:
                continue
            diff = abs(ref[k] - got[got_header.index(column)])
            if column == "t" and diff > 1e-12:
                problems.append(f"time {got[got_header.index(column)]} where {ref[k]} expected")
            if diff > worst:
                worst, where = diff, f"{column} at row t={ref[0]}" if "t" in ref_header else column
    if worst > tolerance:
        problems.append(f"difference {worst:.2e} > {tolerance:g}")
    return worst, where, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build")
    parser.add_argument("--data", type=pathlib.Path, default=ROOT / "tests" / "data")
    parser.add_argument("--tolerance", type=float, default=1e-8)
    args = parser.parse_args()
    binary = args.build / "openspins"
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for toml in sorted(args.data.glob("qutip_*.toml")):
            case = toml.stem
            out = pathlib.Path(tmp) / case
            proc = subprocess.run([str(binary), "run", str(toml), "--output", str(out), "--force", "--quiet"],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"{case}: openspins failed ({proc.returncode}): {proc.stderr.strip()}")
                failed = True
                continue
            pairs = [(args.data / f"{case}.csv", out / "series.csv")]
            if (args.data / f"{case}_steady_state.csv").exists():
                pairs.append((args.data / f"{case}_steady_state.csv", out / "steady_state.csv"))
            for ref, got in pairs:
                worst, where, problems = compare(ref, got, args.tolerance)
                failed |= bool(problems)
                print(f"{ref.stem}: max |Δ| = {worst:.2e} ({where})" + ("; " + "; ".join(problems) if problems else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
