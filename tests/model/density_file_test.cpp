// read_density_file: errors name the file and, for text, the line; devices and huge files
// are refused before anything is read; a good file reads back in openspins' order.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "openspins/errors.hpp"
#include "openspins/model/density_file.hpp"

namespace openspins {
namespace {

namespace fs = std::filesystem;

class DensityFile : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("openspins_density_" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name) << text;
        return (dir_ / name).string();
    }
    // The DataFileError of reading `path` as a 2 × 2 matrix.
    static DataFileError error_of(const std::string& path) {
        try {
            (void)read_density_file(path, 2);
        } catch (const DataFileError& e) {
            return e;
        }
        return DataFileError("", -1, "no error");
    }
    fs::path dir_;
};

TEST_F(DensityFile, ReadsTextWithCommentsAndCommas) {
    const auto rho = read_density_file(write("rho.txt", "# a comment\n0.25, 0, 0, 0.5\n\n0 -0.5 0.75 0\n"), 2);
    EXPECT_EQ(rho(0, 0), std::complex<double>(0.25, 0));
    EXPECT_EQ(rho(0, 1), std::complex<double>(0, 0.5));
    EXPECT_EQ(rho(1, 0), std::complex<double>(0, -0.5));
    EXPECT_EQ(rho(1, 1), std::complex<double>(0.75, 0));
}

TEST_F(DensityFile, NanIsNotANumberAtItsLine) {
    const auto e = error_of(write("rho.txt", "# rho\n1 0 0 0\nnan 0 0 0\n"));
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.detail(), "not a number: 'nan' (each row holds 2^N = 2 pairs 're im')");
    EXPECT_EQ(std::string(e.what()), (dir_ / "rho.txt").string() + ":3: " + e.detail());
    EXPECT_EQ(error_of(write("inf.txt", "1 0 0 0\n0 0 inf 0\n")).line(), 2);
    EXPECT_EQ(error_of(write("word.txt", "1 0 0 0x\n0 0 0 0\n")).detail().rfind("not a number: '0x'", 0), 0U);
}

TEST_F(DensityFile, ShapeErrorsNameTheLine) {
    EXPECT_EQ(error_of(write("short.txt", "1 0 0 0\n0 0 0\n")).detail(), "expected 4 numbers (2^N = 2 pairs 're im'), found 3");
    EXPECT_EQ(error_of(write("short.txt", "1 0 0 0\n0 0 0\n")).line(), 2);
    EXPECT_EQ(error_of(write("long.txt", "1 0 0 0\n0 0 0 0\n0 0 0 0\n")).line(), 3);
    const auto few = error_of(write("few.txt", "1 0 0 0\n"));
    EXPECT_EQ(few.line(), 0);  // the file as a whole
    EXPECT_EQ(few.detail(), "found 1 rows, expected 2^N = 2");
}

TEST_F(DensityFile, DevicesDirectoriesAndMissingFilesAreToldApart) {
    EXPECT_EQ(error_of("/dev/zero").detail(), "'/dev/zero' is not a regular file");
    EXPECT_EQ(error_of(dir_.string()).detail(), "'" + dir_.string() + "' is not a regular file");
    EXPECT_EQ(error_of((dir_ / "none.txt").string()).detail(), "file '" + (dir_ / "none.txt").string() + "' does not exist");
    if (fs::exists("/sys/bus/pci/rescan")) {  // regular, and unreadable even for root
        EXPECT_EQ(error_of("/sys/bus/pci/rescan").detail(), "file '/sys/bus/pci/rescan' cannot be read");
    }
}

TEST_F(DensityFile, AFileFarLargerThanTheMatrixIsRefusedBeforeReading) {
    const std::uintmax_t limit = density_file_size_limit(2, false);
    write("big.txt", std::string(limit + 1, ' '));
    const auto e = error_of((dir_ / "big.txt").string());
    EXPECT_EQ(e.line(), 0);
    EXPECT_NE(e.detail().find("bytes; a 2 × 2 density matrix needs at most " + std::to_string(limit)), std::string::npos)
        << e.detail();
    write("fits.txt", std::string(limit - 100, ' ') + "\n1 0 0 0\n0 0 0 0\n");
    EXPECT_NO_THROW((void)read_density_file((dir_ / "fits.txt").string(), 2));
}

}  // namespace
}  // namespace openspins
