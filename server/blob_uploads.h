#pragma once
// Content-addressed blob upload (docs/api.md §6): exists check, chunks at an offset, resume after a cut,
// SHA-256 verified before the blob is stored; a wrong hash stores nothing.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
} // namespace Poco::Net

namespace ywtb::server {

class ServerStore;

/// What partial uploads may hold of the server (issue 20 item 5; server/README.md).
struct UploadLimits {
    /// A partial upload that received no chunk for this long is discarded: its client starts again from 0.
    std::chrono::seconds expiry{24 * 3600};
    /// The declared sizes of one window's partial uploads together; a new upload past it is refused (429).
    std::int64_t quotaPerWindow = 1024LL * 1024 * 1024;
    /// How many partial uploads one window may have at once.
    int maxPerWindow = 100;
};

class BlobUploads {
public:
    /// Blobs live in DATA_DIR/blobs/ab/abcdef… (the client's BlobStore layout), partial uploads in
    /// DATA_DIR/uploads: the bytes in SHA.part, the window that began it in SHA.window.
    explicit BlobUploads(ServerStore& store, UploadLimits limits = {});

    void head(const std::string& sha256, Poco::Net::HTTPServerResponse& response);
    void uploadStatus(const std::string& sha256, Poco::Net::HTTPServerResponse& response);
    void download(const std::string& sha256, Poco::Net::HTTPServerResponse& response);
    /// One chunk from the counter at `windowId`, whose quota a new upload counts against.
    void putChunk(const std::string& sha256, const std::string& windowId,
                  Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    std::filesystem::path blobPath(const std::string& sha256) const;

private:
    /// Marks `sha256` as being written by this request; false when another request writes it.
    bool claim(const std::string& sha256);
    void release(const std::string& sha256);
    /// Releases a claim when the scope that took it ends, however it ends.
    struct Claimed {
        BlobUploads* self;
        std::string sha256;
        ~Claimed() { self->release(sha256); }
    };
    /// The partial upload's bytes, and the file naming the window that owns it.
    std::filesystem::path partFile(const std::string& sha256) const { return m_partDir / (sha256 + ".part"); }
    std::filesystem::path ownerFile(const std::string& sha256) const {
        return m_partDir / (sha256 + ".window");
    }
    /// An upload whose every byte arrived but that is not stored as a blob, with no request writing it: the
    /// server stopped (a kill) or failed between recording the last chunk and storing the blob. Left so, it
    /// would report an offset equal to its size for ever, and no chunk can start there. Stores it now when
    /// its bytes verify, or discards it so that the client starts again from 0.
    void finishInterrupted(const std::string& sha256);
    /// Discards the partial upload `sha256` when it received nothing for longer than the expiry and no
    /// request is writing it.
    void expireIfIdle(const std::string& sha256);
    /// expireIfIdle for every partial upload, at most once a second.
    void expireAllIdle();
    /// Refuses (429) a new upload of `total` bytes by `windowId` past its quota.
    void checkQuota(const std::string& windowId, std::int64_t total);
    /// Removes the files of a partial upload (not its row).
    void removePartial(const std::string& sha256);

    ServerStore& m_store;
    std::filesystem::path m_blobDir;
    std::filesystem::path m_partDir;
    UploadLimits m_limits;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_lastSweep{};
    std::set<std::string> m_busy;
};

} // namespace ywtb::server
