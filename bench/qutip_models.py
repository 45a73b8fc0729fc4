#!/usr/bin/python3
"""QuTiP side of bench/exact_vs_qutip.py: the benchmark model solved with qutip.mesolve.

Run with Debian's interpreter (/usr/bin/python3, python3-qutip 4.7.1); the `python3`
on a developer's PATH may not have QuTiP.

Model (the same one bench/exact_vs_qutip.py writes as an openspins run file):
    H      = Σ_i (ω/2) σ^z_i                       (openspins: zeeman = "+", frequency ω)
    c_ops  = √γ σ^-_i, √γ_φ σ^z_i  for every i,    √Γ Σ_i σ^-_i
    ρ(0)   = |↑…↑⟩⟨↑…↑|,     observable J_z = ½ Σ_i σ^z_i
QuTiP conventions used here: basis(2, 0) = |↑⟩ with sigmaz() = +1 on it, and
sigmam() = |1⟩⟨0| = |↓⟩⟨↑| lowers ↑ → ↓, as openspins' σ^- does. Spin 0 is the
leftmost tensor factor (openspins stores spin 0 in the least significant bit); only
expectation values are compared, and those do not depend on the ordering.

Prints one JSON object on stdout: timings of the Liouvillian build and of the
integration (measured separately), the Liouvillian's size and non-zeros, and ⟨J_z⟩(t).
Peak memory is measured from outside (the caller runs this under /usr/bin/time -v).
"""
import argparse
import json
import sys
import time

import numpy as np
import qutip


def local_operator(op, i, n):
    """op acting on spin i of n (spin 0 = leftmost tensor factor)."""
    factors = [qutip.qeye(2)] * n
    factors[i] = op
    return qutip.tensor(factors)


def benchmark_model(n, omega=1.0, gamma=0.1, gamma_phi=0.05, gamma_coll=0.2):
    """H, collapse operators, ρ(0) and J_z of the benchmark model for n spins."""
    sz = [local_operator(qutip.sigmaz(), i, n) for i in range(n)]
    sm = [local_operator(qutip.sigmam(), i, n) for i in range(n)]
    hamiltonian = sum(0.5 * omega * s for s in sz)
    c_ops = [np.sqrt(gamma) * s for s in sm]
    c_ops += [np.sqrt(gamma_phi) * s for s in sz]
    c_ops.append(np.sqrt(gamma_coll) * sum(sm))
    up = qutip.tensor([qutip.basis(2, 0)] * n)
    rho0 = qutip.ket2dm(up)
    jz = 0.5 * sum(sz)
    return hamiltonian, c_ops, rho0, jz


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of spins")
    parser.add_argument("--stop", type=float, default=10.0)
    parser.add_argument("--points", type=int, default=101)
    parser.add_argument("--rtol", type=float, default=1e-6)
    parser.add_argument("--atol", type=float, default=1e-8)
    parser.add_argument("--method", default="adams", choices=["adams", "bdf"])
    parser.add_argument("--omega", type=float, default=1.0)
    parser.add_argument("--gamma", type=float, default=0.1)
    parser.add_argument("--gamma-phi", type=float, default=0.05)
    parser.add_argument("--gamma-coll", type=float, default=0.2)
    args = parser.parse_args()

    times = np.linspace(0.0, args.stop, args.points)

    # Liouvillian build: operators, tensor products and the sparse superoperator.
    t0 = time.perf_counter()
    hamiltonian, c_ops, rho0, jz = benchmark_model(
        args.n, args.omega, args.gamma, args.gamma_phi, args.gamma_coll)
    liouvillian = qutip.liouvillian(hamiltonian, c_ops)
    build_seconds = time.perf_counter() - t0
    nnz = int(liouvillian.data.nnz)

    options = qutip.Options(rtol=args.rtol, atol=args.atol, nsteps=10**7, method=args.method)
    t1 = time.perf_counter()
    result = qutip.mesolve(liouvillian, rho0, times, [], [jz], options=options)
    integrate_seconds = time.perf_counter() - t1

    json.dump({
        "n": args.n,
        "rtol": args.rtol,
        "atol": args.atol,
        "method": args.method,
        "liouvillian_dimension": int(liouvillian.shape[0]),
        "liouvillian_nnz": nnz,
        "build_seconds": build_seconds,
        "integrate_seconds": integrate_seconds,
        "t": times.tolist(),
        "Jz": [float(x) for x in np.real(result.expect[0])],
        "qutip_version": qutip.__version__,
        "numpy_version": np.__version__,
        "scipy_version": __import__("scipy").__version__,
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
