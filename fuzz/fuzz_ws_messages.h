#pragma once
// What the WebSocket message targets share: the text a device sends must either be refused with the parser's
// one error code, or give a message that encodes to text the parser takes back to the same encoding.

#include "fuzz/fuzz_support.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ywtb::fuzz {

/// Parses `data` with `parse`; on success checks `valid` and that encode → parse → encode is stable.
template <typename Parse, typename Encode, typename Valid>
void checkRoundTrip(std::span<const std::uint8_t> data, const char* errorCode, Parse parse, Encode encode,
                    Valid valid) {
    const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    auto parsed = parse(text);
    if (!parsed) {
        YWTB_FUZZ_CHECK(parsed.error().code == errorCode);
        // The error names the field; the text (which may hold a case number or a name) is put into none of
        // its placeholders nor its place. Shorter texts are skipped: the parser's own phrases ("not JSON",
        // "\"stroke\" is missing or not an object") are all under 80 bytes, and a text that happens to spell
        // one is not a quotation (the fuzzer found "not JSON" in CI). A parser that quoted its input would
        // quote a long one too, so the check still catches it.
        const auto& e = parsed.error();
        if (text.size() >= 80) {
            YWTB_FUZZ_CHECK(e.where.find(text) == std::string::npos);
            for (const auto* message : {&e.what, &e.fix})
                for (const auto& [name, value] : message->args)
                    YWTB_FUZZ_CHECK(value.find(text) == std::string::npos);
        }
        return;
    }
    valid(*parsed);
    const auto encoded = encode(*parsed);
    auto again = parse(encoded);
    YWTB_FUZZ_CHECK(again.ok());
    YWTB_FUZZ_CHECK(encode(*again) == encoded);
}

} // namespace ywtb::fuzz
