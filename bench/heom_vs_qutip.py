#!/usr/bin/python3
"""Benchmark: openspins `heom` vs QuTiP 4.7.1's HEOMSolver on the same hierarchy, side by side.

    cmake --build build --target openspins
    /usr/bin/python3 bench/heom_vs_qutip.py --build build [--spins 1 2 3] [--depths 4 5 6 7 8]

Model (issue 14): N spins, H = −Σ ω_i S^z_i (ω_i = 1 + 0.15 i), each spin coupled through S^x to its
own Drude–Lorentz bath (λ = 0.1, ω_D = 0.5, T = 1; Padé K = 1 plus the terminator: 2 exponents per
bath, 2N in all), initial state |+x⟩ on every spin, t = 0 … 10 (21 outputs), both at rtol 1e-8,
atol 1e-10 (openspins: convergence_check = "none", so one hierarchy is integrated, as QuTiP does).
The hierarchy has C(2N + d, d) ADOs of 4^N complex numbers.

Each solver runs in its own child process; peak resident memory: ru_maxrss from os.wait4 for the
QuTiP child (its Python image is far above the fork's inherited pages), /usr/bin/time's %M for openspins:
  QuTiP      a child Python that builds the baths, the HEOMSolver (its sparse hierarchy Liouvillian)
             and runs it; the timed region excludes `import qutip`. Children that take more than
             --timeout seconds are stopped (reported as such).
  openspins  `openspins run -q`; "compute" is the run's own wall_seconds (metadata.json), "process"
             the child from start to exit.
Accuracy: the largest |Δ| of the Pauli expectation values between the two. The load average
(os.getloadavg) before each case is recorded. Writes bench/results/heom_vs_qutip.json and the report
bench/results/heom_vs_qutip.md (date, command, `uptime` before and after, the table; also on stdout), so
one command reruns the whole comparison:

    /usr/bin/python3 bench/heom_vs_qutip.py --build build --spins 1 2 3 --depths 4 5 6 7 8 --timeout 600
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]

QUTIP_CHILD = r'''
import json, sys, time
import numpy as np
import qutip as q
from qutip.nonmarkov.heom import DrudeLorentzPadeBath, HEOMSolver
n, depth = int(sys.argv[1]), int(sys.argv[2])
start, cpu_start = time.perf_counter(), time.process_time()
def op_on(i, s):
    ops = [q.qeye(2)] * n
    ops[i] = s
    return q.tensor(ops)
H = sum(-(1 + 0.15 * i) * op_on(i, 0.5 * q.sigmaz()) for i in range(n))
L = q.liouvillian(H)
baths = []
for i in range(n):
    # openspins' C(t) is half of QuTiP's for the same J: Q = A/√2 (docs/methods/heom.md)
    b = DrudeLorentzPadeBath(op_on(i, 0.5 * q.sigmax()) / np.sqrt(2.0), lam=0.1, gamma=0.5, T=1.0, Nk=1)
    L = L + b.terminator()[1]
    baths.append(b)
rho0 = q.tensor([0.5 * (q.qeye(2) + q.sigmax())] * n)
t = np.linspace(0, 10, 21)
e_ops = [op_on(i, s) for i in range(n) for s in (q.sigmax(), q.sigmay(), q.sigmaz())]
built = time.perf_counter()
solver = HEOMSolver(L, baths, depth, options=q.Options(rtol=1e-8, atol=1e-10, nsteps=10**8))
constructed = time.perf_counter()
r = solver.run(rho0, t, e_ops=e_ops)
done = time.perf_counter()
iw = solver._ode._integrator.iwork  # zvode's statistics: steps NST, right-hand sides NFE
print(json.dumps({"construct": constructed - start, "run": done - constructed, "total": done - start,
                  "cpu": time.process_time() - cpu_start,
                  "ados": len(solver.ados.labels), "steps": int(iw[10]), "rhs": int(iw[11]),
                  "values": [list(np.real(v)) for v in r.expect]}))
'''


def toml_of(n, depth, integrator="auto"):
    return "\n".join([
        'title = "bench heom"', "[method]", 'name = "heom"', f'integrator = "{integrator}"', f"depth = {depth}", "terms = 1",
        'expansion = "pade"', "terminator = true", 'convergence_check = "none"', "rtol = 1e-8", "atol = 1e-10",
        "[spins]", "frequencies = [" + ", ".join(repr(1 + 0.15 * i) for i in range(n)) + "]",
        "[hamiltonian]", 'zeeman = "-"',
        "[[bath]]", 'name = "local"', "temperature = 1.0", 'scope = "local"',
        'spectral_density = { kind = "drude_lorentz", reorganisation = 0.1, cutoff = 0.5 }',
        "[[coupling]]", 'bath = "local"', 'kind = "exchange"', "strengths = [" + ", ".join(["1.0"] * n) + "]",
        "[initial]", 'kind = "product"', "bloch = [" + ", ".join(["[1.0, 0.0, 0.0]"] * n) + "]",
        "[time]", "stop = 10.0", "points = 21", "[output]", 'observables = ["spins"]', "plot = false", ""])


def run_child_with_rss(cmd, timeout):
    """Run cmd; return (stdout, wall seconds, peak RSS in MiB, timed out). The child's own rusage
    comes from os.wait4; its output (small) waits in the pipe until it exits; a timer kills it."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    timer = threading.Timer(timeout, p.kill)
    timer.start()
    _, status, usage = os.wait4(p.pid, 0)
    timer.cancel()
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    out = p.stdout.read()
    return out, wall, usage.ru_maxrss / 1024.0, p.returncode < 0


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--spins", type=int, nargs="*", default=[1, 2, 3], help="the grid (--spins with no value: none)")
    ap.add_argument("--depths", type=int, nargs="+", default=[4, 5, 6, 7, 8])
    ap.add_argument("--timeout", type=float, default=600.0, help="stop a child after this many seconds")
    ap.add_argument("--limit", type=float, default=600.0,
                    help="the issue's 'finishes in 10 minutes': QuTiP's process wall time at most this")
    ap.add_argument("--integrator", default="auto", help="openspins' [method] integrator (auto: chebyshev here)")
    ap.add_argument("--skip-qutip-above", type=int, default=10**9, help="skip QuTiP for more ADOs than this")
    ap.add_argument("--cases", nargs="+", default=[], metavar="N:DEPTH",
                    help="further cases after the --spins × --depths grid, e.g. 3:12 4:7 4:8 (the large ones)")
    ap.add_argument("--report", default="heom_vs_qutip", help="bench/results/<report>.{json,md}")
    args = ap.parse_args()
    cases = [(n, d) for n in args.spins for d in args.depths]
    cases += [(int(c.split(":")[0]), int(c.split(":")[1])) for c in args.cases]
    cli = str((ROOT / args.build / "openspins").resolve())
    started = time.time()
    uptime_before = uptime()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        for n, d in cases:
            load = os.getloadavg()[0]
            toml = work / f"n{n}_d{d}.toml"
            toml.write_text(toml_of(n, d, args.integrator))
            out = work / f"out_n{n}_d{d}"
            # ru_maxrss of a forked child includes the parent's pages before exec (≈ 32 MiB of
            # Python), which hides openspins' smaller peak: /usr/bin/time reports the exec'd image's.
            rss_file = work / "rss.txt"
            _, o_wall, _, _ = run_child_with_rss(["/usr/bin/time", "-f", "%M %U %S", "-o", str(rss_file), cli, "run",
                                                  str(toml), "--output", str(out), "--force", "-q"], args.timeout)
            rss_kib, user_s, sys_s = (float(x) for x in rss_file.read_text().split()[-3:])
            o_rss = rss_kib / 1024.0
            meta = json.loads((out / "metadata.json").read_text())
            ours = np.genfromtxt(out / "series.csv", delimiter=",", names=True)
            row = {"N": n, "depth": d, "load": load, "ados": int(meta["notes"]["heom.ados"]),
                   "openspins_compute": meta["wall_seconds"], "openspins_process": o_wall,
                   "openspins_process_cpu": user_s + sys_s,
                   "openspins_rss_mib": o_rss,
                   "openspins_estimate_mib": meta["statistics"]["peak_memory_estimate_bytes"] / 2.0**20,
                   "uptime": uptime(),
                   # the hierarchy's right-hand side vs the rest (CVODE's own vector work)
                   "openspins_rhs_seconds": float(meta["notes"].get("rhs_seconds", "nan")),
                   "openspins_rhs_calls": int(meta["notes"].get("rhs_calls", "0")),
                   "openspins_integrator": meta["notes"].get("integrator", "?"),
                   "openspins_steps": int(meta["statistics"]["steps"])}
            if row["ados"] <= args.skip_qutip_above:
                text, q_wall, q_rss, timed_out = run_child_with_rss(
                    [sys.executable, "-c", QUTIP_CHILD, str(n), str(d)], args.timeout)
                row.update({"qutip_process": q_wall, "qutip_rss_mib": q_rss, "qutip_timed_out": timed_out})
                if not timed_out and text.strip():
                    res = json.loads(text.strip().splitlines()[-1])
                    row.update({"qutip_construct": res["construct"], "qutip_run": res["run"], "qutip_cpu": res["cpu"],
                                "qutip_total": res["total"], "qutip_steps": res["steps"], "qutip_rhs": res["rhs"]})
                    names = [f"s{a}_{i}" for i in range(n) for a in "xyz"]
                    diff = max(np.max(np.abs(np.array(res["values"][k]) - ours[nm]))
                               for k, nm in enumerate(names))
                    row["max_difference"] = float(diff)
                    row["speedup_compute"] = res["total"] / row["openspins_compute"]
            rows.append(row)
            print(json.dumps(row), flush=True)
    (ROOT / "bench" / "results" / f"{args.report}.json").write_text(json.dumps(rows, indent=1) + "\n")
    lines = [f"# heom vs QuTiP HEOMSolver — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}", "",
             "Command: `/usr/bin/python3 bench/heom_vs_qutip.py " + " ".join(sys.argv[1:]) + "`", "",
             f"Machine load (uptime) before: {uptime_before}; after: {uptime()}. Load in the table: the 1-minute",
             "average before each case. Times are wall seconds on 2 cores shared with other sessions.", "",
             "Steps / RHS: integrator steps and right-hand sides (QuTiP: zvode's NST / NFE).", "",
             "openspins' peak RSS is /usr/bin/time's; \"estimate\" the memory estimate it checks before allocating",
             "(statistics.peak_memory_estimate_bytes).", "",
             "CPU: user + system seconds of the process (QuTiP: of its build + run; single-threaded, so on a loaded",
             "machine it is the wall time QuTiP would take alone). openspins' RHS runs on all cores (OMP_NUM_THREADS).", "",
             "| N | depth | ADOs | load | QuTiP build + run (s) | QuTiP CPU (s) | QuTiP steps / RHS | QuTiP peak RSS (MiB) | "
             "openspins compute (s) | of which RHS (s) | openspins process CPU (s) | openspins integrator, steps / RHS | "
             "openspins peak RSS / estimate (MiB) | speed-up (compute) | max \\|Δ\\| |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        qs, qc = "—", "—"
        if "qutip_total" in r:
            qc = f'{r["qutip_cpu"]:.2f}'
            qs = f'{r["qutip_steps"]} / {r["qutip_rhs"]}'
            q = f'{r["qutip_construct"]:.2f} + {r["qutip_run"]:.2f}'
            qm = f'{r["qutip_rss_mib"]:.0f}'
            s = f'{r["speedup_compute"]:.1f}×'
            dd = f'{r["max_difference"]:.1e}'
        elif r.get("qutip_timed_out"):
            q, qm, s, dd = f'> {args.timeout:.0f} (stopped)', "—", "—", "—"
        else:
            q, qm, s, dd = "not run", "—", "—", "—"
        lines.append(f'| {r["N"]} | {r["depth"]} | {r["ados"]} | {r["load"]:.1f} | {q} | {qc} | {qs} | {qm} | '
                     f'{r["openspins_compute"]:.3f} | {r["openspins_rhs_seconds"]:.3f} | {r["openspins_process_cpu"]:.2f} | '
                     f'{r["openspins_integrator"]}, {r["openspins_steps"]} / {r["openspins_rhs_calls"]} | '
                     f'{r["openspins_rss_mib"]:.0f} / {r["openspins_estimate_mib"]:.0f} | {s} | {dd} |')
    # The target case: the largest hierarchy (ADOs × 4^N numbers) QuTiP finished within --timeout.
    done = [r for r in rows if "qutip_total" in r and r["qutip_process"] <= args.limit]
    stopped = [r for r in rows if r.get("qutip_timed_out")]
    lines.append("")
    if done:
        big = max(done, key=lambda r: r["ados"] * 4 ** r["N"])
        lines.append(f'Largest case QuTiP finished within {args.limit:.0f} s: N = {big["N"]}, depth {big["depth"]} '
                     f'({big["ados"]} ADOs × {4 ** big["N"]} numbers): QuTiP {big["qutip_process"]:.1f} s wall '
                     f'({big["qutip_cpu"]:.1f} s CPU), '
                     f'{big["qutip_rss_mib"]:.0f} MiB; openspins {big["openspins_compute"]:.2f} s compute '
                     f'({big["openspins_process"]:.2f} s process), {big["openspins_rss_mib"]:.0f} MiB; '
                     f'{big["speedup_compute"]:.1f}× QuTiP; max |Δ| {big["max_difference"]:.1e}.')
    over = [r for r in rows if "qutip_total" in r and r["qutip_process"] > args.limit]
    if over:
        lines.append(f"QuTiP took longer than {args.limit:.0f} s: " + ", ".join(
            f'N = {r["N"]} depth {r["depth"]} ({r["qutip_process"]:.0f} s wall, {r["qutip_cpu"]:.0f} s CPU)' for r in over) + ".")
    if stopped:
        lines.append("QuTiP stopped at the timeout: " + ", ".join(f'N = {r["N"]} depth {r["depth"]}' for r in stopped) + ".")
    report = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results" / f"{args.report}.md").write_text(report)
    print("\n" + report)


if __name__ == "__main__":
    main()
