#!/usr/bin/python3
"""QuTiP references for the exact method with a bosonic mode and NON-identical spins (issue 11):
tests/data/exact_mode_<case>.{toml,csv}.

    /usr/bin/python3 tests/reference/make_exact_mode_references.py [--out tests/data]

The dicke method cannot take these models (unequal frequencies, per-spin rates, a drive and a
pulse on one spin); the exact method's spins ⊗ mode path (method/exact/spin_mode_run.hpp) can.
Each case is written as an openspins run file (method "exact") and solved with qutip.mesolve
(rtol 1e-10, atol 1e-12) on the explicit space 2^N ⊗ Fock 0 … n_max, the mode terms evaluated as
Python on QuTiP operators exactly as make_mode_references.py does (same conventions: |↑⟩ =
basis(2, 0), σ^- = |↓⟩⟨↑|, H_Z = +Σ ω_i S^z_i for zeeman "+", Jx = ½Σσ^x, Jp = Σσ^+, the loss
κ(n̄_b+1) D[a] + κ n̄_b D[a†], the truncated and renormalised initial mode state).
Pulses: R = Π_i exp(−iθ n·σ_i/2) on the selected spins, applied between mesolve calls.
Columns: Jx, Jz, purity (of Tr_mode ρ), sz0 sz1 sz2 (σ^z per spin, [output.custom]), sx1, photons, a_re, a_im,
x, x_var, pn_0 … pn_nmax, emitted_mode (κ(n̄_b+1)∫⟨a†a⟩dt by Simpson's rule on a grid 40 times
finer than the outputs: it is compared at a looser tolerance, stated in the test).
"""
import argparse
import math
import pathlib
import sys

import numpy as np
import qutip

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_mode_references import mode_state  # noqa: E402  (same initial mode states)

RTOL, ATOL = 1e-10, 1e-12

CASES = {
    # Three spins with unequal frequencies and per-spin emission rates, a drive on spin 0 only,
    # local dephasing on spin 2, the Dicke coupling without RWA plus an RWA term, mode loss with
    # thermal pumping, a coherent field.
    "n3_inhomogeneous_nonrwa_loss": {
        "n": 3, "n_max": 9, "frequencies": [0.8, 1.0, 1.3],
        "terms": [("n", 1.0), ("(a + ad)*Jx", 0.35), ("ad*Jm + a*Jp", 0.2)],
        "drive": {"spins": [0], "omega_x": 0.4},
        "emission": [0.05, 0.1, 0.2], "dephasing": {"spins": [2], "rate": 0.15},
        "cavity": {"initial": "coherent", "alpha": [0.5, -0.2], "loss": 0.4, "thermal_occupation": 0.1},
        "bloch": [0.6, 0.0, 0.8],
        "protocol": [("evolve", 3.0, 13)],
    },
    # Two spins with unequal frequencies, the built-in RWA coupling of [cavity] (seed 002) with a
    # detuned mode in a Fock state, a custom spin–mode jump, and a 90° pulse on spin 1 only
    # half way (the state is no longer permutation symmetric afterwards).
    "n2_detuned_pulse_custom_jump": {
        "n": 2, "n_max": 6, "frequencies": [1.0, 1.5],
        "terms": [], "builtin": {"detuning": 1.2, "coupling": 0.3},
        "custom": [("a*Jz", 0.1)],
        "cavity": {"initial": "fock", "fock": 1, "loss": 0.3},
        "bloch": [0.0, 0.0, 1.0],
        "protocol": [("evolve", 1.5, 7), ("pulse", [1], [0.0, 1.0, 0.0], math.pi / 2), ("evolve", 1.5, 7)],
    },
}


def toml_text(name, c):
    lines = [f'title = "QuTiP spins ⊗ mode reference {name} (non-identical spins)"', "[method]", 'name = "exact"',
             f"rtol = {RTOL}", f"atol = {ATOL}", "[spins]",
             "frequencies = [" + ", ".join(str(w) for w in c["frequencies"]) + "]", "[hamiltonian]", 'zeeman = "+"']
    if "drive" in c:
        d = c["drive"]
        lines += ["[[hamiltonian.drive]]", f"omega_x = {d['omega_x']}", f"spins = {d['spins']}"]
    for expr, s in c["terms"]:
        lines += ["[[hamiltonian.term]]", f'expr = "{expr}"', f"strength = {s}"]
    if "emission" in c:
        lines += ["[[channel]]", 'kind = "emission"', "rates = [" + ", ".join(str(r) for r in c["emission"]) + "]"]
    if "dephasing" in c:
        d = c["dephasing"]
        lines += ["[[channel]]", 'kind = "dephasing"', f"rate = {d['rate']}", f"spins = {d['spins']}"]
    for expr, r in c.get("custom", []):
        lines += ["[[channel]]", 'kind = "custom"', f'operator = "{expr}"', f"rate = {r}"]
    cav = c["cavity"]
    lines += ["[cavity]", f"n_max = {c['n_max']}", 'observables = ["a", "x", "fock", "emitted"]']
    for key, v in c.get("builtin", {}).items():
        lines.append(f"{key} = {v}")
    for key in ["initial", "alpha", "fock", "loss", "thermal_occupation"]:
        if key in cav:
            v = cav[key]
            lines.append(f'{key} = "{v}"' if isinstance(v, str) else f"{key} = {v}")
    lines += ["[initial]", 'kind = "product"', "bloch = [" + ", ".join(str(x) for x in c["bloch"]) + "]"]
    steps = c["protocol"]
    if len(steps) == 1:
        lines += ["[time]", f"stop = {steps[0][1]}", f"points = {steps[0][2]}"]
    else:
        total = sum(s[1] for s in steps if s[0] == "evolve")
        points = sum(s[2] - 1 for s in steps if s[0] == "evolve") + 1
        lines += ["[time]", f"stop = {total}", f"points = {points}"]
        for s in steps:
            if s[0] == "evolve":
                lines += ["[[protocol]]", f"evolve = {s[1]}"]
            else:
                lines += ["[[protocol]]", f"pulse = {{ axis = [{s[2][0]}, {s[2][1]}, {s[2][2]}], angle = {s[3]!r} }}",
                          f"spins = {s[1]}"]
    builtin = ["Jx", "Jz", "purity"]
    custom = [("sz0", "sz(0)"), ("sz1", "sz(1)"), ("sx1", "sx(1)")] + ([("sz2", "sz(2)")] if c["n"] >= 3 else [])
    lines += ["[output]", "observables = [" + ", ".join(f'"{o}"' for o in builtin) + "]", "plot = false",
              "[output.custom]"] + [f'{name} = "{expr}"' for name, expr in custom]
    return "\n".join(lines) + "\n", builtin + [name for name, _ in custom]


def solve(c, spin_obs):
    n, dim = c["n"], c["n_max"] + 1

    def on_spin(op, i):
        return qutip.tensor([op if k == i else qutip.qeye(2) for k in range(n)] + [qutip.qeye(dim)])

    sx = [on_spin(qutip.sigmax(), i) for i in range(n)]
    sy = [on_spin(qutip.sigmay(), i) for i in range(n)]
    sz = [on_spin(qutip.sigmaz(), i) for i in range(n)]
    sm = [on_spin(qutip.sigmam(), i) for i in range(n)]
    names = {"Jx": 0.5 * sum(sx), "Jy": 0.5 * sum(sy), "Jz": 0.5 * sum(sz), "Jm": sum(sm)}
    names["Jp"] = names["Jm"].dag()
    names["J2"] = names["Jx"] ** 2 + names["Jy"] ** 2 + names["Jz"] ** 2
    a = qutip.tensor([qutip.qeye(2)] * n + [qutip.destroy(dim)])
    names.update({"a": a, "ad": a.dag(), "n": a.dag() * a})
    h = sum(0.5 * w * sz[i] for i, w in enumerate(c["frequencies"]))
    h += sum(s * eval(expr, {}, names) for expr, s in c["terms"])
    if "drive" in c:
        h += sum(0.5 * c["drive"]["omega_x"] * sx[i] for i in c["drive"]["spins"])
    if "builtin" in c:  # δ a†a + i g (a† J^- − a J^+)
        h += c["builtin"]["detuning"] * a.dag() * a
        h += 1j * c["builtin"]["coupling"] * (a.dag() * names["Jm"] - a * names["Jp"])
    cav = c["cavity"]
    kappa, nb = cav.get("loss", 0.0), cav.get("thermal_occupation", 0.0)
    c_ops = []
    if kappa * (nb + 1):
        c_ops.append(np.sqrt(kappa * (nb + 1)) * a)
    if kappa * nb:
        c_ops.append(np.sqrt(kappa * nb) * a.dag())
    for i, r in enumerate(c.get("emission", [])):
        c_ops.append(np.sqrt(r) * sm[i])
    if "dephasing" in c:  # openspins' dephasing γ D[σ^z_i]
        c_ops += [np.sqrt(c["dephasing"]["rate"]) * sz[i] for i in c["dephasing"]["spins"]]
    for expr, r in c.get("custom", []):
        c_ops.append(np.sqrt(r) * eval(expr, {}, names))
    r = c["bloch"]
    single = 0.5 * (qutip.qeye(2) + r[0] * qutip.sigmax() + r[1] * qutip.sigmay() + r[2] * qutip.sigmaz())
    rho = qutip.tensor([single] * n + [mode_state(cav, dim)])
    opts = qutip.Options(rtol=RTOL, atol=ATOL, nsteps=10 ** 6)
    spin_ops = {"sz0": sz[0], "sz1": sz[1], "sx1": sx[1], "Jx": names["Jx"], "Jz": names["Jz"]}
    if n >= 3:
        spin_ops["sz2"] = sz[2]

    def row(state, emitted):
        reduced = state.ptrace(list(range(n)))
        values = [qutip.expect(spin_ops[o], state) if o != "purity" else (reduced * reduced).tr().real
                  for o in spin_obs]
        photons = qutip.expect(a.dag() * a, state)
        amean = qutip.expect(a, state)
        a2 = qutip.expect(a * a, state)
        x = math.sqrt(2.0) * amean.real
        mode = state.ptrace(n)
        return ([float(np.real(v)) for v in values] + [photons.real, amean.real, amean.imag, x,
                a2.real + photons.real + 0.5 - x * x] + [mode[k, k].real for k in range(dim)] + [emitted])

    rows, times = [], []
    t0, emitted, rate = 0.0, 0.0, kappa * (nb + 1)
    first = True
    for step in c["protocol"]:
        if step[0] == "pulse":
            _, spins, axis, angle = step
            u = qutip.tensor([qutip.qeye(2)] * n + [qutip.qeye(dim)])
            for i in spins:
                nsig = axis[0] * sx[i] + axis[1] * sy[i] + axis[2] * sz[i]
                u = u * (math.cos(angle / 2) * qutip.tensor([qutip.qeye(2)] * n + [qutip.qeye(dim)])
                         - 1j * math.sin(angle / 2) * nsig)
            rho = u * rho * u.dag()
            rows[-1] = row(rho, emitted)  # the output at the pulse time shows the pulsed state
            continue
        _, duration, points = step
        # A fine grid for the photon counter (composite Simpson over each output interval, error
        # ~h⁴); outputs every `sub`-th point.
        sub = 40
        fine = np.linspace(t0, t0 + duration, (points - 1) * sub + 1)
        result = qutip.mesolve(h, rho, fine, c_ops, [], options=opts)
        photons = np.array([qutip.expect(a.dag() * a, s).real for s in result.states])
        counter = np.full(len(fine), emitted)
        step = fine[1] - fine[0]
        for k in range(sub, len(fine), sub):
            chunk = photons[k - sub:k + 1]
            counter[k] = counter[k - sub] + rate * step / 3 * (chunk[0] + chunk[-1] + 4 * chunk[1:-1:2].sum()
                                                                 + 2 * chunk[2:-1:2].sum())
        for k in range(0 if first else sub, len(fine), sub):
            times.append(fine[k])
            rows.append(row(result.states[k], counter[k]))
        first = False
        rho, emitted, t0 = result.states[-1], counter[-1], t0 + duration
    columns = spin_obs + ["photons", "a_re", "a_im", "x", "x_var"] + [f"pn_{k}" for k in range(dim)] + ["emitted_mode"]
    return times, columns, rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parents[1] / "data"))
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    for name, c in CASES.items():
        text, spin_obs = toml_text(name, c)
        (out / f"exact_mode_{name}.toml").write_text(text)
        times, columns, rows = solve(c, spin_obs)
        lines = ["t," + ",".join(columns)]
        for t, r in zip(times, rows):
            lines.append(",".join([f"{t:.16g}"] + [f"{v:.16g}" for v in r]))
        (out / f"exact_mode_{name}.csv").write_text("\n".join(lines) + "\n")
        print(f"exact_mode_{name}: {len(times)} rows")


if __name__ == "__main__":
    main()
