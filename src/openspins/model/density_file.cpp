#include "openspins/model/density_file.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "openspins/errors.hpp"

namespace openspins {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw ModelError(path + ": " + what);
}

Eigen::MatrixXcd read_npy(const std::string& path, Eigen::Index dim) {
    std::ifstream in(path, std::ios::binary);
    char magic[6];
    in.read(magic, 6);
    if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) fail(path, "not a .npy file");
    unsigned char version[2];
    in.read(reinterpret_cast<char*>(version), 2);
    std::uint32_t header_len = 0;
    if (version[0] == 1) {
        unsigned char len[2];
        in.read(reinterpret_cast<char*>(len), 2);
        header_len = static_cast<std::uint32_t>(len[0] | (len[1] << 8));
    } else {
        unsigned char len[4];
        in.read(reinterpret_cast<char*>(len), 4);
        header_len = static_cast<std::uint32_t>(len[0] | (len[1] << 8) | (len[2] << 16) | (len[3] << 24));
    }
    std::string header(header_len, '\0');
    in.read(header.data(), header_len);
    if (!in) fail(path, "truncated .npy header");
    std::smatch m;
    if (!std::regex_search(header, m, std::regex(R"('descr':\s*'([^']*)')"))) fail(path, "no dtype in .npy header");
    const std::string descr = m[1];
    const bool is_complex = descr == "<c16";
    if (!is_complex && descr != "<f8") fail(path, "dtype " + descr + " not supported (complex128 or float64)");
    const bool fortran = header.find("'fortran_order': True") != std::string::npos;
    if (!std::regex_search(header, m, std::regex(R"('shape':\s*\((\d+),\s*(\d+)\s*\))")))
        fail(path, "expected a 2-D array");
    if (std::stol(m[1]) != dim || std::stol(m[2]) != dim)
        fail(path, "shape (" + std::string(m[1]) + ", " + std::string(m[2]) + ") does not match 2^N = " +
                       std::to_string(dim));
    Eigen::MatrixXcd rho(dim, dim);
    for (Eigen::Index k = 0; k < dim * dim; ++k) {
        double v[2] = {0.0, 0.0};
        in.read(reinterpret_cast<char*>(v), is_complex ? 16 : 8);
        if (!in) fail(path, "truncated .npy data");
        const Eigen::Index r = fortran ? k % dim : k / dim, c = fortran ? k / dim : k % dim;
        rho(r, c) = std::complex<double>(v[0], v[1]);
    }
    return rho;
}

Eigen::MatrixXcd read_text(const std::string& path, Eigen::Index dim) {
    std::ifstream in(path);
    if (!in) fail(path, "cannot open");
    Eigen::MatrixXcd rho(dim, dim);
    std::string line;
    Eigen::Index row = 0;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
        if (row >= dim) fail(path, "line " + std::to_string(line_no) + ": more than 2^N = " + std::to_string(dim) + " rows");
        for (char& ch : line)
            if (ch == ',') ch = ' ';
        std::istringstream fields(line);
        for (Eigen::Index c = 0; c < dim; ++c) {
            double re = 0, im = 0;
            if (!(fields >> re >> im))
                fail(path, "line " + std::to_string(line_no) + ": expected " + std::to_string(2 * dim) + " numbers (re im pairs)");
            rho(row, c) = std::complex<double>(re, im);
        }
        ++row;
    }
    if (row != dim) fail(path, "found " + std::to_string(row) + " rows, expected 2^N = " + std::to_string(dim));
    return rho;
}

}  // namespace

Eigen::MatrixXcd read_density_file(const std::string& path, Eigen::Index dimension) {
    std::ifstream probe(path);
    if (!probe) fail(path, "cannot open density-matrix file");
    const bool npy = path.size() > 4 && path.substr(path.size() - 4) == ".npy";
    return npy ? read_npy(path, dimension) : read_text(path, dimension);
}

}  // namespace openspins
