#include "openspins/model/operator_expression.hpp"

#include <cctype>
#include <charconv>
#include <numbers>
#include <string_view>
#include <vector>

#include "openspins/config/messages.hpp"

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

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Deep enough for any hand-written expression, shallow enough that the recursion
// cannot exhaust the stack on hostile input such as 10⁵ opening parentheses.
constexpr int max_nesting = 256;

// Recursive-descent parser over `text_`; pos_ is the 0-based index of the next
// unread character, reported to users as the 1-based column pos_ + 1.
class Parser {
public:
    Parser(std::string_view text, const SpinSystem& spins) : text_(text), spins_(spins) {}

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

    // A decimal literal, optionally imaginary ("2j"). from_chars does the conversion
    // so the result is exact to the last bit and independent of the C locale.
    complex number() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && (is_digit(text_[pos_]) || text_[pos_] == '.')) ++pos_;
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            std::size_t p = pos_ + 1;
            if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
            if (p < text_.size() && is_digit(text_[p])) {
                while (p < text_.size() && is_digit(text_[p])) ++p;
                pos_ = p;
            }
        }
        const std::string_view literal = text_.substr(start, pos_ - start);
        double value = 0.0;
        const auto [end, error] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
        if (error != std::errc{} || end != literal.data() + literal.size()) {
            pos_ = start;
            fail(messages::bad_number(literal));
        }
        if (pos_ < text_.size() && text_[pos_] == 'j' &&
            (pos_ + 1 >= text_.size() || !is_identifier_char(text_[pos_ + 1]))) {
            ++pos_;
            return {0.0, value};
        }
        if (pos_ < text_.size() && is_identifier_start(text_[pos_])) fail(messages::expected_end(describe_next()));
        return {value, 0.0};
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
        fail(messages::unknown_operator_name(name, known_names()));
    }

    int spin_index(std::string_view function) {
        skip_space();
        if (!accept('(')) fail(messages::expected_symbol("(", "after " + std::string(function), describe_next()));
        skip_space();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
        if (pos_ == start) fail(messages::expected_spin_index(function, describe_next()));
        long long index = 0;
        const auto [end, error] = std::from_chars(text_.data() + start, text_.data() + pos_, index);
        if (error != std::errc{} || index >= spins_.size()) {
            pos_ = start;
            fail(messages::spin_out_of_range(error == std::errc{} ? index : -1, spins_.size()));
        }
        skip_space();
        if (!accept(')')) fail(messages::expected_symbol(")", "after the spin index", describe_next()));
        return static_cast<int>(index);
    }

    // "[A]" after a collective name restricts the sum to species A; no bracket means all spins.
    std::vector<int> species_selection() {
        if (pos_ >= text_.size() || text_[pos_] != '[') return spins_.all_spins();
        ++pos_;
        skip_space();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
        const std::string_view name = text_.substr(start, pos_ - start);
        std::vector<std::string> declared;
        for (const auto& s : spins_.species()) declared.push_back(s.name);
        bool known = false;
        for (const auto& s : declared) known = known || s == name;
        if (!known) {
            pos_ = start;
            fail(messages::unknown_species(name, declared));
        }
        skip_space();
        if (!accept(']')) fail(messages::expected_symbol("]", "after the species name", describe_next()));
        return spins_.spins_of(std::string(name));
    }

    template <class F>
    SpinOperator nested(F&& parse_inner) {
        if (++depth_ > max_nesting) fail(messages::nested_too_deeply(max_nesting));
        SpinOperator op = parse_inner();
        --depth_;
        return op;
    }

    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }

    bool accept(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    // The token at pos_, as a user would name it in a message.
    std::string describe_next() const {
        if (pos_ >= text_.size()) return "the end of the expression";
        std::size_t end = pos_ + 1;
        if (is_identifier_char(text_[pos_]))
            while (end < text_.size() && is_identifier_char(text_[end])) ++end;
        return messages::quoted(text_.substr(pos_, end - pos_));
    }

    [[noreturn]] void fail(const std::string& detail) const {
        throw ExpressionError(static_cast<int>(pos_) + 1, detail);
    }

    std::string_view text_;
    const SpinSystem& spins_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

}  // namespace

SpinOperator parse_operator(const std::string& text, const SpinSystem& spins) { return Parser(text, spins).parse(); }

}  // namespace openspins
