// Scanned pages through the page pipeline, side by side with what gscan2pdf runs: 300-dpi A4 colour pages
// on one core, our pipeline (client/imaging: crop, blank check, deskew, JPEG, thumbnail) against unpaper
// (gscan2pdf's defaults: deskew, border and mask scan, filters) followed by ImageMagick `convert` (JPEG,
// thumbnail, and the grey statistics gscan2pdf's blank-page check reads) on the same pages.
//
// SANE's test backend stops at 200 × 200 mm, so the pages are generated once into DIR/pages with leptonica:
// an A4 sheet of off-white paper with lines of text in a dark ink (leptonica's bitmap font), a heading,
// rules and a red stamp, turned by a known small angle, lying a little off centre on a dark scanner lid
// that shows 5 mm around it, softened and grained like a scan; two pages in ten are blank (paper grain and
// a few specks). Acquisition is SANE's `test` backend through devices/scanner, 300 dpi colour, its largest
// area, ADF (10 pages a run); "acquisition + pipeline" processes the next generated page as each SANE page
// arrives, on the scanning thread, as the counter will.
//
// The whole process is pinned to one CPU (like `taskset -c N`); unpaper and convert inherit it.
//
// usage: ywtb-bench-scan DIR [PAGES_PER_RUN] [RUNS] [THEIR_RUNS] [MEMORY_PAGES]
//        (defaults 20 5 3 100; THEIR_RUNS 0: ours only)
// profiling: ywtb-bench-scan --pipeline-only DIR PAGES   (our pipeline on the generated pages, nothing else:
//            valgrind --tool=callgrind build/bench/ywtb-bench-scan --pipeline-only DIR 10)
// internal: ywtb-bench-scan --memory-run DIR PAGES   (acquisition + pipeline, pages read from disk one
//           at a time and the JPEGs written out; the parent reads its peak RSS)

#include "devices/scanner/scanner.h"
#include "imaging/page_pipeline.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <leptonica/allheaders.h>
#include <numbers>
#include <numeric>
#include <sched.h>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace ywtb;
using Steady = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr int kDpi = 300;
constexpr int kA4Width = 2480;  // 210 mm at 300 dpi
constexpr int kA4Height = 3508; // 297 mm
constexpr int kOverscan = 59;   // 5 mm of scanner lid on each side
constexpr int kDistinctPages = 10;
/// The turn each generated page lies at (degrees, pixRotate's sense); NaN marks a blank page.
const double kSkews[kDistinctPages] = {1.0, -1.5, NAN, 0.5, -0.8, 1.2, -0.3, NAN, 0.7, -1.1};
constexpr int kGeneratorVersion = 2; // bump when the pages change, so DIR/pages is regenerated

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "ywtb-bench-scan: %s\n", what.c_str());
    std::exit(1);
}

double msSince(Steady::time_point start) {
    return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

// ---- generated pages --------------------------------------------------------------------------------------

struct Lcg {
    std::uint32_t seed;
    int below(int n) {
        seed = seed * 1664525u + 1013904223u;
        return static_cast<int>((seed >> 8) % static_cast<std::uint32_t>(n));
    }
};

std::uint32_t rgb(int r, int g, int b) {
    l_uint32 pixel = 0;
    composeRGBPixel(r, g, b, &pixel);
    return pixel;
}

std::string pseudoWords(Lcg& random, int letters) {
    static const char* const kSyllables[] = {"an", "shi", "qing", "zheng", "wu",  "fu",   "ban",
                                             "li", "cai", "liao", "xu",    "ke",  "zhao", "ying",
                                             "ye", "zhi", "bu",   "men",   "guo", "de"};
    std::string out;
    while (static_cast<int>(out.size()) < letters) {
        const int syllables = 1 + random.below(3);
        for (int i = 0; i < syllables; ++i)
            out += kSyllables[random.below(20)];
        if (random.below(9) == 0)
            out += random.below(2) ? "," : ".";
        out += ' ';
    }
    out.resize(static_cast<std::size_t>(letters));
    return out;
}

using Pix = std::unique_ptr<PIX, void (*)(PIX*)>;
Pix owned(PIX* pix) {
    if (!pix)
        die("leptonica failed while generating a page");
    return Pix(pix, [](PIX* p) { pixDestroy(&p); });
}

/// The A4 sheet itself, straight: paper, ink, stamp.
Pix drawSheet(int index, bool blank) {
    auto sheet = owned(pixCreate(kA4Width, kA4Height, 32));
    pixSetAllArbitrary(sheet.get(), rgb(246, 244, 237));
    Lcg random{static_cast<std::uint32_t>(7919 * (index + 1))};
    if (blank) {
        for (int i = 0; i < 12; ++i) { // dust: specks of 0.15–0.3 mm
            const int side = 2 + random.below(2);
            BOX* box = boxCreate(200 + random.below(kA4Width - 400), 200 + random.below(kA4Height - 400),
                                 side, side);
            pixSetInRectArbitrary(sheet.get(), box, rgb(90, 90, 90));
            boxDestroy(&box);
        }
        return sheet;
    }
    const std::uint32_t ink = rgb(32, 32, 40);
    L_BMF* body = bmfCreate(nullptr, 8);
    L_BMF* title = bmfCreate(nullptr, 16);
    if (!body || !title)
        die("leptonica has no bitmap font");
    const int left = 295, right = kA4Width - 295; // 25 mm margins
    int y = 330;
    l_int32 width = 0, overflow = 0;
    pixSetTextline(sheet.get(), title, pseudoWords(random, 28).c_str(), ink, left + 300, y, &width,
                   &overflow);
    y += 150;
    pixRenderLineArb(sheet.get(), left, y, right, y, 3, 32, 32, 40);
    y += 90;
    const int lineHeight = 50;
    // Words up to the right margin, as a justified line of print ends.
    const auto line = [&](int letters, int indent) {
        auto text = pseudoWords(random, letters);
        l_int32 textWidth = 0;
        while (!text.empty() &&
               (bmfGetStringWidth(body, text.c_str(), &textWidth) != 0 || textWidth > right - left - indent))
            text.pop_back();
        return text;
    };
    while (y < kA4Height - 420) {
        const int paragraph = 3 + random.below(7);
        for (int row = 0; row < paragraph && y < kA4Height - 420; ++row, y += lineHeight) {
            const bool last = row == paragraph - 1;
            const int indent = row ? 0 : 80;
            pixSetTextline(sheet.get(), body, line(last ? 20 + random.below(60) : 140, indent).c_str(), ink,
                           left + indent, y, &width, &overflow);
        }
        y += lineHeight / 2;
        if (random.below(6) == 0 && y < kA4Height - 800) { // a small ruled table
            for (int row = 0; row <= 4; ++row)
                pixRenderLineArb(sheet.get(), left, y + row * 70, right, y + row * 70, 2, 32, 32, 40);
            for (int col = 0; col <= 3; ++col) {
                const int x = left + col * (right - left) / 3;
                pixRenderLineArb(sheet.get(), x, y, x, y + 280, 2, 32, 32, 40);
            }
            y += 280 + lineHeight;
        }
    }
    // A red stamp with a line of red text, as on most certificates.
    const int stampX = right - 620, stampY = kA4Height - 700;
    BOX* stamp = boxCreate(stampX, stampY, 520, 300);
    pixRenderBoxArb(sheet.get(), stamp, 10, 200, 30, 30);
    boxDestroy(&stamp);
    pixSetTextline(sheet.get(), body, "ZHUANYONGZHANG 2026", rgb(200, 30, 30), stampX + 60, stampY + 170,
                   &width, &overflow);
    bmfDestroy(&body);
    bmfDestroy(&title);
    return sheet;
}

/// The sheet on the scanner's lid: turned by `degrees`, a little off centre, softened and grained.
Pix scannedPage(int index) {
    const bool blank = std::isnan(kSkews[index]);
    const double degrees = blank ? 0.4 : kSkews[index];
    const int w = kA4Width + 2 * kOverscan, h = kA4Height + 2 * kOverscan;
    Lcg random{static_cast<std::uint32_t>(104729 * (index + 1))};
    const int dx = kOverscan - 12 + random.below(25), dy = kOverscan - 12 + random.below(25);

    auto placed = owned(pixCreate(w, h, 32));
    auto sheet = drawSheet(index, blank);
    pixRasterop(placed.get(), dx, dy, kA4Width, kA4Height, PIX_SRC, sheet.get(), 0, 0);
    auto mask = owned(pixCreate(w, h, 1));
    pixRasterop(mask.get(), dx, dy, kA4Width, kA4Height, PIX_SET, nullptr, 0, 0);
    const auto radians = static_cast<l_float32>(degrees * std::numbers::pi / 180.0);
    auto turned = owned(pixRotate(placed.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_BLACK, 0, 0));
    auto turnedMask = owned(pixRotate(mask.get(), radians, L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0, 0));

    auto page = owned(pixCreate(w, h, 32));
    pixSetAllArbitrary(page.get(), rgb(38, 38, 41)); // the lid
    pixCombineMasked(page.get(), turned.get(), turnedMask.get());
    auto soft = owned(pixBlockconv(page.get(), 1, 1));
    return owned(pixAddGaussianNoise(soft.get(), 3.0f));
}

struct PageFile {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb; // rows of width × 3 bytes
};

void writePpm(const fs::path& path, PIX* pix) {
    const int w = pixGetWidth(pix), h = pixGetHeight(pix);
    std::ofstream out(path, std::ios::binary);
    out << "P6\n" << w << ' ' << h << "\n255\n";
    std::vector<char> row(static_cast<std::size_t>(w) * 3);
    for (int y = 0; y < h; ++y) {
        const l_uint32* line = pixGetData(pix) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(pix);
        for (int x = 0; x < w; ++x) {
            l_int32 r = 0, g = 0, b = 0;
            extractRGBValues(line[x], &r, &g, &b);
            row[static_cast<std::size_t>(x) * 3] = static_cast<char>(r);
            row[static_cast<std::size_t>(x) * 3 + 1] = static_cast<char>(g);
            row[static_cast<std::size_t>(x) * 3 + 2] = static_cast<char>(b);
        }
        out.write(row.data(), static_cast<std::streamsize>(row.size()));
    }
    if (!out)
        die("cannot write " + path.string());
}

PageFile readPpm(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    int maxValue = 0;
    PageFile page;
    in >> magic >> page.width >> page.height >> maxValue;
    in.get();
    if (!in || magic != "P6" || maxValue != 255)
        die(path.string() + " is not a P6 PPM written by this bench; delete " + path.parent_path().string());
    page.rgb.resize(static_cast<std::size_t>(page.width) * static_cast<std::size_t>(page.height) * 3);
    in.read(reinterpret_cast<char*>(page.rgb.data()), static_cast<std::streamsize>(page.rgb.size()));
    if (!in)
        die(path.string() + " is cut short; delete " + path.parent_path().string());
    return page;
}

fs::path pagePath(const fs::path& dir, int index) {
    char name[32];
    std::snprintf(name, sizeof name, "page-%02d.ppm", index + 1);
    return dir / "pages" / name;
}

void generatePages(const fs::path& dir) {
    const auto stamp = dir / "pages" / "generated";
    std::ifstream existing(stamp);
    int version = 0;
    if (existing >> version && version == kGeneratorVersion)
        return;
    fs::create_directories(dir / "pages");
    const auto start = Steady::now();
    std::ofstream manifest(dir / "pages" / "pages.tsv");
    manifest << "file\tturned_degrees\tblank\n";
    for (int i = 0; i < kDistinctPages; ++i) {
        auto page = scannedPage(i);
        writePpm(pagePath(dir, i), page.get());
        manifest << pagePath(dir, i).filename().string() << '\t' << (std::isnan(kSkews[i]) ? 0.4 : kSkews[i])
                 << '\t' << (std::isnan(kSkews[i]) ? "yes" : "no") << '\n';
    }
    std::ofstream(stamp) << kGeneratorVersion << '\n';
    std::printf("generated %d pages into %s in %.1f s\n", kDistinctPages, (dir / "pages").c_str(),
                msSince(start) / 1000);
}

imaging::RasterView viewOf(const PageFile& page) {
    return imaging::RasterView{
        imaging::RasterFormat::Rgb24, page.width, page.height, page.width * 3, kDpi, page.rgb};
}

// ---- SANE's test backend as the scanner -------------------------------------------------------------------

/// A private SANE configuration naming only `test`, its picture the colour pattern; before the first
/// sane_init.
void useSaneTestBackend(const fs::path& dir) {
    const auto config = dir / "sane";
    fs::create_directories(config);
    std::ofstream(config / "dll.conf") << "test\n";
    std::ofstream(config / "test.conf")
        << "number_of_devices 1\nmode Color\ntest-picture \"Color pattern\"\n";
    setenv("SANE_CONFIG_DIR", config.c_str(), 1);
}

devices::ScanSettings adfColour300() {
    devices::ScanSettings settings;
    settings.source = devices::ScanSource::AdfFront;
    settings.resolution = kDpi;
    settings.mode = devices::ScanMode::Color;
    settings.paper = devices::kA4; // clipped to the backend's 200 × 200 mm
    return settings;
}

/// Scans until the feeder is empty; `onPage` sees each page. Returns the pages scanned.
template <typename OnPage>
int scanRun(devices::Scanner& scanner, OnPage onPage, int* width = nullptr, int* height = nullptr) {
    struct Sink : devices::ScanEvents {
        OnPage* handle;
        int* width;
        int* height;
        void pageScanned(devices::ScannedPage page) override {
            if (width)
                *width = page.width;
            if (height)
                *height = page.height;
            (*handle)(page);
        }
    } sink;
    sink.handle = &onPage;
    sink.width = width;
    sink.height = height;
    auto session = scanner.scan("test:0", adfColour300(), sink);
    if (!session)
        die("SANE test backend: " + session.error().str());
    const auto summary = session.value()->wait();
    if (summary.error)
        die("SANE test backend: " + summary.error->str());
    return summary.pages;
}

// ---- figures ----------------------------------------------------------------------------------------------

double cpuMs(int who) {
    rusage usage{};
    getrusage(who, &usage);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

/// Wall time and CPU time (this process, all its threads, and the children it waited for) of a run.
struct Stopwatch {
    Steady::time_point wall = Steady::now();
    double cpu = cpuMs(RUSAGE_SELF) + cpuMs(RUSAGE_CHILDREN);
    double wallMs() const { return msSince(wall); }
    double cpuMsSince() const { return cpuMs(RUSAGE_SELF) + cpuMs(RUSAGE_CHILDREN) - cpu; }
};

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}
double best(const std::vector<double>& values) {
    return *std::min_element(values.begin(), values.end());
}

struct Figures {
    std::vector<double> wallPerPage, cpuPerPage; // ms, one of each per run
    void add(const Stopwatch& run, int pages) {
        wallPerPage.push_back(run.wallMs() / pages);
        cpuPerPage.push_back(run.cpuMsSince() / pages);
    }
};

void printRow(const char* what, const Figures& f, int pagesPerRun) {
    std::printf("| %s | %d × %d | %.1f | %.1f | %.1f | %.1f | %.0f |\n", what,
                static_cast<int>(f.wallPerPage.size()), pagesPerRun, best(f.cpuPerPage), median(f.cpuPerPage),
                best(f.wallPerPage), median(f.wallPerPage), 60000.0 / median(f.cpuPerPage));
}

struct Child {
    int status = 0;
    long maxRssKb = 0;
};

/// Runs a program to its end with its output thrown away (unpaper's ffmpeg chatters on stderr), or to
/// `errors` when given; the bench stops when it fails.
///
/// Its peak memory is read by GNU time (`time -f %M`), not from wait4: Linux carries a process's peak RSS
/// across exec, so a child spawned from this bench (which holds the pages, ~300 MB) would report ours.
Child runProcess(const std::vector<std::string>& program, const std::string& errors = "/dev/null") {
    const auto rssFile = fs::temp_directory_path() / ("ywtb-bench-scan-rss-" + std::to_string(getpid()));
    std::vector<std::string> argv{"time", "-f", "%M", "-o", rssFile.string()};
    argv.insert(argv.end(), program.begin(), program.end());
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, errors.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0)
        die("cannot start GNU time: is it installed? (scripts/bench-packages.txt)");
    posix_spawn_file_actions_destroy(&actions);
    Child child;
    if (waitpid(pid, &child.status, 0) != pid)
        die("lost " + program.front());
    if (!WIFEXITED(child.status) || WEXITSTATUS(child.status) != 0)
        die(program.front() + " failed on " + program.back() +
            " (is it installed? scripts/bench-packages.txt)" +
            (errors == "/dev/null" ? "" : "; see " + errors));
    std::ifstream rss(rssFile);
    if (!(rss >> child.maxRssKb))
        die("GNU time wrote no peak memory for " + program.front());
    fs::remove(rssFile);
    return child;
}

/// gscan2pdf's page clean-up and save for one page: unpaper with its defaults, then convert to JPEG with a
/// thumbnail and the grey mean and deviation its blank-page check reads.
long theirPage(const fs::path& dir, int index) {
    const auto work = dir / "theirs";
    const auto cleaned = work / "cleaned.ppm";
    const auto in = pagePath(dir, index).string();
    const auto errors = (work / "stderr.log").string();
    long peak = runProcess({"unpaper", "--layout", "single", "--output-pages", "1", "--deskew-scan-direction",
                            "left,right", "--white-threshold", "0.9", "--black-threshold", "0.33",
                            "--overwrite", in, cleaned.string()},
                           errors)
                    .maxRssKb;
    char jpeg[32], thumb[32];
    std::snprintf(jpeg, sizeof jpeg, "page-%02d.jpg", index + 1);
    std::snprintf(thumb, sizeof thumb, "thumb-%02d.jpg", index + 1);
    peak = std::max(peak, runProcess({"convert",
                                      cleaned.string(),
                                      "-quality",
                                      "85",
                                      "-sampling-factor",
                                      "2x2",
                                      "-write",
                                      (work / jpeg).string(),
                                      "(",
                                      "+clone",
                                      "-colorspace",
                                      "Gray",
                                      "-format",
                                      "%[fx:mean] %[fx:standard_deviation]\\n",
                                      "-write",
                                      "info:" + (work / "stats.txt").string(),
                                      "+delete",
                                      ")",
                                      "-thumbnail",
                                      "256x256",
                                      "-quality",
                                      "75",
                                      (work / thumb).string()},
                                     errors)
                              .maxRssKb);
    return peak;
}

struct Check {
    int pages = 0, cropped = 0, deskewed = 0, blankFlagged = 0, wrongVerdict = 0;
    double worstSkewError = 0;
    std::size_t jpegBytes = 0, thumbBytes = 0;
};

imaging::ProcessedPage ours(const PageFile& page, int index, Check* check) {
    auto result = imaging::processPage(viewOf(page), imaging::PipelineSettings{});
    if (!result)
        die("pipeline: " + result.error().str());
    auto processed = std::move(result).value();
    if (check) {
        const bool blank = std::isnan(kSkews[index]);
        ++check->pages;
        check->cropped += processed.cropped;
        check->deskewed += processed.deskewed;
        const bool flagged = processed.verdict == imaging::PageVerdict::FlaggedBlank;
        check->blankFlagged += flagged;
        check->wrongVerdict += flagged != blank;
        if (!blank)
            check->worstSkewError =
                std::max(check->worstSkewError, std::abs(processed.skewDegrees + kSkews[index]));
        check->jpegBytes += processed.jpeg.size();
        check->thumbBytes += processed.thumbnailJpeg.size();
    }
    return processed;
}

int memoryRun(const fs::path& dir, int pages) {
    useSaneTestBackend(dir);
    auto scanner = devices::systemScanner();
    const auto out = dir / "ours";
    fs::create_directories(out);
    int done = 0;
    while (done < pages) {
        scanRun(*scanner, [&](const devices::ScannedPage&) {
            if (done >= pages)
                return;
            const int index = done % kDistinctPages;
            const auto page = readPpm(pagePath(dir, index));
            const auto processed = ours(page, index, nullptr);
            char name[32];
            std::snprintf(name, sizeof name, "page-%03d.jpg", done + 1);
            std::ofstream(out / name, std::ios::binary) << processed.jpeg;
            ++done;
        });
    }
    return 0;
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string line;
    std::getline(in, line);
    return line + "\n";
}

void pinToOneCpu() {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0)
        die("cannot read the CPU affinity");
    int cpu = 0;
    while (cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &allowed))
        ++cpu;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0)
        die("cannot pin to one CPU");
    std::printf("pinned to CPU %d (children inherit it, like taskset -c %d)\n", cpu, cpu);
}

} // namespace

int main(int argc, char** argv) {
    setMsgSeverity(L_SEVERITY_WARNING); // leptonica's "Info in pixRotate" lines
    if (argc >= 4 && std::string(argv[1]) == "--memory-run")
        return memoryRun(argv[2], std::atoi(argv[3]));
    if (argc >= 4 && std::string(argv[1]) == "--pipeline-only") {
        generatePages(argv[2]);
        for (int p = 0; p < std::atoi(argv[3]); ++p)
            ours(readPpm(pagePath(argv[2], p % kDistinctPages)), p % kDistinctPages, nullptr);
        return 0;
    }
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: ywtb-bench-scan DIR [PAGES_PER_RUN] [RUNS] [THEIR_RUNS] [MEMORY_PAGES]\n");
        return 2;
    }
    const fs::path dir = fs::absolute(argv[1]);
    const int pagesPerRun = argc > 2 ? std::atoi(argv[2]) : 20;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    const int theirRuns = argc > 4 ? std::atoi(argv[4]) : 3;
    const int memoryPages = argc > 5 ? std::atoi(argv[5]) : 100;
    if (pagesPerRun < 1 || runs < 1 || theirRuns < 0 || memoryPages < 0)
        die("PAGES_PER_RUN and RUNS must be at least 1, THEIR_RUNS and MEMORY_PAGES at least 0");
    fs::create_directories(dir);
    std::printf("load average at start: %s", loadAverage().c_str());
    pinToOneCpu();
    generatePages(dir);
    useSaneTestBackend(dir);

    std::vector<PageFile> pages;
    for (int i = 0; i < kDistinctPages; ++i)
        pages.push_back(readPpm(pagePath(dir, i)));
    std::printf("pages: %d × %d px RGB (A4 at %d dpi with %d px of lid around it), %d distinct, 2 blank\n",
                pages[0].width, pages[0].height, kDpi, kOverscan, kDistinctPages);

    // Ours, pipeline alone.
    ours(pages[0], 0, nullptr); // warm the caches and the allocator
    Figures oursAlone;
    Check check;
    for (int run = 0; run < runs; ++run) {
        const Stopwatch start;
        for (int p = 0; p < pagesPerRun; ++p)
            ours(pages[static_cast<std::size_t>(p % kDistinctPages)], p % kDistinctPages,
                 run == 0 ? &check : nullptr);
        oursAlone.add(start, pagesPerRun);
    }
    std::printf("ours: %d pages checked: %d cropped, %d deskewed, %d flagged blank, %d wrong blank verdicts, "
                "worst skew error %.2f°, JPEG %.0f KB and thumbnail %.1f KB a page\n",
                check.pages, check.cropped, check.deskewed, check.blankFlagged, check.wrongVerdict,
                check.worstSkewError, static_cast<double>(check.jpegBytes) / check.pages / 1024,
                static_cast<double>(check.thumbBytes) / check.pages / 1024);

    // Acquisition alone, then acquisition + our pipeline.
    auto scanner = devices::systemScanner();
    int saneWidth = 0, saneHeight = 0;
    scanRun(
        *scanner, [](const devices::ScannedPage&) {}, &saneWidth, &saneHeight); // warm up
    Figures acquisition, oursWithAcquisition;
    int scannedPerRun = 0;
    for (int run = 0; run < runs; ++run) {
        const Stopwatch scanOnly;
        scannedPerRun = scanRun(*scanner, [](const devices::ScannedPage&) {});
        acquisition.add(scanOnly, scannedPerRun);
        int next = 0;
        const Stopwatch start;
        const int scanned = scanRun(*scanner, [&](const devices::ScannedPage&) {
            ours(pages[static_cast<std::size_t>(next % kDistinctPages)], next % kDistinctPages, nullptr);
            ++next;
        });
        oursWithAcquisition.add(start, scanned);
    }
    std::printf("SANE test backend: %d pages a run (its feeder), %d × %d px each (200 × 200 mm at %d dpi)\n",
                scannedPerRun, saneWidth, saneHeight, kDpi);

    // Theirs, on the same pages, the same CPU.
    Figures theirsAlone, theirsWithAcquisition;
    long theirPeakKb = 0;
    if (theirRuns > 0) {
        fs::create_directories(dir / "theirs");
        theirPage(dir, 0); // warm the page cache and the binaries
        for (int run = 0; run < theirRuns; ++run) {
            const Stopwatch alone;
            for (int p = 0; p < kDistinctPages; ++p)
                theirPeakKb = std::max(theirPeakKb, theirPage(dir, p));
            theirsAlone.add(alone, kDistinctPages);
            int next = 0;
            const Stopwatch start;
            const int scanned = scanRun(*scanner, [&](const devices::ScannedPage&) {
                theirPeakKb = std::max(theirPeakKb, theirPage(dir, next % kDistinctPages));
                ++next;
            });
            theirsWithAcquisition.add(start, scanned);
        }
    }

    // Peak memory of a whole run through ours, in a process of its own.
    long ourPeakKb = 0;
    double memoryRunSeconds = 0;
    if (memoryPages > 0) {
        const auto start = Steady::now();
        ourPeakKb = runProcess({fs::read_symlink("/proc/self/exe").string(), "--memory-run", dir.string(),
                                std::to_string(memoryPages)},
                               (dir / "memory-run.log").string())
                        .maxRssKb;
        memoryRunSeconds = msSince(start) / 1000;
    }

    std::printf(
        "\n| pipeline | runs × pages | CPU ms/page best | CPU median | wall ms/page best | wall median | "
        "pages/min (CPU median) |\n|---|---:|---:|---:|---:|---:|---:|\n");
    printRow("ours, pipeline alone", oursAlone, pagesPerRun);
    printRow("ours, acquisition + pipeline", oursWithAcquisition, scannedPerRun);
    printRow("SANE test backend alone (200 × 200 mm)", acquisition, scannedPerRun);
    if (theirRuns > 0) {
        printRow("unpaper + convert, pipeline alone", theirsAlone, kDistinctPages);
        printRow("unpaper + convert, acquisition + pipeline", theirsWithAcquisition, scannedPerRun);
        std::printf(
            "\nratio (theirs / ours, medians): pipeline alone %.1f× CPU, %.1f× wall; acquisition + pipeline "
            "%.1f× CPU, %.1f× wall\n",
            median(theirsAlone.cpuPerPage) / median(oursAlone.cpuPerPage),
            median(theirsAlone.wallPerPage) / median(oursAlone.wallPerPage),
            median(theirsWithAcquisition.cpuPerPage) / median(oursWithAcquisition.cpuPerPage),
            median(theirsWithAcquisition.wallPerPage) / median(oursWithAcquisition.wallPerPage));
        std::printf("their peak RSS (largest unpaper or convert process; one of each per page): %.0f MB\n",
                    static_cast<double>(theirPeakKb) / 1024);
    }
    std::printf("load average at the end: %s", loadAverage().c_str());
    if (memoryPages > 0)
        std::printf(
            "our peak RSS, %d pages acquired + processed + JPEG written in one process: %.0f MB (%.1f s)\n",
            memoryPages, static_cast<double>(ourPeakKb) / 1024, memoryRunSeconds);
    return check.wrongVerdict == 0 ? 0 : 3;
}
