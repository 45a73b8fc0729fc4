#!/usr/bin/python3
"""Seed 000: T1 and T2 of one spin derived from its bath, swept over temperature.

One spin, H = −ω S^z, coupled through λ S^x (energy exchange) and ϰ S^z (energy conserving)
to an ohmic bath J(ω) = α ω e^{−ω/ω_c}. openspins.rates derives the Davies generator and reads
1/T1 and 1/T2 off its eigenvalues; seed 000's (3.1) and (3.3) give them in closed form:
1/T1 = γ_relax = ¼ coth(βω/2) λ² J(ω), and 1/T2 = γ_relax/2 + γ_cons with γ_cons = ϰ² J̃(0) T/2
in our normalisation (docs/conventions.md; J̃(0) = lim J(ω)/ω = α). Prints the table and
checks the agreement to 1e-9 relative.

Run: PYTHONPATH=build/python /usr/bin/python3 examples/python/t1_t2_sweep.py
"""
import math

import openspins

OMEGA, LAM, KAPPA, ALPHA, CUTOFF = 1.0, 0.1, 0.05, 0.2, 10.0


def model(temperature: float) -> openspins.Model:
    return (openspins.Model(title="one spin, ohmic bath")
            .method("redfield", generator="davies", lamb_shift=False)
            .spins(count=1, frequency=OMEGA).zeeman("-")
            .bath("ohmic", temperature=temperature,
                  spectral_density={"kind": "ohmic", "alpha": ALPHA, "cutoff": CUTOFF})
            .bath_coupling("ohmic", kind="exchange", strength=LAM)
            .bath_coupling("ohmic", kind="conserving", strength=KAPPA)
            .times(stop=1.0, points=2))


def main():
    j = ALPHA * OMEGA * math.exp(-OMEGA / CUTOFF)
    print(f"{'T':>6} {'1/T1 openspins':>16} {'seed (3.1)':>16} {'1/T2 openspins':>16} {'(3.1)/2 + (3.3)':>16}")
    worst = 0.0
    for temperature in (0.1, 0.3, 1.0, 3.0, 10.0):
        single = openspins.rates(model(temperature)).single_spin[0]
        relax = 0.25 / math.tanh(OMEGA / (2 * temperature)) * LAM**2 * j
        cons = KAPPA**2 * ALPHA * temperature / 2
        t2 = relax / 2 + cons
        print(f"{temperature:6.2f} {single['rate_t1']:16.10g} {relax:16.10g} {single['rate_t2']:16.10g} {t2:16.10g}")
        worst = max(worst, abs(single["rate_t1"] / relax - 1), abs(single["rate_t2"] / t2 - 1))
    print(f"largest relative difference: {worst:.1e}")
    assert worst < 1e-9, worst


if __name__ == "__main__":
    main()
