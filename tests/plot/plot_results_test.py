#!/usr/bin/python3
"""ctest plot_results: runs tiny models with `openspins run`, overlays them with
scripts/plot_results.py and checks the figure and what the script says it drew (--describe):
the time unit from metadata.json, one legend label per run from its metadata, π/2 and π
pulses drawn differently, markers on sparse series, the steady state, and the dicke
observables in panels of their own.

    /usr/bin/python3 tests/plot/plot_results_test.py --cli build/openspins --script scripts/plot_results.py

Exit 77 (skipped) when matplotlib is missing: plotting is optional for openspins.
"""

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

if importlib.util.find_spec("matplotlib") is None:
    print("matplotlib is not installed: skipped")
    sys.exit(77)

MODEL = """title = "Two spins: tip, relax, flip"
[method]
name = "{method}"
steady_state = true
[spins]
count = 2
frequency = {frequency}
[hamiltonian]
zeeman = "{zeeman}"
[[channel]]
kind = "emission"
rate = {emission}
[[channel]]
kind = "collective_emission"
rate = 0.5
[initial]
kind = "all_down"
[[protocol]]
pulse = {{ axis = "x", angle_deg = 90 }}
label = "tip"
[[protocol]]
evolve = 2.0
label = "relax"
[[protocol]]
pulse = {{ axis = "y", angle_deg = 180 }}
label = "flip"
[[protocol]]
evolve = 2.0
label = "relax again"
[time]
points = 21
[output]
observables = {observables}
plot_columns = {plot_columns}
plot = {plot}
"""

DICKE_COLUMNS = ["Jx", "Jz", "purity", "S", "energy", "ergotropy", "emitted_collective", "emitted_local"]


def write_model(path, method="exact", frequency=1.0, zeeman="+", emission=0.5, dicke=False, plot=False):
    observables = DICKE_COLUMNS if dicke else ["Jx", "Jz", "purity"]
    plot_columns = ["Jz", "Jx", "S", "ergotropy", "energy", "emitted_collective", "emitted_local"] if dicke \
        else ["Jz", "Jx", "purity"]
    path.write_text(MODEL.format(method=method, frequency=frequency, zeeman=zeeman, emission=emission,
                                 observables=json.dumps(observables), plot_columns=json.dumps(plot_columns),
                                 plot="true" if plot else "false"))


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def is_png(path):
    return path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--script", required=True)
    args = parser.parse_args()

    def run(toml, out):
        subprocess.run([args.cli, "run", str(toml), "--output", str(out)], check=True, capture_output=True)

    def plot(*argv):
        done = subprocess.run(["/usr/bin/python3", args.script, *map(str, argv), "--describe"], check=True,
                              capture_output=True, text=True)
        return json.loads(done.stdout)

    with tempfile.TemporaryDirectory(prefix="openspins-plot-") as tmp:
        tmp = Path(tmp)
        write_model(tmp / "a.toml")
        write_model(tmp / "b.toml", method="dicke", dicke=True, plot=True)  # the CLI draws this one itself
        write_model(tmp / "c.toml", emission=0.25)
        write_model(tmp / "d.toml", frequency=0.0, zeeman="none", emission=0.5)
        for name in "abcd":
            run(tmp / f"{name}.toml", tmp / name)

        # metadata.json names the time unit; the CLI's own plot.png is there.
        check(json.loads((tmp / "a" / "metadata.json").read_text())["time_unit"]["unit"] == "1/ω", "a: unit 1/ω")
        check(is_png(tmp / "b" / "plot.png"), "openspins run drew b/plot.png")
        check(not (tmp / "a" / "plot.png").exists(), "plot = false draws nothing")

        # One model, two methods.
        d = plot(tmp / "a", tmp / "b", "-o", tmp / "ab.png")
        check(is_png(tmp / "ab.png"), "ab.png written")
        check(d["xlabel"] == "t (1/ω)", f"x label {d['xlabel']!r}")
        check([r["label"] for r in d["runs"]] == ["exact", "dicke"], f"run labels {d['runs']}")
        check([p["key"] for p in d["panels"]] == ["components", "state"], f"panels {d['panels']}")
        pulses = {p["angle"]: p for p in d["pulses"]}
        check(set(pulses) == {"π/2", "π"}, f"pulses {d['pulses']}")
        check(pulses["π/2"]["linestyle"] != pulses["π"]["linestyle"], "π/2 and π pulses look alike")
        check(pulses["π/2"]["color"] != pulses["π"]["color"], "π/2 and π pulses share a colour")
        check(pulses["π/2"]["label"] == "tip: π/2 pulse about x", pulses["π/2"]["label"])
        check(pulses["π"]["label"] == "flip: π pulse about y", pulses["π"]["label"])
        lines = [line for p in d["panels"] for line in p["lines"]]
        check(len(lines) == 6 and all(line["marker"] for line in lines), "21 points: markers on every line")
        check(len({line["linestyle"] for line in lines}) == 2, "the two runs in two line styles")
        steady = {(s["column"], s["run"]): s["value"] for p in d["panels"] for s in p["steady_state"]}
        check(set(steady) == {(c, r) for c in ("Jz", "Jx", "purity") for r in (0, 1)}, f"steady states {steady}")
        check(abs(steady[("Jz", 0)] + 1.0) < 1e-9, "steady ⟨Jz⟩ = −1 (both spins down)")
        check(d["protocol_shaded"] and "relax" in d["protocol_legend"], "protocol shaded")

        # The dicke observables get panels of their own, energies in units of ω; no steady state for counters.
        d = plot(tmp / "b", "-o", tmp / "b.png")
        check(is_png(tmp / "b.png"), "b.png written")
        panels = {p["key"]: p for p in d["panels"]}
        check(list(panels) == ["components", "length", "energy", "emitted"], f"dicke panels {list(panels)}")
        check(panels["energy"]["ylabel"] == "energy (units of ω)", panels["energy"]["ylabel"])
        check(panels["length"]["columns"] == ["S"], "S alone in its panel")
        check(not panels["emitted"]["steady_state"], "no steady state drawn for emitted quanta")
        check(d["runs"][0]["label"] == "Two spins: tip, relax, flip", d["runs"][0]["label"])

        # One model, two parameter values: the differing value labels the runs.
        d = plot(tmp / "a", tmp / "c", "-o", tmp / "ac.png")
        check([r["label"] for r in d["runs"]] == ["channel[emission].rate = 0.5", "channel[emission].rate = 0.25"],
              f"run labels {[r['label'] for r in d['runs']]}")

        # No spin frequency: the time unit is the largest rate, with its value.
        d = plot(tmp / "d", "-o", tmp / "d.png")
        check(d["xlabel"] == "t (1/γ = 2)", f"x label {d['xlabel']!r}")

        # Several directories need -o.
        done = subprocess.run(["/usr/bin/python3", args.script, str(tmp / "a"), str(tmp / "c")], capture_output=True)
        check(done.returncode == 2 and b"-o" in done.stderr, "several directories without -o is a usage error")
    print("plot_results: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
