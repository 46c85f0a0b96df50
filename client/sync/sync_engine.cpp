#include "sync/sync_engine.h"

#include "core/clock.h"
#include "store/blob_store.h"
#include "store/database.h"
#include "store/sync_state.h"
#include "sync/api_answers.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace ywtb::sync {
namespace {

std::string jsonString(const std::string& text) {
    std::ostringstream out;
    Poco::JSON::Stringifier::formatString(text, out);
    return out.str();
}

bool isSha256(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

void collectHashes(const Poco::Dynamic::Var& value, std::set<std::string>& out) {
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        for (const auto& [key, member] : *value.extract<Poco::JSON::Object::Ptr>())
            collectHashes(member, out);
    } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        for (const auto& member : *value.extract<Poco::JSON::Array::Ptr>())
            collectHashes(member, out);
    } else if (value.isString()) {
        const auto text = value.convert<std::string>();
        if (isSha256(text))
            out.insert(text);
    }
}

std::int64_t offsetOf(const HttpResponse& response) {
    if (auto doc = parseObject(response.body)) {
        if (doc->has("offset"))
            return doc->getValue<std::int64_t>("offset");
        if (auto error = doc->getObject("error"); error && error->has("offset"))
            return error->getValue<std::int64_t>("offset");
    }
    const auto header = response.headers.find("upload-offset");
    std::int64_t offset = -1;
    // A header that is not a number is no offset (never an exception out of the sync thread).
    if (header != response.headers.end()) {
        const auto& text = header->second;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), offset);
        if (ec != std::errc() || end != text.data() + text.size())
            offset = -1;
    }
    return offset;
}

/// A stored blob's bytes as they are on disk, not hashed again here: the server checks the SHA-256 of every
/// upload against its name (docs/api.md section 6; a damaged file is refused with 422 blob.hash_mismatch and
/// its entry set aside), and hashing each scan here as well took a third of a 200 MB drain (bench/README.md,
/// "Draining the outbox").
core::Expected<std::string> storedBlobBytes(const store::BlobStore& blobs, const std::string& sha) {
    std::ifstream in(blobs.pathOf(sha), std::ios::binary | std::ios::ate);
    std::string bytes;
    if (in) {
        bytes.resize(static_cast<std::size_t>(in.tellg()));
        in.seekg(0);
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    if (!in)
        return core::Error{
            "store.blob_missing", core::Message(N_("the stored file {name} is missing"), {{"name", sha}}),
            blobs.pathOf(sha).string(), core::Message(N_("restore the data directory from its backup"))};
    return bytes;
}

bool transient(const core::Error& error) {
    return error.code != "sync.refused_sign_in" && error.code != "sync.sign_in_needed" &&
           error.code != "sync.bad_config" && error.code != "sync.block_refused" &&
           error.code != "sync.block_mismatch";
}

} // namespace

std::string serverBase(std::string url) {
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

core::Expected<ServerSession> openSession(HttpClient& http, const std::string& serverUrl,
                                          const std::string& staff, const std::string& password,
                                          const std::string& window) {
    Poco::JSON::Object body;
    body.set("staff_id", staff);
    body.set("password", password);
    body.set("window", window);
    HttpRequest request;
    request.method = "POST";
    request.url = serverBase(serverUrl) + "/api/v1/sessions";
    request.body = stringify(body);
    auto answer = http.send(request);
    if (!answer)
        return answer.error();
    if (answer->status == 201) {
        auto doc = parseObject(answer->body);
        if (doc && doc->has("token") && doc->get("token").isString() &&
            !doc->getValue<std::string>("token").empty()) {
            ServerSession session{doc->getValue<std::string>("token"),
                                  doc->optValue<std::string>("expires_at", ""), ""};
            if (auto member = doc->getObject("staff"))
                session.staffName = member->optValue<std::string>("name", "");
            return session;
        }
        return serverTrouble(*answer, request.url); // a garbled answer: try again
    }
    if (answer->status >= 400 && answer->status < 500)
        return core::Error{
            "sync.refused_sign_in",
            core::Message(N_("the server refused the sign-in of {staff} at window {window}: {detail}"),
                          {{"staff", staff}, {"window", window}, {"detail", describeAnswer(*answer)}}),
            request.url, core::Message(N_("check the staff number, the password and the window"))};
    return serverTrouble(*answer, request.url);
}

SyncEngine::SyncEngine(store::Database& db, SyncOptions options, std::unique_ptr<HttpClient> http)
    : m_db(db), m_options(std::move(options)), m_http(std::move(http)), m_token(m_options.token),
      m_batchLimit(std::clamp(m_options.batchSize, 1, 100)), m_random(std::random_device{}()) {
    m_options.serverUrl = serverBase(m_options.serverUrl);
    if (!m_http)
        m_http = makeHttpClient(m_options.http);
    refreshCounts();
}

SyncStatus SyncEngine::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void SyncEngine::refreshCounts() {
    const auto counts = store::outboxCounts(m_db);
    m_countedAt = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    m_status.outboxDepth = counts.pending;
    m_status.poisoned = counts.poisoned;
    m_status.conflicts = counts.conflicts;
}

void SyncEngine::noteFailure(const core::Error& error) {
    {
        std::lock_guard lock(m_mutex);
        if (error.code.starts_with("http.") || error.code == "sync.server_trouble")
            m_status.state = Reachability::Offline;
        m_status.lastError = error.str();
        m_status.lastErrorCode = error.code;
    }
    try {
        store::Transaction tx(m_db);
        store::setSyncNote(tx, "last_error", error.str());
        store::setSyncNote(tx, "last_error_at", core::utcNow());
        tx.commit();
    } catch (const store::StoreFailure&) {
        // The note is a convenience for `sync status`; the outbox itself is untouched.
    }
    refreshCounts();
}

void SyncEngine::noteProgress(const SyncReport& now, const SyncReport& before) {
    // Counting reads every outbox row with its sync state (75 ms at 90,000 entries, bench/README.md): after
    // every batch it made a long drain quadratic. The status moves by what the batch did instead, and is
    // counted again from the store every few seconds, so entries taken in meanwhile still show.
    if (std::chrono::steady_clock::now() - m_countedAt >= std::chrono::seconds(5)) {
        refreshCounts();
        return;
    }
    std::lock_guard lock(m_mutex);
    m_status.outboxDepth = std::max<std::int64_t>(0, m_status.outboxDepth - (now.sent - before.sent) -
                                                         (now.poisoned - before.poisoned));
    m_status.poisoned += now.poisoned - before.poisoned;
    m_status.conflicts += now.conflicts - before.conflicts;
}

void SyncEngine::noteSuccess() {
    const auto now = core::utcNow();
    {
        std::lock_guard lock(m_mutex);
        m_status.state = Reachability::Online;
        m_status.lastError.clear();
        m_status.lastErrorCode.clear();
        m_status.lastSuccessAt = now;
    }
    store::Transaction tx(m_db);
    store::setSyncNote(tx, "last_success_at", now);
    store::setSyncNote(tx, "last_error", "");
    tx.commit();
    refreshCounts();
}

std::chrono::milliseconds SyncEngine::backoff(int failures) {
    // Exponential, capped, with "equal jitter": half fixed, half random, so counters do not retry in step.
    auto delay = m_options.firstBackoff;
    for (int i = 1; i < failures && delay < m_options.maxBackoff; ++i)
        delay *= 2;
    delay = std::min(delay, m_options.maxBackoff);
    const auto half = std::max<std::int64_t>(delay.count() / 2, 1);
    std::uniform_int_distribution<std::int64_t> jitter(0, half);
    return std::chrono::milliseconds(half + jitter(m_random));
}

bool SyncEngine::sleepFor(std::chrono::milliseconds delay, const std::stop_token& stop) {
    const auto until = std::chrono::steady_clock::now() + delay;
    while (std::chrono::steady_clock::now() < until) {
        if (stop.stop_requested())
            return false;
        std::this_thread::sleep_for(
            std::min<std::chrono::milliseconds>(std::chrono::milliseconds(50), delay));
    }
    return !stop.stop_requested();
}

core::Expected<HttpResponse> SyncEngine::call(const std::string& method, const std::string& path,
                                              const std::string& body,
                                              std::vector<std::pair<std::string, std::string>> headers) {
    HttpRequest request;
    request.method = method;
    request.url = m_options.serverUrl + path;
    request.body = body;
    request.headers = std::move(headers);
    if (!m_token.empty())
        request.headers.emplace_back("Authorization", "Bearer " + m_token);
    return m_http->send(request);
}

core::Expected<HttpResponse>
SyncEngine::callSignedIn(const std::string& method, const std::string& path, const std::string& body,
                         std::vector<std::pair<std::string, std::string>> headers) {
    auto answer = call(method, path, body, std::move(headers));
    if (answer && answer->status == 401) {
        m_token.clear(); // the token ran out: the caller signs in again at once
        return tokenExpired(m_options.serverUrl + path);
    }
    return answer;
}

core::Expected<core::Done> SyncEngine::checkHealth() {
    auto answer = call("GET", "/api/v1/health", "");
    if (!answer)
        return answer.error();
    auto doc = parseObject(answer->body);
    if (answer->status != 200 || !doc || doc->optValue<std::string>("status", "") != "ok")
        return serverTrouble(*answer, m_options.serverUrl + "/api/v1/health");
    std::lock_guard lock(m_mutex);
    m_status.state = Reachability::Online;
    return core::Done{};
}

core::Expected<core::Done> SyncEngine::uploadBlobsOf(const store::OutboxEntry& entry) {
    if (!m_blobs)
        return core::Done{};
    std::set<std::string> hashes;
    try {
        Poco::JSON::Parser parser;
        collectHashes(parser.parse(entry.payload), hashes);
    } catch (...) {
        return core::Done{};
    }
    for (const auto& sha : hashes) {
        if (m_blobsOnServer.count(sha) || !m_blobs->contains(sha))
            continue;
        auto uploaded = uploadBlob(sha);
        if (!uploaded)
            return uploaded;
        m_blobsOnServer.insert(sha);
    }
    return core::Done{};
}

core::Expected<core::Done> SyncEngine::uploadBlob(const std::string& sha) {
    const std::string path = "/api/v1/blobs/" + sha;
    const std::string url = m_options.serverUrl + path;
    auto head = call("HEAD", path, "");
    if (!head)
        return head.error();
    if (head->status == 200)
        return core::Done{}; // already there: never sent again
    if (head->status != 404)
        return serverTrouble(*head, url);
    auto bytes = storedBlobBytes(*m_blobs, sha);
    if (!bytes)
        return bytes.error();
    const auto& data = bytes.value();
    const auto total = static_cast<std::int64_t>(data.size());
    // Resume: what arrived before a cut is kept (no offset, or one that is not a number: from the start).
    std::int64_t offset = std::max<std::int64_t>(0, offsetOf(*head));
    const auto chunk =
        static_cast<std::int64_t>(std::clamp<std::size_t>(m_options.blobChunkBytes, 1, 8u * 1024 * 1024));
    for (int round = 0; round < 10000; ++round) {
        if (offset < 0 || offset > total)
            offset = 0;
        const auto length = std::min(chunk, total - offset);
        HttpRequest put;
        put.method = "PUT";
        put.url = url;
        put.contentType = "application/octet-stream";
        put.body = data.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
        put.headers.emplace_back("Authorization", "Bearer " + m_token);
        put.headers.emplace_back("Content-Range", "bytes " + std::to_string(offset) + "-" +
                                                      std::to_string(offset + length - 1) + "/" +
                                                      std::to_string(total));
        auto answer = m_http->send(put);
        if (!answer)
            return answer.error();
        if (answer->status == 201)
            return core::Done{};
        if (answer->status == 200) {
            auto doc = parseObject(answer->body);
            if (doc && doc->optValue<bool>("complete", false))
                return core::Done{};
            offset = offsetOf(*answer);
            if (offset < 0)
                return serverTrouble(*answer, url);
            continue;
        }
        if (answer->status == 409 && errorCodeOf(*answer) == "upload.offset_mismatch") {
            offset = offsetOf(*answer);
            continue;
        }
        if (answer->status == 401) {
            m_token.clear();
            return tokenExpired(url);
        }
        if (answer->status == 413 || answer->status == 422)
            return core::Error{"sync.blob_refused",
                               core::Message(N_("the server refused the file {sha256}: {detail}"),
                                             {{"sha256", sha}, {"detail", describeAnswer(*answer)}}),
                               url,
                               core::Message(N_("a supervisor can look at the entry with sync poisoned"))};
        return serverTrouble(*answer,
                             url); // 5xx, in progress elsewhere, cut body: back off, ask the offset again
    }
    return serverTrouble(*head, url);
}

core::Expected<core::Done> SyncEngine::signIn() {
    m_token.clear();
    if (m_options.password.empty()) // only a kept token was given, and the server no longer takes it
        return core::Error{
            "sync.sign_in_needed",
            core::Message(N_("the kept sign-in of {staff} is no longer valid"), {{"staff", m_options.staff}}),
            m_options.serverUrl,
            core::Message(N_("sign in again: ywtb-counter-cli login --server URL --user STAFF"))};
    auto session =
        openSession(*m_http, m_options.serverUrl, m_options.staff, m_options.password, m_options.window);
    if (!session)
        return session.error();
    m_token = session->token;
    return core::Done{};
}

core::Expected<SyncEngine::PassResult> SyncEngine::sendOneBatch(SyncReport& report) {
    auto entries = store::sendableOutbox(m_db, m_batchLimit);
    if (entries.empty())
        return PassResult::Drained;
    const auto now = core::utcNow();
    // A payload that is not a JSON object would make the server refuse the whole batch: set it aside here.
    std::vector<store::OutboxEntry> batch;
    {
        store::Transaction tx(m_db);
        bool any = false;
        for (auto& e : entries) {
            if (!parseObject(e.payload)) {
                store::markOutboxPoisoned(
                    tx, e.seq, "client.payload_not_json: the stored payload is not a JSON object", now);
                ++report.poisoned;
                any = true;
            } else {
                batch.push_back(std::move(e));
            }
        }
        if (any)
            tx.commit();
    }
    if (batch.empty())
        return PassResult::Progress;
    for (const auto& e : batch) { // api.md section 6: blobs before the change that refers to them
        auto uploaded = uploadBlobsOf(e);
        if (!uploaded && uploaded.error().code == "sync.blob_refused") {
            store::Transaction tx(m_db);
            store::markOutboxPoisoned(tx, e.seq, uploaded.error().str(), now);
            tx.commit();
            ++report.poisoned;
            return PassResult::Progress;
        }
        if (!uploaded)
            return uploaded.error();
    }

    std::string body = "{\"changes\":[";
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& e = batch[i];
        if (i)
            body += ',';
        body += "{\"uuid\":" + jsonString(e.uuid) + ",\"case_number\":" + jsonString(e.caseNumber) +
                ",\"kind\":" + jsonString(e.kind) + ",\"created_at\":" + jsonString(e.createdAt) +
                ",\"body\":" + e.payload + "}";
    }
    body += "]}";

    const std::string url = m_options.serverUrl + "/api/v1/changes";
    auto answer = callSignedIn("POST", "/api/v1/changes", body);
    if (!answer)
        return answer.error();
    const auto status = answer->status;
    const auto code = errorCodeOf(*answer);
    if ((status == 400 || status == 413) && code != "request.incomplete_body") {
        // The batch as a whole was refused: find the one entry at fault by sending smaller batches.
        if (batch.size() > 1) {
            m_batchLimit = std::max(1, static_cast<int>(batch.size()) / 2);
            return PassResult::Progress;
        }
        store::Transaction tx(m_db);
        store::markOutboxPoisoned(tx, batch[0].seq, describeAnswer(*answer), now);
        tx.commit();
        ++report.poisoned;
        return PassResult::Progress;
    }
    if (status != 200)
        return serverTrouble(*answer, url);
    auto doc = parseObject(answer->body);
    Poco::JSON::Array::Ptr results = doc ? doc->getArray("results") : nullptr;
    if (!results || results->size() != batch.size())
        return serverTrouble(*answer, url); // garbled: the same batch again is safe (UUIDs)

    std::int64_t sentNow = 0;
    store::Transaction tx(m_db);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& e = batch[i];
        auto result = results->getObject(static_cast<unsigned>(i));
        if (!result || result->optValue<std::string>("uuid", "") != e.uuid) {
            store::recordOutboxAttempt(
                tx, e.seq, "client.answer_mismatch: the server's answer does not match the batch", now);
            continue;
        }
        const int changeStatus = result->optValue<int>("status", 0);
        if (changeStatus == 201 || changeStatus == 200) {
            const auto outcome = result->optValue<std::string>("outcome", "applied");
            store::markOutboxSent(tx, e.seq, outcome, stringify(result), now);
            ++report.sent;
            ++sentNow;
            if (outcome == "conflict")
                ++report.conflicts;
        } else if (changeStatus == 409 || changeStatus == 422 || changeStatus == 400 || changeStatus == 403) {
            std::string reason = "HTTP " + std::to_string(changeStatus);
            if (auto error = result->getObject("error"))
                reason = error->optValue<std::string>("code", "") + ": " +
                         error->optValue<std::string>("message", "");
            store::markOutboxPoisoned(tx, e.seq, reason, now);
            ++report.poisoned;
        } else {
            store::recordOutboxAttempt(tx, e.seq, "HTTP " + std::to_string(changeStatus), now);
        }
    }
    tx.commit();
    ++report.batches;
    {
        std::lock_guard lock(m_mutex);
        m_status.sentThisRun += sentNow;
    }
    if (m_batchLimit < std::clamp(m_options.batchSize, 1, 100))
        m_batchLimit = std::min(std::clamp(m_options.batchSize, 1, 100), m_batchLimit * 2);
    return PassResult::Progress;
}

namespace {

core::Error badFeed(const HttpResponse& response, const std::string& url, const std::string& what) {
    return {"sync.server_trouble",
            core::Message(N_("the server's status feed is malformed ({what}): {detail}"),
                          {{"what", what}, {"detail", response.body.substr(0, 200)}}),
            url, core::Message(N_("nothing to do: the counter tries again by itself"))};
}

bool isCursor(const std::string& text) {
    return !text.empty() && text.size() <= 19 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

core::Expected<core::Done> SyncEngine::pullReferences(SyncReport& report) {
    for (const auto& name : m_referenceNames) {
        const std::string path = "/api/v1/reference/" + name;
        const std::string url = m_options.serverUrl + path;
        const std::string noteKey = "reference_etag " + name;
        const std::string installed = store::syncNote(m_db, noteKey);
        std::vector<std::pair<std::string, std::string>> headers;
        if (!installed.empty())
            headers.emplace_back("If-None-Match", installed);
        auto answer = callSignedIn("GET", path, "", std::move(headers));
        if (!answer)
            return answer.error();
        if (answer->status == 304 ||
            (answer->status == 404 && errorCodeOf(*answer) == "reference.not_published"))
            continue; // nothing new; or the centre publishes none and the shipped files stay in use
        const auto etag = answer->headers.count("etag") ? answer->headers.at("etag") : std::string();
        // The ETag is the SHA-256 of the body (docs/api.md): a body cut short or changed on the way is not
        // taken.
        if (answer->status != 200 || etag != "\"" + store::sha256Hex(answer->body) + "\"")
            return serverTrouble(*answer, url);
        auto taken = m_referenceSink(ReferenceDocument{name, etag, answer->body});
        if (!taken) {
            report.referencesRefused.push_back(taken.error());
            continue;
        }
        report.referencesInstalled.push_back(*taken);
        store::Transaction tx(m_db);
        store::setSyncNote(tx, noteKey, etag);
        tx.commit();
    }
    std::lock_guard lock(m_mutex);
    m_status.referencesInstalled += static_cast<std::int64_t>(report.referencesInstalled.size());
    m_status.referenceProblem =
        report.referencesRefused.empty() ? std::string() : report.referencesRefused.back().str();
    return core::Done{};
}

core::Expected<SyncEngine::PassResult> SyncEngine::pullStatusPage(SyncReport& report) {
    std::string cursor = store::syncNote(m_db, "status_cursor");
    if (cursor.empty())
        cursor = "0";
    const std::string path = "/api/v1/status-changes?after=" + cursor + "&limit=200";
    const std::string url = m_options.serverUrl + path;
    auto answer = callSignedIn("GET", path, "");
    if (!answer)
        return answer.error();
    if (answer->status != 200)
        return serverTrouble(*answer, url);
    // Everything is checked before anything is applied: a garbled page applies nothing.
    auto doc = parseObject(answer->body);
    if (!doc)
        return badFeed(*answer, url, "not JSON");
    auto changes = doc->getArray("changes");
    if (!changes || !doc->has("cursor") || !doc->get("cursor").isString())
        return badFeed(*answer, url, "no changes or cursor");
    std::vector<StatusChange> page;
    for (std::size_t i = 0; i < changes->size(); ++i) {
        auto item = changes->getObject(static_cast<unsigned>(i));
        if (!item)
            return badFeed(*answer, url, "a change that is not an object");
        StatusChange change{item->optValue<std::string>("cursor", ""),
                            item->optValue<std::string>("case_number", ""),
                            item->optValue<std::string>("status", ""),
                            item->optValue<std::string>("note", ""), item->optValue<std::string>("at", "")};
        if (!isCursor(change.cursor) || change.caseNumber.empty() || change.status.empty())
            return badFeed(*answer, url, "a change without cursor, case number or status");
        page.push_back(std::move(change));
    }
    for (const StatusChange& change : page) {
        if (auto applied = m_statusSink(change); !applied)
            return applied.error();
        store::Transaction tx(m_db);
        store::setSyncNote(tx, "status_cursor", change.cursor);
        tx.commit();
        ++report.statusChanges;
    }
    const auto next = doc->getValue<std::string>("cursor");
    if (page.empty() && isCursor(next) && next != cursor) {
        store::Transaction tx(m_db);
        store::setSyncNote(tx, "status_cursor", next);
        tx.commit();
    }
    return doc->optValue<bool>("more", false) && !page.empty() ? PassResult::Progress : PassResult::Drained;
}

core::Expected<SyncReport> SyncEngine::syncOnce(std::stop_token stop) {
    SyncReport report;
    int failures = 0;
    int tokenRetries = 0;
    core::Error last;
    bool healthy = false;
    bool pulling = false;
    while (!stop.stop_requested()) {
        core::Expected<core::Done> step = core::Done{};
        if (!healthy)
            step = checkHealth();
        if (step && m_token.empty())
            step = signIn();
        if (step) {
            healthy = true;
            try {
                const SyncReport before = report;
                auto pass = pulling ? pullStatusPage(report) : sendOneBatch(report);
                if (pass && *pass == PassResult::Drained && !pulling && m_statusSink) {
                    pulling = true; // the outbox is on the server: now what the server decided
                    continue;
                }
                if (pass && *pass == PassResult::Drained) {
                    // Last, and not every pass: reference data changes a few times a year.
                    const auto now = std::chrono::steady_clock::now();
                    const bool due = m_referenceSink && (!m_referencesPulledAt ||
                                                         now - *m_referencesPulledAt >= m_referenceEvery);
                    auto pulled = due ? pullReferences(report) : core::Expected<core::Done>(core::Done{});
                    if (pulled) {
                        if (due)
                            m_referencesPulledAt = now;
                        noteSuccess();
                        return report;
                    }
                    pass = pulled.error();
                }
                if (pass) {
                    failures = 0;
                    noteProgress(report, before);
                    continue;
                }
                step = pass.error();
            } catch (const store::StoreFailure& failure) {
                step = failure.error();
            }
        }
        last = step.error();
        if (last.code == "sync.token_expired" && ++tokenRetries < 3)
            continue; // sign in again right away
        healthy = false;
        noteFailure(last);
        if (!transient(last) || ++failures >= m_options.onceAttempts)
            return last;
        if (!sleepFor(backoff(failures), stop))
            break;
    }
    return core::Error{"sync.stopped", core::Message(N_("sync was stopped")), m_options.serverUrl, {}};
}

core::Expected<NumberBlock> SyncEngine::postNumberBlock(const NumberBlockRequest& request) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("request_id", request.requestId);
    body.set("kind", request.kind);
    body.set("year", request.year);
    body.set("size", request.size);
    const std::string path = "/api/v1/number-blocks";
    const std::string url = m_options.serverUrl + path;
    auto answer = callSignedIn("POST", path, stringify(body));
    if (!answer)
        return answer.error();
    if (answer->status >= 400 && answer->status < 500)
        return core::Error{
            "sync.block_refused",
            core::Message(N_("the server refused to reserve {size} {kind} numbers of {year}: {detail}"),
                          {{"size", std::to_string(request.size)},
                           {"kind", request.kind},
                           {"year", std::to_string(request.year)},
                           {"detail", describeAnswer(*answer)}}),
            url, core::Message(N_("check the kind, the year and the count (1 to 10,000)"))};
    auto doc = parseObject(answer->body);
    if ((answer->status != 201 && answer->status != 200) || !doc)
        return serverTrouble(*answer, url); // unknown outcome: the same request id again is safe
    NumberBlock block{doc->optValue<std::string>("kind", ""), doc->optValue<int>("year", 0),
                      doc->optValue<std::string>("window", ""), doc->optValue<std::int64_t>("first", 0),
                      doc->optValue<std::int64_t>("last", 0)};
    // A block that is not the one asked for is never recorded: numbers issued from it could collide.
    if (doc->optValue<std::string>("request_id", "") != request.requestId || block.kind != request.kind ||
        block.year != request.year || block.window != m_options.window || block.first < 1 ||
        block.last - block.first + 1 != request.size)
        return core::Error{
            "sync.block_mismatch",
            core::Message(N_("the server answered with a block that is not the one asked for: {detail}"),
                          {{"detail", answer->body.substr(0, 200)}}),
            url, core::Message(N_("nothing was recorded; tell the centre's administrator"))};
    return block;
}

template <typename T, typename Attempt>
core::Expected<T> SyncEngine::withRetries(std::stop_token stop, Attempt attempt) {
    int failures = 0;
    int tokenRetries = 0;
    while (!stop.stop_requested()) {
        auto signedIn = m_token.empty() ? signIn() : core::Expected<core::Done>(core::Done{});
        auto result = signedIn ? attempt() : core::Expected<T>(signedIn.error());
        if (result)
            return result;
        const auto& error = result.error();
        if (error.code == "sync.token_expired" && ++tokenRetries < 3)
            continue; // sign in again right away
        if (!transient(error) || ++failures >= m_options.onceAttempts)
            return error;
        if (!sleepFor(backoff(failures), stop))
            break;
    }
    return core::Error{"sync.stopped", core::Message(N_("sync was stopped")), m_options.serverUrl, {}};
}

core::Expected<NumberBlock> SyncEngine::reserveNumberBlock(const NumberBlockRequest& request,
                                                           std::stop_token stop) {
    return withRetries<NumberBlock>(stop, [&] { return postNumberBlock(request); });
}

core::Expected<ServerCase> SyncEngine::getCase(const std::string& number) {
    const std::string path = "/api/v1/cases/" + number;
    const std::string url = m_options.serverUrl + path;
    auto answer = callSignedIn("GET", path, "");
    if (!answer)
        return answer.error();
    if (answer->status == 404 || answer->status == 400)
        return core::Error{
            "sync.case_unknown",
            core::Message(N_("the central server has no case {number}"), {{"number", number}}), url,
            core::Message(
                N_("check the number on the applicant's notice; a case taken in offline reaches the "
                   "server only when its counter has synced"))};
    auto doc = parseObject(answer->body);
    if (answer->status != 200 || !doc)
        return serverTrouble(*answer, url);
    auto body = doc->getObject("case");
    ServerCase found{doc->optValue<std::string>("number", ""), doc->optValue<std::string>("status", ""),
                     doc->optValue<bool>("server_owned", false), body ? stringify(body) : std::string()};
    // Another case than the one asked for is never taken: it would be handed out under the wrong number.
    if (found.number != number || found.status.empty() || !body ||
        body->optValue<std::string>("number", "") != number)
        return core::Error{
            "sync.case_mismatch",
            // The body is not quoted: it holds the applicant's name and ID number.
            core::Message(N_("the server answered for case {number} with another case or without one"),
                          {{"number", number}}),
            url, core::Message(N_("nothing was taken; tell the centre's administrator"))};
    return found;
}

core::Expected<ServerCase> SyncEngine::fetchCase(const std::string& number, std::stop_token stop) {
    return withRetries<ServerCase>(stop, [&] { return getCase(number); });
}

void SyncEngine::run(std::stop_token stop, std::chrono::milliseconds idlePoll) {
    int failures = 0;
    while (!stop.stop_requested()) {
        const auto saved = m_options.onceAttempts;
        m_options.onceAttempts = 1;
        auto result = syncOnce(stop);
        m_options.onceAttempts = saved;
        if (result) {
            failures = 0;
            if (!sleepFor(idlePoll, stop))
                return;
        } else if (!sleepFor(backoff(++failures), stop)) {
            return;
        }
    }
}

} // namespace ywtb::sync
