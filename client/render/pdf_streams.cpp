#include "render/pdf_streams.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <libdeflate.h>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ywtb::render {
namespace {

constexpr std::string_view kStreamStart = "\nstream\r\n"; // libharu: ">>", LF, "stream", CR LF
constexpr std::string_view kStreamEnd = "\nendstream\nendobj\n";

core::Error malformed(const std::string& what) {
    return core::Error{"render.pdf_structure",
                       core::Message(N_("the PDF library wrote a file of an unexpected structure ({what})"),
                                     {{"what", what}}),
                       "libharu",
                       core::Message(N_("report this to support together with the document that failed"))};
}

std::optional<std::size_t> number(std::string_view text) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data())
        return std::nullopt;
    return value;
}

struct XrefEntry {
    std::size_t offset = 0;
    bool inUse = false;
    std::string raw; ///< the 20-byte entry as written
};

struct Object {
    std::size_t id = 0;
    std::size_t offset = 0;
    std::string_view bytes; ///< "N 0 obj\n" … "endobj\n"
};

struct CompressorDeleter {
    void operator()(libdeflate_compressor* compressor) const { libdeflate_free_compressor(compressor); }
};

// libdeflate writes the zlib format FlateDecode reads, 2–3 times as fast as zlib at the same level and size.
std::optional<std::string> deflate(std::string_view data, int level) {
    const std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor(
        libdeflate_alloc_compressor(level));
    if (!compressor)
        return std::nullopt;
    std::string out(libdeflate_zlib_compress_bound(compressor.get(), data.size()), '\0');
    const std::size_t size =
        libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
    if (size == 0)
        return std::nullopt;
    out.resize(size);
    return out;
}

// The value of an indirect Length object: "N 0 obj\n<digits>\nendobj\n".
std::optional<std::size_t> lengthValue(std::string_view object) {
    const auto firstLine = object.find('\n');
    const auto secondLine =
        firstLine == std::string_view::npos ? firstLine : object.find('\n', firstLine + 1);
    if (secondLine == std::string_view::npos || object.substr(secondLine) != "\nendobj\n")
        return std::nullopt;
    return number(object.substr(firstLine + 1, secondLine - firstLine - 1));
}

} // namespace

core::Expected<std::string> deflateStreams(std::string_view pdf, int level) {
    // The trailer: "startxref\n<offset>\n%%EOF\n" at the very end, the xref table at that offset.
    const auto startxref = pdf.rfind("startxref\n");
    if (startxref == std::string_view::npos)
        return malformed("no startxref");
    const auto xrefOffset = number(pdf.substr(startxref + 10));
    if (!xrefOffset || *xrefOffset >= startxref || pdf.substr(*xrefOffset, 5) != "xref\n")
        return malformed("no xref table at startxref");
    std::size_t at = *xrefOffset + 5;
    const auto headerEnd = pdf.find('\n', at);
    const auto space = pdf.find(' ', at);
    if (headerEnd == std::string_view::npos || space > headerEnd || number(pdf.substr(at, space - at)) != 0u)
        return malformed("xref subsection");
    const auto count = number(pdf.substr(space + 1, headerEnd - space - 1));
    if (!count)
        return malformed("xref count");
    at = headerEnd + 1;
    std::vector<XrefEntry> entries;
    for (std::size_t i = 0; i < *count; ++i, at += 20) {
        const auto raw = pdf.substr(at, 20);
        if (raw.size() != 20 || raw.substr(18) != "\r\n" || (raw[17] != 'n' && raw[17] != 'f'))
            return malformed("xref entry " + std::to_string(i));
        entries.push_back({number(raw.substr(0, 10)).value_or(0), raw[17] == 'n', std::string(raw)});
    }
    const auto trailer = pdf.substr(at, startxref - at);
    if (trailer.rfind("trailer\n", 0) != 0)
        return malformed("trailer");

    std::vector<Object> objects;
    for (std::size_t id = 0; id < entries.size(); ++id)
        if (entries[id].inUse)
            objects.push_back({id, entries[id].offset, {}});
    std::sort(objects.begin(), objects.end(),
              [](const Object& a, const Object& b) { return a.offset < b.offset; });
    if (objects.empty())
        return malformed("no objects");
    for (std::size_t i = 0; i < objects.size(); ++i) {
        const auto end = i + 1 < objects.size() ? objects[i + 1].offset : *xrefOffset;
        if (objects[i].offset >= end)
            return malformed("object offsets");
        objects[i].bytes = pdf.substr(objects[i].offset, end - objects[i].offset);
        const auto head = std::to_string(objects[i].id) + " 0 obj\n";
        if (objects[i].bytes.rfind(head, 0) != 0 || objects[i].bytes.size() < 7 ||
            objects[i].bytes.substr(objects[i].bytes.size() - 7) != "endobj\n")
            return malformed("object " + std::to_string(objects[i].id));
    }
    std::map<std::size_t, const Object*> byId;
    for (const auto& o : objects)
        byId[o.id] = &o;

    // First pass: the new bytes of every stream object that gets compressed, and the new Length values.
    std::map<std::size_t, std::string> rewritten;
    std::map<std::size_t, std::size_t> newLengths; // Length object id → value
    for (const auto& o : objects) {
        const auto streamAt = o.bytes.find(kStreamStart);
        if (streamAt == std::string_view::npos)
            continue;
        const auto dict = o.bytes.substr(0, streamAt);
        if (dict.find("/Filter") != std::string_view::npos)
            continue; // already encoded (e.g. a JPEG's DCTDecode)
        const auto lengthKey = dict.find("\n/Length ");
        if (lengthKey == std::string_view::npos)
            return malformed("stream without /Length in object " + std::to_string(o.id));
        const auto lengthEnd = dict.find('\n', lengthKey + 1);
        const auto lengthText = dict.substr(lengthKey + 9, lengthEnd - lengthKey - 9);
        std::optional<std::size_t> lengthObject;
        std::optional<std::size_t> length;
        if (lengthText.size() > 4 && lengthText.substr(lengthText.size() - 4) == " 0 R") {
            lengthObject = number(lengthText);
            const auto found = lengthObject ? byId.find(*lengthObject) : byId.end();
            if (found == byId.end())
                return malformed("Length object of object " + std::to_string(o.id));
            length = lengthValue(found->second->bytes);
        } else {
            length = number(lengthText);
        }
        const auto dataAt = streamAt + kStreamStart.size();
        if (!length || dataAt + *length + kStreamEnd.size() != o.bytes.size() ||
            o.bytes.substr(dataAt + *length) != kStreamEnd)
            return malformed("stream length of object " + std::to_string(o.id));
        auto compressed = deflate(o.bytes.substr(dataAt, *length), level);
        if (!compressed)
            return malformed("libdeflate");
        if (compressed->size() >= *length)
            continue;
        const auto dictEnd = dict.rfind("\n>>");
        if (dictEnd == std::string_view::npos || dictEnd + 3 != dict.size())
            return malformed("stream dictionary of object " + std::to_string(o.id));
        std::string out(dict.substr(0, dictEnd));
        out += "\n/Filter /FlateDecode";
        if (lengthObject)
            newLengths[*lengthObject] = compressed->size();
        else
            out.replace(lengthKey + 9, lengthText.size(), std::to_string(compressed->size()));
        out += "\n>>";
        out += kStreamStart;
        out += *compressed;
        out += kStreamEnd;
        rewritten[o.id] = std::move(out);
    }

    // Second pass: the file again with new offsets, the xref table rebuilt, the trailer as it was.
    std::string out(pdf.substr(0, objects.front().offset));
    out.reserve(pdf.size());
    std::vector<std::size_t> offsets(entries.size(), 0);
    for (const auto& o : objects) {
        offsets[o.id] = out.size();
        if (const auto length = newLengths.find(o.id); length != newLengths.end())
            out += std::to_string(o.id) + " 0 obj\n" + std::to_string(length->second) + "\nendobj\n";
        else if (const auto stream = rewritten.find(o.id); stream != rewritten.end())
            out += stream->second;
        else
            out += o.bytes;
    }
    const auto newXref = out.size();
    out += "xref\n0 " + std::to_string(entries.size()) + "\n";
    char entry[21];
    for (std::size_t id = 0; id < entries.size(); ++id) {
        if (!entries[id].inUse) {
            out += entries[id].raw;
            continue;
        }
        std::snprintf(entry, sizeof entry, "%010zu %.5s n\r\n", offsets[id], entries[id].raw.c_str() + 11);
        out += entry;
    }
    out += trailer;
    out += "startxref\n" + std::to_string(newXref) + "\n%%EOF\n";
    return out;
}

} // namespace ywtb::render
