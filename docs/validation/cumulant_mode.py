#!/usr/bin/python3
"""The cumulant method with a bosonic mode against the dicke method's cavity path (exact up to
the Fock truncation, which is checked by its top-level guard).

    /usr/bin/python3 docs/validation/cumulant_mode.py --cli build/openspins --out docs/validation

(a) Small N (1, 2, 3) with the Tavis–Cummings coupling, a lossy detuned mode, local emission and
    dephasing, from a tilted product state and a coherent field: is order ≥ N exact? (It is not:
    the mode's moments never close; see the text printed.)
(b) Lossy cavity, rotating-wave coupling g = g0/√N (g0 = 1, κ = 4, resonant), spins start in the
    coherent spin state 60° from |↑…↑⟩, mode in the vacuum; no local channel, so the dicke method
    stores the one block j = N/2 (n_max = 8). N = 2 … 16, t ≤ 12. Error max_t |Δ⟨Jz⟩|/N and
    max_t |Δ⟨a†a⟩|/N at orders 1–3.
(c) The Dicke model without the rotating-wave approximation, H = ω a†a + ω0 Jz + (2λ/√N)(a + a†)Jx,
    ω = ω0 = 1, λ = 0.3 (normal phase, λc = 0.5), unitary (the dicke method's Lanczos pure-state
    path), spins 60° from |↓…↓⟩ in the x–z plane, mode in the vacuum; N = 10 … 200, t ≤ 10.
Writes cumulant_mode.png and cumulant_mode.json and prints the tables of docs/methods/cumulant.md.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import shutil
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

SMALL = """title = "Tavis-Cummings, small N"
[method]
name = "dicke"
rtol = 1e-10
atol = 1e-12
[spins]
count = {n}
[[channel]]
kind = "emission"
rate = 0.1
[[channel]]
kind = "dephasing"
rate = 0.05
[cavity]
n_max = 14
coupling = 0.6
detuning = 0.3
loss = 0.4
initial = "coherent"
alpha = [0.8, 0.0]
observables = ["a", "x"]
[initial]
kind = "product"
bloch = [0.5, 0.0, 0.8660254037844386]
[time]
stop = 10.0
points = 201
[output]
observables = ["Jz", "Jx", "Jy"]
plot = false
"""

LOSSY = """title = "lossy cavity, coherent spin state"
[method]
name = "dicke"
integrator = "adams"
rtol = 1e-7
atol = 1e-9
[spins]
count = {n}
[[hamiltonian.term]]
expr = "ad*Jm + a*Jp"
strength = {g}
[cavity]
n_max = {n_max}
loss = 4.0
observables = ["a"]
[initial]
kind = "product"
bloch = [0.8660254037844386, 0.0, 0.5]
[time]
stop = 12.0
points = 241
[output]
observables = ["Jz", "JpJm"]
plot = false
"""

DICKE = """title = "Dicke model without the RWA"
[method]
name = "dicke"
rtol = 1e-11
atol = 1e-13
[spins]
count = {n}
[[hamiltonian.term]]
expr = "Jz"
strength = 1.0
[[hamiltonian.term]]
expr = "n"
strength = 1.0
[[hamiltonian.term]]
expr = "(a + ad)*Jx"
strength = {coupling}
[cavity]
n_max = {n_max}
observables = ["a", "x"]
[initial]
kind = "product"
bloch = [0.8660254037844386, 0.0, -0.5]
[time]
stop = 10.0
points = 201
[output]
observables = ["Jz", "Jx"]
plot = false
"""


def run(cli, text, out, sets=()):
    toml = out + ".toml"
    args = [cli, "run", toml, "--quiet", "--force", "-o", out]
    for s in sets:
        args += ["--set", s]
    # --work DIR from an earlier call: a run whose file and settings are unchanged is read back
    # (the dicke runs at N = 16 take minutes).
    same = (os.path.exists(toml) and open(toml).read() == text and os.path.exists(out + ".args")
            and open(out + ".args").read() == " ".join(args[1:]) and os.path.exists(os.path.join(out, "series.csv")))
    if not same:
        with open(toml, "w") as f:
            f.write(text)
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        with open(out + ".args", "w") as f:
            f.write(" ".join(args[1:]))
    with open(os.path.join(out, "series.csv")) as f:
        rows = list(csv.reader(f))
    data = np.array([[float(x) for x in r] for r in rows[1:]])
    with open(os.path.join(out, "metadata.json")) as f:
        meta = json.load(f)
    return ({h: data[:, k] for k, h in enumerate(rows[0])}, meta["notes"].get("cumulant.warning", ""),
            meta["statistics"]["wall_seconds"], meta["notes"])


def fit_exponent(ns, errors):
    ln, le = np.log(ns), np.log(errors)
    return float(-np.polyfit(ln, le, 1)[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default="build/openspins")
    ap.add_argument("--out", default="docs/validation")
    ap.add_argument("--quick", action="store_true", help="fewer N (a smoke run)")
    ap.add_argument("--work", help="working directory (kept; unchanged runs in it are reused)")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="cumulant_mode_")
    os.makedirs(work, exist_ok=True)
    cli = os.path.join(work, "openspins")
    shutil.copy(args.cli, cli)  # a rebuild during the runs does not break them
    args.cli = cli
    results = {"small": {}, "lossy": {}, "dicke": {}}
    colours = {1: "tab:blue", 2: "tab:green", 3: "tab:orange"}
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.5))

    # (a) small N
    for n in (1, 2, 3):
        text = SMALL.format(n=n)
        exact, _, _, _ = run(args.cli, text, os.path.join(work, f"small_{n}_exact"))
        entry = {}
        for order in (1, 2, 3):
            d, warning, _, _ = run(args.cli, text, os.path.join(work, f"small_{n}_o{order}"),
                                   ["method.name=cumulant", f"method.order={order}"])
            entry[f"order{order}"] = {
                "max_abs_dJz": float(np.max(np.abs(d["Jz"] - exact["Jz"]))),
                "max_abs_dphotons": float(np.max(np.abs(d["photons"] - exact["photons"]))),
                "max_abs_da": float(np.max(np.hypot(d["a_re"] - exact["a_re"], d["a_im"] - exact["a_im"]))),
                "warning": warning,
            }
        entry["max_photons"] = float(np.max(exact["photons"]))
        results["small"][str(n)] = entry
        print("small", n, json.dumps(entry))

    # (b) lossy cavity, RWA, g = 1/√N
    # The dicke method's dissipative cavity path integrates the dense (n_max+1)(N+1) block: ~10 s
    # CPU at N = 8, ~1 min at N = 16 on this machine, so the scan stops there.
    lossy_ns = [2, 4, 8] if args.quick else [2, 4, 8, 16]
    for n in lossy_ns:
        text = LOSSY.format(n=n, g=1.0 / math.sqrt(n), n_max=8)
        exact, _, wall_exact, _ = run(args.cli, text, os.path.join(work, f"lossy_{n}_exact"))
        entry = {"exact_wall_s": wall_exact, "max_photons": float(np.max(exact["photons"]))}
        t = exact["t"]
        for order in (1, 2, 3):
            d, warning, wall, _ = run(args.cli, text, os.path.join(work, f"lossy_{n}_o{order}"),
                                      ["method.name=cumulant", f"method.order={order}"])
            entry[f"order{order}"] = {
                "max_abs_dJz_over_N": float(np.max(np.abs(d["Jz"] - exact["Jz"])) / n),
                "max_abs_dphotons_over_N": float(np.max(np.abs(d["photons"] - exact["photons"])) / n),
                "warning": warning,
                "wall_s": wall,
            }
            if n == lossy_ns[-1]:
                axes[0][0].plot(t, d["Jz"] / n, color=colours[order], lw=1.2, label=f"cumulant order {order}")
                axes[0][0].plot(t, d["photons"] / n, color=colours[order], lw=1.0, ls=":")
        if n == lossy_ns[-1]:
            axes[0][0].plot(t, exact["Jz"] / n, "k--", lw=1.5, label="exact (dicke, n_max = 8)")
            axes[0][0].plot(t, exact["photons"] / n, "k:", lw=1.5, label="⟨a†a⟩/N (dotted)")
            axes[0][0].set_xlabel("t   (units of 1/g₀, g = g₀/√N)")
            axes[0][0].set_ylabel("⟨Jz⟩/N (solid), ⟨a†a⟩/N (dotted)")
            axes[0][0].set_title(f"(a) RWA coupling, κ = 4 g₀, CSS 60° from ↑, N = {n}")
            axes[0][0].legend(fontsize=8)
        results["lossy"][str(n)] = entry
        print("lossy", n, json.dumps(entry))

    # (c) the Dicke model without the RWA
    lam = 0.3
    dicke_ns = [10, 20, 50] if args.quick else [10, 20, 50, 100, 200]
    for n in dicke_ns:
        # ⟨a†a⟩ peaks near N/4 here: n_max = 20 + 0.45 N. With n_max = 20 + 0.3 N (80 at N = 200)
        # and rtol 1e-9 the exact ⟨Jz⟩/N moved by 1.7e-6 at N = 200 — above order 3's error there.
        n_max = int(20 + 0.45 * n)
        text = DICKE.format(n=n, coupling=2 * lam / math.sqrt(n), n_max=n_max)
        exact, _, wall_exact, _ = run(args.cli, text, os.path.join(work, f"dicke_{n}_exact"))
        entry = {"exact_wall_s": wall_exact, "n_max": n_max, "max_photons": float(np.max(exact["photons"]))}
        t = exact["t"]
        for order in (1, 2, 3):
            d, warning, wall, _ = run(args.cli, text, os.path.join(work, f"dicke_{n}_o{order}"),
                                      ["method.name=cumulant", f"method.order={order}"])
            entry[f"order{order}"] = {
                "max_abs_dJz_over_N": float(np.max(np.abs(d["Jz"] - exact["Jz"])) / n),
                "max_abs_dphotons_over_N": float(np.max(np.abs(d["photons"] - exact["photons"])) / n),
                "max_abs_dx_over_sqrtN": float(np.max(np.abs(d["x"] - exact["x"])) / math.sqrt(n)),
                "warning": warning,
                "wall_s": wall,
            }
            if n == dicke_ns[-1]:
                axes[0][1].plot(t, d["Jz"] / n, color=colours[order], lw=1.2, label=f"cumulant order {order}")
        if n == dicke_ns[-1]:
            axes[0][1].plot(t, exact["Jz"] / n, "k--", lw=1.5, label=f"exact (dicke, n_max = {n_max})")
            axes[0][1].set_xlabel("t   (units of 1/ω, ω = ω₀)")
            axes[0][1].set_ylabel("⟨Jz⟩/N")
            axes[0][1].set_title(f"(b) Dicke model without RWA, λ = {lam}, N = {n}")
            axes[0][1].legend(fontsize=8)
        results["dicke"][str(n)] = entry
        print("dicke", n, json.dumps(entry))

    # (c), (d): errors against N, with the fitted exponents
    for ax, case, title in ((axes[1][0], "lossy", "(c) lossy RWA cavity: error vs N"),
                            (axes[1][1], "dicke", "(d) Dicke model without RWA: error vs N")):
        ns = sorted(int(n) for n in results[case])
        for order in (1, 2, 3):
            errors = [results[case][str(n)][f"order{order}"]["max_abs_dJz_over_N"] for n in ns]
            p = fit_exponent(ns, errors)
            results[case][f"exponent_order{order}"] = p
            ax.plot(ns, errors, "-o", color=colours[order], ms=4, label=f"order {order}: ∝ N^-{p:.2f}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(ns)
        ax.set_xticklabels([str(n) for n in ns])
        ax.minorticks_off()
        ax.set_xlabel("number of spins N")
        ax.set_ylabel("max over t of |Δ⟨Jz⟩| / N   (vs dicke)")
        ax.set_title(title)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "cumulant_mode.png"), dpi=120)
    with open(os.path.join(args.out, "cumulant_mode.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    for case in ("lossy", "dicke"):
        print(f"\n{case}: | N | order 1 | order 2 | order 3 | (max|ΔJz|/N; max|Δ⟨a†a⟩|/N)")
        for n in sorted(int(k) for k in results[case] if k.isdigit()):
            e = results[case][str(n)]
            cells = " | ".join(f"{e[f'order{o}']['max_abs_dJz_over_N']:.2e}; {e[f'order{o}']['max_abs_dphotons_over_N']:.2e}"
                               for o in (1, 2, 3))
            print(f"| {n} | {cells} | max ⟨a†a⟩ = {e['max_photons']:.3g}, exact {e['exact_wall_s']:.2f} s |")
        print("exponents:", [round(results[case][f"exponent_order{o}"], 2) for o in (1, 2, 3)])


if __name__ == "__main__":
    main()
