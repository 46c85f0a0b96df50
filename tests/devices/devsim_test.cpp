// The ywtb-devsim executable: the path (or ws:// URL) on the first line, commands from -e, a script and
// standard input.

#include "devices/idcard/idcard_reader.h"
#include "devices/rating/rating_device.h"
#include "devices/signature/signature_pad.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

using namespace ywtb;
using namespace std::chrono_literals;

namespace {

// A running ywtb-devsim with pipes on its standard input and output.
class DevsimProcess {
public:
    explicit DevsimProcess(std::vector<std::string> args) {
        int in[2], out[2];
        REQUIRE(::pipe(in) == 0);
        REQUIRE(::pipe(out) == 0);
        m_pid = ::fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            ::dup2(in[0], 0);
            ::dup2(out[1], 1);
            ::close(in[1]);
            ::close(out[0]);
            std::vector<char*> argv{const_cast<char*>(YWTB_DEVSIM)};
            for (auto& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(YWTB_DEVSIM, argv.data());
            ::_exit(127);
        }
        ::close(in[0]);
        ::close(out[1]);
        m_in = in[1];
        m_out = ::fdopen(out[0], "r");
    }
    ~DevsimProcess() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            ::waitpid(m_pid, nullptr, 0);
        }
        ::close(m_in);
        std::fclose(m_out);
    }
    std::string firstLine() {
        char line[4096] = {};
        REQUIRE(std::fgets(line, sizeof line, m_out));
        std::string text = line;
        if (!text.empty() && text.back() == '\n')
            text.pop_back();
        return text;
    }
    void send(const std::string& line) {
        const std::string text = line + "\n";
        REQUIRE(::write(m_in, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    }
    int stop(bool signal = true) {
        if (signal)
            ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t m_pid = -1;
    int m_in = -1;
    std::FILE* m_out = nullptr;
};

devices::IdCardReaderOptions readerAt(const std::string& path) {
    devices::IdCardReaderOptions options;
    options.path = path;
    options.answerTimeout = 300ms;
    options.reconnectInterval = 20ms;
    options.today = [] { return core::CivilDate::parse("2026-11-28").value(); };
    return options;
}

// Reads until the card of `name` is on the reader (for up to 2 s).
bool readCardOf(devices::IdCardReader& reader, const std::string& name) {
    for (int i = 0; i < 200; ++i) {
        auto card = reader.readCard();
        if (card.ok() && card->name == name)
            return true;
        ::usleep(10000);
    }
    return false;
}

} // namespace

TEST_CASE("ywtb-devsim idcard prints the path first and behaves like a reader", "[devsim]") {
    testing::TempDir dir;
    const auto script = dir.write("cards.txt", "# a demo script\npresent zhang\n");
    const std::string link = (dir / "reader").string();
    DevsimProcess devsim({"idcard", "--link", link, "--script", script.string()});
    CHECK(devsim.firstLine() == link);

    // The script runs after the path is printed (a script may wait, then change the card): poll for it.
    devices::IdCardReader reader(readerAt(link));
    CHECK(readCardOf(reader, "张三"));

    // Commands on standard input.
    devsim.send("remove");
    devsim.send("present li");
    CHECK(readCardOf(reader, "李四"));

    CHECK(devsim.stop() == 0);
    CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(link)));
}

TEST_CASE("ywtb-devsim refuses an unknown kind", "[devsim]") {
    DevsimProcess devsim({"toaster"});
    CHECK(devsim.stop(false) == 2);
}

TEST_CASE("ywtb-devsim rating-ws prints its URL first and behaves like a networked rating device",
          "[devsim][websocket]") {
    testing::TempDir dir;
    const auto script = dir.write("rating.txt", "# pressed before the prompt: kept for it\npress 4 1 3\n");
    DevsimProcess devsim({"rating-ws", "--script", script.string()});
    const auto url = devsim.firstLine();
    REQUIRE(url.rfind("ws://127.0.0.1:", 0) == 0);
    CHECK(url.substr(url.rfind('/')) == "/rating");

    devices::RatingWebSocketOptions options;
    options.url = url;
    options.workNo = "S0123";
    options.window = "W03";
    options.reconnectInterval = 20ms;
    auto rater = devices::openRatingWebSocket(options);
    const devices::RatingRequest request{"SH-0042", devices::RatingStage::Accept};
    auto result = rater->requestRating(request, 3s);
    REQUIRE(result.ok());
    CHECK(result->level == 4);
    CHECK(result->tags == std::vector<int>{1, 3});

    devsim.send("leave");
    CHECK(rater->requestRating(request, 3s).error().code == "rating.not_rated");
    CHECK(devsim.stop() == 0);
}

TEST_CASE("ywtb-devsim signature-ws prints its URL first and behaves like a signature service",
          "[devsim][websocket]") {
    DevsimProcess devsim({"signature-ws", "-e", "sign 10,10,10 20,20,20", "-e", "confirm"});
    const auto url = devsim.firstLine();
    REQUIRE(url.rfind("ws://127.0.0.1:", 0) == 0);
    CHECK(url.substr(url.rfind('/')) == "/signature");

    devices::SignatureWebSocketOptions options;
    options.url = url;
    options.reconnectInterval = 20ms;
    auto pad = devices::openSignatureWebSocket(options);
    auto signature = pad->capture("请签名", 3s);
    REQUIRE(signature.ok());
    REQUIRE(signature->strokes.size() == 1);
    CHECK(signature->strokes[0].points.size() == 2);
    CHECK(devsim.stop() == 0);
}

TEST_CASE("ywtb-devsim refuses a link for a networked kind", "[devsim][websocket]") {
    DevsimProcess devsim({"rating-ws", "--link", "/tmp/nowhere"});
    CHECK(devsim.stop(false) == 2);
}
