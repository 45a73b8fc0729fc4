#!/usr/bin/python3
"""QuTiP references for seed 004's one-mode formulas (src/openspins/method/analytic/): tests/data/seed004_<case>.csv.

Run with Debian's interpreter (python3-qutip 4.7.1):

    /usr/bin/python3 tests/reference/make_seed004_references.py [--out tests/data] [--check]

Model (seed 004 eq. 1.2, one mode; mean_field_mode_model.hpp):
  H_N = Σ_j (ω₀/2)σ^z_j + ω a†a + (λ/√N) Σ_j G_j ⊗ B,   B = g (a + a†)/√2 (g real),
with G = σ^x (Dicke form) or σ^z (energy conserving). The spins start in a symmetric product state
(all down, all up, or all |+x⟩), so the state stays in the j = N/2 block: Σ_j σ^α_j = 2 J_α with
qutip.jmat(N/2, α) (basis m = j … −j, m = j is all up), tensored with the mode truncated at n_max.
qutip.sesolve on the pure state, rtol 1e-12, atol 1e-14; --check reruns with n_max + 5 and rtol
1e-13 and prints the largest change (the data's accuracy: ≤ 1e-10 for every case, measured).

CSV: header `t,<columns>`, one row per output time, 16 significant digits.
Columns: n = ⟨a†a⟩, a_re/a_im = ⟨a⟩, p0 = P(n = 0), sx = ⟨Σσ^x⟩/N, sz = ⟨Σσ^z⟩/N.
"""
import argparse
import pathlib

import numpy as np
import qutip

CASES = {
    # Dicke form, vacuum, weak coupling: (2.9) to O(λ⁴); two λ to see the remainder scale.
    "dicke_n4_down_l005": dict(n=4, G="x", spins="down", omega0=1.0, omega=0.7, g=1.0, lam=0.05,
                               alpha=0.0, n_max=8, t_end=3.0, points=13),
    "dicke_n4_down_l010": dict(n=4, G="x", spins="down", omega0=1.0, omega=0.7, g=1.0, lam=0.10,
                               alpha=0.0, n_max=8, t_end=3.0, points=13),
    "dicke_n4_up_l005": dict(n=4, G="x", spins="up", omega0=1.0, omega=0.7, g=1.0, lam=0.05,
                             alpha=0.0, n_max=8, t_end=3.0, points=13),
    "dicke_n4_up_l010": dict(n=4, G="x", spins="up", omega0=1.0, omega=0.7, g=1.0, lam=0.10,
                             alpha=0.0, n_max=8, t_end=3.0, points=13),
    # Energy conserving, spins in |+x⟩ (μ_S(σ^z) = 0), coherent field, strong coupling.
    "ec_n6_plusx": dict(n=6, G="z", spins="plusx", omega0=1.0, omega=1.3, g=1.0, lam=0.8,
                        alpha=0.5 + 0.2j, n_max=30, t_end=6.0, points=13),
}


def solve(case, n_max, rtol, atol):
    n = case["n"]
    j = n / 2
    dim_s = n + 1
    jz, jx = qutip.jmat(j, "z"), qutip.jmat(j, "x")
    a = qutip.tensor(qutip.qeye(dim_s), qutip.destroy(n_max + 1))
    Jz = qutip.tensor(jz, qutip.qeye(n_max + 1))
    Jx = qutip.tensor(jx, qutip.qeye(n_max + 1))
    G = 2 * (Jx if case["G"] == "x" else Jz)
    B = case["g"] * (a + a.dag()) / np.sqrt(2)
    H = case["omega0"] * Jz + case["omega"] * a.dag() * a + case["lam"] / np.sqrt(n) * G * B
    if case["spins"] == "down":
        spin = qutip.basis(dim_s, dim_s - 1)
    elif case["spins"] == "up":
        spin = qutip.basis(dim_s, 0)
    else:  # |+x⟩^N: the +j eigenvector of J_x
        spin = (-1j * np.pi / 2 * qutip.jmat(j, "y")).expm() * qutip.basis(dim_s, 0)
    psi0 = qutip.tensor(spin, qutip.coherent(n_max + 1, case["alpha"]))
    p0 = qutip.tensor(qutip.qeye(dim_s), qutip.fock_dm(n_max + 1, 0))
    times = np.linspace(0.0, case["t_end"], case["points"])
    e_ops = [a.dag() * a, a, p0, 2 * Jx / n, 2 * Jz / n]
    out = qutip.sesolve(H, psi0, times, e_ops, options=qutip.Options(rtol=rtol, atol=atol, nsteps=100000))
    e = out.expect
    return times, {"n": np.real(e[0]), "a_re": np.real(e[1]), "a_im": np.imag(e[1]), "p0": np.real(e[2]),
                   "sx": np.real(e[3]), "sz": np.real(e[4])}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parents[1] / "data"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    for name, case in CASES.items():
        times, cols = solve(case, case["n_max"], 1e-12, 1e-14)
        path = pathlib.Path(args.out) / f"seed004_{name}.csv"
        with open(path, "w") as f:
            f.write("t," + ",".join(cols) + "\n")
            for i, t in enumerate(times):
                f.write(",".join(f"{v:.16g}" for v in [t] + [cols[c][i] for c in cols]) + "\n")
        if args.check:
            _, tight = solve(case, case["n_max"] + 5, 1e-13, 1e-15)
            change = max(np.max(np.abs(tight[c] - cols[c])) for c in cols)
            print(f"{name}: largest change (n_max + 5, rtol 1e-13) {change:.2e}")
        print("wrote", path)


if __name__ == "__main__":
    main()
