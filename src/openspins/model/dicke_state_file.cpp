#include "openspins/model/dicke_state_file.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "openspins/config/message_table.hpp"
#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {

[[noreturn]] void fail(const std::string& path, int line, const std::string& what) {
    throw ModelError(path + ": line " + std::to_string(line) + ": " + what);
}

// Whitespace-separated fields of a line.
std::vector<std::string> fields_of(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> fields;
    for (std::string f; in >> f;) fields.push_back(f);
    return fields;
}

// A finite double, read independently of the C locale.
bool parse_number(const std::string& text, double& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() && std::isfinite(value);
}

bool parse_count(const std::string& text, int& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() && value >= 0;
}

// 17 significant digits round-trip every double.
std::string number_text(double value) {
    char buffer[40];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
    return std::string(buffer, error == std::errc{} ? end : buffer);
}

}  // namespace

DensityBlocks read_dicke_state_file(const std::string& path, int spins) {
    std::ifstream in(path);
    if (!in) throw ModelError(messages::state_file_unreadable(path));
    DensityBlocks state;
    state.spins = spins;
    for (int two_j = spins; two_j >= 0; two_j -= 2) {
        state.two_j.push_back(two_j);
        state.blocks.push_back(Eigen::MatrixXcd::Zero(two_j + 1, two_j + 1));
    }
    std::vector<bool> seen(state.blocks.size(), false);

    bool have_spins = false;
    int block = -1, rows_read = 0, line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        const auto fields = fields_of(line);
        if (fields.empty() || fields[0][0] == '#') continue;
        if (!have_spins) {
            int n = 0;
            if (fields.size() != 2 || fields[0] != "spins" || !parse_count(fields[1], n))
                fail(path, line_no, messages::dicke_file_spins_expected());
            if (n != spins) fail(path, line_no, messages::dicke_file_spins_mismatch(n, spins));
            have_spins = true;
            continue;
        }
        const int dim = block < 0 ? 0 : state.two_j[static_cast<std::size_t>(block)] + 1;
        if (block < 0 || rows_read == dim) {  // a block header
            int two_j = 0;
            if (fields.size() != 2 || fields[0] != "two_j" || !parse_count(fields[1], two_j))
                fail(path, line_no, messages::dicke_file_block_expected());
            if (two_j > spins || (spins - two_j) % 2 != 0)
                fail(path, line_no, messages::dicke_file_bad_block(two_j, spins));
            block = (spins - two_j) / 2;
            if (seen[static_cast<std::size_t>(block)]) fail(path, line_no, messages::dicke_file_repeated_block(two_j));
            seen[static_cast<std::size_t>(block)] = true;
            rows_read = 0;
            continue;
        }
        if (fields.size() != static_cast<std::size_t>(2 * dim))
            fail(path, line_no, messages::dicke_file_row_length(2 * dim, fields.size()));
        auto& rho = state.blocks[static_cast<std::size_t>(block)];
        for (int c = 0; c < dim; ++c) {
            double re = 0.0, im = 0.0;
            if (!parse_number(fields[static_cast<std::size_t>(2 * c)], re) ||
                !parse_number(fields[static_cast<std::size_t>(2 * c + 1)], im))
                fail(path, line_no, messages::dicke_file_bad_number());
            rho(rows_read, c) = {re, im};
        }
        ++rows_read;
    }
    if (in.bad()) throw ModelError(messages::state_file_unreadable(path));
    if (!have_spins) fail(path, line_no, messages::dicke_file_spins_expected());
    if (block >= 0 && rows_read < state.two_j[static_cast<std::size_t>(block)] + 1)
        fail(path, line_no, messages::dicke_file_block_short(state.two_j[static_cast<std::size_t>(block)]));
    return state;
}

void write_dicke_state_file(const std::string& path, const DensityBlocks& state) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error(messages::format_message("file_write_failed", {path}));
    out << "# openspins Dicke-basis density matrix (model/dicke_state_file.hpp); the dicke method reads it as\n"
           "# [initial] kind = \"file\". Blocks rho_j, rows and columns m = j, j-1, ..., -j; rows \"re im re im "
           "...\";\n"
           "# the state is the direct sum of rho_j (x) 1/d_j, so the traces of the blocks sum to 1.\n"
        << "spins " << state.spins << '\n';
    for (std::size_t b = 0; b < state.blocks.size(); ++b) {
        const auto& rho = state.blocks[b];
        out << "two_j " << state.two_j[b] << '\n';
        for (Eigen::Index r = 0; r < rho.rows(); ++r) {
            for (Eigen::Index c = 0; c < rho.cols(); ++c)
                out << (c ? " " : "") << number_text(rho(r, c).real()) << ' ' << number_text(rho(r, c).imag());
            out << '\n';
        }
    }
    out.close();
    if (!out) throw std::runtime_error(messages::format_message("file_write_failed", {path}));
}

}  // namespace openspins
