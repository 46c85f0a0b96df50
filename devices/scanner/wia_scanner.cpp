// The Windows backend of Scanner: WIA 2.0 (IWiaDevMgr2, IWiaItem2, IWiaTransfer), chosen by CMake on Windows
// instead of the SANE files (docs/windows.md). The device's flatbed or feeder item is set up through its
// properties, then IWiaTransfer::Download hands over one BMP stream per page, decoded here into the
// interface's pixel formats. Syntax-checked with MinGW-w64 on Linux only: not yet compiled by MSVC, linked,
// nor run against a scanner.

#include "devices/scanner/scanner.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
// windows.h first, then the COM headers and the WIA names that need them.
// clang-format off
#include <windows.h>
#include <objbase.h>
#include <oleauto.h>
#include "devices/scanner/wia_compat.h"
// clang-format on

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace ywtb::devices {
namespace {

using core::Error;
using core::Expected;
using core::Message;

// WIA_CATEGORY_* of the Windows SDK's wiadef.h (MinGW-w64 lacks them); constexpr, so no uuid library is
// needed.
constexpr GUID kCategoryFlatbed{0xfb607b1f, 0x43f3, 0x488b, {0x85, 0x5b, 0xfb, 0x70, 0x3e, 0xc3, 0x42, 0xa6}};
constexpr GUID kCategoryFeeder{0xfe131934, 0xf84c, 0x42ad, {0x8d, 0xa4, 0x61, 0x29, 0xcd, 0xdd, 0x72, 0x88}};
constexpr GUID kClsidWiaDevMgr2{0xb6c292bc, 0x7c88, 0x41ee, {0x8b, 0x54, 0x8e, 0xc9, 0x26, 0x17, 0xe5, 0x99}};
constexpr GUID kFormatBmp{
    0xb96b3cab, 0x0728, 0x11d3, {0x9d, 0x7b, 0x00, 0x00, 0xf8, 0x1e, 0xf3, 0x2e}}; // WiaImgFmt_BMP

/// An owned COM interface pointer.
template <typename T> class ComPtr {
public:
    ComPtr() = default;
    ~ComPtr() { reset(); }
    ComPtr(const ComPtr&) = delete;
    ComPtr& operator=(const ComPtr&) = delete;
    ComPtr(ComPtr&& other) noexcept : m_p(std::exchange(other.m_p, nullptr)) {}
    ComPtr& operator=(ComPtr&& other) noexcept {
        if (this != &other) {
            reset();
            m_p = std::exchange(other.m_p, nullptr);
        }
        return *this;
    }
    void reset() {
        if (m_p)
            m_p->Release();
        m_p = nullptr;
    }
    T** out() {
        reset();
        return &m_p;
    }
    T* get() const { return m_p; }
    T* operator->() const { return m_p; }
    explicit operator bool() const { return m_p != nullptr; }
    /// QueryInterface for another interface of the same object.
    template <typename U> ComPtr<U> as() const {
        ComPtr<U> out;
        if (m_p)
            m_p->QueryInterface(__uuidof(U), reinterpret_cast<void**>(out.out()));
        return out;
    }

private:
    T* m_p = nullptr;
};

/// COM on the calling thread for the scope: multithreaded, unless the thread already chose (a GUI thread is
/// single-threaded; WIA works from either).
class ComScope {
public:
    ComScope() : m_result(CoInitializeEx(nullptr, COINIT_MULTITHREADED)) {}
    ~ComScope() {
        if (SUCCEEDED(m_result))
            CoUninitialize();
    }
    ComScope(const ComScope&) = delete;
    ComScope& operator=(const ComScope&) = delete;
    bool usable() const { return SUCCEEDED(m_result) || m_result == RPC_E_CHANGED_MODE; }

private:
    HRESULT m_result;
};

std::wstring wide(const std::string& utf8) {
    if (utf8.empty())
        return {};
    const int length =
        MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<std::size_t>(length), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), length);
    return out;
}

std::string narrow(const wchar_t* text) {
    if (!text || !*text)
        return {};
    const int length = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(std::max(length - 1, 0)), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text, -1, out.data(), length, nullptr, nullptr);
    return out;
}

std::string hresultText(HRESULT result) {
    wchar_t* text = nullptr;
    const DWORD length = FormatMessageW(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
        static_cast<DWORD>(result), 0, reinterpret_cast<LPWSTR>(&text), 0, nullptr);
    std::string out = length && text ? narrow(text) : "";
    LocalFree(text);
    while (!out.empty() &&
           (out.back() == '\n' || out.back() == '\r' || out.back() == ' ' || out.back() == '.'))
        out.pop_back();
    char code[16];
    std::snprintf(code, sizeof code, "0x%08lX", static_cast<unsigned long>(result));
    return out.empty() ? std::string("WIA error ") + code : out + " (" + code + ")";
}

// The same codes and words as the SANE backend (sane_scanner.cpp), so the GUI and CLI treat both alike.
Error openError(HRESULT result, const std::string& device) {
    if (result == WIA_S_NO_DEVICE_AVAILABLE || result == E_INVALIDARG)
        return Error{
            "scanner.missing", Message(N_("there is no scanner \"{device}\""), {{"device", device}}), device,
            Message(
                N_("list the scanners with: scanners; check that the scanner is switched on and connected"))};
    if (result == WIA_ERROR_BUSY || result == WIA_ERROR_DEVICE_LOCKED)
        return Error{
            "scanner.busy", Message(N_("the scanner is busy with another program")), device,
            Message(N_("wait for the other scan to end, or close the program that uses the scanner"))};
    if (result == E_ACCESSDENIED)
        return Error{"scanner.access_denied", Message(N_("this account may not use the scanner")), device,
                     Message(N_("ask the administrator to add this account to the scanner group"))};
    return Error{"scanner.unavailable",
                 Message(N_("cannot open the scanner: {detail}"), {{"detail", hresultText(result)}}), device,
                 Message(N_("check that the scanner is switched on and connected, then try again"))};
}

/// An error during a run; `page` is the 1-based page being scanned, `kept` the pages already delivered.
Error runError(HRESULT result, const std::string& device, int page, int kept) {
    const std::vector<std::pair<std::string, std::string>> args{
        {"page", std::to_string(page)}, {"kept", std::to_string(kept)}, {"detail", hresultText(result)}};
    if (result == WIA_ERROR_PAPER_JAM || result == WIA_ERROR_MULTI_FEED)
        return Error{"scanner.jammed",
                     Message(N_("the paper jammed in the document feeder at page {page}"), args), device,
                     Message(N_("clear the jam, put page {page} and the pages after it back in the feeder "
                                "and scan them; the {kept} pages before are kept"),
                             args)};
    if (result == WIA_ERROR_COVER_OPEN)
        return Error{"scanner.cover_open", Message(N_("the scanner's cover is open (at page {page})"), args),
                     device,
                     Message(N_("close the cover and scan page {page} and the pages after it again; the "
                                "{kept} pages before are kept"),
                             args)};
    if (result == WIA_ERROR_PAPER_EMPTY)
        return Error{
            "scanner.feeder_empty", Message(N_("there is no paper in the document feeder"), args), device,
            Message(N_("put the papers in the feeder and scan again, or scan from the flatbed"), args)};
    if (result == WIA_ERROR_OFFLINE || result == WIA_ERROR_DEVICE_COMMUNICATION ||
        result == WIA_S_NO_DEVICE_AVAILABLE)
        return Error{"scanner.disconnected",
                     Message(N_("lost contact with the scanner at page {page} ({detail})"), args), device,
                     Message(N_("check the scanner's cable and power, then scan page {page} and the pages "
                                "after it again; the {kept} pages before are kept"),
                             args)};
    if (result == WIA_ERROR_BUSY || result == WIA_ERROR_DEVICE_LOCKED || result == E_ACCESSDENIED)
        return openError(result, device);
    if (result == E_OUTOFMEMORY)
        return Error{
            "scanner.no_memory", Message(N_("the scanner ran out of memory at page {page}"), args), device,
            Message(
                N_("scan at a lower resolution or fewer pages at a time; the {kept} pages before are kept"),
                args)};
    return Error{"scanner.failed", Message(N_("the scanner failed at page {page}: {detail}"), args), device,
                 Message(N_("check the scanner, then scan page {page} and the pages after it again; the "
                            "{kept} pages before are kept"),
                         args)};
}

Error unsupported(const std::string& device, const char* what, const std::string& value,
                  const std::string& choices) {
    return Error{
        "scanner.unsupported_setting",
        Message(N_("the scanner does not offer the {what} {value}"), {{"value", value}}).term("what", what),
        device, Message(N_("choose one of: {choices}"), {{"choices", choices}})};
}

Error refused(const std::string& device, const std::string& option, HRESULT result) {
    return Error{"scanner.setting_refused",
                 Message(N_("the scanner refused the setting {option}: {detail}"),
                         {{"option", option}, {"detail", hresultText(result)}}),
                 device, Message(N_("check the scanner, or choose other settings"))};
}

PROPSPEC specOf(PROPID id) {
    PROPSPEC spec{};
    spec.ulKind = PRSPEC_PROPID;
    spec.propid = id;
    return spec;
}

std::optional<LONG> readLong(IWiaPropertyStorage* storage, PROPID id) {
    PROPSPEC spec = specOf(id);
    PROPVARIANT value;
    PropVariantInit(&value);
    std::optional<LONG> out;
    if (storage->ReadMultiple(1, &spec, &value) == S_OK && (value.vt == VT_I4 || value.vt == VT_UI4))
        out = value.lVal;
    PropVariantClear(&value);
    return out;
}

std::string readString(IWiaPropertyStorage* storage, PROPID id) {
    PROPSPEC spec = specOf(id);
    PROPVARIANT value;
    PropVariantInit(&value);
    std::string out;
    if (storage->ReadMultiple(1, &spec, &value) == S_OK && value.vt == VT_BSTR)
        out = narrow(value.bstrVal);
    PropVariantClear(&value);
    return out;
}

HRESULT writeLong(IWiaPropertyStorage* storage, PROPID id, LONG number) {
    PROPSPEC spec = specOf(id);
    PROPVARIANT value;
    PropVariantInit(&value);
    value.vt = VT_I4;
    value.lVal = number;
    return storage->WriteMultiple(1, &spec, &value, WIA_IPA_FIRST);
}

HRESULT writeGuid(IWiaPropertyStorage* storage, PROPID id, const GUID& guid) {
    PROPSPEC spec = specOf(id);
    PROPVARIANT value;
    PropVariantInit(&value);
    value.vt = VT_CLSID;
    GUID copy = guid;
    value.puuid = &copy;
    return storage->WriteMultiple(1, &spec, &value, WIA_IPA_FIRST);
}

/// The values a numeric property takes: a list, or a range (min, max, step); empty when it says neither.
struct ValidValues {
    std::vector<LONG> list;
    std::optional<std::pair<LONG, LONG>> range;
    LONG step = 1;
    bool accepts(LONG value) const {
        if (range)
            return value >= range->first && value <= range->second &&
                   (step <= 1 || (value - range->first) % step == 0);
        return std::find(list.begin(), list.end(), value) != list.end();
    }
};

ValidValues validValues(IWiaPropertyStorage* storage, PROPID id) {
    ValidValues out;
    PROPSPEC spec = specOf(id);
    ULONG flags = 0;
    PROPVARIANT values;
    PropVariantInit(&values);
    if (storage->GetPropertyAttributes(1, &spec, &flags, &values) != S_OK) {
        PropVariantClear(&values);
        return out;
    }
    if ((values.vt & VT_VECTOR) && (values.vt & VT_TYPEMASK) == VT_I4) {
        const LONG* v = values.cal.pElems;
        const ULONG count = values.cal.cElems;
        if ((flags & WIA_PROP_RANGE) && count > WIA_RANGE_STEP) {
            out.range = std::pair{v[WIA_RANGE_MIN], v[WIA_RANGE_MAX]};
            out.step = v[WIA_RANGE_STEP];
        } else if ((flags & WIA_PROP_LIST) && count > WIA_LIST_VALUES) {
            out.list.assign(
                v + WIA_LIST_VALUES,
                v + std::min<ULONG>(count, WIA_LIST_VALUES + static_cast<ULONG>(v[WIA_LIST_COUNT])));
        }
    }
    PropVariantClear(&values);
    return out;
}

/// The device's root item and its flatbed and feeder items, opened through the WIA 2.0 device manager.
struct OpenDevice {
    ComPtr<IWiaItem2> root;
    ComPtr<IWiaItem2> flatbed;
    ComPtr<IWiaItem2> feeder;
};

HRESULT openDevice(const std::string& name, OpenDevice& out) {
    ComPtr<IWiaDevMgr2> manager;
    HRESULT result = CoCreateInstance(kClsidWiaDevMgr2, nullptr, CLSCTX_LOCAL_SERVER, __uuidof(IWiaDevMgr2),
                                      reinterpret_cast<void**>(manager.out()));
    if (FAILED(result))
        return result;
    BSTR id = SysAllocString(wide(name).c_str());
    result = manager->CreateDevice(0, id, out.root.out());
    SysFreeString(id);
    if (FAILED(result))
        return result;
    ComPtr<IEnumWiaItem2> children;
    if (FAILED(result = out.root->EnumChildItems(nullptr, children.out())))
        return result;
    for (;;) {
        ComPtr<IWiaItem2> child;
        ULONG fetched = 0;
        if (children->Next(1, child.out(), &fetched) != S_OK || fetched == 0)
            break;
        GUID category{};
        if (FAILED(child->GetItemCategory(&category)))
            continue;
        if (IsEqualGUID(category, kCategoryFlatbed) && !out.flatbed)
            out.flatbed = std::move(child);
        else if (IsEqualGUID(category, kCategoryFeeder) && !out.feeder)
            out.feeder = std::move(child);
    }
    return S_OK;
}

ScannerCapabilities capabilitiesOf(const OpenDevice& device) {
    ScannerCapabilities caps;
    if (device.flatbed)
        caps.sources.push_back(ScanSource::Flatbed);
    if (device.feeder) {
        caps.sources.push_back(ScanSource::AdfFront);
        if (auto props = device.feeder.as<IWiaPropertyStorage>())
            if (auto handling = readLong(props.get(), WIA_IPS_DOCUMENT_HANDLING_CAPABILITIES);
                handling && (*handling & DUPLEX))
                caps.sources.push_back(ScanSource::AdfDuplex);
    }
    const ComPtr<IWiaItem2>& item = device.flatbed ? device.flatbed : device.feeder;
    auto props = item.as<IWiaPropertyStorage>();
    if (!props)
        return caps;
    const auto resolutions = validValues(props.get(), WIA_IPS_XRES);
    if (resolutions.range) {
        for (int dpi : {75, 100, 150, 200, 240, 300, 400, 600, 1200})
            if (resolutions.accepts(dpi))
                caps.resolutions.push_back(dpi);
    } else {
        for (LONG dpi : resolutions.list)
            caps.resolutions.push_back(static_cast<int>(dpi));
    }
    const auto types = validValues(props.get(), WIA_IPA_DATATYPE);
    if (types.accepts(WIA_DATA_COLOR))
        caps.modes.push_back(ScanMode::Color);
    if (types.accepts(WIA_DATA_GRAYSCALE))
        caps.modes.push_back(ScanMode::Gray);
    if (types.accepts(WIA_DATA_THRESHOLD))
        caps.modes.push_back(ScanMode::Lineart);
    const auto width = readLong(props.get(), WIA_IPS_MAX_HORIZONTAL_SIZE);
    const auto height = readLong(props.get(), WIA_IPS_MAX_VERTICAL_SIZE);
    if (width && height) // thousandths of an inch
        caps.maxArea = PaperSize{*width * 25.4 / 1000.0, *height * 25.4 / 1000.0};
    return caps;
}

template <typename T, typename Format> std::string joined(const std::vector<T>& values, Format format) {
    std::string out;
    for (const auto& v : values)
        out += (out.empty() ? "" : ", ") + format(v);
    return out.empty() ? "-" : out;
}

/// Sets up the item for `settings` (source, pages, mode, resolution, area, BMP output); the item to scan
/// from.
Expected<IWiaItem2*> configure(OpenDevice& device, const std::string& name, const ScanSettings& settings) {
    const auto caps = capabilitiesOf(device);
    IWiaItem2* item = settings.source == ScanSource::Flatbed ? device.flatbed.get() : device.feeder.get();
    if (!item || std::find(caps.sources.begin(), caps.sources.end(), settings.source) == caps.sources.end())
        return unsupported(name, N_("source"), toString(settings.source),
                           joined(caps.sources, [](ScanSource s) { return std::string(toString(s)); }));
    ComPtr<IWiaPropertyStorage> props;
    if (FAILED(item->QueryInterface(__uuidof(IWiaPropertyStorage), reinterpret_cast<void**>(props.out()))))
        return refused(name, "properties", E_NOINTERFACE);

    if (settings.source != ScanSource::Flatbed) {
        const LONG handling = settings.source == ScanSource::AdfDuplex ? (FEEDER | DUPLEX) : FEEDER;
        if (HRESULT r = writeLong(props.get(), WIA_IPS_DOCUMENT_HANDLING_SELECT, handling); FAILED(r))
            return refused(name, "document handling", r);
        // WIA_IPS_PAGES 0: every page in the feeder (ALL_PAGES).
        if (HRESULT r = writeLong(props.get(), WIA_IPS_PAGES, std::max(settings.maxPages, 0)); FAILED(r))
            return refused(name, "pages", r);
    }

    const LONG dataType = settings.mode == ScanMode::Color  ? WIA_DATA_COLOR
                          : settings.mode == ScanMode::Gray ? WIA_DATA_GRAYSCALE
                                                            : WIA_DATA_THRESHOLD;
    if (!validValues(props.get(), WIA_IPA_DATATYPE).accepts(dataType))
        return unsupported(name, N_("mode"), toString(settings.mode),
                           joined(caps.modes, [](ScanMode m) { return std::string(toString(m)); }));
    if (HRESULT r = writeLong(props.get(), WIA_IPA_DATATYPE, dataType); FAILED(r))
        return refused(name, "data type", r);
    const LONG depth = settings.mode == ScanMode::Color ? 24 : settings.mode == ScanMode::Gray ? 8 : 1;
    if (HRESULT r = writeLong(props.get(), WIA_IPA_DEPTH, depth); FAILED(r))
        return refused(name, "depth", r);

    const auto resolutions = validValues(props.get(), WIA_IPS_XRES);
    if ((resolutions.range || !resolutions.list.empty()) && !resolutions.accepts(settings.resolution))
        return unsupported(name, N_("resolution"), std::to_string(settings.resolution),
                           joined(caps.resolutions, [](int dpi) { return std::to_string(dpi); }));
    for (PROPID id : {PROPID{WIA_IPS_XRES}, PROPID{WIA_IPS_YRES}})
        if (HRESULT r = writeLong(props.get(), id, settings.resolution); FAILED(r))
            return refused(name, "resolution", r);

    // The paper, clipped to what the device scans, as pixels at the chosen resolution (WIA_IPS_X/YEXTENT).
    const double widthMm = caps.maxArea.widthMm > 0 ? std::min(settings.paper.widthMm, caps.maxArea.widthMm)
                                                    : settings.paper.widthMm;
    const double heightMm = caps.maxArea.heightMm > 0
                                ? std::min(settings.paper.heightMm, caps.maxArea.heightMm)
                                : settings.paper.heightMm;
    auto pixels = [&](PROPID id, double mm) {
        auto value = static_cast<LONG>(std::lround(mm / 25.4 * settings.resolution));
        if (const auto valid = validValues(props.get(), id); valid.range)
            value = std::clamp(value, valid.range->first, valid.range->second);
        return value;
    };
    for (auto [id, value] :
         {std::pair{PROPID{WIA_IPS_XPOS}, LONG{0}}, std::pair{PROPID{WIA_IPS_YPOS}, LONG{0}},
          std::pair{PROPID{WIA_IPS_XEXTENT}, pixels(WIA_IPS_XEXTENT, widthMm)},
          std::pair{PROPID{WIA_IPS_YEXTENT}, pixels(WIA_IPS_YEXTENT, heightMm)}})
        if (HRESULT r = writeLong(props.get(), id, value); FAILED(r))
            return refused(name, "scan area", r);

    if (HRESULT r = writeGuid(props.get(), WIA_IPA_FORMAT, kFormatBmp); FAILED(r))
        return refused(name, "format", r);
    return item;
}

std::uint32_t littleEndian32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

/// A page from the BMP file (or bare DIB) a driver wrote: 24-bit BGR, 8-bit or 1-bit palette, bottom-up or
/// top-down; false when it is some other form.
bool decodeBmp(const std::vector<std::uint8_t>& bmp, ScannedPage& page) {
    std::size_t offset = 0;
    std::size_t dataOffset = 0;
    if (bmp.size() >= 14 && bmp[0] == 'B' && bmp[1] == 'M') {
        dataOffset = littleEndian32(&bmp[10]);
        offset = 14;
    }
    if (bmp.size() < offset + 40)
        return false;
    const std::uint8_t* header = &bmp[offset];
    const std::uint32_t headerSize = littleEndian32(header);
    const auto width = static_cast<std::int32_t>(littleEndian32(header + 4));
    auto height = static_cast<std::int32_t>(littleEndian32(header + 8));
    const int bits = header[14] | header[15] << 8;
    const std::uint32_t compression = littleEndian32(header + 16);
    std::uint32_t colours = littleEndian32(header + 32);
    if (width <= 0 || compression != 0 /* BI_RGB */ || (bits != 24 && bits != 8 && bits != 1))
        return false;
    if (bits <= 8 && colours == 0)
        colours = 1u << bits;
    const std::size_t paletteOffset = offset + headerSize;
    if (dataOffset == 0)
        dataOffset = paletteOffset + (bits <= 8 ? colours * 4u : 0u);
    const std::size_t stride =
        ((static_cast<std::size_t>(width) * static_cast<std::size_t>(bits) + 31) / 32) * 4;
    const bool topDown = height < 0;
    std::size_t rows = static_cast<std::size_t>(std::abs(height));
    if (dataOffset > bmp.size())
        return false;
    if (rows == 0 || dataOffset + rows * stride > bmp.size()) // a feeder of unknown length: what arrived
        rows = (bmp.size() - dataOffset) / stride;
    if (rows == 0)
        return false;
    auto luminance = [&](std::uint32_t index) {
        if (paletteOffset + index * 4 + 3 > bmp.size())
            return 0;
        const std::uint8_t* c = &bmp[paletteOffset + index * 4]; // blue, green, red, reserved
        return (c[2] * 299 + c[1] * 587 + c[0] * 114) / 1000;
    };
    page.width = width;
    page.height = static_cast<int>(rows);
    page.format = bits == 24 ? PixelFormat::Rgb24 : bits == 8 ? PixelFormat::Gray8 : PixelFormat::Gray1;
    page.bytesPerLine = bits == 24 ? width * 3 : bits == 8 ? width : (width + 7) / 8;
    page.pixels.assign(static_cast<std::size_t>(page.bytesPerLine) * rows, 0);
    std::uint8_t grey[256];
    for (std::uint32_t i = 0; i < 256; ++i)
        grey[i] = static_cast<std::uint8_t>(bits == 8 && i < colours ? luminance(i) : i);
    const bool zeroIsBlack = bits == 1 && luminance(0) < luminance(1);
    for (std::size_t row = 0; row < rows; ++row) {
        const std::uint8_t* in = &bmp[dataOffset + (topDown ? row : rows - 1 - row) * stride];
        std::uint8_t* out = &page.pixels[row * static_cast<std::size_t>(page.bytesPerLine)];
        if (bits == 24) {
            for (std::int32_t x = 0; x < width; ++x) {
                out[x * 3] = in[x * 3 + 2];
                out[x * 3 + 1] = in[x * 3 + 1];
                out[x * 3 + 2] = in[x * 3];
            }
        } else if (bits == 8) {
            for (std::int32_t x = 0; x < width; ++x)
                out[x] = grey[in[x]];
        } else {
            // The interface's line-art is 1 = black; a BMP says through its palette which index is black.
            for (int x = 0; x < page.bytesPerLine; ++x)
                out[x] = zeroIsBlack ? static_cast<std::uint8_t>(~in[x]) : in[x];
        }
    }
    return true;
}

#ifdef __GNUC__ // a COM object: its lifetime is its owner's scope, not Release(); COM bases have no virtual
                // destructor
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#endif
/// Receives the pages of one IWiaTransfer::Download: a memory stream per page, decoded when it ends.
class TransferSink : public IWiaTransferCallback {
public:
    TransferSink(const std::string& device, const ScanSettings& settings,
                 const std::atomic<bool>& cancelRequested, ScanEvents& events)
        : m_device(device), m_settings(settings), m_cancel(cancelRequested), m_events(events) {}
    virtual ~TransferSink() = default;
    TransferSink(const TransferSink&) = delete;
    TransferSink& operator=(const TransferSink&) = delete;

    // Lives on the session thread's stack for the length of Download; the counting is for COM's sake only.
    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** object) override {
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, __uuidof(IWiaTransferCallback))) {
            *object = static_cast<IWiaTransferCallback*>(this);
            AddRef();
            return S_OK;
        }
        *object = nullptr;
        return E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override { return static_cast<ULONG>(++m_references); }
    ULONG STDMETHODCALLTYPE Release() override { return static_cast<ULONG>(--m_references); }

    HRESULT STDMETHODCALLTYPE GetNextStream(LONG, BSTR, BSTR, IStream** destination) override {
        *destination = nullptr;
        if (m_cancel || m_failure)
            return S_FALSE; // skips the page and ends the transfer
        if (m_settings.maxPages > 0 && m_pages >= m_settings.maxPages) {
            m_reachedLimit = true;
            return S_FALSE;
        }
        m_stream.reset();
        const HRESULT result = CreateStreamOnHGlobal(nullptr, TRUE, m_stream.out());
        if (FAILED(result))
            return result;
        m_stream->AddRef();
        *destination = m_stream.get();
        return S_OK;
    }

    HRESULT STDMETHODCALLTYPE TransferCallback(LONG, WiaTransferParams* params) override {
        try {
            switch (params->lMessage) {
            case WIA_TRANSFER_MSG_STATUS: {
                ScanProgress progress{m_pages, static_cast<std::int64_t>(params->ulTransferredBytes), 0};
                if (params->lPercentComplete > 0 && params->lPercentComplete < 100)
                    progress.bytesExpected = progress.bytesRead * 100 / params->lPercentComplete;
                m_events.progress(progress);
                break;
            }
            case WIA_TRANSFER_MSG_END_OF_STREAM:
                deliverPage();
                break;
            case WIA_TRANSFER_MSG_DEVICE_STATUS:
                if (FAILED(params->hrErrorStatus))
                    m_deviceError = params->hrErrorStatus; // a jam, cover open…: Download fails with it too
                break;
            default:
                break;
            }
        } catch (...) {
            // Never through COM: kept, the transfer is stopped, and wait() rethrows it (scanner.h).
            m_failure = std::current_exception();
        }
        return m_cancel || m_failure || m_reachedLimit ? S_FALSE : S_OK;
    }

    int pages() const { return m_pages; }
    bool reachedLimit() const { return m_reachedLimit; }
    HRESULT deviceError() const { return m_deviceError; }
    std::exception_ptr failure() const { return m_failure; }
    /// True when a page came in a form decodeBmp does not read.
    bool undecodable() const { return m_undecodable; }

private:
    void deliverPage() {
        if (!m_stream)
            return;
        ComPtr<IStream> stream = std::move(m_stream);
        STATSTG stat{};
        if (FAILED(stream->Stat(&stat, STATFLAG_NONAME)))
            return;
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(stat.cbSize.QuadPart));
        LARGE_INTEGER start{};
        stream->Seek(start, STREAM_SEEK_SET, nullptr);
        ULONG read = 0;
        if (!bytes.empty() && FAILED(stream->Read(bytes.data(), static_cast<ULONG>(bytes.size()), &read)))
            return;
        bytes.resize(read);
        ScannedPage page;
        page.index = m_pages;
        page.side =
            m_settings.source == ScanSource::AdfDuplex && m_pages % 2 == 1 ? PageSide::Back : PageSide::Front;
        page.resolution = m_settings.resolution;
        if (!decodeBmp(bytes, page)) {
            m_undecodable = true;
            return;
        }
        ++m_pages;
        m_events.pageScanned(std::move(page));
    }

    std::string m_device;
    ScanSettings m_settings;
    const std::atomic<bool>& m_cancel;
    ScanEvents& m_events;
    std::atomic<long> m_references{1};
    ComPtr<IStream> m_stream;
    int m_pages = 0;
    bool m_reachedLimit = false;
    bool m_undecodable = false;
    HRESULT m_deviceError = S_OK;
    std::exception_ptr m_failure;
};
#ifdef __GNUC__
#pragma GCC diagnostic pop
#endif

/// Opens and sets up the device again on the session's thread (COM pointers stay in the apartment that made
/// them), then downloads until the feeder is empty, `maxPages`, a cancel or an error.
ScanSummary runScan(const std::string& name, const ScanSettings& settings,
                    const std::atomic<bool>& cancelRequested, ScanEvents& events) {
    ScanSummary summary;
    ComScope com;
    if (!com.usable()) {
        summary.error = openError(E_UNEXPECTED, name);
        return summary;
    }
    OpenDevice device;
    if (HRESULT r = openDevice(name, device); FAILED(r)) {
        summary.error = openError(r, name);
        return summary;
    }
    auto item = configure(device, name, settings);
    if (!item) {
        summary.error = item.error();
        return summary;
    }
    ComPtr<IWiaTransfer> transfer;
    if (HRESULT r = (*item)->QueryInterface(__uuidof(IWiaTransfer), reinterpret_cast<void**>(transfer.out()));
        FAILED(r)) {
        summary.error = runError(r, name, 1, 0);
        return summary;
    }
    TransferSink sink(name, settings, cancelRequested, events);
    const HRESULT result = transfer->Download(0, &sink);
    if (const auto failure = sink.failure())
        std::rethrow_exception(failure);
    summary.pages = sink.pages();
    const bool feeder = settings.source != ScanSource::Flatbed;
    if (cancelRequested) {
        summary.cancelled = true;
        return summary;
    }
    if (sink.undecodable()) {
        summary.error =
            Error{"scanner.unsupported_format",
                  Message(N_("the scanner sends pages in a form this program does not read "
                             "(frame {frame}, depth {depth})"),
                          {{"frame", "BMP"},
                           {"depth", settings.mode == ScanMode::Color  ? "24"
                                     : settings.mode == ScanMode::Gray ? "8"
                                                                       : "1"}}),
                  name, Message(N_("choose colour, grey or line-art; switch off three-pass scanning"))};
        return summary;
    }
    HRESULT failure = FAILED(result) ? result : sink.deviceError();
    // The feeder running out after at least one page is the normal end of an ADF run (WIA_STATUS_END_OF_MEDIA
    // or WIA_ERROR_PAPER_EMPTY, depending on the driver).
    if (feeder && summary.pages > 0 && failure == WIA_ERROR_PAPER_EMPTY)
        failure = S_OK;
    if (sink.reachedLimit() && (result == S_FALSE || result == WIA_ERROR_PAPER_EMPTY))
        failure = S_OK;
    if (FAILED(failure))
        summary.error = runError(failure, name, summary.pages + 1, summary.pages);
    return summary;
}

class WiaScanner : public Scanner {
public:
    Expected<std::vector<ScannerInfo>> devices() override {
        ComScope com;
        ComPtr<IWiaDevMgr2> manager;
        HRESULT result =
            com.usable() ? CoCreateInstance(kClsidWiaDevMgr2, nullptr, CLSCTX_LOCAL_SERVER,
                                            __uuidof(IWiaDevMgr2), reinterpret_cast<void**>(manager.out()))
                         : E_UNEXPECTED;
        ComPtr<IEnumWIA_DEV_INFO> found;
        if (SUCCEEDED(result))
            result = manager->EnumDeviceInfo(WIA_DEVINFO_ENUM_LOCAL, found.out());
        if (FAILED(result))
            return Error{
                "scanner.list_failed",
                Message(N_("cannot list the scanners: {detail}"), {{"detail", hresultText(result)}}),
                {},
                Message(
                    N_("check that the Windows Image Acquisition (WIA) service is running, then try again"))};
        std::vector<ScannerInfo> out;
        for (;;) {
            ComPtr<IWiaPropertyStorage> info;
            ULONG fetched = 0;
            if (found->Next(1, info.out(), &fetched) != S_OK || fetched == 0)
                break;
            // WIA_DIP_DEV_TYPE: the STI type in the high word; 1 is StiDeviceTypeScanner (cameras are 2,
            // video 3).
            const auto type = readLong(info.get(), WIA_DIP_DEV_TYPE);
            if (!type || HIWORD(static_cast<DWORD>(*type)) != 1)
                continue;
            out.push_back({readString(info.get(), WIA_DIP_DEV_ID), readString(info.get(), WIA_DIP_VEND_DESC),
                           readString(info.get(), WIA_DIP_DEV_DESC), "scanner"});
        }
        return out;
    }

    Expected<ScannerCapabilities> capabilities(const std::string& device) override {
        ComScope com;
        OpenDevice opened;
        if (HRESULT r = com.usable() ? openDevice(device, opened) : E_UNEXPECTED; FAILED(r))
            return openError(r, device);
        return capabilitiesOf(opened);
    }

    Expected<std::unique_ptr<ScanSession>> scan(const std::string& device, const ScanSettings& settings,
                                                ScanEvents& events) override {
        {
            // Set up once here so that errors in the settings come back from scan() (scanner.h); the
            // session's thread opens the device again in its own COM apartment.
            ComScope com;
            OpenDevice opened;
            if (HRESULT r = com.usable() ? openDevice(device, opened) : E_UNEXPECTED; FAILED(r))
                return openError(r, device);
            if (auto item = configure(opened, device, settings); !item)
                return item.error();
        }
        return std::make_unique<ScanSession>(
            [device, settings](const std::atomic<bool>& cancelRequested, ScanEvents& sink) {
                return runScan(device, settings, cancelRequested, sink);
            },
            events);
    }
};

} // namespace

std::unique_ptr<Scanner> systemScanner() {
    return std::make_unique<WiaScanner>();
}

} // namespace ywtb::devices
