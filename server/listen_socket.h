#pragma once
// The server's listening socket, bound so that no other process can listen on the same port beside it.

#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <memory>

namespace ywtb::server {

/// Binds `address` for this process alone and listens: HTTPS with `tls` (when not null), plain HTTP
/// otherwise. Throws std::runtime_error with a message for the operator when the port is taken ("port N is
/// in use by another process"), may not be bound by this user, or the address is not this machine's.
std::unique_ptr<Poco::Net::ServerSocket> listenExclusively(const Poco::Net::SocketAddress& address,
                                                           Poco::Net::Context::Ptr tls);

} // namespace ywtb::server
