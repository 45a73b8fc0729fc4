// Matrices of spin operators (dense, or sparse) and back, for the eigenbasis path of the
// redfield method and the generator spectrum (small N only: d = 2^N rows).
// Basis order as in spin_operator.hpp: index b = Σ_i bit_i 2^i, bit 0 = |↑⟩.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <vector>

#include "openspins/model/spin_operator.hpp"

namespace openspins::redfield {

// ⟨r|op|c⟩ as a 2^N × 2^N matrix.
Eigen::MatrixXcd dense_matrix(const SpinOperator& op, int n_spins);

// The same, storing only the non-zero entries (the jumps of the eigenbasis frame).
Eigen::SparseMatrix<complex> sparse_matrix(const SpinOperator& op, int n_spins);

// The operator Σ_{r,c} M_rc |r⟩⟨c| as full-width monomials (entries with |M_rc| ≤ drop·max|M|
// are left out).
SpinOperator from_dense_matrix(const Eigen::MatrixXcd& m, int n_spins, double drop = 1e-15);

// One element M_rc of a sparse matrix.
struct MatrixEntry {
    Eigen::Index row = 0, col = 0;
    complex value;
};

// Σ value |row⟩⟨col| as full-width monomials (one per entry; entries at distinct positions).
SpinOperator matrix_units(const std::vector<MatrixEntry>& entries, int n_spins);

}  // namespace openspins::redfield
