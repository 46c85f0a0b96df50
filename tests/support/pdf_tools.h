#pragma once
// The real PDF tools (poppler-utils, qpdf, zbar-tools) run on rendered files, and a PNG writer for test
// images, shared by the render tests.

#include "support/cli_runner.h"

#include <filesystem>
#include <string>
#include <vector>

namespace ywtb::testing {

/// Exit status and standard output of a shell command.
struct CommandResult {
    int exitCode = -1;
    std::string output;
};

/// Runs `command` with /bin/sh; standard error is left out of the output.
CommandResult runCommand(const std::string& command);

/// Whether `program` is on PATH.
bool hasProgram(const std::string& program);

/// The text of the PDF (pdftotext -enc UTF-8, reading order), pages first to last (0: to the end).
std::string pdfText(const std::filesystem::path& pdf, int firstPage = 0, int lastPage = 0);

/// Number of pages, from pdfinfo.
int pdfPageCount(const std::filesystem::path& pdf);

/// The lines of `text`.
std::vector<std::string> linesOf(const std::string& text);

/// An 8-bit greyscale PNG of `width` × `height` whose pixel (x, y) is `grey(x, y)`; deflate stored blocks,
/// so no compression library is needed.
template <typename Grey> std::string greyPng(unsigned width, unsigned height, Grey grey);

/// Implementation of greyPng over ready rows (each row: filter byte 0 then the pixels).
std::string greyPngFromRows(unsigned width, unsigned height, const std::string& rows);

template <typename Grey> std::string greyPng(unsigned width, unsigned height, Grey grey) {
    std::string rows;
    for (unsigned y = 0; y < height; ++y) {
        rows.push_back('\0');
        for (unsigned x = 0; x < width; ++x)
            rows.push_back(static_cast<char>(grey(x, y)));
    }
    return greyPngFromRows(width, height, rows);
}

} // namespace ywtb::testing
