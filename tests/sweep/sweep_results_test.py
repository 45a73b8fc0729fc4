#!/usr/bin/python3
"""Sweep results read back from Python (docs/sweeps.md).

  --mode docs: runs tests/sweep/grid.toml, then the loading snippet of docs/sweeps.md
               (xarray, engine h5netcdf) on its file, and checks what it loaded against the
               closed form <Jz>(1) = N (e^{-rate} - 1/2) (integrator tolerance: 1e-6); and an
               axis of Bloch vectors (array values); scripts/sweep_plot.py on the results.
  --mode mpi:  tests/sweep/grid.toml and fits.toml (fitted T1/T2 and [rates] modes) serially,
               under `mpirun -n 2` and `mpirun -n 4` (--oversubscribe: the CI has two cores) and
               with --jobs 2: every variable of the HDF5 files equal to the last bit, except
               the timings (wall_seconds, metadata).
  --mode array: fits.toml as three --point-range jobs (one of them under mpirun -n 2), then
               `openspins sweep merge`: the merged file equal to the full sweep's (same rule),
               its CSV too (but wall_seconds); a missing part is refused.
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
    for name in ("t1_base.toml", "grid.toml", "fits.toml"):
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
    check_array_axis(cli, tmp)
    check_plot(cli, tmp)
    print("docs snippet: ok")
    return 0


def check_array_axis(cli, tmp):
    """An axis whose values are arrays (Bloch vectors): each point's run file gets the array, the
    file holds the TOML text as the coordinate and the numbers in <name>_components, and
    <Jz>(t) = (-1 + (1 + b_z) e^{-rate t})/2 for one spin decaying from Bloch vector b."""
    import xarray
    sweep = ('[sweep]\nrun = "t1_base.toml"\noutput = "bloch.h5"\n[[axis]]\nkey = "initial.bloch"\nname = "bloch"\n'
             'values = [[0, 0, 1], [1, 0, 0], [0.6, 0, -0.8]]\n[[axis]]\nkey = "initial.kind"\nvalues = ["product"]\n')
    open(os.path.join(tmp, "bloch.toml"), "w", encoding="utf-8").write(sweep)
    run([cli, "sweep", "bloch.toml", "--quiet"], tmp)
    ds = xarray.open_dataset(os.path.join(tmp, "bloch.h5"), engine="h5netcdf")
    assert list(ds["bloch"].values) == ["[0.0, 0.0, 1.0]", "[1.0, 0.0, 0.0]", "[0.6, 0.0, -0.8]"], ds["bloch"].values
    assert ds["bloch_components"].dims == ("bloch", "bloch_component")
    assert ds["bloch_components"].values.tolist() == [[0, 0, 1], [1, 0, 0], [0.6, 0, -0.8]]
    for k, bz in enumerate((1.0, 0.0, -0.8)):
        got = float(ds["Jz"].isel(bloch=k, initial_kind=0, time=-1))
        expected = (-1 + (1 + bz) * math.exp(-0.5)) / 2
        assert abs(got - expected) < 1e-6, (k, got, expected)
    csv = open(os.path.join(tmp, "bloch.csv"), encoding="utf-8").read().splitlines()
    assert csv[2].startswith('1,"[1.0, 0.0, 0.0]",product,ok,'), csv[2]
    assert 'initial.bloch=[0.6, 0.0, -0.8]' in str(ds["metadata"].values[2, 0])


def check_plot(cli, tmp):
    """scripts/sweep_plot.py on grid.h5: final Jz against the rate, one curve per N (the numbers it
    prints are the closed form's), and a fitted T1 with error bars from fits.toml."""
    script = os.path.join(HERE, "..", "..", "scripts", "sweep_plot.py")
    done = run([sys.executable, script, "grid.h5", "--y", "Jz", "--x", "rate", "--curves", "spins_count",
                "-o", "jz.png"], tmp)
    assert os.path.getsize(os.path.join(tmp, "jz.png")) > 1000 and "spins_count = 2" in done.stdout, done.stdout
    assert re.search(r"-0\.55374\s*\]", done.stdout), done.stdout  # N = 2, rate 1.5: 2 (e^{-1.5} - 1/2) = -0.553740
    run([cli, "sweep", "fits.toml", "--quiet", "--force", "--output", "fits_plot.h5"], tmp)
    done = run([sys.executable, script, "fits_plot.h5", "--y", "T1", "--x", "rate", "--select", "N=1", "-o", "t1.png"],
               tmp)
    assert "y = [4. 2. 1.]" in done.stdout, done.stdout


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


def mpi_env():
    env = dict(os.environ, OMPI_MCA_rmaps_base_oversubscribe="1")
    # Under `make sanitize`: OpenMPI's own allocations (MCA components, unloaded at MPI_Finalize,
    # so LeakSanitizer cannot even name them) are never freed; leak checking stays on for the
    # serial and --jobs runs of the same sweep, which run all of openspins' code.
    if "ASAN_OPTIONS" in env:
        env["ASAN_OPTIONS"] += ":detect_leaks=0"
    return env


def mpirun(cli, ranks, args, tmp):
    cmd = [shutil.which("mpirun"), "--allow-run-as-root", "--oversubscribe", "-n", str(ranks), cli] + args
    return run(cmd, tmp, mpi_env())


def needs(modules, programs=()):
    """The reason to skip (a missing module or program), else None."""
    for module in modules:
        try:
            __import__(module)
        except ImportError as e:
            return str(e)
    for program in programs:
        if not shutil.which(program):
            return f"no {program}"
    return None


def check_mpi(cli, tmp):
    missing = needs(["h5py"], ["mpirun"])
    if missing:
        print(f"skipped: {missing}")
        return 77
    prepare(tmp)
    for sweep, points in (("grid", 6), ("fits", 6)):
        run([cli, "sweep", f"{sweep}.toml", "--quiet", "--output", f"{sweep}_serial.h5"], tmp)
        for ranks in (2, 4):
            done = mpirun(cli, ranks, ["sweep", f"{sweep}.toml", "--output", f"{sweep}_mpi{ranks}.h5"], tmp)
            assert f"sweep: {points}/{points} points" in done.stderr, done.stderr
            same_files(os.path.join(tmp, f"{sweep}_serial.h5"), os.path.join(tmp, f"{sweep}_mpi{ranks}.h5"))
        run([cli, "sweep", f"{sweep}.toml", "--quiet", "--jobs", "2", "--output", f"{sweep}_jobs.h5"], tmp)
        same_files(os.path.join(tmp, f"{sweep}_serial.h5"), os.path.join(tmp, f"{sweep}_jobs.h5"))
    print("grid.toml and fits.toml: serial, mpirun -n 2, mpirun -n 4 and --jobs 2 identical")
    return 0


def csv_without_timing(path):
    rows = [line.split(",") for line in open(path, encoding="utf-8").read().splitlines()]
    column = rows[0].index("wall_seconds")
    return [r[:column] + r[column + 1:] for r in rows]


def check_array(cli, tmp):
    missing = needs(["h5py"])
    if missing:
        print(f"skipped: {missing}")
        return 77
    prepare(tmp)
    run([cli, "sweep", "fits.toml", "--quiet", "--output", "full.h5"], tmp)
    # Three jobs of an array; the last range runs past the end (clamped), one job uses MPI.
    run([cli, "sweep", "fits.toml", "--quiet", "--point-range", "0:2"], tmp)
    done = run([cli, "sweep", "fits.toml", "--point-range", "4:100"], tmp)
    assert "wrote out/fits.part-4-6.h5 (points 4 to 5 of 6)" in done.stdout, done.stdout
    # Without the middle part the merge is refused (exit 2), naming the missing points.
    refused = subprocess.run([cli, "sweep", "merge", "fits.toml"], cwd=tmp, capture_output=True, text=True)
    assert refused.returncode == 2 and "2 of 6 points are in none of the parts (the first: 2, 3)" in refused.stderr, (
        refused.returncode, refused.stderr)
    if shutil.which("mpirun"):
        mpirun(cli, 2, ["sweep", "fits.toml", "--quiet", "--point-range", "2:4"], tmp)
    else:
        run([cli, "sweep", "fits.toml", "--quiet", "--point-range", "2:4"], tmp)
    parts = sorted(os.listdir(os.path.join(tmp, "out")))
    assert parts == ["fits.part-0-2.h5", "fits.part-2-4.h5", "fits.part-4-6.h5"], parts
    run([cli, "sweep", "merge", "fits.toml", "--quiet"], tmp)
    same_files(os.path.join(tmp, "full.h5"), os.path.join(tmp, "out", "fits.h5"))
    assert csv_without_timing(os.path.join(tmp, "full.csv")) == csv_without_timing(os.path.join(tmp, "out", "fits.csv"))
    # The documented SLURM array script, its three tasks run here with SLURM_ARRAY_TASK_ID set.
    for part in parts:
        os.remove(os.path.join(tmp, "out", part))
    script = os.path.join(HERE, "..", "..", "examples", "slurm", "sweep_array.sbatch")
    for task in range(3):
        run(["bash", script, "fits.toml", "2"], tmp, dict(os.environ, SLURM_ARRAY_TASK_ID=str(task), OPENSPINS=cli))
    os.remove(os.path.join(tmp, "out", "fits.h5"))
    run([cli, "sweep", "merge", "fits.toml", "--quiet"], tmp)
    same_files(os.path.join(tmp, "full.h5"), os.path.join(tmp, "out", "fits.h5"))
    print("fits.toml as three --point-range parts, merged: identical to the full sweep (also via sweep_array.sbatch)")
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--docs", default=os.path.join(HERE, "..", "..", "docs", "sweeps.md"))
    parser.add_argument("--mode", choices=["docs", "mpi", "array"], required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openspins_sweep_") as tmp:
        if args.mode == "docs":
            return check_docs(args.cli, args.docs, tmp)
        return check_mpi(args.cli, tmp) if args.mode == "mpi" else check_array(args.cli, tmp)


if __name__ == "__main__":
    sys.exit(main())
