#!/usr/bin/python3
"""Sweep results read back from Python (docs/sweeps.md).

  --mode docs: runs tests/sweep/grid.toml, then the loading snippet of docs/sweeps.md
               (xarray, engine h5netcdf) on its file, and checks what it loaded against the
               closed form <Jz>(1) = N (e^{-rate} - 1/2) (integrator tolerance: 1e-6).
  --mode mpi:  the same sweep serially and under `mpirun -n 3` (and --jobs 2): every
               variable of the HDF5 files equal to the last bit, except the timings
               (wall_seconds, metadata).
Exit 77 (skipped) when h5py/xarray or mpirun are missing.
"""
import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, cwd, env=None):
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def prepare(tmp):
    for name in ("t1_base.toml", "grid.toml"):
        shutil.copy(os.path.join(HERE, name), tmp)


def docs_snippet(docs):
    text = open(docs, encoding="utf-8").read()
    match = re.search(r"<!-- snippet: load -->\s*```python\n(.*?)```", text, re.S)
    if not match:
        sys.exit(f"no loading snippet in {docs}")
    return match.group(1)


def check_docs(cli, docs, tmp):
    try:
        import xarray  # noqa: F401
        import h5netcdf  # noqa: F401
    except ImportError as e:
        print(f"skipped: {e}")
        return 77
    prepare(tmp)
    run([cli, "sweep", "grid.toml", "--quiet", "--output", "grid.h5"], tmp)
    scope = {"path": os.path.join(tmp, "grid.h5")}
    exec(compile(docs_snippet(docs), "docs/sweeps.md snippet", "exec"), scope)
    ds, final_jz, curve = scope["ds"], scope["final_jz"], scope["curve"]
    assert dict(ds.sizes) == {"rate": 3, "spins_count": 2, "time": 11}, dict(ds.sizes)
    for rate in ds["rate"].values:
        for n in ds["spins_count"].values:
            expected = n * (math.exp(-rate) - 0.5)
            got = float(final_jz.sel(rate=rate, spins_count=n))
            assert abs(got - expected) < 1e-6, (rate, n, got, expected)
    assert abs(curve.values[-1] - 2 * (math.exp(-1.0) - 0.5)) < 1e-6
    assert list(ds["time"].values) == [k / 10 for k in range(11)] or abs(ds["time"].values[-1] - 1.0) < 1e-15
    assert all(s == "ok" for s in ds["status"].values.ravel())
    assert "[spins]" in str(ds["run_file"].values[0, 1]) and "count = 2" in str(ds["run_file"].values[0, 1])
    # openspins run with [output] format = "hdf5": series.h5 holds series.csv's numbers.
    run_text = open(os.path.join(tmp, "t1_base.toml"), encoding="utf-8").read() + 'format = "hdf5"\n'
    open(os.path.join(tmp, "one.toml"), "w", encoding="utf-8").write(run_text)
    run([cli, "run", "one.toml", "--quiet", "--output", "one"], tmp)
    one = xarray.open_dataset(os.path.join(tmp, "one", "series.h5"), engine="h5netcdf")
    rows = [line.split(",") for line in open(os.path.join(tmp, "one", "series.csv")).read().split()[1:]]
    assert [float(r[0]) for r in rows] == list(one["time"].values)
    assert [float(r[2]) for r in rows] == list(one["Jz"].values), (rows, one["Jz"].values)
    assert str(one["status"].values) == "ok"
    print("docs snippet: ok")
    return 0


def same_files(a, b):
    import h5py
    import numpy as np
    with h5py.File(a, "r") as fa, h5py.File(b, "r") as fb:
        assert sorted(fa.keys()) == sorted(fb.keys()), (sorted(fa.keys()), sorted(fb.keys()))
        for name in fa.keys():
            if name in ("wall_seconds", "metadata"):
                continue
            x, y = fa[name][...], fb[name][...]
            assert x.shape == y.shape and x.dtype == y.dtype, name
            if x.dtype.kind == "f":  # to the last bit, NaN included
                assert np.array_equal(x.view(np.uint64), y.view(np.uint64)), name
            else:
                assert np.array_equal(x, y), name
        for key in ("sweep_text", "sweep_mode", "run_source"):
            assert fa.attrs[key] == fb.attrs[key], key


def check_mpi(cli, tmp):
    try:
        import h5py  # noqa: F401
    except ImportError as e:
        print(f"skipped: {e}")
        return 77
    mpirun = shutil.which("mpirun")
    if not mpirun:
        print("skipped: no mpirun")
        return 77
    prepare(tmp)
    run([cli, "sweep", "grid.toml", "--quiet", "--output", "serial.h5"], tmp)
    env = dict(os.environ, OMPI_MCA_rmaps_base_oversubscribe="1")
    # Under `make sanitize`: OpenMPI's own allocations (MCA components, unloaded at MPI_Finalize,
    # so LeakSanitizer cannot even name them) are never freed; leak checking stays on for the
    # serial and --jobs runs of the same sweep, which run all of openspins' code.
    if "ASAN_OPTIONS" in env:
        env["ASAN_OPTIONS"] += ":detect_leaks=0"
    done = run([mpirun, "--allow-run-as-root", "--oversubscribe", "-n", "3", cli, "sweep", "grid.toml", "--output",
                "mpi.h5"], tmp, env)
    assert "sweep: 6/6 points" in done.stderr, done.stderr
    run([cli, "sweep", "grid.toml", "--quiet", "--jobs", "2", "--output", "jobs.h5"], tmp)
    same_files(os.path.join(tmp, "serial.h5"), os.path.join(tmp, "mpi.h5"))
    same_files(os.path.join(tmp, "serial.h5"), os.path.join(tmp, "jobs.h5"))
    print("serial, mpirun -n 3 and --jobs 2: identical")
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--docs", default=os.path.join(HERE, "..", "..", "docs", "sweeps.md"))
    parser.add_argument("--mode", choices=["docs", "mpi"], required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openspins_sweep_") as tmp:
        return check_docs(args.cli, args.docs, tmp) if args.mode == "docs" else check_mpi(args.cli, tmp)


if __name__ == "__main__":
    sys.exit(main())
