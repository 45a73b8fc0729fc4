#!/usr/bin/python3
"""QuTiP 4.7.1 HEOMSolver references for the heom method: tests/data/heom_<case>.{toml,csv}.

Run with Debian's interpreter (python3-qutip 4.7.1):

    /usr/bin/python3 tests/reference/make_heom_references.py [--out tests/data] [--check]

Each case is one dict in openspins' run-file vocabulary ([[bath]], [[coupling]], [method]
name = "heom" with depth, terms, expansion, terminator); the script writes the TOML and builds
the QuTiP hierarchy from the same dict.

Conventions (docs/methods/heom.md):
  H_S = −Σ ω_i S^z_i (zeeman "-"), S = σ/2, |↑⟩ = basis(2, 0); couplings g S^α_i.
  openspins' bath correlation is C(t) = (1/2π)∫J(coth cos − i sin) (γ(ω) = J(1 + n), as the
  redfield method); QuTiP's is (1/π)∫…, twice that. So every noise channel A_c (strengths
  included) becomes a QuTiP bath with the same J parameters and Q = A_c/√2:
    drude_lorentz {reorganisation λ, cutoff ω_D} → DrudeLorentzBath / DrudeLorentzPadeBath(Q, lam=λ, gamma=ω_D, T, Nk)
    underdamped {coupling λ, frequency ω_0, damping Γ} → UnderDampedBath(Q, lam=λ, gamma=Γ, w0=ω_0, T, Nk)
  A shared bath is one channel with A = Σ of its couplings; a local bath (correlation 0) one
  channel per spin. terminator = true adds bath.terminator()'s Liouvillian to liouvillian(H_S).
  Hierarchy: max_depth = depth, the baths' exponents combined per bath as QuTiP does by default.
Solver: HEOMSolver.run, Options(rtol=1e-11, atol=1e-13, nsteps=1e7) (scipy zvode, Adams);
--check re-solves at 1e-9/1e-11 and prints the largest change (the data's accuracy is better).
CSV: header t,sx_0,sy_0,sz_0,… (Pauli expectation values), 16 significant digits.
"""
import argparse
import pathlib

import numpy as np
import qutip as q
import json
import subprocess
import tempfile

from qutip.nonmarkov.heom import (BosonicBath, DrudeLorentzBath, DrudeLorentzPadeBath, HEOMSolver,
                                  UnderDampedBath)

DL = {"kind": "drude_lorentz", "reorganisation": 0.1, "cutoff": 0.5}

CASES = {
    "one_spin_matsubara": {
        "title": "HEOM reference: one spin, Drude–Lorentz bath (S^x), Matsubara + terminator",
        "frequencies": [1.0],
        "baths": [{"name": "b", "temperature": 1.0, "scope": "shared", "density": DL}],
        "couplings": [{"bath": "b", "kind": "exchange", "strengths": [1.0]}],
        "heom": {"depth": 4, "terms": 2, "expansion": "matsubara", "terminator": True},
        "bloch": [[0.6, 0.0, 0.8]], "stop": 10.0, "points": 21,
    },
    "one_spin_pade": {
        "title": "HEOM reference: one spin, Drude–Lorentz bath (S^x + S^z), Padé, no terminator, cold",
        "frequencies": [1.0],
        "baths": [{"name": "b", "temperature": 0.3, "scope": "shared",
                   "density": {"kind": "drude_lorentz", "reorganisation": 0.15, "cutoff": 1.0}}],
        "couplings": [{"bath": "b", "kind": "exchange", "strengths": [1.0]},
                      {"bath": "b", "kind": "conserving", "strengths": [0.5]}],
        "heom": {"depth": 5, "terms": 2, "expansion": "pade", "terminator": False},
        "bloch": [[0.0, 0.0, -1.0]], "stop": 10.0, "points": 21,
    },
    "one_spin_underdamped": {
        "title": "HEOM reference: one spin, underdamped Brownian mode (S^x)",
        "frequencies": [1.0],
        "baths": [{"name": "mode", "temperature": 0.8, "scope": "shared",
                   "density": {"kind": "underdamped", "coupling": 0.3, "frequency": 1.2, "damping": 0.4}}],
        "couplings": [{"bath": "mode", "kind": "exchange", "strengths": [1.0]}],
        "heom": {"depth": 5, "terms": 1, "expansion": "matsubara", "terminator": False},
        "bloch": [[1.0, 0.0, 0.0]], "stop": 10.0, "points": 21,
    },
    "two_spins_local": {
        "title": "HEOM reference: two spins, local Drude–Lorentz baths (S^x), Padé + terminator",
        "frequencies": [1.0, 1.3],
        "baths": [{"name": "local", "temperature": 1.0, "scope": "local", "density": DL}],
        "couplings": [{"bath": "local", "kind": "exchange", "strengths": [0.8, 1.0]}],
        "heom": {"depth": 3, "terms": 1, "expansion": "pade", "terminator": True},
        "bloch": [[1.0, 0.0, 0.0], [0.0, 0.6, -0.8]], "stop": 8.0, "points": 17,
    },
    # The long-time state (detailed balance): HEOMSolver.steady_state() of the same hierarchy, written as
    # heom_<case>_steady.csv (sx_0, sy_0, sz_0); the run file integrates long enough for openspins' last row
    # to be the steady state (the slowest mode, τ ≈ 32 and 185, decayed to < 1e-9; BDF, which takes long steps once
    # the coherences have gone, at rtol 1e-10). Moderate coupling (the state
    # is the system's Gibbs state plus an O(λ) correction) and weak coupling (starting from the bare Gibbs
    # state, Bloch vector (0, 0, tanh(βω/2)); the correction is O(λ)).
    "one_spin_steady": {
        "title": "HEOM reference: one spin, Drude–Lorentz bath (S^x + S^z/2), Padé, T = 0.3: the steady state",
        "frequencies": [1.0],
        "baths": [{"name": "b", "temperature": 0.3, "scope": "shared",
                   "density": {"kind": "drude_lorentz", "reorganisation": 0.15, "cutoff": 1.0}}],
        "couplings": [{"bath": "b", "kind": "exchange", "strengths": [1.0]},
                      {"bath": "b", "kind": "conserving", "strengths": [0.5]}],
        "heom": {"depth": 5, "terms": 2, "expansion": "pade", "terminator": False},
        "bloch": [[0.0, 0.0, -1.0]], "stop": 800.0, "points": 5, "steady": True, "series": False,
        "solver": ['integrator = "bdf"', "rtol = 1e-10", "atol = 1e-12"],
    },
    "one_spin_steady_weak": {
        "title": "HEOM reference: one spin, weak Drude–Lorentz bath (S^x + S^z/2), Padé, T = 0.5: the steady state",
        "frequencies": [1.0],
        "baths": [{"name": "b", "temperature": 0.5, "scope": "shared",
                   "density": {"kind": "drude_lorentz", "reorganisation": 0.02, "cutoff": 1.0}}],
        "couplings": [{"bath": "b", "kind": "exchange", "strengths": [1.0]},
                      {"bath": "b", "kind": "conserving", "strengths": [0.5]}],
        "heom": {"depth": 3, "terms": 2, "expansion": "pade", "terminator": False},
        "bloch": [[0.0, 0.0, float(np.tanh(1.0))]], "stop": 3000.0, "points": 4, "steady": True, "series": False,
        "solver": ['integrator = "bdf"', "rtol = 1e-10", "atol = 1e-12"],
    },
    # A fitted bath (seed 000's ohmic form factor, no closed-form expansion): QuTiP 4.7 has no fit of its own, so
    # the script runs openspins (--openspins BINARY) once, reads the fitted exponents from the metadata
    # (heom.channelN_exponents) and gives them to BosonicBath(Q = A_c, ck_real, vk_real, ck_imag, vk_imag) —
    # the exponents of C(t) itself, so no 1/π vs 1/2π conversion (Q = A_c, not A_c/√2).
    "one_spin_fitted": {
        "title": "HEOM reference: one spin, seed 000's ohmic form factor fitted (K = 4), exchange + conserving",
        "frequencies": [1.0],
        "baths": [{"name": "b", "temperature": 0.5, "scope": "shared",
                   "density": {"kind": "form_factor", "n": 0, "m": 1, "angular_integral": 0.05}}],
        "couplings": [{"bath": "b", "kind": "exchange", "strengths": [1.0]},
                      {"bath": "b", "kind": "conserving", "strengths": [0.7]}],
        "heom": {"depth": 4, "terms": 2, "expansion": "pade", "terminator": False, "fit_terms": 4},
        "bloch": [[0.95, 0.0, 0.0]], "stop": 12.0, "points": 25, "fitted": True,
    },
    "two_spins_shared": {
        "title": "HEOM reference: two spins, one shared Drude–Lorentz bath (exchange + conserving), Matsubara",
        "frequencies": [1.0, 1.3],
        "baths": [{"name": "shared", "temperature": 1.0, "scope": "shared", "density": DL}],
        "couplings": [{"bath": "shared", "kind": "exchange", "strengths": [0.8, 0.6]},
                      {"bath": "shared", "kind": "conserving", "strengths": [0.4, 0.4]}],
        "heom": {"depth": 4, "terms": 2, "expansion": "matsubara", "terminator": True},
        "bloch": [[1.0, 0.0, 0.0], [0.0, 0.6, -0.8]], "stop": 8.0, "points": 17,
    },
}

SINGLE = {"exchange": 0.5 * q.sigmax(), "conserving": 0.5 * q.sigmaz(),
          "Sx": 0.5 * q.sigmax(), "Sy": 0.5 * q.sigmay(), "Sz": 0.5 * q.sigmaz()}


def op_on(n, spin, single):
    ops = [q.qeye(2)] * n
    ops[spin] = single
    return q.tensor(ops)


def channels(case):
    """(bath dict, A_c) for every noise channel, as model/bath/environment.hpp builds them."""
    n = len(case["frequencies"])
    out = []
    for bath in case["baths"]:
        terms = [c for c in case["couplings"] if c["bath"] == bath["name"]]
        if not terms:
            continue
        if bath["scope"] == "shared":
            out.append((bath, sum(g * op_on(n, i, SINGLE[c["kind"]]) for c in terms
                                  for i, g in enumerate(c["strengths"]))))
        else:
            for i in range(n):
                out.append((bath, sum(c["strengths"][i] * op_on(n, i, SINGLE[c["kind"]]) for c in terms)))
    return out


def fitted_exponents(case, binary):
    """Runs openspins on the case's run file and returns each channel's exponents from the metadata:
    [(ν, c^R, c^I)] per channel, in channel order (the order channels() builds them)."""
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "case.toml"
        path.write_text(toml_of(case))
        subprocess.run([binary, "run", str(path), "--output", str(pathlib.Path(d) / "out"), "--force"], check=True,
                       stdout=subprocess.DEVNULL)
        notes = json.loads((pathlib.Path(d) / "out" / "metadata.json").read_text())["notes"]
    out = []
    for c in range(1, 100):
        text = notes.get(f"heom.channel{c}_exponents")
        if text is None:
            break
        rows = [[float(v) for v in e.split()] for e in text.split(";")]
        out.append([(complex(r[0], r[1]), complex(r[2], r[3]), complex(r[4], r[5])) for r in rows])
    return out


def qutip_bath(bath, A, heom, exponents=None):
    if exponents is not None:  # openspins' own (fitted) exponents of this channel
        ck_r = [c for _, c, _ in exponents if c != 0]
        vk_r = [v for v, c, _ in exponents if c != 0]
        ck_i = [c for _, _, c in exponents if c != 0]
        vk_i = [v for v, _, c in exponents if c != 0]
        return BosonicBath(A, ck_r, vk_r, ck_i, vk_i)
    d, T, Q = bath["density"], bath["temperature"], A / np.sqrt(2.0)
    if d["kind"] == "drude_lorentz":
        cls = DrudeLorentzPadeBath if heom["expansion"] == "pade" else DrudeLorentzBath
        return cls(Q, lam=d["reorganisation"], gamma=d["cutoff"], T=T, Nk=heom["terms"])
    if d["kind"] == "underdamped":
        return UnderDampedBath(Q, lam=d["coupling"], gamma=d["damping"], w0=d["frequency"], T=T, Nk=heom["terms"])
    raise ValueError(d["kind"])


def solve(case, rtol, atol, exponents=None):
    n = len(case["frequencies"])
    H = sum(-w * op_on(n, i, 0.5 * q.sigmaz()) for i, w in enumerate(case["frequencies"]))
    chans = channels(case)
    baths = [qutip_bath(b, A, case["heom"], exponents[k] if exponents else None) for k, (b, A) in enumerate(chans)]
    L = q.liouvillian(H)
    if case["heom"]["terminator"]:
        for b in baths:
            _, term = b.terminator()
            L = L + term
    kets = [0.5 * (q.qeye(2) + x * q.sigmax() + y * q.sigmay() + z * q.sigmaz()) for x, y, z in case["bloch"]]
    rho0 = q.tensor(kets)
    t = np.linspace(0.0, case["stop"], case["points"])
    e_ops, names = [], []
    for i in range(n):
        for a, s in (("x", q.sigmax()), ("y", q.sigmay()), ("z", q.sigmaz())):
            e_ops.append(op_on(n, i, s))
            names.append(f"s{a}_{i}")
    opts = q.Options(rtol=rtol, atol=atol, nsteps=10**7)
    solver = HEOMSolver(L, baths, case["heom"]["depth"], options=opts)
    if case.get("steady"):
        ss, _ = solver.steady_state(use_mkl=False)
        steady = np.array([np.real((e * ss).tr()) for e in e_ops])
    else:
        steady = None
    if case.get("series", True):
        r = solver.run(rho0, t, e_ops=e_ops)
        values = np.array([np.real(r.expect[k]) for k in range(len(e_ops))])
    else:
        values = None
    return t, names, values, len(solver.ados.labels), steady


def toml_of(case):
    h = case["heom"]
    lines = [f'title = "{case["title"]}"', "[method]", 'name = "heom"', f'depth = {h["depth"]}',
             f'terms = {h["terms"]}', f'expansion = "{h["expansion"]}"',
             f'terminator = {"true" if h["terminator"] else "false"}', 'convergence_check = "none"',
             *([f'fit_terms = {h["fit_terms"]}'] if "fit_terms" in h else []),
             *(case.get("solver") or ["rtol = 1e-11", "atol = 1e-13"]), "[spins]",
             "frequencies = [" + ", ".join(repr(w) for w in case["frequencies"]) + "]",
             "[hamiltonian]", 'zeeman = "-"']
    for bath in case["baths"]:
        params = ", ".join(f'{k} = "{v}"' if isinstance(v, str) else f"{k} = {v!r}"
                           for k, v in bath["density"].items())
        lines += ["[[bath]]", f'name = "{bath["name"]}"', f'temperature = {bath["temperature"]!r}',
                  f'scope = "{bath["scope"]}"', f"spectral_density = {{ {params} }}"]
    for c in case["couplings"]:
        lines += ["[[coupling]]", f'bath = "{c["bath"]}"', f'kind = "{c["kind"]}"',
                  "strengths = [" + ", ".join(repr(g) for g in c["strengths"]) + "]"]
    lines += ["[initial]", 'kind = "product"',
              "bloch = [" + ", ".join("[" + ", ".join(repr(v) for v in b) + "]" for b in case["bloch"]) + "]"]
    lines += ["[time]", f'stop = {case["stop"]!r}', f'points = {case["points"]}',
              "[output]", 'observables = ["spins"]', "plot = false"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parents[1] / "data"))
    parser.add_argument("--check", action="store_true", help="re-solve at rtol 1e-9 and report the change")
    parser.add_argument("--only", default=None)
    parser.add_argument("--openspins", default=str(pathlib.Path(__file__).resolve().parents[2] / "build" / "openspins"),
                        help="openspins binary (for the fitted case's exponents)")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    for name, case in CASES.items():
        if args.only and name != args.only:
            continue
        exponents = fitted_exponents(case, args.openspins) if case.get("fitted") else None
        t, names, values, ados, steady = solve(case, 1e-11, 1e-13, exponents)
        (out / f"heom_{name}.toml").write_text(toml_of(case))
        msg = f"heom_{name}: {ados} ADOs"
        if values is not None:
            with open(out / f"heom_{name}.csv", "w") as f:
                f.write("t," + ",".join(names) + "\n")
                for k in range(len(t)):
                    f.write(",".join(f"{v:.16g}" for v in [t[k], *values[:, k]]) + "\n")
            msg += f", {len(t)} rows"
        if steady is not None:
            with open(out / f"heom_{name}_steady.csv", "w") as f:
                f.write(",".join(names) + "\n" + ",".join(f"{v:.16g}" for v in steady) + "\n")
            msg += ", steady state " + " ".join(f"{v:.10f}" for v in steady)
        if args.check and values is not None:
            _, _, loose, _, _ = solve(case, 1e-9, 1e-11, exponents)
            msg += f", max change at rtol 1e-9: {np.max(np.abs(loose - values)):.2e}"
        print(msg, flush=True)


if __name__ == "__main__":
    main()
