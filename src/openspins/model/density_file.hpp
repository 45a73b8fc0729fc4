// Reading a density matrix from a file: NumPy .npy (complex128 or float64, C or
// Fortran order, D × D) or text (D rows of 2D numbers "re im re im …", separated by
// spaces or commas; blank lines and lines starting with '#' are skipped).
// The basis order is openspins' (spin 0 = least significant bit, bit 0 = |↑⟩).
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>

namespace openspins {

// Throws DataFileError naming the file (and, for text, the line) for a file that is not
// a regular readable file, is far larger than a D × D matrix can be, has unreadable
// content or a wrong shape. Nothing is read before the size is checked, so a wrong path
// to a huge file fails at once.
Eigen::MatrixXcd read_density_file(const std::string& path, Eigen::Index dimension);

// The largest file that can hold a D × D matrix in each format: 2·D² numbers of up to 64
// characters each plus 1 MiB of comments for text; the data plus NumPy's header for .npy.
std::uintmax_t density_file_size_limit(Eigen::Index dimension, bool npy);

}  // namespace openspins
