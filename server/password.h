#pragma once
// Staff passwords and session tokens: salted PBKDF2-HMAC-SHA-256, random hex, hashes only at rest.

#include <string>
#include <string_view>

namespace ywtb::server {

constexpr unsigned kPasswordIterations = 10000;

/// Hex PBKDF2-HMAC-SHA-256 of `password` with `salt` (hex text) and `iterations`, 32 bytes.
std::string hashPassword(std::string_view password, const std::string& salt, unsigned iterations);
/// `bytes` random bytes from the system's generator, as lower-case hex.
std::string randomHex(std::size_t bytes);
/// Lower-case hex SHA-256 of `text`.
std::string sha256Of(std::string_view text);
/// Compares without an early exit, so the time taken says nothing about where two hashes differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

} // namespace ywtb::server
