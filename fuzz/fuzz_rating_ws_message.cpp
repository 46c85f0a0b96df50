// The rating device's WebSocket messages (devices/rating/rating_ws_message.h), as the driver parses each text
// frame.
//
// Invariants: a refusal is rating.message and does not quote the text; a message taken has its fields in the
// documented ranges (level 1–5 when rated, at most 32 tags, bounded strings) and survives encode → parse →
// encode.

#include "devices/rating/rating_ws_message.h"
#include "fuzz/fuzz_ws_messages.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ywtb::devices;
    ywtb::fuzz::checkRoundTrip({data, size}, "rating.message", parseRatingWsMessage, encodeRatingWsMessage,
                               [](const RatingWsMessage& m) {
                                   YWTB_FUZZ_CHECK(m.workNo.size() <= rating_ws::maxWorkNo &&
                                                   m.window.size() <= rating_ws::maxWindow);
                                   YWTB_FUZZ_CHECK(m.caseNumber.size() <= rating_ws::maxCaseNumber);
                                   if (m.code == rating_ws::result && m.rated) {
                                       YWTB_FUZZ_CHECK(m.result.level >= 1 && m.result.level <= 5);
                                       YWTB_FUZZ_CHECK(m.result.tags.size() <= rating_ws::maxTags);
                                   }
                               });
    return 0;
}
