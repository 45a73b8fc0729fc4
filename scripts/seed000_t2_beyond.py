#!/usr/bin/python3
"""Issue 13 item 3 (partial): 1/T2(∞) and B(∞) against N at fixed r√N from the theory (method
`resonance`, = the Davies generator's slowest coherence) and from the Bloch–Redfield generator's
slowest coherence-order-1 eigenvalue (`openspins rates`), N = 2 … NMAX.

Usage: scripts/seed000_t2_beyond.py build/openspins OUTDIR [NMAX]"""
import hashlib, json, math, os, subprocess, sys
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

BIN, OUT = sys.argv[1], sys.argv[2]
NMAX = int(sys.argv[3]) if len(sys.argv) > 3 else 6
WORK = "/tmp/resval_t2"
os.makedirs(WORK, exist_ok=True)
A, T, W = 0.05, 0.5, 1.0
J = math.pi * A * W * math.exp(-2 * W)
lam = mu = 0.35
b = (lam ** 2 + mu ** 2) / 4 * J * (1 + 1 / math.expm1(W / T))

def toml(n, r, method, generator=None):
    kap = math.sqrt(4 * r * b / A)  # a = −ϰ²A/4, r = |a|/b
    freqs = [W + 0.2 * (i / max(1, n - 1) - 0.5) for i in range(n)]
    s = f'[method]\nname = "{method}"\n' + (f'generator = "{generator}"\n' if generator else "")
    s += "[spins]\nfrequencies = [" + ", ".join(repr(f) for f in freqs) + ']\n[hamiltonian]\nzeeman = "-"\n'
    for name, scope in (("cg", "shared"), ("cf", "shared"), ("lg", "local")):
        s += (f'[[bath]]\nname = "{name}"\ntemperature = {T}\nscope = "{scope}"\n'
              f'spectral_density = {{ kind = "form_factor", n = 0, m = 1, angular_integral = {A} }}\n')
    for bath, kind, g in (("cg", "exchange", lam), ("cf", "conserving", kap), ("lg", "exchange", mu)):
        s += f'[[coupling]]\nbath = "{bath}"\nkind = "{kind}"\nstrength = {g}\n'
    s += '[initial]\nkind = "product"\nbloch = [0.95, 0, 0]\n[time]\nstop = 1\n[output]\nobservables = ["Jx"]\nplot = false\n'
    return s

def rates(text):
    key = hashlib.sha1(text.encode()).hexdigest()[:16]
    d = os.path.join(WORK, key)
    if not os.path.exists(os.path.join(d, "rates.json")):
        with open(d + ".toml", "w") as f:
            f.write(text)
        subprocess.run([BIN, "rates", d + ".toml", "--output", d, "--force"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return json.load(open(os.path.join(d, "rates.json")))

def slowest_coherence(j):
    m = [x for x in j["modes"] if abs(x["coherence_order"]) == 1]
    k = min(m, key=lambda x: x["rate"])
    return k["rate"], abs(k["frequency"])

print("| r√N | N | 1/T2(∞) theory = Davies | Bloch–Redfield | rel. diff | B(∞) theory | Bloch–Redfield |")
print("|---|---|---|---|---|---|---|")
rows = {}
for rn in (0.5, 1.0, 2.0):
    for n in range(2, NMAX + 1):
        r = rn / math.sqrt(n)
        jd = rates(toml(n, r, "redfield", "davies"))
        jb = rates(toml(n, r, "redfield", "bloch_redfield"))
        (gd, bd), (gb, bb) = slowest_coherence(jd), slowest_coherence(jb)
        rows[(rn, n)] = (gd, gb)
        print(f"| {rn} | {n} | {gd:.6e} | {gb:.6e} | {(gb - gd) / gd:+.1e} | {bd:.6f} | {bb:.6f} |")

fig, ax = plt.subplots(figsize=(6.5, 4))
for k, rn in enumerate((0.5, 1.0, 2.0)):
    ns = list(range(2, NMAX + 1))
    ax.plot(ns, [rows[(rn, n)][0] / b for n in ns], f"C{k}o-", label=f"theory (= Davies), r√N = {rn}")
    ax.plot(ns, [rows[(rn, n)][1] / b for n in ns], f"C{k}x--", label=f"Bloch–Redfield, r√N = {rn}")
ax.set_xticks(range(2, NMAX + 1)); ax.set_xlabel("N"); ax.set_ylabel("slowest coherence rate 1/T2(∞) (units of b)")
ax.set_title("1/T2(∞) at fixed r√N (λ = μ = 0.35, T = 0.5, spread 0.2)")
ax.legend(fontsize=7); fig.tight_layout()
fig.savefig(os.path.join(OUT, "seed000_resonance_t2_fixed_r_sqrtN.png"), dpi=110)
