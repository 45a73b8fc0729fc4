// Method "redfield": the master equation derived from the model's baths and couplings
// (model/bath/environment.hpp) — secular Davies Lindblad, partial-secular Lindblad or
// non-secular Bloch–Redfield, with or without Lamb shift, under a chosen thermal
// treatment (derived_generator.hpp, docs/methods/redfield.md) — added to the model's own
// Hamiltonian and channels, and integrated by the exact method's matrix-free kernel.
//
// Limits: without spin–spin terms or drives in H_S the Bohr components of the couplings are
// sums of their own monomials and N is as for the exact method (≈ 12–14); with them H_S is
// diagonalised densely (Bloch–Redfield N ≤ 6; Davies / partial secular N ≤ 8, run in the
// eigenbasis of H_S beyond N = 3).
// Protocol steps may scale channels but not Hamiltonian terms (the derivation assumes
// the H_S it was derived for). The recorded notes name the generator, the treatment and
// every bath.
#pragma once

#include "openspins/method/method.hpp"
#include "openspins/method/redfield/derived_generator.hpp"

namespace openspins {

class RedfieldMethod final : public Method {
public:
    [[nodiscard]] std::string name() const override { return "redfield"; }
    void validate(const RunSpec& spec) const override;
    [[nodiscard]] std::size_t memory_estimate(const RunSpec& spec) const override;
    [[nodiscard]] std::string storage_description(const RunSpec& spec) const override;
    // Chosen on the derived spec: its channels carry the bath rates the exact kernel integrates.
    [[nodiscard]] IntegratorChoice integrator_choice(const RunSpec& spec) const override;
    RunResult run(const RunSpec& spec, const RunControl& control) const override;

    // The spec the exact kernel integrates: the model's terms and channels plus the derived
    // ones (names prefixed "bath:"), environment cleared.
    // Coupled spins under davies / partial_secular beyond N = 4 are written in the eigenbasis of
    // H_S (model.frame set; derived_generator.hpp); `form` forces either basis (tests).
    [[nodiscard]] static RunSpec derived_spec(
        const RunSpec& spec, std::map<std::string, std::string>* notes = nullptr,
        redfield::EigenbasisForm form = redfield::EigenbasisForm::automatic);
};

}  // namespace openspins
