#include "devices/scanner/scanner.h"

#include <utility>

namespace ywtb::devices {

const char* toString(ScanSource source) {
    switch (source) {
    case ScanSource::Flatbed:
        return "flatbed";
    case ScanSource::AdfFront:
        return "ADF";
    case ScanSource::AdfDuplex:
        return "duplex";
    }
    return "flatbed";
}

const char* toString(ScanMode mode) {
    switch (mode) {
    case ScanMode::Color:
        return "color";
    case ScanMode::Gray:
        return "gray";
    case ScanMode::Lineart:
        return "lineart";
    }
    return "color";
}

std::optional<ScanSource> scanSourceFromString(const std::string& text) {
    for (auto source : {ScanSource::Flatbed, ScanSource::AdfFront, ScanSource::AdfDuplex})
        if (text == toString(source))
            return source;
    if (text == "adf")
        return ScanSource::AdfFront;
    return std::nullopt;
}

std::optional<ScanMode> scanModeFromString(const std::string& text) {
    for (auto mode : {ScanMode::Color, ScanMode::Gray, ScanMode::Lineart})
        if (text == toString(mode))
            return mode;
    if (text == "colour")
        return ScanMode::Color;
    if (text == "grey")
        return ScanMode::Gray;
    return std::nullopt;
}

ScanSession::ScanSession(Job job, ScanEvents& events, std::function<void()> onCancel)
    : m_onCancel(std::move(onCancel)) {
    m_thread = std::thread([this, job = std::move(job), &events] {
        try {
            m_summary = job(m_cancel, events);
            events.finished(m_summary);
        } catch (...) {
            m_failure = std::current_exception();
        }
        m_done = true;
    });
}

void ScanSession::cancel() {
    if (!m_cancel.exchange(true) && m_onCancel)
        m_onCancel();
}

ScanSession::~ScanSession() {
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

ScanSummary ScanSession::wait() {
    if (m_thread.joinable())
        m_thread.join();
    if (m_failure)
        std::rethrow_exception(std::exchange(m_failure, nullptr));
    return m_summary;
}

} // namespace ywtb::devices
