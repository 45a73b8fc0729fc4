#include "openspins/model/spin_system.hpp"

#include <numeric>
#include <random>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {
std::vector<double> draw_frequencies(const Species& s) {
    if (!s.frequencies.empty()) return s.frequencies;
    std::vector<double> omega(static_cast<std::size_t>(s.count), s.frequency);
    if (s.broadening.kind == Broadening::Kind::none || s.broadening.width == 0.0) return omega;
    // mt19937_64 output is specified by the standard; the distributions are not
    // portable across library vendors, which is acceptable: the seed fixes a run
    // on one build and the drawn values are echoed into the metadata.
    std::mt19937_64 engine(s.broadening.seed);
    if (s.broadening.kind == Broadening::Kind::uniform) {
        std::uniform_real_distribution<double> u(-0.5 * s.broadening.width, 0.5 * s.broadening.width);
        for (auto& w : omega) w += u(engine);
    } else {
        std::normal_distribution<double> g(0.0, s.broadening.width);
        for (auto& w : omega) w += g(engine);
    }
    return omega;
}
}  // namespace

SpinSystem::SpinSystem(std::vector<Species> species) : species_(std::move(species)) {
    for (std::size_t k = 0; k < species_.size(); ++k) {
        const auto omega = draw_frequencies(species_[k]);
        frequency_.insert(frequency_.end(), omega.begin(), omega.end());
        species_index_.insert(species_index_.end(), omega.size(), static_cast<int>(k));
    }
}

std::vector<int> SpinSystem::spins_of(const std::string& name) const {
    std::vector<int> spins;
    bool found = false;
    for (int i = 0; i < size(); ++i)
        if (species_[static_cast<std::size_t>(species_index_[static_cast<std::size_t>(i)])].name == name) {
            spins.push_back(i);
            found = true;
        }
    if (!found) {
        for (const auto& s : species_)
            if (s.name == name) return spins;
        std::vector<std::string> known;
        for (const auto& s : species_) known.push_back(s.name);
        throw ModelError(messages::unknown_species(name, known));
    }
    return spins;
}

std::vector<int> SpinSystem::all_spins() const {
    std::vector<int> spins(static_cast<std::size_t>(size()));
    std::iota(spins.begin(), spins.end(), 0);
    return spins;
}

const std::string& SpinSystem::species_of(int spin) const {
    return species_[static_cast<std::size_t>(species_index_[static_cast<std::size_t>(spin)])].name;
}

}  // namespace openspins
