#include "services/failure.h"

#include "core/message.h"
#include "store/database.h"

#include <stdexcept>

namespace ywtb::services {

core::Error errorOf(std::exception_ptr failure) {
    const core::Message fix(N_("the work saved before is kept; if it happens again, restart the counter and "
                               "tell the centre's administrator"));
    try {
        if (failure)
            std::rethrow_exception(failure);
    } catch (const store::StoreFailure& stored) {
        return stored.error();
    } catch (const std::exception& other) {
        return core::Error{"internal.unexpected",
                           core::Message(N_("an unexpected error: {what}"), {{"what", other.what()}}),
                           {},
                           fix};
    } catch (...) {
    }
    return core::Error{
        "internal.unexpected", core::Message(N_("an unexpected error of an unknown kind")), {}, fix};
}

} // namespace ywtb::services
