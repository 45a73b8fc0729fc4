#!/usr/bin/python3
"""Draw the results of one openspins run, or overlay several runs of one model, with matplotlib.

    /usr/bin/python3 scripts/plot_results.py RESULTS_DIR [--columns Jz,purity] [-o FILE]
    /usr/bin/python3 scripts/plot_results.py DIR_A DIR_B ... -o overlay.png [--describe]

Reads series.csv, metadata.json and (when there) steady_state.csv from each directory and
plots the chosen columns (default: metadata output.plot_columns) against t, one panel per
kind of quantity: collective spin components, collective magnitudes (J², ⟨J⁺J⁻⟩), the
collective spin length S, energy and ergotropy, emitted quanta, the j distribution, the
cavity photons, single-spin Pauli expectations, state diagnostics (purity, trace) and custom
observables. Protocol evolve steps are shaded by label and pulses drawn as vertical lines
whose style tells the angle (π solid, π/2 dashed, others dotted), so a cycle
(charge / storage / discharge) can be read off the curves. A computed steady state is a
dashed stub at the right edge in the colour of its curve; runs with few output times get
markers on their lines.

t is in the run file's time unit (ħ = 1, frequencies angular); metadata.json's time_unit
names it by a model parameter ("1/ω", "1/γ = 200", docs/config.md "Time unit"), and the axis
label says so.

Several directories are drawn into one figure (-o is then required): colours tell the
columns, line styles the runs, and each run is labelled from its metadata — the method when
the methods differ, the run-file values that differ (up to three), else the title or the
directory name. --describe prints, as JSON, what was drawn (panels, labels, units, pulses,
steady states) for tests and scripts.
"""

import argparse
import csv
import json
import math
import re
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

# Beyond this many protocol steps shading and pulse lines turn into noise; the step column still shows them.
MAX_SHADED_STEPS = 200
# Pulses are also named above the first panel when there are at most this many.
MAX_ANNOTATED_PULSES = 12
# Series with at most this many rows get markers on their lines.
MAX_POINTS_WITHOUT_MARKERS = 60
# A panel's legend lists at most this many curves (a j distribution can have hundreds).
MAX_LEGEND_ENTRIES = 10

PANELS = [
    # (key, title); the y label is built from the columns shown
    ("components", "collective spin"),
    ("magnitudes", "collective magnitudes"),
    ("length", "collective spin length"),
    ("energy", "energy and ergotropy"),
    ("emitted", "emitted quanta"),
    ("j_distribution", "j distribution"),
    ("cavity", "cavity mode"),
    ("spins", "single spins"),
    ("state", "state"),
    ("custom", "custom observables"),
]

# Axis labels for columns whose panel holds few, fixed ones.
SHORT = {"J2": r"$\langle J^2 \rangle$", "JpJm": r"$\langle J^+J^- \rangle$", "purity": r"Tr $\rho^2$",
         "trace": r"Tr $\rho$", "S": r"$S$  ($S(S+1) = \langle J^2 \rangle$)", "photons": r"$\langle a^\dagger a \rangle$"}

# Line styles for the runs of an overlay, in order.
RUN_STYLES = ["-", "--", ":", "-."]
RUN_MARKERS = ["o", "s", "^", "D", "v", "P"]

# Counters since t = 0: a steady state has no meaning for them.
CUMULATIVE = {"emitted_collective", "emitted_local"}

PULSE_STYLES = {  # angle text → (line style, colour); other angles dotted
    "π": ("-", "#8c1c13"),
    "π/2": ("--", "#1f4e9c"),
}
OTHER_PULSE = (":", "#2b7a3d")


def panel_of(column):
    """Which panel a series.csv column belongs in."""
    if re.fullmatch(r"J[xyz](\[\w+\])?", column):
        return "components"
    if re.fullmatch(r"(J2|JpJm)(\[\w+\])?", column):
        return "magnitudes"
    if column == "S":
        return "length"
    if column in ("energy", "ergotropy", "ergotropy_symmetric"):
        return "energy"
    if column in ("emitted_collective", "emitted_local"):
        return "emitted"
    if re.fullmatch(r"pj_\d+(/2)?", column):
        return "j_distribution"
    if column == "photons":
        return "cavity"
    if re.fullmatch(r"s[xyz]_\d+", column):
        return "spins"
    if column in ("purity", "trace"):
        return "state"
    return "custom"


def pretty(column):
    """Legend text: Jz → ⟨J_z⟩, Jz[A] → ⟨J_z⟩ (A), sx_3 → ⟨σ^x_3⟩, custom names unchanged."""
    m = re.fullmatch(r"J([xyz])(?:\[(\w+)\])?", column)
    if m:
        return rf"$\langle J_{m.group(1)} \rangle$" + (f" ({m.group(2)})" if m.group(2) else "")
    m = re.fullmatch(r"(J2|JpJm)(?:\[(\w+)\])?", column)
    if m:
        body = r"$\langle J^2 \rangle$" if m.group(1) == "J2" else r"$\langle J^+J^- \rangle$"
        return body + (f" ({m.group(2)})" if m.group(2) else "")
    m = re.fullmatch(r"s([xyz])_(\d+)", column)
    if m:
        return rf"$\langle \sigma^{m.group(1)}_{{{m.group(2)}}} \rangle$"
    m = re.fullmatch(r"pj_(\d+(?:/2)?)", column)
    if m:
        return f"P(j = {m.group(1)})"
    return {
        "purity": r"purity Tr $\rho^2$",
        "trace": r"Tr $\rho$",
        "S": r"$S$",
        "energy": r"energy $\langle H_Z \rangle$",
        "ergotropy": "ergotropy",
        "ergotropy_symmetric": "ergotropy (symmetric states)",
        "emitted_collective": "into the collective channel",
        "emitted_local": "into the local channels",
        "photons": r"$\langle a^\dagger a \rangle$",
    }.get(column, column)


def energy_unit(time_unit):
    """The frequency unit energies are in, e.g. "ω" for time unit 1/ω; "" when it is not 1 of a parameter."""
    if time_unit and time_unit.get("symbol") and time_unit.get("value") is not None:
        if abs(float(time_unit["value"]) - 1.0) <= 1e-12:
            return time_unit["symbol"]
    return ""


def panel_ylabel(key, columns, time_unit):
    if key in ("components", "spins") and len(columns) == 1:
        return pretty(columns[0])
    if key == "components":
        return r"$\langle J^\alpha \rangle$"
    if key == "spins":
        return r"$\langle \sigma^\alpha_i \rangle$"
    if key == "energy":
        unit = energy_unit(time_unit)
        return "energy" + (f" (units of {unit})" if unit else r" ($\hbar = 1$)")
    if key == "emitted":
        return "quanta emitted since t = 0"
    if key == "j_distribution":
        return "probability of j"
    if key == "custom":
        return pretty(columns[0]) if len(columns) == 1 else "expectation value"
    return ", ".join(dict.fromkeys(SHORT.get(re.sub(r"\[\w+\]$", "", c), c) for c in columns))


def read_series(path):
    with open(path, newline="") as f:
        header = next(csv.reader(f))
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return header, data


def read_steady_state(path):
    """steady_state.csv: column → value, or {} when the run computed none."""
    if not path.is_file():
        return {}
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if len(rows) < 2:
        return {}
    out = {}
    for name, text in zip(rows[0], rows[1]):
        try:
            out[name] = float(text)
        except ValueError:
            pass
    return out


def load_run(directory):
    metadata = json.loads((directory / "metadata.json").read_text())
    header, data = read_series(directory / "series.csv")
    return {"directory": directory, "metadata": metadata, "header": header, "data": data,
            "steady": read_steady_state(directory / "steady_state.csv")}


def angle_text(angle):
    """π, π/2, 3π/2, −π/2 …, or radians when the angle is no simple fraction of π."""
    fraction = Fraction(angle / math.pi).limit_denominator(16)
    if fraction != 0 and abs(float(fraction) * math.pi - angle) <= 1e-9 * max(1.0, abs(angle)):
        sign = "−" if fraction < 0 else ""
        num, den = abs(fraction.numerator), fraction.denominator
        return sign + ("" if num == 1 else str(num)) + "π" + ("" if den == 1 else f"/{den}")
    return f"{angle:.3g} rad"


def axis_text(axis):
    for k, name in enumerate("xyz"):
        if all(abs(a) < 1e-12 for j, a in enumerate(axis) if j != k) and abs(axis[k]) > 0:
            return ("−" if axis[k] < 0 else "") + name
    return "(" + ", ".join(f"{a:.3g}" for a in axis) + ")"


def pulse_description(step, spin_count):
    """How a pulse is drawn: its angle and axis, line style and colour, legend label."""
    angle = angle_text(step.get("angle", 0.0))
    axis = axis_text(step.get("axis", [1.0, 0.0, 0.0]))
    style, colour = PULSE_STYLES.get(angle.lstrip("−"), OTHER_PULSE)
    label = f"{angle} pulse about {axis}"
    spins = step.get("spins")
    if isinstance(spins, dict):  # consecutive spins, compacted beyond 64 (docs/config.md)
        spins = range(spins["first"], spins["first"] + spins["count"])
    if spins is not None and spin_count and len(spins) != spin_count:
        label += (" on spin " if len(spins) == 1 else " on spins ") + ",".join(str(s) for s in spins[:6]) + (
            "…" if len(spins) > 6 else "")
    name = step.get("label") or ""
    # A step label that only repeats the angle ("π/2 x") adds nothing.
    if name and angle not in re.split(r"[\s,;:()_]+", name):
        label = f"{name}: {label}"
    return {"time": step["start"], "angle": angle, "axis": axis, "label": label, "linestyle": style,
            "color": colour}


def protocol_signature(protocol):
    steps = protocol.get("steps") or []
    return [(s.get("kind"), round(s.get("start", 0.0), 12), round(s.get("duration", 0.0), 12), s.get("angle"),
             tuple(s.get("axis") or ()), s.get("label")) for s in steps]


def draw_protocol(ax, protocol, t_end, spin_count, annotate):
    """Shade evolve steps by label and draw pulses; returns (legend handles by label, pulse descriptions)."""
    steps = protocol.get("steps") or []
    if len(steps) < 2 or len(steps) > MAX_SHADED_STEPS:
        return {}, []
    colours = plt.get_cmap("Pastel1").colors
    by_label = {}
    handles = {}
    pulses = []
    for k, step in enumerate(steps):
        start = step["start"]
        if step["kind"] == "pulse":
            p = pulse_description(step, spin_count)
            pulses.append(p)
            line = ax.axvline(start, color=p["color"], linestyle=p["linestyle"], linewidth=1.1, zorder=1.5)
            handles.setdefault(p["label"], line)
            continue
        label = step.get("label") or ""
        if label and label not in by_label:
            by_label[label] = colours[len(by_label) % len(colours)]
        colour = by_label[label] if label else ("0.92" if k % 2 else "white")
        span = ax.axvspan(start, min(start + step["duration"], t_end), color=colour, alpha=0.6, zorder=0, linewidth=0)
        if label:
            handles.setdefault(label, span)
    if annotate and 0 < len(pulses) <= MAX_ANNOTATED_PULSES:
        for p in pulses:
            ax.annotate(f"{p['angle']}$_{{{p['axis']}}}$" if len(p["axis"]) <= 2 else p["angle"], (p["time"], 1.0),
                        xycoords=("data", "axes fraction"), xytext=(0, 2), textcoords="offset points",
                        ha="center", va="bottom", fontsize=8, color=p["color"])
    return handles, pulses


def flatten(value, prefix=""):
    """A run file as JSON → {"channel[0].rate": 0.1, …}; lists of numbers or strings stay whole."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
        return out
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        # Tables of an array are named by their name (or kind) when that is unique: channel[emission].rate.
        names = [v.get("name") or v.get("kind") if isinstance(v, dict) else None for v in value]
        unique = all(isinstance(n, str) for n in names) and len(set(names)) == len(names)
        out = {}
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}[{names[i] if unique else i}]"))
        return out
    return {prefix: value}


def value_text(value):
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if value is None:
        return "(unset)"
    return str(value)


IGNORED_KEYS = re.compile(r"^(title|output\..*)$")


def run_labels(runs):
    """Legend text per run: the method when methods differ, then the run-file values that differ."""
    if len(runs) == 1:
        return [runs[0]["metadata"].get("title") or runs[0]["directory"].name]
    methods = [r["metadata"].get("method", "?") for r in runs]
    flats = [flatten(r["metadata"].get("config") or {}) for r in runs]
    keys = sorted(set().union(*flats), key=lambda k: (k.count("."), k))
    differing = [k for k in keys if not IGNORED_KEYS.match(k) and k != "method.name"
                 and len({json.dumps(f.get(k), sort_keys=True) for f in flats}) > 1]
    labels = []
    for r, method, flat in zip(runs, methods, flats):
        parts = [method] if len(set(methods)) > 1 else []
        if 0 < len(differing) <= 3:
            parts += [f"{k} = {value_text(flat.get(k))}" for k in differing]
        if not parts:
            titles = {x["metadata"].get("title", "") for x in runs}
            parts = [r["metadata"].get("title")] if len(titles) == len(runs) and all(titles) else [r["directory"].name]
        labels.append(", ".join(parts))
    if len(set(labels)) < len(labels):  # still ambiguous: say which directory
        labels = [f"{label} ({r['directory'].name})" for label, r in zip(labels, runs)]
    return labels


def time_axis_label(runs):
    units = [(r["metadata"].get("time_unit") or {}).get("unit") for r in runs]
    if any(u is None for u in units):
        unit = "run-file time unit"  # a results directory from before time_unit was recorded
    elif len(set(units)) == 1:
        unit = units[0]
    else:
        unit = "run-file time unit; " + " vs ".join(dict.fromkeys(units))
    return f"t ({unit})", unit


def choose_columns(runs, requested):
    common = [c for c in runs[0]["header"][2:] if all(c in r["header"][2:] for r in runs)]
    if requested:
        wanted = [c.strip() for c in requested.split(",") if c.strip()]
        for r in runs:
            missing = [c for c in wanted if c not in r["header"][2:]]
            if missing:
                sys.exit(f"plot_results.py: no column {', '.join(missing)} in {r['directory'] / 'series.csv'} "
                         f"(columns: {', '.join(r['header'][2:])})")
        return wanted
    first = runs[0]
    wanted = first["metadata"].get("output", {}).get("plot_columns") or []
    wanted = [c for c in wanted if c in common]
    if not wanted:
        wanted = ["Jz"] if "Jz" in common else common[:1]
    if not wanted:
        sys.exit("plot_results.py: the directories share no column to draw")
    return wanted


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directories", type=Path, nargs="+", metavar="DIRECTORY")
    parser.add_argument("--columns", help="comma-separated series.csv columns (default: metadata plot_columns)")
    parser.add_argument("-o", "--output", type=Path,
                        help="image file (default for one directory: DIRECTORY/plot.png; required for several)")
    parser.add_argument("--describe", action="store_true", help="print what was drawn as JSON on stdout")
    args = parser.parse_args(argv)
    if len(args.directories) > 1 and args.output is None:
        parser.error("several directories are drawn into one figure: give -o FILE")

    runs = [load_run(d) for d in args.directories]
    wanted = choose_columns(runs, args.columns)
    labels = run_labels(runs)
    overlay = len(runs) > 1
    xlabel, unit = time_axis_label(runs)
    time_unit = runs[0]["metadata"].get("time_unit") or {}

    groups = {}
    for column in wanted:
        groups.setdefault(panel_of(column), []).append(column)
    panels = [p for p in PANELS if p[0] in groups]
    t_starts = [r["data"][0, 0] for r in runs if len(r["data"])]
    t_ends = [r["data"][-1, 0] for r in runs if len(r["data"])]
    # The run starts at t = 0 even when its first output time is later.
    t_start, t_end = (min(0.0, min(t_starts)), max(t_ends)) if t_ends else (0.0, 1.0)
    if t_end <= t_start:
        t_end = t_start + 1.0
    span = t_end - t_start

    # Shading and pulses come from the first run's protocol, drawn only when every run shares it.
    protocol = runs[0]["metadata"].get("protocol", {})
    same_protocol = all(protocol_signature(r["metadata"].get("protocol", {})) == protocol_signature(protocol)
                        for r in runs)
    spin_count = runs[0]["metadata"].get("model", {}).get("spins")

    fig, axes = plt.subplots(len(panels), 1, sharex=True, squeeze=False, figsize=(8.0, 1.2 + 2.4 * len(panels)))
    colour_cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    protocol_handles, pulses = {}, []
    description_panels = []
    # Overlays: colours tell the runs when every panel has one column; otherwise colours tell the
    # columns and line styles the runs (with a legend of the runs under the panels).
    several_columns = any(len(groups[key]) > 1 for key, _ in panels)
    colour_by_run = overlay and not several_columns
    sparse_runs = [len(r["data"]) <= MAX_POINTS_WITHOUT_MARKERS for r in runs]
    for panel_index, (ax, (key, title)) in enumerate(zip(axes[:, 0], panels)):
        if same_protocol:
            handles, drawn = draw_protocol(ax, protocol, t_end, spin_count, annotate=panel_index == 0)
            protocol_handles = protocol_handles or handles
            pulses = pulses or drawn
        columns = groups[key]
        lines, steadies = [], []
        steady_drawn = False
        many = len(columns) > MAX_LEGEND_ENTRIES
        cmap = plt.get_cmap("viridis")
        for c_index, column in enumerate(columns):
            for r_index, (run, run_label) in enumerate(zip(runs, labels)):
                t = run["data"][:, 0]
                y = run["data"][:, run["header"].index(column)]
                if many:
                    colour = cmap(c_index / max(1, len(columns) - 1))
                elif colour_by_run:
                    colour = colour_cycle[r_index % len(colour_cycle)]
                else:
                    colour = colour_cycle[c_index % len(colour_cycle)]
                style = RUN_STYLES[r_index % len(RUN_STYLES)] if overlay else "-"
                sparse = sparse_runs[r_index]
                marker = (RUN_MARKERS[r_index % len(RUN_MARKERS)] if overlay else "o") if sparse else None
                # The first run of an overlay is wide and light, so later runs on top of it stay visible.
                width = (2.6 if r_index == 0 else 1.4) if overlay else 1.5
                alpha = 0.6 if overlay and r_index == 0 else 1.0
                if colour_by_run:
                    label = run_label if panel_index == 0 else None  # the runs are named once, in the first panel
                elif overlay and r_index > 0:
                    label = None  # the column is named once; the runs legend names the styles
                else:
                    label = pretty(column)
                if many and c_index not in (0, len(columns) - 1):
                    label = None
                ax.plot(t, y, linestyle=style, color=colour, linewidth=width, alpha=alpha, marker=marker,
                        markersize=4 if marker else None, label=label, zorder=2 + 0.1 * r_index,
                        clip_on=marker is None)  # markers at the axis ends are drawn whole
                lines.append({"column": column, "run": r_index, "run_label": run_label, "label": label or pretty(column),
                              "legend": label is not None, "color": matplotlib.colors.to_hex(colour),
                              "linestyle": style, "marker": marker, "points": int(len(t))})
                if column in run["steady"] and column not in CUMULATIVE:
                    value = run["steady"][column]
                    ax.plot([t_end - 0.12 * span, t_end], [value, value], linestyle=(0, (3, 1.5)), color=colour,
                            linewidth=2.2, alpha=0.9, zorder=3, solid_capstyle="butt")
                    ax.plot([t_end], [value], marker="<", color=colour, markersize=6, clip_on=False, zorder=4)
                    steadies.append({"column": column, "run": r_index, "value": value,
                                     "color": matplotlib.colors.to_hex(colour)})
                    steady_drawn = True
        ylabel = panel_ylabel(key, columns, time_unit)
        ax.set_ylabel(ylabel)
        # Pulse names sit above the first panel; its title then goes to the right.
        annotated = panel_index == 0 and 0 < len(pulses) <= MAX_ANNOTATED_PULSES
        ax.set_title(title, fontsize=9, loc="right" if annotated else "left", color="0.3")
        ax.grid(True, linewidth=0.4, alpha=0.5)
        handles, texts = ax.get_legend_handles_labels()
        if steady_drawn:
            handles.append(Line2D([], [], color="0.3", linestyle=(0, (3, 1.5)), linewidth=2.2, marker="<"))
            texts.append("steady state")
        if handles:
            ax.legend(handles, texts, loc="best", fontsize=8, framealpha=0.85, facecolor="white", edgecolor="none")
        # A pulse at the very start would hide under the axis: leave it a little room.
        ax.set_xlim(t_start - (0.01 * span if any(p["time"] <= t_start for p in pulses) else 0.0), t_end)
        description_panels.append({"key": key, "title": title, "ylabel": ylabel, "columns": columns,
                                   "lines": lines, "steady_state": steadies})
    axes[-1, 0].set_xlabel(xlabel.replace("t (", r"$t$ (", 1))

    model = runs[0]["metadata"].get("model", {})
    titles = list(dict.fromkeys(r["metadata"].get("title") or r["directory"].name for r in runs))
    methods = list(dict.fromkeys(r["metadata"].get("method", "?") for r in runs))
    sizes = list(dict.fromkeys(r["metadata"].get("model", {}).get("spins", "?") for r in runs))
    if overlay:
        title = titles[0] if len(titles) == 1 else f"{len(runs)} runs compared"
        subtitle = f"{' / '.join(methods)} method{'s' if len(methods) > 1 else ''}, N = {', '.join(map(str, sizes))}"
    else:
        title = titles[0] if runs[0]["metadata"].get("title") else Path(
            runs[0]["metadata"].get("config_file", str(runs[0]["directory"]))).name
        subtitle = f"{methods[0]} method, N = {model.get('spins', '?')}"
    fig.suptitle("\n".join(textwrap.wrap(title, 90) + [subtitle]), fontsize=11)

    # Figure legends under the panels: the runs (line styles, when a panel mixes columns), then the protocol.
    legends = []
    if overlay and several_columns:
        legends.append(("runs", [Line2D([], [], color="0.2", linestyle=RUN_STYLES[i % len(RUN_STYLES)],
                                        linewidth=2.6 if i == 0 else 1.4, alpha=0.6 if i == 0 else 1.0,
                                        marker=RUN_MARKERS[i % len(RUN_MARKERS)] if sparse_runs[i] else None,
                                        markersize=4)
                                 for i in range(len(runs))], labels, 2))
    if protocol_handles:
        legends.append(("protocol steps", list(protocol_handles.values()), list(protocol_handles.keys()), 3))
    bottom = 0.0
    for name, handles, texts, ncol in reversed(legends):
        ncol = min(len(texts), ncol)
        rows = (len(texts) + ncol - 1) // ncol
        fig.legend(handles, texts, loc="lower center", bbox_to_anchor=(0.5, bottom / fig.get_figheight()),
                   ncol=ncol, fontsize=8, frameon=False, title=name, title_fontsize=8)
        bottom += 0.3 + 0.19 * rows
    fig.tight_layout(rect=(0, bottom / fig.get_figheight(), 1, 1))
    out = args.output or args.directories[0] / "plot.png"
    fig.savefig(out, dpi=120)

    if args.describe:
        description = {
            "output": str(out),
            "title": title,
            "subtitle": subtitle,
            "xlabel": xlabel,
            "time_unit": unit,
            "runs": [{"directory": str(r["directory"]), "label": label, "method": r["metadata"].get("method"),
                      "time_unit": (r["metadata"].get("time_unit") or {}).get("unit"),
                      "steady_state": bool(r["steady"])} for r, label in zip(runs, labels)],
            "panels": description_panels,
            "protocol_shaded": bool(protocol_handles),
            "protocol_legend": list(protocol_handles.keys()),
            "pulses": pulses,
        }
        json.dump(description, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
