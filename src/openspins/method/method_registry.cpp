#include "openspins/errors.hpp"
#include "openspins/method/method.hpp"

namespace openspins {

std::unique_ptr<Method> make_method(const std::string& name) {
    throw ModelError("unknown method '" + name + "'");
}

std::vector<std::string> method_names() { return {"exact"}; }

}  // namespace openspins
