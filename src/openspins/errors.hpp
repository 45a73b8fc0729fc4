// Typed exceptions of the library. The CLI maps them to exit codes and the Python
// bindings to ValueError / RuntimeError; nothing inside the library prints.
#pragma once

#include <stdexcept>
#include <string>

namespace openspins {

// The model or run description is invalid (user input). CLI exit status 2.
class ModelError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Input located in a file: message carries "file:line: key: what".
class ConfigError : public ModelError {
public:
    ConfigError(const std::string& file, int line, const std::string& key, const std::string& what)
        : ModelError(file + ":" + std::to_string(line) + ": " + key + ": " + what), file_(file), line_(line), key_(key) {}
    // A key given on the command line (openspins run --set key=value) rather than at a
    // line of the file: "--set key: what", line() 0.
    static ConfigError command_line(const std::string& file, const std::string& key, const std::string& what) {
        return ConfigError(file, key, "--set " + key + ": " + what);
    }
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] int line() const { return line_; }
    [[nodiscard]] const std::string& key() const { return key_; }

private:
    ConfigError(const std::string& file, const std::string& key, const std::string& message)
        : ModelError(message), file_(file), line_(0), key_(key) {}

    std::string file_;
    int line_;
    std::string key_;
};

// The content of a data file the run file names (a density matrix) is invalid. what() is
// "file:line: detail", or "file: detail" for the file as a whole (line 0); the config layer
// adds the run-file key that named the file (config/validated_method.cpp).
class DataFileError : public ModelError {
public:
    DataFileError(const std::string& file, int line, const std::string& detail)
        : ModelError(place(file, line) + detail), file_(file), line_(line), detail_(detail) {}
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] int line() const { return line_; }
    [[nodiscard]] const std::string& detail() const { return detail_; }

private:
    // Built by appending: GCC 12 gives a false -Wrestrict for ":" + std::to_string(line).
    static std::string place(const std::string& file, int line) {
        std::string out = file;
        if (line > 0) {
            out += ':';
            out += std::to_string(line);
        }
        out += ": ";
        return out;
    }

    std::string file_;
    int line_;
    std::string detail_;
};

// The problem is valid but does not fit: memory estimate above the limit.
class ResourceError : public ModelError {
public:
    using ModelError::ModelError;
};

// The integrator failed or the state left its physical bounds (trace drift, NaN).
class NumericalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace openspins
