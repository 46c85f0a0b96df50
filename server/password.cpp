#include "server/password.h"

#include "store/blob_store.h"
#include "store/password_hash.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <unordered_set>

namespace ywtb::server {

extern const char* const kWeakPasswords; // weak_passwords.cpp, generated from server/weak_passwords.txt

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

const std::unordered_set<std::string>& weakPasswords() {
    static const std::unordered_set<std::string> list = [] {
        std::unordered_set<std::string> words;
        std::istringstream lines(kWeakPasswords);
        for (std::string line; std::getline(lines, line);) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (!line.empty() && line[0] != '#')
                words.insert(lower(line));
        }
        return words;
    }();
    return list;
}

} // namespace

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

std::optional<std::string> passwordProblem(const std::string& password, const std::string& staffId) {
    if (password.size() < kMinPasswordLength)
        return "the password has " + std::to_string(password.size()) + " characters; it needs at least " +
               std::to_string(kMinPasswordLength);
    if (password.size() > 256)
        return "the password is longer than 256 characters";
    const std::string folded = lower(password);
    if (!staffId.empty() && folded.find(lower(staffId)) != std::string::npos)
        return "the password holds the staff number " + staffId;
    if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; }))
        return "the password is one character repeated";
    if (weakPasswords().count(folded) > 0)
        return "the password is on the list of known weak passwords (server/weak_passwords.txt)";
    return std::nullopt;
}

} // namespace ywtb::server
