#pragma once
// Staff sign-in at a counter PC: at the central server when it answers (the token kept for sync, the offline
// verifier refreshed), else against the verifier of the last online sign-in kept on this PC (docs/sync.md).
// A refusal by the server is final: an old verifier never overrides it.

#include "core/error.h"
#include "sync/http_client.h"

#include <memory>
#include <string>

namespace ywtb::store {
class Database;
}

namespace ywtb::services {

enum class SignInRoute { Online, Offline };

struct StaffSignInResult {
    SignInRoute route = SignInRoute::Online;
    std::string staff;
    std::string staffName;   ///< as the server knows the staff member; empty offline
    std::string expiresAt;   ///< of the kept token; empty offline
    core::Error unreachable; ///< offline: why the server could not be asked
};

class StaffSignIn {
public:
    /// `db` is the local store; `http` defaults to the one libcurl client with `options`.
    StaffSignIn(store::Database& db, std::string serverUrl, sync::HttpOptions options = {},
                std::unique_ptr<sync::HttpClient> http = nullptr);

    /// Signs `staff` in at `window`. Online when the server answers; offline only when it cannot be reached
    /// (no connection, timeout, certificate refused, server trouble), saying why.
    core::Expected<StaffSignInResult> signIn(const std::string& staff, const std::string& password,
                                             const std::string& window);

private:
    core::Expected<StaffSignInResult> signInOffline(const std::string& staff, const std::string& password,
                                                    core::Error unreachable);

    store::Database& m_db;
    std::string m_serverUrl;
    std::unique_ptr<sync::HttpClient> m_http;
};

} // namespace ywtb::services
