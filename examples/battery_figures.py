#!/usr/bin/python3
"""Seed 002 (Pirmoradian & Mølmer, aging of a quantum battery), Figs. 2 and 3, computed
exactly with openspins' dicke method, plotted with matplotlib.

    /usr/bin/python3 examples/battery_figures.py [--openspins build/openspins] [--out results/battery]

Fig. 2: N = 140, Γ = 1600γ, all spins charged by a π pulse at t = 0, storage (collective
decay off) for t_s ∈ {0.05, 0.1, 0.2, 0.4, 0.7, 1.0}/γ (the paper does not list its six
values), then discharge (collective decay on) until t = 1.2/γ; plus storage only (the
paper's red curve). (a) M/N = ⟨Jz⟩/N against t, (b) the (S, M) trajectories with
S(S+1) = ⟨J²⟩. Fig. 3: runs examples/battery_fig3_equal_times.toml and
battery_fig3_long_discharge.toml; (a, c) M/N, (b, d) S against t with eq. (8)'s limit
cycle S and √N. Conventions: H = +ω Σ S^z_i, γ Σ D[σ^-_i] + Γ D[J^-], J^- = Σ σ^-_i
(docs/conventions.md); γ = 1.
Limit cycle (unless --skip-limit, ~5 min): examples/battery_limit_cycle_*.toml (300 cycles);
S after every discharge against the cycle number, with eq. (8) and √N (fig3_limit.png).
Writes fig2.png, fig3.png, fig3_limit.png and summary.txt into --out.
"""
import argparse
import csv
import math
import pathlib
import subprocess

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
N = 140
STORAGE_TIMES = [0.05, 0.1, 0.2, 0.4, 0.7, 1.0]
T_END = 1.2

FIG2_TEMPLATE = """title = "Seed 002 Fig. 2: N = 140, Γ = 1600γ, storage {ts}/γ then discharge"
[method]
name = "dicke"
integrator = "bdf"
rtol = 1e-8
atol = 1e-12
[spins]
count = 140
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 1.0
[[channel]]
kind = "collective_emission"
rate = 1600.0
[initial]
kind = "all_down"
[[protocol]]
pulse = {{ axis = "x", angle_deg = 180 }}
label = "charge"
[[protocol]]
evolve = {ts}
scale = {{ collective_emission = 0.0 }}
label = "storage"
{discharge}
[time]
points = 481
record_steps = true
unit = "γ"
[output]
observables = ["Jz", "J2", "S", "emitted_collective", "emitted_local", "ergotropy"]
plot = false
"""


def run(openspins, toml, out):
    subprocess.run([openspins, "run", str(toml), "--output", str(out), "--force"], check=True)
    with open(out / "series.csv") as f:
        rows = list(csv.DictReader(f))
    return {k: [float(r[k]) for r in rows] for k in rows[0]}


def limit_cycle_s(tau_s, tau_d, n=N):
    # eq. (8): x² − x (r − 4/N) − 4/N = 0, x = 2S/N, r = (τd − τs)/(τd + τs)
    r = (tau_d - tau_s) / (tau_d + tau_s)
    b = r - 4.0 / n
    x = (b + math.sqrt(b * b + 16.0 / n)) / 2.0
    return n * x / 2.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--openspins", default=str(ROOT / "build" / "openspins"))
    parser.add_argument("--out", default=str(ROOT / "results" / "battery"))
    parser.add_argument("--skip-limit", action="store_true", help="skip the 300-cycle limit-cycle runs")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    summary = []

    # ---- Fig. 2 ----
    fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(12, 4.5))
    runs = []
    for ts in [T_END] + STORAGE_TIMES:
        storage_only = ts == T_END
        discharge = "" if storage_only else (
            f'[[protocol]]\nevolve = {T_END - ts:.6g}\nlabel = "discharge"\n')
        toml = out / f"fig2_ts{ts}.toml"
        toml.write_text(FIG2_TEMPLATE.format(ts=ts if storage_only else ts, discharge=discharge))
        data = run(args.openspins, toml, out / f"fig2_ts{ts}")
        runs.append((ts, storage_only, data))
        style = dict(color="tab:red", lw=2) if storage_only else dict(lw=1.2)
        label = "storage only" if storage_only else f"discharge after {ts}/γ"
        ax_a.plot(data["t"], [m / N for m in data["Jz"]], label=label, **style)
        ax_b.plot(data["S"], [m / N for m in data["Jz"]], **style)
        if not storage_only:
            summary.append(f"fig2 t_s={ts}: released into the cavity {data['emitted_collective'][-1]:.2f} quanta, "
                           f"to free space {data['emitted_local'][-1]:.2f}, M/N at end {data['Jz'][-1] / N:.4f}, "
                           f"S at end {data['S'][-1]:.3f}")
    ax_a.set_xlabel("t (units of 1/γ)")
    ax_a.set_ylabel("M / N = ⟨Jz⟩ / N")
    ax_a.set_title("(a) N = 140, Γ = 1600γ (dicke, exact)")
    ax_a.legend(fontsize=8)
    ax_b.set_xlabel("S   [S(S+1) = ⟨J²⟩]")
    ax_b.set_ylabel("M / N")
    ax_b.set_title("(b) trajectories in (S, M)")
    fig.tight_layout()
    fig.savefig(out / "fig2.png", dpi=130)

    # ---- Fig. 3 ----
    fig, axes = plt.subplots(2, 2, figsize=(12, 8))
    for col, (name, tau_s, tau_d) in enumerate([("equal_times", 0.0187, 0.0187),
                                                ("long_discharge", 0.0187, 0.0375)]):
        data = run(args.openspins, ROOT / "examples" / f"battery_fig3_{name}.toml", out / f"fig3_{name}")
        s8 = limit_cycle_s(tau_s, tau_d)
        axes[0][col].plot(data["t"], [m / N for m in data["Jz"]], lw=0.8)
        axes[0][col].set_ylabel("M / N")
        axes[0][col].set_title(f"τs = {tau_s}/γ, τd = {tau_d}/γ")
        axes[1][col].plot(data["t"], data["S"], lw=0.8, label="S (dicke, exact)")
        axes[1][col].axhline(s8, color="k", ls="--", lw=0.8, label=f"eq. (8): S = {s8:.2f}")
        axes[1][col].axhline(math.sqrt(N), color="gray", ls=":", lw=0.8, label=f"√N = {math.sqrt(N):.2f}")
        axes[1][col].set_xlabel("t (units of 1/γ)")
        axes[1][col].set_ylabel("S")
        axes[1][col].legend(fontsize=8)
        summary.append(f"fig3 {name}: S after 20 cycles {data['S'][-1]:.3f} (eq. 8: {s8:.3f}, √N {math.sqrt(N):.3f}); "
                       f"cavity {data['emitted_collective'][-1]:.1f} quanta, free space {data['emitted_local'][-1]:.1f}")
    fig.tight_layout()
    fig.savefig(out / "fig3.png", dpi=130)

    # ---- limit cycle: S after each discharge, cycle by cycle ----
    if not args.skip_limit:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for name, tau_s, tau_d, color in [("equal_times", 0.0187, 0.0187, "tab:blue"),
                                          ("long_discharge", 0.0187, 0.0375, "tab:orange")]:
            data = run(args.openspins, ROOT / "examples" / f"battery_limit_cycle_{name}.toml", out / f"limit_{name}")
            # record_steps: the last row of each discharge step (step index 3c + 2) ends cycle c + 1
            ends = {}
            for step, s, cavity, free in zip(data["step"], data["S"], data["emitted_collective"],
                                             data["emitted_local"]):
                if step >= 0 and int(step) % 3 == 2:
                    ends[int(step) // 3 + 1] = (s, cavity, free)
            cycles = sorted(ends)
            ax.plot(cycles, [ends[c][0] for c in cycles], color=color,
                    label=f"τd = {tau_d}/γ (dicke, exact)")
            ax.axhline(limit_cycle_s(tau_s, tau_d), color=color, ls="--", lw=0.8,
                       label=f"eq. (8): {limit_cycle_s(tau_s, tau_d):.2f}")
            last, before = ends[cycles[-1]], ends[cycles[-1] - 50]
            summary.append(f"limit {name}: S after discharge {last[0]:.3f} (eq. 8: {limit_cycle_s(tau_s, tau_d):.3f}); "
                           f"per cycle over the last 50: cavity {(last[1] - before[1]) / 50:.3f} quanta, "
                           f"free space {(last[2] - before[2]) / 50:.3f}")
        ax.axhline(math.sqrt(N), color="gray", ls=":", lw=0.8, label=f"√N = {math.sqrt(N):.2f}")
        ax.set_xlabel("cycle")
        ax.set_ylabel("S after discharge")
        ax.set_title("N = 140, Γ = 1600γ, τs = 0.0187/γ")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "fig3_limit.png", dpi=130)
    (out / "summary.txt").write_text("\n".join(summary) + "\n")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
