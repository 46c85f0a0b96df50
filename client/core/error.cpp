#include "core/error.h"

namespace ywtb::core {

std::string Error::render(const Translator& translate) const {
    std::string out;
    if (!where.empty())
        out += where + ": ";
    out += what.render(translate);
    if (!fix.empty())
        out += " — " + fix.render(translate);
    return out;
}

} // namespace ywtb::core
