#!/usr/bin/python3
"""Steps and right-hand sides of QuTiP's integrator (scipy's zvode, Adams) on the Ising chain.

QuTiP 4.7.1's mesolve does not report them, so this calls zvode as mesolve does (Adams,
order ≤ 12, nsteps 10^7, automatic first step) on QuTiP's Liouvillian of the chain of
bench/ising_chain_vs_qutip.py, stopping at the same 100 output times, and prints zvode's own
counters (steps, RHS evaluations, last order) next to the RHS calls it made. Compare with
openspins's `steps` and `rhs_calls` in the run's metadata.json (docs/methods/exact.md, "CVODE's
cost per step").

    /usr/bin/python3 bench/ising_chain_zvode_steps.py 8 [rtol atol]
"""
import sys
import time

import numpy as np
import qutip
import scipy.integrate

n = int(sys.argv[1])
rtol = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-6
atol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-8
hz, jx, gamma, stop, points = 0.2, 1.0, 1.0, 10.0, 100


def op(o, i):
    factors = [qutip.qeye(2)] * n
    factors[i] = o
    return qutip.tensor(factors)


sx = [op(qutip.sigmax(), i) for i in range(n)]
sz = [op(qutip.sigmaz(), i) for i in range(n)]
sm = [op(qutip.sigmam(), i) for i in range(n)]
H = hz * sum(sz) + jx * sum(sx[i] * sx[i + 1] for i in range(n - 1))
L = qutip.liouvillian(H, [np.sqrt(gamma) * s for s in sm]).data.tocsr()
rho0 = qutip.ket2dm(qutip.tensor([qutip.basis(2, 1)] * n))
calls = [0]


def rhs(_t, y):
    calls[0] += 1
    return L @ y


solver = scipy.integrate.ode(rhs)
solver.set_integrator("zvode", method="adams", order=12, atol=atol, rtol=rtol, nsteps=10**7,
                      first_step=0, min_step=0, max_step=0)
solver.set_initial_value(qutip.operator_to_vector(rho0).full().ravel(), 0.0)
cpu = time.process_time()
for t in np.linspace(0.0, stop, points)[1:]:
    solver.integrate(t)
iwork = solver._integrator.iwork  # ZVODE's IWORK: 11 NST, 12 NFE, 14 NQU (1-based)
print(f"N = {n}, rtol {rtol:g}, atol {atol:g}: zvode {iwork[10]} steps, {iwork[11]} RHS "
      f"({calls[0]} calls seen), last order {iwork[13]}; CPU {time.process_time() - cpu:.2f} s")
