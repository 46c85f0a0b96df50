#include "sync/hall_queue.h"

#include "sync/api_answers.h"

#include <Poco/JSON/Array.h>

namespace ywtb::sync {

namespace {

std::optional<Ticket> ticketOf(const Poco::JSON::Object::Ptr& doc) {
    if (!doc || !doc->has("id") || !doc->has("number") || !doc->has("state"))
        return std::nullopt;
    try {
        return Ticket{doc->getValue<std::int64_t>("id"),
                      doc->getValue<std::string>("number"),
                      doc->optValue<std::string>("kind", ""),
                      doc->getValue<std::string>("state"),
                      doc->optValue<std::string>("item_code", ""),
                      doc->optValue<std::string>("window", ""),
                      doc->optValue<std::string>("target_window", ""),
                      doc->optValue<std::int64_t>("call_count", 0),
                      doc->optValue<std::string>("issued_at", ""),
                      doc->optValue<std::string>("called_at", "")};
    } catch (const Poco::Exception&) {
        return std::nullopt; // a field of the wrong type
    }
}

/// The server said no for a reason the clerk can act on: not this window's ticket, an unknown ticket or
/// window.
core::Error refused(const HttpResponse& answer, const std::string& url) {
    return core::Error{"queue.refused",
                       core::Message(N_("the queue refused: {detail}"), {{"detail", describeAnswer(answer)}}),
                       url, core::Message(N_("call the next ticket, or check the window it goes to"))};
}

} // namespace

const char* toString(TicketAction action) {
    switch (action) {
    case TicketAction::Recall:
        return "recall";
    case TicketAction::Skip:
        return "skip";
    case TicketAction::Transfer:
        return "transfer";
    case TicketAction::Done:
        return "done";
    }
    return "done";
}

HallQueue::HallQueue(SyncOptions options, std::unique_ptr<HttpClient> http)
    : m_options(std::move(options)), m_http(std::move(http)), m_token(m_options.token) {
    m_options.serverUrl = serverBase(m_options.serverUrl);
    if (!m_http)
        m_http = makeHttpClient(m_options.http);
}

core::Expected<HttpResponse> HallQueue::send(const std::string& method, const std::string& path,
                                             const std::string& body) {
    // A 401 did nothing on the server, so signing in again and repeating is safe; once.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_token.empty()) {
            if (m_options.password.empty())
                return core::Error{"sync.sign_in_needed",
                                   core::Message(N_("the server does not take this sign-in any more")),
                                   m_options.serverUrl, core::Message(N_("sign in again"))};
            auto session = openSession(*m_http, m_options.serverUrl, m_options.staff, m_options.password,
                                       m_options.window);
            if (!session)
                return session.error();
            m_token = session->token;
        }
        HttpRequest request;
        request.method = method;
        request.url = m_options.serverUrl + path;
        request.body = body;
        request.headers.emplace_back("Authorization", "Bearer " + m_token);
        auto answer = m_http->send(request);
        if (!answer || answer->status != 401)
            return answer;
        m_token.clear();
    }
    return tokenExpired(m_options.serverUrl + path);
}

core::Expected<std::optional<Ticket>> HallQueue::callNext() {
    const std::string path = "/api/v1/queue/call-next";
    auto answer = send("POST", path, "{}");
    if (!answer)
        return answer.error();
    if (answer->status == 204)
        return std::optional<Ticket>();
    auto ticket = answer->status == 200 ? ticketOf(parseObject(answer->body)) : std::nullopt;
    if (!ticket)
        return serverTrouble(*answer, m_options.serverUrl + path);
    return ticket;
}

core::Expected<Ticket> HallQueue::act(std::int64_t id, TicketAction action, const std::string& targetWindow) {
    const std::string path = "/api/v1/queue/tickets/" + std::to_string(id) + "/" + toString(action);
    Poco::JSON::Object body;
    if (action == TicketAction::Transfer)
        body.set("window", targetWindow);
    auto answer = send("POST", path, stringify(body));
    if (!answer)
        return answer.error();
    if (answer->status == 404 || answer->status == 409 || answer->status == 400)
        return refused(*answer, m_options.serverUrl + path);
    auto ticket = answer->status == 200 ? ticketOf(parseObject(answer->body)) : std::nullopt;
    if (!ticket)
        return serverTrouble(*answer, m_options.serverUrl + path);
    return *ticket;
}

core::Expected<std::vector<Ticket>> HallQueue::waiting() {
    const std::string path = "/api/v1/queue";
    auto answer = send("GET", path, "");
    if (!answer)
        return answer.error();
    auto doc = answer->status == 200 ? parseObject(answer->body) : nullptr;
    auto list = doc ? doc->getArray("waiting") : nullptr;
    if (!list)
        return serverTrouble(*answer, m_options.serverUrl + path);
    std::vector<Ticket> tickets;
    for (const auto& item : *list) {
        auto ticket = item.type() == typeid(Poco::JSON::Object::Ptr)
                          ? ticketOf(item.extract<Poco::JSON::Object::Ptr>())
                          : std::nullopt;
        if (!ticket)
            return serverTrouble(*answer, m_options.serverUrl + path);
        tickets.push_back(std::move(*ticket));
    }
    return tickets;
}

core::Expected<Ticket> HallQueue::issue(const std::string& kind, const std::string& itemCode) {
    const std::string path = "/api/v1/queue/tickets";
    Poco::JSON::Object body;
    body.set("kind", kind);
    if (!itemCode.empty())
        body.set("item_code", itemCode);
    auto answer = send("POST", path, stringify(body));
    if (!answer)
        return answer.error();
    if (answer->status == 400)
        return refused(*answer, m_options.serverUrl + path);
    auto ticket = answer->status == 201 ? ticketOf(parseObject(answer->body)) : std::nullopt;
    if (!ticket)
        return serverTrouble(*answer, m_options.serverUrl + path);
    return *ticket;
}

} // namespace ywtb::sync
