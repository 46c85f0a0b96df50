#include "server/listen_socket.h"

#include <Poco/Exception.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SocketDefs.h>
#include <stdexcept>
#include <string>

namespace ywtb::server {
namespace {

// Poco's ServerSocket(address) sets SO_REUSEPORT along with SO_REUSEADDR, which lets a second process bind
// the same port and the kernel share the connections between the two. SO_REUSEPORT is never set here.
// SO_REUSEADDR is kept on POSIX, where it only lets a restart bind while connections of the last run are in
// TIME_WAIT; on Windows it would let another socket take the port over, so it is left off there.
#ifdef _WIN32
constexpr bool kReuseAddress = false;
#else
constexpr bool kReuseAddress = true;
#endif

} // namespace

std::unique_ptr<Poco::Net::ServerSocket> listenExclusively(const Poco::Net::SocketAddress& address,
                                                           Poco::Net::Context::Ptr tls) {
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    if (tls)
        socket = std::make_unique<Poco::Net::SecureServerSocket>(tls);
    else
        socket = std::make_unique<Poco::Net::ServerSocket>();
    const std::string port = std::to_string(address.port());
    try {
        socket->bind(address, kReuseAddress, false);
        socket->listen(64);
    } catch (const Poco::IOException& e) {
        if (e.code() == POCO_EADDRINUSE)
            throw std::runtime_error("port " + port + " is in use by another process (on " +
                                     address.host().toString() +
                                     "): stop that process, or give this server another --port");
        if (e.code() == POCO_EACCES)
            throw std::runtime_error("port " + port + " on " + address.host().toString() +
                                     " may not be bound by this user: ports below 1024 need root or "
                                     "CAP_NET_BIND_SERVICE; choose --port 1024 or above");
        if (e.code() == POCO_EADDRNOTAVAIL)
            throw std::runtime_error("the address " + address.host().toString() +
                                     " is not one of this machine's: check --bind");
        throw std::runtime_error("cannot listen on " + address.toString() + ": " + e.displayText());
    }
    return socket;
}

} // namespace ywtb::server
