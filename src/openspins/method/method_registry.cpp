#include "openspins/config/messages.hpp"
#include "openspins/errors.hpp"
#include "openspins/method/analytic/analytic_method.hpp"
#include "openspins/method/cumulant/cumulant_method.hpp"
#include "openspins/method/dicke/dicke_method.hpp"
#include "openspins/method/exact/exact_method.hpp"
#include "openspins/method/heom/heom_method.hpp"
#include "openspins/method/method.hpp"
#include "openspins/method/redfield/redfield_method.hpp"
#include "openspins/method/resonance/resonance_method.hpp"

namespace openspins {

std::unique_ptr<Method> make_method(const std::string& name) {
    if (name == "exact") return std::make_unique<ExactMethod>();
    if (name == "dicke") return std::make_unique<DickeMethod>();
    if (name == "redfield") return std::make_unique<RedfieldMethod>();
    if (name == "analytic") return std::make_unique<AnalyticMethod>();
    if (name == "resonance") return std::make_unique<ResonanceMethod>();
    if (name == "cumulant") return std::make_unique<CumulantMethod>();
    if (name == "heom") return std::make_unique<HeomMethod>();
    throw ModelError(messages::unknown_method(name, method_names()));
}

std::vector<std::string> method_names() { return {"exact", "redfield", "dicke", "analytic", "resonance", "cumulant", "heom"}; }

}  // namespace openspins
