#include "exit_status.hpp"

#include <exception>
#include <iostream>
#include <new>

#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/interrupt.hpp"

namespace openspins::cli {

int report_current_exception() {
    const auto report = [](const char* what, int status) {
        std::cerr << messages::error_prefix << what << '\n';
        return status;
    };
    try {
        throw;
    } catch (const Interrupted& e) {
        std::cerr << "openspins: " << e.what() << '\n';
        return 128 + e.signal();
    } catch (const ModelError& e) {  // also ConfigError, ResourceError, OutputExistsError
        return report(e.what(), input_error);
    } catch (const NumericalError& e) {
        return report(e.what(), numerical_error);
    } catch (const std::bad_alloc& e) {  // the memory estimate passed but the machine had less
        return report(messages::out_of_memory(e.what()).c_str(), failure);
    } catch (const std::exception& e) {
        return report(e.what(), failure);
    } catch (...) {
        return report(messages::unknown_failure().c_str(), failure);
    }
}

void warn(const char* what) { std::cerr << messages::warning_prefix << what << '\n'; }

}  // namespace openspins::cli
