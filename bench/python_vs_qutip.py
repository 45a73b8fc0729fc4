#!/usr/bin/python3
"""The Python module's costs, measured (docs/python.md, "Speed"):

1. call overhead: openspins.run on a tiny model vs the CLI on the same run file (a process
   start, file reading and writing; plot off) — median of repeated calls;
2. a sweep: 100 runs of a 4-spin model (driven, local + collective emission, Γ swept) with
   openspins.run vs QuTiP's mesolve on the same master equation, both at rtol 1e-8,
   atol 1e-10 — total wall time and the largest difference between the two.

Usage: PYTHONPATH=build/python /usr/bin/python3 bench/python_vs_qutip.py --cli build/openspins
Prints a markdown table; state the machine load (uptime) beside it.
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time

import numpy as np
import qutip

import openspins

N, OMEGA, RABI, GAMMA = 4, 1.0, 0.5, 0.1
T_STOP, POINTS = 10.0, 101
SWEEP = np.linspace(0.0, 1.0, 100)  # Γ of the collective emission


# ---- the same model, twice ------------------------------------------------------------------
def openspins_model(collective_rate: float) -> openspins.Model:
    return (openspins.Model(title="4 driven spins, local + collective emission")
            .spins(count=N, frequency=OMEGA).zeeman("+")
            .drive(omega_x=RABI)
            .channel("emission", rate=GAMMA)
            .channel("collective_emission", rate=collective_rate)
            .times(stop=T_STOP, points=POINTS)
            .observables("Jz")
            .method("exact", rtol=1e-8, atol=1e-10))


def qutip_problem(collective_rate: float):
    def site(op, i):
        return qutip.tensor([op if k == i else qutip.qeye(2) for k in range(N)])
    sz = [site(qutip.sigmaz() / 2, i) for i in range(N)]
    sx = [site(qutip.sigmax() / 2, i) for i in range(N)]
    sm = [site(qutip.sigmam(), i) for i in range(N)]
    H = sum(OMEGA * z + RABI * x for z, x in zip(sz, sx))
    c_ops = [np.sqrt(GAMMA) * s for s in sm] + [np.sqrt(collective_rate) * sum(sm)]
    psi0 = qutip.tensor([qutip.basis(2, 0)] * N)
    return H, psi0, c_ops, [sum(sz)]


def run_qutip(collective_rate: float, times: np.ndarray) -> np.ndarray:
    H, psi0, c_ops, e_ops = qutip_problem(collective_rate)
    options = qutip.Options(rtol=1e-8, atol=1e-10)
    return qutip.mesolve(H, psi0, times, c_ops, e_ops, options=options).expect[0]


# ---- measurements ---------------------------------------------------------------------------
def call_overhead(cli: str, repeats: int = 20) -> tuple[float, float]:
    tiny = openspins.Model().spins(count=1, frequency=1.0).zeeman("+").channel("emission", rate=0.1) \
        .times(stop=1.0, points=11).observables("Jz")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "tiny.toml")
        tiny.save(path)
        python_times, cli_times = [], []
        for k in range(repeats):
            start = time.perf_counter()
            openspins.run(tiny, progress=False)
            python_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([cli, "run", path, "--output", os.path.join(tmp, f"out{k}"), "--quiet",
                            "--set", "output.plot=false"], check=True)
            cli_times.append(time.perf_counter() - start)
    return statistics.median(python_times), statistics.median(cli_times)


def sweep() -> tuple[float, float, float]:
    start = time.perf_counter()
    ours = [openspins.run(openspins_model(g), progress=False) for g in SWEEP]
    ours_seconds = time.perf_counter() - start
    times = ours[0].times
    start = time.perf_counter()
    theirs = [run_qutip(g, times) for g in SWEEP]
    qutip_seconds = time.perf_counter() - start
    difference = max(float(np.max(np.abs(r["Jz"] - q))) for r, q in zip(ours, theirs))
    return ours_seconds, qutip_seconds, difference


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", default="build/openspins")
    args = parser.parse_args()
    load = os.getloadavg()
    python_call, cli_call = call_overhead(args.cli)
    ours, theirs, difference = sweep()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; after: "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print()
    print("| measurement | openspins (Python) | other | ratio |")
    print("|---|---|---|---|")
    print(f"| tiny model, one call (median of 20) | {1e3 * python_call:.1f} ms | CLI: {1e3 * cli_call:.1f} ms "
          f"| {cli_call / python_call:.1f}× |")
    print(f"| sweep: 100 runs, N = {N}, {POINTS} times | {ours:.2f} s | QuTiP mesolve: {theirs:.2f} s "
          f"| {theirs / ours:.1f}× |")
    print(f"| largest \\|ΔJz\\| between the two sweeps | {difference:.1e} | | |")


if __name__ == "__main__":
    main()
