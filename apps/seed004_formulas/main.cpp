// seed004_formulas: evaluates the library's seed-004 formulas (src/openspins/method/analytic/
// mean_field_mode_model.hpp and its siblings) for spins ½ and one mode, for the validation script
// docs/validation/seed004_mean_field.py — so the report plots the library's numbers, not a copy.
//
// Input (JSON on stdin):
//   {"omega0": ω₀, "omega": ω, "g": g (real), "lambda": λ, "alpha": [Re α, Im α],
//    "G": "sigma_x" | "sigma_z", "bloch": [x, y, z] (μ_S = ½(1 + r·σ)), "A": "sigma_x" | "sigma_y" | "sigma_z",
//    "temperature": T (for (1.31) only), "N": [N₁, …] (finite-N energy-conserving model),
//    "times": [t₁, …]}
// with h = (ω₀/2)σ^z. Output (JSON on stdout): {"t": [...], "<column>": [...], "skipped": {"<column>": why}}.
// Columns: N_2_9 (general λ² form), N_2_9_printed, N_2_18, N_2_18_printed, N_1_25, N_1_25_printed,
// P0_1_25, P0_1_25_printed, P0_finite_<N>, N_finite_<N>, free_A (1.28), F_1_29 (first order),
// F_1_31, F_1_31_printed.
#include <complex>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "openspins/errors.hpp"
#include "openspins/method/analytic/energy_conserving_mode.hpp"
#include "openspins/method/analytic/fluctuation_observable.hpp"
#include "openspins/method/analytic/free_intensive_dynamics.hpp"
#include "openspins/method/analytic/mode_excitation_second_order.hpp"

namespace {

using openspins::analytic::MeanFieldModeModel;
using Matrix = Eigen::MatrixXcd;
using complex = std::complex<double>;

Matrix pauli(const std::string& name) {
    Matrix m = Matrix::Zero(2, 2);
    const complex i(0.0, 1.0);
    if (name == "sigma_x") {
        m(0, 1) = 1.0;
        m(1, 0) = 1.0;
    } else if (name == "sigma_y") {
        m(0, 1) = -i;
        m(1, 0) = i;
    } else if (name == "sigma_z") {
        m(0, 0) = 1.0;
        m(1, 1) = -1.0;
    } else {
        throw std::invalid_argument("unknown operator '" + name + "' (sigma_x, sigma_y, sigma_z)");
    }
    return m;
}

}  // namespace

int main() {
    try {
        const auto in = nlohmann::json::parse(std::cin);
        MeanFieldModeModel model;
        const double omega0 = in.at("omega0").get<double>();
        model.h = 0.5 * omega0 * pauli("sigma_z");
        model.G = pauli(in.value("G", std::string("sigma_x")));
        const auto bloch = in.at("bloch").get<std::vector<double>>();
        model.rho = 0.5 * (Matrix::Identity(2, 2) + bloch.at(0) * pauli("sigma_x") + bloch.at(1) * pauli("sigma_y") +
                           bloch.at(2) * pauli("sigma_z"));
        model.omega = in.at("omega").get<double>();
        model.g = in.value("g", 1.0);
        model.lambda = in.at("lambda").get<double>();
        const auto alpha = in.value("alpha", std::vector<double>{0.0, 0.0});
        model.alpha = complex(alpha.at(0), alpha.at(1));
        const Matrix A = pauli(in.value("A", std::string("sigma_x")));
        const auto times = in.at("times").get<std::vector<double>>();
        const double p_up = 0.5 * (1.0 + bloch.at(2));

        nlohmann::json out;
        out["t"] = times;
        out["skipped"] = nlohmann::json::object();
        // Each column is one formula; a formula that does not apply to this model is skipped with the
        // library's reason.
        const auto column = [&](const std::string& name, const std::function<double(double)>& f) {
            try {
                std::vector<double> values;
                for (double t : times) values.push_back(f(t));
                out[name] = values;
            } catch (const openspins::ModelError& e) {
                out["skipped"][name] = e.what();
            }
        };
        using namespace openspins::analytic;
        column("N_2_9", [&](double t) { return mode_excitation_second_order(model, t); });
        column("N_2_9_printed", [&](double t) {
            return mode_excitation_dicke_2_9(p_up, omega0, model.omega, model.g, model.lambda, t);
        });
        column("N_2_18", [&](double t) { return energy_conserving_excitation(model, t); });
        column("N_2_18_printed", [&](double t) { return energy_conserving_excitation_printed(model, t); });
        for (const auto& [suffix, kind] : std::map<std::string, OscillatorCoupling>{
                 {"", OscillatorCoupling::derived}, {"_printed", OscillatorCoupling::printed}}) {
            std::optional<SingleOscillatorPicture> picture;
            try {
                picture.emplace(model, kind);
            } catch (const openspins::ModelError& e) {
                out["skipped"]["N_1_25" + suffix] = e.what();
                continue;
            }
            column("N_1_25" + suffix, [&](double t) { return picture->excitation(t); });
            column("P0_1_25" + suffix, [&](double t) { return picture->fock_distribution(t, 0)[0]; });
        }
        for (int n : in.value("N", std::vector<int>{})) {
            try {
                const EnergyConservingFiniteN exact(model, n);
                column("N_finite_" + std::to_string(n), [&](double t) { return exact.excitation(t); });
                column("P0_finite_" + std::to_string(n), [&](double t) { return exact.fock_distribution(t, 0)[0]; });
            } catch (const openspins::ModelError& e) {
                out["skipped"]["N_finite_" + std::to_string(n)] = e.what();
            }
        }
        column("free_A", [&](double t) { return free_intensive_expectation(model, A, t).real(); });
        column("F_1_29", [&](double t) { return fluctuation_first_order(model, A, t).real(); });
        if (in.contains("temperature")) {
            const double temperature = in.at("temperature").get<double>();
            const double a_ud = A(0, 1).real();
            column("F_1_31", [&](double t) {
                return fluctuation_dicke_1_31(model.lambda, model.g.real(), model.alpha.real(), a_ud, omega0,
                                              model.omega, temperature, t);
            });
            column("F_1_31_printed", [&](double t) {
                return fluctuation_dicke_1_31_printed(model.lambda, model.alpha.real(), a_ud, omega0, model.omega,
                                                      temperature, t);
            });
        }
        std::cout << out.dump() << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "seed004_formulas: " << e.what() << "\n";
        return 2;
    }
}
