#include "httpreply.h"

#include <QCryptographicHash>
#include <QJsonDocument>

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
    case 411:
        return QByteArrayLiteral("Length Required");
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
    default:
        break;
    }
    if (status >= 200 && status < 300)
        return QByteArrayLiteral("OK");
    if (status >= 400 && status < 500)
        return QByteArrayLiteral("Client Error");
    return QByteArrayLiteral("Server Error");
}

QByteArray serialize(const HttpReply &reply, const HeaderList &extra, bool closeConnection) {
    // RFC 9110 8.6: no Content-Length (and no body) for 1xx, 204 and 304.
    const bool bodyless = reply.status == 204 || reply.status == 304 || reply.status < 200;
    QByteArray out;
    out.reserve(128 + reply.body.size() + 48 * (reply.headers.size() + extra.size()));
    out += "HTTP/1.1 ";
    out += QByteArray::number(reply.status);
    out += ' ';
    out += reasonPhrase(reply.status);
    out += "\r\n";
    if (!bodyless) {
        if (!reply.contentType.isEmpty()) {
            out += "Content-Type: ";
            out += reply.contentType;
            out += "\r\n";
        }
        out += "Content-Length: ";
        out += QByteArray::number(reply.body.size());
        out += "\r\n";
    }
    for (const auto &[name, value] : reply.headers) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    for (const auto &[name, value] : extra) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    if (closeConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!bodyless)
        out += reply.body;
    return out;
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

QString decodeSegment(const QByteArray &encoded) {
    return QString::fromUtf8(QByteArray::fromPercentEncoding(encoded));
}

} // namespace http
} // namespace qrc
