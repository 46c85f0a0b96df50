// Counter's devices: opened once after sign-in, used from worker threads (session.h).

#include "services/counter.h"
#include "services/counter_devices.h"
#include "services/rating_service.h"
#include "services/signature_service.h"
#include "store/local_store.h"

#include <iostream>

namespace ywtb::services {

using core::Error;
using core::Message;

namespace {

/// Device lines (dropped frames, reconnections) go to standard error, as the CLI's; drivers mask personal
/// data.
void logDevice(const std::string& line) {
    std::cerr << "device: " << line << "\n";
}

Error cancelledByClerk(const char* code) {
    return Error{code, Message(N_("the clerk cancelled the prompt")), {}, {}};
}

// The clerk's Esc sets `cancelled` and takes the prompt back on the device (cancelDevicePrompts); an answer
// racing the cancel is refused here, so the services store nothing.
class CancellableRating : public devices::RatingDevice {
public:
    CancellableRating(devices::RatingDevice& device, const std::atomic<bool>& cancelled)
        : m_device(device), m_cancelled(cancelled) {}
    core::Expected<devices::RatingResult> requestRating(const devices::RatingRequest& request,
                                                        std::chrono::milliseconds timeout) override {
        if (m_cancelled)
            return cancelledByClerk("rating.cancelled");
        auto result = m_device.requestRating(request, timeout);
        if (m_cancelled)
            return cancelledByClerk("rating.cancelled");
        return result;
    }
    void cancel() override { m_device.cancel(); }
    devices::DeviceState state() const override { return m_device.state(); }
    void onStateChange(devices::DeviceStateListener listener) override {
        m_device.onStateChange(std::move(listener));
    }
    bool waitForState(devices::DeviceState wanted, std::chrono::milliseconds timeout) const override {
        return m_device.waitForState(wanted, timeout);
    }

private:
    devices::RatingDevice& m_device;
    const std::atomic<bool>& m_cancelled;
};

class CancellableSignature : public devices::SignaturePad {
public:
    CancellableSignature(devices::SignaturePad& pad, const std::atomic<bool>& cancelled)
        : m_pad(pad), m_cancelled(cancelled) {}
    core::Expected<devices::Signature> capture(const std::string& prompt,
                                               std::chrono::milliseconds timeout) override {
        if (m_cancelled)
            return cancelledByClerk("signature.cancelled");
        auto result = m_pad.capture(prompt, timeout);
        if (m_cancelled) {
            (void)m_pad.clear(); // a signature nobody will keep must not stay on the pad
            return cancelledByClerk("signature.cancelled");
        }
        return result;
    }
    void cancel() override { m_pad.cancel(); }
    core::Expected<core::Done> clear() override { return m_pad.clear(); }
    devices::DeviceState state() const override { return m_pad.state(); }
    void onStateChange(devices::DeviceStateListener listener) override {
        m_pad.onStateChange(std::move(listener));
    }
    bool waitForState(devices::DeviceState wanted, std::chrono::milliseconds timeout) const override {
        return m_pad.waitForState(wanted, timeout);
    }

private:
    devices::SignaturePad& m_pad;
    const std::atomic<bool>& m_cancelled;
};

/// Keeps the device when `opened` holds one, else the problem.
template <typename Device>
void keep(core::Expected<std::unique_ptr<Device>> opened, std::unique_ptr<Device>& into,
          std::vector<Error>& problems) {
    if (opened)
        into = std::move(opened).value();
    else
        problems.push_back(opened.error());
}

} // namespace

std::vector<Error> Counter::openDevices(const core::DeviceAddresses& given) {
    std::vector<Error> problems;
    if (m_devicesOpened)
        return problems;
    m_devicesOpened = true;
    auto configured = loadDeviceAddresses(m_paths.formsDir);
    if (configured)
        m_deviceAddresses = *configured;
    else
        problems.push_back(configured.error()); // the command line's addresses still count
    for (auto [address, from] : {std::pair{&m_deviceAddresses.idcard, &given.idcard},
                                 std::pair{&m_deviceAddresses.rating, &given.rating},
                                 std::pair{&m_deviceAddresses.signature, &given.signature},
                                 std::pair{&m_deviceAddresses.scanner, &given.scanner}})
        if (!from->empty())
            *address = *from;
    if (!m_deviceAddresses.idcard.empty())
        keep(openIdCardReader(m_deviceAddresses.idcard, logDevice), m_idCardReader, problems);
    if (!m_deviceAddresses.rating.empty())
        keep(openRatingDevice(m_deviceAddresses.rating, m_actor.staff, m_actor.window, logDevice),
             m_ratingDevice, problems);
    if (!m_deviceAddresses.signature.empty())
        keep(openSignaturePad(m_deviceAddresses.signature, logDevice), m_signaturePad, problems);
    return problems;
}

void Counter::cancelDevicePrompts() {
    if (m_ratingDevice)
        m_ratingDevice->cancel();
    if (m_signaturePad)
        m_signaturePad->cancel();
}

bool Counter::hasDevice(CounterDevice device) const {
    switch (device) {
    case CounterDevice::IdCard:
        return m_idCardReader != nullptr;
    case CounterDevice::Rating:
        return m_ratingDevice != nullptr;
    case CounterDevice::Signature:
        return m_signaturePad != nullptr;
    }
    return false;
}

std::vector<std::pair<CounterDevice, devices::DeviceState>> Counter::deviceStates() const {
    std::vector<std::pair<CounterDevice, devices::DeviceState>> states;
    if (m_idCardReader)
        states.emplace_back(CounterDevice::IdCard, m_idCardReader->state());
    if (m_ratingDevice)
        states.emplace_back(CounterDevice::Rating, m_ratingDevice->state());
    if (m_signaturePad)
        states.emplace_back(CounterDevice::Signature, m_signaturePad->state());
    return states;
}

core::Expected<devices::IdCard> Counter::readIdCard() {
    if (!m_idCardReader)
        return deviceNotConfigured("ID-card reader", "--idcard");
    auto card = m_idCardReader->readCard();
    if (!card && card.error().where.empty()) {
        auto error = card.error();
        error.where = m_deviceAddresses.idcard;
        return error;
    }
    return card;
}

core::Expected<store::RatingRecord> Counter::rateOnDevice(const std::string& caseNumber,
                                                          core::RatingStage stage,
                                                          const std::atomic<bool>& cancelled) {
    if (!m_ratingDevice)
        return deviceNotConfigured("rating device", "--rating");
    auto store = store::LocalStore::open(m_dataDir);
    if (!store)
        return store.error();
    CancellableRating device(*m_ratingDevice, cancelled);
    RatingService ratings(**store, *m_centre, *m_calendar, *m_clock, m_actor);
    ratings.useIndicators(&*m_indicators);
    return ratings.rate(device, m_deviceAddresses.rating, caseNumber, stage, kApplicantTimeout);
}

core::Expected<store::SignatureRecord> Counter::signOnPad(const std::string& caseNumber,
                                                          render::DocumentKind kind,
                                                          const std::atomic<bool>& cancelled) {
    if (!m_signaturePad)
        return deviceNotConfigured("signature pad", "--signature");
    auto store = store::LocalStore::open(m_dataDir);
    if (!store)
        return store.error();
    CancellableSignature pad(*m_signaturePad, cancelled);
    SignatureService signatures(**store, *m_clock, m_actor);
    return signatures.capture(pad, m_deviceAddresses.signature, caseNumber, kind, kApplicantTimeout);
}

core::Expected<std::vector<store::RatingRecord>> Counter::ratings(const std::string& caseNumber) {
    auto ratings = ratingService();
    if (!ratings)
        return ratings.error();
    store::RatingQuery query;
    query.caseNumber = caseNumber;
    return ratings.value().list(query);
}

} // namespace ywtb::services
