// ywtb-devsim KIND [--link PATH | --port N] [--script FILE] [-e COMMAND]...
// Simulates an applicant-facing device: a serial one on a pseudo-terminal, or a networked one as a
// WebSocket service on 127.0.0.1. The first line of output is what the client opens (a link, or a
// ws:// URL, that stays the same across "unplug"); then it runs the script file, the -e commands, and the
// lines of standard input, until "quit" or SIGINT/SIGTERM (the end of input alone does not stop it).

#include "tools/devsim/device_simulator.h"
#include "tools/devsim/idcard_simulator.h"
#include "tools/devsim/rating_simulator.h"
#include "tools/devsim/signature_simulator.h"
#include "tools/devsim/ws_simulator.h"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <poll.h>
#include <string_view>
#include <thread>
#include <unistd.h>

namespace {

using namespace ywtb;

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int) {
    g_stop = 1;
}

int usage(std::ostream& out = std::cerr, int status = 2) {
    out << "usage: ywtb-devsim KIND [--link PATH | --port N] [--script FILE] [-e COMMAND]...\n"
           "  KIND: idcard, rating, signature (serial, on a pseudo-terminal; --link: where its path goes)\n"
           "        rating-ws, signature-ws (WebSocket service on 127.0.0.1; --port: 0, the default, for a "
           "free one)\n"
           "  prints the device's path (or ws:// URL) on the first line, then reads commands from the\n"
           "  script, the -e options and standard input (see devices/PROTOCOLS.md, \"Simulator\")\n";
    return status;
}

using Command = std::function<core::Expected<core::Done>(const std::string&)>;

// Runs one line; false when the simulator should stop.
bool runLine(const Command& command, const std::string& line) {
    const auto words = devsim::splitWords(line);
    if (words.empty())
        return true;
    if (words[0] == "quit")
        return false;
    if (words[0] == "wait") {
        const long ms = words.size() > 1 ? std::strtol(words[1].c_str(), nullptr, 10) : 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(std::max(0L, ms)));
        return true;
    }
    if (auto done = command(line); !done.ok())
        std::cerr << "ywtb-devsim: " << done.error().str() << "\n";
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2)
        return usage();
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h")
            return usage(std::cout, 0);
    const std::string kind = argv[1];
    std::string link;
    std::string port;
    std::string script;
    std::vector<std::string> commands;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            return usage();
        if (arg == "--link")
            link = argv[++i];
        else if (arg == "--port")
            port = argv[++i];
        else if (arg == "--script")
            script = argv[++i];
        else if (arg == "-e")
            commands.push_back(argv[++i]);
        else
            return usage();
    }
    std::unique_ptr<devsim::DeviceBehaviour> behaviour;
    std::unique_ptr<devsim::MessageBehaviour> service;
    if (kind == "idcard")
        behaviour = devsim::makeIdCardReader();
    else if (kind == "rating")
        behaviour = devsim::makeRatingKeypad();
    else if (kind == "signature")
        behaviour = devsim::makeSignaturePad();
    else if (kind == "rating-ws")
        service = devsim::makeRatingWebSocketDevice();
    else if (kind == "signature-ws")
        service = devsim::makeSignatureWebSocketService();
    else
        return usage();
    if ((service && !link.empty()) || (behaviour && !port.empty()))
        return usage();
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);

    std::unique_ptr<devsim::DeviceSimulator> serial;
    std::unique_ptr<devsim::WebSocketSimulator> networked;
    Command command;
    if (service) {
        char* end = nullptr;
        const long number = port.empty() ? 0 : std::strtol(port.c_str(), &end, 10);
        if (number < 0 || number > 65535 || (end && *end))
            return usage();
        auto started =
            devsim::WebSocketSimulator::start(std::move(service), static_cast<std::uint16_t>(number));
        if (!started.ok()) {
            std::cerr << "ywtb-devsim: " << started.error().str() << "\n";
            return 1;
        }
        networked = std::move(started).value();
        std::cout << networked->url() << std::endl;
        command = [&](const std::string& line) { return networked->command(line); };
    } else {
        if (link.empty()) {
            const char* tmp = std::getenv("TMPDIR");
            link = std::string(tmp && *tmp ? tmp : "/tmp") + "/ywtb-devsim-" + kind + "-" +
                   std::to_string(::getpid());
        }
        auto started = devsim::DeviceSimulator::start(std::move(behaviour), link);
        if (!started.ok()) {
            std::cerr << "ywtb-devsim: " << started.error().str() << "\n";
            return 1;
        }
        serial = std::move(started).value();
        std::cout << serial->path() << std::endl;
        command = [&](const std::string& line) { return serial->command(line); };
    }

    if (!script.empty()) {
        std::ifstream in(script);
        if (!in) {
            std::cerr << "ywtb-devsim: cannot read the script " << script << "\n";
            return 1;
        }
        for (std::string line; std::getline(in, line) && !g_stop;)
            if (!runLine(command, line))
                return 0;
    }
    for (const auto& line : commands)
        if (g_stop || !runLine(command, line))
            return 0;

    bool inputOpen = true;
    std::string pending;
    while (!g_stop) {
        pollfd p{STDIN_FILENO, POLLIN, 0};
        if (!inputOpen) {
            ::poll(nullptr, 0, 100);
            continue;
        }
        if (::poll(&p, 1, 100) <= 0)
            continue;
        char buffer[512];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) { // end of input: keep serving the device until a signal
            inputOpen = false;
            continue;
        }
        pending.append(buffer, static_cast<std::size_t>(n));
        for (auto eol = pending.find('\n'); eol != std::string::npos; eol = pending.find('\n')) {
            const std::string line = pending.substr(0, eol);
            pending.erase(0, eol + 1);
            if (!runLine(command, line))
                return 0;
        }
    }
    return 0;
}
