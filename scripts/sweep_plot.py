#!/usr/bin/python3
"""One plot of a sweep's results file (docs/sweeps.md, "Plotting a sweep").

A quantity against one axis, one curve per value of a second axis:
  - an observable (a variable over the points and `time`): its final value, or its value at
    the output time nearest --time;
  - a fitted scalar or a rate (a variable over the points: T1, single_spin_rate_t1, …), with
    error bars when <name>_error exists; a mode's rate with --select mode=K.
Other axes must be fixed with --select AXIS=VALUE (nearest value) unless they have one value.
Failed points are NaN and leave gaps. Works for grid sweeps (the axes are dimensions) and zip
sweeps (the axes are variables over `point`).

Usage:
  sweep_plot.py results.h5 --y T1 --x temperature [--curves N] [--select rate=0.5]...
                [--time T] [--logx] [--logy] [--xlabel ...] [--ylabel ...] [--title ...] -o plot.png
Reads with xarray (engine h5netcdf; Debian's python3-xarray, python3-h5netcdf), draws with
matplotlib. Prints the plotted numbers (x, y per curve) so they can be checked.
"""
import argparse
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402


def fail(message):
    sys.exit(f"sweep_plot.py: error: {message}")


def at_time(da, time):
    """The value at the output time nearest `time`, or the last non-NaN one (final value)."""
    if "time" not in da.dims:
        return da
    if time is not None:
        return da.sel(time=time, method="nearest")
    values = np.moveaxis(da.values, da.dims.index("time"), -1)
    valid = ~np.isnan(values)
    last = np.where(valid.any(axis=-1), values.shape[-1] - 1 - np.argmax(valid[..., ::-1], axis=-1), 0)
    final = np.take_along_axis(values, last[..., None], axis=-1)[..., 0]
    final = np.where(valid.any(axis=-1), final, np.nan)
    dims = [d for d in da.dims if d != "time"]
    return xr.DataArray(final, dims=dims, coords={d: da.coords[d] for d in dims if d in da.coords})


def parse_select(items):
    out = {}
    for item in items:
        if "=" not in item:
            fail(f"--select {item}: write AXIS=VALUE")
        key, value = item.split("=", 1)
        try:
            out[key] = float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            out[key] = value
    return out


def label_of(ds, name, given):
    if given:
        return given
    key = ds[name].attrs.get("run_file_key") if name in ds.variables else None
    return f"{name} ({key})" if key else name


def curves_of(ds, y, x, curves, select):
    """[(curve value or None, x values, y values, y errors or None)]."""
    error = f"{y.name}_error" if f"{y.name}_error" in ds.variables and "time" not in ds[y.name].dims else None
    e = ds[error] if error else None
    if "point" in y.dims and x not in y.dims:  # zip: axes are variables over `point`
        keep = np.ones(ds.sizes["point"], dtype=bool)
        for key, value in select.items():
            if key == "mode":
                continue
            column = ds[key].values
            nearest = column.flat[np.argmin(np.abs(column - value))] if column.dtype.kind in "fi" else value
            keep &= column == nearest
        groups = [None] if not curves else list(dict.fromkeys(ds[curves].values[keep]))
        out = []
        for g in groups:
            rows = keep & (True if g is None else ds[curves].values == g)
            order = np.argsort(ds[x].values[rows])
            out.append((g, ds[x].values[rows][order], y.values[rows][order],
                        None if e is None else e.values[rows][order]))
        return out
    for key, value in select.items():
        if key not in y.dims:
            fail(f"--select {key}: not a dimension of {y.name} (dimensions: {', '.join(y.dims)})")
        method = "nearest" if np.asarray(value).dtype.kind in "fi" and y[key].dtype.kind in "fi" else None
        y = y.sel({key: value}, method=method)
        if e is not None and key in e.dims:
            e = e.sel({key: value}, method=method)
    extra = [d for d in y.dims if d not in (x, curves) and y.sizes[d] > 1]
    if extra:
        fail(f"{y.name} still varies along {', '.join(extra)}: fix it with --select {extra[0]}=VALUE")
    y = y.squeeze(drop=True)
    e = None if e is None else e.squeeze(drop=True)
    if x not in y.dims:
        fail(f"{x} is not an axis of {y.name} (dimensions: {', '.join(y.dims)})")
    groups = [None] if not curves else list(y[curves].values)
    out = []
    for g in groups:
        yy = y if g is None else y.sel({curves: g})
        ee = None if e is None else (e if g is None else e.sel({curves: g}))
        out.append((g, yy[x].values, yy.transpose(x).values, None if ee is None else ee.transpose(x).values))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results")
    parser.add_argument("--y", required=True, help="observable, fitted scalar or rate (a variable of the file)")
    parser.add_argument("--x", required=True, help="the axis along the horizontal")
    parser.add_argument("--curves", help="one curve per value of this axis")
    parser.add_argument("--select", action="append", default=[], help="AXIS=VALUE: fix another axis (repeatable)")
    parser.add_argument("--time", type=float, help="an observable's value at this output time (default: final)")
    parser.add_argument("--logx", action="store_true")
    parser.add_argument("--logy", action="store_true")
    parser.add_argument("--xlabel")
    parser.add_argument("--ylabel")
    parser.add_argument("--title")
    parser.add_argument("-o", "--output", required=True, help="the PNG (or PDF, SVG) to write")
    args = parser.parse_args()

    ds = xr.open_dataset(args.results, engine="h5netcdf")
    if args.y not in ds.variables:
        fail(f"no variable {args.y} in {args.results} (variables: {', '.join(ds.data_vars)})")
    for axis in [args.x] + ([args.curves] if args.curves else []):
        if axis not in ds.variables:
            fail(f"no axis {axis} in {args.results}")
    y = at_time(ds[args.y], args.time)
    y.name = args.y
    curves = curves_of(ds, y, args.x, args.curves, parse_select(args.select))

    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    for value, xs, ys, errors in curves:
        label = None if value is None else f"{args.curves} = {value}"
        if errors is not None and np.any(np.isfinite(errors)):
            ax.errorbar(xs, ys, yerr=errors, fmt="o-", ms=4, capsize=3, label=label)
        else:
            ax.plot(xs, ys, "o-", ms=4, label=label)
        print(f"{label or args.y}: x = {np.array2string(np.asarray(xs, dtype=float), precision=6)}")
        print(f"{' ' * len(label or args.y)}  y = {np.array2string(np.asarray(ys, dtype=float), precision=6)}")
    if args.logx:
        ax.set_xscale("log")
    if args.logy:
        ax.set_yscale("log")
    what = args.y if "time" not in ds[args.y].dims else (
        f"{args.y} at t = {float(y.coords['time']) if 'time' in y.coords else args.time:g}" if args.time is not None
        else f"final {args.y}")
    ax.set_xlabel(label_of(ds, args.x, args.xlabel))
    ax.set_ylabel(args.ylabel or what)
    ax.set_title(args.title or f"{what} against {args.x}")
    if args.curves:
        ax.legend()
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.output, dpi=120)
    print("wrote", args.output)


if __name__ == "__main__":
    main()
