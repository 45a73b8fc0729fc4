#!/usr/bin/python3
"""Benchmark: openspins `redfield` (Bloch–Redfield, no Lamb shift) vs QuTiP 4.7 `brmesolve`
(use_secular=False) on the same model, in one run, on this machine.

    cmake --build build --target openspins
    /usr/bin/python3 bench/redfield_vs_qutip.py --build build [--repeats 3]

Cases (issue 3): two like spins under seed 003's partially correlated random field, from a
singlet; N = 6 spins with shared + local exchange and conserving couplings (seed 000 style).
Both solvers run at rtol 1e-8, atol 1e-10; accuracy is measured against QuTiP at rtol 1e-11,
atol 1e-13 (and openspins at rtol 1e-11 is listed too). Timed regions, so that both sides measure
the same computation:
  QuTiP      inside its process, around building the model (H, a_ops, ρ0, e_ops) and brmesolve
             (Bloch–Redfield tensor + integration); Python start-up and `import qutip` excluded.
  openspins  "compute": the run's own `wall_seconds` (metadata.json) — reading the TOML and the
             ρ0 file, deriving the generator, integrating; process start-up and writing excluded.
             "CLI": `openspins run -q` from process start to exit (start-up, reading, writing;
             the plot is off in these run files), for reference.
Median of --repeats (two spins) and --repeats-n6 runs; the load average is recorded per case.
Writes the table into bench/README.md (between its redfield_vs_qutip markers) and the raw numbers
to bench/results/redfield_vs_qutip.json.
"""
import argparse
import importlib.util
import json
import pathlib
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time

import numpy as np
import qutip as q

ROOT = pathlib.Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("refs", ROOT / "tests" / "reference" / "make_brmesolve_references.py")
refs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(refs)

N6 = {
    "title": "bench: N = 6, shared + local exchange and conserving couplings (ohmic)",
    "frequencies": [1.0, 1.1, 1.2, 1.3, 1.4, 1.5],
    "baths": [
        {"name": "collective", "temperature": 0.5, "scope": "shared",
         "density": {"kind": "ohmic", "alpha": 0.03, "cutoff": 4.0}},
        {"name": "local", "temperature": 0.5, "scope": "local",
         "density": {"kind": "ohmic", "alpha": 0.03, "cutoff": 3.0}},
    ],
    "couplings": [
        {"bath": "collective", "kind": "exchange", "strengths": [0.4] * 6},
        {"bath": "collective", "kind": "conserving", "strengths": [0.3] * 6},
        {"bath": "local", "kind": "exchange", "strengths": [0.4] * 6},
        {"bath": "local", "kind": "conserving", "strengths": [0.3] * 6},
    ],
    "bloch": [[1.0, 0.0, 0.0], [0.0, 0.0, -1.0]] * 3,
    "stop": 20.0, "points": 21,
}
CASES = {"two_spin_singlet": refs.CASES["random_field_singlet"], "n6_local_collective": N6}


def run_openspins(cli, case, rtol, atol, workdir):
    toml = workdir / "case.toml"
    toml.write_text(refs.toml_of(case, rtol=rtol, atol=atol, singlet_file=refs.SINGLET_FILE))
    (workdir / refs.SINGLET_FILE).write_text(refs.SINGLET_TEXT)
    out = workdir / "out"
    start = time.perf_counter()
    subprocess.run([cli, "run", str(toml), "--output", str(out), "--force", "-q"], check=True,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    data = np.genfromtxt(out / "series.csv", delimiter=",", names=True)
    compute = json.loads((out / "metadata.json").read_text())["wall_seconds"]
    return (compute, wall), data


def run_qutip(case, rtol, atol):
    start = time.perf_counter()
    t, names, values = refs.solve(case, rtol, atol)
    return time.perf_counter() - start, names, values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--repeats", type=int, default=11, help="runs per solver, two-spin case")
    parser.add_argument("--repeats-n6", type=int, default=3, help="runs per solver, N = 6 (brmesolve: minutes each)")
    parser.add_argument("--cases", nargs="*", default=list(CASES))
    args = parser.parse_args()
    rows, raw = [], {"machine": {"cpu": platform.processor() or platform.machine(), "python": platform.python_version(),
                                 "qutip": q.__version__}, "cases": {}}
    try:
        raw["machine"]["cpu"] = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
    except (OSError, IndexError):
        pass
    median = statistics.median
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        # A private copy: a rebuild of build/ during the benchmark does not mix binaries.
        cli = str(work / "openspins")
        shutil.copy2(ROOT / args.build / "openspins", cli)
        for name in args.cases:
            case = CASES[name]
            repeats = args.repeats_n6 if len(case["frequencies"]) > 2 else args.repeats
            load_before = os.getloadavg()
            _, names, reference = run_qutip(case, 1e-11, 1e-13)
            o8, o10, qt = [], [], []
            for _ in range(repeats):
                w, o_data = run_openspins(cli, case, 1e-8, 1e-10, work)
                o8.append(w)
                w, o10_data = run_openspins(cli, case, 1e-10, 1e-12, work)
                o10.append(w)
                w, _, q_values = run_qutip(case, 1e-8, 1e-10)
                qt.append(w)
            _, o_tight = run_openspins(cli, case, 1e-11, 1e-13, work)
            load_after = os.getloadavg()
            err = lambda data: max(float(np.max(np.abs(data[n] - reference[k]))) for k, n in enumerate(names))
            q_wall = median(qt)
            entry = {"n": len(case["frequencies"]), "repeats": repeats, "qutip_wall": q_wall, "qutip_walls": qt,
                     "qutip_error": float(np.max(np.abs(q_values - reference))),
                     "openspins_tight_error": err(o_tight),
                     "load_average_before": load_before, "load_average_after": load_after}
            for label, walls, data in (("1e-8", o8, o_data), ("1e-10", o10, o10_data)):
                compute, cli_wall = median(w[0] for w in walls), median(w[1] for w in walls)
                entry[f"openspins_{label}"] = {"compute": compute, "cli": cli_wall, "walls": walls,
                                               "error": err(data), "speedup_compute": q_wall / compute,
                                               "speedup_cli": q_wall / cli_wall}
            raw["cases"][name] = entry
            rows.append((name, entry))
            print(name, json.dumps(entry), flush=True)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "redfield_vs_qutip.json").write_text(json.dumps(raw, indent=2) + "\n")
    lines = [f"Machine: {raw['machine']['cpu']}, QuTiP {q.__version__}, Python {platform.python_version()}; "
             "medians of the repeats (in the table). Tolerances as rtol (atol 100× smaller); errors are the largest "
             "deviation of any ⟨σ^α_i⟩ from QuTiP at rtol 1e-11. Speed-up = brmesolve's median wall (model + "
             "tensor + integration, rtol 1e-8) over openspins' compute time (TOML → derivation → integration, "
             "from metadata.json) / over its CLI process (start to exit).", "",
             "| case | N | runs | load avg (1 min) | brmesolve 1e-8: wall [s] / error "
             "| openspins 1e-8: compute / CLI [s] / error / speed-up compute, CLI "
             "| openspins 1e-10: compute / CLI [s] / error / speed-up compute, CLI | openspins 1e-11 error |",
             "|---|---|---|---|---|---|---|---|"]
    for name, e in rows:
        cells = []
        for label in ("1e-8", "1e-10"):
            o = e[f"openspins_{label}"]
            cells.append(f"{o['compute']:.4f} / {o['cli']:.4f} / {o['error']:.1e} / "
                         f"**{o['speedup_compute']:.1f}×**, {o['speedup_cli']:.1f}×")
        lines.append(f"| {name} | {e['n']} | {e['repeats']} | {e['load_average_before'][0]:.1f} → "
                     f"{e['load_average_after'][0]:.1f} | {e['qutip_wall']:.4f} / {e['qutip_error']:.1e} | "
                     f"{cells[0]} | {cells[1]} | {e['openspins_tight_error']:.1e} |")
    # The generated table lives between markers in bench/README.md (its own section, at the end).
    readme = ROOT / "bench" / "README.md"
    text = readme.read_text()
    begin, end = "<!-- BEGIN redfield_vs_qutip -->", "<!-- END redfield_vs_qutip -->"
    block = begin + "\n" + "\n".join(lines) + "\n" + end
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
