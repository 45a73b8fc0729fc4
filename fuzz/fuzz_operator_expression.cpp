// libFuzzer target: arbitrary bytes as an operator expression ("0.5*sx(0)*sx(1) - Jz[A]"),
// parsed for a small two-species model so indices, species names and products of
// collective operators all have something to refer to.
//
// ExpressionError (a ModelError) is the parser's answer to malformed text and is expected;
// any other exception, crash, sanitizer report, hang or runaway memory is a finding.
// Five spins keep products of collective operators (at most 4^5 Pauli strings) cheap, so
// the fuzzer spends its time on the grammar rather than on operator algebra.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "openspins/errors.hpp"
#include "openspins/model/operator_expression.hpp"
#include "openspins/model/spin_system.hpp"

namespace {

const openspins::SpinSystem& fuzz_spins() {
    static const openspins::SpinSystem spins([] {
        openspins::Species a;
        a.name = "A";
        a.count = 3;
        a.frequency = 1.0;
        openspins::Species b;
        b.name = "B";
        b.count = 2;
        b.frequency = 0.5;
        return std::vector<openspins::Species>{a, b};
    }());
    return spins;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        [[maybe_unused]] const auto op = openspins::parse_operator(text, fuzz_spins());
    } catch (const openspins::ModelError&) {
    }
    return 0;
}
