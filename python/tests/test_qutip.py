"""QuTiP interop: Qobj operators and states converted exactly, in QuTiP's tensor order."""
import numpy as np
import pytest

import openspins
from openspins.qutip_interop import bit_reversal, matrix_expression

qutip = pytest.importorskip("qutip")


def test_bit_reversal_maps_qutip_products_to_openspins_indices():
    # QuTiP: spin 0 is the most significant factor; openspins: the least significant bit.
    up, down = qutip.basis(2, 0), qutip.basis(2, 1)
    psi = qutip.tensor(up, down, down)  # spin 0 ↑, spins 1, 2 ↓ → openspins index 0b110 = 6
    rho = openspins.density_matrix(psi)
    assert rho[6, 6] == 1.0 and np.count_nonzero(rho) == 1
    assert np.array_equal(bit_reversal(3)[bit_reversal(3)], np.arange(8))


def test_states_round_trip_through_qobj():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(8, 8)) + 1j * rng.normal(size=(8, 8))
    rho = qutip.Qobj(a @ a.conj().T, dims=[[2, 2, 2], [2, 2, 2]]).unit()
    back = openspins.to_qobj(openspins.density_matrix(rho))
    assert back.dims == rho.dims
    assert np.array_equal(back.full(), rho.full())


def test_operator_expression_holds_the_matrix_exactly():
    # A random complex 3-spin operator measured as a custom observable on a random state:
    # ⟨A⟩ = Tr(ρA) from the library equals numpy's to rounding (the entries are exact; only the
    # sums differ in order).
    rng = np.random.default_rng(2)
    a = qutip.Qobj(rng.normal(size=(8, 8)) + 1j * rng.normal(size=(8, 8)), dims=[[2] * 3] * 2)
    b = rng.normal(size=(8, 8)) + 1j * rng.normal(size=(8, 8))
    rho = qutip.Qobj(b @ b.conj().T, dims=[[2] * 3] * 2).unit()
    m = (openspins.Model().spins(count=3, frequency=0.0).initial(rho).observable("A", a)
         .times(times=[0.0, 1e-9]).observables("trace"))
    r = openspins.run(m, progress=False)
    expected = (rho * a).tr()
    assert abs(r["A.re"][0] - expected.real) < 1e-12
    assert abs(r["A.im"][0] - expected.imag) < 1e-12
    # Entry by entry: every coefficient appears with repr's digits, which read back exactly.
    matrix = openspins.qutip_interop.operator_matrix(a)
    text = matrix_expression(matrix)
    assert text.count("*nup(0)") + text.count("*ndown(0)") + text.count("*sp(0)") + text.count("*sm(0)") == 64


def test_tensor_order_of_terms_jumps_and_states():
    # Spin 1 alone is driven (Ω σ^x/2 on the second tensor factor); spin 0 alone decays
    # (σ^- on the first factor), from |↑↑⟩: ⟨σ^z_0⟩ = 2e^{−γt} − 1, ⟨σ^z_1⟩ = cos Ωt.
    omega, gamma = 2.0, 0.3
    drive_on_1 = 0.5 * omega * qutip.tensor(qutip.qeye(2), qutip.sigmax())
    decay_of_0 = qutip.tensor(qutip.sigmam(), qutip.qeye(2))
    psi0 = qutip.tensor(qutip.basis(2, 0), qutip.basis(2, 0))
    m = (openspins.Model().spins(count=2, frequency=0.0).term(drive_on_1).channel(operator=decay_of_0, rate=gamma)
         .initial(psi0).times(stop=2.0, points=21).observables("spins").method("exact", rtol=1e-10, atol=1e-12))
    r = openspins.run(m, final_state=True, progress=False)
    t = r.times
    assert np.max(np.abs(r["sz_0"] - (2 * np.exp(-gamma * t) - 1))) < 1e-8
    assert np.max(np.abs(r["sz_1"] - np.cos(omega * t))) < 1e-8
    final = r.final_state_qobj
    assert final.dims == [[2, 2], [2, 2]]
    # The same expectation values from the returned Qobj, with QuTiP's own operators.
    sz0 = qutip.tensor(qutip.sigmaz(), qutip.qeye(2))
    sz1 = qutip.tensor(qutip.qeye(2), qutip.sigmaz())
    assert abs(qutip.expect(sz0, final) - r["sz_0"][-1]) < 1e-12
    assert abs(qutip.expect(sz1, final) - r["sz_1"][-1]) < 1e-12


def test_a_model_with_an_in_memory_state_saves_and_reloads(tmp_path):
    psi = qutip.tensor(qutip.basis(2, 1), qutip.basis(2, 0))
    m = openspins.Model().spins(count=2, frequency=1.0).zeeman("+").initial(psi).times(stop=1.0, points=3)
    m.save(tmp_path / "m.toml")
    again = openspins.Model.from_toml(tmp_path / "m.toml")
    assert again.data == m.data
    r1 = openspins.run(m, progress=False)
    r2 = openspins.run(again, progress=False)
    assert np.array_equal(r1.values, r2.values)
    assert r1["Jz"][0] == 0.0
