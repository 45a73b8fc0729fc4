#!/usr/bin/python3
"""Exact (method analytic) vs Markovian (method redfield) pure dephasing on one run file.

Runs the given run file twice with the openspins binary — as written (method "analytic") and
with [method] name = "redfield" — and plots ⟨J^x⟩, ln|e| for the custom element observable `e`
and the difference ln|e_analytic| − ln|e_redfield|, which tends to the constant −w·c_R
(w = Σ (A_a − A_b)², c_R = lim Γ(t) − tγ(0)/2) once the bath's memory has passed. Prints
the late-time slopes of ln|e| (least squares over the last third of the run) and the
early-time difference. Used for docs/validation/redfield.md ("Exact pure dephasing").

Usage: /usr/bin/python3 scripts/plot_analytic_vs_markov.py RUN.toml [--binary build/openspins]
       [--output docs/validation/analytic_vs_redfield.png]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def run(binary, toml_text, directory, name):
    path = os.path.join(directory, name + ".toml")
    with open(path, "w") as f:
        f.write(toml_text)
    out = os.path.join(directory, name)
    subprocess.run([binary, "run", path, "-o", out, "--force", "--quiet"], check=True)
    return np.genfromtxt(os.path.join(out, "series.csv"), delimiter=",", names=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run_file")
    parser.add_argument("--binary", default="build/openspins")
    parser.add_argument("--output", default="analytic_vs_redfield.png")
    args = parser.parse_args()

    text = open(args.run_file).read()
    if 'name = "analytic"' not in text:
        sys.exit("the run file must use [method] name = \"analytic\"")
    markov_text = text.replace('name = "analytic"', 'name = "redfield"')
    # The results directories live in a temporary folder; plots are not needed there.
    text = re.sub(r"\[output\]", "[output]\nplot = false", text)
    markov_text = re.sub(r"\[output\]", "[output]\nplot = false", markov_text)
    with tempfile.TemporaryDirectory() as tmp:
        exact = run(args.binary, text, tmp, "analytic")
        markov = run(args.binary, markov_text, tmp, "redfield")

    t = exact["t"]
    amp_e = np.hypot(exact["ere"], exact["eim"])
    amp_m = np.hypot(markov["ere"], markov["eim"])
    late = t >= t[-1] * 2.0 / 3.0
    slope_e = np.polyfit(t[late], np.log(amp_e[late]), 1)[0]
    slope_m = np.polyfit(t[late], np.log(amp_m[late]), 1)[0]
    diff = np.log(amp_e) - np.log(amp_m)
    print("late-time slope of ln|e|: analytic %.10f, redfield %.10f, relative difference %.2e"
          % (slope_e, slope_m, abs(slope_e / slope_m - 1)))
    for at in (0.5, 1.0, 2.0, 5.0, t[-1]):
        k = int(np.argmin(abs(t - at)))
        print("t = %5.2f: |e| analytic %.8f, redfield %.8f, ln ratio %+.8f" % (t[k], amp_e[k], amp_m[k], diff[k]))

    fig, axes = plt.subplots(3, 1, figsize=(7, 9), sharex=True)
    axes[0].plot(t, exact["Jx"], label="analytic (exact)")
    axes[0].plot(t, markov["Jx"], "--", label="redfield (Markovian)")
    axes[0].set_ylabel(r"$\langle J^x\rangle$")
    axes[0].legend()
    axes[1].plot(t, np.log(amp_e), label="analytic")
    axes[1].plot(t, np.log(amp_m), "--", label="redfield")
    axes[1].set_ylabel(r"$\ln|\rho_{\uparrow\uparrow\uparrow,\downarrow\uparrow\uparrow}|$")
    axes[1].legend()
    axes[2].plot(t, diff)
    axes[2].axhline(diff[-1], color="grey", lw=0.5)
    axes[2].set_ylabel("ln |e_analytic / e_redfield|")
    axes[2].set_xlabel("t")
    fig.suptitle("Exact vs Markovian pure dephasing (%s)" % os.path.basename(args.run_file))
    fig.tight_layout()
    fig.savefig(args.output, dpi=90)
    print("wrote", args.output)


if __name__ == "__main__":
    main()
