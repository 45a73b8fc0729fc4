#!/usr/bin/python3
"""Sweep throughput (issue 17): how many points per second `openspins sweep` computes, and its
overhead per point, against a shell loop of `openspins run`; and the scaling on two cores.

  small: 1000 tiny points (one spin under emission, 11 output times; each computes in well under a
         millisecond), as
           - `openspins sweep` serially,
           - `mpirun -n 2` (rank 0 manages, 1 rank computes) and `mpirun -n 3` (2 computing ranks),
           - `openspins sweep --jobs 2` (two forked workers),
           - a shell loop of `openspins run --set channel[0].rate=… --output dir_k` (a process,
             a results directory and its CSV/metadata per point; --loop-points of them, default 1000).
         Overhead per point = wall / points (the computation itself is negligible here).
  heavy: 8 points of ~0.3–1 s (7 inhomogeneous spins under collective emission, method exact)
         serially, on 2 computing ranks (`mpirun -n 3`) and with --jobs 2: the speed-up and the
         scaling efficiency = serial / (2 × parallel).
Every timing is the best of --repeats runs (the machine is shared; the minimum is the least
disturbed), next to the load average before and after. Writes bench/results/sweep_throughput.json
and the table between the markers in bench/README.md.

  /usr/bin/python3 bench/sweep_throughput.py --cli build/openspins          # ~2–4 min on a quiet machine
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

SMALL_RUN = """[spins]
count = 1
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 0.5
[time]
stop = 1.0
points = 11
[output]
observables = ["Jz"]
plot = false
"""

HEAVY_RUN = """[spins]
count = 7
frequency = 1.0
broadening = { kind = "uniform", width = 0.4, seed = 3 }
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "collective_emission"
rate = 0.2
[initial]
kind = "product"
bloch = [0.6, 0, 0.8]
[time]
stop = 40
points = 401
[output]
observables = ["Jz", "JpJm"]
plot = false
"""


def sweep_file(run, count, start, stop):
    return (f'[sweep]\nrun = "{run}"\n[[axis]]\nkey = "channel[0].rate"\nname = "rate"\n'
            f"range = {{ start = {start}, stop = {stop}, count = {count} }}\n")


def load():
    return os.getloadavg()


def timed(cmd, cwd, env=None):
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall


def best(label, repeats, make_cmd, cwd, env=None):
    walls = []
    for k in range(repeats):
        walls.append(timed(make_cmd(k), cwd, env))
    print(f"  {label}: best {min(walls):.3f} s of {[round(w, 3) for w in walls]}", flush=True)
    return min(walls), walls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--loop-points", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--readme", default=os.path.join(HERE, "README.md"))
    parser.add_argument("--json", default=os.path.join(HERE, "results", "sweep_throughput.json"))
    args = parser.parse_args()
    mpirun = shutil.which("mpirun")
    tmp = tempfile.mkdtemp(prefix="openspins_sweep_bench_")
    cli = os.path.join(tmp, "openspins")
    shutil.copy(args.cli, cli)  # a rebuild during the benchmark does not mix binaries
    env = dict(os.environ, OMPI_MCA_rmaps_base_oversubscribe="1")
    mpi = [mpirun, "--allow-run-as-root", "--oversubscribe"] if mpirun else None
    result = {"machine": platform.node(), "cpus": os.cpu_count(), "load_before": load(), "points": args.points}
    with open(os.path.join(tmp, "small.toml"), "w") as f:
        f.write(SMALL_RUN)
    with open(os.path.join(tmp, "small_sweep.toml"), "w") as f:
        f.write(sweep_file("small.toml", args.points, 0.1, 2.0))
    with open(os.path.join(tmp, "heavy.toml"), "w") as f:
        f.write(HEAVY_RUN)
    with open(os.path.join(tmp, "heavy_sweep.toml"), "w") as f:
        f.write(sweep_file("heavy.toml", 8, 0.1, 0.8))

    def sweep(name, extra=(), launcher=()):
        return lambda k: list(launcher) + [cli, "sweep", f"{name}.toml", "--quiet", "--force", "--output",
                                           f"{name}_{k}.h5"] + list(extra)

    print(f"small: {args.points} points (load {load()[0]:.2f})", flush=True)
    small = {}
    small["serial"] = best("serial", args.repeats, sweep("small_sweep"), tmp)
    small["jobs2"] = best("--jobs 2", args.repeats, sweep("small_sweep", ["--jobs", "2"]), tmp)
    if mpi:
        small["mpi2"] = best("mpirun -n 2", args.repeats, sweep("small_sweep", launcher=mpi + ["-n", "2"]), tmp, env)
        small["mpi3"] = best("mpirun -n 3", args.repeats, sweep("small_sweep", launcher=mpi + ["-n", "3"]), tmp, env)
    rates = [0.1 + 1.9 * k / (args.points - 1) for k in range(args.points)]
    loop = "\n".join(f"'{cli}' run small.toml --quiet --force --set 'channel[0].rate={rates[k % len(rates)]!r}' "
                     f"--output loop/p{k} || exit 1" for k in range(args.loop_points))
    with open(os.path.join(tmp, "loop.sh"), "w") as f:
        f.write(loop + "\n")
    small["shell_loop"] = best(f"shell loop of {args.loop_points} × openspins run", 1,
                               lambda k: ["sh", "loop.sh"], tmp)
    small["mpi_start"] = best("mpirun -n 2 openspins --version (start-up alone)", args.repeats,
                              lambda k: mpi + ["-n", "2", cli, "--version"], tmp, env) if mpi else None
    result["load_after_small"] = load()

    print(f"heavy: 8 points (load {load()[0]:.2f})", flush=True)
    heavy = {}
    heavy["serial"] = best("serial", args.repeats, sweep("heavy_sweep"), tmp)
    heavy["jobs2"] = best("--jobs 2", args.repeats, sweep("heavy_sweep", ["--jobs", "2"]), tmp)
    if mpi:
        heavy["mpi3"] = best("mpirun -n 3", args.repeats, sweep("heavy_sweep", launcher=mpi + ["-n", "3"]), tmp, env)
    result["load_after"] = load()
    result["small"] = {k: v[1] for k, v in small.items() if v}
    result["heavy"] = {k: v[1] for k, v in heavy.items()}
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)

    n, nl = args.points, args.loop_points
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {result['machine']} "
             f"({result['cpus']} cores), load average {result['load_before'][0]:.1f} before, "
             f"{result['load_after_small'][0]:.1f} after the small sweeps, {result['load_after'][0]:.1f} at the end; "
             f"best of {args.repeats} (the shell loop: one pass).", "",
             f"| {n} small points | wall (s) | points/s | per point (ms) |", "|---|---|---|---|"]
    names = {"serial": "`openspins sweep` (serial)", "jobs2": "`--jobs 2`", "mpi2": "`mpirun -n 2` (1 computing rank)",
             "mpi3": "`mpirun -n 3` (2 computing ranks)"}
    for key, name in names.items():
        if key in small:
            wall = small[key][0]
            lines.append(f"| {name} | {wall:.2f} | {n / wall:.0f} | {1000 * wall / n:.2f} |")
    wall = small["shell_loop"][0]
    lines.append(f"| shell loop of {nl} × `openspins run` | {wall:.2f} | {nl / wall:.0f} | {1000 * wall / nl:.2f} |")
    if small.get("mpi_start"):
        lines.append(f"| (`mpirun -n 2 openspins --version`: MPI start-up alone) | {small['mpi_start'][0]:.2f} | | |")
    lines += ["", "| 8 heavy points | wall (s) | speed-up | efficiency on 2 cores |", "|---|---|---|---|"]
    serial = heavy["serial"][0]
    lines.append(f"| serial | {serial:.2f} | 1 | |")
    for key, name in (("jobs2", "`--jobs 2`"), ("mpi3", "`mpirun -n 3` (2 computing ranks)")):
        if key in heavy:
            wall = heavy[key][0]
            lines.append(f"| {name} | {wall:.2f} | {serial / wall:.2f} | {serial / (2 * wall):.0%} |")
    table = "\n".join(lines)
    print(table)
    begin, end = "<!-- BEGIN sweep_throughput -->", "<!-- END sweep_throughput -->"
    text = open(args.readme, encoding="utf-8").read()
    block = begin + "\n" + table + "\n" + end
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text += "\n" + block + "\n"
    open(args.readme, "w", encoding="utf-8").write(text)
    shutil.rmtree(tmp, ignore_errors=True)
    print("wrote", args.json, "and the table in", args.readme)


if __name__ == "__main__":
    main()
