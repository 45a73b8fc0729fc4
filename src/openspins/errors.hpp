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
