#!/usr/bin/python3
"""Generate QuTiP piqs reference data for the dicke method: tests/data/piqs_<case>.{toml,csv}.

Run with Debian's interpreter (python3-qutip 4.7.1, which ships qutip.piqs):

    /usr/bin/python3 tests/reference/make_piqs_references.py [--out tests/data] [--only CASE]

Each case is described once, as a dict; the script writes the openspins run file
(method "dicke") and, from the same dict, builds piqs' Dicke Liouvillian and solves it
with qutip.mesolve at rtol 1e-10, atol 1e-12.

Conventions (docs/conventions.md) and the conversion at the boundary:
  openspins emission γ D[σ^-_i]            ↔ piqs emission γ
  openspins absorption γ D[σ^+_i]          ↔ piqs pumping γ
  openspins dephasing γ D[σ^z_i]           ↔ piqs dephasing 4γ   (piqs uses D[σ^z/2])
  collective_emission/absorption/dephasing ↔ piqs collective_emission/pumping/dephasing (same Γ)
  H = +ω Jz + Ω_x Jx (zeeman "+", drive on all spins) ↔ ω jspin(N,'z') + Ω_x jspin(N,'x')
  Jz = ½Σσ^z (piqs jspin(N,'z')), J^± = Σσ^± (jspin(N,'+'), jspin(N,'-')).
piqs' Dicke-basis ρ stores each j block once, summed over its degenerate copies (trace 1),
as openspins' dicke method does, so expectation values compare directly.

Precision: QuTiP 4.7's piqs builds its Liouvillian coefficients in 32-bit floats
(numpy float32 in qutip/piqs/cy/dicke.pyx), so these references are good to ~1e-7
relative, whatever mesolve's tolerance; the C++ test compares at 1e-6 relative.

CSV: header `t,<columns>`, one row per output time, 16 significant digits.
"""
import argparse
import pathlib

import numpy as np
import qutip
from qutip import piqs

RTOL = 1e-10
ATOL = 1e-12
COLUMNS = ["Jx", "Jy", "Jz", "J2", "JpJm"]


def battery_like(n):
    # The benchmark case: local emission γ = 1, piqs dephasing 0.5 (openspins 0.125),
    # collective emission Γ = 10, from the fully excited state, t ∈ [0, 1].
    return {"n": n, "omega": 1.0, "drive_x": 0.0, "emission": 1.0, "absorption": 0.0,
            "dephasing": 0.125, "collective_emission": 10.0, "collective_absorption": 0.0,
            "collective_dephasing": 0.0, "stop": 1.0, "points": 11}


def driven(n):
    # Coherences: a transverse drive with every channel kind on.
    return {"n": n, "omega": 1.0, "drive_x": 0.8, "emission": 0.3, "absorption": 0.1,
            "dephasing": 0.05, "collective_emission": 0.5, "collective_absorption": 0.05,
            "collective_dephasing": 0.1, "stop": 2.0, "points": 11}


CASES = {
    "n10_local_collective": battery_like(10),
    "n20_local_collective": battery_like(20),
    "n40_local_collective": battery_like(40),
    "n10_driven": driven(10),
    "n20_driven": driven(20),
}


def toml_text(name, c):
    lines = [f'title = "piqs reference {name}"', "[method]", 'name = "dicke"', f"rtol = {RTOL}", f"atol = {ATOL}",
             "[spins]", f"count = {c['n']}", f"frequency = {c['omega']}", "[hamiltonian]", 'zeeman = "+"']
    if c["drive_x"]:
        lines += ["[[hamiltonian.drive]]", f"omega_x = {c['drive_x']}"]
    for kind in ["emission", "absorption", "dephasing", "collective_emission", "collective_absorption",
                 "collective_dephasing"]:
        if c[kind]:
            lines += ["[[channel]]", f'kind = "{kind}"', f"rate = {c[kind]}"]
    lines += ["[initial]", 'kind = "all_up"', "[time]", f"stop = {c['stop']}", f"points = {c['points']}",
              "[output]", "observables = [" + ", ".join(f'"{x}"' for x in COLUMNS) + "]", "plot = false"]
    return "\n".join(lines) + "\n"


def solve(c):
    n = c["n"]
    jx, jy, jz = piqs.jspin(n)
    jp, jm = piqs.jspin(n, "+"), piqs.jspin(n, "-")
    h = c["omega"] * jz + c["drive_x"] * jx
    system = piqs.Dicke(N=n, hamiltonian=h, emission=c["emission"], pumping=c["absorption"],
                        dephasing=4.0 * c["dephasing"], collective_emission=c["collective_emission"],
                        collective_pumping=c["collective_absorption"],
                        collective_dephasing=c["collective_dephasing"])
    liouvillian = system.liouvillian()
    rho0 = piqs.excited(n)
    times = np.linspace(0.0, c["stop"], c["points"])
    e_ops = [jx, jy, jz, jx * jx + jy * jy + jz * jz, jp * jm]
    options = qutip.Options(rtol=RTOL, atol=ATOL, nsteps=10**7)
    result = qutip.mesolve(liouvillian, rho0, times, [], e_ops, options=options)
    return times, [np.real(v) for v in result.expect]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parents[1] / "data"))
    parser.add_argument("--only")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    for name, case in CASES.items():
        if args.only and name != args.only:
            continue
        (out / f"piqs_{name}.toml").write_text(toml_text(name, case))
        times, values = solve(case)
        with open(out / f"piqs_{name}.csv", "w") as f:
            f.write("t," + ",".join(COLUMNS) + "\n")
            for r, t in enumerate(times):
                f.write(",".join(f"{x:.16g}" for x in [t] + [v[r] for v in values]) + "\n")
        print(f"piqs_{name}: {len(times)} rows")


if __name__ == "__main__":
    main()
