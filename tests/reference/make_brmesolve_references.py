#!/usr/bin/python3
"""Generate QuTiP brmesolve reference data for the redfield method: tests/data/brme_<case>.{toml,csv}.

Run with Debian's interpreter (python3-qutip 4.7.1):

    /usr/bin/python3 tests/reference/make_brmesolve_references.py [--out tests/data] [--check]

Each case is one Python dict in openspins' run-file vocabulary (docs/config.md: [[bath]],
[[coupling]], [method] generator = "bloch_redfield"); the script writes the TOML from it and
builds the QuTiP model from the same dict.

Conventions (docs/methods/redfield.md), as implemented below:
  H_S = −Σ ω_i S^z_i (zeeman "-"), S = σ/2, |↑⟩ = basis(2, 0).
  Bath spectrum (thermal "bose"): γ(ω) = J(ω)(1 + n(ω)) for ω > 0, J(|ω|) n(|ω|) for ω < 0,
  γ(0) = T·J̃(0), ω = energy the system loses. QuTiP's brmesolve a_ops = [[A, S]] uses the same
  sign and normalisation (checked: a single spin's T1 agrees to 1e-11), so S = γ.
  A shared bath is one a_op with A = Σ of its couplings; a local bath one a_op per spin.
  QuTiP 4.7 drops the Lamb shift (imaginary part), so the cases set lamb_shift = false;
  use_secular=False keeps every non-secular term (full Bloch–Redfield; in QuTiP 4.7
  sec_cutoff=-1 would drop every term, dissipation included); a case with generator "davies"
  uses use_secular=True with its own sec_cutoff (see davies_five).
Solver: brmesolve at rtol 1e-10, atol 1e-12; --check re-solves at 1e-12/1e-14.
CSV: header t,sx_0,sy_0,sz_0,…; 16 significant digits. A case with "eigenvalues" also writes
brme_<case>_eigenvalues.csv (re,im): every eigenvalue of QuTiP's Bloch–Redfield tensor.
"""
import argparse
import math
import pathlib

import numpy as np
import qutip as q

CASES = {
    "two_spins": {
        "title": "brmesolve reference: two spins, shared ohmic bath (exchange + conserving), local ohmic baths",
        "frequencies": [1.0, 1.3],
        "baths": [
            {"name": "collective", "temperature": 0.5, "scope": "shared",
             "density": {"kind": "ohmic", "alpha": 0.05, "cutoff": 5.0}},
            {"name": "local", "temperature": 0.5, "scope": "local",
             "density": {"kind": "ohmic", "alpha": 0.03, "cutoff": 3.0}},
        ],
        "couplings": [
            {"bath": "collective", "kind": "exchange", "strengths": [0.6, 0.5]},
            {"bath": "collective", "kind": "conserving", "strengths": [0.4, 0.4]},
            {"bath": "local", "kind": "exchange", "strengths": [0.5, 0.7]},
        ],
        "bloch": [[1.0, 0.0, 0.0], [0.0, 0.6, -0.8]],
        "stop": 20.0, "points": 21,
    },
    "four_spins": {
        "title": "brmesolve reference: four spins, shared ohmic + local Drude–Lorentz baths",
        "frequencies": [1.0, 1.1, 1.25, 1.4],
        "baths": [
            {"name": "collective", "temperature": 0.8, "scope": "shared",
             "density": {"kind": "ohmic", "alpha": 0.04, "cutoff": 4.0}},
            {"name": "local", "temperature": 0.8, "scope": "local",
             "density": {"kind": "drude_lorentz", "reorganisation": 0.02, "cutoff": 2.0}},
        ],
        "couplings": [
            {"bath": "collective", "kind": "exchange", "strengths": [0.5, 0.5, 0.5, 0.5]},
            {"bath": "collective", "kind": "conserving", "strengths": [0.3, 0.3, 0.3, 0.3]},
            {"bath": "local", "kind": "exchange", "strengths": [0.4, 0.4, 0.4, 0.4]},
            {"bath": "local", "kind": "conserving", "strengths": [0.3, 0.3, 0.3, 0.3]},
        ],
        "bloch": [[1.0, 0.0, 0.0], [0.0, 0.0, -1.0], [0.6, 0.0, 0.8], [0.0, 1.0, 0.0]],
        "stop": 15.0, "points": 16,
    },
    "coupled_three": {
        "title": "brmesolve reference: three spins with an xy chain and a transverse field (eigenbasis path)",
        "frequencies": [1.0, 1.15, 1.3],
        "hamiltonian": [{"kind": "xy", "J": 0.15, "pairs": "chain"},
                        {"kind": "drive", "omega_x": 0.1, "spins": [0]}],
        "baths": [
            {"name": "collective", "temperature": 0.6, "scope": "shared",
             "density": {"kind": "ohmic", "alpha": 0.04, "cutoff": 4.0}},
            {"name": "local", "temperature": 0.6, "scope": "local",
             "density": {"kind": "ohmic", "alpha": 0.03, "cutoff": 3.0}},
        ],
        "couplings": [
            {"bath": "collective", "kind": "exchange", "strengths": [0.5, 0.5, 0.5]},
            {"bath": "local", "kind": "conserving", "strengths": [0.4, 0.4, 0.4]},
            {"bath": "local", "kind": "exchange", "strengths": [0.3, 0.3, 0.3]},
        ],
        "bloch": [[1.0, 0.0, 0.0], [0.0, 0.0, -1.0], [0.0, 0.6, 0.8]],
        "stop": 15.0, "points": 16,
    },
    "davies_five": {
        # Davies (secular) in the eigenbasis frame of five coupled spins: brmesolve with
        # use_secular=True keeps the tensor elements with |ω_ab − ω_cd| < dw_min·sec_cutoff; here the
        # Bohr frequencies are either equal to < 1e-14 or ≥ 1e-4 apart (dw_min = 3.2e-3), so
        # sec_cutoff = 1e-6 keeps exactly the degenerate groups, as openspins' Davies generator does.
        "title": "brmesolve (secular) reference: five spins with an xy chain and a transverse field, davies",
        "generator": "davies",
        "sec_cutoff": 1e-6,
        "frequencies": [1.0, 1.13, 1.26, 1.39, 1.52],
        "hamiltonian": [{"kind": "xy", "J": 0.15, "pairs": "chain"},
                        {"kind": "drive", "omega_x": 0.1, "spins": [0]}],
        "baths": [
            {"name": "collective", "temperature": 0.6, "scope": "shared",
             "density": {"kind": "ohmic", "alpha": 0.04, "cutoff": 4.0}},
            {"name": "local", "temperature": 0.6, "scope": "local",
             "density": {"kind": "ohmic", "alpha": 0.03, "cutoff": 3.0}},
        ],
        "couplings": [
            {"bath": "collective", "kind": "exchange", "strengths": [0.5] * 5},
            {"bath": "local", "kind": "conserving", "strengths": [0.4] * 5},
            {"bath": "local", "kind": "exchange", "strengths": [0.3] * 5},
        ],
        "bloch": [[0.6, 0.3, -0.7]] * 5,
        "stop": 4.0, "points": 5,
        "rtol": 1e-9, "atol": 1e-11,  # openspins' tolerances: the unit test stays under a second
        "eigenvalues": True,  # also brme_davies_five_eigenvalues.csv: the tensor's 1024 eigenvalues
    },
    "random_field_singlet": {
        "title": "brmesolve reference: seed 003 random field (kappa 0.3, Lorentzian, f_beta), singlet start",
        "frequencies": [1.0, 1.0],
        "thermal": "f_beta",
        "baths": [
            {"name": f"field_{a}", "temperature": 0.5, "scope": "local", "correlation": 0.3,
             "density": {"kind": "lorentzian", "correlation_time": 0.05}} for a in "xyz"
        ],
        "couplings": [{"bath": f"field_{a}", "kind": f"S{a}", "strengths": [1.0, 1.0]} for a in "xyz"],
        "singlet": True,
        "stop": 20.0, "points": 21,
    },
}

SINGLET_FILE = "brme_singlet_rho0.txt"  # openspins basis order: b = bit_0 + 2 bit_1, bit 1 = |↓⟩
SINGLET_TEXT = "0 0 0 0 0 0 0 0\n0 0 0.5 0 -0.5 0 0 0\n0 0 -0.5 0 0.5 0 0 0\n0 0 0 0 0 0 0 0\n"


def density_value(d, w):
    """J(w) for w >= 0 (model/bath/*_density.hpp)."""
    if d["kind"] == "ohmic":
        x = w / d["cutoff"]
        return d["alpha"] * d["cutoff"] * x * math.exp(-x)
    if d["kind"] == "drude_lorentz":
        lam, wd = d["reorganisation"], d["cutoff"]
        return 2 * lam * wd * w / (w * w + wd * wd)
    if d["kind"] == "lorentzian":
        tau = d["correlation_time"]
        return d.get("amplitude", 1.0) * 2 * tau / (1 + w * w * tau * tau)
    raise ValueError(d["kind"])


def zero_slope(d):
    if d["kind"] == "ohmic":
        return d["alpha"]
    if d["kind"] == "drude_lorentz":
        return 2 * d["reorganisation"] / d["cutoff"]
    raise ValueError(d["kind"])


def spectrum(bath, thermal="bose", weight=1.0):
    """γ(ω) of a bath (model/bath/bath_spectrum.hpp), times `weight`."""
    d, T = bath["density"], bath["temperature"]
    if thermal == "f_beta":  # J(|ω|) · 2/(1 + e^{−βω})
        return lambda w: weight * density_value(d, abs(w)) * 2 / (1 + math.exp(-w / T))

    def gamma(w):
        if w == 0:
            return weight * T * zero_slope(d)
        if w > 0:
            return weight * density_value(d, w) * (1 + 1 / math.expm1(w / T))
        return weight * density_value(d, -w) / math.expm1(-w / T)

    return gamma


def op_on(n, spin, single):
    ops = [q.qeye(2)] * n
    ops[spin] = single
    return q.tensor(ops)


def system_and_baths(case):
    """H_S and brmesolve's a_ops of a case."""
    n = len(case["frequencies"])
    H = sum(-w * op_on(n, i, 0.5 * q.sigmaz()) for i, w in enumerate(case["frequencies"]))
    for term in case.get("hamiltonian", []):
        if term["kind"] == "xy":  # J (S^x_i S^x_{i+1} + S^y_i S^y_{i+1}) over the chain
            for i in range(n - 1):
                for s in (q.sigmax(), q.sigmay()):
                    H += term["J"] * op_on(n, i, 0.5 * s) * op_on(n, i + 1, 0.5 * s)
        elif term["kind"] == "drive":  # Ω_x S^x on the listed spins
            for i in term["spins"]:
                H += term["omega_x"] * op_on(n, i, 0.5 * q.sigmax())
    single = {"exchange": 0.5 * q.sigmax(), "conserving": 0.5 * q.sigmaz(),
              "Sx": 0.5 * q.sigmax(), "Sy": 0.5 * q.sigmay(), "Sz": 0.5 * q.sigmaz()}
    thermal = case.get("thermal", "bose")
    a_ops = []
    for bath in case["baths"]:
        terms = [c for c in case["couplings"] if c["bath"] == bath["name"]]
        if not terms:
            continue
        if bath["scope"] == "shared":
            A = sum(g * op_on(n, i, single[c["kind"]]) for c in terms for i, g in enumerate(c["strengths"]))
            a_ops.append([A, spectrum(bath, thermal)])
        else:
            copies = [sum(c["strengths"][i] * op_on(n, i, single[c["kind"]]) for c in terms) for i in range(n)]
            # Copies correlated with κ: modes Σ_m V_mk A_m with weights w_k (C = V diag(w) Vᵀ).
            kappa = bath.get("correlation", 0.0)
            w, v = np.linalg.eigh((1 - kappa) * np.eye(n) + kappa * np.ones((n, n)))
            for k in range(n):
                if w[k] > 1e-12:
                    A = sum(v[m, k] * copies[m] for m in range(n))
                    a_ops.append([A, spectrum(bath, thermal, w[k])])
    return H, a_ops


def tensor_eigenvalues(case):
    """The 4^N eigenvalues of QuTiP's Bloch–Redfield tensor (bloch_redfield_tensor, the
    generator brmesolve integrates), sorted by rate then frequency."""
    H, a_ops = system_and_baths(case)
    secular = case.get("generator", "bloch_redfield") == "davies"
    R, _ = q.bloch_redfield_tensor(H, a_ops, use_secular=secular, sec_cutoff=case.get("sec_cutoff", 0.1))
    values = np.linalg.eigvals(R.full())
    return values[np.lexsort((values.imag, -values.real))]


def solve(case, rtol, atol):
    n = len(case["frequencies"])
    H, a_ops = system_and_baths(case)
    if case.get("singlet"):  # (|↑↓⟩ − |↓↑⟩)/√2
        psi = (q.tensor(q.basis(2, 0), q.basis(2, 1)) - q.tensor(q.basis(2, 1), q.basis(2, 0))).unit()
        rho0 = psi * psi.dag()
    else:
        kets = []
        for x, y, z in case["bloch"]:
            kets.append(0.5 * (q.qeye(2) + x * q.sigmax() + y * q.sigmay() + z * q.sigmaz()))
        rho0 = q.tensor(kets)
    t = np.linspace(0.0, case["stop"], case["points"])
    e_ops, names = [], []
    for i in range(n):
        for a, s in (("x", q.sigmax()), ("y", q.sigmay()), ("z", q.sigmaz())):
            e_ops.append(op_on(n, i, s))
            names.append(f"s{a}_{i}")
    opts = q.Options(rtol=rtol, atol=atol, nsteps=10**6)
    secular = case.get("generator", "bloch_redfield") == "davies"
    r = q.brmesolve(H, rho0, t, a_ops=a_ops, e_ops=e_ops, use_secular=secular,
                    sec_cutoff=case.get("sec_cutoff", 0.1), options=opts)
    return t, names, np.array(r.expect)


def toml_of(case, rtol=1e-11, atol=1e-13, singlet_file="singlet_rho0.txt"):
    lines = [f'title = "{case["title"]}"', "[method]", 'name = "redfield"',
             f'generator = "{case.get("generator", "bloch_redfield")}"',
             "lamb_shift = false", f"rtol = {rtol!r}", f"atol = {atol!r}",
             f'thermal = "{case.get("thermal", "bose")}"', "[spins]",
             "frequencies = [" + ", ".join(repr(w) for w in case["frequencies"]) + "]",
             "[hamiltonian]", 'zeeman = "-"']
    for term in case.get("hamiltonian", []):
        if term["kind"] == "xy":
            lines += ["[[hamiltonian.coupling]]", 'kind = "xy"', f'J = {term["J"]!r}', 'pairs = "chain"']
        else:
            lines += ["[[hamiltonian.drive]]", f'omega_x = {term["omega_x"]!r}',
                      "spins = [" + ", ".join(str(i) for i in term["spins"]) + "]"]
    for bath in case["baths"]:
        d = bath["density"]
        params = ", ".join(f'{k} = "{v}"' if isinstance(v, str) else f"{k} = {v!r}" for k, v in d.items())
        lines += ["[[bath]]", f'name = "{bath["name"]}"', f'temperature = {bath["temperature"]!r}',
                  f'scope = "{bath["scope"]}"', f"spectral_density = {{ {params} }}"]
        if "correlation" in bath:
            lines += [f'correlation = {bath["correlation"]!r}']
    for c in case["couplings"]:
        lines += ["[[coupling]]", f'bath = "{c["bath"]}"', f'kind = "{c["kind"]}"',
                  "strengths = [" + ", ".join(repr(g) for g in c["strengths"]) + "]"]
    if case.get("singlet"):
        lines += ["[initial]", 'kind = "file"', f'path = "{singlet_file}"']
    else:
        lines += ["[initial]", 'kind = "product"',
                  "bloch = [" + ", ".join("[" + ", ".join(repr(v) for v in b) + "]" for b in case["bloch"]) + "]"]
    lines += ["[time]", f'stop = {case["stop"]!r}', f'points = {case["points"]}',
              "[output]", 'observables = ["spins"]', "plot = false"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parents[1] / "data"))
    parser.add_argument("--check", action="store_true", help="re-solve at rtol 1e-12 and report the change")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    for name, case in CASES.items():
        t, names, values = solve(case, 1e-10, 1e-12)
        (out / f"brme_{name}.toml").write_text(
            toml_of(case, case.get("rtol", 1e-11), case.get("atol", 1e-13), singlet_file=SINGLET_FILE))
        if case.get("singlet"):
            (out / SINGLET_FILE).write_text(SINGLET_TEXT)
        with open(out / f"brme_{name}.csv", "w") as f:
            f.write("t," + ",".join(names) + "\n")
            for k in range(len(t)):
                f.write(",".join(f"{v:.16g}" for v in [t[k], *values[:, k]]) + "\n")
        msg = f"brme_{name}: {len(t)} rows"
        if case.get("eigenvalues"):
            values = tensor_eigenvalues(case)
            with open(out / f"brme_{name}_eigenvalues.csv", "w") as f:
                f.write("re,im\n")
                for v in values:
                    f.write(f"{v.real:.16g},{v.imag:.16g}\n")
            msg += f", {len(values)} tensor eigenvalues"
        if args.check:
            _, _, tight = solve(case, 1e-12, 1e-14)
            msg += f", max change at rtol 1e-12: {np.max(np.abs(tight - values)):.2e}"
        print(msg)


if __name__ == "__main__":
    main()
