#include "server/blob_uploads.h"

#include "server/http_io.h"
#include "server/server_store.h"
#include "server/upload_file.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/SHA2Engine.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

namespace ywtb::server {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kPiece = 64 * 1024;

struct ContentRange {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t total = 0;
};

ContentRange parseContentRange(const std::string& header) {
    const ApiError bad(400, "upload.bad_range",
                       "the Content-Range header '" + header + "' is not 'bytes START-END/TOTAL'",
                       "send Content-Range: bytes START-END/TOTAL for each chunk (docs/api.md §6)");
    if (header.rfind("bytes ", 0) != 0)
        throw bad;
    const auto dash = header.find('-', 6);
    const auto slash = header.find('/', 6);
    if (dash == std::string::npos || slash == std::string::npos || dash > slash)
        throw bad;
    ContentRange range;
    try {
        range.start = parseInteger(header.substr(6, dash - 6), "START", 0, kMaxBlob);
        range.end = parseInteger(header.substr(dash + 1, slash - dash - 1), "END", 0, INT64_MAX / 2);
        range.total = parseInteger(header.substr(slash + 1), "TOTAL", 1, INT64_MAX / 2);
    } catch (const ApiError&) {
        throw bad;
    }
    if (range.end < range.start || range.end >= range.total)
        throw bad;
    return range;
}

void drain(std::istream& in, std::int64_t upTo) {
    std::vector<char> sink(kPiece);
    std::int64_t seen = 0;
    while (seen <= upTo &&
           (in.read(sink.data(), static_cast<std::streamsize>(sink.size())) || in.gcount() > 0))
        seen += in.gcount();
}

ApiError storageError(const fs::path& path, const std::string& doing, const std::string& detail) {
    return ApiError(
        500, "server.storage", "the server could not " + doing + " (" + path.string() + "): " + detail,
        "retry later; the administrator should check free disk space and permissions of the data directory");
}

std::string readFileText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string hashOfFile(const fs::path& path) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buffer(kPiece);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
        engine.update(buffer.data(), static_cast<unsigned>(in.gcount()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

Poco::JSON::Object::Ptr progress(const std::string& sha256, std::int64_t offset, std::int64_t size,
                                 bool complete) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("sha256", sha256);
    body->set("offset", offset);
    body->set("size", size);
    body->set("complete", complete);
    return body;
}

} // namespace

BlobUploads::BlobUploads(ServerStore& store, UploadLimits limits)
    : m_store(store), m_blobDir(store.dataDir() / "blobs"), m_partDir(store.dataDir() / "uploads"),
      m_limits(limits) {
    fs::create_directories(m_blobDir);
    fs::create_directories(m_partDir);
}

fs::path BlobUploads::blobPath(const std::string& sha256) const {
    return m_blobDir / sha256.substr(0, 2) / sha256;
}

bool BlobUploads::claim(const std::string& sha256) {
    std::lock_guard lock(m_mutex);
    return m_busy.insert(sha256).second;
}

void BlobUploads::release(const std::string& sha256) {
    std::lock_guard lock(m_mutex);
    m_busy.erase(sha256);
}

void BlobUploads::finishInterrupted(const std::string& sha256) {
    auto upload = m_store.upload(sha256);
    if (!upload || upload->received < upload->total || !claim(sha256))
        return;
    const Claimed claimed{this, sha256};
    upload = m_store.upload(sha256); // again, now that no request can finish it meanwhile
    if (!upload || upload->received < upload->total)
        return;
    const fs::path part = partFile(sha256);
    const fs::path target = blobPath(sha256);
    std::error_code ec;
    if (fs::exists(target, ec) && hashOfFile(target) == sha256) { // stopped after the rename
        m_store.finishUpload(sha256, upload->total);
        removePartial(sha256);
        return;
    }
    if (fs::exists(part, ec) && static_cast<std::int64_t>(fs::file_size(part, ec)) >= upload->total) {
        fs::resize_file(part, static_cast<std::uintmax_t>(upload->total), ec);
        if (!ec && hashOfFile(part) == sha256) {
            fs::create_directories(target.parent_path(), ec);
            std::string ignored;
            if (!ec && moveIntoPlace(part, target, ignored)) {
                m_store.finishUpload(sha256, upload->total);
                removePartial(sha256);
                return;
            }
        }
    }
    removePartial(sha256);
    m_store.abandonUpload(sha256);
}

void BlobUploads::removePartial(const std::string& sha256) {
    std::error_code ignored;
    fs::remove(partFile(sha256), ignored);
    fs::remove(ownerFile(sha256), ignored);
}

void BlobUploads::expireIfIdle(const std::string& sha256) {
    const fs::path part = partFile(sha256);
    const fs::path owner = ownerFile(sha256);
    std::error_code ec;
    // The last chunk wrote the .part file; an upload that never got a byte has only its .window file.
    auto lastChunk = fs::last_write_time(part, ec);
    if (ec)
        lastChunk = fs::last_write_time(owner, ec);
    if (ec || fs::file_time_type::clock::now() - lastChunk <= m_limits.expiry || !claim(sha256))
        return;
    const Claimed claimed{this, sha256};
    const auto upload = m_store.upload(sha256);
    if (upload && upload->received >= upload->total)
        return; // every byte is in: finishInterrupted stores or discards it
    removePartial(sha256);
    if (!upload)
        return;
    m_store.abandonUpload(sha256);
    std::cerr << "discarded the partial upload " << sha256 << " (" << upload->received << " of "
              << upload->total << " bytes): no chunk for more than " << m_limits.expiry.count() << " s\n";
}

void BlobUploads::expireAllIdle() {
    {
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastSweep < std::chrono::seconds(1))
            return;
        m_lastSweep = now;
    }
    std::set<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_partDir, ec))
        if (isSha256(entry.path().stem().string()))
            names.insert(entry.path().stem().string());
    for (const auto& sha256 : names)
        expireIfIdle(sha256);
}

void BlobUploads::checkQuota(const std::string& windowId, std::int64_t total) {
    std::int64_t held = 0;
    int count = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_partDir, ec)) {
        if (entry.path().extension() != ".window" || readFileText(entry.path()) != windowId)
            continue;
        if (const auto upload = m_store.upload(entry.path().stem().string())) {
            held += upload->total;
            ++count;
        }
    }
    if (held + total > m_limits.quotaPerWindow || count >= m_limits.maxPerWindow)
        throw ApiError(
            429, "upload.quota_exceeded",
            "window " + windowId + " has " + std::to_string(count) + " unfinished uploads of " +
                std::to_string(held) + " bytes; one more of " + std::to_string(total) +
                " bytes is past its quota of " + std::to_string(m_limits.maxPerWindow) + " uploads and " +
                std::to_string(m_limits.quotaPerWindow) + " bytes",
            "finish the uploads in progress first (GET /api/v1/blobs/{sha256}/upload gives where each "
            "stopped); unfinished ones are discarded after " +
                std::to_string(m_limits.expiry.count()) + " s without a chunk");
}

void BlobUploads::head(const std::string& sha256, Poco::Net::HTTPServerResponse& response) {
    finishInterrupted(sha256);
    expireIfIdle(sha256);
    if (auto size = m_store.blobSize(sha256)) {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
        response.setContentLength64(*size);
        response.setContentType("application/octet-stream");
        response.send();
        return;
    }
    response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
    if (auto upload = m_store.upload(sha256)) {
        response.set("Upload-Offset", std::to_string(upload->received));
        response.set("Upload-Length", std::to_string(upload->total));
    }
    response.setContentLength(0);
    response.send();
}

void BlobUploads::uploadStatus(const std::string& sha256, Poco::Net::HTTPServerResponse& response) {
    finishInterrupted(sha256);
    expireIfIdle(sha256);
    if (auto size = m_store.blobSize(sha256))
        return sendJson(response, 200, progress(sha256, *size, *size, true));
    if (auto upload = m_store.upload(sha256))
        return sendJson(response, 200, progress(sha256, upload->received, upload->total, false));
    throw ApiError(404, "blob.unknown", "no blob and no upload named " + sha256,
                   "start the upload at offset 0");
}

void BlobUploads::download(const std::string& sha256, Poco::Net::HTTPServerResponse& response) {
    if (!m_store.blobSize(sha256))
        throw ApiError(404, "blob.unknown", "no blob named " + sha256, "upload it first (docs/api.md §6)");
    std::ifstream in(blobPath(sha256), std::ios::binary);
    if (!in)
        throw storageError(blobPath(sha256), "read the blob", "the file cannot be opened");
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentType("application/octet-stream");
    response.setContentLength64(static_cast<Poco::Int64>(fs::file_size(blobPath(sha256))));
    std::ostream& out = response.send();
    std::vector<char> buffer(kPiece);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
        out.write(buffer.data(), in.gcount());
}

void BlobUploads::putChunk(const std::string& sha256, const std::string& windowId,
                           Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    std::istream& in = request.stream();
    if (!request.hasContentLength())
        throw ApiError(411, "request.length_required", "a chunk needs a Content-Length header",
                       "send each chunk with Content-Length (no chunked transfer encoding)");
    const std::int64_t length = request.getContentLength64();
    if (length > static_cast<std::int64_t>(kMaxChunk)) {
        drain(in, 16 * 1024 * 1024);
        throw ApiError(413, "request.too_large",
                       "the chunk has " + std::to_string(length) + " bytes, more than the limit of " +
                           std::to_string(kMaxChunk),
                       "send chunks of at most 8 MiB (docs/api.md, Limits)");
    }
    if (!request.has("Content-Range")) {
        drain(in, length);
        throw ApiError(400, "upload.bad_range", "the Content-Range header is missing",
                       "send Content-Range: bytes START-END/TOTAL for each chunk (docs/api.md §6)");
    }
    ContentRange range;
    try {
        range = parseContentRange(request.get("Content-Range"));
    } catch (const ApiError&) {
        drain(in, length);
        throw;
    }
    if (range.end - range.start + 1 != length) {
        drain(in, length);
        throw ApiError(400, "upload.bad_range",
                       "Content-Range covers " + std::to_string(range.end - range.start + 1) +
                           " bytes but Content-Length is " + std::to_string(length),
                       "make END - START + 1 equal to the chunk's length");
    }
    if (range.total > kMaxBlob) {
        drain(in, length);
        throw ApiError(413, "blob.too_large",
                       "the blob has " + std::to_string(range.total) + " bytes, more than the limit of " +
                           std::to_string(kMaxBlob),
                       "blobs of more than 256 MiB are not accepted; split or compress the document");
    }
    expireAllIdle();
    finishInterrupted(sha256);
    expireIfIdle(sha256);
    if (auto size = m_store.blobSize(sha256)) {
        drain(in, length);
        return sendJson(response, 200, progress(sha256, *size, *size, true));
    }
    if (!claim(sha256)) {
        drain(in, length);
        throw ApiError(409, "upload.in_progress", "another request is uploading this blob right now",
                       "wait a moment, then ask GET /api/v1/blobs/{sha256}/upload for the offset");
    }
    const Claimed claimed{this, sha256};

    const fs::path part = partFile(sha256);
    auto upload = m_store.upload(sha256);
    if (!upload) {
        // A new upload starts only at 0: checked here too, so that a chunk for an expired upload is told to
        // start again instead of beginning an upload it cannot finish.
        if (range.start != 0) {
            drain(in, length);
            ApiError error(
                409, "upload.offset_mismatch",
                "the chunk starts at byte " + std::to_string(range.start) +
                    " but the server has no bytes of this blob (an unfinished upload expires after " +
                    std::to_string(m_limits.expiry.count()) + " s without a chunk)",
                "continue from the offset the server reports");
            error.extraHeader = "Upload-Offset";
            error.extraField = "offset";
            error.extraValue = 0;
            throw error;
        }
        try {
            checkQuota(windowId, range.total);
        } catch (const ApiError&) {
            drain(in, length);
            throw;
        }
        std::ofstream(ownerFile(sha256), std::ios::binary | std::ios::trunc) << windowId;
        m_store.beginUpload(sha256, range.total);
        upload = Upload{range.total, 0};
    }
    if (upload->total != range.total) {
        drain(in, length);
        throw ApiError(409, "upload.size_mismatch",
                       "this upload began with a size of " + std::to_string(upload->total) +
                           " bytes, this chunk says " + std::to_string(range.total),
                       "send the same TOTAL in every chunk's Content-Range");
    }
    if (range.start != upload->received) {
        drain(in, length);
        ApiError error(409, "upload.offset_mismatch",
                       "the chunk starts at byte " + std::to_string(range.start) + " but the server has " +
                           std::to_string(upload->received) + " bytes of this blob",
                       "continue from the offset the server reports");
        error.extraHeader = "Upload-Offset";
        error.extraField = "offset";
        error.extraValue = upload->received;
        throw error;
    }

    // Bytes past `received` come from a write whose offset was never recorded: drop them before appending.
    UploadFile file;
    std::string detail;
    if (!file.open(part, detail))
        throw storageError(part, "open the partial upload", detail);
    if (!file.truncateAt(upload->received, detail))
        throw storageError(part, "prepare the partial upload", detail);
    std::vector<char> buffer(kPiece);
    std::int64_t written = 0;
    try {
        while (written < length) {
            in.read(buffer.data(),
                    static_cast<std::streamsize>(std::min<std::int64_t>(kPiece, length - written)));
            const auto got = in.gcount();
            if (got <= 0)
                break;
            if (!file.write(buffer.data(), static_cast<std::size_t>(got), detail))
                throw storageError(part, "write the partial upload", detail);
            written += got;
        }
    } catch (const ApiError&) {
        throw;
    } catch (const std::exception&) {
        // The connection broke: keep what arrived, recorded below.
    }
    if (!file.flushToDisk(detail))
        throw storageError(part, "flush the partial upload to disk", detail);
    const std::int64_t received = upload->received + written;
    m_store.setUploadReceived(sha256, received);
    if (written < length) {
        ApiError error(400, "upload.incomplete_body",
                       "the chunk ended after " + std::to_string(written) + " of " + std::to_string(length) +
                           " bytes",
                       "continue from the offset the server reports");
        error.extraHeader = "Upload-Offset";
        error.extraField = "offset";
        error.extraValue = received;
        throw error;
    }
    if (received < range.total)
        return sendJson(response, 200, progress(sha256, received, range.total, false));

    if (hashOfFile(part) != sha256) {
        removePartial(sha256);
        m_store.abandonUpload(sha256);
        throw ApiError(422, "blob.hash_mismatch",
                       "the SHA-256 of the " + std::to_string(received) + " bytes received is not " + sha256 +
                           "; the upload was discarded",
                       "compute the SHA-256 of the file again and upload it from offset 0");
    }
    const fs::path target = blobPath(sha256);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec)
        throw storageError(target.parent_path(), "create the blob folder", ec.message());
    if (!moveIntoPlace(part, target, detail))
        throw storageError(target, "store the verified blob", detail);
    m_store.finishUpload(sha256, received);
    removePartial(sha256);
    sendJson(response, 201, progress(sha256, received, received, true));
}

} // namespace ywtb::server
