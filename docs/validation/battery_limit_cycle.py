#!/usr/bin/python3
"""Seed 002's battery in its limit cycle: the exact j distribution (dicke method), the one-block
cycle map, the cumulant orders 1-3 against eq. (8) and the exact limit cycle, and the power
columns. Writes battery_j_distribution.png, battery_limit_cycle.png and battery_limit_cycle.json
into --out and prints the numbers of docs/validation/cumulant_battery.md ("Limit cycle").

    /usr/bin/python3 docs/validation/battery_limit_cycle.py --cli build/openspins --out docs/validation

Model: examples/battery_limit_cycle_equal_times.toml (N = 140, γ = 1, Γ = 1600, τs = τd = 0.0187/γ,
300 cycles, rows at every step boundary) and its τd = 0.0375/γ twin; ~3 min each with dicke.
"""
import argparse
import csv
import json
import math
import os
import re
import subprocess
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
N = 140
CASES = [("equal_times", 0.0187, 0.0187), ("long_discharge", 0.0187, 0.0375)]
OBS_DICKE = '["Jz","J2","JpJm","S","emitted_collective","emitted_local","energy","power_released","j_distribution"]'
OBS_CUMULANT = '["Jz","J2","JpJm","S","emitted_collective","emitted_local","energy","power_released"]'


def run(cli, toml, out, sets):
    args = [cli, "run", toml, "--quiet", "--force", "-o", out, "--set", "output.plot=false"]
    for s in sets:
        args += ["--set", s]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    with open(os.path.join(out, "series.csv")) as f:
        rows = list(csv.reader(f))
    data = np.array([[float(x) for x in r] for r in rows[1:]])
    return {h: data[:, k] for k, h in enumerate(rows[0])}, done.stderr.strip()


def eq8(tau_s, tau_d, n=N):
    # x² − x (r − 4/N) − 4/N = 0, x = 2S/N, r = (τd − τs)/(τd + τs)
    r = (tau_d - tau_s) / (tau_d + tau_s)
    b = r - 4.0 / n
    return n * (b + math.sqrt(b * b + 16.0 / n)) / 4.0


def s_of(j2):
    return 0.5 * (math.sqrt(1.0 + 4.0 * max(j2, 0.0)) - 1.0)


def ends_of_discharge(d):
    """Rows at the end of every discharge (record_steps: the last row of step 3c + 2)."""
    ends = {}
    for i, step in enumerate(d["step"]):
        if step >= 0 and int(step) % 3 == 2:
            ends[int(step) // 3 + 1] = i
    return [ends[c] for c in sorted(ends)]


def ends_of_storage(d):
    ends = {}
    for i, step in enumerate(d["step"]):
        if step >= 0 and int(step) % 3 == 1:
            ends[int(step) // 3 + 1] = i
    return [ends[c] for c in sorted(ends)]


def j_columns(d):
    cols = [k for k in d if k.startswith("pj_")]
    js = [float(eval(k[3:])) for k in cols]  # "pj_35" or "pj_3/2" (N even here: integers)
    return cols, np.array(js)


def one_block_map(cli, work, tau_s, tau_d, js):
    """One cycle (π pulse, storage, discharge) from ρ = |j,−j⟩⟨j,−j| ⊗ 1/d_j: ⟨j'⟩ and S' after it."""
    toml = os.path.join(work, "one_cycle.toml")
    with open(toml, "w") as f:
        f.write(f"""[method]
name = "dicke"
rtol = 1e-8
atol = 1e-12
[spins]
count = {N}
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
kind = "dicke"
j = 1
m = -1
[[protocol]]
repeat = 1
steps = [ {{ pulse = {{ axis = "x", angle_deg = 180 }}, label = "charge" }},
          {{ evolve = {tau_s}, scale = {{ collective_emission = 0.0 }}, label = "storage" }},
          {{ evolve = {tau_d}, label = "discharge" }} ]
[time]
points = 2
unit = "γ"
[output]
observables = ["J2", "JpJm", "j_distribution"]
""")
    mean_j, s_after, jpjm_end = [], [], []
    for j in js:
        d, _ = run(cli, toml, os.path.join(work, f"block_{j}"),
                   [f"initial.j={j}", f"initial.m={-j}"])
        cols, jv = j_columns(d)
        p = np.array([d[c][-1] for c in cols])
        mean_j.append(float(p @ jv))
        s_after.append(s_of(d["J2"][-1]))
        jpjm_end.append(float(d["JpJm"][-1]))
    return np.array(mean_j), np.array(s_after), np.array(jpjm_end)


def fixed_point(js, after):
    """j where the one-block map's ⟨j'⟩(j) crosses j (linear interpolation)."""
    g = after - js
    for k in range(len(js) - 1):
        if g[k] >= 0 > g[k + 1] or g[k] > 0 >= g[k + 1]:
            return js[k] + (js[k + 1] - js[k]) * g[k] / (g[k] - g[k + 1])
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "openspins"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "validation"))
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="battery_limit_")
    numbers = {}
    fig_j, axes_j = plt.subplots(1, 2, figsize=(12, 4.6))
    fig_c, axes_c = plt.subplots(1, 2, figsize=(12, 4.6))
    for col, (name, tau_s, tau_d) in enumerate(CASES):
        toml = os.path.join(ROOT, "examples", f"battery_limit_cycle_{name}.toml")
        exact, _ = run(args.cli, toml, os.path.join(work, f"{name}_dicke"), ["output.observables=" + OBS_DICKE])
        ed, es = ends_of_discharge(exact), ends_of_storage(exact)
        cols, jv = j_columns(exact)
        last_d, last_s = ed[-1], es[-1]
        p_d = np.array([exact[c][last_d] for c in cols])
        p_s = np.array([exact[c][last_s] for c in cols])
        s_exact = exact["S"][last_d]
        mean_j_d = float(p_d @ jv)
        std_j_d = float(math.sqrt(max(p_d @ jv ** 2 - mean_j_d ** 2, 0.0)))
        jpjm_ends = np.array([exact["JpJm"][i] for i in ed[-100:]])
        # the per-cycle quanta into the cavity and the released power averaged over a discharge
        cav = exact["emitted_collective"]
        per_cycle = float(cav[ed[-1]] - cav[ed[-2]])
        energy = exact["energy"]
        # the pulse's energy: the jump of `energy` across the last charge (rows before/after the pulse)
        charge_step = 3 * (len(ed) - 1)
        pulse_rows = [i for i, s in enumerate(exact["step"]) if int(s) in (charge_step - 1, charge_step)]
        charged = float(energy[pulse_rows[-1]] - energy[ed[-2]]) if pulse_rows else float("nan")
        period = tau_s + tau_d
        # one-block map
        js = np.arange(2, 41)
        mean_after, s_after, jpjm_block = one_block_map(args.cli, work, tau_s, tau_d, js)
        j_star = fixed_point(js.astype(float), mean_after)
        s_star = fixed_point(js.astype(float), s_after)
        # what eq. (8)'s single S would predict from the exact block map vs the distribution:
        # the limit-cycle ⟨j'⟩ − j averaged over P(j) must vanish
        drift = np.interp(jv, js, mean_after - js, left=np.nan, right=np.nan)
        mask = ~np.isnan(drift)
        mean_drift = float(np.sum(p_d[mask] * drift[mask]) / np.sum(p_d[mask]))
        numbers[name] = {
            "tau_s": tau_s, "tau_d": tau_d, "eq8": eq8(tau_s, tau_d),
            "S_exact_after_discharge": float(s_exact), "S_exact_after_storage": float(exact["S"][last_s]),
            "mean_j_after_discharge": mean_j_d, "std_j_after_discharge": std_j_d,
            "largest_JpJm_at_discharge_end_last100": float(np.max(np.abs(jpjm_ends))),
            "quanta_into_cavity_per_cycle": per_cycle,
            "energy_charged_per_cycle": charged,
            "mean_charging_power": charged / period,
            "mean_discharging_power_into_cavity": per_cycle / tau_d,
            "peak_released_power_last_cycle": float(np.max(exact["power_released"][ed[-2]:ed[-1] + 1])),
            "one_block_fixed_point_mean_j": float(j_star), "one_block_fixed_point_S": float(s_star),
            "one_block_largest_JpJm_end": float(np.max(np.abs(jpjm_block))),
            "mean_one_block_drift_over_P": mean_drift,
        }
        # cumulant orders at the same protocol
        axes_c[col].plot(range(1, len(ed) + 1), [exact["S"][i] for i in ed], "k-", lw=2, label="exact (dicke)")
        for order, colour in ((1, "tab:blue"), (2, "tab:green"), (3, "tab:orange")):
            sets = ["method.name=cumulant", f"method.order={order}", "output.observables=" + OBS_CUMULANT]
            failed_at = None
            try:
                d, warn = run(args.cli, toml, os.path.join(work, f"{name}_o{order}"), sets)
            except RuntimeError as e:
                # The closed equations can blow up (order 3, equal times): keep the cycles before.
                m = re.search(r"failed at t = ([0-9.eE+-]+)", str(e)) or re.search(r"stopped at t = ([0-9.eE+-]+)", str(e))
                if not m:
                    raise
                failed_at = float(m.group(1))
                complete = int(failed_at // (tau_s + tau_d))
                d, warn = run(args.cli, toml, os.path.join(work, f"{name}_o{order}"),
                              sets + [f"protocol[0].repeat={complete}"])
                warn = (warn + " " if warn else "") + f"integration failed at t = {failed_at} (cycle {complete + 1})"
            cd = ends_of_discharge(d)
            s_c = np.array([d["S"][i] for i in cd])
            m_c = np.array([d["Jz"][i] for i in ends_of_storage(d)]) / N
            m_e = np.array([exact["Jz"][i] for i in es])[:len(m_c)] / N
            s_e = np.array([exact["S"][i] for i in ed])[:len(s_c)]
            axes_c[col].plot(range(1, len(cd) + 1), s_c, color=colour, lw=1.2,
                             label=f"cumulant order {order}" + (f" (blows up in cycle {len(cd) + 1})" if failed_at else ""))
            numbers[name][f"order{order}"] = {
                "failed_at": failed_at,
                "S_after_discharge_last": float(s_c[-1]),
                "M_after_storage_last": float(m_c[-1]),
                "largest_abs_dS_after_discharge": float(np.max(np.abs(s_c - s_e))),
                "largest_abs_dM_after_storage": float(np.max(np.abs(m_c - m_e))),
                "first_cycle_dS_over_1": int(np.argmax(np.abs(s_c - s_e) > 1.0)) + 1 if np.any(np.abs(s_c - s_e) > 1.0) else None,
                "quanta_into_cavity_per_cycle": float(d["emitted_collective"][cd[-1]] - d["emitted_collective"][cd[-2]]),
                "warning": warn,
            }
        axes_c[col].axhline(eq8(tau_s, tau_d), color="gray", ls="--", lw=1, label=f"eq. (8): S = {eq8(tau_s, tau_d):.2f}")
        axes_c[col].axhline(s_star, color="tab:red", ls=":", lw=1,
                            label=f"one-block fixed point: S = {s_star:.2f}")
        axes_c[col].set_xlabel("cycle")
        axes_c[col].set_ylabel("S after the discharge   [S(S+1) = ⟨J²⟩]")
        axes_c[col].set_title(f"N = {N}, Γ = 1600γ, τs = {tau_s}/γ, τd = {tau_d}/γ")
        axes_c[col].set_ylim(0, 75)
        axes_c[col].legend(fontsize=8)
        # j distribution
        ax = axes_j[col]
        ax.bar(jv, p_d, width=0.8, color="tab:blue", alpha=0.7, label="after the discharge (cycle 300)")
        ax.step(jv, p_s, where="mid", color="tab:orange", lw=1.2, label="after the storage (cycle 300)")
        ax.axvline(s_exact, color="k", lw=1, label=f"S from ⟨J²⟩ = {s_exact:.2f}")
        ax.axvline(eq8(tau_s, tau_d), color="gray", ls="--", lw=1, label=f"eq. (8): S = {eq8(tau_s, tau_d):.2f}")
        ax.axvline(s_star, color="tab:red", ls=":", lw=1.2, label=f"one-block fixed point S = {s_star:.2f}")
        ax.set_xlim(-0.5, 60)
        ax.set_xlabel("total spin j")
        ax.set_ylabel("weight Tr ρ^j of block j")
        ax.set_title(f"limit cycle, τs = {tau_s}/γ, τd = {tau_d}/γ (dicke, exact)")
        ax.legend(fontsize=8)
    fig_j.tight_layout()
    fig_j.savefig(os.path.join(args.out, "battery_j_distribution.png"), dpi=120)
    fig_c.tight_layout()
    fig_c.savefig(os.path.join(args.out, "battery_limit_cycle.png"), dpi=120)
    with open(os.path.join(args.out, "battery_limit_cycle.json"), "w") as f:
        json.dump(numbers, f, indent=1, sort_keys=True)
    print(json.dumps(numbers, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
