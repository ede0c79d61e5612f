#include "httpreply.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <charconv>
#include <cstring>

namespace qrc {

HttpReply HttpReply::json(int status, const QJsonObject &object) {
    HttpReply reply;
    reply.status = status;
    reply.contentType = QByteArrayLiteral("application/json");
    reply.body = http::compactJson(object);
    return reply;
}

HttpReply HttpReply::error(int status, const QString &detail) {
    return json(status, QJsonObject{{QStringLiteral("detail"), detail}});
}

HttpReply HttpReply::empty(int status) {
    HttpReply reply;
    reply.status = status;
    return reply;
}

namespace http {

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 417:
        return QByteArrayLiteral("Expectation Failed");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    case 507:
        return QByteArrayLiteral("Insufficient Storage");
    default:
        break;
    }
    if (status >= 200 && status < 300)
        return QByteArrayLiteral("OK");
    if (status >= 400 && status < 500)
        return QByteArrayLiteral("Client Error");
    return QByteArrayLiteral("Server Error");
}

char *Writer::sized(QByteArray &out, qsizetype capacity) {
    if (!out.isDetached() || out.capacity() < capacity)
        out = QByteArray(capacity, Qt::Uninitialized);
    else
        out.resize(capacity); // within its capacity: no allocation
    return out.data();
}

bool carriesBody(const HttpReply &reply) {
    return reply.status != 204 && reply.status != 304 && reply.status >= 200;
}

namespace {

QByteArray serializeWith(const HttpReply &reply, const HeaderList &extra,
                         ConnectionHeader connection, QByteArray buffer, bool withBody) {
    const bool bodyless = !carriesBody(reply);
    const QByteArray reason = reasonPhrase(reply.status);
    qsizetype size = 128 + reason.size() + reply.contentType.size() + reply.rawHeaders.size() +
                     (bodyless || !withBody ? 0 : reply.body.size());
    for (const auto &[name, value] : reply.headers)
        size += name.size() + value.size() + 4;
    for (const auto &[name, value] : extra)
        size += name.size() + value.size() + 4;

    Writer out(std::move(buffer), size + 32);
    out.lit("HTTP/1.1 ");
    out.number(qBound(0, reply.status, 999));
    out.lit(" ");
    out.put(reason);
    out.lit("\r\n");
    if (!bodyless) {
        if (!reply.contentType.isEmpty()) {
            out.lit("Content-Type: ");
            out.put(reply.contentType);
            out.lit("\r\n");
        }
        out.lit("Content-Length: ");
        out.number(reply.body.size());
        out.lit("\r\n");
    }
    for (const auto &[name, value] : reply.headers) {
        out.put(name);
        out.lit(": ");
        out.put(value);
        out.lit("\r\n");
    }
    out.put(reply.rawHeaders);
    for (const auto &[name, value] : extra) {
        out.put(name);
        out.lit(": ");
        out.put(value);
        out.lit("\r\n");
    }
    if (connection == ConnectionHeader::Close)
        out.lit("Connection: close\r\n");
    else if (connection == ConnectionHeader::KeepAlive)
        out.lit("Connection: keep-alive\r\n");
    out.lit("\r\n");
    if (!bodyless && withBody)
        out.put(reply.body);
    return out.finish();
}

} // namespace

QByteArray serialize(const HttpReply &reply, const HeaderList &extra, ConnectionHeader connection,
                     QByteArray buffer) {
    return serializeWith(reply, extra, connection, std::move(buffer), true);
}

QByteArray serializeHead(const HttpReply &reply, const HeaderList &extra,
                         ConnectionHeader connection, QByteArray buffer) {
    return serializeWith(reply, extra, connection, std::move(buffer), false);
}

bool equalsCaseless(QByteArrayView a, QByteArrayView b) {
    if (a.size() != b.size())
        return false;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    for (qsizetype i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

std::optional<qint64> parseNumber(QByteArrayView text) {
    qint64 value = 0;
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.isEmpty() || text.front() == '-' || ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

QByteArray compactJson(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray etagFor(const QByteArray &body) {
    const QByteArray digest = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
    return '"' + digest.left(16).toHex() + '"';
}

bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag) {
    if (ifNoneMatch.isEmpty() || etag.isEmpty())
        return false;
    const QByteArray bare = etag.startsWith("W/") ? etag.mid(2) : etag;
    for (QByteArray candidate : ifNoneMatch.split(',')) {
        candidate = candidate.trimmed();
        if (candidate == "*")
            return true;
        if (candidate.startsWith("W/"))
            candidate = candidate.mid(2);
        if (candidate == bare)
            return true;
    }
    return false;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b) {
    // Length is not secret (it is bounded by the header size); every byte is compared.
    unsigned diff = unsigned(a.size() ^ b.size());
    const qsizetype n = qMax(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? uchar(a.at(i)) : 0;
        const unsigned char y = i < b.size() ? uchar(b.at(i)) : 0;
        diff |= unsigned(x ^ y);
    }
    return diff == 0;
}

QString decodeSegment(QByteArrayView encoded) {
    if (!encoded.contains('%'))
        return QString::fromUtf8(encoded);
    return QString::fromUtf8(QByteArray::fromPercentEncoding(encoded.toByteArray()));
}

} // namespace http
} // namespace qrc
