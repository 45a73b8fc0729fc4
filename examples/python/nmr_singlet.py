#!/usr/bin/python3
"""Seed 003: two like spins-½ in a partially correlated random field — the singlet order.

examples/nmr_random_field_singlet.toml, with the initial singlet given as a QuTiP state instead
of its text file, run at infinite temperature (thermal = "classical", where seed 003's rates are
exact for the Lindblad generator): the singlet order (4 P_S − 1)/3, P_S = ⟨¼ − I·S⟩, decays as
e^{−R_S t} with R_S = 4 ω_rms² τ (1 − κ) (eq. 74; ω_rms = 1, τ = 0.01, κ = 0.3: R_S = 0.028) in
the extreme-narrowing limit ω₀τ ≪ 1 (here 0.01, so J(ω₀)/J(0) = 1 − 10⁻⁴). The fitted rate
must agree to 0.1 %.

Run: PYTHONPATH=build/python /usr/bin/python3 examples/python/nmr_singlet.py
"""
import pathlib

import numpy as np
import qutip

import openspins

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "nmr_random_field_singlet.toml"


def main():
    model = openspins.Model.from_toml(EXAMPLE)
    up, down = qutip.basis(2, 0), qutip.basis(2, 1)
    singlet = (qutip.tensor(up, down) - qutip.tensor(down, up)).unit()
    model.initial(singlet)
    model["method"]["thermal"] = "classical"
    r = openspins.run(model, progress=False)
    order = (4 * r["singlet"] - 1) / 3
    rate = -np.polyfit(r.times, np.log(order), 1)[0]
    expected = 4 * 1.0**2 * 0.01 * (1 - 0.3)
    print(f"singlet order at t = 0: {order[0]:.15f}; fitted R_S = {rate:.8f}, eq. (74): {expected:.8f}")
    assert abs(order[0] - 1) < 1e-12
    assert abs(rate / expected - 1) < 1e-3, rate


if __name__ == "__main__":
    main()
