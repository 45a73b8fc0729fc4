#!/usr/bin/python3
"""Seed 002: the quantum battery's charge / store / discharge cycle, two levels of theory.

examples/battery_cycle_n6.toml (N = 6, γ = 1, Γ = 100) solved exactly in the full 2^N space
and in the Dicke basis: the two must agree to the integrators' tolerance (both rtol 1e-8), and
the ergotropy the dicke method reports is printed for the last cycle.

Run: PYTHONPATH=build/python /usr/bin/python3 examples/python/battery.py
"""
import pathlib

import numpy as np

import openspins

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "battery_cycle_n6.toml"


def main():
    model = openspins.Model.from_toml(EXAMPLE)
    exact = openspins.run(model, method="exact", progress=False)
    dicke = openspins.run(model, method="dicke", observables=["Jz", "JpJm", "ergotropy"], progress=False)
    difference = np.max(np.abs(exact["Jz"] - dicke["Jz"]))
    print(f"{len(exact)} rows; max |Jz(exact) − Jz(dicke)| = {difference:.2e}")
    last = dicke.step == dicke.step.max()
    print(f"ergotropy at the end of the last discharge: {dicke['ergotropy'][last][-1]:.6f} (ω = 1)")
    assert difference < 1e-6, difference


if __name__ == "__main__":
    main()
