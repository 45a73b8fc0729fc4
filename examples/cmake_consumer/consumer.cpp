// Runs a run file through the installed openspins library and prints the last row:
// the smallest complete use of the public chain run file → method → result.
#include <cstdio>
#include <exception>

#include "openspins/config/config_reader.hpp"
#include "openspins/config/validated_method.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/method.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: consumer <run file>\n");
        return 1;
    }
    try {
        const openspins::RunFile run = openspins::load_run_file(argv[1]);
        const auto method = openspins::make_validated_method(run);
        const openspins::RunResult result = method->run(run.spec, {});
        const auto& s = result.series;
        std::printf("method %s, %zu rows; at t = %.17g:", result.method.c_str(), s.rows(), s.time.back());
        for (std::size_t c = 0; c < s.columns.size(); ++c)
            std::printf(" %s = %.17g", s.columns[c].c_str(), s.values.back()[c]);
        std::printf("\n");
    } catch (const openspins::ModelError& e) {
        std::fprintf(stderr, "openspins: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "openspins: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
