#include "support/pdf_tools.h"

#include "support/cli_runner.h"

#include <array>
#include <cstdio>
#include <sstream>
#include <sys/wait.h>

namespace ywtb::testing {

namespace {

std::uint32_t crc32(const std::string& bytes) {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    std::uint32_t c = 0xFFFFFFFFu;
    for (const char byte : bytes)
        c = table[(c ^ static_cast<unsigned char>(byte)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

void putBigEndian(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

void putChunk(std::string& png, const std::string& type, const std::string& data) {
    putBigEndian(png, static_cast<std::uint32_t>(data.size()));
    const std::string body = type + data;
    png += body;
    putBigEndian(png, crc32(body));
}

// A zlib stream of stored (uncompressed) deflate blocks (RFC 1950, RFC 1951 section 3.2.4).
std::string storedZlib(const std::string& data) {
    std::string out("\x78\x01", 2);
    std::size_t at = 0;
    do {
        const std::size_t length = std::min<std::size_t>(65535, data.size() - at);
        const bool last = at + length == data.size();
        out.push_back(last ? '\x01' : '\x00');
        out.push_back(static_cast<char>(length & 0xFF));
        out.push_back(static_cast<char>(length >> 8));
        out.push_back(static_cast<char>(~length & 0xFF));
        out.push_back(static_cast<char>((~length >> 8) & 0xFF));
        out += data.substr(at, length);
        at += length;
    } while (at < data.size());
    std::uint32_t a = 1, b = 0;
    for (const char byte : data) {
        a = (a + static_cast<unsigned char>(byte)) % 65521;
        b = (b + a) % 65521;
    }
    putBigEndian(out, (b << 16) | a);
    return out;
}

} // namespace

CommandResult runCommand(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 4096> buffer{};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), got);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool hasProgram(const std::string& program) {
    return runCommand("command -v " + program).exitCode == 0;
}

std::string pdfText(const std::filesystem::path& pdf, int firstPage, int lastPage) {
    std::string command = "pdftotext -enc UTF-8";
    if (firstPage > 0)
        command += " -f " + std::to_string(firstPage);
    if (lastPage > 0)
        command += " -l " + std::to_string(lastPage);
    return runCommand(command + " " + shellQuoted(pdf.string()) + " -").output;
}

int pdfPageCount(const std::filesystem::path& pdf) {
    const std::string info = runCommand("pdfinfo " + shellQuoted(pdf.string())).output;
    const auto at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::string greyPngFromRows(unsigned width, unsigned height, const std::string& rows) {
    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    putBigEndian(header, width);
    putBigEndian(header, height);
    header += std::string("\x08\x00\x00\x00\x00", 5); // 8-bit greyscale, deflate, no interlace
    putChunk(png, "IHDR", header);
    putChunk(png, "IDAT", storedZlib(rows));
    putChunk(png, "IEND", "");
    return png;
}

} // namespace ywtb::testing
