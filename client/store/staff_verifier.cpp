#include "store/staff_verifier.h"

#include "store/database.h"
#include "store/password_hash.h"

namespace ywtb::store {

void keepStaffVerifier(Transaction& tx, const std::string& staff, std::string_view password,
                       const std::string& at) {
    const auto salt = randomHex(16);
    const auto hash = pbkdf2Sha256Hex(password, salt, kVerifierIterations);
    Statement s(
        tx.db(),
        "INSERT INTO staff_verifier (staff, salt, iterations, hash, signed_in_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(staff) DO UPDATE SET salt = excluded.salt, iterations = excluded.iterations, "
        "hash = excluded.hash, signed_in_at = excluded.signed_in_at");
    s.bind(1, staff)
        .bind(2, salt)
        .bind(3, static_cast<std::int64_t>(kVerifierIterations))
        .bind(4, hash)
        .bind(5, at)
        .run();
}

std::optional<StaffVerifier> staffVerifier(Database& db, const std::string& staff) {
    Statement s(db, "SELECT staff, salt, iterations, hash, signed_in_at FROM staff_verifier WHERE staff = ?");
    s.bind(1, staff);
    if (!s.step())
        return std::nullopt;
    return StaffVerifier{s.text(0), s.text(1), static_cast<unsigned>(s.integer(2)), s.text(3), s.text(4)};
}

bool verifierMatches(const StaffVerifier& verifier, std::string_view password) {
    if (verifier.iterations == 0)
        return false;
    return constantTimeEquals(pbkdf2Sha256Hex(password, verifier.salt, verifier.iterations), verifier.hash);
}

} // namespace ywtb::store
