#!/usr/bin/python3
"""Exponential-expansion coefficients of QuTiP 4.7.1's HEOM baths, for the bath headers
src/openspins/model/bath/{drude_lorentz,underdamped}_correlation.hpp and correlation_terminator.hpp.

Run with Debian's interpreter (python3-qutip 4.7.1):

    /usr/bin/python3 tests/reference/make_heom_bath_coefficients.py [--out tests/data]

Writes tests/data/heom_bath_coefficients.csv with columns
    case,part,index,ck_re,ck_im,vk_re,vk_im
part = real | imag | terminator (index 0: delta in ck). The baths are built with
combine=False so every exponent of ck_real/vk_real and ck_imag/vk_imag is listed in QuTiP's
order. QuTiP's C(t) = (1/pi) int J (coth cos - i sin): the openspins expansion is half of these
numbers for the same (lam, gamma, w0, T, Nk) — the C++ test applies the factor 1/2 itself.
"""
import argparse
import pathlib

import numpy as np
import qutip
from qutip.nonmarkov.heom import DrudeLorentzBath, DrudeLorentzPadeBath, UnderDampedBath

CASES = {
    # name: (class, kwargs)
    "dl_matsubara_k3": (DrudeLorentzBath, dict(lam=0.1, gamma=0.5, T=1.0, Nk=3)),
    "dl_matsubara_k6_cold": (DrudeLorentzBath, dict(lam=0.05, gamma=2.0, T=0.3, Nk=6)),
    "dl_pade_k1": (DrudeLorentzPadeBath, dict(lam=0.1, gamma=0.5, T=1.0, Nk=1)),
    "dl_pade_k2": (DrudeLorentzPadeBath, dict(lam=0.1, gamma=0.5, T=1.0, Nk=2)),
    "dl_pade_k4_cold": (DrudeLorentzPadeBath, dict(lam=0.05, gamma=2.0, T=0.3, Nk=4)),
    "ud_k2": (UnderDampedBath, dict(lam=0.3, gamma=0.4, w0=1.2, T=0.8, Nk=2)),
    "ud_k5_cold": (UnderDampedBath, dict(lam=0.2, gamma=0.1, w0=0.9, T=0.25, Nk=5)),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parents[1] / "data"))
    args = ap.parse_args()
    q = qutip.sigmaz()
    lines = ["case,part,index,ck_re,ck_im,vk_re,vk_im"]
    for name, (cls, kw) in CASES.items():
        bath = cls(q, combine=False, **kw)
        real = [e for e in bath.exponents if e.type == e.types.R]
        imag = [e for e in bath.exponents if e.type == e.types.I]
        for part, exps in (("real", real), ("imag", imag)):
            for i, e in enumerate(exps):
                ck, vk = complex(e.ck), complex(e.vk)
                lines.append(f"{name},{part},{i},{ck.real:.17g},{ck.imag:.17g},{vk.real:.17g},{vk.imag:.17g}")
        if hasattr(bath, "terminator"):
            delta, _ = bath.terminator()
            delta = complex(delta)
            lines.append(f"{name},terminator,0,{delta.real:.17g},{delta.imag:.17g},0,0")
    out = pathlib.Path(args.out) / "heom_bath_coefficients.csv"
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out} ({len(lines) - 1} rows), qutip {qutip.__version__}")


if __name__ == "__main__":
    main()
