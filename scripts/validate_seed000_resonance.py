#!/usr/bin/python3
"""Seed 000's resonance theory (method `resonance`) against the bath-derived generators, and the
paper's claims about C(N, t) and γ′: the data and figures of docs/validation/seed000_resonance.md.

Usage: scripts/validate_seed000_resonance.py build/openspins OUTDIR [--quick]
Runs `openspins run` on generated run files (seed 000's ohmic form factor J = πAωe^{−2ω}, A = 0.05,
T = 0.5), prints the tables in Markdown and writes the PNGs into OUTDIR."""
import hashlib, json, math, os, subprocess, sys, time
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

BIN, OUT = sys.argv[1], sys.argv[2]
QUICK = "--quick" in sys.argv
WORK = "/tmp/resval"
os.makedirs(WORK, exist_ok=True)
os.makedirs(OUT, exist_ok=True)
A, T = 0.05, 0.5

def toml(n, lam, kap, mu, nu, method, generator=None, stop=100.0, points=201, freqs=None, bloch=None):
    freqs = freqs or [0.9 + 0.2 * i / max(1, n - 1) + 0.013 * (i % 2) for i in range(n)]
    bloch = bloch or [[0.95, 0.0, 0.0]] * n
    head = f'[method]\nname = "{method}"\n' + (f'generator = "{generator}"\n' if generator else "")
    head += "rtol = 1e-9\natol = 1e-11\n" if method == "redfield" else ""
    s = head + "[spins]\nfrequencies = [" + ", ".join(repr(f) for f in freqs) + ']\n[hamiltonian]\nzeeman = "-"\n'
    for name, scope in (("cg", "shared"), ("cf", "shared"), ("lg", "local"), ("lf", "local")):
        s += (f'[[bath]]\nname = "{name}"\ntemperature = {T}\nscope = "{scope}"\n'
              f'spectral_density = {{ kind = "form_factor", n = 0, m = 1, angular_integral = {A} }}\n')
    for bath, kind, g in (("cg", "exchange", lam), ("cf", "conserving", kap), ("lg", "exchange", mu), ("lf", "conserving", nu)):
        if g:
            s += f'[[coupling]]\nbath = "{bath}"\nkind = "{kind}"\nstrength = {g}\n'
    s += '[initial]\nkind = "product"\nbloch = [' + ", ".join(str(list(b)) for b in bloch) + "]\n"
    s += f'[time]\nstop = {stop}\npoints = {points}\n[output]\nobservables = ["Jx", "Jy", "Jz", "spins"]\nplot = false\n'
    return s

def run(text):
    key = hashlib.sha1(text.encode()).hexdigest()[:16]  # a cache that survives between invocations
    d = os.path.join(WORK, key)
    if not os.path.exists(os.path.join(d, "series.csv")):
        with open(os.path.join(WORK, key + ".toml"), "w") as f:
            f.write(text)
        t0 = time.time()
        subprocess.run([BIN, "run", os.path.join(WORK, key + ".toml"), "--output", d, "--force"], check=True,
                       stdout=subprocess.DEVNULL)
        with open(os.path.join(d, "elapsed"), "w") as f:
            f.write(str(time.time() - t0))
    data = np.genfromtxt(os.path.join(d, "series.csv"), delimiter=",", names=True)
    meta = json.load(open(os.path.join(d, "metadata.json")))
    meta["__key"] = key
    return data, meta

def maxdiff(a, b, n):
    return max(np.max(np.abs(a[c] - b[c])) for c in ("Jx", "Jy", "Jz")) / n

# ---- 1. resonance vs Davies and Bloch–Redfield, N = 2 … 8, each coupling alone and all together
g = 0.4
cases = {"λ (collective exchange)": (g, 0, 0, 0), "ϰ (collective conserving)": (0, g, 0, 0),
         "μ (local exchange)": (0, 0, g, 0), "ν (local conserving)": (0, 0, 0, g), "all four": (g, g, g, g)}
sizes = [2, 4] if QUICK else [2, 4, 6, 8]
print("## 1. max_t |Δ⟨J_α⟩|/N, resonance − generator, g = 0.4, t ∈ [0, 100]\n")
print("| couplings | N | vs Davies | vs Bloch–Redfield | BR run (s) |\n|---|---|---|---|---|")
table1 = {}
for label, c in cases.items():
    for n in sizes:
        r, _ = run(toml(n, *c, "resonance"))
        d, _ = run(toml(n, *c, "redfield", "davies"))
        b, bm = run(toml(n, *c, "redfield", "bloch_redfield"))
        table1[(label, n)] = (maxdiff(r, d, n), maxdiff(r, b, n))
        el = float(open(os.path.join(WORK, bm["__key"], "elapsed")).read())
        print(f"| {label} | {n} | {table1[(label, n)][0]:.1e} | {table1[(label, n)][1]:.1e} | {el:.1f} |")

# Figure: N = 4, all couplings: ⟨Jx⟩ and ⟨Jz⟩ from the three.
n = 4
r, _ = run(toml(n, g, g, g, g, "resonance"))
d, _ = run(toml(n, g, g, g, g, "redfield", "davies"))
b, _ = run(toml(n, g, g, g, g, "redfield", "bloch_redfield"))
fig, ax = plt.subplots(1, 2, figsize=(11, 4))
ax[0].plot(r["t"], r["Jx"], "k-", lw=2, label="resonance (closed form)")
ax[0].plot(d["t"], d["Jx"], "C1--", label="redfield, Davies + Lamb shift")
ax[0].plot(b["t"], b["Jx"], "C0:", lw=2, label="redfield, Bloch–Redfield")
ax[0].set_xlabel("t (units of 1/ω₀)"); ax[0].set_ylabel("⟨Jx⟩"); ax[0].legend(fontsize=8)
ax[0].set_title("N = 4, λ = ϰ = μ = ν = 0.4, all spins along +x")
ax[1].semilogy(r["t"], np.abs(r["Jx"] - d["Jx"]) + 1e-16, "C1-", label="|resonance − Davies|")
ax[1].semilogy(r["t"], np.abs(r["Jx"] - b["Jx"]) + 1e-16, "C0-", label="|resonance − Bloch–Redfield|")
ax[1].set_xlabel("t (units of 1/ω₀)"); ax[1].set_ylabel("|Δ⟨Jx⟩|"); ax[1].legend(fontsize=8)
ax[1].set_title("differences")
fig.tight_layout(); fig.savefig(os.path.join(OUT, "seed000_resonance_vs_generators.png"), dpi=110)

# ---- 2. the error claim: difference / g² for three coupling strengths
print("\n## 2. max_t |Δ⟨J_α⟩|/N divided by g², all four couplings = g, t ∈ [0, 100]\n")
print("| N | g | vs Davies / g² | vs Bloch–Redfield / g² |\n|---|---|---|---|")
for n in ([2] if QUICK else [2, 4]):
    for gg in (0.4, 0.2, 0.1):
        r, _ = run(toml(n, gg, gg, gg, gg, "resonance"))
        d, _ = run(toml(n, gg, gg, gg, gg, "redfield", "davies"))
        b, _ = run(toml(n, gg, gg, gg, gg, "redfield", "bloch_redfield"))
        print(f"| {n} | {gg} | {maxdiff(r, d, n) / gg**2:.2e} | {maxdiff(r, b, n) / gg**2:.2e} |")

# ---- 3. |C(N, t)| for several N and r, from the method's own output
# Local exchange μ = 0.5 sets b; ϰ sets a = −ϰ²A/4, r = |a|/b. |C(N, t)| = |⟨S^+_0⟩| e^{Yt}/|⟨S^+_0⟩_0|.
def C_curve(n, r, stop_b, points=2001):
    mu = 0.5
    w0 = 1.0
    J = math.pi * A * w0 * math.exp(-2 * w0)
    b = mu * mu / 4 * J * (1 + 1 / math.expm1(w0 / T))
    kap = math.sqrt(4 * r * b / A)
    freqs = [1.0 + 1e-4 * i for i in range(n)]
    data, meta = run(toml(n, 0, kap, mu, 0, "resonance", stop=stop_b / b, points=points, freqs=freqs))
    notes = meta["notes"]
    Y = 0.5 * float(notes["resonance.species.spins.gamma_relax"]) + float(notes["resonance.species.spins.gamma_cons"])
    return data["t"], np.hypot(data["sx_0"], data["sy_0"]) * np.exp(Y * data["t"]) / 0.95, b  # sx_0 = ⟨σ^x_0⟩

fig, ax = plt.subplots(1, 3, figsize=(14, 4), sharey=True)
rs = (0.1, 0.3, 1.0)
halves = {}
for k, r in enumerate(rs):
    for n in (2, 4, 8, 16, 64):
        t, c, b = C_curve(n, r, stop_b=400.0)
        ax[k].semilogx(t * b, c, label=f"N = {n}")
        below = np.nonzero(c <= 0.5)[0]
        halves[(r, n)] = (1.0 / t[below[0]]) / b if len(below) else 0.0
    ax[k].set_title(f"r = |a|/b = {r}"); ax[k].set_xlabel("b·t (b = emission rate (2.15))")
ax[0].set_ylabel("|C(N, t)|"); ax[0].legend(fontsize=8)
fig.suptitle("seed 000's C(N, t) (2.25), spins along +x, T = 0.5, local exchange μ = 0.5, collective conserving ϰ from r")
fig.tight_layout(); fig.savefig(os.path.join(OUT, "seed000_resonance_C.png"), dpi=110)

# ---- 4. γ′ (2.33) against the actual half-decay rate of |C|
sys.path.insert(0, os.path.dirname(__file__))
def zs(b, bc, a):
    s = np.sqrt(complex(-(b + bc) ** 2 + 4 * a * a, -4 * a * (b - bc) + 0.0))
    return 0.5 * (1j * (b + bc) + s), 0.5 * (1j * (b + bc) - s)
print("\n## 4. γ′ (2.33) vs the half-decay rate of |C(N, t)| from the runs, both in units of b\n")
print("| r | γ/b (2.29) | c′ (2.31) | N | γ′/b (2.33) | (1/t_½)/b measured |\n|---|---|---|---|---|---|")
c = math.exp(-1.0 / T)
for r in rs:
    b = 1.0; bc = c; a = -r
    zp, zm = zs(b, bc, a)
    gam = min(zp.imag, zm.imag)
    al = 1 + 1j * (zp - a) / bc
    zeta = (1 + c * al) / (1 + c * al * al)
    cp = math.log(2 * abs(zeta * (al + 0.5 * (1 - al))) + 1)
    for n in (2, 4, 8, 16, 64):
        gp = gam / (math.log(2) / (n - 1) + cp)
        print(f"| {r} | {gam:.3e} | {cp:.3f} | {n} | {gp:.3e} | {halves[(r, n)]:.3e} |")
print("\nfigures written to", OUT)

# ---- 5. Does Γ(t) = 1/T2(t) ever fall below ½γ_relax + γ_cons? −Re d/dt ln F per other spin, closed form
def F_and_dF(b, bc, a, p, t):
    tau = -(b + bc) / 2
    d = np.sqrt(tau * tau - a * a + 1j * a * (b - bc) + 0j)
    g = 1j * a * (2 * p - 1) - tau
    lp, lm = tau + d, tau - d
    wp, wm = 0.5 + g / (2 * d), 0.5 - g / (2 * d)
    return wp * np.exp(lp * t) + wm * np.exp(lm * t), lp * wp * np.exp(lp * t) + lm * wm * np.exp(lm * t)
print("\n## 5. min over t of [Γ(t) − ½γ_relax − γ_cons]/(N − 1) in units of b (c = e^{−2})\n")
print("| r | p = [ρ_0]_11 | min (units of b) | at b·t | max increase of \\|F\\| per step |\n|---|---|---|---|---|")
tt = np.linspace(0, 50, 200001)
for r in (0.3, 1.0, 3.0):
    for p in (0.5, 0.9):
        F, dF = F_and_dF(1.0, c, -r, p, tt)
        x = -(dF / F).real
        i = int(np.argmin(x))
        print(f"| {r} | {p} | {x[i]:.4f} | {tt[i]:.2f} | {np.max(np.diff(np.abs(F))):.1e} |")
