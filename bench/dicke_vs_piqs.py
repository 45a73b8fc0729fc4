#!/usr/bin/python3
"""Benchmark: openspins' dicke method against QuTiP's qutip.piqs on the same model, in one run.

    /usr/bin/python3 bench/dicke_vs_piqs.py --build build [--sizes 10 20 40 60 100] [--piqs-timeout 600]
    /usr/bin/python3 bench/dicke_vs_piqs.py --build build --battery-only   # the N = 1000 and largest-N runs

Cases (docs/conventions.md; piqs dephasing γ_φ = openspins dephasing γ_φ/4):
  local_collective  γ = 1 D[σ^-_i], piqs dephasing 0.5 (openspins 0.125), Γ = 10 D[J^-],
                    all up, t ∈ [0, 1], 21 points (populations only in openspins)
  battery           γ = 1, Γ = 1600, all up, t ∈ [0, 0.02], 21 points (populations only)
  driven            H = Jz + 0.8 Jx, γ = 0.3, pumping 0.1, piqs dephasing 0.2, Γ = 0.5,
                    collective pumping 0.05, collective dephasing 0.1; t ∈ [0, 2] (coherences)
Both at rtol 1e-6, atol 1e-8 (openspins: bdf; with Γ j² up to 10⁴–10⁷ all three are stiff for
adams); accuracy = largest |Δ⟨Jz⟩| over the outputs against openspins at rtol 1e-10 (a
reference whose agreement with the exact method is 1e-11, docs/methods/dicke.md).
Every run is its own process under /usr/bin/time -v (wall, peak RSS), one at a time;
piqs runs are killed after --piqs-timeout seconds.
Then (unless --no-battery) openspins alone: seed 002's battery, 20 charge/store/discharge
cycles (τs = τd = 0.0187, Γ = 1600γ) for N = 140 and N = 1000 (the rational propagator,
method/dicke/triangular_propagator.hpp, and for comparison CVODE's bdf on N = 140), and the
largest N whose 20-cycle run finishes within 60 s (search: the wall grows like N³, so the
next N is extrapolated from the last two runs; --largest-runs runs at most).
Writes bench/results/dicke_vs_piqs.json and the table block in bench/README.md.
"""
import argparse
import json
import math
import os
import pathlib
import platform
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BEGIN = "<!-- BEGIN dicke_vs_piqs -->"
END = "<!-- END dicke_vs_piqs -->"

CASES = {
    "local_collective": dict(omega=1.0, drive=0.0, emission=1.0, absorption=0.0, dephasing=0.125,
                             collective_emission=10.0, collective_absorption=0.0, collective_dephasing=0.0,
                             stop=1.0, integrator="bdf"),
    "battery": dict(omega=1.0, drive=0.0, emission=1.0, absorption=0.0, dephasing=0.0,
                    collective_emission=1600.0, collective_absorption=0.0, collective_dephasing=0.0,
                    stop=0.02, integrator="bdf"),
    "driven": dict(omega=1.0, drive=0.8, emission=0.3, absorption=0.1, dephasing=0.05,
                   collective_emission=0.5, collective_absorption=0.05, collective_dephasing=0.1,
                   stop=2.0, integrator="bdf"),
}
POINTS = 21

PIQS_SCRIPT = r'''
import json, sys, time
import numpy as np, qutip
from qutip import piqs
c = json.loads(sys.argv[1])
n = c["n"]
t0 = time.perf_counter()
jx, jy, jz = piqs.jspin(n)
system = piqs.Dicke(N=n, hamiltonian=c["omega"] * jz + c["drive"] * jx, emission=c["emission"],
                    pumping=c["absorption"], dephasing=4 * c["dephasing"],
                    collective_emission=c["collective_emission"], collective_pumping=c["collective_absorption"],
                    collective_dephasing=c["collective_dephasing"])
L = system.liouvillian()
t1 = time.perf_counter()
times = np.linspace(0, c["stop"], c["points"])
r = qutip.mesolve(L, piqs.excited(n), times, [], [jz], options=qutip.Options(rtol=c["rtol"], atol=c["atol"], nsteps=10**8))
t2 = time.perf_counter()
print(json.dumps({"build_seconds": t1 - t0, "solve_seconds": t2 - t1, "jz": list(np.real(r.expect[0]))}))
'''


def toml(n, c, rtol, atol, integrator):
    lines = ["[method]", 'name = "dicke"', f'integrator = "{integrator}"', f"rtol = {rtol}", f"atol = {atol}",
             "[spins]", f"count = {n}", f"frequency = {c['omega']}", "[hamiltonian]", 'zeeman = "+"']
    if c["drive"]:
        lines += ["[[hamiltonian.drive]]", f"omega_x = {c['drive']}"]
    for kind in ["emission", "absorption", "dephasing", "collective_emission", "collective_absorption",
                 "collective_dephasing"]:
        if c[kind]:
            lines += ["[[channel]]", f'kind = "{kind}"', f"rate = {c[kind]}"]
    lines += ["[initial]", 'kind = "all_up"', "[time]", f"stop = {c['stop']}", f"points = {POINTS}",
              "[output]", 'observables = ["Jz"]', "plot = false"]
    return "\n".join(lines) + "\n"


def battery_toml(n, cycles=20, propagator="auto"):
    return f"""[method]
name = "dicke"
integrator = "bdf"
propagator = "{propagator}"
rtol = 1e-8
atol = 1e-12
[spins]
count = {n}
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
repeat = {cycles}
steps = [ {{ pulse = {{ axis = "x", angle_deg = 180 }} }},
          {{ evolve = 0.0187, scale = {{ collective_emission = 0.0 }} }},
          {{ evolve = 0.0187 }} ]
[time]
points = 41
[output]
observables = ["Jz", "S", "emitted_collective"]
plot = false
"""


def parse_time_v(text):
    out = {}
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if m:
        parts = [float(p) for p in m.group(1).split(":")]
        out["wall_seconds"] = sum(p * 60 ** (len(parts) - 1 - k) for k, p in enumerate(parts))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["peak_rss_mib"] = int(m.group(1)) / 1024
    return out


def timed(cmd, timeout=None):
    """Run cmd under /usr/bin/time -v: (stdout, fields); wall from perf_counter (time -v rounds to 10 ms)."""
    start = time.perf_counter()
    try:
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, {"timed_out": True, "wall_seconds": timeout}
    wall = time.perf_counter() - start
    if p.returncode != 0:
        raise RuntimeError(f"{cmd}: {p.stderr[-2000:]}")
    fields = parse_time_v(p.stderr)
    fields["wall_seconds"] = wall
    return p.stdout, fields


def run_openspins(binary, text, work, name):
    path = work / f"{name}.toml"
    path.write_text(text)
    out = work / name
    _, fields = timed([str(binary), "run", str(path), "--output", str(out), "--force", "--quiet"])
    rows = (out / "series.csv").read_text().splitlines()
    header = rows[0].split(",")
    series = {h: [float(r.split(",")[k]) for r in rows[1:]] for k, h in enumerate(header)}
    meta = json.loads((out / "metadata.json").read_text())
    fields["steps"] = meta["statistics"].get("steps")
    fields["rhs_evaluations"] = meta["statistics"].get("rhs_evaluations")
    fields["rational_applications"] = meta.get("notes", {}).get("rational_applications", "0")
    fields["propagator"] = meta.get("notes", {}).get("propagator", "")
    return series, fields


def machine():
    info = {"python": platform.python_version(), "platform": platform.platform()}
    try:
        cpu = [l for l in open("/proc/cpuinfo") if l.startswith("model name")]
        info["cpu"] = cpu[0].split(":", 1)[1].strip()
        info["cores"] = len(cpu)
        info["load_1min"] = os.getloadavg()[0]
    except OSError:
        pass
    import qutip
    info["qutip"] = qutip.__version__
    return info


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=str(ROOT / "build"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 40, 60, 100])
    parser.add_argument("--cases", nargs="+", default=list(CASES))
    parser.add_argument("--piqs-timeout", type=float, default=600.0)
    parser.add_argument("--piqs-up-to", type=int, default=40, help="run piqs only for N up to this")
    parser.add_argument("--battery-sizes", type=int, nargs="+", default=[140, 1000])
    parser.add_argument("--battery-cycles", type=int, nargs="+", default=[20, 20],
                        help="cycles per battery size (same order)")
    parser.add_argument("--largest-runs", type=int, default=4, help="runs of the largest-N-in-60-s search")
    parser.add_argument("--battery-only", action="store_true")
    parser.add_argument("--no-battery", action="store_true")
    args = parser.parse_args()
    binary = pathlib.Path(args.build) / "openspins"
    work = pathlib.Path(tempfile.mkdtemp(prefix="dicke_vs_piqs_"))
    results = {"machine": machine(), "comparisons": [], "battery": []}
    lines = [f"Machine: {results['machine'].get('cpu', '?')}, {results['machine'].get('cores', '?')} cores, "
             f"load average {results['machine'].get('load_1min', 0):.1f} at the start (shared with other jobs), "
             f"QuTiP {results['machine']['qutip']}.", ""]

    if not args.battery_only:
        lines += ["| case | N | openspins wall (s) | piqs wall (s) (build + solve) | speed-up | openspins RSS (MiB) | piqs RSS (MiB) | max \\|Δ⟨Jz⟩\\| openspins | max \\|Δ⟨Jz⟩\\| piqs | openspins rtol 1e-8: wall (s) / max \\|Δ⟨Jz⟩\\| / speed-up |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        piqs_gave_up = {case: False for case in args.cases}
        for n in args.sizes:
            for case in args.cases:
                c = CASES[case]
                ours, ours_t = run_openspins(binary, toml(n, c, 1e-6, 1e-8, c["integrator"]), work, f"{case}_{n}")
                tight, tight_t = run_openspins(binary, toml(n, c, 1e-8, 1e-10, c["integrator"]), work,
                                               f"{case}_{n}_tight")
                ref, _ = run_openspins(binary, toml(n, c, 1e-10, 1e-12, c["integrator"]), work, f"{case}_{n}_ref")
                record = {"case": case, "n": n, "openspins": ours_t, "openspins_tight": tight_t,
                          "openspins_error": max(abs(a - b) for a, b in zip(ours["Jz"], ref["Jz"])),
                          "openspins_tight_error": max(abs(a - b) for a, b in zip(tight["Jz"], ref["Jz"]))}
                if n > args.piqs_up_to:
                    piqs_gave_up[case] = True
                if not piqs_gave_up[case]:
                    payload = json.dumps(dict(c, n=n, points=POINTS, rtol=1e-6, atol=1e-8))
                    out, fields = timed(["/usr/bin/python3", "-c", PIQS_SCRIPT, payload], timeout=args.piqs_timeout)
                    if out is None:
                        piqs_gave_up[case] = True
                        record["piqs"] = fields
                    else:
                        data = json.loads(out.strip().splitlines()[-1])
                        fields.update(build_seconds=data["build_seconds"], solve_seconds=data["solve_seconds"])
                        record["piqs"] = fields
                        record["piqs_error"] = max(abs(a - b) for a, b in zip(data["jz"], ref["Jz"]))
                results["comparisons"].append(record)
                p = record.get("piqs", {})
                if "piqs_error" in record:
                    piqs_cell = f"{p['wall_seconds']:.2f} ({p['build_seconds']:.2f} + {p['solve_seconds']:.2f})"
                    speed = f"{p['wall_seconds'] / ours_t['wall_seconds']:.0f}×"
                    record["speed_up"] = p["wall_seconds"] / ours_t["wall_seconds"]
                    piqs_rss = f"{p['peak_rss_mib']:.0f}"
                    piqs_err = f"{record['piqs_error']:.1e}"
                else:
                    piqs_cell = (f"> {args.piqs_timeout:.0f} (killed)" if p else
                                 f"not run (N > {args.piqs_up_to} or a smaller N timed out)")
                    speed, piqs_rss, piqs_err = "—", "—", "—"
                tight_speed = (f"{p['wall_seconds'] / tight_t['wall_seconds']:.0f}×" if "piqs_error" in record else "—")
                lines.append(f"| {case} | {n} | {ours_t['wall_seconds']:.2f} | {piqs_cell} | {speed} | "
                             f"{ours_t['peak_rss_mib']:.0f} | {piqs_rss} | {record['openspins_error']:.1e} | {piqs_err} | "
                             f"{tight_t['wall_seconds']:.2f} / {record['openspins_tight_error']:.1e} / {tight_speed} |")
                print(lines[-1], flush=True)

    if not args.no_battery:
        lines += ["", "Battery, openspins alone (τs = τd = 0.0187/γ, Γ = 1600γ, rtol 1e-8, atol 1e-12, 41 output "
                  "points; `auto` = the rational propagator, `integrator` = CVODE bdf with the intra-block "
                  "preconditioner):", "",
                  "| N | cycles | propagator | wall (s) | per cycle (s) | peak RSS (MiB) | CRAM applications | "
                  "CVODE steps | S at the end |",
                  "|---|---|---|---|---|---|---|---|---|"]

        def battery(n, cycles, propagator="auto"):
            series, fields = run_openspins(binary, battery_toml(n, cycles, propagator), work, f"battery_{n}_{propagator}")
            record = {"n": n, "cycles": cycles, "propagator": propagator, **fields, "S_final": series["S"][-1]}
            results["battery"].append(record)
            lines.append(f"| {n} | {cycles} | {propagator} | {fields['wall_seconds']:.2f} | "
                         f"{fields['wall_seconds'] / cycles:.3f} | {fields['peak_rss_mib']:.0f} | "
                         f"{fields['rational_applications']} | {fields['steps']} | {series['S'][-1]:.4f} |")
            print(lines[-1], flush=True)
            return record

        runs = [battery(n, cycles) for n, cycles in zip(args.battery_sizes, args.battery_cycles)]
        if args.battery_sizes and args.battery_sizes[0] <= 200:
            battery(args.battery_sizes[0], args.battery_cycles[0], "integrator")
        # Largest N for 20 cycles within 60 s: extrapolate wall ∝ N^p from the last two runs.
        points = [(r["n"], r["wall_seconds"]) for r in runs if r["cycles"] == 20]
        best = max((n for n, w in points if w <= 60.0), default=None)
        for _ in range(args.largest_runs):
            # Exponent from the two largest runs when both are past start-up costs (N ≥ 500),
            # else 3 (k₀ sub-steps ∝ N times N²/4 populations).
            (n1, w1), (n2, w2) = sorted(points)[-2:] if len(points) >= 2 else (points[0], points[0])
            p = (max(2.0, min(4.0, math.log(w2 / w1) / math.log(n2 / n1)))
                 if n1 >= 500 and n2 != n1 and w2 > w1 else 3.0)
            n_big, w_big = max(points)
            target = int(n_big * (57.0 / w_big) ** (1.0 / p)) // 2 * 2
            if best is not None and abs(target - best) <= max(20, best // 50):
                break
            record = battery(target, 20)
            points.append((target, record["wall_seconds"]))
            if record["wall_seconds"] <= 60.0:
                best = max(best or 0, target)
            else:
                points = [(n, w) for n, w in points if n != target] + [(target, record["wall_seconds"])]
        results["largest_n_in_60_s"] = best
        lines += ["", f"Largest N whose 20 cycles ran within 60 s in this search: **{best}**."]
    results["machine"]["load_1min_end"] = os.getloadavg()[0]
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    results["machine"]["openspins_version"] = version
    lines.insert(1, f"Load average at the end: {results['machine']['load_1min_end']:.1f}. openspins: `{version}`.")
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "dicke_vs_piqs.json").write_text(json.dumps(results, indent=1))
    block = "\n".join(lines)
    readme = ROOT / "bench" / "README.md"
    text = readme.read_text()
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN) + len(BEGIN)] + "\n" + block + "\n" + text[text.index(END):]
        readme.write_text(text)
    print(block)


if __name__ == "__main__":
    main()
