#!/usr/bin/python3
"""Davies in the eigenbasis frame for N coupled spins, from the command line: the steady state of
`openspins run` against the Gibbs state e^{−H_S/T}/Z computed here with numpy, and the smallest
eigenvalue of ρ the run recorded (docs/validation/redfield.md; the unit test covers N = 5).

    /usr/bin/python3 tests/reference/check_eigenbasis_gibbs.py OPENSPINS N [--stop 10] [--workdir DIR]

The model is tests/method/redfield/eigenbasis_frame_test.cpp's: an xy chain (J = 0.15) with
Zeeman frequencies 1 + 0.13 i (zeeman "-"), a transverse drive Ω_x = 0.1 on spin 0, one shared
and one local ohmic bath at T = 0.6 (Lamb shift on).
"""
import argparse
import json
import pathlib
import subprocess
import tempfile
import time

import numpy as np


def run_file(n, stop):
    freqs = ", ".join(f"{1.0 + 0.13 * i:.2f}" for i in range(n))
    return f"""[method]
name = "redfield"
generator = "davies"
steady_state = true
steady_state_tolerance = 1e-12
[spins]
frequencies = [{freqs}]
[hamiltonian]
zeeman = "-"
[[hamiltonian.coupling]]
kind = "xy"
J = 0.15
pairs = "chain"
[[hamiltonian.drive]]
omega_x = 0.1
spins = [0]
[[bath]]
name = "collective"
temperature = 0.6
spectral_density = {{ kind = "ohmic", alpha = 0.04, cutoff = 4.0 }}
[[bath]]
name = "local"
temperature = 0.6
scope = "local"
spectral_density = {{ kind = "ohmic", alpha = 0.03, cutoff = 3.0 }}
[[coupling]]
bath = "collective"
kind = "exchange"
strength = 0.5
[[coupling]]
bath = "local"
kind = "conserving"
strength = 0.4
[[coupling]]
bath = "local"
kind = "exchange"
strength = 0.3
[initial]
kind = "product"
bloch = [0.6, 0.3, -0.7]
[time]
stop = {stop}
points = 11
[output]
observables = ["spins"]
plot = false
"""


def gibbs_expectations(n, temperature=0.6):
    sx = np.array([[0, 1], [1, 0]], complex)
    sy = np.array([[0, -1j], [1j, 0]])
    sz = np.diag([1.0, -1.0]).astype(complex)

    def on(i, s):  # openspins' basis: spin i is bit i, bit 0 = |↑⟩ → kron with spin 0 last
        out = np.eye(1, dtype=complex)
        for k in reversed(range(n)):
            out = np.kron(out, s if k == i else np.eye(2))
        return out

    h = sum(-(1.0 + 0.13 * i) * on(i, sz / 2) for i in range(n))
    for i in range(n - 1):
        h += 0.15 * (on(i, sx / 2) @ on(i + 1, sx / 2) + on(i, sy / 2) @ on(i + 1, sy / 2))
    h += 0.1 * on(0, sx / 2)
    e, v = np.linalg.eigh(h)
    w = np.exp(-(e - e.min()) / temperature)
    rho = (v * (w / w.sum())) @ v.conj().T
    return {f"s{a}_{i}": np.trace(rho @ on(i, s)).real for i in range(n) for a, s in (("x", sx), ("y", sy), ("z", sz))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("openspins")
    parser.add_argument("n", type=int)
    parser.add_argument("--stop", type=float, default=10.0)
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args()
    work = pathlib.Path(args.workdir or tempfile.mkdtemp())
    (work / "run.toml").write_text(run_file(args.n, args.stop))
    start = time.time()
    subprocess.run([args.openspins, "run", str(work / "run.toml"), "--output", str(work / "out"), "--force"], check=True)
    seconds = time.time() - start
    header, values = (work / "out" / "steady_state.csv").read_text().split("\n")[:2]
    steady = dict(zip(header.split(","), map(float, values.split(","))))
    want = gibbs_expectations(args.n)
    worst = max(abs(steady[k] - want[k]) for k in want)
    notes = json.loads((work / "out" / "metadata.json").read_text())["notes"]
    print(f"N = {args.n}: |steady − Gibbs| ≤ {worst:.2e}; min eigenvalue of ρ {notes['redfield.min_eigenvalue_of_rho']};"
          f" run {seconds:.1f} s wall, {notes['rhs_calls']} right-hand sides in {float(notes['rhs_seconds']):.1f} s")


if __name__ == "__main__":
    main()
