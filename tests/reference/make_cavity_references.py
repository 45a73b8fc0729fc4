#!/usr/bin/python3
"""Generate QuTiP references for the dicke method with a cavity mode: tests/data/cavity_<case>.{toml,csv}.

Run with Debian's interpreter (python3-qutip 4.7.1):

    /usr/bin/python3 tests/reference/make_cavity_references.py [--out tests/data]

Each case is described once, as a dict; the script writes the openspins run file (method
"dicke" with a [cavity] table) and, from the same dict, solves the master equation with
qutip.mesolve (rtol 1e-10, atol 1e-12) on the full tensor space of N spins-½ (2^N) and the
truncated mode (Fock states 0 … n_max) — no Dicke basis, no permutation symmetry used — so
the comparison checks the block decomposition, the local-channel transfers and the
cavity terms independently.

Model (model/cavity.hpp; docs/conventions.md):
  H = +ω Jz + Ω_x Jx + δ a†a + i g (a† J^- − a J^+),   Jz = ½Σσ^z, J^± = Σσ^±
  channels: emission γ D[σ^-_i], dephasing γ D[σ^z_i] per spin; collective_emission Γ D[J^-],
  collective_dephasing Γ D[Jz]; the mode κ D[a].
  Spin basis: qutip.basis(2, 0) = |↑⟩ (sigmaz = +1), sigmam() = σ^- = |↓⟩⟨↑|.
Initial state: the spins' state ⊗ |0⟩⟨0|. A Dicke state (j, m) is P_{j,m}/Tr P_{j,m}, the
projector onto J² = j(j+1) and Jz = m of the 2^N space. Pulses rotate the spins by
exp(−iθ n·J); an output at a pulse time shows the state after the pulse.

CSV: header `t,<columns>`, one row per output time, 16 significant digits.
"""
import argparse
import pathlib

import numpy as np
import qutip

RTOL = 1e-10
ATOL = 1e-12
COLUMNS = ["Jx", "Jy", "Jz", "J2", "JpJm"]

CASES = {
    # Three spins in a product state, every spin channel kind the cavity path handles,
    # a drive, a detuned lossy mode and a pulse between two evolve steps.
    "n3_driven_pulse": {
        "n": 3, "omega": 1.0, "drive_x": 0.5, "emission": 0.2, "dephasing": 0.1,
        "collective_emission": 0.1, "collective_dephasing": 0.15,
        "n_max": 5, "detuning": 1.3, "coupling": 0.7, "loss": 1.5,
        "initial": [(1.0, ("product", [0.6, 0.0, 0.8]))],
        "steps": [1.0, ("x", 90.0), 1.5], "points": 11,
    },
    # Four spins starting in a mixture of a j = 1 Dicke state (not the symmetric block)
    # and all up, resonant mode, local emission moving population between j blocks.
    "n4_dicke_mixture": {
        "n": 4, "omega": 1.0, "drive_x": 0.0, "emission": 0.3, "dephasing": 0.05,
        "collective_emission": 0.0, "collective_dephasing": 0.0,
        "n_max": 6, "detuning": 1.0, "coupling": 0.5, "loss": 0.8,
        "initial": [(1.0, ("dicke", 1.0, 0.0)), (1.0, ("all_up",))],
        "steps": [2.0], "points": 9,
    },
}


def state_toml(prefix, part):
    kind = part[0]
    lines = [f'kind = "{kind}"']
    if kind == "product":
        lines.append("bloch = [" + ", ".join(str(x) for x in part[1]) + "]")
    elif kind == "dicke":
        lines += [f"j = {part[1]}", f"m = {part[2]}"]
    return lines


def toml_text(name, c):
    lines = [f'title = "QuTiP cavity reference {name}"', "[method]", 'name = "dicke"', f"rtol = {RTOL}",
             f"atol = {ATOL}", "[spins]", f"count = {c['n']}", f"frequency = {c['omega']}", "[hamiltonian]",
             'zeeman = "+"']
    if c["drive_x"]:
        lines += ["[[hamiltonian.drive]]", f"omega_x = {c['drive_x']}"]
    for kind in ["emission", "dephasing", "collective_emission", "collective_dephasing"]:
        if c[kind]:
            lines += ["[[channel]]", f'kind = "{kind}"', f"rate = {c[kind]}"]
    lines += ["[cavity]", f"n_max = {c['n_max']}", f"detuning = {c['detuning']}", f"coupling = {c['coupling']}",
              f"loss = {c['loss']}"]
    if len(c["initial"]) == 1:
        lines += ["[initial]"] + state_toml("initial", c["initial"][0][1])
    else:
        lines += ["[initial]", 'kind = "mixture"']
        for weight, part in c["initial"]:
            lines += ["[[initial.component]]", f"weight = {weight}"] + state_toml("initial.component", part)
    for step in c["steps"]:
        if isinstance(step, tuple):
            lines += ["[[protocol]]", f'pulse = {{ axis = "{step[0]}", angle_deg = {step[1]} }}']
        else:
            lines += ["[[protocol]]", f"evolve = {step}"]
    lines += ["[time]", f"points = {c['points']}", "[output]",
              "observables = [" + ", ".join(f'"{x}"' for x in COLUMNS) + "]", "plot = false"]
    return "\n".join(lines) + "\n"


def spin_operators(n, m):
    """σ^-_i and σ^z_i on the spins ⊗ mode space, and the mode's a."""
    def on_spin(op, i):
        return qutip.tensor([op if k == i else qutip.qeye(2) for k in range(n)] + [qutip.qeye(m)])
    sm = [on_spin(qutip.sigmam(), i) for i in range(n)]
    sz = [on_spin(qutip.sigmaz(), i) for i in range(n)]
    sx = [on_spin(qutip.sigmax(), i) for i in range(n)]
    sy = [on_spin(qutip.sigmay(), i) for i in range(n)]
    a = qutip.tensor([qutip.qeye(2)] * n + [qutip.destroy(m)])
    return sm, sz, sx, sy, a


def spin_state(n, part):
    """The spins' density matrix (2^N) of one initial-state part."""
    kind = part[0]
    up, down = qutip.basis(2, 0), qutip.basis(2, 1)
    if kind == "all_up":
        return qutip.ket2dm(qutip.tensor([up] * n))
    if kind == "product":
        r = part[1]
        single = 0.5 * (qutip.qeye(2) + r[0] * qutip.sigmax() + r[1] * qutip.sigmay() + r[2] * qutip.sigmaz())
        return qutip.tensor([single] * n)
    j, m = part[1], part[2]
    ops = [[qutip.tensor([op if k == i else qutip.qeye(2) for k in range(n)]) for i in range(n)]
           for op in (qutip.sigmax(), qutip.sigmay(), qutip.sigmaz())]
    jx, jy, jz = (0.5 * sum(o) for o in ops)
    j2 = (jx * jx + jy * jy + jz * jz).full()
    values, vectors = np.linalg.eigh(j2)
    v = vectors[:, np.abs(values - j * (j + 1)) < 0.5]
    p_j = v @ v.conj().T
    p_m = np.diag((np.abs(np.diag(jz.full()).real - m) < 1e-9).astype(float))
    p = p_j @ p_m
    rho = qutip.Qobj(p / np.trace(p).real, dims=[[2] * n, [2] * n])
    return rho


def solve(c):
    n, m = c["n"], c["n_max"] + 1
    sm, sz, sx, sy, a = spin_operators(n, m)
    jm = sum(sm)
    jp = jm.dag()
    jz = 0.5 * sum(sz)
    jx = 0.5 * sum(sx)
    jy = 0.5 * sum(sy)
    h = c["omega"] * jz + c["drive_x"] * jx + c["detuning"] * a.dag() * a + 1j * c["coupling"] * (a.dag() * jm - a * jp)
    c_ops = []
    c_ops += [np.sqrt(c["emission"]) * s for s in sm] if c["emission"] else []
    c_ops += [np.sqrt(c["dephasing"]) * s for s in sz] if c["dephasing"] else []
    if c["collective_emission"]:
        c_ops.append(np.sqrt(c["collective_emission"]) * jm)
    if c["collective_dephasing"]:
        c_ops.append(np.sqrt(c["collective_dephasing"]) * jz)
    c_ops.append(np.sqrt(c["loss"]) * a)
    total = sum(w for w, _ in c["initial"])
    spins = sum((w / total) * spin_state(n, part) for w, part in c["initial"])
    rho = qutip.tensor(spins, qutip.fock_dm(m, 0))
    observables = {"Jx": jx, "Jy": jy, "Jz": jz, "J2": jx * jx + jy * jy + jz * jz, "JpJm": jp * jm,
                   "photons": a.dag() * a}
    duration = sum(s for s in c["steps"] if not isinstance(s, tuple))
    times = np.linspace(0.0, duration, c["points"])
    options = qutip.Options(rtol=RTOL, atol=ATOL, nsteps=10 ** 6)
    rows = {}
    t0 = 0.0
    for step in c["steps"]:
        if isinstance(step, tuple):
            axis = {"x": jx, "y": jy, "z": jz}[step[0]]
            u = (-1j * np.deg2rad(step[1]) * axis).expm()
            rho = u * rho * u.dag()
            rows[round(t0, 12)] = [qutip.expect(o, rho) for o in observables.values()]
            continue
        t1 = t0 + step
        inside = [t for t in times if t0 <= t <= t1 + 1e-12]
        grid = sorted(set([t0] + inside + [t1]))
        result = qutip.mesolve(h, rho, grid, c_ops, [], options=options)
        for t, state in zip(grid, result.states):
            key = round(t, 12)
            if key not in rows or t > t0:  # the state after the pulses at t0 is already recorded
                rows[key] = [qutip.expect(o, state) for o in observables.values()]
        rho = result.states[-1]
        t0 = t1
    return list(observables), [[t] + rows[round(t, 12)] for t in times]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parents[1] / "data"))
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    for name, c in CASES.items():
        (out / f"cavity_{name}.toml").write_text(toml_text(name, c))
        columns, rows = solve(c)
        with open(out / f"cavity_{name}.csv", "w") as f:
            f.write(",".join(["t"] + columns) + "\n")
            for row in rows:
                f.write(",".join(f"{np.real(x):.16g}" for x in row) + "\n")
        print(f"cavity_{name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
