#pragma once
// The hall's queue (叫号) on the central server (docs/api.md section 11), for the signed-in window: call the
// next ticket (appointments first, then tickets transferred to this window, then walk-ins), recall it, mark
// it a no-show, transfer it, finish it. Unlike the outbox, nothing here is retried by itself: calling twice
// would call two people, so a failure goes back to the clerk, who decides.

#include "core/error.h"
#include "sync/http_client.h"
#include "sync/sync_engine.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::sync {

struct Ticket {
    std::int64_t id = 0;
    std::string number;       ///< A001… walk-in, B001… appointment
    std::string kind;         ///< walk_in, appointment
    std::string state;        ///< waiting, called, skipped, served
    std::string itemCode;     ///< the item the applicant chose at the ticket machine or booked, "" when none
    std::string window;       ///< the window that called it
    std::string targetWindow; ///< a window it was transferred to
    std::int64_t callCount = 0;
    std::string issuedAt;
    std::string calledAt;
    bool appointment() const { return kind == "appointment"; }
};

enum class TicketAction { Recall, Skip, Transfer, Done };
const char* toString(TicketAction action); ///< recall, skip, transfer, done

class HallQueue {
public:
    /// Signs in with options.token, else options.staff / password / window (once, and again when the token
    /// ran out).
    explicit HallQueue(SyncOptions options, std::unique_ptr<HttpClient> http = nullptr);

    /// The next ticket, now called by this window; nothing when nobody waits.
    core::Expected<std::optional<Ticket>> callNext();
    /// Recall, skip, transfer (to `targetWindow`) or finish a ticket this window called.
    core::Expected<Ticket> act(std::int64_t id, TicketAction action, const std::string& targetWindow = {});
    /// The tickets waiting, in the order they will be called.
    core::Expected<std::vector<Ticket>> waiting();
    /// A ticket as the hall's ticket machine or the appointment system issues it (kind walk_in or
    /// appointment).
    core::Expected<Ticket> issue(const std::string& kind, const std::string& itemCode);

    /// The token in use (the one given, or the one it signed in for).
    const std::string& token() const { return m_token; }

private:
    core::Expected<HttpResponse> send(const std::string& method, const std::string& path,
                                      const std::string& body);

    SyncOptions m_options;
    std::unique_ptr<HttpClient> m_http;
    std::string m_token;
};

} // namespace ywtb::sync
