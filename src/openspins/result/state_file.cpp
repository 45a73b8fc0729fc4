#include "openspins/result/state_file.hpp"

#include <bit>
#include <cstdint>
#include <fstream>
#include <stdexcept>

#include "openspins/config/message_table.hpp"
#include "openspins/model/dicke_state_file.hpp"

namespace openspins {

namespace fs = std::filesystem;

void write_npy_matrix(const fs::path& file, const Eigen::MatrixXcd& matrix) {
    static_assert(std::endian::native == std::endian::little, "the .npy header below declares little-endian data");
    // NPY 1.0: magic, version, header length (uint16 LE), then a Python dict literal padded
    // with spaces to a multiple of 64 bytes and ended by '\n'.
    std::string header = "{'descr': '<c16', 'fortran_order': False, 'shape': (" + std::to_string(matrix.rows()) + ", " +
                         std::to_string(matrix.cols()) + "), }";
    const std::size_t preamble = 10;
    header.append(64 - (preamble + header.size() + 1) % 64, ' ');
    header += '\n';
    std::ofstream out(file, std::ios::binary);
    if (!out) throw std::runtime_error(messages::format_message("file_write_failed", {file.string()}));
    const auto length = static_cast<std::uint16_t>(header.size());
    out.write("\x93NUMPY\x01\x00", 8);
    const char length_bytes[2] = {static_cast<char>(length & 0xFF), static_cast<char>(length >> 8)};
    out.write(length_bytes, 2);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    // Eigen stores column-major; C order is row by row (one row copied at a time: ρ may be large).
    Eigen::RowVectorXcd row(matrix.cols());
    for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
        row = matrix.row(r);
        out.write(
            reinterpret_cast<const char*>(row.data()),
            static_cast<std::streamsize>(row.size()) * static_cast<std::streamsize>(sizeof(std::complex<double>)));
    }
    out.close();
    if (!out) throw std::runtime_error(messages::format_message("file_write_failed", {file.string()}));
}

std::string write_state_file(const fs::path& directory, const std::string& stem, const DensityBlocks& state) {
    if (state.is_dicke()) {
        const std::string name = stem + ".dicke.txt";
        write_dicke_state_file((directory / name).string(), state);
        return name;
    }
    const std::string name = stem + ".npy";
    write_npy_matrix(directory / name, state.blocks.front());
    return name;
}

}  // namespace openspins
