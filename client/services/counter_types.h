#pragma once
// The records a front end reads from the counter facade, by their facade names. The store and the sync engine
// define them (they are what those layers keep and send); a front end names them only through here, so that
// client/app and client/cli include no store/ or sync/ header (DESIGN.md: thin adapters).

#include "store/audit_log.h"
#include "store/case_repository.h"
#include "store/document_register.h"
#include "store/page_repository.h"
#include "store/rating_register.h"
#include "store/signature_register.h"
#include "store/sync_state.h"
#include "sync/hall_queue.h"
#include "sync/sync_engine.h"

#include <functional>
#include <optional>
#include <string>

namespace ywtb::services {

using AuditEntry = store::AuditEntry;
using AuditVerification = store::AuditVerification;
using DocumentBlock = store::DocumentBlock;
using IssuedDocumentRecord = store::IssuedDocumentRecord;
using OutboxCounts = store::OutboxCounts;
using OutboxEntry = store::OutboxEntry;
using PageRecord = store::PageRecord;
using PoisonedEntry = store::PoisonedEntry;
using RatingQuery = store::RatingQuery;
using RatingRecord = store::RatingRecord;
using SignatureRecord = store::SignatureRecord;

using HallQueue = sync::HallQueue;
using Reachability = sync::Reachability;
using SyncReport = sync::SyncReport;
using SyncOptions = sync::SyncOptions;
using SyncStatus = sync::SyncStatus;
using Ticket = sync::Ticket;
using TicketAction = sync::TicketAction;

// The services a Counter hands out or whose answers it gives (their headers: services/*_service.h).
class RatingService;
class SignatureService;
struct CatalogueImportResult;
struct PrintOutcome;

/// Where a command's password comes from when it signs in at the server for a sync.
struct PasswordSource {
    std::string file; ///< its first line; given, the session `login` kept is not used
    std::function<std::optional<std::string>()>
        ask; ///< without a file, asked only when no session is kept (the CLI: standard input)
};

/// One sync pass: what the engine sent and pulled, how the server's decisions went (by ServerStatusOutcome),
/// and the outbox after it.
struct SyncPass {
    SyncReport report;
    std::int64_t applied = 0;      ///< decisions the cases here took
    std::int64_t alreadyThere = 0; ///< cases that had them already
    std::int64_t notHeld = 0;      ///< for cases not held here
    std::int64_t conflicts = 0;    ///< contradicting the case (audited)
    OutboxCounts outbox;
};

/// Why `sync run` ended.
enum class SyncRunEnd { Stopped, SignInRefused };

/// What the store noted about the last sync.
struct SyncNotes {
    std::string lastSuccessAt; ///< empty: never
    std::string lastError;
};

} // namespace ywtb::services
