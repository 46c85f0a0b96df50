#pragma once
// Drains the outbox to the central server (docs/api.md section 5): in order per case, batched, each entry
// marked sent only in the transaction that stores the server's answer; back-off without giving up on
// network trouble and 5xx; an entry the server refuses for good is set aside without blocking other cases.

#include "core/error.h"
#include "sync/http_client.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

namespace ywtb::store {
class BlobStore;
class Database;
struct OutboxEntry;
} // namespace ywtb::store

namespace ywtb::sync {

struct SyncOptions {
    std::string serverUrl; ///< e.g. https://sync.centre.example:8443 (no trailing /api/v1)
    std::string staff;
    std::string password; ///< empty with a token kept by login: then a refused token is "sync.sign_in_needed"
    std::string
        token; ///< a session token kept by login (store::KeptSession), used until the server refuses it
    std::string window;
    HttpOptions http;
    int batchSize = 100; ///< docs/api.md: at most 100 changes per batch
    std::chrono::milliseconds firstBackoff{250};
    std::chrono::milliseconds maxBackoff{30000};
    /// syncOnce() stops after this many failed attempts in a row (the server down); run() never stops.
    int onceAttempts = 6;
    std::size_t blobChunkBytes = 4 * 1024 * 1024; ///< docs/api.md: at most 8 MiB per PUT
};

enum class Reachability { Unknown, Online, Offline };

/// What the GUI polls: safe to call from any thread while the engine runs on its own.
struct SyncStatus {
    Reachability state = Reachability::Unknown;
    std::int64_t outboxDepth = 0; ///< entries waiting to be sent (poisoned ones not included)
    std::int64_t poisoned = 0;    ///< entries set aside for a supervisor
    std::int64_t conflicts = 0;   ///< entries the server stored as conflicts
    std::int64_t sentThisRun = 0; ///< changes sent since the engine was made
    std::string lastError;        ///< English text of the last failure, empty after a clean pass
    std::string lastErrorCode;
    std::string lastSuccessAt; ///< UTC, ISO 8601
    std::int64_t referencesInstalled =
        0; ///< reference documents the ReferenceSink took since the engine was made
    std::string
        referenceProblem; ///< English text of the last refused reference document, empty once all were taken
};

struct SyncReport {
    std::int64_t sent = 0;
    std::int64_t poisoned = 0;
    std::int64_t conflicts = 0;
    std::int64_t batches = 0;
    std::int64_t statusChanges = 0; ///< pulled from the status feed and handed to the StatusSink
    std::vector<std::string> referencesInstalled; ///< the ReferenceSink's summary of each document it took
    std::vector<core::Error> referencesRefused;   ///< documents the ReferenceSink refused (the old ones stay)
};

/// One reference document as the server published it (docs/api.md section 4).
struct ReferenceDocument {
    std::string name; ///< catalogue, calendars, templates, indicators
    std::string etag; ///< as the server sent it, quotes included
    std::string body;
};

/// One change of the server's case status feed (docs/api.md section 7).
struct StatusChange {
    std::string cursor;
    std::string caseNumber;
    std::string status; ///< approved, denied (later versions: others)
    std::string note;
    std::string at;
};

/// A session opened at the server (docs/api.md section 3).
struct ServerSession {
    std::string token;
    std::string expiresAt; ///< UTC ISO 8601
    std::string staffName;
};

/// A block of document numbers the server reserved for the signed-in window (docs/api.md section 8).
struct NumberBlockRequest {
    std::string requestId; ///< lower-case UUID, made once per reservation and kept for its retries
    std::string kind;
    int year = 0;
    std::int64_t size = 0;
};
struct NumberBlock {
    std::string kind;
    int year = 0;
    std::string window;
    std::int64_t first = 0;
    std::int64_t last = 0;
};

/// A case as the central server holds it (docs/api.md section 7, GET /api/v1/cases/{number}).
struct ServerCase {
    std::string number;
    std::string status; ///< the server's: newer than the body's when the department has decided
    bool serverOwned = false;
    std::string caseJson; ///< the whole case as the counter that sent it last held it
};

/// Checks and installs a pulled reference document, returning a summary; an error keeps the one in use and
/// its ETag, so the document is pulled again next time.
using ReferenceSink = std::function<core::Expected<std::string>(const ReferenceDocument&)>;

/// Applies one change to the local cases (services::IntakeService::applyServerStatus); an error stops the
/// pull and the change comes again next time, so applying must be safe to repeat.
using StatusSink = std::function<core::Expected<core::Done>(const StatusChange&)>;

class SyncEngine {
public:
    /// `db` is the engine's own connection to the local store (one connection per thread).
    SyncEngine(store::Database& db, SyncOptions options, std::unique_ptr<HttpClient> http = nullptr);
    /// With a blob store, the blobs an entry names (any 64-hex string value of its payload that the store
    /// holds) are uploaded before the entry is sent (docs/api.md section 6: exists check, chunks, resume).
    void setBlobStore(const store::BlobStore* blobs) { m_blobs = blobs; }
    /// With a sink, each pass also pulls the status feed once the outbox is drained (so that the counter's
    /// own changes are on the server first), from the cursor kept in the store, handing every change to
    /// `sink` in order and keeping the cursor after each one.
    void setStatusSink(StatusSink sink) { m_statusSink = std::move(sink); }

    /// With a sink, a pass whose outbox is drained also pulls the reference documents `names` (If-None-Match
    /// with the ETag of the one installed), at most once per `every`; a new one goes to `sink`, and its ETag
    /// is kept only once the sink took it.
    void setReferenceSink(ReferenceSink sink, std::vector<std::string> names,
                          std::chrono::seconds every = std::chrono::minutes(10)) {
        m_referenceSink = std::move(sink);
        m_referenceNames = std::move(names);
        m_referenceEvery = every;
    }

    /// Drains the outbox until nothing is left to send; retries with back-off, but gives up after
    /// options.onceAttempts failures in a row and returns the last error (the state is then Offline).
    core::Expected<SyncReport> syncOnce(std::stop_token stop = {});
    /// Keeps the outbox drained until `stop`: after a failure it backs off (with jitter) and tries again,
    /// for ever; when idle it looks for new entries every `idlePoll`.
    void run(std::stop_token stop, std::chrono::milliseconds idlePoll = std::chrono::milliseconds(2000));

    /// Reserves a block of numbers for the signed-in window: the same request (same id) again after an
    /// unknown outcome, with back-off, up to options.onceAttempts times, so a lost answer wastes no numbers.
    core::Expected<NumberBlock> reserveNumberBlock(const NumberBlockRequest& request,
                                                   std::stop_token stop = {});

    /// The case `number` as the server holds it, for a pickup at a counter that did not take it in; with
    /// back-off like reserveNumberBlock. "sync.case_unknown" when no counter has sent it.
    core::Expected<ServerCase> fetchCase(const std::string& number, std::stop_token stop = {});

    SyncStatus status() const;
    /// Reads the outbox counts from the store into the status.
    void refreshCounts();

private:
    enum class PassResult { Drained, Progress };
    core::Expected<PassResult> sendOneBatch(SyncReport& report);
    core::Expected<PassResult> pullStatusPage(SyncReport& report);
    core::Expected<core::Done> pullReferences(SyncReport& report);
    core::Expected<core::Done> checkHealth();
    core::Expected<core::Done> uploadBlobsOf(const store::OutboxEntry& entry);
    core::Expected<core::Done> uploadBlob(const std::string& sha256);
    core::Expected<core::Done> signIn();
    core::Expected<NumberBlock> postNumberBlock(const NumberBlockRequest& request);
    core::Expected<ServerCase> getCase(const std::string& number);
    /// `attempt` until it succeeds, signing in first and again when the token expired; retries transient
    /// errors with back-off up to options.onceAttempts times.
    template <typename T, typename Attempt>
    core::Expected<T> withRetries(std::stop_token stop, Attempt attempt);
    core::Expected<HttpResponse> call(const std::string& method, const std::string& path,
                                      const std::string& body,
                                      std::vector<std::pair<std::string, std::string>> headers = {});
    /// call() on an endpoint that needs the token: a 401 forgets it and is "sync.token_expired".
    core::Expected<HttpResponse> callSignedIn(const std::string& method, const std::string& path,
                                              const std::string& body,
                                              std::vector<std::pair<std::string, std::string>> headers = {});
    void noteFailure(const core::Error& error);
    void noteSuccess();
    void noteProgress(const SyncReport& now, const SyncReport& before);
    std::chrono::milliseconds backoff(int failures);
    bool sleepFor(std::chrono::milliseconds delay, const std::stop_token& stop);

    store::Database& m_db;
    SyncOptions m_options;
    std::unique_ptr<HttpClient> m_http;
    std::string m_token;
    const store::BlobStore* m_blobs = nullptr;
    StatusSink m_statusSink;
    ReferenceSink m_referenceSink;
    std::vector<std::string> m_referenceNames;
    std::chrono::seconds m_referenceEvery{600};
    std::optional<std::chrono::steady_clock::time_point> m_referencesPulledAt;
    std::set<std::string> m_blobsOnServer;
    int m_batchLimit;
    std::mt19937 m_random;
    mutable std::mutex m_mutex;
    SyncStatus m_status;
    std::chrono::steady_clock::time_point m_countedAt; ///< when refreshCounts last read the store
};

/// The server's address as sessions are kept under it: without trailing slashes.
std::string serverBase(std::string url);
/// Signs in (POST /api/v1/sessions). A refusal (any 4xx: wrong password, unknown window) is
/// "sync.refused_sign_in"; no answer is an "http.*" error; a 5xx or a garbled answer is
/// "sync.server_trouble".
core::Expected<ServerSession> openSession(HttpClient& http, const std::string& serverUrl,
                                          const std::string& staff, const std::string& password,
                                          const std::string& window);

} // namespace ywtb::sync
