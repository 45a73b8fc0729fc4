// The reading position shared by the operator-expression parsers (operator_expression.cpp,
// collective_polynomial.cpp): whitespace, single characters, the token a message names,
// number literals, spin indices "(i)", species brackets "[A]", errors with a column, and the
// nesting guard. The grammar itself lives in each parser.
#pragma once

#include <cctype>
#include <charconv>
#include <complex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openspins/config/messages.hpp"
#include "openspins/model/operator_expression.hpp"
#include "openspins/model/spin_system.hpp"

namespace openspins::expression_detail {

inline bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
inline bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
inline bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Deep enough for any hand-written expression, shallow enough that the recursion
// cannot exhaust the stack on hostile input such as 10⁵ opening parentheses.
inline constexpr int max_nesting = 256;

// pos_ is the 0-based index of the next unread character, reported to users as the
// 1-based column pos_ + 1.
class ExpressionCursor {
protected:
    explicit ExpressionCursor(std::string_view text) : text_(text) {}

    template <class F>
    auto nested(F&& parse_inner) {
        if (++depth_ > max_nesting) fail(messages::nested_too_deeply(max_nesting));
        auto value = parse_inner();
        --depth_;
        return value;
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
    [[nodiscard]] std::string describe_next() const {
        if (pos_ >= text_.size()) return "the end of the expression";
        std::size_t end = pos_ + 1;
        if (is_identifier_char(text_[pos_]))
            while (end < text_.size() && is_identifier_char(text_[end])) ++end;
        return messages::quoted(text_.substr(pos_, end - pos_));
    }

    // A decimal literal, optionally imaginary ("2j"). from_chars does the conversion
    // so the result is exact to the last bit and independent of the C locale.
    std::complex<double> number() {
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

    // "(i)" after a single-spin function name: a spin index below spins.size().
    int spin_index(std::string_view function, const SpinSystem& spins) {
        skip_space();
        if (!accept('(')) fail(messages::expected_symbol("(", "after " + std::string(function), describe_next()));
        skip_space();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
        if (pos_ == start) fail(messages::expected_spin_index(function, describe_next()));
        long long index = 0;
        const auto [end, error] = std::from_chars(text_.data() + start, text_.data() + pos_, index);
        if (error != std::errc{} || index >= spins.size()) {
            pos_ = start;
            fail(messages::spin_out_of_range(error == std::errc{} ? index : -1, spins.size()));
        }
        skip_space();
        if (!accept(')')) fail(messages::expected_symbol(")", "after the spin index", describe_next()));
        return static_cast<int>(index);
    }

    // An optional "[A]" after a collective name: the declared species A, or nothing when no
    // bracket follows.
    std::optional<std::string> species_bracket(const SpinSystem& spins) {
        if (pos_ >= text_.size() || text_[pos_] != '[') return std::nullopt;
        ++pos_;
        skip_space();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
        std::string name(text_.substr(start, pos_ - start));
        std::vector<std::string> declared;
        for (const auto& s : spins.species()) declared.push_back(s.name);
        bool known = false;
        for (const auto& s : declared) known = known || s == name;
        if (!known) {
            pos_ = start;
            fail(messages::unknown_species(name, declared));
        }
        skip_space();
        if (!accept(']')) fail(messages::expected_symbol("]", "after the species name", describe_next()));
        return name;
    }

    [[noreturn]] void fail(const std::string& detail) const {
        throw ExpressionError(static_cast<int>(pos_) + 1, detail);
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

}  // namespace openspins::expression_detail
