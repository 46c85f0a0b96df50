#pragma once
// Compressing the streams of the PDF libharu wrote, at a level we choose. libharu 2.3 deflates every
// stream at zlib's default level 6 with no way to change it, which was 37 % of the time a notice takes
// (mostly the embedded font subset); it now writes them raw and this pass deflates them at level 1 with
// libdeflate.

#include "core/error.h"

#include <string>
#include <string_view>

namespace ywtb::render {

/// `pdf` (as libharu 2.3 writes it: one classic xref table, no object streams) with every stream that has
/// no /Filter deflated at `level` (1–9 as zlib counts; libdeflate goes to 12), its /Length updated and the
/// xref table rebuilt. A stream that would not get smaller is left raw. Fails, changing nothing, on a file
/// whose structure is not the one expected (the caller keeps the uncompressed file, which is just as valid).
core::Expected<std::string> deflateStreams(std::string_view pdf, int level);

} // namespace ywtb::render
