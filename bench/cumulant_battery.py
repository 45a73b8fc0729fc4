#!/usr/bin/python3
"""Benchmark of the cumulant method (issue 12): derivation time per order, 400 battery cycles at
N = 10⁶, and the exact dicke method on the same 400 cycles at the largest N it reaches within 60 s,
cost and error side by side. Writes bench/cumulant_battery.md (and results/cumulant_battery.json).

    /usr/bin/python3 bench/cumulant_battery.py --cli build/openspins

Times are the method's own (metadata statistics.wall_seconds: reading the run file and writing the
results, ~400 MB of metadata at N = 10⁶, are not in it) and the derivation's
(notes.cumulant_derivation_seconds); the load average is recorded before and after each part,
because the machine is shared.
"""
import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
BATTERY = os.path.join(ROOT, "examples", "battery_fig3_equal_times.toml")
EVERYTHING = """[method]
name = "cumulant"
[spins]
count = 50
frequency = 1.3
[hamiltonian]
zeeman = "+"
[[hamiltonian.drive]]
omega_x = 0.8
[[hamiltonian.term]]
expr = "Jz*Jz"
strength = 0.4
[[channel]]
kind = "emission"
rate = 0.2
[[channel]]
kind = "absorption"
rate = 0.05
[[channel]]
kind = "dephasing"
rate = 0.1
[[channel]]
kind = "collective_emission"
rate = 0.3
[[channel]]
kind = "collective_absorption"
rate = 0.1
[[channel]]
kind = "collective_dephasing"
rate = 0.15
[time]
stop = 0.001
points = 2
[output]
observables = ["Jz"]
plot = false
"""


def load():
    return os.getloadavg()[0]


def metadata_tail(path):
    # At N = 10⁶ metadata.json is ~400 MB: the statistics and notes are near its end.
    with open(path, "rb") as f:
        f.seek(0, 2)
        f.seek(max(0, f.tell() - 400000))
        return f.read().decode("utf-8", "replace")


def run(cli, toml, out, sets, timeout=None):
    args = [cli, "run", toml, "--quiet", "--force", "-o", out, "--set", "output.plot=false",
            "--set", "output.plot_columns=[]"]
    for s in sets:
        args += ["--set", s]
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    tail = metadata_tail(os.path.join(out, "metadata.json"))
    wall = float(re.search(r'"statistics":\s*\{[^}]*?"wall_seconds":\s*([0-9.eE+-]+)', tail).group(1))
    derivation = re.search(r'"cumulant_derivation_seconds":\s*"([0-9.eE+-]+)"', tail)
    cpu = re.search(r'"cumulant_cpu_seconds":\s*"([0-9.eE+-]+)"', tail)
    run.cpu = float(cpu.group(1)) if cpu else None  # the cumulant method's CPU seconds
    with open(os.path.join(out, "series.csv")) as f:
        rows = list(csv.DictReader(f))
    shutil.rmtree(out, ignore_errors=True)
    return rows, wall, float(derivation.group(1)) if derivation else None


def discharge_ends(rows, key):
    """M = ⟨Jz⟩/N at the end of every discharge (record_steps rows of step 3c + 2)."""
    ends = {}
    for r in rows:
        s = int(r["step"])
        if s >= 0 and s % 3 == 2:
            ends[s // 3] = float(r[key])
    return [ends[c] for c in sorted(ends)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "openspins"))
    ap.add_argument("--cycles", type=int, default=400)
    ap.add_argument("--budget", type=float, default=60.0, help="dicke's wall-time budget (s)")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="bench_cumulant_")
    cli = os.path.join(work, "openspins")
    shutil.copy(args.cli, cli)  # a rebuild during the benchmark does not mix binaries
    report = {"machine": os.uname().nodename, "cpus": os.cpu_count()}

    # 1. derivation time per order (min of 5), two models without a mode (with a mode:
    #    bench/cumulant_mode_derivation.py)
    everything = os.path.join(work, "everything.toml")
    with open(everything, "w") as f:
        f.write(EVERYTHING)
    deriv = {"load_before": load()}
    for name, toml, sets in (("battery", BATTERY, ["method.name=cumulant", "spins.count=140", "protocol[0].repeat=1",
                                                    "output.observables=[\"Jz\"]"]),
                             ("all six channels, drive, Jz²", everything, [])):
        for order in (1, 2, 3):
            best = min(run(cli, toml, os.path.join(work, "d"), sets + [f"method.order={order}", "time.points=2"])[2]
                       for _ in range(5))
            deriv[f"{name}|{order}"] = best
    deriv["load_after"] = load()
    report["derivation"] = deriv
    print(json.dumps(deriv), flush=True)

    # 2. 400 cycles at N = 10⁶, orders 1–3
    big = {"load_before": load()}
    for order in (1, 2, 3):
        try:
            rows, wall, _ = run(cli, BATTERY, os.path.join(work, "big"),
                                ["method.name=cumulant", f"method.order={order}", "spins.count=1000000",
                                 f"protocol[0].repeat={args.cycles}", "time.points=2", "output.observables=[\"Jz\"]"])
        except RuntimeError as e:
            big[str(order)] = {"failed": str(e).strip()[:200]}
            continue
        m = discharge_ends(rows, "Jz")
        big[str(order)] = {"wall_s": wall, "cpu_s": run.cpu, "M_last_discharge": m[-1] / 1e6}
    big["load_after"] = load()
    report["n1e6"] = big
    print(json.dumps(big), flush=True)

    # 3. dicke: the largest N (from 70 in √2 steps) whose 400 cycles finish within the budget
    scan = {"load_before": load(), "runs": []}
    n, best = 70, None
    while True:
        try:
            rows, wall, _ = run(cli, BATTERY, os.path.join(work, "dicke"),
                                ["method.name=dicke", f"spins.count={n}", f"protocol[0].repeat={args.cycles}",
                                 "time.points=2", "output.observables=[\"Jz\"]"], timeout=2 * args.budget)
        except subprocess.TimeoutExpired:  # stopped at twice the budget: certainly over it
            scan["runs"].append({"N": n, "wall_s": float("inf")})
            break
        scan["runs"].append({"N": n, "wall_s": wall})
        print(json.dumps(scan["runs"][-1]), flush=True)
        if wall > args.budget:
            break
        best = (n, rows, wall)
        n = int(round(n * 1.41 / 2)) * 2  # even N, √2 steps
    scan["load_after"] = load()
    report["dicke_scan"] = scan
    if best is not None:
        n, exact_rows, exact_wall = best
        exact = [v / n for v in discharge_ends(exact_rows, "Jz")]
        side = {"N": n, "dicke_wall_s": exact_wall, "load_before": load()}
        for order in (1, 2, 3):
            try:
                rows, wall, _ = run(cli, BATTERY, os.path.join(work, "side"),
                                    ["method.name=cumulant", f"method.order={order}", f"spins.count={n}",
                                     f"protocol[0].repeat={args.cycles}", "time.points=2", "output.observables=[\"Jz\"]"])
            except RuntimeError as e:  # the closed equations can blow up (order 3; cumulant_battery.md)
                side[str(order)] = {"failed": str(e).strip()[:200]}
                continue
            m = [v / n for v in discharge_ends(rows, "Jz")]
            side[str(order)] = {"wall_s": wall, "cpu_s": run.cpu, "max_abs_dM_discharge_end": max(abs(a - b) for a, b in zip(m, exact)),
                                "last_dM": m[-1] - exact[-1]}
        side["M_exact_last"] = exact[-1]
        side["load_after"] = load()
        report["side_by_side"] = side

    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "cumulant_battery.json"), "w") as f:
        json.dump(report, f, indent=1)
    write_markdown(report, args)
    print(json.dumps(report, indent=1))


def write_markdown(r, args):
    d, b, s = r["derivation"], r["n1e6"], r["dicke_scan"]
    lines = ["# Cumulant method benchmark (issue 12)", "",
             "Generated by `/usr/bin/python3 bench/cumulant_battery.py --cli build/openspins` (~5–10 min); do not edit.",
             f"Machine: {r['machine']}, {r['cpus']} cores shared by several sessions; load averages are given "
             "per part. Times are the method's own (`statistics.wall_seconds`), wall clock, so upper bounds of the "
             "CPU time on a loaded machine; the cumulant method also reports its process CPU seconds "
             "(`notes.cumulant_cpu_seconds`, single-threaded).", "",
             "## Derivation time (min of 5 runs; `notes.cumulant_derivation_seconds`)",
             f"Load {d['load_before']:.1f} → {d['load_after']:.1f}. With a bosonic mode: "
             "bench/cumulant_mode_derivation.md (`bench/cumulant_mode_derivation.py`, seconds to run).", "",
             "| model | order 1 | order 2 | order 3 |", "|---|---|---|---|"]
    for name in ("battery", "all six channels, drive, Jz²"):
        lines.append(f"| {name} | " + " | ".join(f"{d[f'{name}|{o}'] * 1e3:.2f} ms" for o in (1, 2, 3)) + " |")
    lines += ["", f"## {args.cycles} battery cycles at N = 10⁶ (examples/battery_fig3_equal_times.toml, rtol 1e-8)",
              f"Load {b['load_before']:.1f} → {b['load_after']:.1f}. Target: under 1 s.", "",
              "| order | method wall s | method CPU s | M = ⟨Jz⟩/N after the last discharge |", "|---|---|---|---|"]
    for o in ("1", "2", "3"):
        if "failed" in b[o]:
            lines.append(f"| {o} | — | — | {b[o]['failed']} |")
            continue
        lines.append(f"| {o} | {b[o]['wall_s']:.3f} | {b[o]['cpu_s']:.3f} | {b[o]['M_last_discharge']:.5f} |")
    lines += ["", f"## The dicke method on the same {args.cycles} cycles: largest N within {args.budget:.0f} s",
              f"Load {s['load_before']:.1f} → {s['load_after']:.1f}. N grown from 70 by ≈√2 until a run took longer (a run past twice the budget is stopped: ∞).", "",
              "| N | dicke wall s |", "|---|---|"]
    for run_ in s["runs"]:
        lines.append(f"| {run_['N']} | {run_['wall_s']:.2f} |")
    if "side_by_side" in r:
        x = r["side_by_side"]
        lines += ["", f"### Cost and error side by side at N = {x['N']} (load {x['load_before']:.1f} → {x['load_after']:.1f})",
                  f"Exact M after the last discharge: {x['M_exact_last']:.5f}.", "",
                  "| solution | wall s | CPU s | max \\|ΔM\\| at the ends of the discharges | ΔM after the last |",
                  "|---|---|---|---|---|",
                  f"| dicke (exact) | {x['dicke_wall_s']:.2f} | — | — | — |"]
        for o in ("1", "2", "3"):
            if "failed" in x[o]:
                lines.append(f"| cumulant order {o} | — | — | the closed equations blow up: {x[o]['failed']} | — |")
                continue
            lines.append(f"| cumulant order {o} | {x[o]['wall_s']:.3f} | {x[o]['cpu_s']:.3f} | "
                         f"{x[o]['max_abs_dM_discharge_end']:.2e} | "
                         f"{x[o]['last_dM']:+.2e} |")
    with open(os.path.join(HERE, "cumulant_battery.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
