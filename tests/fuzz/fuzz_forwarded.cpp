// Trusted-proxy lists (TRUSTED_PROXIES) and the forwarding headers a request carries
// (X-Forwarded-For, Forwarded), as the rate limiter identifies a client
// (core/ratelimit/trustedproxies). Input: "proxies\0peer\0header lines", each header line
// starting with 'x' (X-Forwarded-For) or 'f' (Forwarded).
#include "fuzzinput.h"
#include "ratelimit/trustedproxies.h"

using namespace qrc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QList<QByteArray> parts = fuzz::fields(data, size, 3);
    const Result<TrustedProxies> proxies = TrustedProxies::parse({QString::fromUtf8(parts[0])});
    if (!proxies.ok()) {
        FUZZ_CHECK(proxies.error.message.contains(QStringLiteral("invalid trusted proxy")));
        return 0;
    }
    QHostAddress peer;
    if (!peer.setAddress(QString::fromLatin1(parts[1])))
        peer = QHostAddress(QHostAddress::LocalHost);
    QList<QByteArray> xForwardedFor;
    QList<QByteArray> forwarded;
    for (const QByteArray &line : parts[2].split('\n')) {
        if (line.startsWith('x'))
            xForwardedFor.append(line.mid(1));
        else if (line.startsWith('f'))
            forwarded.append(line.mid(1));
    }
    const QHostAddress client = proxies.value.clientAddress(peer, xForwardedFor, forwarded);
    FUZZ_CHECK(!client.isNull());
    // Headers are believed only from a trusted peer.
    if (!proxies.value.contains(peer))
        FUZZ_CHECK(client == TrustedProxies::normalized(peer));
    return 0;
}
