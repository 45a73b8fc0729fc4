#!/usr/bin/python3
"""Seed 000: the exactly solvable pure-dephasing model against its Markovian (Davies) limit.

examples/analytic_pure_dephasing.toml (N = 3, local + collective S^z couplings) solved by the
analytic method (exact, ρ(t) = ρ(0)∘exp(X(t))) and by the redfield method (second order, Davies)
on the same baths: populations are untouched by both (⟨S^z⟩ stays 0, asserted), and the
coherence |⟨J^+⟩| of each is printed side by side: the difference is what the second-order,
Markovian generator leaves out of the exact solution.

Run: PYTHONPATH=build/python /usr/bin/python3 examples/python/pure_dephasing.py
"""
import pathlib

import numpy as np

import openspins

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "analytic_pure_dephasing.toml"


def main():
    model = openspins.Model.from_toml(EXAMPLE)
    exact = openspins.run(model, observables=["Jx", "Jy", "Jz"],
                          plot_columns=["Jx", "Jy"], progress=False)
    markov = openspins.run(model, method="redfield", observables=["Jx", "Jy", "Jz"],
                           plot_columns=["Jx", "Jy"], progress=False)
    for t in (1.0, 5.0, 10.0, 20.0, 30.0):
        k = int(np.argmin(np.abs(exact.times - t)))
        print(f"t = {exact.times[k]:5.1f}: |<J+>| exact {np.hypot(exact['Jx'][k], exact['Jy'][k]):.6f}, "
              f"Davies {np.hypot(markov['Jx'][k], markov['Jy'][k]):.6f}")
    assert np.max(np.abs(exact["Jz"])) < 1e-12 and np.max(np.abs(markov["Jz"])) < 1e-9


if __name__ == "__main__":
    main()
