#pragma once
// A device simulator (tools/devsim) on a real pseudo-terminal in a fresh directory, or as a WebSocket
// service on a free loopback port, and a log that remembers what a driver wrote, for the device tests.

#include "support/temp_dir.h"
#include "tools/devsim/device_simulator.h"
#include "tools/devsim/ws_simulator.h"

#include <catch2/catch.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ywtb::testing {

class SimulatedDevice {
public:
    explicit SimulatedDevice(std::unique_ptr<devsim::DeviceBehaviour> behaviour) {
        auto started = devsim::DeviceSimulator::start(std::move(behaviour), (m_dir / "device").string());
        REQUIRE(started.ok());
        m_simulator = std::move(started).value();
    }
    const std::string& path() const { return m_simulator->path(); }
    /// Runs a script line; the test fails when the simulator refuses it.
    void operator()(const std::string& line) {
        auto done = m_simulator->command(line);
        INFO(line);
        REQUIRE(done.ok());
    }
    devsim::DeviceSimulator& simulator() { return *m_simulator; }

private:
    TempDir m_dir;
    std::unique_ptr<devsim::DeviceSimulator> m_simulator;
};

/// A networked device simulator listening on 127.0.0.1 at a free port.
class SimulatedService {
public:
    explicit SimulatedService(std::unique_ptr<devsim::MessageBehaviour> behaviour) {
        auto started = devsim::WebSocketSimulator::start(std::move(behaviour));
        REQUIRE(started.ok());
        m_simulator = std::move(started).value();
    }
    const std::string& url() const { return m_simulator->url(); }
    /// Runs a script line; the test fails when the simulator refuses it.
    void operator()(const std::string& line) {
        auto done = m_simulator->command(line);
        INFO(line);
        REQUIRE(done.ok());
    }
    devsim::WebSocketSimulator& simulator() { return *m_simulator; }

private:
    std::unique_ptr<devsim::WebSocketSimulator> m_simulator;
};

/// Collects log lines from any thread.
class CapturedLog {
public:
    std::function<void(const std::string&)> sink() {
        return [this](const std::string& line) {
            std::lock_guard lock(m_mutex);
            m_lines.push_back(line);
        };
    }
    std::vector<std::string> lines() const {
        std::lock_guard lock(m_mutex);
        return m_lines;
    }
    std::string all() const {
        std::string out;
        for (const auto& l : lines())
            out += l + "\n";
        return out;
    }
    bool contains(const std::string& part) const { return all().find(part) != std::string::npos; }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

} // namespace ywtb::testing
