#include "trustedproxies.h"

#include <QRegularExpression>

namespace qrc {

namespace {

// One hop of a forwarding header: "203.0.113.7", "203.0.113.7:4711", "[2001:db8::1]:4711",
// "2001:db8::1", or a quoted form of those. Obfuscated identifiers ("_hidden", "unknown")
// give a null address.
QHostAddress parseHop(QByteArray token) {
    token = token.trimmed();
    if (token.size() >= 2 && token.startsWith('"') && token.endsWith('"'))
        token = token.mid(1, token.size() - 2).trimmed();
    if (token.startsWith('[')) {
        const qsizetype close = token.indexOf(']');
        if (close < 0)
            return {};
        token = token.mid(1, close - 1);
    } else if (token.count(':') == 1) {
        token = token.left(token.indexOf(':'));
    }
    QHostAddress address;
    if (!address.setAddress(QString::fromLatin1(token)))
        return {};
    return TrustedProxies::normalized(address);
}

QList<QByteArray> hopsFromXForwardedFor(const QList<QByteArray> &lines) {
    QList<QByteArray> hops;
    for (const QByteArray &line : lines) {
        for (const QByteArray &part : line.split(',')) {
            if (!part.trimmed().isEmpty())
                hops.append(part);
        }
    }
    return hops;
}

QList<QByteArray> hopsFromForwarded(const QList<QByteArray> &lines) {
    QList<QByteArray> hops;
    for (const QByteArray &line : lines) {
        for (const QByteArray &element : line.split(',')) {
            QByteArray hop;
            for (const QByteArray &pair : element.split(';')) {
                const qsizetype eq = pair.indexOf('=');
                if (eq > 0 && pair.left(eq).trimmed().toLower() == "for")
                    hop = pair.mid(eq + 1);
            }
            // An element without for= is still a hop we know nothing about.
            hops.append(hop.isEmpty() ? QByteArrayLiteral("unknown") : hop);
        }
    }
    return hops;
}

} // namespace

QHostAddress TrustedProxies::normalized(const QHostAddress &address) {
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        bool ok = false;
        const quint32 v4 = address.toIPv4Address(&ok);
        if (ok)
            return QHostAddress(v4);
    }
    QHostAddress plain = address;
    plain.setScopeId(QString());
    return plain;
}

Result<TrustedProxies> TrustedProxies::parse(const QStringList &entries) {
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    // QHostAddress also takes inet_aton's short forms ("1.2.3"): in a proxy list they are typos.
    static const QRegularExpression shortIpv4(QStringLiteral("^[0-9.]+(/.*)?$"));
    static const QRegularExpression dottedQuad(
        QStringLiteral("^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}(/.*)?$"));
    TrustedProxies proxies;
    for (const QString &entry : entries) {
        for (const QString &item : entry.split(separators, Qt::SkipEmptyParts)) {
            QPair<QHostAddress, int> subnet;
            if (item.contains(QLatin1Char('/'))) {
                subnet = QHostAddress::parseSubnet(item);
            } else {
                QHostAddress address;
                if (address.setAddress(item))
                    subnet = {address,
                              address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128};
            }
            if (item.contains(shortIpv4) && !item.contains(dottedQuad))
                subnet = {};
            if (subnet.first.isNull() || subnet.second < 0)
                return Result<TrustedProxies>::failure(CacheError::validation(
                    QStringLiteral("invalid trusted proxy \"%1\": expected an IP address or a "
                                   "CIDR subnet such as 10.0.0.0/8")
                        .arg(item)));
            // A mapped address is matched as IPv4, like the peers it is compared with.
            if (subnet.first.protocol() == QAbstractSocket::IPv6Protocol) {
                const QHostAddress plain = normalized(subnet.first);
                if (plain.protocol() == QAbstractSocket::IPv4Protocol && subnet.second >= 96)
                    subnet = {plain, subnet.second - 96};
            }
            proxies.m_subnets.append(subnet);
        }
    }
    return Result<TrustedProxies>::success(proxies);
}

bool TrustedProxies::contains(const QHostAddress &address) const {
    const QHostAddress a = normalized(address);
    for (const auto &subnet : m_subnets) {
        if (a.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress &peer,
                                           const QList<QByteArray> &xForwardedFor,
                                           const QList<QByteArray> &forwarded) const {
    QHostAddress client = normalized(peer);
    if (m_subnets.isEmpty() || !contains(client))
        return client;
    const QList<QByteArray> hops = !xForwardedFor.isEmpty() ? hopsFromXForwardedFor(xForwardedFor)
                                                            : hopsFromForwarded(forwarded);
    for (qsizetype i = hops.size() - 1; i >= 0; --i) {
        const QHostAddress hop = parseHop(hops.at(i));
        // A hop that is not an address was written by a trusted proxy that hides the client:
        // the last address we could verify is as close to the client as we can get.
        if (hop.isNull())
            return client;
        client = hop;
        if (!contains(hop))
            return client;
    }
    return client;
}

} // namespace qrc
