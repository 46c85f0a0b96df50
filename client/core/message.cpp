#include "core/message.h"

namespace ywtb::core {

std::string fillPlaceholders(const std::string& pattern,
                             const std::vector<std::pair<std::string, std::string>>& args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size();) {
        if (pattern[i] == '{') {
            const auto close = pattern.find('}', i + 1);
            if (close != std::string::npos) {
                const auto name = pattern.substr(i + 1, close - i - 1);
                bool replaced = false;
                for (const auto& [key, value] : args) {
                    if (key == name) {
                        out += value;
                        replaced = true;
                        break;
                    }
                }
                if (replaced) {
                    i = close + 1;
                    continue;
                }
            }
        }
        out += pattern[i++];
    }
    return out;
}

std::string Message::render(const Translator& translate) const {
    if (empty())
        return {};
    auto values = args;
    for (const auto& [name, msgid] : terms)
        values.emplace_back(name, translate ? translate(msgid) : std::string(msgid));
    return fillPlaceholders(translate ? translate(text) : std::string(text), values);
}

std::string Message::str() const {
    return render(nullptr);
}

} // namespace ywtb::core
