#include "devices/printer/printer.h"

namespace ywtb::devices {

const char* toString(JobState state) {
    switch (state) {
    case JobState::Pending:
        return "pending";
    case JobState::Held:
        return "held";
    case JobState::Processing:
        return "processing";
    case JobState::Stopped:
        return "stopped";
    case JobState::Cancelled:
        return "cancelled";
    case JobState::Aborted:
        return "aborted";
    case JobState::Completed:
        return "completed";
    case JobState::Unknown:
        return "unknown";
    }
    return "unknown";
}

bool isFinal(JobState state) {
    return state == JobState::Completed || state == JobState::Stopped || state == JobState::Cancelled ||
           state == JobState::Aborted;
}

} // namespace ywtb::devices
