#include "server/api_handler.h"

#include "core/case_transition.h"
#include "server/blob_uploads.h"
#include "server/fault_injection.h"
#include "server/http_io.h"
#include "server/password.h"
#include "server/security.h"
#include "server/server_store.h"
#include "store/database.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>
#include <vector>

namespace ywtb::server {

namespace {

using Poco::JSON::Object;
using Request = Poco::Net::HTTPServerRequest;
using Response = Poco::Net::HTTPServerResponse;

constexpr std::size_t kMaxChangeBody = 256 * 1024;
constexpr std::size_t kMaxBatch = 100;

std::vector<std::string> segmentsOf(const std::string& path) {
    std::vector<std::string> segments;
    Poco::StringTokenizer tokens(path, "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& token : tokens)
        segments.push_back(token);
    return segments;
}

[[noreturn]] void methodNotAllowed(const std::string& method, const std::string& path) {
    throw ApiError(405, "request.method_not_allowed", method + " is not allowed on " + path,
                   "see docs/api.md for the methods of this path");
}

void requireMethod(const Request& request, const std::string& method, const std::string& path) {
    if (request.getMethod() != method)
        methodNotAllowed(request.getMethod(), path);
}

Session authenticate(ServerStore& store, const SecuritySettings& settings, const Request& request,
                     std::string* tokenHash = nullptr) {
    if (!request.has("Authorization"))
        throw ApiError(401, "auth.missing_token",
                       "this request needs a signed-in staff member, but it has no token",
                       "sign in with POST /api/v1/sessions and send Authorization: Bearer <token>");
    const std::string header = request.get("Authorization");
    if (header.rfind("Bearer ", 0) != 0 || header.size() != 7 + 64)
        throw ApiError(401, "auth.invalid_token",
                       "the Authorization header is not 'Bearer' and a 64-digit token",
                       "send Authorization: Bearer <token> with the token sign-in returned");
    const std::string hash = sha256Of(header.substr(7));
    auto session = store.session(hash);
    if (!session)
        throw ApiError(401, "auth.invalid_token", "the token is unknown or has expired", "sign in again");
    // Each use renews a token's idle limit (never past its absolute end); written at most once a minute.
    if (session->expiresAt < utcNow(settings.sessionIdleSeconds - 60)) {
        session->expiresAt = std::min(utcNow(settings.sessionIdleSeconds), session->absoluteExpiresAt);
        store.extendSession(hash, session->expiresAt);
    }
    if (tokenHash)
        *tokenHash = hash;
    return *session;
}

/// 403 unless the signed-in role may make this kind of request (access_policy.h).
void requireAccess(const Session& session, Access access, const std::string& what) {
    if (!mayAccess(session.role, access))
        throw ApiError(403, "access.role", "a " + toString(session.role) + " may not " + what,
                       "sign in as staff with the role for it; the centre administrator sets roles (admin "
                       "change-staff)");
}

std::string clientAddress(const Request& request) {
    return request.clientAddress().host().toString();
}

/// A refusal worth a supervisor's attention, on standard error: who, where, what; never personal data.
void reportRefusal(const Session& session, const std::string& code, const std::string& what) {
    const std::string line = "refused " + code + ": staff " + session.staffId + " at window " +
                             session.windowId + " (" + toString(session.role) + ", centre " + session.centre +
                             "): " + what + "\n";
    std::fputs(line.c_str(), stderr);
}

Object::Ptr sessionAnswer(const std::string& token, const std::string& expiresAt, const StaffLogin& staff,
                          const WindowInfo& window) {
    Object::Ptr answer = new Object;
    answer->set("token", token);
    answer->set("expires_at", expiresAt);
    Object::Ptr staffJson = new Object;
    staffJson->set("id", staff.id);
    staffJson->set("name", staff.name);
    staffJson->set("role", toString(staff.role));
    staffJson->set("centre", staff.centre);
    answer->set("staff", staffJson);
    Object::Ptr windowJson = new Object;
    windowJson->set("id", window.id);
    windowJson->set("type", window.type);
    windowJson->set("name", window.name);
    windowJson->set("centre", window.centre);
    answer->set("window", windowJson);
    return answer;
}

Object::Ptr ticketJson(const Ticket& t) {
    Object::Ptr json = new Object;
    json->set("id", t.id);
    json->set("number", t.number);
    json->set("kind", t.kind);
    json->set("state", t.state);
    json->set("item_code", t.itemCode);
    json->set("window", t.window);
    json->set("target_window", t.targetWindow);
    json->set("call_count", t.callCount);
    json->set("issued_at", t.issuedAt);
    json->set("called_at", t.calledAt);
    return json;
}

Object::Ptr blockJson(const NumberBlock& b) {
    Object::Ptr json = new Object;
    json->set("request_id", b.requestId);
    json->set("kind", b.kind);
    json->set("year", b.year);
    json->set("window", b.window);
    json->set("first", b.first);
    json->set("last", b.last);
    return json;
}

void signIn(ServerStore& store, ServerSecurity& security, Request& request, Response& response) {
    auto body = readJsonObject(request);
    const auto staffId = requireString(body, "staff_id", 32, Charset::Identifier);
    const auto password = requireString(body, "password", 256);
    const auto windowId = requireString(body, "window", 32, Charset::Identifier);
    const std::string address = clientAddress(request);
    // Before the password is even looked at: a locked staff number or address gets no answer about it.
    if (const auto wait = security.signIns.retryAfter(staffId, address); wait > 0) {
        ApiError locked(429, "auth.locked",
                        "too many wrong passwords for this staff number or from this address: sign-in is "
                        "paused for " +
                            std::to_string(wait) + " s",
                        "wait, then type the password carefully; a supervisor can reset it");
        locked.extraHeader = "Retry-After";
        locked.extraValue = wait;
        throw locked;
    }
    auto staff = store.staff(staffId);
    // Hash even for an unknown staff number, so the answer's timing does not tell which numbers exist.
    const std::string hash = hashPassword(password, staff ? staff->salt : std::string(32, '0'),
                                          staff ? staff->iterations : store.passwordIterations());
    if (!staff || !staff->active || !constantTimeEquals(hash, staff->passwordHash)) {
        security.signIns.failed(staffId, address);
        throw ApiError(401, "auth.invalid_credentials", "the staff number or the password is wrong",
                       "check the staff number and type the password again; a supervisor can reset it");
    }
    security.signIns.succeeded(staffId);
    auto window = store.window(windowId);
    if (!window)
        throw ApiError(404, "window.unknown", "there is no window '" + windowId + "'",
                       "choose one of the centre's windows");
    if (window->centre != staff->centre)
        throw ApiError(403, "access.out_of_scope",
                       "window " + windowId + " belongs to another centre than staff " + staffId + "'s",
                       "sign in at a window of your own centre; the administrator sets your centre");
    // A hash made with fewer iterations than the server now uses is replaced while the password is at hand.
    if (staff->iterations < store.passwordIterations())
        store.rehashPassword(staff->id, password);
    const std::string token = randomHex(32);
    const auto& settings = security.settings;
    const std::string absolute = utcNow(settings.sessionMaxSeconds);
    const std::string expiresAt = utcNow(std::min(settings.sessionIdleSeconds, settings.sessionMaxSeconds));
    store.createSession(sha256Of(token), staff->id, window->id, expiresAt, absolute);
    sendJson(response, 201, sessionAnswer(token, expiresAt, *staff, *window));
}

/// A new token for the session of this one, which stops working: same staff, window and absolute end.
void renewSession(ServerStore& store, const SecuritySettings& settings, const Session& session,
                  const std::string& tokenHash, Request& request, Response& response) {
    readBody(request, kMaxJsonBody);
    auto staff = store.staff(session.staffId);
    auto window = store.window(session.windowId);
    if (!staff || !window)
        throw ApiError(401, "auth.invalid_token", "the token's staff member or window is gone",
                       "sign in again");
    const std::string token = randomHex(32);
    const std::string expiresAt = std::min(utcNow(settings.sessionIdleSeconds), session.absoluteExpiresAt);
    store.createSession(sha256Of(token), session.staffId, session.windowId, expiresAt,
                        session.absoluteExpiresAt);
    store.deleteSession(tokenHash);
    sendJson(response, 201, sessionAnswer(token, expiresAt, *staff, *window));
}

void pullReference(ServerStore& store, const std::string& name, Request& request, Response& response) {
    static const std::vector<std::string> names{"catalogue", "templates", "calendars", "indicators"};
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw ApiError(404, "reference.unknown", "there is no reference document '" + name + "'",
                       "ask for catalogue, templates, calendars or indicators");
    auto document = store.reference(name);
    if (!document)
        throw ApiError(404, "reference.not_published", "the centre has not published its " + name + " yet",
                       "the administrator publishes it with: ywtb-counter-server admin publish " + name +
                           " FILE");
    const std::string etag = "\"" + document->etag + "\"";
    response.set("ETag", etag);
    if (request.has("If-None-Match") && request.get("If-None-Match") == etag) {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
        response.setContentLength(0);
        response.send();
        return;
    }
    sendJson(response, 200, document->body);
}

/// One case for a counter that does not hold it (a pickup at another window): the last full body a counter
/// sent and the status the server keeps, which may be newer than the body's.
void fetchCase(ServerStore& store, ServerSecurity& security, const Session& session,
               const std::string& tokenHash, const std::string& number, Request& request,
               Response& response) {
    if (number.empty() || number.size() > 64 || !matches(number, Charset::Identifier))
        throw ApiError(400, "request.invalid_field",
                       "'case number' must be 1 to 64 letters, digits, '_' or '-'",
                       "send the case number as printed on the notice");
    // Every number asked for counts, found or not: reading many cases, or trying many numbers, is throttled.
    const auto verdict = security.reads.admit(tokenHash, number);
    if (verdict.retryAfter > 0) {
        if (verdict.firstRefusal)
            reportRefusal(session, "read.throttled",
                          "more than " + std::to_string(security.settings.bulkReadLimit) +
                              " distinct cases asked for within " +
                              std::to_string(security.settings.bulkReadSeconds) + " s (bulk reading)");
        ApiError throttled(429, "read.throttled",
                           "this session read " + std::to_string(security.settings.bulkReadLimit) +
                               " different cases within " +
                               std::to_string(security.settings.bulkReadSeconds) +
                               " s, the most a counter needs",
                           "wait " + std::to_string(verdict.retryAfter) +
                               " s; reading cases in bulk is reported to the supervisor");
        throttled.extraHeader = "Retry-After";
        throttled.extraValue = verdict.retryAfter;
        throw throttled;
    }
    auto record = store.caseRecord(number);
    if (!record)
        throw ApiError(404, "case.unknown", "no counter has sent case " + number + " to the server",
                       "check the number; a case made offline reaches the server when its counter syncs");
    if (record->centre != session.centre) {
        reportRefusal(session, "access.out_of_scope", "read of a case of another centre");
        throw ApiError(403, "access.out_of_scope", "case " + number + " belongs to another centre",
                       "a counter reads only its own centre's cases; ask that centre");
    }
    store.recordRead(
        {0, utcNow(), session.staffId, session.windowId, clientAddress(request), number, "case"});
    Poco::JSON::Parser parser;
    Object::Ptr answer = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    answer->set("number", record->number);
    answer->set("status", record->status);
    answer->set("server_owned", record->serverOwned);
    answer->set("updated_at", record->updatedAt);
    answer->set("case", parser.parse(record->body)); // stored only after it parsed as an object
    sendJson(response, 200, answer);
}

std::string changeResponse(const std::string& uuid, const std::string& caseNumber,
                           const ChangeResult& result) {
    Object::Ptr json = new Object;
    json->set("uuid", uuid);
    json->set("status", 201);
    json->set("outcome", result.kind == ChangeResult::Kind::Conflict ? "conflict" : "applied");
    json->set("case_number", caseNumber);
    json->set("server_status", result.serverStatus);
    json->set("received_at", result.receivedAt);
    if (result.kind == ChangeResult::Kind::Conflict) {
        Object::Ptr reason = new Object;
        reason->set("code", result.conflictCode);
        reason->set("message", result.conflictMessage);
        json->set("conflict", reason);
    }
    return toJson(json);
}

std::string changeFailure(const std::string& uuid, int status, const std::string& code,
                          const std::string& message, const std::string& fix) {
    Object::Ptr json = new Object;
    json->set("uuid", uuid);
    json->set("status", status);
    json->set("error", errorObject(code, message, fix));
    return toJson(json);
}

std::string pushOne(ServerStore& store, const Session& session, const Object::Ptr& change,
                    const std::string& uuid) {
    std::string caseNumber;
    std::string kind;
    try {
        caseNumber = requireString(change, "case_number", 64, Charset::Identifier);
        kind = requireString(change, "kind", 64, Charset::LowerWords);
        optionalString(change, "created_at", 64);
    } catch (const ApiError& e) {
        return changeFailure(uuid, 422, "change.invalid", e.what(), e.fix);
    }
    if (!change->has("body") || change->get("body").type() != typeid(Object::Ptr))
        return changeFailure(uuid, 422, "change.invalid", "the change's 'body' must be a JSON object",
                             "send the outbox entry's payload as an object in 'body'");
    const auto body = change->getObject("body");
    const std::string canonicalBody = toJson(body);
    if (canonicalBody.size() > kMaxChangeBody)
        return changeFailure(uuid, 422, "change.too_large",
                             "the change's body has " + std::to_string(canonicalBody.size()) +
                                 " bytes, more than 256 KiB",
                             "send scans and documents as blobs and refer to them by SHA-256");
    ChangeRequest request;
    request.uuid = uuid;
    request.caseNumber = caseNumber;
    request.kind = kind;
    request.body = canonicalBody;
    request.requestHash = sha256Of(caseNumber + "\n" + kind + "\n" + canonicalBody);
    // A case change carries the whole case; the server checks it against its copy (server_store.cpp), and the
    // status it keeps is the checked case's, never a "status" taken from the body on its own.
    if (kind.rfind("case.", 0) == 0)
        request.carried = core::pushedCase(caseNumber, kind, canonicalBody);
    request.staffId = session.staffId;
    request.windowId = session.windowId;
    request.role = session.role;
    request.centre = session.centre;
    request.windowType = session.windowType;
    const auto result =
        store.pushChange(request, [&](const ChangeResult& r) { return changeResponse(uuid, caseNumber, r); });
    if (result.kind == ChangeResult::Kind::Forbidden) {
        reportRefusal(session, result.refusalCode, kind + " of case " + caseNumber);
        return changeFailure(
            uuid, 403, result.refusalCode, result.refusalMessage,
            result.refusalCode == "access.role"
                ? "the step needs another role (docs/api.md section 5); this change is set aside"
                : "a counter writes only its own centre's cases, numbered for its own window; "
                  "this change is set aside");
    }
    if (result.kind == ChangeResult::Kind::UuidReused)
        return changeFailure(
            uuid, 409, "change.uuid_reused",
            "a change with this UUID was already received with a different content",
            "a UUID names one change forever: give a new change a new UUID; this one is set aside");
    return result.response;
}

void pushChanges(ServerStore& store, const Session& session, Request& request, Response& response) {
    auto body = readJsonObject(request);
    if (!body->has("changes") || body->get("changes").type() != typeid(Poco::JSON::Array::Ptr))
        throw ApiError(400, "batch.missing_changes", "the body has no 'changes' array",
                       "send {\"changes\": [ … ]}");
    const auto changes = body->getArray("changes");
    if (changes->size() == 0)
        throw ApiError(400, "batch.empty", "the batch has no changes", "send 1 to 100 changes per batch");
    if (changes->size() > kMaxBatch)
        throw ApiError(400, "batch.too_many",
                       "the batch has " + std::to_string(changes->size()) + " changes, more than 100",
                       "send at most 100 changes per batch");
    std::vector<std::pair<Object::Ptr, std::string>> items;
    for (std::size_t i = 0; i < changes->size(); ++i) {
        const std::string where = "changes[" + std::to_string(i) + "]";
        if (changes->get(static_cast<unsigned>(i)).type() != typeid(Object::Ptr))
            throw ApiError(400, "batch.invalid_change", where + " is not a JSON object",
                           "send each change as an object");
        auto change = changes->getObject(static_cast<unsigned>(i));
        std::string uuid;
        if (change->has("uuid") && change->get("uuid").isString())
            uuid = change->getValue<std::string>("uuid");
        if (!isUuid(uuid))
            throw ApiError(400, "batch.invalid_change", where + ".uuid is missing or not a lower-case UUID",
                           "send the outbox entry's UUID, like 3b0f5a8e-2d1c-4b7a-9e61-0c2f4d8a1b22");
        items.emplace_back(change, uuid);
    }
    std::string results = "{\"results\":[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            results += ',';
        results += pushOne(store, session, items[i].first, items[i].second);
    }
    results += "]}";
    sendJson(response, 200, results);
}

void statusFeed(ServerStore& store, const Session& session, Request& request, Response& response) {
    const Poco::URI uri(request.getURI());
    std::int64_t after = 0;
    std::int64_t limit = 200;
    for (const auto& [name, value] : uri.getQueryParameters()) {
        if (name == "after")
            after = parseInteger(value, "after", 0, INT64_MAX);
        else if (name == "limit")
            limit = parseInteger(value, "limit", 1, 1000);
    }
    auto changes = store.statusChanges(after, static_cast<int>(limit) + 1, session.centre);
    const bool more = changes.size() > static_cast<std::size_t>(limit);
    if (more)
        changes.pop_back();
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    std::int64_t cursor = after;
    for (const auto& c : changes) {
        Object::Ptr item = new Object;
        item->set("cursor", std::to_string(c.cursor));
        item->set("case_number", c.caseNumber);
        item->set("status", c.status);
        item->set("note", c.note);
        item->set("at", c.at);
        item->set("source", c.source);
        list->add(item);
        cursor = c.cursor;
    }
    Object::Ptr answer = new Object;
    answer->set("changes", list);
    answer->set("cursor", std::to_string(cursor));
    answer->set("more", more);
    sendJson(response, 200, answer);
}

void reserveBlock(ServerStore& store, const Session& session, Request& request, Response& response) {
    auto body = readJsonObject(request);
    NumberBlock block;
    block.requestId = requireString(body, "request_id", 36);
    if (!isUuid(block.requestId))
        throw ApiError(400, "request.invalid_field", "'request_id' must be a lower-case UUID",
                       "make a new UUID for each reservation and keep it for its retries");
    block.kind = requireString(body, "kind", 32, Charset::LowerWords);
    block.year = requireInteger(body, "year", 2000, 2100);
    const auto size = requireInteger(body, "size", 1, 10000);
    block.window = session.windowId;
    switch (store.reserveBlock(block, size, session.staffId)) {
    case ServerStore::BlockOutcome::Reserved:
        return sendJson(response, 201, blockJson(block));
    case ServerStore::BlockOutcome::Replayed:
        return sendJson(response, 200, blockJson(block));
    case ServerStore::BlockOutcome::RequestReused:
        throw ApiError(409, "block.request_reused",
                       "this request_id already reserved a block of another kind, year, size or window",
                       "use a new request_id for a new reservation");
    }
}

void listBlocks(ServerStore& store, const Session& session, Response& response) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& block : store.blocks(session.windowId))
        list->add(blockJson(block));
    Object::Ptr answer = new Object;
    answer->set("blocks", list);
    sendJson(response, 200, answer);
}

void licenceLookup(ServerStore& store, Request& request, Response& response) {
    auto body = readJsonObject(request);
    const auto holder = requireString(body, "holder_id", 32, Charset::Identifier);
    const auto type = requireString(body, "licence_type", 64, Charset::LowerWords);
    Object::Ptr answer = new Object;
    if (auto licence = store.licence(holder, type)) {
        answer->set("found", true);
        Object::Ptr json = new Object;
        json->set("type", licence->type);
        json->set("number", licence->number);
        json->set("issuer", licence->issuer);
        json->set("valid_until", licence->validUntil);
        answer->set("licence", json);
    } else {
        answer->set("found", false);
    }
    sendJson(response, 200, answer);
}

void creditCheck(ServerStore& store, Request& request, Response& response) {
    auto body = readJsonObject(request);
    const auto subject = requireString(body, "subject_id", 32, Charset::Identifier);
    Object::Ptr answer = new Object;
    if (auto reason = store.creditFlag(subject)) {
        answer->set("status", "flagged");
        answer->set("reason", *reason);
    } else {
        answer->set("status", "clear");
    }
    sendJson(response, 200, answer);
}

void queue(ServerStore& store, const Session& session, const std::vector<std::string>& s, Request& request,
           Response& response, const std::string& path) {
    // s = ["queue", …] after /api/v1
    if (s.size() == 1) {
        requireMethod(request, "GET", path);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& t : store.waitingTickets(session.windowId))
            list->add(ticketJson(t));
        Object::Ptr answer = new Object;
        answer->set("waiting", list);
        return sendJson(response, 200, answer);
    }
    requireMethod(request, "POST", path);
    if (s.size() == 2 && s[1] == "tickets") {
        auto body = readJsonObject(request);
        const auto kind = requireString(body, "kind", 16, Charset::LowerWords);
        if (kind != "walk_in" && kind != "appointment")
            throw ApiError(400, "request.invalid_field", "'kind' must be walk_in or appointment",
                           "correct 'kind'");
        const auto item = optionalString(body, "item_code", 64, Charset::Identifier);
        return sendJson(response, 201, ticketJson(store.issueTicket(kind, item)));
    }
    if (s.size() == 2 && s[1] == "call-next") {
        readBody(request, kMaxJsonBody);
        auto ticket = store.callNext(session.windowId);
        if (!ticket) {
            response.setStatus(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
            response.setContentLength(0);
            response.send();
            return;
        }
        return sendJson(response, 200, ticketJson(*ticket));
    }
    if (s.size() == 4 && s[1] == "tickets") {
        const auto id = parseInteger(s[2], "ticket id", 1, INT64_MAX);
        const std::string& action = s[3];
        if (action != "recall" && action != "skip" && action != "transfer" && action != "done")
            throw ApiError(404, "route.unknown", "there is no ticket action '" + action + "'",
                           "use recall, skip, transfer or done");
        std::string target;
        if (action == "transfer") {
            auto body = readJsonObject(request);
            target = requireString(body, "window", 32, Charset::Identifier);
            const auto targetWindow = store.window(target);
            if (!targetWindow || targetWindow->centre != session.centre)
                throw ApiError(404, "window.unknown", "there is no window '" + target + "' in this centre",
                               "choose one of the centre's windows");
        } else {
            readBody(request, kMaxJsonBody);
        }
        Ticket ticket;
        const auto error = store.ticketAction(id, action, session.windowId, target, ticket);
        if (error == "ticket.unknown")
            throw ApiError(404, error, "there is no ticket " + std::to_string(id), "check the ticket id");
        if (error == "ticket.wrong_state")
            throw ApiError(409, error, "ticket " + std::to_string(id) + " is not being called by this window",
                           "only the window that called a ticket can recall, skip, transfer or finish it; "
                           "call the next one instead");
        return sendJson(response, 200, ticketJson(ticket));
    }
    throw ApiError(404, "route.unknown", "there is no resource " + path,
                   "see docs/api.md for the paths of API v1");
}

/// Reads what is left of the request body, so that the next request on this keep-alive connection starts
/// where it should; a body too large to skip closes the connection instead.
void drainBody(Request& request, Response& response) {
    constexpr std::streamsize kMaxSkip = 16 * 1024 * 1024;
    std::istream& in = request.stream();
    std::vector<char> sink(64 * 1024);
    std::streamsize skipped = 0;
    try {
        while (skipped <= kMaxSkip &&
               (in.read(sink.data(), static_cast<std::streamsize>(sink.size())) || in.gcount() > 0))
            skipped += in.gcount();
    } catch (const std::exception&) {
        skipped = kMaxSkip + 1;
    }
    if (skipped > kMaxSkip && !response.sent())
        response.setKeepAlive(false);
}

} // namespace

void ApiHandler::handleRequest(Request& request, Response& response) {
    const auto started = std::chrono::steady_clock::now();
    const Fault fault = m_faults.next();
    setAnswerFault(fault == Fault::Drop     ? AnswerFault::Drop
                   : fault == Fault::Garble ? AnswerFault::Garble
                                            : AnswerFault::None);
    try {
        if (fault == Fault::Error)
            throw ApiError(503, "server.fault_injected",
                           "this answer is a fault injected on purpose (--inject-faults)",
                           "retry with back-off, as after any 503");
        if (fault == Fault::Slow)
            std::this_thread::sleep_for(std::chrono::milliseconds(m_faults.slowMilliseconds()));
        route(request, response);
        drainBody(request, response);
    } catch (const ApiError& e) {
        drainBody(request, response);
        if (!response.sent()) {
            if (!e.extraHeader.empty())
                response.set(e.extraHeader, std::to_string(e.extraValue));
            auto error = errorObject(e.code, e.what(), e.fix);
            if (!e.extraField.empty())
                error->set(e.extraField, e.extraValue);
            Object::Ptr body = new Object;
            body->set("error", error);
            if (e.status == 413)
                response.setKeepAlive(false);
            sendJson(response, e.status, body);
        }
    } catch (const store::StoreFailure& e) {
        drainBody(request, response);
        if (!response.sent())
            sendJson(response, 503,
                     errorBody("server.store", e.error().str(),
                               "retry later; if it repeats, tell the administrator"));
    } catch (const std::exception& e) {
        drainBody(request, response);
        if (!response.sent())
            sendJson(
                response, 500,
                errorBody("server.internal", e.what(), "retry later; if it repeats, tell the administrator"));
    }
    if (answerDropped()) {
        // The work is done, the answer is lost: what a client sees when the network fails after the server
        // committed.
        response.setKeepAlive(false);
        try {
            static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().shutdown();
        } catch (const std::exception&) {
        }
    }
    setAnswerFault(AnswerFault::None);
    // Paths and statuses only: personal data travels in bodies, which are never logged (DESIGN.md, PIPL).
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
            .count();
    const std::string line = request.getMethod() + " " + Poco::URI(request.getURI()).getPath() + " " +
                             std::to_string(static_cast<int>(response.getStatus())) + " " +
                             std::to_string(ms) + "ms\n";
    std::fputs(line.c_str(), stderr);
}

void ApiHandler::route(Request& request, Response& response) {
    const std::string path = Poco::URI(request.getURI()).getPath();
    const auto all = segmentsOf(path);
    if (all.size() < 3 || all[0] != "api" || all[1] != "v1")
        throw ApiError(404, "route.unknown", "there is no resource " + path,
                       "the API lives under /api/v1 (docs/api.md)");
    const std::vector<std::string> s(all.begin() + 2, all.end());
    const std::string& method = request.getMethod();

    if (s[0] == "health" && s.size() == 1) {
        requireMethod(request, "GET", path);
        Object::Ptr answer = new Object;
        answer->set("status", "ok");
        answer->set("api", "v1");
        answer->set("server_time", utcNow());
        return sendJson(response, 200, answer);
    }
    if (s[0] == "sessions" && s.size() == 1) {
        requireMethod(request, "POST", path);
        return signIn(m_store, m_security, request, response);
    }

    std::string tokenHash;
    const Session session = authenticate(m_store, m_security.settings, request, &tokenHash);

    if (s[0] == "sessions" && s.size() == 3 && s[1] == "current" && s[2] == "renew") {
        requireMethod(request, "POST", path);
        return renewSession(m_store, m_security.settings, session, tokenHash, request, response);
    }
    if (s[0] == "sessions" && s.size() == 2 && s[1] == "current") {
        requireMethod(request, "DELETE", path);
        m_store.deleteSession(tokenHash);
        response.setStatus(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
        response.setContentLength(0);
        response.send();
        return;
    }
    if (s[0] == "reference" && s.size() == 2) {
        requireMethod(request, "GET", path);
        return pullReference(m_store, s[1], request, response);
    }
    if (s[0] == "changes" && s.size() == 1) {
        requireMethod(request, "POST", path);
        requireAccess(session, Access::WriteChanges, "push case changes");
        return pushChanges(m_store, session, request, response);
    }
    if (s[0] == "blobs" && (s.size() == 2 || (s.size() == 3 && s[2] == "upload"))) {
        requireAccess(session, Access::Blobs, "send or fetch scans and documents");
        if (!isSha256(s[1]))
            throw ApiError(400, "blob.bad_name", "'" + s[1] + "' is not a SHA-256 (64 lower-case hex digits)",
                           "name a blob by the lower-case hex SHA-256 of its bytes");
        if (s.size() == 3) {
            requireMethod(request, "GET", path);
            return m_blobs.uploadStatus(s[1], response);
        }
        if (method == "HEAD")
            return m_blobs.head(s[1], response);
        if (method == "GET")
            return m_blobs.download(s[1], response);
        if (method == "PUT")
            return m_blobs.putChunk(s[1], session.windowId, request, response);
        methodNotAllowed(method, path);
    }
    if (s[0] == "cases" && s.size() == 2) {
        requireMethod(request, "GET", path);
        requireAccess(session, Access::ReadCase, "read cases");
        return fetchCase(m_store, m_security, session, tokenHash, s[1], request, response);
    }
    if (s[0] == "status-changes" && s.size() == 1) {
        requireMethod(request, "GET", path);
        requireAccess(session, Access::ReadCase, "read cases' status");
        return statusFeed(m_store, session, request, response);
    }
    if (s[0] == "number-blocks" && s.size() == 1) {
        requireAccess(session, Access::NumberBlocks, "reserve document numbers");
        if (method == "GET")
            return listBlocks(m_store, session, response);
        requireMethod(request, "POST", path);
        return reserveBlock(m_store, session, request, response);
    }
    if (s[0] == "elicences" && s.size() == 2 && s[1] == "lookup") {
        requireMethod(request, "POST", path);
        requireAccess(session, Access::PersonalLookup, "look up e-licences");
        return licenceLookup(m_store, request, response);
    }
    if (s[0] == "credit" && s.size() == 2 && s[1] == "check") {
        requireMethod(request, "POST", path);
        requireAccess(session, Access::PersonalLookup, "check credit records");
        return creditCheck(m_store, request, response);
    }
    if (s[0] == "queue") {
        requireAccess(session, Access::Queue, "use the hall queue");
        return queue(m_store, session, s, request, response, path);
    }
    throw ApiError(404, "route.unknown", "there is no resource " + path,
                   "see docs/api.md for the paths of API v1");
}

} // namespace ywtb::server
