#include "services/staff_sign_in.h"

#include "core/clock.h"
#include "store/database.h"
#include "store/staff_verifier.h"
#include "store/sync_state.h"
#include "sync/sync_engine.h"

namespace ywtb::services {
namespace {

/// The server could not be asked (as opposed to: it answered no).
bool unreachable(const core::Error& error) {
    return error.code.starts_with("http.") || error.code == "sync.server_trouble";
}

} // namespace

StaffSignIn::StaffSignIn(store::Database& db, std::string serverUrl, sync::HttpOptions options,
                         std::unique_ptr<sync::HttpClient> http)
    : m_db(db), m_serverUrl(sync::serverBase(std::move(serverUrl))),
      m_http(http ? std::move(http) : sync::makeHttpClient(std::move(options))) {}

core::Expected<StaffSignInResult> StaffSignIn::signIn(const std::string& staff, const std::string& password,
                                                      const std::string& window) {
    if (staff.empty() || password.empty())
        return core::Error{"signin.incomplete",
                           core::Message(N_("a staff number and a password are needed to sign in")), staff,
                           core::Message(N_("give the staff number and type the password"))};
    auto session = sync::openSession(*m_http, m_serverUrl, staff, password, window);
    if (!session) {
        if (unreachable(session.error()))
            return signInOffline(staff, password, session.error());
        return session.error(); // the server said no: final, whatever this PC remembers
    }
    const auto now = core::utcNow();
    store::Transaction tx(m_db);
    store::keepStaffVerifier(tx, staff, password, now);
    store::keepSession(tx, {m_serverUrl, window, staff, session->token, session->expiresAt});
    tx.commit();
    StaffSignInResult result;
    result.route = SignInRoute::Online;
    result.staff = staff;
    result.staffName = session->staffName;
    result.expiresAt = session->expiresAt;
    return result;
}

core::Expected<StaffSignInResult>
StaffSignIn::signInOffline(const std::string& staff, const std::string& password, core::Error unreachable) {
    const auto verifier = store::staffVerifier(m_db, staff);
    if (!verifier)
        return core::Error{
            "signin.offline_unknown",
            core::Message(
                N_("{staff} has not signed in online on this PC, so the password cannot be checked while the "
                   "server is unreachable ({reason})"),
                {{"staff", staff}, {"reason", unreachable.str()}}),
            m_serverUrl, core::Message(N_("sign in once online on this PC first"))};
    if (!store::verifierMatches(*verifier, password))
        return core::Error{
            "signin.offline_refused",
            core::Message(N_("the password of {staff} does not match the last online sign-in on this PC"),
                          {{"staff", staff}}),
            m_serverUrl,
            core::Message(
                N_("type the password again; a password changed since then works once the server is back"))};
    StaffSignInResult result;
    result.route = SignInRoute::Offline;
    result.staff = staff;
    result.unreachable = std::move(unreachable);
    return result;
}

} // namespace ywtb::services
