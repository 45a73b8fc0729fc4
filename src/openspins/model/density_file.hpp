// Reading a density matrix from a file: NumPy .npy (complex128 or float64, C or
// Fortran order, D × D) or text (D rows of 2D numbers "re im re im …").
// The basis order is openspins' (spin 0 = least significant bit, bit 0 = |↑⟩).
#pragma once

#include <Eigen/Dense>
#include <string>

namespace openspins {

// Throws ModelError naming the file for unreadable content or a wrong shape.
Eigen::MatrixXcd read_density_file(const std::string& path, Eigen::Index dimension);

}  // namespace openspins
