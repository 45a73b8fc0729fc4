#!/usr/bin/python3
"""Benchmark: the dissipative transverse-field Ising chain, openspins (exact method, full
storage) against QuTiP 4.7.1 mesolve, side by side in one run (issue 16).

    /usr/bin/python3 bench/ising_chain_vs_qutip.py --build build                 # N = 4 … 10
    /usr/bin/python3 bench/ising_chain_vs_qutip.py --build build --sizes 6 8 --rows 6 8   # rerun rows

Model (the benchmark the QuantumToolbox.jl paper uses to compare QuTiP, QuantumToolbox.jl,
QuantumOptics.jl and dynamiqs): open chain of N spins,
    H      = h_z Σ_i σ^z_i + J_x Σ_i σ^x_i σ^x_{i+1},   h_z = 0.2, J_x = 1
    c_ops  = √γ σ^-_i, γ = 1
    ρ(0)   = all spins down (QuTiP's basis(2, 1); openspins kind = "all_down")
    ⟨H⟩ (and M_z) at 100 times on [0, 10] — openspins computes these and Tr ρ only, as QuTiP does
    (no default Jx … purity columns) — rtol 1e-6, atol 1e-8 (both); QuTiP's zvode (Adams) default,
    openspins its default integrator = "auto" (the report names the one it ran: "chebyshev", the
    exponential propagator, for full storage from 6 spins on; docs/methods/exact.md), and CVODE
    Adams (integrator = "adams") beside it for N ≤ --adams-up-to; the tight reference is Adams.
QuTiP conventions: sigmaz() = +1 on basis(2, 0) = |↑⟩, sigmam() = |↓⟩⟨↑| — openspins's
sz and sm are the same operators (bench/qutip_models.py). ⟨H⟩ does not depend on the spin
ordering.

Each run is its own process under /usr/bin/time -v (wall time around the child, peak RSS);
runs never overlap. QuTiP's process also times its Liouvillian build and its integration.
Accuracy: both solvers at the benchmark tolerances against openspins at rtol 1e-10,
atol 1e-12 (the tight reference, --tight-up-to N; on the product-order fused kernel, `kernel = "fused"`,
not the default Pauli one), and openspins against QuTiP directly.
Per RHS: rhs_seconds / rhs_calls from the metadata notes (time inside the kernel; with the
Chebyshev propagator most calls also take the recurrence's term in the kernel's last pass,
note rhs_fused_steps), the kernel's own streamed byte count, the nominal 3 × 8 B × 4^N, and the
fraction of the wall time outside the RHS. The right-hand side alone is timed by the kernel
microbenchmark (bench/exact_kernel_speed.cpp: apply() in a loop, min of 3 rounds) for N ≥ 8. A
NumPy c = a + b stream bandwidth is measured in the same run.

Writes bench/results/ising_chain.json (--rows merges the given sizes into the existing JSON)
and bench/results/ising_chain.md. Never edit the numbers there by hand: rerun this script.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import exact_vs_qutip as common  # noqa: E402  (timed, read_series, find_key, machine, stream_bandwidth)

QUTIP_PYTHON = "/usr/bin/python3"
MODEL = {"hz": 0.2, "jx": 1.0, "gamma": 1.0, "stop": 10.0, "points": 100}
BENCH_TOL = (1e-6, 1e-8)
TIGHT_TOL = (1e-10, 1e-12)
RESULTS = HERE / "results"


def hamiltonian_expr(n):
    m = MODEL
    terms = [f"{m['hz']!r}*sz({i})" for i in range(n)]
    terms += [f"{m['jx']!r}*sx({i})*sx({i + 1})" for i in range(n - 1)]
    return " + ".join(terms)


def run_file(n, rtol, atol, integrator="adams", kernel="auto"):
    """The chain as an openspins run file (docs/config.md); examples/ising_chain_n10.toml is N = 10."""
    m = MODEL
    expr = hamiltonian_expr(n)
    return f"""# Dissipative transverse-field Ising chain (bench/ising_chain_vs_qutip.py): N = {n}
#   H = h_z Σ σ^z_i + J_x Σ σ^x_i σ^x_(i+1) (open chain), h_z = {m['hz']}, J_x = {m['jx']}
#   local decay √γ σ^-_i, γ = {m['gamma']}; all spins down; ⟨H⟩ at {m['points']} times on [0, {m['stop']}]
title = "Ising chain N={n}"

[method]
name = "exact"
integrator = "{integrator}"
rtol = {rtol!r}
atol = {atol!r}
storage = "full"
kernel = "{kernel}"

[spins]
count = {n}

[[hamiltonian.term]]
name = "ising"
expr = "{expr}"

[[channel]]
kind = "emission"
rate = {m['gamma']!r}

[initial]
kind = "all_down"

[time]
stop = {m['stop']!r}
points = {m['points']}

[output]
plot = false
observables = ["trace"]

[output.custom]
H = "{expr}"
Mz = "{' + '.join(f'sz({i})' for i in range(n))}"
"""


QUTIP_CHILD = r"""
import json, sys, time
import numpy as np
import qutip
n, rtol, atol, hz, jx, gamma, stop, points = sys.argv[1:]
n, points = int(n), int(points)
rtol, atol, hz, jx, gamma, stop = map(float, (rtol, atol, hz, jx, gamma, stop))
t0 = time.perf_counter()
def op(o, i):
    f = [qutip.qeye(2)] * n
    f[i] = o
    return qutip.tensor(f)
sx = [op(qutip.sigmax(), i) for i in range(n)]
sz = [op(qutip.sigmaz(), i) for i in range(n)]
sm = [op(qutip.sigmam(), i) for i in range(n)]
H = hz * sum(sz) + jx * sum(sx[i] * sx[i + 1] for i in range(n - 1))
c_ops = [np.sqrt(gamma) * s for s in sm]
rho0 = qutip.ket2dm(qutip.tensor([qutip.basis(2, 1)] * n))
L = qutip.liouvillian(H, c_ops)
build = time.perf_counter() - t0
times = np.linspace(0.0, stop, points)
opts = qutip.Options(rtol=rtol, atol=atol, nsteps=10**7)
t1 = time.perf_counter()
res = qutip.mesolve(L, rho0, times, [], [H, sum(sz)], options=opts)
integrate = time.perf_counter() - t1
json.dump({"n": n, "build_seconds": build, "integrate_seconds": integrate, "liouvillian_nnz": int(L.data.nnz),
           "t": list(map(float, times)), "H": list(map(float, np.real(res.expect[0]))),
           "Mz": list(map(float, np.real(res.expect[1]))),
           "qutip": qutip.__version__}, sys.stdout)
"""


def run_qutip(n, rtol, atol, scratch):
    work = pathlib.Path(tempfile.mkdtemp(prefix=f"qt_ising_n{n}_", dir=scratch))
    m = MODEL
    cmd = [QUTIP_PYTHON, "-c", QUTIP_CHILD, str(n), repr(rtol), repr(atol), repr(m["hz"]), repr(m["jx"]),
           repr(m["gamma"]), repr(m["stop"]), str(m["points"])]
    load = os.getloadavg()
    stdout, _, fields = common.timed(cmd, work)
    shutil.rmtree(work, ignore_errors=True)
    data = json.loads(stdout)
    data.update({"solver": "qutip", "rtol": rtol, "atol": atol, "process": fields, "load_average": load})
    return data


def run_openspins(binary, n, rtol, atol, scratch, threads, kernel="auto", integrator="auto"):
    work = pathlib.Path(tempfile.mkdtemp(prefix=f"os_ising_n{n}_", dir=scratch))
    toml = work / "model.toml"
    toml.write_text(run_file(n, rtol, atol, integrator=integrator, kernel=kernel))
    out = work / "result"
    load = os.getloadavg()
    _, _, fields = common.timed([str(binary), "run", str(toml), "--output", str(out), "--force", "--quiet",
                                 "--threads", str(threads)], work)
    meta = json.loads((out / "metadata.json").read_text())
    t, h = common.read_series(out / "series.csv", "H")
    _, mz = common.read_series(out / "series.csv", "Mz")
    stats = common.find_key(meta, "stats") or common.find_key(meta, "statistics") or {}
    notes = common.find_key(meta, "notes") or {}
    shutil.rmtree(work, ignore_errors=True)
    rec = {"solver": "openspins", "n": n, "rtol": rtol, "atol": atol, "threads": threads, "kernel": kernel,
           "integrator": integrator,
           "process": fields, "load_average": load, "stats": stats, "notes": notes, "t": t, "H": h, "Mz": mz}
    calls = float(notes.get("rhs_calls", 0) or 0)
    if calls:
        per = float(notes["rhs_seconds"]) / calls
        rec["rhs_seconds_per_call"] = per
        if notes.get("rhs_cpu_seconds"):
            rec["rhs_cpu_seconds_per_call"] = float(notes["rhs_cpu_seconds"]) / calls
            cpu = fields.get("user_seconds", 0) + fields.get("system_seconds", 0)
            rec["rhs_fraction_of_cpu"] = float(notes["rhs_cpu_seconds"]) / cpu if cpu else None
        rec["rhs_fraction_of_wall"] = float(notes["rhs_seconds"]) / fields["wall_seconds"]
        nominal = 3 * 8 * 4 ** n
        rec["nominal_bytes_per_rhs"] = nominal
        rec["nominal_gb_per_s"] = nominal / per / 1e9
        if notes.get("rhs_streamed_bytes"):
            rec["streamed_bytes_per_rhs"] = int(notes["rhs_streamed_bytes"])
            rec["streamed_gb_per_s"] = int(notes["rhs_streamed_bytes"]) / per / 1e9
    return rec


# Calls per round of the kernel microbenchmark (three rounds; ~0.5–2 s in all on 2 cores).
KERNEL_CALLS = {8: 200, 9: 60, 10: 20, 11: 6, 12: 3}


def run_kernel_alone(build, n, threads):
    """The fused kernel's apply() alone (bench/exact_kernel_speed.cpp): min over 3 rounds of the wall
    ms per call, the state and its output on huge pages as the propagator's vectors."""
    binary = pathlib.Path(build) / "bench" / "openspins_kernel_speed"
    if not binary.exists() or n not in KERNEL_CALLS:
        return None
    env = dict(os.environ, ALIGN="huge", OMP_NUM_THREADS=str(threads))
    load = os.getloadavg()
    out = subprocess.run([str(binary), str(n), str(KERNEL_CALLS[n])], env=env, capture_output=True, text=True,
                         check=True).stdout
    nominal = 3 * 8 * 4 ** n
    result = {"calls_per_round": KERNEL_CALLS[n], "threads": threads, "load_average": load}
    # The kernel `kernel = "auto"` runs on this model (Pauli coordinates), and the product-order fused kernel.
    for kernel in ("pauli", "fused"):
        walls = [float(line.split()[4]) for line in out.splitlines() if line.split()[0] == kernel]
        if walls:
            per = min(walls) / 1e3
            result[kernel] = {"ms_per_call": per * 1e3, "nominal_gb_per_s": nominal / per / 1e9, "rounds": walls}
    return result


def max_diff(a, b, column="Mz"):
    if a is None or b is None or column not in a or column not in b:
        return None
    assert max(abs(x - y) for x, y in zip(a["t"], b["t"])) < 1e-9
    return max(abs(x - y) for x, y in zip(a[column], b[column]))


def fmt(x, spec):
    return "—" if x is None else format(x, spec)


def report(data):
    rows = sorted(data["rows"].values(), key=lambda r: r["n"])
    mach = data["machine"]
    lines = [
        "# Dissipative transverse-field Ising chain: openspins vs QuTiP 4.7.1",
        "",
        "Generated by `bench/ising_chain_vs_qutip.py` (do not edit; rerun it). Raw data:",
        "`bench/results/ising_chain.json`. Model and protocol: the script's docstring (issue 16):",
        "H = 0.2 Σσ^z_i + Σσ^x_iσ^x_{i+1} (open chain), √1·σ^-_i, all spins down, ⟨H⟩ at 100",
        "times on [0, 10], rtol 1e-6, atol 1e-8; QuTiP zvode (Adams), openspins `integrator = \"auto\"` (the",
        "'integrator' column: what it ran) — full storage, `kernel = \"auto\"`: the generator on Pauli",
        "coordinates (pauli_generator.hpp). The tight reference is openspins with CVODE Adams at rtol 1e-10,",
        "atol 1e-12 on the other full-storage kernel (`kernel = \"fused\"`, product order).",
        "",
        f"Machine: {mach.get('cpu_model')} ({mach.get('hypervisor', 'bare')} guest), {mach.get('cpus')} cores, "
        f"L2 {mach.get('l2')}, L3 {mach.get('l3')}, {mach.get('memory_gib')} GiB; QuTiP {mach.get('qutip')}, "
        f"NumPy {mach.get('numpy')}, SciPy {mach.get('scipy')}; openspins git {mach.get('git_revision')}, "
        f"OMP_WAIT_POLICY={mach.get('omp_wait_policy')}"
        f"{' (+ uncommitted changes)' if mach.get('git_worktree_modified') else ''}.",
        f"Stream bandwidth in this run (NumPy c = a + b, 256 MiB arrays, one core, 24 B per element): "
        f"{fmt(mach.get('numpy_add_gb_per_s'), '.1f')} GB/s.",
        "",
        "**Load.** The machine's 2 cores may be shared with other sessions (builds, tests, other",
        "benchmarks); the 1-minute load average at the start of each run is given. Timings above a",
        "load of 2 include waiting for a core and are upper bounds.",
        "",
        "Wall: elapsed time of the process; CPU: its user + system time (all threads). Under load the",
        "wall time includes waiting for a core, and the CPU columns are the fairer comparison; on a",
        "quiet machine (load < 2) the wall ratio is the speed-up a user sees, openspins on both cores.",
        "",
        "| N | integrator | openspins wall s | QuTiP wall s | wall ratio | openspins CPU s | QuTiP CPU s | CPU ratio | "
        "openspins peak MiB | QuTiP peak MiB | "
        "max \\|Δ⟨H⟩\\| os−qt | max \\|ΔM_z\\| os−qt | os vs tight | qt vs tight | load os / qt |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        os_ = r.get("openspins")
        qt = r.get("qutip")
        tight = r.get("openspins_tight")
        wall_os = os_["process"]["wall_seconds"] if os_ else None
        wall_qt = qt["process"]["wall_seconds"] if qt else None
        ratio = wall_qt / wall_os if wall_os and wall_qt else None

        def cpu(rec):
            return rec["process"].get("user_seconds", 0) + rec["process"].get("system_seconds", 0) if rec else None
        cpu_ratio = cpu(qt) / cpu(os_) if os_ and qt and cpu(os_) else None
        lines.append(
            f"| {r['n']} | {os_['notes'].get('integrator', '—') if os_ else '—'} | "
            f"{fmt(wall_os, '.2f')} | {fmt(wall_qt, '.2f')} | {fmt(ratio, '.1f')}× | "
            f"{fmt(cpu(os_), '.2f')} | {fmt(cpu(qt), '.2f')} | {fmt(cpu_ratio, '.1f')}× | "
            f"{fmt(os_ and os_['process'].get('peak_rss_kib', 0) / 1024, '.0f')} | "
            f"{fmt(qt and qt['process'].get('peak_rss_kib', 0) / 1024, '.0f')} | "
            f"{fmt(max_diff(os_, qt, 'H'), '.1e')} | {fmt(max_diff(os_, qt), '.1e')} | "
            f"{fmt(max_diff(os_, tight), '.1e')} | {fmt(max_diff(qt, tight), '.1e')} | "
            f"{fmt(os_ and os_['load_average'][0], '.1f')} / {fmt(qt and qt['load_average'][0], '.1f')} |")
    lines += [
        "",
        "**⟨H⟩ is a constant of this benchmark.** The adjoint dissipator gives D†[σ^z_i] = −(1 + σ^z_i)",
        "and D†[σ^x_i] = −½σ^x_i, so d⟨H⟩/dt = −γ(⟨H⟩ + h_z N) for any state, and from all spins down",
        "⟨H⟩(t) = −h_z N exactly (both solvers print it to ~1e-14). Agreement is therefore judged on",
        "M_z = Σ⟨σ^z_i⟩, which does move (columns 'os vs tight', 'qt vs tight': max over the 100 times",
        "of |ΔM_z| against openspins at rtol 1e-10, atol 1e-12). The relaxation law itself is a test",
        "(tests/method/exact/fused_full_generator_test.cpp, IsingChainEnergyRelaxesAsDerived).",
        "",
        "Per right-hand side (openspins, the benchmark run): time per call inside the kernel,",
        "the kernel's streamed bytes (its own count of what its passes read and write) and the",
        "nominal 3 × 8 B × 4^N (the packed Hermitian state read twice and written once), each as",
        "bytes/s; the share of the wall time spent outside the right-hand side (the propagator's",
        "vector operations, output conversions and observables, start-up). With the Chebyshev",
        "propagator the kernel also takes the recurrence's term in its last pass (the calls",
        "'fused' of the RHS calls): those calls' time includes that term's pass over four state",
        "vectors, so the per-call figures here overstate the right-hand side's own time; the table",
        "after this one times the right-hand side alone.",
        "",
        "| N | threads | RHS calls (fused) | steps | ms per RHS (wall) | CPU ms per RHS | streamed MB | "
        "streamed GB/s (wall) | nominal MB | nominal GB/s (wall) | wall outside RHS | CPU outside RHS | "
        "QuTiP build s / integrate s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        os_ = r.get("openspins")
        qt = r.get("qutip")
        if not os_ or "rhs_seconds_per_call" not in os_:
            continue
        st = os_["stats"]
        lines.append(
            f"| {r['n']} | {os_['threads']} | {os_['notes'].get('rhs_calls')} "
            f"({os_['notes'].get('rhs_fused_steps', 0)}) | {st.get('steps', '—')} | "
            f"{os_['rhs_seconds_per_call'] * 1e3:.2f} | {fmt(os_.get('rhs_cpu_seconds_per_call', 0) * 1e3, '.2f')} | "
            f"{fmt(os_.get('streamed_bytes_per_rhs', 0) / 1e6, '.1f')} | "
            f"{fmt(os_.get('streamed_gb_per_s'), '.1f')} | {os_['nominal_bytes_per_rhs'] / 1e6:.1f} | "
            f"{os_['nominal_gb_per_s']:.1f} | {100 * (1 - os_['rhs_fraction_of_wall']):.0f} % | "
            f"{fmt(os_.get('rhs_fraction_of_cpu') and 100 * (1 - os_['rhs_fraction_of_cpu']), '.0f')} % | "
            f"{fmt(qt and qt['build_seconds'], '.2f')} / {fmt(qt and qt['integrate_seconds'], '.2f')} |")
    alone = [r for r in rows if r.get("kernel_alone")]
    if alone:
        stream = mach.get("numpy_add_gb_per_s")
        lines += ["", "The right-hand side alone: apply() in a loop (bench/exact_kernel_speed.cpp, the Ising chain,",
                  "state and output on huge pages, min of 3 rounds, same run) — the generator on Pauli coordinates",
                  "that `kernel = \"auto\"` runs (pauli_generator.hpp) and the product-order fused kernel",
                  "(`kernel = \"fused\"`, fused_full_generator.hpp) — against the nominal 3 × 8 B × 4^N (4^N reals",
                  "read twice, written once) and this run's stream bandwidth (the issue's target: ≥ 50 %).", "",
                  "| N | threads | calls per round | Pauli ms per call (wall) | nominal GB/s | % of stream | "
                  "fused ms per call | nominal GB/s | % of stream | load |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for r in alone:
            k = r["kernel_alone"]
            cells = []
            for kernel in ("pauli", "fused"):
                x = k.get(kernel)
                share = 100 * x["nominal_gb_per_s"] / stream if x and stream else None
                cells.append(f"{fmt(x and x['ms_per_call'], '.2f')} | {fmt(x and x['nominal_gb_per_s'], '.1f')} | "
                             f"{fmt(share, '.0f')} %")
            lines.append(f"| {r['n']} | {k['threads']} | {k['calls_per_round']} | {cells[0]} | {cells[1]} | "
                         f"{k['load_average'][0]:.1f} |")
    adams = [r for r in rows if r.get("openspins_adams")]
    if adams:
        lines += ["", "The same openspins runs with CVODE Adams (`integrator = \"adams\"`, the default before the",
                  "Chebyshev propagator) in the same session: the ratio is Adams's time over the default's.", "",
                  "| N | default | Adams wall s | Adams CPU s | steps | RHS | default wall s | default CPU s | steps | RHS | "
                  "wall ratio | CPU ratio | Adams vs tight | default vs tight | load Adams / default |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in adams:
            a, d = r["openspins_adams"], r["openspins"]

            def cpu_of(rec):
                return rec["process"].get("user_seconds", 0) + rec["process"].get("system_seconds", 0)
            lines.append(
                f"| {r['n']} | {d['notes'].get('integrator')} | {a['process']['wall_seconds']:.2f} | {cpu_of(a):.2f} | "
                f"{a['stats'].get('steps')} | {a['notes'].get('rhs_calls')} | {d['process']['wall_seconds']:.2f} | "
                f"{cpu_of(d):.2f} | {d['stats'].get('steps')} | {d['notes'].get('rhs_calls')} | "
                f"{a['process']['wall_seconds'] / d['process']['wall_seconds']:.1f}× | "
                f"{fmt(cpu_of(a) / cpu_of(d) if cpu_of(d) else None, '.1f')}× | "
                f"{fmt(max_diff(a, r.get('openspins_tight')), '.1e')} | {fmt(max_diff(d, r.get('openspins_tight')), '.1e')} | "
                f"{a['load_average'][0]:.1f} / {d['load_average'][0]:.1f} |")
    extra = [r for r in rows if r.get("openspins_blocks") or r.get("openspins_1thread") or r.get("openspins_fused")]
    if extra:
        lines += ["", "Same run, other openspins settings (wall s; ms per RHS; CPU in parentheses; the last column",
                  "also gives its RHS calls and max |ΔM_z| against the tight reference):", "",
                  "| N | default (Pauli), all threads | default, 1 thread | product-order fused kernel "
                  "(`kernel = \"fused\"`), all threads | block kernel (`kernel = \"blocks\"`), all threads | "
                  "explicit RK (`integrator = \"erk\"`), all threads |",
                  "|---|---|---|---|---|---|"]
        for r in extra:
            def cell(rec):
                if not rec:
                    return "—"
                cpu = rec["process"].get("user_seconds", 0) + rec["process"].get("system_seconds", 0)
                return (f"{rec['process']['wall_seconds']:.2f} s (CPU {cpu:.2f} s); "
                        f"{rec.get('rhs_seconds_per_call', 0) * 1e3:.2f} ms (CPU {rec.get('rhs_cpu_seconds_per_call', 0) * 1e3:.2f} ms)")
            erk = r.get("openspins_erk")
            erk_extra = (f"; {erk['notes'].get('rhs_calls')} RHS; ΔM_z {fmt(max_diff(erk, r.get('openspins_tight')), '.1e')}"
                         if erk else "")
            fused = r.get("openspins_fused")
            fused_extra = f"; ΔM_z {fmt(max_diff(fused, r.get('openspins_tight')), '.1e')}" if fused else ""
            lines.append(f"| {r['n']} | {cell(r.get('openspins'))} | {cell(r.get('openspins_1thread'))} | "
                         f"{cell(fused)}{fused_extra} | {cell(r.get('openspins_blocks'))} | {cell(erk)}{erk_extra} |")
    same = [r["n"] for r in rows if r.get("bit_identical_1_vs_threads")]
    differ = [r["n"] for r in rows if r.get("bit_identical_1_vs_threads") is False]
    lines += ["", f"Bit-identical ⟨H⟩(t) and M_z(t) with 1 and {data.get('threads', 2)} threads: N = {same or '—'}"
              f"{'; differing: N = ' + str(differ) if differ else ''}."]
    lines += ["", f"Runs: {data.get('date_first')} … {data.get('date_last')} (UTC)."]
    if data.get("qutip_reused_from"):
        lines += ["", f"**QuTiP's runs and the tight references were not rerun** (`--reuse-qutip`): they are the ones",
                  f"recorded {data['qutip_reused_from']} (UTC), at the loads their column gives."]
        older = [r["n"] for r in rows if r["n"] not in data.get("sizes_last_run", [r["n"]])]
        if older:
            lines += [f"The openspins rows N = {older} are kept from that run as well (not rerun)."]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 5, 6, 7, 8, 9, 10])
    parser.add_argument("--rows", action="store_true", help="merge these sizes into the existing JSON")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--tight-up-to", type=int, default=8)
    parser.add_argument("--compare-up-to", type=int, default=8,
                        help="also run 1 thread and the block kernel for N ≤ this")
    parser.add_argument("--skip-qutip-above", type=int, default=10)
    parser.add_argument("--adams-up-to", type=int, default=10,
                        help="also run openspins with CVODE Adams for N ≤ this (the default before chebyshev)")
    parser.add_argument("--reuse-qutip", action="store_true",
                        help="keep QuTiP's runs and the tight references of the existing JSON (a quicker rerun of "
                             "openspins only; the report states their dates and loads as recorded)")
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    # Idle OpenMP threads sleep instead of spinning: on this machine, shared by several
    # sessions, a spinning thread takes the core the other thread waits for (measured at
    # N = 8: 76 s with spinning, 5 s without). Set OMP_WAIT_POLICY=active on a dedicated machine.
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    RESULTS.mkdir(exist_ok=True)
    json_path = RESULTS / "ising_chain.json"
    keep = args.rows or args.report_only or args.reuse_qutip
    data = json.loads(json_path.read_text()) if keep and json_path.exists() else {}
    data.setdefault("rows", {})
    if not args.report_only:
        scratch = tempfile.mkdtemp(prefix="ising_bench_")
        binary = pathlib.Path(scratch) / "openspins"
        shutil.copy2(pathlib.Path(args.build) / "openspins", binary)
        data["machine"] = common.machine()
        data["machine"]["omp_wait_policy"] = os.environ["OMP_WAIT_POLICY"]
        data["threads"] = args.threads
        now = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
        if args.reuse_qutip:
            # Where QuTiP's runs come from: the first run that made them (kept over repeated reuses).
            data.setdefault("qutip_reused_from", f"{data.get('date_first')} … {data.get('date_last')}")
            data["date_first"] = now
        else:
            data.pop("qutip_reused_from", None)
        data["sizes_last_run"] = args.sizes
        data.setdefault("date_first", now)
        for n in args.sizes:
            row = {"n": n}
            old = data["rows"].get(str(n), {})
            print(f"N = {n}: openspins", file=sys.stderr, flush=True)
            row["openspins"] = run_openspins(binary, n, *BENCH_TOL, scratch, args.threads)
            alone = run_kernel_alone(args.build, n, args.threads)
            if alone:
                row["kernel_alone"] = alone
            if n <= args.adams_up_to:
                print(f"N = {n}: openspins adams", file=sys.stderr, flush=True)
                row["openspins_adams"] = run_openspins(binary, n, *BENCH_TOL, scratch, args.threads, integrator="adams")
            if args.reuse_qutip and old.get("qutip"):
                row["qutip"] = old["qutip"]
                row["qutip"]["reused"] = True
            elif n <= args.skip_qutip_above:
                print(f"N = {n}: qutip", file=sys.stderr, flush=True)
                row["qutip"] = run_qutip(n, *BENCH_TOL, scratch)
            if args.reuse_qutip and old.get("openspins_tight"):
                row["openspins_tight"] = old["openspins_tight"]
            elif n <= args.tight_up_to:
                row["openspins_tight"] = run_openspins(binary, n, *TIGHT_TOL, scratch, args.threads, kernel="fused",
                                                      integrator="adams")
            print(f"N = {n}: openspins fused kernel", file=sys.stderr, flush=True)
            row["openspins_fused"] = run_openspins(binary, n, *BENCH_TOL, scratch, args.threads, kernel="fused")
            if n <= args.compare_up_to:
                print(f"N = {n}: openspins 1 thread, block kernel", file=sys.stderr, flush=True)
                row["openspins_1thread"] = run_openspins(binary, n, *BENCH_TOL, scratch, 1)
                row["openspins_blocks"] = run_openspins(binary, n, *BENCH_TOL, scratch, args.threads, "blocks")
                row["openspins_erk"] = run_openspins(binary, n, *BENCH_TOL, scratch, args.threads, integrator="erk")
                # The same answer whatever the thread count (docs/methods/exact.md).
                row["bit_identical_1_vs_threads"] = (row["openspins_1thread"]["Mz"] == row["openspins"]["Mz"]
                                                     and row["openspins_1thread"]["H"] == row["openspins"]["H"])
            data["rows"][str(n)] = row
            data["date_last"] = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
            json_path.write_text(json.dumps(data, indent=1))
        shutil.rmtree(scratch, ignore_errors=True)
    (RESULTS / "ising_chain.md").write_text(report(data))
    print((RESULTS / "ising_chain.md").read_text())


if __name__ == "__main__":
    main()
