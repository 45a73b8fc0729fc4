#include "openspins/model/operator_expression.hpp"

#include <cctype>
#include <charconv>
#include <numbers>
#include <string_view>
#include <vector>

#include "openspins/config/messages.hpp"
#include "openspins/model/expression_cursor.hpp"

namespace openspins {

ExpressionError::ExpressionError(int column, const std::string& detail)
    : ModelError("column " + std::to_string(column) + ": " + detail), column_(column), detail_(detail) {}

namespace {

using SingleSpinFactory = SpinOperator (*)(int);

SpinOperator half(SpinOperator op) { return op * complex{0.5}; }

struct SingleSpinName {
    std::string_view name;
    SingleSpinFactory make;
};

const SingleSpinName single_spin_names[] = {
    {"sx", &SpinOperator::sigma_x},
    {"sy", &SpinOperator::sigma_y},
    {"sz", &SpinOperator::sigma_z},
    {"sp", &SpinOperator::sigma_plus},
    {"sm", &SpinOperator::sigma_minus},
    {"nup", &SpinOperator::projector_up},
    {"ndown", &SpinOperator::projector_down},
    {"Sx", [](int i) { return half(SpinOperator::sigma_x(i)); }},
    {"Sy", [](int i) { return half(SpinOperator::sigma_y(i)); }},
    {"Sz", [](int i) { return half(SpinOperator::sigma_z(i)); }},
};

using CollectiveFactory = SpinOperator (*)(const std::vector<int>&);

struct CollectiveName {
    std::string_view name;
    CollectiveFactory make;
};

const CollectiveName collective_names[] = {
    {"Jx", &collective_jx},    {"Jy", &collective_jy},     {"Jz", &collective_jz},
    {"Jp", &collective_jplus}, {"Jm", &collective_jminus}, {"J2", &collective_j_squared},
};

std::vector<std::string> known_names() {
    std::vector<std::string> names{"pi"};
    for (const auto& s : single_spin_names) names.emplace_back(std::string(s.name) + "(i)");
    for (const auto& c : collective_names) names.emplace_back(c.name);
    return names;
}


using namespace expression_detail;

// Recursive-descent parser over the expression text (the cursor: expression_cursor.hpp).
class Parser : ExpressionCursor {
public:
    Parser(std::string_view text, const SpinSystem& spins) : ExpressionCursor(text), spins_(spins) {}

    SpinOperator parse() {
        SpinOperator result = expression();
        skip_space();
        if (pos_ < text_.size()) fail(messages::expected_end(describe_next()));
        return result.simplified();
    }

private:
    SpinOperator expression() {
        SpinOperator sum = product();
        for (;;) {
            skip_space();
            if (accept('+'))
                sum += product();
            else if (accept('-'))
                sum += product() * complex{-1.0};
            else
                return sum;
        }
    }

    SpinOperator product() {
        SpinOperator result = factor();
        for (;;) {
            skip_space();
            if (!accept('*')) return result;
            result = result * factor();
        }
    }

    SpinOperator factor() {
        skip_space();
        if (accept('+')) return nested([this] { return factor(); });
        if (accept('-')) return nested([this] { return factor(); }) * complex{-1.0};
        return primary();
    }

    SpinOperator primary() {
        skip_space();
        if (pos_ >= text_.size()) fail(messages::expected_operand(describe_next()));
        const char c = text_[pos_];
        if (c == '(') {
            ++pos_;
            SpinOperator inner = nested([this] { return expression(); });
            skip_space();
            if (!accept(')')) fail(messages::expected_symbol(")", "to close '('", describe_next()));
            return inner;
        }
        if (is_digit(c) || c == '.') return SpinOperator::identity() * number();
        if (is_identifier_start(c)) return named();
        fail(messages::expected_operand(describe_next()));
    }

    SpinOperator named() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
        const std::string_view name = text_.substr(start, pos_ - start);
        if (name == "pi") return SpinOperator::identity() * complex{std::numbers::pi};
        for (const auto& s : single_spin_names)
            if (s.name == name) return s.make(spin_index(name));
        for (const auto& c : collective_names)
            if (c.name == name) return c.make(species_selection());
        pos_ = start;
        // The mode letters of spin_mode_polynomial.hpp: no spin operator, read by the dicke method only.
        if (name == "a" || name == "ad" || name == "n") fail(messages::mode_operator_needs_dicke(name));
        fail(messages::unknown_operator_name(name, known_names()));
    }

    int spin_index(std::string_view function) { return ExpressionCursor::spin_index(function, spins_); }

    // "[A]" after a collective name restricts the sum to species A; no bracket means all spins.
    std::vector<int> species_selection() {
        const auto name = species_bracket(spins_);
        return name ? spins_.spins_of(*name) : spins_.all_spins();
    }

    const SpinSystem& spins_;
};

}  // namespace

SpinOperator parse_operator(const std::string& text, const SpinSystem& spins) { return Parser(text, spins).parse(); }

}  // namespace openspins
