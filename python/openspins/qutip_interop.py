"""QuTiP ↔ openspins: operators and states, converted exactly.

Basis order (docs/conventions.md). openspins: |b⟩ with b = Σ_i bit_i 2^i, spin 0 the *least*
significant bit, bit 0 = |↑⟩ (σ^z = +1). QuTiP: ``tensor(s_0, …, s_{N−1})`` makes spin 0 the
*most* significant factor, and ``basis(2, 0)`` is the σ^z = +1 state of ``sigmaz()``. So the two
orders differ by reversing the N bits of each index; nothing else (no sign, no phase) changes.

An operator becomes an operator expression of matrix units — one product per non-zero entry,
``c * u_0(0) * u_1(1) * …`` with u = nup (|↑⟩⟨↑|), ndown (|↓⟩⟨↓|), sp (|↑⟩⟨↓|), sm (|↓⟩⟨↑|) —
and the coefficient c written with ``repr`` (17 significant digits at most, read back by
``std::from_chars`` to the same double). The library then holds exactly the matrix's entries.
"""

from __future__ import annotations

import numpy as np

try:  # QuTiP is optional: without it, matrices are numpy arrays in openspins' order.
    import qutip as _qutip
except ImportError:  # pragma: no cover - exercised only where qutip is missing
    _qutip = None


def qutip_available() -> bool:
    return _qutip is not None


def bit_reversal(spins: int) -> np.ndarray:
    """perm[b] = the index with the N bits of b reversed (its own inverse)."""
    index = np.arange(2**spins)
    reversed_index = np.zeros_like(index)
    for i in range(spins):
        reversed_index |= ((index >> i) & 1) << (spins - 1 - i)
    return reversed_index


def _is_qobj(x) -> bool:
    return _qutip is not None and isinstance(x, _qutip.Qobj)


def _spins_of_dims(dims, what: str) -> int:
    flat = [d for d in dims if d != 1]
    if not flat or any(d != 2 for d in flat):
        raise ValueError(f"{what}: QuTiP dims {dims} are not a tensor product of spin-1/2 (2-level) spaces")
    return len(flat)


def from_qutip_order(matrix: np.ndarray, spins: int) -> np.ndarray:
    """A 2^N × 2^N matrix in QuTiP's tensor order → openspins' basis order."""
    p = bit_reversal(spins)
    return np.ascontiguousarray(matrix[np.ix_(p, p)])


def to_qutip_order(matrix: np.ndarray, spins: int) -> np.ndarray:
    """openspins' basis order → QuTiP's tensor order (the same permutation: it is an involution)."""
    return from_qutip_order(matrix, spins)


def operator_matrix(operator, spins: int | None = None) -> np.ndarray:
    """A Qobj (QuTiP order) or a square numpy array (openspins order) → complex matrix in openspins order."""
    if _is_qobj(operator):
        if not operator.isoper:
            raise ValueError(f"expected an operator, got a QuTiP {operator.type}")
        n = _spins_of_dims(operator.dims[0], "operator")
        if spins is not None and n != spins:
            raise ValueError(f"operator acts on {n} spins, the model has {spins}")
        return from_qutip_order(operator.full(), n)
    matrix = np.asarray(operator, dtype=complex)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] & (matrix.shape[0] - 1):
        raise ValueError(f"expected a 2^N × 2^N matrix, got shape {matrix.shape}")
    n = matrix.shape[0].bit_length() - 1
    if spins is not None and n != spins:
        raise ValueError(f"matrix is {matrix.shape[0]} × {matrix.shape[0]}: {n} spins, the model has {spins}")
    return matrix


_UNIT = {(0, 0): "nup", (1, 1): "ndown", (0, 1): "sp", (1, 0): "sm"}


def _magnitude_text(x: float) -> str:
    return repr(abs(float(x)))


def matrix_expression(matrix: np.ndarray) -> str:
    """A matrix in openspins order → an operator expression with exactly its entries."""
    spins = matrix.shape[0].bit_length() - 1
    pieces: list[str] = []
    rows, cols = np.nonzero(matrix)
    for r, c in zip(rows.tolist(), cols.tolist()):
        value = complex(matrix[r, c])
        units = "*".join(f"{_UNIT[((r >> i) & 1, (c >> i) & 1)]}({i})" for i in range(spins))
        re, im = value.real, value.imag
        if im == 0.0:
            sign, coefficient = ("-" if re < 0 else "+"), _magnitude_text(re)
        elif re == 0.0:
            sign, coefficient = ("-" if im < 0 else "+"), _magnitude_text(im) + "j"
        else:
            sign = "+"
            # "(-0.5 + 1j)": a unary minus inside the parentheses; re + i·im is formed exactly.
            coefficient = f"({repr(float(re))} {'-' if im < 0 else '+'} {_magnitude_text(im)}j)"
        term = f"{coefficient}*{units}" if units else coefficient
        pieces.append((sign, term))
    if not pieces:
        return "0"
    text = ("-" if pieces[0][0] == "-" else "") + pieces[0][1]
    for sign, term in pieces[1:]:
        text += f" {sign} {term}"
    return text


def operator_expression(operator, spins: int | None = None) -> str:
    """A Qobj or matrix → operator expression (exact; see the module docstring)."""
    return matrix_expression(operator_matrix(operator, spins))


def density_matrix(state) -> np.ndarray:
    """A Qobj ket or density matrix (QuTiP order), or a numpy ρ (openspins order) → ρ in openspins order."""
    if _is_qobj(state):
        if state.isket:
            n = _spins_of_dims(state.dims[0], "state")
            psi = state.full().ravel()
            rho = np.outer(psi, psi.conj())
        elif state.isoper:
            n = _spins_of_dims(state.dims[0], "state")
            rho = state.full()
        else:
            raise ValueError(f"expected a ket or a density matrix, got a QuTiP {state.type}")
        return from_qutip_order(np.asarray(rho, dtype=complex), n)
    return np.ascontiguousarray(operator_matrix(state))


def to_qobj(rho: np.ndarray):
    """ρ in openspins order (2^N × 2^N) → Qobj in QuTiP's tensor order, dims [[2]*N, [2]*N]."""
    if _qutip is None:
        raise ImportError("qutip is not importable (Debian: python3-qutip)")
    n = rho.shape[0].bit_length() - 1
    return _qutip.Qobj(to_qutip_order(np.asarray(rho), n), dims=[[2] * n, [2] * n])
