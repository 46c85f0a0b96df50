#include "store/password_hash.h"

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/PBKDF2Engine.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>
#include <vector>

namespace ywtb::store {
namespace {

// Poco 1.11's SHA2Engine lacks the BLOCK_SIZE / DIGEST_SIZE constants HMACEngine needs.
class Sha256ForHmac : public Poco::SHA2Engine {
public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256ForHmac() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

} // namespace

std::string pbkdf2Sha256Hex(std::string_view password, const std::string& salt, unsigned iterations) {
    Poco::PBKDF2Engine<Poco::HMACEngine<Sha256ForHmac>> engine(salt, iterations, 32);
    engine.update(password.data(), static_cast<unsigned>(password.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string randomHex(std::size_t bytes) {
    Poco::RandomInputStream random;
    std::vector<unsigned char> buffer(bytes);
    random.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(bytes));
    return Poco::DigestEngine::digestToHex(buffer);
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(
            diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
    return diff == 0;
}

} // namespace ywtb::store
