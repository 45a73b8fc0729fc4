#!/usr/bin/python3
"""Generate QuTiP references for spin–mode terms (issue 11): tests/data/mode_<case>.{toml,csv}.

Run with Debian's interpreter (python3-qutip 4.7.1):

    /usr/bin/python3 tests/reference/make_mode_references.py [--out tests/data]

Each case is a dict; the script writes the openspins run file (method "dicke", [cavity],
[[hamiltonian.term]] expressions with the mode letters a, ad, n) and solves the same model with
qutip.mesolve (rtol 1e-10, atol 1e-12) on the explicit space of N spins-½ (2^N) ⊗ the truncated
mode (Fock 0 … n_max): no Dicke basis, no normal ordering. The expressions are evaluated as
Python on QuTiP operators (a, ad = a†, n = a†a, Jx Jy Jz = ½Σσ, Jp Jm = Σσ^±, J2), so the run
file and the reference read the same text.

Conventions (docs/config.md): spin basis qutip.basis(2, 0) = |↑⟩ (σ^z = +1), σ^- = |↓⟩⟨↑|;
mode channels κ(n̄_b+1) D[a] + κ n̄_b D[a†]; local emission γ D[σ^-_i]; custom channels γ D[L].
Initial state ρ_spins ⊗ ρ_mode with ρ_mode: Fock |n⟩, coherent |α⟩ (the Fock expansion
truncated and renormalised, as openspins does), thermal n̄ (Bose weights, renormalised).
Columns: Jx Jy Jz J2 JpJm, photons = ⟨a†a⟩, a_re a_im = ⟨a⟩, x = √2 Re⟨a⟩,
x_var = Re⟨a²⟩ + ⟨a†a⟩ + ½ − x², pn_0 … pn_nmax.

CSV: header `t,<columns>`, one row per output time, 16 significant digits.
"""
import argparse
import math
import pathlib

import numpy as np
import qutip

RTOL = 1e-10
ATOL = 1e-12
SPIN_COLUMNS = ["Jx", "Jy", "Jz", "J2", "JpJm"]

CASES = {
    # The Dicke model without the rotating-wave approximation, unitary (the pure-state path),
    # product spin state and a coherent field.
    "n3_nonrwa_coherent_unitary": {
        "n": 3, "n_max": 10, "stop": 3.0, "points": 13,
        "terms": [("Jz", 1.0), ("n", 1.2), ("(a + ad)*Jx", 0.4)],
        "cavity": {"initial": "coherent", "alpha": [0.6, 0.3]},
        "spins": ("product", [0.6, 0.0, 0.8]),
    },
    # Unitary again with mixed initial states on both sides: a mixture of a j = 0 Dicke
    # state and all up, a thermal field (several pure members per block).
    "n2_nonrwa_thermal_mixture_unitary": {
        "n": 2, "n_max": 9, "stop": 3.0, "points": 13,
        "terms": [("Jz", 0.8), ("n", 1.0), ("ad*Jm + a*Jp", 0.5), ("ad*Jp + a*Jm", 0.25)],
        "cavity": {"initial": "thermal", "n_thermal": 0.3},
        "spins": ("mixture", [(1.0, ("dicke", 0.0, 0.0)), (2.0, ("all_up",))]),
    },
    # RWA and counter-rotating terms with loss, thermal pumping and local emission,
    # a thermal field (the density-matrix path).
    "n4_rwa_counter_loss_pump": {
        "n": 4, "n_max": 14, "stop": 3.0, "points": 13,
        "terms": [("Jz", 1.0), ("n", 1.0), ("ad*Jm + a*Jp", 0.3), ("ad*Jp + a*Jm", 0.15)],
        "cavity": {"initial": "thermal", "n_thermal": 0.3, "loss": 0.5, "thermal_occupation": 0.2},
        "emission": 0.1,
        "spins": ("all_up",),
    },
    # Energy-conserving terms (keep m), a Fock state, loss and a custom spin–mode jump.
    "n2_energy_conserving_fock": {
        "n": 2, "n_max": 9, "stop": 3.0, "points": 13,
        "terms": [("Jz", 1.0), ("n", 0.7), ("n*Jz", 0.5), ("(a + ad)*Jz", 0.3)],
        "cavity": {"initial": "fock", "fock": 2, "loss": 0.2},
        "custom": [("a*Jz", 0.1)],
        "spins": ("product", [0.8, 0.0, 0.6]),
    },
}


def spins_toml(part, prefix="[initial]"):
    kind = part[0]
    lines = [prefix, f'kind = "{kind}"'] if prefix else [f'kind = "{kind}"']
    if kind == "product":
        lines.append("bloch = [" + ", ".join(str(x) for x in part[1]) + "]")
    elif kind == "dicke":
        lines += [f"j = {part[1]}", f"m = {part[2]}"]
    elif kind == "mixture":
        for w, sub in part[1]:
            lines += ["[[initial.component]]", f"weight = {w}"] + spins_toml(sub, None)
    return lines


def toml_text(name, c):
    lines = [f'title = "QuTiP spin–mode reference {name}"', "[method]", 'name = "dicke"', f"rtol = {RTOL}",
             f"atol = {ATOL}", "[spins]", f"count = {c['n']}"]
    for expr, s in c["terms"]:
        lines += ["[[hamiltonian.term]]", f'expr = "{expr}"', f"strength = {s}"]
    if c.get("emission"):
        lines += ["[[channel]]", 'kind = "emission"', f"rate = {c['emission']}"]
    for expr, r in c.get("custom", []):
        lines += ["[[channel]]", 'kind = "custom"', f'operator = "{expr}"', f"rate = {r}"]
    cav = c["cavity"]
    lines += ["[cavity]", f"n_max = {c['n_max']}", 'observables = ["a", "x", "fock"]']
    for key in ["initial", "alpha", "n_thermal", "fock", "loss", "thermal_occupation"]:
        if key in cav:
            v = cav[key]
            lines.append(f'{key} = "{v}"' if isinstance(v, str) else f"{key} = {v}")
    lines += spins_toml(c["spins"])
    lines += ["[time]", f"stop = {c['stop']}", f"points = {c['points']}", "[output]",
              "observables = [" + ", ".join(f'"{x}"' for x in SPIN_COLUMNS) + "]", "plot = false"]
    return "\n".join(lines) + "\n"


def spin_state(n, part):
    kind = part[0]
    up = qutip.basis(2, 0)
    if kind == "all_up":
        return qutip.ket2dm(qutip.tensor([up] * n))
    if kind == "product":
        r = part[1]
        single = 0.5 * (qutip.qeye(2) + r[0] * qutip.sigmax() + r[1] * qutip.sigmay() + r[2] * qutip.sigmaz())
        return qutip.tensor([single] * n)
    if kind == "mixture":
        total = sum(w for w, _ in part[1])
        return sum((w / total) * spin_state(n, sub) for w, sub in part[1])
    j, m = part[1], part[2]
    ops = [[qutip.tensor([op if k == i else qutip.qeye(2) for k in range(n)]) for i in range(n)]
           for op in (qutip.sigmax(), qutip.sigmay(), qutip.sigmaz())]
    jx, jy, jz = (0.5 * sum(o) for o in ops)
    values, vectors = np.linalg.eigh((jx * jx + jy * jy + jz * jz).full())
    v = vectors[:, np.abs(values - j * (j + 1)) < 0.5]
    p = (v @ v.conj().T) @ np.diag((np.abs(np.diag(jz.full()).real - m) < 1e-9).astype(float))
    return qutip.Qobj(p / np.trace(p).real, dims=[[2] * n, [2] * n])


def mode_state(cav, dim):
    kind = cav.get("initial", "vacuum")
    if kind == "vacuum":
        return qutip.fock_dm(dim, 0)
    if kind == "fock":
        return qutip.fock_dm(dim, cav["fock"])
    if kind == "coherent":
        alpha = complex(*cav["alpha"])
        c = np.array([np.exp(-abs(alpha) ** 2 / 2) * alpha ** k / math.sqrt(math.factorial(k)) for k in range(dim)])
        psi = qutip.Qobj(c / np.linalg.norm(c))
        return qutip.ket2dm(psi)
    nbar = cav["n_thermal"]
    p = np.array([nbar ** k / (nbar + 1) ** (k + 1) for k in range(dim)])
    return qutip.Qobj(np.diag(p / p.sum()))


def solve(c):
    n, dim = c["n"], c["n_max"] + 1

    def on_spin(op, i):
        return qutip.tensor([op if k == i else qutip.qeye(2) for k in range(n)] + [qutip.qeye(dim)])

    sm = [on_spin(qutip.sigmam(), i) for i in range(n)]
    names = {
        "Jx": 0.5 * sum(on_spin(qutip.sigmax(), i) for i in range(n)),
        "Jy": 0.5 * sum(on_spin(qutip.sigmay(), i) for i in range(n)),
        "Jz": 0.5 * sum(on_spin(qutip.sigmaz(), i) for i in range(n)),
        "Jm": sum(sm),
    }
    names["Jp"] = names["Jm"].dag()
    names["J2"] = names["Jx"] ** 2 + names["Jy"] ** 2 + names["Jz"] ** 2
    a = qutip.tensor([qutip.qeye(2)] * n + [qutip.destroy(dim)])
    names.update({"a": a, "ad": a.dag(), "n": a.dag() * a})
    h = sum(s * eval(expr, {}, names) for expr, s in c["terms"])
    c_ops = []
    cav = c["cavity"]
    kappa, nb = cav.get("loss", 0.0), cav.get("thermal_occupation", 0.0)
    if kappa * (nb + 1):
        c_ops.append(np.sqrt(kappa * (nb + 1)) * a)
    if kappa * nb:
        c_ops.append(np.sqrt(kappa * nb) * a.dag())
    if c.get("emission"):
        c_ops += [np.sqrt(c["emission"]) * s for s in sm]
    for expr, r in c.get("custom", []):
        c_ops.append(np.sqrt(r) * eval(expr, {}, names))
    rho = qutip.tensor(spin_state(n, c["spins"]), mode_state(cav, dim))
    times = np.linspace(0.0, c["stop"], c["points"])
    projectors = [qutip.tensor([qutip.qeye(2)] * n + [qutip.fock_dm(dim, k)]) for k in range(dim)]
    e_ops = [names["Jx"], names["Jy"], names["Jz"], names["J2"], names["Jp"] * names["Jm"], names["n"], a, a * a]
    e_ops += projectors
    opts = qutip.Options(rtol=RTOL, atol=ATOL, nsteps=10 ** 6)
    result = qutip.mesolve(h, rho, times, c_ops, e_ops, options=opts)
    e = [np.asarray(x) for x in result.expect]
    photons, amean, a2 = e[5].real, e[6], e[7]
    x = math.sqrt(2.0) * amean.real
    columns = SPIN_COLUMNS + ["photons", "a_re", "a_im", "x", "x_var"] + [f"pn_{k}" for k in range(dim)]
    values = [e[k].real for k in range(5)] + [photons, amean.real, amean.imag, x, a2.real + photons + 0.5 - x * x]
    values += [e[8 + k].real for k in range(dim)]
    return times, columns, values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parents[1] / "data"))
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    for name, c in CASES.items():
        (out / f"mode_{name}.toml").write_text(toml_text(name, c))
        times, columns, values = solve(c)
        lines = ["t," + ",".join(columns)]
        for r, t in enumerate(times):
            lines.append(",".join([f"{t:.16g}"] + [f"{v[r]:.16g}" for v in values]))
        (out / f"mode_{name}.csv").write_text("\n".join(lines) + "\n")
        print(f"mode_{name}: {len(times)} rows")


if __name__ == "__main__":
    main()
