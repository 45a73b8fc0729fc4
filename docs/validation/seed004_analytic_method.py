#!/usr/bin/python3
"""Seed 004 through run files: `[method] name = "analytic"` against the exact `dicke` answer at several N.

    /usr/bin/python3 docs/validation/seed004_analytic_method.py [--build build]

Runs build/openspins on the two examples (examples/seed004_mean_field_dicke.toml, Dicke form G = σ^x, all
spins down, mode in the vacuum; examples/seed004_mean_field_conserving.toml, G = σ^z, spins along +x,
coherent field α = 1) with method analytic (seed 004's N → ∞ formulas) and method dicke (exact, pure-state
path, Lanczos propagator at rtol 1e-10) for N = 10, 20, 50, 100, 200, 400 at fixed λ: the coupling strength
of "(a + ad)*S" is s = λ/√(N/2) (docs/methods/analytic.md). Writes docs/validation/seed004_analytic_method.png
and prints the numbers quoted in docs/validation/seed004_mean_field.md ("The analytic method on run files").
"""
import argparse
import csv
import math
import pathlib
import subprocess
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LAMBDA = 0.5
SIZES = [10, 20, 50, 100, 200, 400]


def run(build, example, method, n, workdir, extra=()):
    out = pathlib.Path(workdir) / f"{example.stem}_{method}_{n}"
    s = LAMBDA / math.sqrt(n / 2)
    cmd = [str(build / "openspins"), "run", str(example), "--quiet", "--force", "--output", str(out),
           "--set", f"method.name={method}", "--set", f"spins.count={n}",
           "--set", f"hamiltonian.term[2].strength={s!r}", "--set", "output.plot=false", *extra]
    if method == "dicke":
        cmd += ["--set", "method.rtol=1e-10"]
    subprocess.run(cmd, check=True)
    with open(out / "series.csv") as f:
        rows = list(csv.DictReader(f))
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=str(ROOT / "build"))
    args = parser.parse_args()
    build = pathlib.Path(args.build)
    dicke_example = ROOT / "examples" / "seed004_mean_field_dicke.toml"
    conserving_example = ROOT / "examples" / "seed004_mean_field_conserving.toml"
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    errors = {"dicke_sz": [], "dicke_photons": [], "conserving_sx": [], "conserving_photons": []}
    with tempfile.TemporaryDirectory() as work:
        limit = run(build, dicke_example, "analytic", SIZES[0], work)
        t = limit["t"]
        window = 1.0 / (2.0 * LAMBDA)
        ax = axes[0]
        ax.plot(t, limit["photons"], "k-", lw=2.5, label="analytic: eq. (2.9), order λ²")
        for n, color in zip(SIZES, plt.cm.viridis(np.linspace(0, 0.9, len(SIZES)))):
            exact = run(build, dicke_example, "dicke", n, work)
            ax.plot(t, exact["photons"], color=color, lw=1, label=f"dicke, N = {n}")
            errors["dicke_photons"].append(np.max(np.abs(exact["photons"] - limit["photons"])))
            errors["dicke_sz"].append(np.max(np.abs(2 * exact["Jz"] / n - 2 * limit["Jz"] / SIZES[0])))
        ax.axvline(window, color="grey", ls=":", label="seed's window (2λ)⁻¹")
        ax.set_xlabel("time t (units of 1/ω₀)")
        ax.set_ylabel("mode excitation ⟨a†a⟩")
        ax.set_title(f"Dicke form G = σˣ, all down, vacuum, λ = {LAMBDA}")
        ax.set_ylim(top=0.24)
        ax.legend(fontsize=8, ncol=2, loc="upper center")

        c_limit = run(build, conserving_example, "analytic", SIZES[0], work)
        ax = axes[1]
        ax.plot(t, 2 * c_limit["Jx"] / SIZES[0], "k-", lw=2.5, label="analytic: free precession (1.28)")
        for n, color in zip(SIZES, plt.cm.viridis(np.linspace(0, 0.9, len(SIZES)))):
            exact = run(build, conserving_example, "dicke", n, work)
            ax.plot(t, 2 * exact["Jx"] / n, color=color, lw=1, label=f"dicke, N = {n}")
            errors["conserving_sx"].append(np.max(np.abs(2 * exact["Jx"] / n - 2 * c_limit["Jx"] / SIZES[0])))
            errors["conserving_photons"].append(np.max(np.abs(exact["photons"] - c_limit["photons"])))
        ax.set_xlabel("time t (units of 1/ω₀)")
        ax.set_ylabel("⟨σˣ⟩ per spin = 2⟨Jx⟩/N")
        ax.set_title(f"energy conserving G = σᶻ, spins +x, α = 1, λ = {LAMBDA}")
        ax.set_ylim(-1.75, 1.1)
        ax.legend(fontsize=8, ncol=2, loc="lower center")

    ax = axes[2]
    n = np.array(SIZES, dtype=float)
    fits = {}
    for key, label, marker in [("dicke_sz", "Dicke form: max|⟨σᶻ⟩ + 1|", "o"),
                               ("conserving_sx", "energy conserving, α = 1: max|⟨σˣ⟩ − cos ω₀t|", "s")]:
        e = np.array(errors[key])
        slope, intercept = np.polyfit(np.log(n[2:]), np.log(e[2:]), 1)
        fits[key] = slope
        ax.loglog(n, e, marker + "-", label=f"{label} (slope {slope:.2f})")
    ax.loglog(n, 1.0 / n, "k:", label="1/N")
    ax.loglog(n, 1.0 / np.sqrt(n), "k--", label="1/√N")
    ax.set_xlabel("number of spins N")
    ax.set_ylabel("largest deviation over t ∈ [0, 10]")
    ax.set_title("approach to the N → ∞ answer")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(HERE / "seed004_analytic_method.png", dpi=110)
    print("N:", SIZES)
    for key, values in errors.items():
        print(key, " ".join(f"{v:.4e}" for v in values), f"slope {fits.get(key, float('nan')):.3f}" if key in fits else "")


if __name__ == "__main__":
    main()
