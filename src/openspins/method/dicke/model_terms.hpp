// The parts of a Model the Dicke-basis generators use, in their symbolic forms
// (collective polynomials, channel kinds and rates), shared by the spin-only and the
// cavity paths of the dicke method.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "openspins/method/dicke/dicke_generator.hpp"
#include "openspins/model/model.hpp"

namespace openspins::dicke {

// The generator's terms with the strengths and rates of one evolve step (`scale`:
// factors by term or channel name, default 1).
GeneratorTerms generator_terms(const Model& model, const std::map<std::string, double>& scale);

// The spins' H at t = 0 (thermal initial states; terms with mode operators are not part of it).
CollectivePolynomial initial_hamiltonian(const Model& model);

// c in H_Z = c·Jz from the Zeeman term, when there is one.
std::optional<double> zeeman_scale(const Model& model);

}  // namespace openspins::dicke
