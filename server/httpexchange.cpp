#include "httpexchange.h"

#include "http/httpconnection.h"
#include "httpmetrics.h"

#include <QHttpServerResponse>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHttp, "qrc.server.http")

namespace qrc {

namespace {

// The path as a client would send it. QUrl re-encodes it on request; a path of letters,
// digits and "-._~/" (nearly every route) reads the same in every encoding, and is taken as
// stored, without the re-encoding.
QByteArray encodedPathOf(const QUrl &url) {
    const QString stored = url.path(QUrl::PrettyDecoded);
    for (const QChar c : stored)
        if (!http::isPlainPathChar(c.unicode()))
            return url.path(QUrl::FullyEncoded).toUtf8();
    return stored.toLatin1();
}

QHttpServerRequest::Method methodOf(const QByteArray &token) {
    static const std::pair<QByteArrayView, QHttpServerRequest::Method> methods[] = {
        {"GET", QHttpServerRequest::Method::Get},
        {"POST", QHttpServerRequest::Method::Post},
        {"PUT", QHttpServerRequest::Method::Put},
        {"DELETE", QHttpServerRequest::Method::Delete},
        {"HEAD", QHttpServerRequest::Method::Head},
        {"OPTIONS", QHttpServerRequest::Method::Options},
        {"PATCH", QHttpServerRequest::Method::Patch},
        {"CONNECT", QHttpServerRequest::Method::Connect},
        {"TRACE", QHttpServerRequest::Method::Trace},
    };
    for (const auto &[name, method] : methods)
        if (token == name) // methods are case-sensitive (RFC 9110 9.1)
            return method;
    return QHttpServerRequest::Method::Unknown;
}

} // namespace

HttpExchange::HttpExchange(const QHttpServerRequest &request, QHttpServerResponder &&responder)
    : m_method(request.method())
    , m_url(request.url())
    , m_headers(request.headers())
    , m_body(request.body())
    , m_remoteAddress(request.remoteAddress())
    , m_request(&request)
    , m_socket(responder.socket())
    , m_responder(std::in_place, std::move(responder)) {
    m_timer.start();
    m_encodedPath = encodedPathOf(m_url);
    m_query = m_url.query(QUrl::FullyEncoded).toUtf8();
}

HttpExchange::HttpExchange(HttpConnection *connection, quint64 sequence, HttpRequest &&request)
    : m_method(methodOf(request.method))
    , m_methodName(std::move(request.method))
    , m_encodedPath(std::move(request.path))
    , m_query(std::move(request.query))
    , m_headers(std::move(request.headers))
    , m_body(std::move(request.body))
    , m_remoteAddress(connection->peerAddress())
    , m_request(nullptr)
    , m_connection(connection)
    , m_sequence(sequence) {
    m_timer.start();
}

HttpExchange::~HttpExchange() {
    if (!m_answered) {
        if (isConnected()) {
            qCWarning(lcHttp) << "no answer was produced for" << methodName() << m_encodedPath;
            send(HttpReply::error(500, QStringLiteral("Internal Server Error")));
        } else {
            finish(499); // the client left first (nginx' convention)
        }
    }
}

QByteArray HttpExchange::methodName() const {
    if (!m_methodName.isEmpty())
        return m_methodName;
    switch (m_method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

QByteArray HttpExchange::encodedQuery() const {
    return m_query;
}

const QUrl &HttpExchange::url() const {
    if (m_connection && m_url.isEmpty()) {
        // What QHttpServer builds: the Host header's authority, the path and the query.
        QByteArray text = "http://" + header(QByteArrayLiteral("host")) + m_encodedPath;
        if (!m_query.isEmpty())
            text += '?' + m_query;
        m_url = QUrl::fromEncoded(text, QUrl::TolerantMode);
    }
    return m_url;
}

QByteArray HttpExchange::header(const QByteArray &name) const {
    for (const auto &[key, value] : m_headers)
        if (http::equalsCaseless(key, name))
            return value;
    return {};
}

const QHttpServerRequest *HttpExchange::liveRequest() const {
    return m_socket ? m_request : nullptr;
}

bool HttpExchange::isConnected() const {
    if (m_connection)
        return m_connection->isOpen();
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpExchange::addResponseHeader(const QByteArray &name, const QByteArray &value) {
    m_extraHeaders.append({name, value});
}

void HttpExchange::addResponseHeaders(HeaderList headers) {
    if (m_extraHeaders.isEmpty())
        m_extraHeaders = std::move(headers); // the usual case: no copy, no growth
    else
        m_extraHeaders.append(headers);
}

void HttpExchange::setMetrics(HttpMetrics *metrics, RouteMetrics *route) {
    m_metrics = metrics;
    m_route = route;
}

bool HttpExchange::beginWrite() {
    m_answered = true;
    if (isConnected())
        return true;
    finish(499);
    return false;
}

void HttpExchange::send(const HttpReply &reply) {
    if (m_answered || !beginWrite())
        return;
    if (m_connection) {
        m_connection->answer(m_sequence, reply, m_extraHeaders);
    } else {
        // Written now rather than when the event loop next polls: each answer needs its own
        // write() anyway, and the client gets it before the rest of this batch is processed.
        m_socket->write(http::serialize(reply, m_extraHeaders));
        m_socket->flush();
    }
    finish(reply.status);
}

void HttpExchange::send(QHttpServerResponse &&response) {
    if (m_answered)
        return;
    if (!m_responder) {
        HttpReply reply;
        reply.status = int(response.statusCode());
        reply.contentType = response.mimeType();
        reply.body = response.data();
        send(reply);
        return;
    }
    if (!beginWrite())
        return;
    for (const auto &[name, value] : std::as_const(m_extraHeaders))
        response.setHeader(name, value);
    const int status = int(response.statusCode());
    response.write(std::move(*m_responder));
    m_socket->flush();
    finish(status);
}

void HttpExchange::finish(int status) {
    if (m_metrics && m_route)
        m_metrics->record(m_route, status, m_timer.nsecsElapsed());
    m_metrics = nullptr;
    m_socket.clear();
    m_connection.clear();
}

} // namespace qrc
