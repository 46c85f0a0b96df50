#pragma once
// Content-addressed blob upload (docs/api.md §6): exists check, chunks at an offset, resume after a cut,
// SHA-256 verified before the blob is stored; a wrong hash stores nothing.

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

class BlobUploads {
public:
    /// Blobs live in DATA_DIR/blobs/ab/abcdef… (the client's BlobStore layout), partial uploads in
    /// DATA_DIR/uploads.
    explicit BlobUploads(ServerStore& store);

    void head(const std::string& sha256, Poco::Net::HTTPServerResponse& response);
    void uploadStatus(const std::string& sha256, Poco::Net::HTTPServerResponse& response);
    void download(const std::string& sha256, Poco::Net::HTTPServerResponse& response);
    void putChunk(const std::string& sha256, Poco::Net::HTTPServerRequest& request,
                  Poco::Net::HTTPServerResponse& response);

    std::filesystem::path blobPath(const std::string& sha256) const;

private:
    /// Marks `sha256` as being written by this request; false when another request writes it.
    bool claim(const std::string& sha256);
    void release(const std::string& sha256);
    /// An upload whose every byte arrived but that is not stored as a blob, with no request writing it: the
    /// server stopped (a kill) or failed between recording the last chunk and storing the blob. Left so, it
    /// would report an offset equal to its size for ever, and no chunk can start there. Stores it now when
    /// its bytes verify, or discards it so that the client starts again from 0.
    void finishInterrupted(const std::string& sha256);

    ServerStore& m_store;
    std::filesystem::path m_blobDir;
    std::filesystem::path m_partDir;
    std::mutex m_mutex;
    std::set<std::string> m_busy;
};

} // namespace ywtb::server
