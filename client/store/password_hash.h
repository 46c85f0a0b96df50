#pragma once
// Password verifiers at rest (the server's staff table, the counter's offline sign-in): salted
// PBKDF2-HMAC-SHA-256, random salts, comparison in constant time. Never the password itself.

#include <cstddef>
#include <string>
#include <string_view>

namespace ywtb::store {

/// Hex PBKDF2-HMAC-SHA-256 of `password` with `salt` (its bytes as given) and `iterations`, 32 bytes.
std::string pbkdf2Sha256Hex(std::string_view password, const std::string& salt, unsigned iterations);
/// `bytes` random bytes from the system's generator, as lower-case hex.
std::string randomHex(std::size_t bytes);
/// Compares without an early exit, so the time taken says nothing about where two hashes differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

} // namespace ywtb::store
