#!/usr/bin/python3
"""Seed 003's random-field relaxation at low temperature against HEOM: which thermal treatment of a classical
spectral density (f_β, Schofield, or the quantum Bloch–Redfield rate J(1 + n)) the exact dynamics supports.

Usage: scripts/validate_heom_seed003_thermal.py build/openspins OUTDIR   (writes heom_seed003_thermal.{json,png}
and prints the markdown table of docs/validation/heom_second_order.md's seed 003 section)

Model: one spin, H = −ω₀S^z (ω₀ = 1), a random field S^x, S^y, S^z, each component coupled (strength 1) to its own
harmonic bath with the Drude–Lorentz (overdamped Brownian) density J(ω) = 2λω_Dω/(ω² + ω_D²), λ = LAMBDA,
ω_D = 2 (τ_c = 1/ω_D = 0.5). A classical description of the same field at temperature T is its classical
(high-temperature) correlation: the symmetrised spectrum ½J coth(βω/2) → J_cl(ω) = T J(ω)/ω = λT·2ω_D/(ω² + ω_D²),
seed 003's Lorentzian (eq. 69) with τ_c = 1/ω_D and ω_rms² = λT. The treatments made quantum from J_cl:
  f_β        γ(ω) = J_cl f_β(−ω) = 2J_cl/(1 + e^{−βω})     (seed 003 eqs. 56–62; R1 = 2J_cl(ω₀), T-independent)
  Schofield  γ(ω) = J_cl e^{βω/2}                            (eq. 70, Bengs–Levitt; R1 = 2J_cl cosh(βω₀/2))
  bose       γ(ω) = J(1 + n)  with the bath's J (not J_cl)   (quantum Bloch–Redfield; R1 = J(ω₀) coth(βω₀/2))
(R1 of the Bloch component z = ⟨σ^z⟩; all three obey detailed balance.) With x = βω₀/2 the ratios to bose are
f_β: tanh(x)/x, Schofield: sinh(x)/x. HEOM (Padé, depth 3, terminator) is exact for the harmonic bath; at weak
coupling it must equal bose, so the treatment HEOM supports at low T is read off from the T1 columns.
Start: inverted from Boltzmann (σ^z = −tanh x); T1 fitted on ⟨σ^z⟩ with z∞ free over [0, STOP]."""
import json, os, subprocess, sys, hashlib, time
import numpy as np
from scipy.optimize import curve_fit
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

BIN, OUT = sys.argv[1], sys.argv[2]
WORK = "/tmp/heomval003"
os.makedirs(WORK, exist_ok=True)
WD = 2.0

def toml(method, T, lam, thermal="bose", depth=3):
    head = f'[method]\nname = "{method}"\nrtol = 1e-9\natol = 1e-11\n'
    if method == "heom":
        head += f'depth = {depth}\nterms = 3\nexpansion = "pade"\nconvergence_check = "none"\n'
    else:
        head += f'generator = "davies"\nthermal = "{thermal}"\nlamb_shift = false\n'
    s = head + '[spins]\nfrequency = 1.0\ncount = 1\n[hamiltonian]\nzeeman = "-"\n'
    classical = thermal in ("f_beta", "schofield")
    for k in ("x", "y", "z"):
        dens = (f'{{ kind = "lorentzian", correlation_time = {1 / WD!r} }}' if classical
                else f'{{ kind = "drude_lorentz", reorganisation = {lam!r}, cutoff = {WD!r} }}')
        # J_cl = λT·2ω_D/(ω² + ω_D²) = λT·[2τ/(1 + ω²τ²)] (the library's lorentzian, τ = 1/ω_D): strength² = λT.
        strength = np.sqrt(lam * T) if classical else 1.0
        s += (f'[[bath]]\nname = "field_{k}"\ntemperature = {T!r}\nspectral_density = {dens}\n'
              f'[[coupling]]\nbath = "field_{k}"\nkind = "S{k}"\nstrength = {strength!r}\n')
    z0 = -np.tanh(1.0 / (2 * T))
    s += f'[initial]\nkind = "product"\nbloch = [[0.0, 0.0, {z0!r}]]\n'
    return s

def run(text, stop):
    text += f'[time]\nstop = {stop!r}\npoints = 121\n[output]\nobservables = ["spins"]\nplot = false\n'
    key = hashlib.sha1(text.encode()).hexdigest()[:16]
    d = os.path.join(WORK, key)
    if not os.path.exists(os.path.join(d, "series.csv")):
        open(os.path.join(WORK, key + ".toml"), "w").write(text)
        t0 = time.time()
        subprocess.run([BIN, "run", os.path.join(WORK, key + ".toml"), "--output", d, "--force"], check=True,
                       stdout=subprocess.DEVNULL)
        open(os.path.join(d, "elapsed"), "w").write(str(time.time() - t0))
    data = np.genfromtxt(os.path.join(d, "series.csv"), delimiter=",", names=True)
    return data, float(open(os.path.join(d, "elapsed")).read())

def t1(data):
    t, z = data["t"], data["sz_0"]
    (r, zi, z0), _ = curve_fit(lambda t, r, zi, z0: zi + (z0 - zi) * np.exp(-r * t), t, z, p0=(0.05, -z[0], z[0]),
                               maxfev=20000)
    return 1.0 / r, zi

rows = []
for lam in (0.02, 0.1):
    for T in (2.0, 0.5, 0.25):
        x = 1.0 / (2 * T)
        jw = 2 * lam * WD / (1 + WD * WD)
        stop = 4.0 / (jw / np.tanh(x))  # ~4 T1
        row = dict(lam=lam, T=T, x=x)
        h, el = run(toml("heom", T, lam), stop)
        hc, _ = run(toml("heom", T, lam, depth=4), stop)
        row["heom"] = t1(h)
        row["heom_depth_check"] = float(np.max(np.abs(h["sz_0"] - hc["sz_0"])))
        row["heom_s"] = el
        for th in ("bose", "f_beta", "schofield"):
            d, _ = run(toml("redfield", T, lam, th), stop)
            row[th] = t1(d)
        rows.append(row)
        print(json.dumps(row), flush=True)
json.dump(rows, open(os.path.join(OUT, "heom_seed003_thermal.json"), "w"), indent=1)

print("\n| λ | T | βω₀ | HEOM T1 | z∞ | bose T1 | f_β T1 | Schofield T1 | f_β/HEOM (1/T1) | Schofield/HEOM | tanh x / x | sinh x / x | depth check |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    hx = r["heom"][0]
    print(f"| {r['lam']} | {r['T']} | {2 * r['x']:.3g} | {hx:.4g} | {r['heom'][1]:.4f} | {r['bose'][0]:.4g} | {r['f_beta'][0]:.4g} | "
          f"{r['schofield'][0]:.4g} | {hx / r['f_beta'][0]:.3f} | {hx / r['schofield'][0]:.3f} | "
          f"{np.tanh(r['x']) / r['x']:.3f} | {np.sinh(r['x']) / r['x']:.3f} | {r['heom_depth_check']:.1e} |")

fig, ax = plt.subplots(1, 2, figsize=(11, 4.2))
for lam, mk in ((0.02, "o"), (0.1, "s")):
    sel = [r for r in rows if r["lam"] == lam]
    b = [2 * r["x"] for r in sel]
    for th, c in (("bose", "C0"), ("f_beta", "C1"), ("schofield", "C2")):
        ax[0].plot(b, [r["heom"][0] / r[th][0] for r in sel], mk + "-", color=c,
                   label=f"{'Bloch–Redfield J(1+n)' if th == 'bose' else th}, λ = {lam}")
ax[0].axhline(1.0, color="k", lw=0.8)
ax[0].set_xlabel("βω₀")
ax[0].set_ylabel("R1(treatment) / R1(HEOM)")
ax[0].set_title("random-field R1: second-order treatments vs HEOM")
ax[0].legend(fontsize=7)
r = [r for r in rows if r["lam"] == 0.02 and r["T"] == 0.25][0]
stop = 4.0 / ((2 * 0.02 * WD / (1 + WD * WD)) / np.tanh(r["x"]))
for meth, th, lab, style in (("redfield", "bose", "Bloch–Redfield J(1+n)", "C0-"), ("redfield", "f_beta", "f_β", "C1-"),
                             ("redfield", "schofield", "Schofield", "C2-"), ("heom", "bose", "HEOM", "k--")):
    d, _ = run(toml(meth, 0.25, 0.02, th), stop)
    ax[1].plot(d["t"], d["sz_0"], style, label=lab)
ax[1].set_xlabel("time t (units of 1/ω₀)")
ax[1].set_ylabel("⟨σ^z⟩")
ax[1].set_title("λ = 0.02, βω₀ = 4, from the inverted Boltzmann state")
ax[1].legend(fontsize=7)
fig.tight_layout()
fig.savefig(os.path.join(OUT, "heom_seed003_thermal.png"), dpi=110)
