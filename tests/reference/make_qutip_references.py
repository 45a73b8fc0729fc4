#!/usr/bin/python3
"""Generate QuTiP reference data for the exact method: tests/data/qutip_<case>.{toml,csv}.

Run with Debian's interpreter (python3-qutip 4.7.1):

    /usr/bin/python3 tests/reference/make_qutip_references.py [--out tests/data] [--check]

Every case is described ONCE, as a Python dict in openspins' run-file vocabulary
(docs/config.md). From that dict this script writes
  * qutip_<case>.toml  — the run file, for `openspins run` / the C++ test, and
  * qutip_<case>.csv   — expectation values from qutip.mesolve at rtol 1e-10, atol 1e-12,
and builds the QuTiP model from the same dict, so the two cannot drift apart.

Conventions (docs/config.md, docs/conventions.md), as implemented below:
  ħ = 1, angular frequencies; S = σ/2; σ^± = (σ^x ± iσ^y)/2; |↑⟩ = basis(2, 0), σ^z|↑⟩ = +|↑⟩;
  σ^- = |↓⟩⟨↑| = qutip.sigmam(); σ^+ = qutip.sigmap().
  J^α = Σ S^α_i (over a species or a channel's selection), J^± = Σ σ^±_i, J2 = Jx²+Jy²+Jz².
  zeeman "+": H_Z = +Σ ω_i S^z_i; "-": H_Z = −Σ ω_i S^z_i; "none": no term.
  drive: Σ_{i∈sel} (Ω_x S^x_i + Ω_y S^y_i); couplings: zz J S^zS^z, xy J(S^xS^x + S^yS^y),
  heisenberg J S·S over the listed pairs ("all" = every i<j, "chain" = (i, i+1)).
  Channels: rate·D[L], D[L]ρ = LρL† − ½{L†L, ρ}; emission L = σ^-_i, absorption σ^+_i,
  dephasing σ^z_i, collective_emission J^-, collective_absorption J^+, collective_dephasing J^z.
  Pulses: ρ → U ρ U†, U = exp(−i θ n·S_sel), n the (unit) axis; an output at a pulse's time
  shows the state after the pulse. `scale` multiplies a named term's strength / channel's rate
  during one evolve step. Thermal initial state: exp(−H/T)/Z with the full (unscaled) H.
Basis order: QuTiP puts spin 0 in the leftmost tensor factor (most significant bit);
openspins puts spin 0 in the least significant bit. Only expectation values are written,
which do not depend on the order; the one place the order matters is an initial state
read from a file (case e), which is written in openspins' order (bit-reversed from QuTiP's).

CSV: header `t,Jx,Jy,Jz,J2,JpJm,purity,[Jx[A],…,] sx_0,sy_0,sz_0,…,[custom]`, one row per
output time, values printed with 16 significant digits. Columns are named as openspins
names its observables (docs/config.md, [output]); the `step` column openspins writes is
not reproduced. A case with `steady_state = true` also gets qutip_<case>_steady_state.csv
(same columns without t, one row) from qutip.steadystate of the last evolve step's generator.
"""
import argparse
import json
import math
import pathlib
import re
import sys

import numpy as np
import qutip

RTOL = 1e-10
ATOL = 1e-12

# ---------------------------------------------------------------------------------------
# The cases. Keys follow docs/config.md exactly; `spins`/`species` inside a drive, channel
# or pulse is the selection. Comments say which feature each case is there to exercise.
# ---------------------------------------------------------------------------------------
CASES = {
    # (a) inhomogeneous explicit frequencies, zeeman "+", drive on all, Heisenberg chain,
    # every local channel kind plus collective emission, product state with Bloch vectors,
    # steady state of the generator.
    "a_inhomogeneous_driven": {
        "title": "QuTiP reference (a): N=3 inhomogeneous, driven, Heisenberg chain, local + collective channels",
        "method": {"name": "exact", "integrator": "adams", "rtol": RTOL, "atol": ATOL,
                   "steady_state": True},
        "spins": {"count": 3, "frequency": 1.0, "frequencies": [1.0, 1.3, 0.7]},
        "hamiltonian": {
            "zeeman": "+",
            "drive": [{"omega_x": 0.4, "spins": "all"}],
            "coupling": [{"kind": "heisenberg", "J": 0.2, "pairs": "chain"}],
        },
        "channel": [
            {"kind": "emission", "rate": 0.1},
            {"kind": "absorption", "rate": 0.03},
            {"kind": "dephasing", "rate": 0.05},
            {"kind": "collective_emission", "rate": 0.15},
        ],
        "initial": {"kind": "product", "bloch": [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.6, 0.8]]},
        "time": {"stop": 5.0, "points": 51},
        "output": {"observables": ["Jx", "Jy", "Jz", "J2", "JpJm", "purity", "spins"], "plot": False},
    },
    # (b) zeeman "-", zz on all pairs, xy chain, collective dephasing and absorption,
    # a custom jump operator that is a product of two spins' operators, all_down, BDF.
    "b_couplings_custom_jump": {
        "title": "QuTiP reference (b): N=4 zz all pairs + xy chain, collective dephasing/absorption, custom jump",
        "method": {"name": "exact", "integrator": "bdf", "rtol": RTOL, "atol": ATOL},
        "spins": {"count": 4, "frequency": 1.0},
        "hamiltonian": {
            "zeeman": "-",
            "coupling": [{"kind": "zz", "J": 0.3, "pairs": "all"},
                         {"kind": "xy", "J": 0.1, "pairs": "chain"}],
        },
        "channel": [
            {"kind": "collective_dephasing", "rate": 0.2},
            {"kind": "collective_absorption", "rate": 0.05},
            {"kind": "custom", "operator": "sm(0)*sz(1)", "rate": 0.1},
        ],
        "initial": {"kind": "all_down"},
        "time": {"stop": 5.0, "points": 51},
        "output": {"observables": ["Jx", "Jy", "Jz", "J2", "JpJm", "purity", "spins"], "plot": False},
    },
    # (c) Hahn echo: π/2 about y, evolve 1, π about x, evolve 1, with local dephasing and
    # two different frequencies (so there is something to refocus).
    "c_hahn_echo": {
        "title": "QuTiP reference (c): N=2 Hahn echo (pi/2_y, tau, pi_x, tau) with dephasing",
        "method": {"name": "exact", "integrator": "adams", "rtol": RTOL, "atol": ATOL},
        "spins": {"count": 2, "frequency": 1.0, "frequencies": [1.0, 1.2]},
        "hamiltonian": {"zeeman": "+"},
        "channel": [{"kind": "dephasing", "rate": 0.1}],
        "initial": {"kind": "all_up"},
        "time": {"points": 41},
        "protocol": [
            {"pulse": {"axis": "y", "angle_deg": 90.0}, "label": "pi/2 y"},
            {"evolve": 1.0, "label": "free 1"},
            {"pulse": {"axis": "x", "angle_deg": 180.0}, "label": "pi x"},
            {"evolve": 1.0, "label": "free 2"},
        ],
        "output": {"observables": ["Jx", "Jy", "Jz", "J2", "JpJm", "purity", "spins"], "plot": False},
    },
    # (d) two species, Hamiltonian term given as an expression (with a species collective
    # operator), drive and channels selected by species / spin list, per-spin `rates`,
    # thermal initial state, explicit output times, protocol with `repeat`, `scale` of a
    # channel and of a term (default names), a pulse about a vector axis on one species,
    # species and custom (incl. non-Hermitian) observables.
    "d_species_protocol": {
        "title": "QuTiP reference (d): two species, expression term, thermal start, repeated protocol with scale",
        "method": {"name": "exact", "integrator": "adams", "rtol": RTOL, "atol": ATOL},
        "species": [
            {"name": "A", "count": 2, "frequency": 1.0, "frequencies": [1.0, 1.1]},
            {"name": "B", "count": 1, "frequency": 2.0},
        ],
        "hamiltonian": {
            "zeeman": "-",
            "drive": [{"omega_y": 0.2, "species": "B"}],
            "coupling": [{"kind": "heisenberg", "J": 0.25, "pairs": [[0, 2]]}],
            "term": [{"expr": "0.3*(sp(0)*sm(1) + sp(1)*sm(0)) + 0.1*Jx[A]", "strength": 1.0}],
        },
        "channel": [
            {"kind": "emission", "species": "A", "rates": [0.1, 0.2]},
            {"kind": "dephasing", "spins": [2], "rate": 0.05},
            {"kind": "collective_emission", "species": "A", "rate": 0.3},
        ],
        "initial": {"kind": "thermal", "temperature": 1.5},
        "time": {"times": [0.0, 0.05, 0.1, 0.25, 0.5, 0.6, 0.75, 1.0, 1.2, 1.5, 1.75, 2.0]},
        "protocol": [
            {"repeat": 2, "steps": [
                {"pulse": {"axis": [0.6, 0.8, 0.0], "angle_deg": 90.0}, "species": "B"},
                {"evolve": 0.5, "scale": {"collective_emission": 0.0}},
                {"evolve": 0.5, "scale": {"term": 2.0}},
            ]},
        ],
        "output": {
            "observables": ["Jx", "Jy", "Jz", "J2", "JpJm", "purity", "species", "spins"],
            "custom": {"c01": "sp(0)*sm(1)", "nA": "nup(0) + nup(1)"},
            "plot": False,
        },
    },
    # (e) initial state from a .npy file (complex, not permutation symmetric: catches a
    # wrong basis order), complex custom jump operator, xy coupling on a pair list,
    # collective absorption over a spin list, Hermitian expression term.
    "e_file_initial": {
        "title": "QuTiP reference (e): N=3 random initial density matrix from file, complex custom jump",
        "method": {"name": "exact", "integrator": "adams", "rtol": RTOL, "atol": ATOL},
        "spins": {"count": 3, "frequency": 1.0},
        "hamiltonian": {
            "zeeman": "+",
            "coupling": [{"kind": "xy", "J": 0.3, "pairs": [[1, 2]]}],
            "term": [{"expr": "0.4*(sp(0)*sm(2) + sp(2)*sm(0)) + 0.25*sz(0)*sz(1)", "strength": 1.0}],
        },
        "channel": [
            {"kind": "custom", "operator": "sm(0) + 0.3j*sm(1)", "rate": 0.2},
            {"kind": "absorption", "spins": [2], "rate": 0.05},
            {"kind": "collective_absorption", "spins": [0, 1], "rate": 0.1},
        ],
        "initial": {"kind": "file", "path": "qutip_e_file_initial_rho0.npy"},
        "time": {"stop": 3.0, "points": 31},
        "output": {"observables": ["Jx", "Jy", "Jz", "J2", "JpJm", "purity", "spins"], "plot": False},
    },
    # (f) zeeman "none" with a frequency given, drive on one spin, `populations` start.
    "f_populations_no_zeeman": {
        "title": "QuTiP reference (f): N=2 zeeman none, drive on spin 1, populations start",
        "method": {"name": "exact", "integrator": "adams", "rtol": RTOL, "atol": ATOL},
        "spins": {"count": 2, "frequency": 1.0},
        "hamiltonian": {
            "zeeman": "none",
            "drive": [{"omega_x": 0.5, "spins": [1]}],
        },
        "channel": [{"kind": "emission", "rate": 0.1}],
        "initial": {"kind": "product", "populations": [0.9, 0.3]},
        "time": {"stop": 4.0, "points": 41},
        "output": {"observables": ["Jx", "Jy", "Jz", "J2", "JpJm", "purity", "spins"], "plot": False},
    },
}


# ---------------------------------------------------------------------------------------
# TOML writer (only what the cases above use). Checked by parsing back with tomllib.
# ---------------------------------------------------------------------------------------
def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)  # ASCII basic string; JSON escapes are valid TOML escapes
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def toml_table(header, table, out):
    """Scalars (and inline values) first, then sub-arrays of tables."""
    out.append(header)
    for k, v in table.items():
        if not (isinstance(v, list) and v and isinstance(v[0], dict) and k in ("drive", "coupling", "term")):
            if isinstance(v, dict):
                continue
            out.append(f"{k} = {toml_value(v)}")
    for k, v in table.items():
        if isinstance(v, dict):
            out.append("")
            toml_table(f"[{header.strip('[]')}.{k}]", v, out)
    for k, v in table.items():
        if isinstance(v, list) and v and isinstance(v[0], dict) and k in ("drive", "coupling", "term"):
            for item in v:
                out.append("")
                out.append(f"[[{header.strip('[]')}.{k}]]")
                out.extend(f"{kk} = {toml_value(vv)}" for kk, vv in item.items())


def to_toml(name, case):
    out = [f"# Generated by tests/reference/make_qutip_references.py — do not edit by hand.",
           f"# Expected values: qutip_{name}.csv (QuTiP {qutip.__version__} mesolve, rtol {RTOL:g}, atol {ATOL:g}).",
           f"title = {toml_value(case['title'])}", ""]
    toml_table("[method]", case["method"], out)
    out.append("")
    if "spins" in case:
        toml_table("[spins]", case["spins"], out)
        out.append("")
    for sp in case.get("species", []):
        out.append("[[species]]")
        out.extend(f"{k} = {toml_value(v)}" for k, v in sp.items())
        out.append("")
    toml_table("[hamiltonian]", case["hamiltonian"], out)
    out.append("")
    for ch in case.get("channel", []):
        out.append("[[channel]]")
        out.extend(f"{k} = {toml_value(v)}" for k, v in ch.items())
        out.append("")
    toml_table("[initial]", case["initial"], out)
    out.append("")
    toml_table("[time]", case["time"], out)
    out.append("")
    for step in case.get("protocol", []):
        out.append("[[protocol]]")
        out.extend(f"{k} = {toml_value(v)}" for k, v in step.items())
        out.append("")
    output = {k: v for k, v in case["output"].items() if k != "custom"}
    toml_table("[output]", output, out)
    if "custom" in case["output"]:
        out.append("")
        out.append("[output.custom]")
        out.extend(f"{k} = {toml_value(v)}" for k, v in case["output"]["custom"].items())
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------
# The same model in QuTiP.
# ---------------------------------------------------------------------------------------
class Model:
    def __init__(self, case):
        self.case = case
        if "spins" in case:
            groups = [dict(case["spins"], name="spins")]
        else:
            groups = case["species"]
        self.species = {}
        self.frequencies = []
        for g in groups:
            first = len(self.frequencies)
            freqs = g.get("frequencies", [g.get("frequency", 0.0)] * g["count"])
            assert len(freqs) == g["count"]
            self.frequencies += list(freqs)
            self.species[g["name"]] = list(range(first, first + g["count"]))
        self.n = len(self.frequencies)
        n = self.n

        def local(op, i):
            f = [qutip.qeye(2)] * n
            f[i] = op
            return qutip.tensor(f)

        self.sx = [local(qutip.sigmax(), i) for i in range(n)]
        self.sy = [local(qutip.sigmay(), i) for i in range(n)]
        self.sz = [local(qutip.sigmaz(), i) for i in range(n)]
        self.sp = [local(qutip.sigmap(), i) for i in range(n)]  # |↑⟩⟨↓|
        self.sm = [local(qutip.sigmam(), i) for i in range(n)]  # |↓⟩⟨↑|
        self.identity = qutip.tensor([qutip.qeye(2)] * n)
        self.zero = 0 * self.identity

        # Named Hamiltonian terms and channels, default names as in docs/config.md.
        self.terms = []     # (name, Qobj at strength 1 × configured strength)
        self.channels = []  # (name, [(rate, L), ...])
        used = set()

        def default_name(base):
            name, k = base, 2
            while name in used:
                name, k = f"{base}{k}", k + 1
            used.add(name)
            return name

        h = case["hamiltonian"]
        z = h.get("zeeman", "none")
        if z != "none":
            sign = {"+": 1.0, "-": -1.0}[z]
            self.terms.append((default_name("zeeman"),
                               sum(sign * w * 0.5 * self.sz[i] for i, w in enumerate(self.frequencies))))
        for d in h.get("drive", []):
            sel = self.selection(d)
            op = sum(0.5 * (d.get("omega_x", 0.0) * self.sx[i] + d.get("omega_y", 0.0) * self.sy[i]) for i in sel)
            self.terms.append((d.get("name") or default_name("drive"), op))
        for c in h.get("coupling", []):
            pairs = c.get("pairs", "all")
            if pairs == "all":
                pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
            elif pairs == "chain":
                pairs = [(i, i + 1) for i in range(n - 1)]
            op = self.zero
            for i, j in pairs:
                xx = 0.25 * self.sx[i] * self.sx[j]
                yy = 0.25 * self.sy[i] * self.sy[j]
                zz = 0.25 * self.sz[i] * self.sz[j]
                op = op + {"zz": zz, "xy": xx + yy, "heisenberg": xx + yy + zz}[c["kind"]]
            self.terms.append((c.get("name") or default_name("coupling"), c["J"] * op))
        for t in h.get("term", []):
            op = self.expression(t["expr"])
            assert op.isherm, t["expr"]
            self.terms.append((t.get("name") or default_name("term"), t.get("strength", 1.0) * op))

        for ch in case.get("channel", []):
            kind = ch["kind"]
            sel = self.selection(ch)
            name = ch.get("name") or default_name(kind)
            if kind in ("emission", "absorption", "dephasing"):
                rates = ch.get("rates", [ch.get("rate")] * len(sel))
                assert len(rates) == len(sel)
                ops = {"emission": self.sm, "absorption": self.sp, "dephasing": self.sz}[kind]
                self.channels.append((name, [(r, ops[i]) for r, i in zip(rates, sel)]))
            elif kind == "collective_emission":
                self.channels.append((name, [(ch["rate"], sum(self.sm[i] for i in sel))]))
            elif kind == "collective_absorption":
                self.channels.append((name, [(ch["rate"], sum(self.sp[i] for i in sel))]))
            elif kind == "collective_dephasing":
                self.channels.append((name, [(ch["rate"], sum(0.5 * self.sz[i] for i in sel))]))
            elif kind == "custom":
                self.channels.append((name, [(ch["rate"], self.expression(ch["operator"]))]))
            else:
                raise ValueError(kind)

    def selection(self, table):
        if "species" in table:
            return self.species[table["species"]]
        s = table.get("spins", "all")
        return list(range(self.n)) if s == "all" else list(s)

    def collective(self, which, sel):
        if which == "Jx":
            return sum(0.5 * self.sx[i] for i in sel)
        if which == "Jy":
            return sum(0.5 * self.sy[i] for i in sel)
        if which == "Jz":
            return sum(0.5 * self.sz[i] for i in sel)
        if which == "Jp":
            return sum(self.sp[i] for i in sel)
        if which == "Jm":
            return sum(self.sm[i] for i in sel)
        if which == "J2":
            return sum(self.collective(a, sel) ** 2 for a in ("Jx", "Jy", "Jz"))
        raise ValueError(which)

    def expression(self, text):
        """Evaluate an openspins operator expression (docs/config.md) as a QuTiP operator."""
        allowed = re.fullmatch(r"[\sA-Za-z0-9_.()\[\]*+\-]*", text)
        assert allowed, text
        py = re.sub(r"\b(Jx|Jy|Jz|Jp|Jm|J2)\[(\w+)\]", r'_J("\1", "\2")', text)
        py = re.sub(r"\b(Jx|Jy|Jz|Jp|Jm|J2)\b(?!\")", r'_J("\1", None)', py)
        all_spins = list(range(self.n))
        names = {
            "sx": lambda i: self.sx[i], "sy": lambda i: self.sy[i], "sz": lambda i: self.sz[i],
            "sp": lambda i: self.sp[i], "sm": lambda i: self.sm[i],
            "Sx": lambda i: 0.5 * self.sx[i], "Sy": lambda i: 0.5 * self.sy[i],
            "Sz": lambda i: 0.5 * self.sz[i],
            "nup": lambda i: 0.5 * (self.identity + self.sz[i]),
            "ndown": lambda i: 0.5 * (self.identity - self.sz[i]),
            "_J": lambda w, sp: self.collective(w, all_spins if sp is None else self.species[sp]),
            "pi": math.pi,
        }
        value = eval(py, {"__builtins__": {}}, names)  # noqa: S307 — our own fixed strings
        if not isinstance(value, qutip.Qobj):
            value = value * self.identity
        return value

    def hamiltonian(self, scale=None):
        scale = scale or {}
        return sum((scale.get(name, 1.0) * op for name, op in self.terms), self.zero)

    def liouvillian(self, scale=None):
        scale = scale or {}
        c_ops = []
        for name, items in self.channels:
            s = scale.get(name, 1.0)
            c_ops += [math.sqrt(s * r) * L for r, L in items if s * r > 0]
        return qutip.liouvillian(self.hamiltonian(scale), c_ops)

    def initial_state(self, data_dir):
        init = self.case.get("initial", {"kind": "all_up"})
        kind = init.get("kind", "all_up")
        up, down = qutip.basis(2, 0), qutip.basis(2, 1)
        if kind == "all_up":
            return qutip.ket2dm(qutip.tensor([up] * self.n))
        if kind == "all_down":
            return qutip.ket2dm(qutip.tensor([down] * self.n))
        if kind == "product":
            if "bloch" in init:
                b = init["bloch"]
                vecs = b if isinstance(b[0], list) else [b] * self.n
            else:
                p = init["populations"]
                p = p if isinstance(p, list) else [p] * self.n
                vecs = [[0.0, 0.0, 2.0 * q - 1.0] for q in p]
            return qutip.tensor([0.5 * (qutip.qeye(2) + x * qutip.sigmax() + y * qutip.sigmay()
                                        + z * qutip.sigmaz()) for x, y, z in vecs])
        if kind == "thermal":
            h = self.hamiltonian()
            rho = (-h / init["temperature"]).expm()
            return rho / rho.tr()
        if kind == "file":
            rho_openspins = np.load(data_dir / init["path"])
            perm = bit_reversal(self.n)
            dims = [[2] * self.n, [2] * self.n]
            return qutip.Qobj(rho_openspins[np.ix_(perm, perm)], dims=dims)
        raise ValueError(kind)

    def columns(self):
        """(column name, operator or None for purity) in CSV order."""
        obs = self.case["output"]["observables"]
        all_spins = list(range(self.n))
        cols = []
        for o in ("Jx", "Jy", "Jz", "J2"):
            if o in obs:
                cols.append((o, self.collective(o, all_spins)))
        if "JpJm" in obs:
            cols.append(("JpJm", self.collective("Jp", all_spins) * self.collective("Jm", all_spins)))
        if "purity" in obs:
            cols.append(("purity", None))
        if "trace" in obs:
            cols.append(("trace", self.identity))
        if "species" in obs:
            for sp, sel in self.species.items():
                for o in ("Jx", "Jy", "Jz", "J2"):
                    cols.append((f"{o}[{sp}]", self.collective(o, sel)))
        if "spins" in obs:
            for i in range(self.n):
                cols += [(f"sx_{i}", self.sx[i]), (f"sy_{i}", self.sy[i]), (f"sz_{i}", self.sz[i])]
        for name, expr in self.case["output"].get("custom", {}).items():
            op = self.expression(expr)
            if op.isherm:
                cols.append((name, op))
            else:
                cols.append((f"{name}.re", ("re", op)))
                cols.append((f"{name}.im", ("im", op)))
        return cols


def bit_reversal(n):
    """perm[q] = openspins index of QuTiP basis index q (spin 0: MSB in QuTiP, LSB in openspins)."""
    return [int(format(q, f"0{n}b")[::-1], 2) for q in range(2 ** n)]


def evaluate(cols, rho):
    row = []
    for _, op in cols:
        if op is None:
            row.append(float(np.real((rho * rho).tr())))
        elif isinstance(op, tuple):
            value = (op[1] * rho).tr()
            row.append(float(np.real(value)) if op[0] == "re" else float(np.imag(value)))
        else:
            row.append(float(np.real((op * rho).tr())))
    return row


def flatten_protocol(steps):
    flat = []
    for s in steps:
        if "repeat" in s:
            for _ in range(s["repeat"]):
                flat += flatten_protocol(s["steps"])
        else:
            flat.append(s)
    return flat


def output_times(case, duration):
    t = case["time"]
    if "times" in t:
        return np.array(t["times"], dtype=float)
    stop = t.get("stop", duration)
    return np.linspace(0.0, stop, t.get("points", 101))


def rotation(model, pulse_step):
    pulse = pulse_step["pulse"]
    axis = pulse["axis"]
    axis = {"x": [1.0, 0.0, 0.0], "y": [0.0, 1.0, 0.0], "z": [0.0, 0.0, 1.0]}.get(axis, axis) \
        if isinstance(axis, str) else axis
    axis = np.array(axis, dtype=float)
    axis /= np.linalg.norm(axis)
    angle = math.radians(pulse["angle_deg"]) if "angle_deg" in pulse else pulse["angle"]
    sel = model.selection(pulse_step)
    generator = sum(0.5 * (axis[0] * model.sx[i] + axis[1] * model.sy[i] + axis[2] * model.sz[i]) for i in sel)
    return (-1j * angle * generator).expm()


def solve(model, rho0, rtol, atol):
    """States at the output times; an output at a pulse's time shows the post-pulse state."""
    steps = flatten_protocol(model.case.get("protocol", []))
    if not steps:
        duration = model.case["time"].get("stop")
        steps = [{"evolve": duration if duration else float(output_times(model.case, 0)[-1])}]
    duration = sum(s.get("evolve", 0.0) for s in steps)
    times = output_times(model.case, duration)
    options = qutip.Options(rtol=rtol, atol=atol, nsteps=10**7, store_states=True)
    states = {}
    rho, now = rho0, 0.0
    eps = 1e-12
    for step in steps:
        if "pulse" in step:
            u = rotation(model, step)
            rho = u * rho * u.dag()
            for k, t in enumerate(times):
                if abs(t - now) < eps:
                    states[k] = rho
            continue
        end = now + step["evolve"]
        inside = [k for k, t in enumerate(times) if now - eps <= t <= end + eps]
        tlist = sorted(set([now] + [float(times[k]) for k in inside if times[k] > now + eps] + [end]))
        result = qutip.mesolve(model.liouvillian(step.get("scale")), rho, tlist, [], [], options=options)
        for k in inside:
            j = int(np.argmin([abs(times[k] - t) for t in tlist]))
            states[k] = result.states[j]
        rho, now = result.states[-1], end
    assert len(states) == len(times), "some output times lie outside the protocol"
    return times, [states[k] for k in range(len(times))], steps


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(f"{x:.16g}" for x in row) + "\n")


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=root / "tests" / "data")
    parser.add_argument("--check", action="store_true",
                        help="also solve at rtol 1e-12, atol 1e-14 and print the largest difference")
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240607)

    for name, case in CASES.items():
        if args.cases and name not in args.cases:
            continue
        toml_text = to_toml(name, case)
        import tomllib
        tomllib.loads(toml_text)  # the writer must produce valid TOML
        (args.out / f"qutip_{name}.toml").write_text(toml_text)

        model = Model(case)
        if case["initial"].get("kind") == "file":
            # A random full-rank density matrix, stored in openspins' basis order.
            d = 2 ** model.n
            a = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
            rho = a @ a.conj().T
            rho /= np.trace(rho).real
            np.save(args.out / case["initial"]["path"], rho.astype(np.complex128))
        rho0 = model.initial_state(args.out)
        assert abs(rho0.tr() - 1) < 1e-12 and rho0.isherm

        cols = model.columns()
        times, states, steps = solve(model, rho0, RTOL, ATOL)
        rows = [[t] + evaluate(cols, s) for t, s in zip(times, states)]
        header = ["t"] + [c for c, _ in cols]
        write_csv(args.out / f"qutip_{name}.csv", header, rows)
        message = f"{name}: N={model.n}, {len(rows)} rows, {len(header)} columns"

        if case["method"].get("steady_state"):
            last = [s for s in steps if "evolve" in s][-1]
            rho_ss = qutip.steadystate(model.liouvillian(last.get("scale")))
            write_csv(args.out / f"qutip_{name}_steady_state.csv", header[1:], [evaluate(cols, rho_ss)])
            message += ", steady state"

        if args.check:
            _, tight, _ = solve(model, rho0, 1e-12, 1e-14)
            diff = max(abs(a - b) for s, u in zip(states, tight)
                       for a, b in zip(evaluate(cols, s), evaluate(cols, u)))
            message += f", max |rtol 1e-10 − rtol 1e-12| = {diff:.1e}"
        print(message)


if __name__ == "__main__":
    sys.exit(main())
