#pragma once

#include "cacheerror.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

namespace qrc {

// Who the client is when the service sits behind reverse proxies. Forwarding headers are
// believed only when the direct peer is a trusted proxy, and only as far as the chain of
// trusted proxies goes: the client is the right-most address that is not a trusted proxy.
// Anything to its left was written by the client itself and may be forged.
class TrustedProxies {
public:
    // Addresses or CIDR subnets ("10.0.0.0/8", "::1", "fd00::/8"); items may also be
    // comma or space separated. The error names the entry that is not an address.
    static Result<TrustedProxies> parse(const QStringList &entries);

    bool isEmpty() const { return m_subnets.isEmpty(); }
    bool contains(const QHostAddress &address) const;

    // X-Forwarded-For is preferred when present, else Forwarded (RFC 7239 "for="). Each list
    // holds the header's lines in arrival order. The trusted proxy must append to the header
    // it uses; a client can always invent the other one.
    QHostAddress clientAddress(const QHostAddress &peer, const QList<QByteArray> &xForwardedFor,
                               const QList<QByteArray> &forwarded) const;

    // IPv4-mapped IPv6 ("::ffff:10.0.0.1") becomes plain IPv4, so one client has one identity
    // whether the server listens on IPv4 or dual-stack.
    static QHostAddress normalized(const QHostAddress &address);

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

} // namespace qrc
