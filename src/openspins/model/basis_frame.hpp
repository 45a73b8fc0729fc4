// An orthonormal basis other than the product basis in which a model's operators are written.
//
// The redfield method's eigenbasis path (method/redfield/derived_generator.hpp) writes H_S, the
// Davies jumps, the model's own channels and the observables in the eigenbasis of H_S,
// Õ = V†OV, where each jump is sparse. The exact method then stores ρ̃ = V†ρV: it builds the
// initial state in the product basis and transforms it, and applies pulses (spin rotations in the
// product basis) as ρ̃ → V†R(Vρ̃V†)R†V. Traces, purities and eigenvalues of ρ do not depend on the
// basis. Dense: d = 2^N, so only for the small N of the eigenbasis path.
#pragma once

#include <Eigen/Dense>

namespace openspins {

struct BasisFrame {
    Eigen::MatrixXcd v;  // columns: the frame's basis vectors in the product basis (unitary)
    // When the columns are eigenvectors of H_S: their energies (the bare Bohr frequencies
    // E_a − E_b label the generator's blocks, method/redfield/bohr_block_spectrum.hpp); else empty.
    Eigen::VectorXd energies;
};

}  // namespace openspins
