#pragma once
// The verifier of each staff member's last successful online sign-in at this PC, for signing in while the
// server is away (docs/sync.md). Salted PBKDF2-HMAC-SHA-256: the password itself is never stored.

#include <optional>
#include <string>
#include <string_view>

namespace ywtb::store {

class Database;
class Transaction;

/// PBKDF2 rounds of a new verifier: the server's 10,000 is too few for a hash that sits on a counter PC.
constexpr unsigned kVerifierIterations = 200000;

struct StaffVerifier {
    std::string staff;
    std::string salt; ///< 16 random bytes as hex
    unsigned iterations = 0;
    std::string hash;       ///< hex PBKDF2-HMAC-SHA-256 of the password with `salt`
    std::string signedInAt; ///< the online sign-in that made it, UTC
};

/// Replaces the verifier of `staff` with one of `password` under a fresh random salt.
void keepStaffVerifier(Transaction& tx, const std::string& staff, std::string_view password,
                       const std::string& at);
std::optional<StaffVerifier> staffVerifier(Database& db, const std::string& staff);
/// Whether `password` is the one the verifier was made of; compared in constant time.
bool verifierMatches(const StaffVerifier& verifier, std::string_view password);

} // namespace ywtb::store
