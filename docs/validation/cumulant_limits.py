#!/usr/bin/python3
"""Where the cumulant closure breaks beyond the battery: orders 1-3 against the exact dicke method.

    /usr/bin/python3 docs/validation/cumulant_limits.py --cli build/openspins --out docs/validation

(a) Superradiant burst from the fully excited state |↑…↑⟩: Γ D[J⁻] only (Γ = 1), N = 10 … 2000
    (dicke: rational propagator, CVODE bdf at N = 2000),
    t ≤ 4 ln(N)/N (the burst peaks near ln(N)/N). The state has no coherence and no correlation at
    t = 0; the burst is seeded by quantum fluctuations, which order 1 does not have (⟨J⁺J⁻⟩ = N(1+z)/2
    + N(N−1)|⟨σ⁺⟩|², so |↑…↑⟩ decays at the single-spin rate only).
(b) Driven collective decay ("cooperative resonance fluorescence"): H = Ω Jx, Γ D[J⁻], from |↓…↓⟩,
    Ω = N Γ (above the threshold Ω = NΓ/2, where mean field predicts undamped oscillations), N = 10 … 80
    (the dicke method's full blocks: N³/6 complex numbers), t ≤ 20/N.
Writes cumulant_limits.png and cumulant_limits.json, prints the table of cumulant_battery.md.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

BURST = """title = "superradiant burst from all up"
[method]
name = "dicke"
integrator = "bdf"
propagator = "{propagator}"
rtol = 1e-8
atol = 1e-10
[spins]
count = {n}
[[channel]]
kind = "collective_emission"
rate = 1.0
[initial]
kind = "all_up"
[time]
stop = {stop}
points = 401
[output]
observables = ["Jz", "JpJm", "J2", "S"]
plot = false
"""

DRIVEN = """title = "driven collective decay above threshold"
[method]
name = "dicke"
rtol = 1e-8
atol = 1e-10
[spins]
count = {n}
[[hamiltonian.drive]]
omega_x = {omega}
[[channel]]
kind = "collective_emission"
rate = 1.0
[initial]
kind = "all_down"
[time]
stop = {stop}
points = 401
[output]
observables = ["Jz", "Jx", "Jy", "JpJm", "J2", "S"]
plot = false
"""


def run(cli, text, out, sets=()):
    toml = out + ".toml"
    with open(toml, "w") as f:
        f.write(text)
    args = [cli, "run", toml, "--quiet", "--force", "-o", out]
    for s in sets:
        args += ["--set", s]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    with open(os.path.join(out, "series.csv")) as f:
        rows = list(csv.reader(f))
    data = np.array([[float(x) for x in r] for r in rows[1:]])
    with open(os.path.join(out, "metadata.json")) as f:
        meta = json.load(f)
    return ({h: data[:, k] for k, h in enumerate(rows[0])}, done.stderr.strip(),
            meta["notes"].get("cumulant.warning", ""), meta["statistics"]["wall_seconds"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default="build/openspins")
    ap.add_argument("--out", default="docs/validation")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="cumulant_limits_")
    results = {"burst": {}, "driven": {}}
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.5))
    colours = {1: "tab:blue", 2: "tab:green", 3: "tab:orange"}
    for case, ns in (("burst", [10, 40, 160, 640, 2000]), ("driven", [10, 20, 40, 80])):
        for n in ns:
            if case == "burst":
                # At N = 2000 the rational propagator's sub-steps lose the trace (1.00014 at t ≈ 9e-4,
                # the run stops): CVODE bdf there.
                text = BURST.format(n=n, stop=4 * math.log(n) / n, propagator="integrator" if n > 1000 else "auto")
            else:
                text = DRIVEN.format(n=n, omega=float(n), stop=20.0 / n)
            exact, _, _, wall_exact = run(args.cli, text, os.path.join(work, f"{case}_{n}_exact"))
            entry = {"exact_wall_s": wall_exact}
            t = exact["t"]
            ipk = int(np.argmax(exact["JpJm"]))
            entry["exact_peak_time"] = float(t[ipk])
            entry["exact_peak_JpJm_over_N2"] = float(exact["JpJm"][ipk] / n ** 2)
            for order in (1, 2, 3):
                d, stderr, warning, wall = run(args.cli, text, os.path.join(work, f"{case}_{n}_o{order}"),
                                               ["method.name=cumulant", f"method.order={order}"])
                ip = int(np.argmax(d["JpJm"]))
                entry[f"order{order}"] = {
                    "max_abs_dJz_over_N": float(np.max(np.abs(d["Jz"] - exact["Jz"])) / n),
                    "max_abs_dS_over_N": float(np.max(np.abs(d["S"] - exact["S"])) / n),
                    "peak_time": float(t[ip]),
                    "peak_JpJm_over_N2": float(d["JpJm"][ip] / n ** 2),
                    "min_JpJm": float(np.min(d["JpJm"])),
                    "max_J2_over_bound": float(np.max(d["J2"]) / (n / 2 * (n / 2 + 1))),
                    "warning": warning,
                    "wall_s": wall,
                }
                row = 0 if case == "burst" else 1
                if n == ns[-1] or (case == "burst" and n == 160):
                    col = 0 if n != ns[-1] else 1
                    ax = axes[row][col]
                    ax.plot(t * n, d["Jz"] / n, color=colours[order], lw=1.2,
                            label=f"order {order}" + (" (warned)" if warning else ""))
            if n == ns[-1] or (case == "burst" and n == 160):
                col = 0 if n != ns[-1] else 1
                ax = axes[0 if case == "burst" else 1][col]
                ax.plot(t * n, exact["Jz"] / n, "k--", lw=1.5, label="exact (dicke)")
                ax.set_xlabel("N Γ t   (t in units of 1/Γ)")
                ax.set_ylabel("⟨Jz⟩ / N")
                title = (f"(a) burst from |↑…↑⟩, Γ D[J⁻], N = {n}" if case == "burst"
                         else f"(b) Ω Jx + Γ D[J⁻], Ω = NΓ, from |↓…↓⟩, N = {n}")
                ax.set_title(title)
                ax.legend(fontsize=8)
            results[case][str(n)] = entry
            print(case, n, json.dumps(entry))
    # (c) the error against N, both cases
    ax = axes[1][0]
    for case, style in (("burst", "-o"), ("driven", "--s")):
        ns = sorted(int(n) for n in results[case])
        for order in (1, 2, 3):
            ax.plot(ns, [results[case][str(n)][f"order{order}"]["max_abs_dJz_over_N"] for n in ns], style,
                    color=colours[order], lw=1.2, ms=4, label=f"{case}, order {order}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("number of spins N")
    ax.set_ylabel("max over t of |Δ⟨Jz⟩| / N  (vs dicke)")
    ax.set_title("(c) error against N: burst (solid), driven Ω = NΓ (dashed)")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "cumulant_limits.png"), dpi=120)
    with open(os.path.join(args.out, "cumulant_limits.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
