#include "server/stop_request.h"

#include <csignal>
#include <pthread.h>

namespace ywtb::server {
namespace {

sigset_t stopSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

} // namespace

void prepareForStopRequest() {
    // Blocked in every thread started after this (they inherit the mask), so only sigwait receives them.
    const sigset_t set = stopSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

int waitForStopRequest() {
    const sigset_t set = stopSignals();
    int received = 0;
    sigwait(&set, &received);
    return received;
}

} // namespace ywtb::server
