#!/usr/bin/python3
"""Benchmark: the dicke method's spin–mode path against QuTiP on the Dicke model without the RWA.

One command writes the whole report (JSON + the table between the mode_vs_qutip markers of
bench/README.md):

    /usr/bin/python3 bench/mode_vs_qutip.py --build build

(~10–15 min on an idle machine, most of it the lossy N = 40 case; options: --sizes, --large,
--cases unitary lossy, --repeats.)

Model (docs/config.md "Mode operators"): H = ω0 Jz + ω a†a + (2λ/√N)(a + a†) Jx, ω0 = ω = 1,
λ = 0.4 (below the superradiant λ_c = 0.5, so n_max = 10 holds the field), all spins down ⊗
vacuum, t ∈ [0, 20], 41 output points, n_max = 10. Two cases:
  unitary  no dissipation. openspins: its pure-state path (one state vector of (N+1)·11
           amplitudes, Lanczos exponential). QuTiP 4.7: the j = N/2 block (qutip.jmat) ⊗
           destroy(11), (i) mesolve on the density matrix, (ii) sesolve on the ket.
  lossy    mode loss κ D[a], κ = 0.5: nothing is pure, mesolve is QuTiP's only solver.
           openspins: its density path (the Dicke blocks ⊗ Fock states; j is conserved here, so only
           the populated block j = N/2 is integrated) with `integrator = "auto"`, which takes the
           Chebyshev exponential there (integrate/chebyshev_propagator.hpp; CVODE Adams before). QuTiP: mesolve on the
           j = N/2 block ⊗ destroy(11) with c_ops = [√κ a].
Tolerances: QuTiP at rtol 1e-8, atol 1e-10. openspins (a) at the same tolerances and (b) at
MATCHED ACCURACY: the loosest rtol of --loose whose error is at most the error of the most
accurate QuTiP solver of the case (sesolve when unitary, mesolve when lossy), with atol = rtol/100
and, in the lossy case, the smaller atol of --atol-factors (× rtol) in turn: CVODE's Adams is
atol-limited on the lossy density matrix (docs/methods/dicke.md, "Accuracy of the density path").
Accuracy: largest |Δ⟨Jz⟩| over the outputs against openspins at rtol 1e-12, atol 1e-14
(unitary) or rtol 1e-11, atol 1e-13 (lossy; CVODE Adams named explicitly); for the lossy case QuTiP's mesolve at
1e-8 agrees with that reference to its own error, an independent check of the reference.
Timing: each openspins run is its own process: wall time of `openspins run` (start-up
included) and the child's CPU time; the median of --repeats runs. QuTiP: the solver call
(wall and process CPU time), the median of --repeats for sesolve, one run for mesolve.
sesolve's BLAS may use both cores (CPU > wall); the machine is shared: the load average
before and after each case is recorded — compare ratios only from a quiet machine. openspins
runs with OMP_WAIT_POLICY=passive unless the environment sets it: its OpenMP threads (the
cavity kernel, CVODE's vectors from 2^15 reals) then sleep between parallel regions instead
of spinning, which under load cost 5× its CPU time (docs/methods/dicke.md).
Writes bench/results/mode_vs_qutip.json and the Markdown table into bench/README.md.
"""
import argparse
import datetime
import json
import math
import os
import pathlib
import platform
import resource
import statistics
import subprocess
import tempfile
import time

import numpy as np
import qutip

ROOT = pathlib.Path(__file__).resolve().parents[1]
LAMBDA, OMEGA, OMEGA0, NMAX, STOP, POINTS, KAPPA = 0.4, 1.0, 1.0, 10, 20.0, 41, 0.5
QUTIP_RTOL, QUTIP_ATOL = 1e-8, 1e-10
OPENSPINS_ENV = {**os.environ, "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "passive")}


def run_file(n, rtol, atol, kappa, integrator="auto"):
    g = 2 * LAMBDA / math.sqrt(n)
    return f"""[method]
name = "dicke"
integrator = "{integrator}"
rtol = {rtol}
atol = {atol}
[spins]
count = {n}
[[hamiltonian.term]]
expr = "Jz"
strength = {OMEGA0}
[[hamiltonian.term]]
expr = "n"
strength = {OMEGA}
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = {g!r}
[cavity]
n_max = {NMAX}
loss = {kappa}
[initial]
kind = "all_down"
[time]
stop = {STOP}
points = {POINTS}
[output]
observables = ["Jz"]
plot = false
"""


def openspins(binary, n, rtol, atol, kappa, repeats=1, integrator="auto"):
    """(median wall, median CPU, Jz, photons, notes) of `repeats` separate processes."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "dicke_nonrwa.toml"
        path.write_text(run_file(n, rtol, atol, kappa, integrator))
        for i in range(repeats):
            if i > 0 and walls[0] > 2.0:
                break  # long runs are timed once: repeats only steady the short ones
            start, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([binary, "run", str(path), "--quiet", "--force"], cwd=d, check=True,
                           stdout=subprocess.DEVNULL, env=OPENSPINS_ENV)
            walls.append(time.perf_counter() - start)
            cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append((cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime))
        out = pathlib.Path(d) / "results" / "dicke_nonrwa"
        data = np.genfromtxt(out / "series.csv", delimiter=",", names=True)
        meta = json.loads((out / "metadata.json").read_text())
    notes = meta.get("notes", {})
    return (statistics.median(walls), statistics.median(cpus), data["Jz"], data["photons"],
            {"integrator": notes.get("integrator"), "storage": meta.get("statistics", {}).get("storage")})


def qutip_run(n, solver, kappa, repeats=1):
    j = n / 2
    dim = NMAX + 1
    jx, jz = qutip.tensor(qutip.jmat(j, "x"), qutip.qeye(dim)), qutip.tensor(qutip.jmat(j, "z"), qutip.qeye(dim))
    a = qutip.tensor(qutip.qeye(n + 1), qutip.destroy(dim))
    h = OMEGA0 * jz + OMEGA * a.dag() * a + (2 * LAMBDA / math.sqrt(n)) * (a + a.dag()) * jx
    psi = qutip.tensor(qutip.basis(n + 1, n), qutip.basis(dim, 0))  # m = −j (jmat orders m = j … −j)
    times = np.linspace(0, STOP, POINTS)
    opts = qutip.Options(rtol=QUTIP_RTOL, atol=QUTIP_ATOL, nsteps=10 ** 7)
    c_ops = [math.sqrt(kappa) * a] if kappa > 0 else []
    walls, cpus = [], []
    for _ in range(repeats):
        start, cpu0 = time.perf_counter(), time.process_time()
        if solver == "sesolve":
            r = qutip.sesolve(h, psi, times, [jz, a.dag() * a], options=opts)
        else:
            r = qutip.mesolve(h, qutip.ket2dm(psi), times, c_ops, [jz, a.dag() * a], options=opts)
        cpus.append(time.process_time() - cpu0)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls), statistics.median(cpus), np.real(r.expect[0]), np.real(r.expect[1])


def measure_case(binary, case, n, args):
    kappa = 0.0 if case == "unitary" else KAPPA
    reference_tol = (1e-12, 1e-14) if case == "unitary" else (1e-11, 1e-13)
    load_before = os.getloadavg()
    # The lossy reference by CVODE Adams, independent of the Chebyshev propagator that `auto` takes there.
    _, _, jz_ref, ph_ref, _ = openspins(binary, n, *reference_tol, kappa, integrator="auto" if kappa == 0 else "adams")
    row = {"case": case, "N": n, "kappa": kappa, "max_photons": float(np.max(ph_ref)),
           "reference_rtol": reference_tol[0]}

    def err(jz):
        return float(np.max(np.abs(jz - jz_ref)))

    wall, cpu, jz, _, notes = openspins(binary, n, args.rtol, args.rtol / 100, kappa, args.repeats)
    row["openspins"] = {"rtol": args.rtol, "wall_s": wall, "cpu_s": cpu, "err_Jz": err(jz), **notes}
    if n in args.sizes:
        solvers = ["mesolve", "sesolve"] if case == "unitary" else ["mesolve"]
        for s in solvers:
            reps = args.repeats if s == "sesolve" else 1
            qw, qc, qjz, _ = qutip_run(n, s, kappa, reps)
            row[s] = {"wall_s": qw, "cpu_s": qc, "err_Jz": err(qjz)}
        best = min(solvers, key=lambda s: row[s]["err_Jz"])
        target = row[best]["err_Jz"]
        # Matched accuracy: the loosest tolerance that is still at least as accurate as QuTiP's best.
        # The Lanczos path (unitary) reads rtol only; the lossy density path is atol-limited.
        matched = None
        factors = [1e-2] + ([f for f in args.atol_factors if f < 1e-2] if case == "lossy" else [])
        for rtol in sorted(args.loose, reverse=True):
            for factor in factors:
                atol = rtol * factor
                try:
                    w, c, jz, _, notes = openspins(binary, n, rtol, atol, kappa, args.repeats)
                except subprocess.CalledProcessError:  # e.g. the trace check (1e-6) at rtol 1e-4
                    row.setdefault("loose", []).append({"rtol": rtol, "atol": atol, "failed": True})
                    continue
                e = err(jz)
                row.setdefault("loose", []).append({"rtol": rtol, "atol": atol, "wall_s": w, "cpu_s": c, "err_Jz": e})
                if e <= target:
                    matched = {"rtol": rtol, "atol": atol, "wall_s": w, "cpu_s": c, "err_Jz": e, "against": best,
                               **notes}
                    break
            if matched:
                break
        row["matched"] = matched
    row["load_before"], row["load_after"] = load_before, os.getloadavg()
    return row


def ratio(q, o, key):
    return q[key] / o[key] if o and o[key] > 0 else float("nan")


def report(result):
    lines = [f"Run of {result['started']} – {result['finished']} UTC on {result['machine']}; load average "
             f"(1/5/15 min) {' '.join(f'{x:.2f}' for x in result['load_before'])} before, "
             f"{' '.join(f'{x:.2f}' for x in result['load_after'])} after. QuTiP {qutip.__version__} at rtol "
             f"{QUTIP_RTOL:g}, atol {QUTIP_ATOL:g}; openspins at the same rtol, and at the loosest rtol (atol = "
             f"rtol/100, or smaller when lossy) whose error ≤ QuTiP's best (\"matched\"). Error = max |Δ⟨Jz⟩| against openspins at "
             f"rtol 1e-12 (unitary) / 1e-11 (lossy). Times: wall / CPU in s; ratios = QuTiP / openspins "
             f"(wall, CPU). Raw: bench/results/mode_vs_qutip.json.", "",
             "| case | N | openspins same rtol: wall / CPU / error | openspins matched: rtol / wall / CPU / error "
             "| QuTiP mesolve: wall / CPU / error | ratio vs mesolve, same rtol (matched) "
             "| QuTiP sesolve: wall / CPU / error | ratio vs sesolve, same rtol (matched) | max ⟨a†a⟩ |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in result["rows"]:
        o, m = r["openspins"], r.get("matched")
        cells = [r["case"], str(r["N"]), f"{o['wall_s']:.3f} / {o['cpu_s']:.3f} / {o['err_Jz']:.1e}"]
        cells.append(f"{m['rtol']:.0e}, atol {m.get('atol', m['rtol'] / 100):.0e} / {m['wall_s']:.3f} / "
                     f"{m['cpu_s']:.3f} / {m['err_Jz']:.1e}" if m else
                     ("none of --loose reached QuTiP's error" if "mesolve" in r else "—"))
        for s in ("mesolve", "sesolve"):
            if s in r:
                q = r[s]
                cells.append(f"{q['wall_s']:.3f} / {q['cpu_s']:.3f} / {q['err_Jz']:.1e}")
                same = f"{ratio(q, o, 'wall_s'):.1f}×, {ratio(q, o, 'cpu_s'):.1f}×"
                matched = f" ({ratio(q, m, 'wall_s'):.1f}×, {ratio(q, m, 'cpu_s'):.1f}×)" if m else ""
                cells.append(f"**{same}**{matched}")
            else:
                cells += ["—", "—"]
        cells.append(f"{r['max_photons']:.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--binary", help="the openspins binary (default: BUILD/openspins; copy it to keep a rebuild "
                                         "from changing it during the benchmark)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 20, 40])
    parser.add_argument("--large", type=int, nargs="*", default=[200])
    parser.add_argument("--cases", nargs="*", default=["unitary", "lossy"], choices=["unitary", "lossy"])
    parser.add_argument("--rtol", type=float, default=1e-8)
    parser.add_argument("--loose", type=float, nargs="*", default=[1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10])
    parser.add_argument("--atol-factors", type=float, nargs="*", default=[1e-2, 1e-4, 1e-5],
                        help="atol = factor × rtol tried in turn at each rtol of --loose (lossy case)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-readme", action="store_true", help="write the JSON only")
    parser.add_argument("--rows-from", help="render the report from the JSON rows this script printed (one per "
                                            "line, e.g. the log of an interrupted run) instead of measuring")
    args = parser.parse_args()
    if args.rows_from:
        rows = [json.loads(line) for line in pathlib.Path(args.rows_from).read_text().splitlines() if line.startswith("{")]
        result = {"started": args.rows_from + " (rows of an earlier run)", "finished": "", "rows": rows,
                  "load_before": rows[0]["load_before"], "load_after": rows[-1]["load_after"],
                  "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"}
        return write_report(result, args)
    binary = str(pathlib.Path(args.binary).resolve()) if args.binary else str((ROOT / args.build / "openspins").resolve())
    started = datetime.datetime.now(datetime.timezone.utc)
    result = {"started": started.strftime("%Y-%m-%d %H:%M"), "load_before": os.getloadavg(),
              "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores", "rows": []}
    for case in args.cases:
        # The lossy density path stores Σ over populated j of ((n_max+1)(2j+1))²: N = 200 is not run there.
        for n in args.sizes + (args.large if case == "unitary" else []):
            row = measure_case(binary, case, n, args)
            result["rows"].append(row)
            print(json.dumps(row), flush=True)
    result["load_after"] = os.getloadavg()
    result["finished"] = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M")
    write_report(result, args)


def write_report(result, args):
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "mode_vs_qutip.json").write_text(json.dumps(result, indent=1) + "\n")
    lines = report(result)
    print("\n".join(lines))
    if args.no_readme:
        return
    readme = ROOT / "bench" / "README.md"
    text = readme.read_text()
    begin, end = "<!-- BEGIN mode_vs_qutip -->", "<!-- END mode_vs_qutip -->"
    block = begin + "\n" + "\n".join(lines) + "\n" + end
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text)


if __name__ == "__main__":
    main()
