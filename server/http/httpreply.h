#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <charconv>
#include <cstring>
#include <optional>
#include <utility>

namespace qrc {

// A complete answer, serialised in one buffer and written in one socket write (the response
// writer of cache-server's connections, and of HttpExchange on a plain QHttpServer, whose 6.4
// responder issues a dozen small socket writes per response and cannot omit Content-Length
// for 204/304).
struct HttpReply {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    HeaderList headers;
    // Header lines already formatted ("Name: value\r\n..."), written after `headers`: the
    // hot path builds its few headers in one buffer instead of a list of pairs.
    QByteArray rawHeaders;

    HttpReply &header(QByteArray name, QByteArray value) {
        headers.append({std::move(name), std::move(value)});
        return *this;
    }

    static HttpReply json(int status, const QJsonObject &object);
    static HttpReply json(const QJsonObject &object) { return json(200, object); }
    static HttpReply error(int status, const QString &detail);
    static HttpReply empty(int status);
};

namespace http {

// Writes by memcpy into a buffer sized once: QByteArray::append's general path costs more
// than the copy itself for the short pieces of a response head. The capacity must be a
// bound of everything written (a number takes at most 20 bytes).
class Writer {
public:
    explicit Writer(qsizetype capacity)
        : m_out(capacity, Qt::Uninitialized)
        , m_p(m_out.data()) {}
    // Writes into `buffer`, reusing its memory when it is unshared and large enough.
    Writer(QByteArray buffer, qsizetype capacity)
        : m_out(std::move(buffer))
        , m_p(sized(m_out, capacity)) {}
    void put(const char *data, qsizetype n) {
        Q_ASSERT(m_p + n <= m_out.constData() + m_out.size());
        std::memcpy(m_p, data, size_t(n));
        m_p += n;
    }
    void put(const QByteArray &b) { put(b.constData(), b.size()); }
    template <qsizetype N>
    void lit(const char (&text)[N]) {
        put(text, N - 1);
    }
    void number(qint64 v) {
        constexpr int MaxDigits = 20; // a sign and 19 digits
        Q_ASSERT(m_p + MaxDigits <= m_out.constData() + m_out.size());
        m_p = std::to_chars(m_p, m_p + MaxDigits, v).ptr;
    }
    QByteArray finish() {
        m_out.truncate(m_p - m_out.constData());
        return std::move(m_out);
    }

private:
    static char *sized(QByteArray &out, qsizetype capacity);

    QByteArray m_out;
    char *m_p;
};

QByteArray reasonPhrase(int status);
// What the answer says about the connection: nothing (HTTP/1.1 keep-alive), that it closes,
// or that it stays open (an HTTP/1.0 client asked for keep-alive).
enum class ConnectionHeader { None, Close, KeepAlive };
// Status line, headers and body; `extra` is appended after the reply's own headers. Written
// into `buffer`'s memory when it is unshared and large enough (a connection recycles its
// last answer's buffer: no allocation per answer).
QByteArray serialize(const HttpReply &reply, const HeaderList &extra,
                     ConnectionHeader connection = ConnectionHeader::None, QByteArray buffer = {});
// What serialize() writes before the body: the status line and the headers with the blank
// line after them. The body, when carriesBody(), is then written as it is.
QByteArray serializeHead(const HttpReply &reply, const HeaderList &extra,
                         ConnectionHeader connection = ConnectionHeader::None,
                         QByteArray buffer = {});
// RFC 9110 8.6: no Content-Length (and no body) for 1xx, 204 and 304.
bool carriesBody(const HttpReply &reply);
QByteArray compactJson(const QJsonObject &object);
// The whole of `text` as a decimal integer (no sign, space or suffix); std::nullopt otherwise.
// QByteArray::toLongLong goes through the locale machinery, ten times the cost.
std::optional<qint64> parseNumber(QByteArrayView text);

// Strong validator of a body: the same bytes give the same tag in every process.
QByteArray etagFor(const QByteArray &body);
// If-None-Match semantics (RFC 9110 13.1.2): "*", or a list containing the tag (weak compare).
bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag);

// Byte-exact comparison whose time does not depend on where the inputs differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
// ASCII case-insensitive equality (field names, tokens). Lengths are compared first: most
// names differ in length, and QByteArrayView::compare(CaseInsensitive) costs a call into
// qstrnicmp either way.
bool equalsCaseless(QByteArrayView a, QByteArrayView b);

// Letters, digits and "-._~/": a path made of these reads the same in every encoding
// (HttpExchange takes such a path as QUrl stores it).
constexpr bool isPlainPathChar(char16_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

// Percent-decodes a path segment to text; invalid UTF-8 is kept as replacement characters.
QString decodeSegment(QByteArrayView encoded);

} // namespace http
} // namespace qrc
