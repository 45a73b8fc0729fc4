// Density matrices written into a results directory ([output] final_state,
// steady_state_density) in a format [initial] kind = "file" reads back, so runs chain:
//   full 2^N matrix (exact, redfield, analytic) → <stem>.npy: NumPy complex128, C order,
//     shape (2^N, 2^N), openspins' product basis (model/density_file.hpp reads it);
//   Dicke blocks (dicke) → <stem>.dicke.txt (model/dicke_state_file.hpp).
// The .npy holds the doubles bit for bit.
#pragma once

#include <Eigen/Dense>
#include <filesystem>
#include <string>

#include "openspins/model/density_blocks.hpp"

namespace openspins {

void write_npy_matrix(const std::filesystem::path& file, const Eigen::MatrixXcd& matrix);

// Writes `state` as `directory/<stem>.npy` or `directory/<stem>.dicke.txt`; returns the file name.
std::string write_state_file(const std::filesystem::path& directory, const std::string& stem,
                             const DensityBlocks& state);

}  // namespace openspins
