#!/usr/bin/python3
"""Draw plot.png for an openspins results directory.

    /usr/bin/python3 scripts/plot_results.py RESULTS_DIR [--columns Jz,purity] [--output FILE]

Reads series.csv and metadata.json from RESULTS_DIR and plots the chosen columns
(default: metadata output.plot_columns) against t, one panel per kind of quantity:
collective spin components, collective magnitudes (J², ⟨J⁺J⁻⟩), single-spin Pauli
expectations, state diagnostics (purity, trace) and custom observables. Protocol
evolve steps are shaded by label and pulses drawn as dashed lines, so a cycle
(charge / storage / discharge) can be read off the curves.

Units follow the run file: ħ = 1 and frequencies angular, so t is in units of the
inverse of whatever frequency unit the file used ("1/ω units").
"""

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402

# Beyond this many protocol steps shading turns into noise; the step column still shows them.
MAX_SHADED_STEPS = 200

PANELS = [
    # (key, y label, title); None: built from the columns shown
    ("components", r"$\langle J^\alpha \rangle$", "collective spin"),
    ("magnitudes", None, "collective magnitudes"),
    ("spins", r"$\langle \sigma^\alpha_i \rangle$", "single spins"),
    ("state", None, "state"),
    ("custom", "expectation value", "custom observables"),
]

# Axis labels for panels whose columns are few and fixed.
SHORT = {"J2": r"$\langle J^2 \rangle$", "JpJm": r"$\langle J^+J^- \rangle$", "purity": r"Tr $\rho^2$",
         "trace": r"Tr $\rho$"}


def panel_of(column):
    """Which panel a series.csv column belongs in."""
    if re.fullmatch(r"J[xyz](\[\w+\])?", column):
        return "components"
    if re.fullmatch(r"(J2|JpJm)(\[\w+\])?", column):
        return "magnitudes"
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
    if column == "purity":
        return r"purity Tr $\rho^2$"
    if column == "trace":
        return r"Tr $\rho$"
    return column


def read_series(path):
    with open(path, newline="") as f:
        header = next(csv.reader(f))
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return header, data


def shade_protocol(ax, protocol, t_end):
    """Shade evolve steps by label and mark pulses; returns legend handles by label."""
    steps = protocol.get("steps") or []
    if len(steps) < 2 or len(steps) > MAX_SHADED_STEPS:
        return {}
    colours = plt.get_cmap("Pastel1").colors
    by_label = {}
    handles = {}
    for k, step in enumerate(steps):
        start = step["start"]
        label = step.get("label") or ""
        if step["kind"] == "pulse":
            line = ax.axvline(start, color="0.35", linestyle="--", linewidth=0.8, zorder=1)
            handles.setdefault(f"{label} (pulse)" if label else "pulse", line)
            continue
        if label and label not in by_label:
            by_label[label] = colours[len(by_label) % len(colours)]
        colour = by_label[label] if label else ("0.92" if k % 2 else "white")
        span = ax.axvspan(start, min(start + step["duration"], t_end), color=colour, alpha=0.6, zorder=0, linewidth=0)
        if label:
            handles.setdefault(label, span)
    return handles


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--columns", help="comma-separated series.csv columns (default: metadata plot_columns)")
    parser.add_argument("--output", type=Path, help="image file (default: DIRECTORY/plot.png)")
    args = parser.parse_args(argv)

    metadata = json.loads((args.directory / "metadata.json").read_text())
    header, data = read_series(args.directory / "series.csv")
    observables = header[2:]
    if args.columns:
        wanted = [c.strip() for c in args.columns.split(",") if c.strip()]
    else:
        wanted = metadata.get("output", {}).get("plot_columns") or (["Jz"] if "Jz" in observables else observables[:1])
    missing = [c for c in wanted if c not in observables]
    if missing:
        sys.exit(f"plot_results.py: no column {', '.join(missing)} in series.csv (columns: {', '.join(observables)})")

    t = data[:, 0]
    groups = {}
    for column in wanted:
        groups.setdefault(panel_of(column), []).append(column)
    panels = [p for p in PANELS if p[0] in groups]

    fig, axes = plt.subplots(len(panels), 1, sharex=True, squeeze=False, figsize=(8.0, 1.0 + 2.4 * len(panels)))
    protocol = metadata.get("protocol", {})
    t_end = t[-1] if len(t) else 1.0
    label_handles = {}
    for ax, (key, ylabel, title) in zip(axes[:, 0], panels):
        label_handles = shade_protocol(ax, protocol, t_end) or label_handles
        for column in groups[key]:
            ax.plot(t, data[:, header.index(column)], linewidth=1.5, label=pretty(column), zorder=2)
        if ylabel is None:
            ylabel = ", ".join(dict.fromkeys(SHORT.get(re.sub(r"\[\w+\]$", "", c), c) for c in groups[key]))
        ax.set_ylabel(ylabel)
        ax.set_title(title, fontsize=9, loc="left", color="0.3")
        ax.grid(True, linewidth=0.4, alpha=0.5)
        ax.legend(loc="best", fontsize=8, frameon=False)
        ax.set_xlim(t[0] if len(t) else 0.0, t_end)
    axes[-1, 0].set_xlabel(r"$t$ (1/$\omega$ units, $\hbar = 1$)")

    model = metadata.get("model", {})
    title = metadata.get("title") or Path(metadata.get("config_file", str(args.directory))).name
    subtitle = f"{metadata.get('method', '?')} method, N = {model.get('spins', '?')}"
    fig.suptitle(f"{title}\n{subtitle}", fontsize=11)
    if label_handles:
        fig.legend(label_handles.values(), label_handles.keys(), loc="lower center", ncol=min(len(label_handles), 5),
                   fontsize=8, frameon=False, title="protocol steps", title_fontsize=8)
        legend_inches = 0.6 + 0.2 * ((len(label_handles) - 1) // 5)
        fig.tight_layout(rect=(0, legend_inches / fig.get_figheight(), 1, 1))
    else:
        fig.tight_layout()
    out = args.output or args.directory / "plot.png"
    fig.savefig(out, dpi=120)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
