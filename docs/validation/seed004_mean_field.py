#!/usr/bin/python3
"""Seed 004 (Merkli & Rafiyi) for one mode: the library's formulas against exact finite-N numbers.

    /usr/bin/python3 docs/validation/seed004_mean_field.py [--build build] [--quick]

Writes docs/validation/seed004_*.png and docs/validation/seed004_mean_field_numbers.json (every number
quoted in seed004_mean_field.md). The seed's formulas are evaluated by the library, through
build/seed004_formulas (apps/seed004_formulas/main.cpp); this script only computes the references:

  * exact finite N: QuTiP 4.7.1 sesolve on the j = N/2 block (qutip.jmat) ⊗ the mode truncated at n_max,
    for spins starting in a symmetric product state (all down, all up, all |+x⟩); rtol 1e-9, atol 1e-11;
    the smallest and largest N of every case are rerun with n_max + 5 and the largest change is recorded
    ("truncation");
  * exact finite N for μ_S = ½𝟙 (p = ½, a mixed state): ρ_S^{⊗N} = 2^{−N}𝟙 = ⊕_j d_j 𝟙_{2j+1}/2^N, every
    j block evolved exactly by diagonalising its Hamiltonian (numpy eigh), d_j the multiplicities
    (N ≤ 50 at λ = 0.1, ≤ 20 at λ = 0.3, 0.5);
  * the exact N → ∞ limit, independently: the quantum fluctuation (Holstein–Primakoff) limit, in which
    S^± = N^{−1/2}Σσ^±_j become a boson with [S⁻, S⁺] → −⟨σ^z⟩ = 1 − 2p, and the linear Heisenberg
    equations da/dt = −iωa − iλg/√2 (S⁻ + S⁺), dS⁻/dt = −iω₀S⁻ + iλ(2p − 1) g(a + a†)/√2 are solved by a
    4×4 matrix exponential with ⟨S⁺S⁻⟩ = p, ⟨S⁻S⁺⟩ = 1 − p (derived in seed004_mean_field.md).

Model (seed eq. 1.2, one mode): H_N = Σ(ω₀/2)σ^z_j + ω a†a + (λ/√N)Σ G_j ⊗ g(a + a†)/√2, ω₀ = 1, ω = 0.7,
g = 1 (energy-conserving part: ω = 1.3).
"""
import argparse
import hashlib
import json
import pathlib
import subprocess
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import qutip  # noqa: E402
import scipy.linalg  # noqa: E402
from scipy.special import comb  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OMEGA0, OMEGA, G_FORM = 1.0, 0.7, 1.0
RTOL, ATOL = 1e-9, 1e-11
NUMBERS = {}


# ---------------------------------------------------------------- the library's formulas
def formulas(build, **params):
    params.setdefault("omega0", OMEGA0)
    params.setdefault("omega", OMEGA)
    params.setdefault("g", G_FORM)
    params["times"] = [float(t) for t in params["times"]]
    out = subprocess.run([str(build / "seed004_formulas")], input=json.dumps(params), capture_output=True,
                         text=True, check=True)
    data = json.loads(out.stdout)
    return {k: np.array(v) if k != "skipped" else v for k, v in data.items()}


# ---------------------------------------------------------------- exact finite N (QuTiP)
CACHE = None  # a directory for finished exact runs (--cache), so a rerun only redraws


def cached(kind):
    """Memoise an exact run on disk under CACHE, keyed by its arguments."""
    def wrap(f):
        def inner(*args, **kwargs):
            if CACHE is None:
                return f(*args, **kwargs)
            key = repr((kind, [a if not isinstance(a, np.ndarray) else (float(a[0]), float(a[-1]), len(a))
                               for a in args], sorted(kwargs.items())))
            path = CACHE / (hashlib.sha1(key.encode()).hexdigest() + ".npz")
            if path.exists():
                data = dict(np.load(path))
                return data["value"] if "value" in data else data
            value = f(*args, **kwargs)
            if isinstance(value, dict):
                np.savez(path, **value)
            else:
                np.savez(path, value=value)
            return value
        return inner
    return wrap


@cached("symmetric")
def exact_symmetric(n, coupling, spins, lam, times, n_max, alpha=0.0, omega=OMEGA):
    j = n / 2
    ds, dm = n + 1, n_max + 1
    a = qutip.tensor(qutip.qeye(ds), qutip.destroy(dm))
    Jz = qutip.tensor(qutip.jmat(j, "z"), qutip.qeye(dm))
    Jx = qutip.tensor(qutip.jmat(j, "x"), qutip.qeye(dm))
    G = 2 * (Jx if coupling == "x" else Jz)
    H = OMEGA0 * Jz + omega * a.dag() * a + lam / np.sqrt(n) * G * (G_FORM * (a + a.dag()) / np.sqrt(2))
    if spins == "down":
        spin = qutip.basis(ds, ds - 1)
    elif spins == "up":
        spin = qutip.basis(ds, 0)
    else:  # all |+x⟩: rotate all up by −π/2 about y
        spin = (-1j * np.pi / 2 * qutip.jmat(j, "y")).expm() * qutip.basis(ds, 0)
    psi0 = qutip.tensor(spin, qutip.coherent(dm, alpha) if alpha != 0 else qutip.basis(dm, 0))
    p0 = qutip.tensor(qutip.qeye(ds), qutip.fock_dm(dm, 0))
    res = qutip.sesolve(H, psi0, times, [a.dag() * a, 2 * Jx / n, 2 * Jz / n, p0],
                        options=qutip.Options(rtol=RTOL, atol=ATOL, nsteps=10 ** 6))
    return {"n": np.real(res.expect[0]), "sx": np.real(res.expect[1]), "sz": np.real(res.expect[2]),
            "p0": np.real(res.expect[3])}


def exact_with_check(n, coupling, spins, lam, times, n_max, alpha=0.0, omega=OMEGA, check=True):
    """exact_symmetric, and (check) the largest change of any column when n_max grows by 5."""
    base = exact_symmetric(n, coupling, spins, lam, times, n_max, alpha, omega)
    base["truncation"] = None
    if check:
        more = exact_symmetric(n, coupling, spins, lam, times, n_max + 5, alpha, omega)
        base["truncation"] = max(float(np.max(np.abs(more[k] - base[k]))) for k in ("n", "sx", "sz", "p0"))
    return base


@cached("infinite_temperature")
def exact_infinite_temperature(n, lam, times, n_max):
    """⟨a†a⟩ for μ_S = ½𝟙 (p = ½) and the vacuum: every j block, weight d_j (2j+1)/2^N."""
    total = np.zeros(len(times))
    dm = n_max + 1
    j = n / 2
    while j >= 0:
        k = int(round(n / 2 - j))
        mult = comb(n, k, exact=True) - (comb(n, k - 1, exact=True) if k > 0 else 0)
        ds = int(round(2 * j + 1))
        a = np.kron(np.eye(ds), qutip.destroy(dm).full())
        jz = np.kron(qutip.jmat(j, "z").full() if j > 0 else np.zeros((1, 1)), np.eye(dm))
        jx = np.kron(qutip.jmat(j, "x").full() if j > 0 else np.zeros((1, 1)), np.eye(dm))
        H = OMEGA0 * jz + OMEGA * a.conj().T @ a + lam / np.sqrt(n) * 2 * jx @ (G_FORM * (a + a.conj().T) / np.sqrt(2))
        e, v = np.linalg.eigh(H)
        cols = [m * dm for m in range(ds)]  # |m⟩ ⊗ |0⟩
        start = v.conj().T[:, cols]
        photons = np.tile(np.arange(dm), ds)  # a†a is diagonal: |m⟩ ⊗ |k⟩ has k photons
        for i, t in enumerate(times):
            psi = v @ (np.exp(-1j * e * t)[:, None] * start)
            total[i] += mult / 2.0 ** n * float(np.sum(photons[:, None] * np.abs(psi) ** 2))
        j -= 1
    return total


# ---------------------------------------------------------------- exact N → ∞ (fluctuation limit)
def fluctuation_limit(lam, p, times, alpha=0.0, omega=OMEGA):
    """⟨a†a⟩ and F = ⟨S⁻ + S⁺⟩ = lim ⟨Σσ^x⟩/√N in the N → ∞ quantum fluctuation limit."""
    zeta, c = 2 * p - 1, lam * G_FORM / np.sqrt(2)
    L = np.zeros((4, 4), complex)  # v = (a, a†, S⁻, S⁺), dv/dt = L v
    L[0] = [-1j * omega, 0, -1j * c, -1j * c]
    L[1] = [0, 1j * omega, 1j * c, 1j * c]
    L[2] = [1j * zeta * c, 1j * zeta * c, -1j * OMEGA0, 0]
    L[3] = [-1j * zeta * c, -1j * zeta * c, 0, 1j * OMEGA0]
    mean0 = np.array([alpha, np.conj(alpha), 0, 0])
    C = np.zeros((4, 4), complex)  # C[i, k] = ⟨v_i v_k⟩ at t = 0
    C[0, 0], C[1, 1] = alpha ** 2, np.conj(alpha) ** 2
    C[1, 0], C[0, 1] = abs(alpha) ** 2, abs(alpha) ** 2 + 1
    C[3, 2], C[2, 3] = p, 1 - p
    n_out, f_out = [], []
    for t in times:
        M = scipy.linalg.expm(L * t)
        n_out.append((M[1] @ C @ M[0]).real)
        m = M @ mean0
        f_out.append((m[2] + m[3]).real)
    return np.array(n_out), np.array(f_out)


def fit_exponent(ns, errs):
    """Slope of log err against log N (err ∝ N^slope)."""
    return float(np.polyfit(np.log(ns), np.log(errs), 1)[0])


# ---------------------------------------------------------------- the sections
def section_excitation(build, n_list, lambdas, times):
    """(2.9): spins all down (p = 0) and all up (p = 1), vacuum; p = ½ (mixed) for small N."""
    fig, axes = plt.subplots(3, 3, figsize=(13, 10), sharex=True)
    out = {}
    for row, (label, spins, p) in enumerate([("all down, p = 0", "down", 0.0), ("all up, p = 1", "up", 1.0),
                                              ("μ_S = ½𝟙, p = ½", "half", 0.5)]):
        for col, lam in enumerate(lambdas):
            ax = axes[row, col]
            t_end = 20.0 if (p <= 0.5 or lam <= 0.1) else 6.0
            ts = times[times <= t_end + 1e-12]
            lib = formulas(build, **{"lambda": lam}, bloch=[0, 0, 2 * p - 1], G="sigma_x", times=ts)
            limit, _ = fluctuation_limit(lam, p, ts)
            window = 1 / (2 * lam * G_FORM)
            case = {"window": window, "t_end": t_end, "N": {}}
            # p = ½: every j block is diagonalised; N = 50 only at λ = 0.1 (n_max 10), the cost at n_max 20 is too high here
            ns = n_list if spins != "half" else [n for n in n_list if n <= (50 if lam <= 0.1 else 20)]
            for n in ns:
                t0 = time.time()
                if spins == "half":
                    n_max = 10 if lam <= 0.1 else 20
                    ex = {"n": exact_infinite_temperature(n, lam, ts, n_max), "truncation": None}
                    ex_more = exact_infinite_temperature(n, lam, ts, n_max + 5)
                    ex["truncation"] = float(np.max(np.abs(ex_more - ex["n"])))
                else:
                    n_max = (12 if lam < 0.5 else 20) if p == 0 else 50
                    ex = exact_with_check(n, "x", spins, lam, ts, n_max, check=n in (ns[0], ns[-1]))
                inside = ts <= window
                case["N"][n] = {
                    "seconds": time.time() - t0, "truncation": ex["truncation"],
                    "max_err_29_inside": float(np.max(np.abs(ex["n"] - lib["N_2_9"])[inside])),
                    "max_err_29_all": float(np.max(np.abs(ex["n"] - lib["N_2_9"]))),
                    "max_err_limit_inside": float(np.max(np.abs(ex["n"] - limit)[inside])),
                    "max_err_limit_all": float(np.max(np.abs(ex["n"] - limit))),
                    "max_n_exact": float(np.max(ex["n"])),
                }
                ax.plot(ts, ex["n"], lw=0.9, label=f"exact N = {n}")
            ax.plot(ts, limit, "k--", lw=1.4, label="exact N → ∞ (fluctuation limit)")
            ax.plot(ts, lib["N_2_9"], "r:", lw=2.0, label="seed (2.9), library")
            ax.axvspan(0, min(window, t_end), color="0.9", zorder=0)
            ax.set_title(f"{label}, λ = {lam} (window t < {window:.2g} shaded)", fontsize=9)
            top = max(np.max(lib["N_2_9"]), np.max(limit[ts <= t_end]))
            ax.set_ylim(0, 1.25 * min(top, 60))
            ax.set_ylabel("⟨a†a⟩ (excitations)")
            if row == 2:
                ax.set_xlabel("t (units of 1/ω₀)")
            ax.legend(fontsize=6)
            ns_fit = [n for n in ns if n >= 20] if len([n for n in ns if n >= 20]) > 1 else ns
            errs = [case["N"][n]["max_err_limit_inside"] for n in ns_fit]
            case["exponent_vs_limit_inside"] = fit_exponent(ns_fit, errs) if len(ns_fit) > 1 else None
            out[f"{spins}_lambda{lam}"] = case
            print(spins, lam, json.dumps(case, default=str)[:400], flush=True)
    fig.suptitle("Seed 004 (2.9), one mode (ω₀ = 1, ω = 0.7, g = 1, vacuum): ⟨a†a⟩ exact finite N vs the formula",
                 fontsize=11)
    fig.tight_layout()
    fig.savefig(HERE / "seed004_excitation.png", dpi=110)
    plt.close(fig)
    return out


def section_convergence(excitation, n_list, lambdas):
    """Error to the N → ∞ answer vs N, log–log, for (2.9)'s observable."""
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.2))
    for key, case in excitation.items():
        if case["exponent_vs_limit_inside"] is None or key.startswith("half"):
            continue
        ns = sorted(case["N"])
        errs = [case["N"][n]["max_err_limit_inside"] for n in ns]
        ax[0].loglog(ns, errs, "o-", label=f"{key}: slope {case['exponent_vs_limit_inside']:.2f}")
        errs29 = [case["N"][n]["max_err_29_inside"] for n in ns]
        ax[1].loglog(ns, errs29, "s-", label=key)
    ref = np.array([min(n_list), max(n_list)], float)
    ax[0].loglog(ref, 0.3 / ref, "k:", label="∝ 1/N")
    ax[0].loglog(ref, 0.3 / np.sqrt(ref), "k--", label="∝ 1/√N")
    ax[0].set_xlabel("N (spins)")
    ax[0].set_ylabel("max |⟨a†a⟩_N − ⟨a†a⟩_∞| inside the window")
    ax[0].set_title("approach to the exact N → ∞ answer", fontsize=10)
    ax[1].set_xlabel("N (spins)")
    ax[1].set_ylabel("max |⟨a†a⟩_N − (2.9)| inside the window")
    ax[1].set_title("distance to the λ² formula: the O(λ⁴) remainder, not 1/N", fontsize=10)
    for a in ax:
        a.legend(fontsize=7)
        a.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(HERE / "seed004_convergence.png", dpi=110)
    plt.close(fig)


def section_energy_conserving(build, n_list, lambdas, times):
    """(2.18) and (1.25): G = σ^z, spins |+x⟩, vacuum, ω = 1.3."""
    omega = 1.3
    fig, ax = plt.subplots(1, 3, figsize=(14, 4.2))
    out = {}
    big = [1000, 4000, 16000]
    for lam in lambdas:
        lib = formulas(build, **{"lambda": lam}, bloch=[1, 0, 0], G="sigma_z", omega=omega, times=times,
                       N=list(n_list) + big)
        case = {"N": {}}
        for n in n_list:
            ex = exact_with_check(n, "z", "plusx", lam, times, 40, omega=omega, check=n in (n_list[0], n_list[-1]))
            case["N"][n] = {
                "truncation": ex["truncation"],
                "max_err_n_218": float(np.max(np.abs(ex["n"] - lib["N_2_18"]))),
                "max_err_n_218_printed": float(np.max(np.abs(ex["n"] - lib["N_2_18_printed"]))),
                "max_err_p0_library_finite_N": float(np.max(np.abs(ex["p0"] - lib[f"P0_finite_{n}"]))),
                "max_err_p0_125": float(np.max(np.abs(ex["p0"] - lib["P0_1_25"]))),
                "max_err_p0_125_printed": float(np.max(np.abs(ex["p0"] - lib["P0_1_25_printed"]))),
            }
            if lam == lambdas[-1]:
                ax[1].plot(times, ex["p0"], lw=0.9, label=f"exact N = {n}")
        for n in big:
            case["N"][n] = {"max_err_p0_125": float(np.max(np.abs(lib[f"P0_finite_{n}"] - lib["P0_1_25"])))}
        ns = sorted(case["N"])
        case["exponent_p0"] = fit_exponent([n for n in ns if n >= 50], [case["N"][n]["max_err_p0_125"] for n in ns
                                                                          if n >= 50])
        out[f"lambda{lam}"] = case
        if lam == lambdas[-1]:
            ex = exact_symmetric(n_list[-1], "z", "plusx", lam, times, 40, omega=omega)
            ax[0].plot(times, ex["n"], "b-", lw=2.5, alpha=0.5, label=f"exact N = {n_list[-1]} (QuTiP)")
            ax[0].plot(times, lib["N_2_18"], "k--", label="(2.18) derived: ½λ²μ(G²)|g|²|e^{iωt}−1|²/ω²")
            ax[0].plot(times, lib["N_2_18_printed"], "r:", lw=2, label="(2.18) as printed")
            ax[1].plot(times, lib["P0_1_25"], "k--", lw=1.5, label="(1.25), coupling √(2ϰ) (derived)")
            ax[1].plot(times, lib["P0_1_25_printed"], "r:", lw=2, label="(1.25) as printed, 2√ϰ")
            ax[0].set_title(f"⟨a†a⟩, λ = {lam}", fontsize=10)
            ax[1].set_title(f"vacuum probability P(n = 0), λ = {lam}", fontsize=10)
        errs = [case["N"][n]["max_err_p0_125"] for n in ns]
        ax[2].loglog(ns, errs, "o-", label=f"λ = {lam}: slope {case['exponent_p0']:.2f}")
        print("EC", lam, json.dumps(case)[:300], flush=True)
    ref = np.array([10, 16000], float)
    ax[2].loglog(ref, 0.2 / ref, "k:", label="∝ 1/N")
    ax[2].set_title("max_t |P₀(N) − P₀(1.25)| (QuTiP ≤ 200, library exact beyond)", fontsize=9)
    ax[2].set_xlabel("N (spins)")
    ax[2].set_ylabel("error in P(n = 0)")
    for a in ax[:2]:
        a.set_xlabel("t (units of 1/ω₀)")
    ax[0].set_ylabel("⟨a†a⟩ (excitations)")
    ax[1].set_ylabel("P(n = 0)")
    for a in ax:
        a.legend(fontsize=7)
    fig.suptitle("Seed 004 energy-conserving model (G = σ^z, spins |+x⟩, ω = 1.3, vacuum)", fontsize=11)
    fig.tight_layout()
    fig.savefig(HERE / "seed004_energy_conserving.png", dpi=110)
    plt.close(fig)
    return out


def section_fluctuation(build, n_list, lambdas, times, alpha=1.0):
    """(1.28) and (1.30)–(1.31): spins all down (T = 0), coherent field α = 1, A = σ^x."""
    fig, axes = plt.subplots(1, 4, figsize=(17, 4.2))
    out = {}
    for col, lam in enumerate(lambdas):
        lib = formulas(build, **{"lambda": lam}, bloch=[0, 0, -1], G="sigma_x", A="sigma_x", alpha=[alpha, 0],
                       temperature=0.0, times=times)
        _, f_inf = fluctuation_limit(lam, 0.0, times, alpha=alpha)
        case = {"N": {}, "window": 1 / (2 * lam * G_FORM)}
        inside = times <= case["window"]
        for n in n_list:
            ex = exact_with_check(n, "x", "down", lam, times, 16 if lam < 0.5 else 24, alpha=alpha,
                                  check=n in (n_list[0], n_list[-1]))
            f_n = np.sqrt(n) * ex["sx"]  # √N(⟨Σσ^x⟩/N − μ_S(σ^x(t))), μ_S(σ^x(t)) = 0
            case["N"][n] = {
                "truncation": ex["truncation"],
                "max_err_F_limit": float(np.max(np.abs(f_n - f_inf))),
                "max_err_F_129": float(np.max(np.abs(f_n - lib["F_1_29"]))),
                "max_err_F_limit_inside": float(np.max(np.abs(f_n - f_inf)[inside])),
                "max_err_F_129_inside": float(np.max(np.abs(f_n - lib["F_1_29"])[inside])),
                "max_err_F_131_printed_inside": float(np.max(np.abs(f_n - lib["F_1_31_printed"])[inside])),
                "max_dev_intensive_sx": float(np.max(np.abs(ex["sx"] - lib["free_A"]))),
                "max_dev_intensive_sz": float(np.max(np.abs(ex["sz"] + 1.0))),
            }
            axes[col].plot(times, f_n, lw=0.9, label=f"exact N = {n}")
        axes[col].plot(times, f_inf, "k--", lw=1.4, label="exact N → ∞")
        axes[col].plot(times, lib["F_1_29"], "g-", lw=2, alpha=0.6, label="(1.30) derived = (1.31) corrected")
        axes[col].plot(times, lib["F_1_31_printed"], "r:", lw=2, label="(1.31) as printed")
        axes[col].axvspan(0, case["window"], color="0.9", zorder=0)
        axes[col].set_title(f"λ = {lam} (window t < {case['window']:.2g} shaded)", fontsize=10)
        axes[col].set_xlabel("t (units of 1/ω₀)")
        axes[col].set_ylabel("⟨F_N(σ^x, t)⟩ = ⟨Σσ^x⟩/√N")
        axes[col].legend(fontsize=6)
        ns = sorted(case["N"])
        case["exponent_F_limit"] = fit_exponent([n for n in ns if n >= 20],
                                                [case["N"][n]["max_err_F_limit"] for n in ns if n >= 20])
        case["exponent_intensive_sx"] = fit_exponent(ns, [case["N"][n]["max_dev_intensive_sx"] for n in ns])
        case["exponent_intensive_sz"] = fit_exponent(ns, [case["N"][n]["max_dev_intensive_sz"] for n in ns])
        case["max_F_129"] = float(np.max(np.abs(lib["F_1_29"])))
        case["max_err_F_129_vs_limit"] = float(np.max(np.abs(lib["F_1_29"] - f_inf)))
        case["max_err_F_129_vs_limit_inside"] = float(np.max(np.abs(lib["F_1_29"] - f_inf)[inside]))
        case["max_err_F_131_printed_vs_limit_inside"] = float(np.max(np.abs(lib["F_1_31_printed"] - f_inf)[inside]))
        case["exponent_F_limit_inside"] = fit_exponent([n for n in n_list if n >= 20],
                                                       [case["N"][n]["max_err_F_limit_inside"] for n in n_list
                                                        if n >= 20])
        out[f"lambda{lam}"] = case
        print("F", lam, json.dumps(case)[:300], flush=True)
    ax = axes[3]
    for key, case in out.items():
        ns = sorted(case["N"])
        ax.loglog(ns, [case["N"][n]["max_dev_intensive_sx"] for n in ns], "o-",
                  label=f"⟨σ^x⟩ {key}: slope {case['exponent_intensive_sx']:.2f}")
        ax.loglog(ns, [case["N"][n]["max_dev_intensive_sz"] for n in ns], "s--",
                  label=f"⟨σ^z⟩ {key}: slope {case['exponent_intensive_sz']:.2f}")
    ax.set_xlabel("N (spins)")
    ax.set_ylabel("max_t |⟨A_(N)⟩ − μ_S(A(t))|")
    ax.set_title("(1.28): intensive observables → free dynamics", fontsize=10)
    ax.legend(fontsize=6)
    fig.suptitle(f"Seed 004 fluctuations (1.29)–(1.31): spins all down (T = 0), coherent field α = {alpha}, "
                 "ω₀ = 1, ω = 0.7", fontsize=11)
    fig.tight_layout()
    fig.savefig(HERE / "seed004_fluctuation.png", dpi=110)
    plt.close(fig)
    return out


def section_without_a0(build, n_list, times, lam=0.1):
    """(1.28) without (A0): spins all |+x⟩ with G = σ^x (μ_S(G) = 1)."""
    lib = formulas(build, **{"lambda": lam}, bloch=[1, 0, 0], G="sigma_x", A="sigma_z", times=times)
    # Hartree (classical mean-field) limit: s' = (ω₀ ẑ + 2λ √2 Re(g β) x̂) × s, β' = −iωβ − iλ g s_x/√2,
    # with β = ⟨a⟩/√N.
    from scipy.integrate import solve_ivp

    def rhs(_, y):
        sx, sy, sz, br, bi = y
        bx = 2 * lam * np.sqrt(2) * G_FORM * br  # h_eff = (ω₀/2)σ^z + (λ/√N)·2Re(⟨B⟩)... in Bloch form
        field = np.array([bx, 0.0, OMEGA0])
        ds = np.cross(field, [sx, sy, sz])
        db = -1j * OMEGA * (br + 1j * bi) - 1j * lam * G_FORM * sx / np.sqrt(2)
        return [ds[0], ds[1], ds[2], db.real, db.imag]

    sol = solve_ivp(rhs, (times[0], times[-1]), [1, 0, 0, 0, 0], t_eval=times, rtol=1e-10, atol=1e-12)
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.2))
    out = {"lambda": lam, "N": {}}
    for n in n_list:
        ex = exact_with_check(n, "x", "plusx", lam, times, 50, check=n in (n_list[0], n_list[-1]))
        out["N"][n] = {"truncation": ex["truncation"], "max_dev_free_sz": float(np.max(np.abs(ex["sz"] - lib["free_A"]))),
                       "max_dev_hartree_sz": float(np.max(np.abs(ex["sz"] - sol.y[2]))),
                       "max_n_exact": float(np.max(ex["n"]))}
        ax[0].plot(times, ex["sz"], lw=0.9, label=f"exact N = {n}")
    ax[0].plot(times, lib["free_A"], "r:", lw=2, label="(1.28): free dynamics, μ_S(σ^z(t)) = 0")
    ax[0].plot(times, sol.y[2], "k--", lw=1.4, label="Hartree mean field (N → ∞)")
    ax[0].set_xlabel("t (units of 1/ω₀)")
    ax[0].set_ylabel("⟨Σσ^z⟩/N")
    ax[0].set_title(f"spins |+x⟩, G = σ^x: (A0) fails, λ = {lam}", fontsize=10)
    ax[0].legend(fontsize=7)
    ns = sorted(out["N"])
    ax[1].loglog(ns, [out["N"][n]["max_dev_free_sz"] for n in ns], "o-", label="vs free dynamics (1.28)")
    ax[1].loglog(ns, [out["N"][n]["max_dev_hartree_sz"] for n in ns], "s-", label="vs Hartree mean field")
    ax[1].set_xlabel("N (spins)")
    ax[1].set_ylabel("max_t |⟨Σσ^z⟩/N − prediction|")
    ax[1].legend(fontsize=7)
    ax[1].grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(HERE / "seed004_without_a0.png", dpi=110)
    plt.close(fig)
    out["exponent_hartree"] = fit_exponent(ns, [out["N"][n]["max_dev_hartree_sz"] for n in ns])
    print("noA0", json.dumps(out)[:400], flush=True)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=str(ROOT / "build"))
    parser.add_argument("--quick", action="store_true", help="N = 10, 20 only (a smoke run)")
    parser.add_argument("--sections", default="excitation,energy,fluctuation,without_a0",
                        help="comma-separated subset (the numbers file is written only for all four)")
    parser.add_argument("--cache", default="/tmp/seed004_cache", help="directory for finished exact runs")
    args = parser.parse_args()
    global CACHE
    CACHE = pathlib.Path(args.cache)
    CACHE.mkdir(parents=True, exist_ok=True)
    build = pathlib.Path(args.build)
    n_list = [10, 20] if args.quick else [10, 20, 50, 100, 200]
    lambdas = [0.1, 0.3, 0.5]
    times = np.linspace(0.0, 20.0, 201)
    t0 = time.time()
    NUMBERS["qutip"] = qutip.__version__
    todo = set(args.sections.split(","))
    if "excitation" in todo:
        NUMBERS["excitation"] = section_excitation(build, n_list, lambdas, times)
        section_convergence(NUMBERS["excitation"], n_list, lambdas)
    if "energy" in todo:
        NUMBERS["energy_conserving"] = section_energy_conserving(build, n_list, [0.25, 0.5, 1.0],
                                                                 np.linspace(0.0, 10.0, 101))
    if "fluctuation" in todo:
        NUMBERS["fluctuation"] = section_fluctuation(build, n_list, lambdas, times)
    if "without_a0" in todo:
        NUMBERS["without_a0"] = section_without_a0(build, [n for n in n_list if n <= 100],
                                                   np.linspace(0.0, 10.0, 101))
    NUMBERS["seconds"] = time.time() - t0
    if len(todo) < 4:
        return
    with open(HERE / "seed004_mean_field_numbers.json", "w") as f:
        json.dump(NUMBERS, f, indent=1, default=str)
    print(f"done in {NUMBERS['seconds']:.0f} s")


if __name__ == "__main__":
    main()
