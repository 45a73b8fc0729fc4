#!/usr/bin/python3
"""T1 against temperature, one curve per N, from the HDF5 file of
examples/sweep_t1_temperature.toml (docs/sweeps.md).

T1 of a point: the time at which ⟨Jz⟩ has covered 1 − 1/e of its way from ⟨Jz⟩(0) to its
final value (linear interpolation between output times). For one spin the relaxation is a
single exponential and this is 1/γ with seed 000's (3.1), γ_relax = ¼ coth(βω/2) λ² J(ω),
J(ω) = π A ω e^{−2ω} (docs/shared conventions), drawn dashed; the script prints the ratio
(1 to 0.1 %: the 1/e time is interpolated between output times, and 400/T1 is finite).
Usage: sweep_t1_plot.py results/sweep_t1_temperature.h5 out.png
"""
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402


def one_over_e_time(t, jz):
    start, end = jz[0], jz[-1]
    f = (jz - end) / (start - end)  # 1 → 0
    k = int(np.argmax(f < math.exp(-1.0)))
    return t[k - 1] + (t[k] - t[k - 1]) * (f[k - 1] - math.exp(-1.0)) / (f[k - 1] - f[k])


def main():
    path, out = sys.argv[1], sys.argv[2]
    ds = xr.open_dataset(path, engine="h5netcdf")
    t = ds["time"].values
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    for n in ds["N"].values:
        temps = ds["temperature"].values
        t1 = [one_over_e_time(t, ds["Jz"].sel(temperature=T, N=n).values) for T in temps]
        ax.plot(temps, t1, "o-", label=f"N = {n} (sweep)")
        if n == 1:
            single = np.array(t1)
    temps = np.geomspace(ds["temperature"].values[0], ds["temperature"].values[-1], 200)
    lam, area, omega = 2.0, 0.05, 1.0
    j = math.pi * area * omega * math.exp(-2 * omega)
    rate = 0.25 / np.tanh(omega / (2 * temps)) * lam**2 * j
    ax.plot(temps, 1 / rate, "k--", lw=1, label="1 spin, closed form 1/γ")
    exact = 1 / (0.25 / np.tanh(omega / (2 * ds["temperature"].values)) * lam**2 * j)
    print("N = 1: sweep T1 / closed-form 1/γ =", np.round(single / exact, 4))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("temperature T (units of ω)")
    ax.set_ylabel("T1: 1/e time of ⟨Jz⟩ (units of 1/ω)")
    ax.set_title("Relaxation through a collective ohmic reservoir")
    ax.legend()
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print("wrote", out)


if __name__ == "__main__":
    main()
