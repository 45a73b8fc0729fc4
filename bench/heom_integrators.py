#!/usr/bin/python3
"""Where openspins' heom time goes: integrator statistics on bench/heom_vs_qutip.py's model.

    /usr/bin/python3 bench/heom_integrators.py --build build --cases 2:4 2:5 2:6 3:4 3:5 \
        --integrators adams bdf erk [--qutip]

For each case N:depth and integrator: CVODE/ARKODE steps, right-hand sides (incl. GMRES products),
error-test failures, the average step (t_end / steps), openspins' CPU seconds (user + sys of the
child, /usr/bin/time) and its rhs_seconds; with --qutip the same for QuTiP's zvode (steps NST,
right-hand sides NFE from scipy's iwork, the order it ended at, CPU seconds of the run). Also the
hierarchy's largest decay depth·max Re ν and, for QuTiP's sparse hierarchy Liouvillian (N·depth
small enough), its spectrum's extreme real part and largest modulus (dense eigenvalues). `uptime`
is printed first and last. Extra `[method]` keys: --extra 'restarts = 0'.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from heom_vs_qutip import toml_of  # noqa: E402

QUTIP_CHILD = r'''
import json, sys, time, resource
import numpy as np
import qutip as q
from qutip.nonmarkov.heom import DrudeLorentzPadeBath, HEOMSolver
n, depth, spectrum = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
def op_on(i, s):
    ops = [q.qeye(2)] * n
    ops[i] = s
    return q.tensor(ops)
H = sum(-(1 + 0.15 * i) * op_on(i, 0.5 * q.sigmaz()) for i in range(n))
L = q.liouvillian(H)
baths = []
for i in range(n):
    b = DrudeLorentzPadeBath(op_on(i, 0.5 * q.sigmax()) / np.sqrt(2.0), lam=0.1, gamma=0.5, T=1.0, Nk=1)
    L = L + b.terminator()[1]
    baths.append(b)
rho0 = q.tensor([0.5 * (q.qeye(2) + q.sigmax())] * n)
t = np.linspace(0, 10, 21)
solver = HEOMSolver(L, baths, depth, options=q.Options(rtol=1e-8, atol=1e-10, nsteps=10**8))
c0 = time.process_time()
solver.run(rho0, t)
cpu = time.process_time() - c0
iw = solver._ode._integrator.iwork
out = {"steps": int(iw[10]), "rhs": int(iw[11]), "order": int(iw[13]), "cpu": cpu,
       "rates": [complex(e.vk).real for b in baths for e in b.exponents]}
if spectrum:
    ev = np.linalg.eigvals(solver.RHSmat.toarray())
    out.update({"min_re": float(ev.real.min()), "max_abs": float(np.abs(ev).max()),
                "max_im": float(np.abs(ev.imag).max())})
print(json.dumps(out))
'''


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--cases", nargs="+", default=["2:4", "2:5", "2:6", "3:4", "3:5"])
    ap.add_argument("--integrators", nargs="+", default=["adams", "bdf"])
    ap.add_argument("--extra", default="")
    ap.add_argument("--qutip", action="store_true")
    ap.add_argument("--spectrum-below", type=int, default=3000, help="dense eigenvalues up to this size")
    args = ap.parse_args()
    cli = str((ROOT / args.build / "openspins").resolve())
    print("uptime before:", uptime(), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        for case in args.cases:
            n, d = (int(x) for x in case.split(":"))
            for integ in args.integrators:
                text = toml_of(n, d, integ).replace("[spins]", f"{args.extra}\n[spins]")
                toml = work / "run.toml"
                toml.write_text(text)
                out = work / "out"
                times = work / "time.txt"
                subprocess.run(["/usr/bin/time", "-f", "%U %S", "-o", str(times), cli, "run", str(toml), "--output",
                                str(out), "--force", "-q"], check=True)
                user, system = (float(x) for x in times.read_text().split()[-2:])
                meta = json.loads((out / "metadata.json").read_text())
                st = meta.get("statistics", {})
                steps = st.get("steps", 0)
                print(json.dumps({"N": n, "depth": d, "solver": integ, "steps": steps,
                                  "rhs": st.get("rhs_evaluations"), "failed": st.get("failed_steps"),
                                  "avg_step": 10.0 / steps if steps else None, "cpu": round(user + system, 3),
                                  "rhs_seconds": float(meta["notes"]["rhs_seconds"]),
                                  "wall": meta["wall_seconds"]}), flush=True)
            if args.qutip:
                size = 4 ** n * int(__import__("math").comb(2 * n + d, d))
                r = subprocess.run([sys.executable, "-c", QUTIP_CHILD, str(n), str(d),
                                    "1" if size <= args.spectrum_below else "0"],
                                   capture_output=True, text=True, check=True)
                res = json.loads(r.stdout.strip().splitlines()[-1])
                res.update({"N": n, "depth": d, "solver": "qutip zvode adams", "max_decay": d * max(res["rates"]),
                            "avg_step": 10.0 / res["steps"]})
                print(json.dumps(res), flush=True)
    print("uptime after:", uptime(), flush=True)


if __name__ == "__main__":
    main()
