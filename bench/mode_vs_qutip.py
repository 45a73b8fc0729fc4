#!/usr/bin/python3
"""Benchmark: the dicke method's spin–mode path against QuTiP on the Dicke model without the RWA.

    /usr/bin/python3 bench/mode_vs_qutip.py --build build [--sizes 10 20 40] [--large 200]

Model (docs/config.md "Mode operators"): H = ω0 Jz + ω a†a + (2λ/√N)(a + a†) Jx, ω0 = ω = 1,
λ = 0.4 (below the superradiant λ_c = 0.5, so n_max = 10 holds the field), no dissipation,
all spins down ⊗ vacuum, t ∈ [0, 20], 41 output points, n_max = 10.
openspins: its pure-state path (one state vector of (N+1)·11 amplitudes, Lanczos exponential, norm-preserving)
at the same rtol 1e-8, atol 1e-10 as QuTiP (--rtol/--atol change it).
QuTiP 4.7: the j = N/2 block (qutip.jmat, the same operators as piqs' jspin restricted to the
symmetric block) ⊗ destroy(11), rtol 1e-8, atol 1e-10, (i) mesolve on the density matrix,
(ii) sesolve on the ket. Accuracy: largest |Δ⟨Jz⟩| and |Δ⟨a†a⟩| over the outputs against
openspins at rtol 1e-12, atol 1e-14. Every openspins run is a separate process (wall time of
`openspins run` including start-up; CPU time of the child process); QuTiP's time is that of the
solver call (wall and process CPU time). The machine is shared: compare CPU times when the load is high.
Writes bench/results/mode_vs_qutip.json and prints a Markdown table (copied to bench/README.md).
"""
import argparse
import json
import math
import os
import pathlib
import resource
import subprocess
import tempfile
import time

import numpy as np
import qutip

ROOT = pathlib.Path(__file__).resolve().parents[1]
LAMBDA, OMEGA, OMEGA0, NMAX, STOP, POINTS = 0.4, 1.0, 1.0, 10, 20.0, 41


def run_file(n, rtol, atol):
    g = 2 * LAMBDA / math.sqrt(n)
    return f"""[method]
name = "dicke"
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
[initial]
kind = "all_down"
[time]
stop = {STOP}
points = {POINTS}
[output]
observables = ["Jz"]
plot = false
"""


def openspins(binary, n, rtol, atol):
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "dicke_nonrwa.toml"
        path.write_text(run_file(n, rtol, atol))
        start, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([binary, "run", str(path), "--quiet", "--force"], cwd=d, check=True,
                       stdout=subprocess.DEVNULL)
        wall, cpu1 = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        openspins.cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
        data = np.genfromtxt(pathlib.Path(d) / "results" / "dicke_nonrwa" / "series.csv", delimiter=",", names=True)
    return wall, data["Jz"], data["photons"]


def qutip_run(n, ket):
    j = n / 2
    dim = NMAX + 1
    jx, jz = qutip.tensor(qutip.jmat(j, "x"), qutip.qeye(dim)), qutip.tensor(qutip.jmat(j, "z"), qutip.qeye(dim))
    a = qutip.tensor(qutip.qeye(n + 1), qutip.destroy(dim))
    h = OMEGA0 * jz + OMEGA * a.dag() * a + (2 * LAMBDA / math.sqrt(n)) * (a + a.dag()) * jx
    psi = qutip.tensor(qutip.basis(n + 1, n), qutip.basis(dim, 0))  # m = −j (jmat orders m = j … −j)
    times = np.linspace(0, STOP, POINTS)
    opts = qutip.Options(rtol=1e-8, atol=1e-10, nsteps=10 ** 7)
    start, cpu0 = time.perf_counter(), time.process_time()
    if ket:
        r = qutip.sesolve(h, psi, times, [jz, a.dag() * a], options=opts)
    else:
        r = qutip.mesolve(h, qutip.ket2dm(psi), times, [], [jz, a.dag() * a], options=opts)
    qutip_run.cpu = time.process_time() - cpu0
    return time.perf_counter() - start, np.real(r.expect[0]), np.real(r.expect[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 20, 40])
    parser.add_argument("--large", type=int, nargs="*", default=[200])
    parser.add_argument("--rtol", type=float, default=1e-8)
    parser.add_argument("--atol", type=float, default=1e-10)
    args = parser.parse_args()
    binary = str((ROOT / args.build / "openspins").resolve())
    load = os.getloadavg()
    rows = []
    for n in args.sizes + args.large:
        # The large runs get no reference run (accuracy is measured at the QuTiP sizes).
        large = n not in args.sizes
        wall, jz, ph = openspins(binary, n, args.rtol, args.atol)
        cpu = openspins.cpu
        _, jz_ref, ph_ref = (wall, jz, ph) if large else openspins(binary, n, 1e-12, 1e-14)
        row = {"N": n, "openspins_s": wall, "openspins_cpu_s": cpu, "openspins_err_Jz": float(np.max(np.abs(jz - jz_ref))),
               "openspins_err_photons": float(np.max(np.abs(ph - ph_ref))), "max_photons": float(np.max(ph_ref))}
        if n in args.sizes:
            for label, ket in (("mesolve", False), ("sesolve", True)):
                t, qjz, qph = qutip_run(n, ket)
                row[f"qutip_{label}_s"] = t
                row[f"qutip_{label}_cpu_s"] = qutip_run.cpu
                row[f"qutip_{label}_err_Jz"] = float(np.max(np.abs(qjz - jz_ref)))
                row[f"qutip_{label}_err_photons"] = float(np.max(np.abs(qph - ph_ref)))
        rows.append(row)
        print(json.dumps(row), flush=True)
    result = {"load_before": load, "load_after": os.getloadavg(), "rtol": args.rtol, "atol": args.atol, "rows": rows}
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "mode_vs_qutip.json").write_text(json.dumps(result, indent=1) + "\n")
    print(f"\nload average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, after "
          f"{result['load_after'][0]:.2f} {result['load_after'][1]:.2f} {result['load_after'][2]:.2f}\n")
    print("| N | openspins wall / CPU (s) | QuTiP mesolve ρ wall / CPU (s) | CPU ratio | QuTiP sesolve ψ wall / CPU (s) | CPU ratio | max\\|Δ⟨Jz⟩\\| openspins / mesolve / sesolve | max ⟨a†a⟩ |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "qutip_mesolve_s" in r:
            print(f"| {r['N']} | {r['openspins_s']:.2f} / {r['openspins_cpu_s']:.2f} | {r['qutip_mesolve_s']:.1f} / {r['qutip_mesolve_cpu_s']:.1f} | "
                  f"{r['qutip_mesolve_cpu_s'] / r['openspins_cpu_s']:.0f}× | "
                  f"{r['qutip_sesolve_s']:.2f} / {r['qutip_sesolve_cpu_s']:.2f} | {r['qutip_sesolve_cpu_s'] / r['openspins_cpu_s']:.1f}× | "
                  f"{r['openspins_err_Jz']:.1e} / {r['qutip_mesolve_err_Jz']:.1e} / {r['qutip_sesolve_err_Jz']:.1e} | {r['max_photons']:.3f} |")
        else:
            print(f"| {r['N']} | {r['openspins_s']:.2f} / {r['openspins_cpu_s']:.2f} | — | — | — | — | {r['openspins_err_Jz']:.1e} / — / — | {r['max_photons']:.3f} |")


if __name__ == "__main__":
    main()
