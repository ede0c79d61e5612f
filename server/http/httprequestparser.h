#pragma once

#include "httprequest.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace qrc {

// The one HTTP/1.1 request parser of cache-server (RFC 9112 framing, strict): it takes the
// bytes of a connection as they arrive and cuts them into requests. What it refuses it
// refuses for good: the connection answers the error and closes, since after a framing error
// nothing behind it can be trusted to start a request (a proxy in front might read it
// differently: request smuggling).
//
// Refused: a malformed request line (400), a method that is not a token (400), a version
// other than HTTP/1.0 and 1.1 (505), a line not ended by CRLF, a field name that is not a
// token or is followed by blanks before its colon, control characters in a value, obs-fold
// (400), a HTTP/1.1 request without exactly one Host (400), a Content-Length that is not
// digits or whose copies differ (400), Transfer-Encoding together with Content-Length (400),
// Transfer-Encoding alone (411: chunked bodies are not decoded), a head above the limit (431),
// a body above the limit (413).
class HttpRequestParser {
public:
    struct Limits {
        qsizetype maxHeadBytes = 64 * 1024;
        qint64 maxBodyBytes = 1024 * 1024;
    };
    struct Error {
        int status = 400;
        QString detail;
    };
    enum class Status {
        NeedMore, // everything given was used (or kept); call again with more
        Request,  // takeRequest() has the next request
        Failed,   // error() says why; the connection is finished
    };

    HttpRequestParser();
    explicit HttpRequestParser(Limits limits);

    // Parses from the front of `data`; `*consumed` is set to how many bytes of it were used.
    // Bytes not consumed must be given again (with more behind them) on the next call.
    Status parse(QByteArrayView data, qsizetype *consumed);
    HttpRequest takeRequest();
    const Error &error() const { return m_error; }

    // A head has been read and its body is still to come.
    bool isReadingBody() const { return m_state == State::Body; }
    // The head being read or the request whose body is being read says Expect: 100-continue.
    const HttpRequest &pending() const { return m_request; }
    // Nothing of a next request has been seen yet.
    bool isBetweenRequests() const { return m_state == State::Head && !m_headStarted; }

private:
    enum class State { Head, Body, Done, Failed };

    Status fail(int status, const QString &detail);
    // Parses one complete head (request line to the blank line, CRLFs included).
    bool parseHead(QByteArrayView head);
    // `part` of m_head as a QByteArray sharing m_head's buffer, see share() in the .cpp.
    QByteArray share(QByteArrayView part);
    bool parseRequestLine(QByteArrayView line);
    bool parseField(QByteArrayView line, std::optional<qint64> *contentLength,
                    bool *transferEncoding, int *hosts);

    Limits m_limits;
    State m_state = State::Head;
    HttpRequest m_request;
    QByteArray m_head; // the copy of the head being parsed, which m_request's parts share
    // The head buffer and field list of the last request, which the next request's are
    // written into once nothing else holds them (its exchange is gone: a request answered at
    // once), instead of allocating both anew. A head above SpareHeadBytes is not kept.
    static constexpr qsizetype SpareHeadBytes = 4096;
    QByteArray m_spareHead;
    HeaderList m_spareHeaders;
    qint64 m_bodyRemaining = 0;
    qsizetype m_scanned = 0; // head bytes known not to hold its end
    bool m_headStarted = false;
    bool m_connectionClose = false;
    bool m_connectionKeepAlive = false;
    Error m_error;
};

} // namespace qrc
