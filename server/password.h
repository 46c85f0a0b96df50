#pragma once
// Staff passwords and session tokens: salted PBKDF2-HMAC-SHA-256 at OWASP's 600,000 iterations, random hex,
// hashes only at rest; and the policy a new password must meet.

#include <optional>
#include <string>
#include <string_view>

namespace ywtb::server {

/// OWASP's figure for PBKDF2-HMAC-SHA-256 (Password Storage Cheat Sheet, 2023): about 0.3 s a hash here.
/// Only an explicit --test-kdf-iterations lowers it, and the server then says so.
constexpr unsigned kPasswordIterations = 600000;
/// The shortest password the policy takes.
constexpr std::size_t kMinPasswordLength = 10;

/// Hex PBKDF2-HMAC-SHA-256 of `password` with `salt` (hex text) and `iterations`, 32 bytes.
std::string hashPassword(std::string_view password, const std::string& salt, unsigned iterations);
/// `bytes` random bytes from the system's generator, as lower-case hex.
std::string randomHex(std::size_t bytes);
/// Lower-case hex SHA-256 of `text`.
std::string sha256Of(std::string_view text);
/// Compares without an early exit, so the time taken says nothing about where two hashes differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

/// Why `password` may not be staff `staffId`'s, or none when it may: at least kMinPasswordLength characters,
/// at most 256, not the staff number nor holding it, not one character repeated, not in the known-weak list
/// (server/weak_passwords.txt, compiled in), compared without case.
std::optional<std::string> passwordProblem(const std::string& password, const std::string& staffId);

} // namespace ywtb::server
