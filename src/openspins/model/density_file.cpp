#include "openspins/model/density_file.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <vector>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"

namespace openspins {

namespace {

[[noreturn]] void fail(const std::string& path, int line, const std::string& what) {
    throw DataFileError(path, line, what);
}

Eigen::MatrixXcd read_npy(const std::string& path, Eigen::Index dim) {
    std::ifstream in(path, std::ios::binary);
    char magic[6];
    in.read(magic, 6);
    if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) fail(path, 0, messages::npy_not_npy());
    unsigned char version[2] = {0, 0};
    in.read(reinterpret_cast<char*>(version), 2);
    std::uint32_t header_len = 0;
    if (version[0] == 1) {
        unsigned char len[2] = {0, 0};
        in.read(reinterpret_cast<char*>(len), 2);
        header_len = static_cast<std::uint32_t>(len[0] | (len[1] << 8));
    } else {
        unsigned char len[4] = {0, 0, 0, 0};
        in.read(reinterpret_cast<char*>(len), 4);
        header_len = static_cast<std::uint32_t>(len[0] | (len[1] << 8) | (len[2] << 16) | (len[3] << 24));
    }
    // The size check in read_density_file bounds the file, hence any honest header length.
    if (!in || header_len > density_file_size_limit(dim, true)) fail(path, 0, messages::npy_bad_header("truncated"));
    std::string header(header_len, '\0');
    in.read(header.data(), header_len);
    if (!in) fail(path, 0, messages::npy_bad_header("truncated"));
    std::smatch m;
    if (!std::regex_search(header, m, std::regex(R"('descr':\s*'([^']*)')"))) fail(path, 0, messages::npy_bad_header("no dtype"));
    const std::string descr = m[1];
    const bool is_complex = descr == "<c16";
    if (!is_complex && descr != "<f8") fail(path, 0, messages::npy_dtype(descr));
    const bool fortran = header.find("'fortran_order': True") != std::string::npos;
    if (!std::regex_search(header, m, std::regex(R"('shape':\s*\(([^)]*)\))"))) fail(path, 0, messages::npy_bad_header("no shape"));
    const std::string shape = "(" + std::string(m[1]) + ")";
    if (!std::regex_match(std::string(m[1]), std::regex(R"(\s*)" + std::to_string(dim) + R"(\s*,\s*)" +
                                                          std::to_string(dim) + R"(\s*,?\s*)")))
        fail(path, 0, messages::npy_shape(shape, dim));
    Eigen::MatrixXcd rho(dim, dim);
    for (Eigen::Index k = 0; k < dim * dim; ++k) {
        double v[2] = {0.0, 0.0};
        in.read(reinterpret_cast<char*>(v), is_complex ? 16 : 8);
        if (!in) fail(path, 0, messages::npy_truncated());
        const Eigen::Index r = fortran ? k % dim : k / dim, c = fortran ? k / dim : k % dim;
        rho(r, c) = std::complex<double>(v[0], v[1]);
    }
    return rho;
}

// The fields of one text row: separated by spaces, tabs or commas.
std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    for (char ch : line) {
        if (ch == ' ' || ch == '\t' || ch == ',' || ch == '\r') {
            if (!field.empty()) fields.push_back(std::move(field));
            field.clear();
        } else {
            field += ch;
        }
    }
    if (!field.empty()) fields.push_back(std::move(field));
    return fields;
}

// A finite number spelling the whole field, or nothing ("nan", "inf", "1.5x" are not).
std::optional<double> finite_number(const std::string& field) {
    char* end = nullptr;
    const double x = std::strtod(field.c_str(), &end);
    if (end != field.c_str() + field.size() || !std::isfinite(x)) return std::nullopt;
    return x;
}

Eigen::MatrixXcd read_text(const std::string& path, Eigen::Index dim) {
    std::ifstream in(path);
    Eigen::MatrixXcd rho(dim, dim);
    std::string line;
    Eigen::Index row = 0;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
        if (row >= dim) fail(path, line_no, messages::density_too_many_rows(dim));
        const auto fields = fields_of(line);
        for (const auto& field : fields)
            if (!finite_number(field)) fail(path, line_no, messages::density_not_a_number(field, dim));
        if (fields.size() != static_cast<std::size_t>(2 * dim))
            fail(path, line_no, messages::density_row_length(dim, fields.size()));
        for (Eigen::Index c = 0; c < dim; ++c)
            rho(row, c) = std::complex<double>(*finite_number(fields[static_cast<std::size_t>(2 * c)]),
                                               *finite_number(fields[static_cast<std::size_t>(2 * c + 1)]));
        ++row;
    }
    if (row != dim) fail(path, 0, messages::density_row_count(row, dim));
    return rho;
}

}  // namespace

std::uintmax_t density_file_size_limit(Eigen::Index dimension, bool npy) {
    const auto entries = static_cast<std::uintmax_t>(dimension) * static_cast<std::uintmax_t>(dimension);
    return npy ? 16 * entries + (std::uintmax_t{1} << 16) : 2 * 64 * entries + (std::uintmax_t{1} << 20);
}

Eigen::MatrixXcd read_density_file(const std::string& path, Eigen::Index dimension) {
    // The config layer checked the path; a RunSpec built in code gets the same checks here,
    // and a device such as /dev/zero is refused before anything is read from it.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) fail(path, 0, messages::file_not_found(path));
    if (!std::filesystem::is_regular_file(status)) fail(path, 0, messages::file_not_regular(path));
    if (!std::ifstream(path)) fail(path, 0, messages::file_unreadable(path));
    const bool npy = path.size() > 4 && path.substr(path.size() - 4) == ".npy";
    const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
    if (!ec && bytes > density_file_size_limit(dimension, npy))
        fail(path, 0, messages::density_file_too_large(bytes, dimension, density_file_size_limit(dimension, npy)));
    return npy ? read_npy(path, dimension) : read_text(path, dimension);
}

}  // namespace openspins
