#include "server/password.h"

#include "store/blob_store.h"
#include "store/password_hash.h"

namespace ywtb::server {

std::string hashPassword(std::string_view password, const std::string& salt, unsigned iterations) {
    return store::pbkdf2Sha256Hex(password, salt, iterations);
}

std::string randomHex(std::size_t bytes) {
    return store::randomHex(bytes);
}

std::string sha256Of(std::string_view text) {
    return store::sha256Hex(text);
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    return store::constantTimeEquals(a, b);
}

} // namespace ywtb::server
