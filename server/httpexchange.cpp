#include "httpexchange.h"

#include "guardedsocket.h"
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
    if (auto *guarded = qobject_cast<GuardedSocket *>(m_socket.data()))
        guarded->requestStarted();
}

HttpExchange::HttpExchange(GuardedSocket *socket, EarlyRequest &&request)
    : m_method(QHttpServerRequest::Method::Get)
    , m_encodedPath(std::move(request.path))
    , m_headers(std::move(request.headers))
    , m_remoteAddress(socket->peerAddress())
    , m_request(nullptr)
    , m_socket(socket)
    , m_early(true) {
    m_timer.start();
    socket->requestStarted();
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
    if (m_early)
        return {}; // an early request has no query
    return m_url.query(QUrl::FullyEncoded).toUtf8();
}

const QUrl &HttpExchange::url() const {
    if (m_early && m_url.isEmpty()) {
        // What QHttpServer builds: the Host header's authority and the path.
        m_url.setScheme(QStringLiteral("http"));
        m_url.setAuthority(QString::fromLatin1(header(QByteArrayLiteral("host"))));
        m_url.setPath(QString::fromLatin1(m_encodedPath));
    }
    return m_url;
}

QByteArray HttpExchange::header(const QByteArray &name) const {
    for (const auto &[key, value] : m_headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

const QHttpServerRequest *HttpExchange::liveRequest() const {
    return m_socket ? m_request : nullptr;
}

bool HttpExchange::isConnected() const {
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
    auto *guarded = qobject_cast<GuardedSocket *>(m_socket.data());
    const bool close = guarded && guarded->closeAfterResponse();
    const QByteArray bytes = http::serialize(reply, m_extraHeaders, close);
    // Written now rather than when the event loop next polls: each answer needs its own
    // write() anyway, and the client gets it before the rest of this batch is processed.
    if (guarded) {
        guarded->sendNow(bytes);
    } else {
        m_socket->write(bytes);
        m_socket->flush();
    }
    finish(reply.status);
}

void HttpExchange::withdraw() {
    Q_ASSERT(m_early && !m_answered);
    m_answered = true;
    m_metrics = nullptr;
    m_extraHeaders.clear();
    if (auto *guarded = qobject_cast<GuardedSocket *>(m_socket.data()))
        guarded->requestFinished();
    m_socket.clear();
}

void HttpExchange::send(QHttpServerResponse &&response) {
    if (m_answered)
        return;
    if (!m_responder) {
        // QHttpServerResponse 6.4 cannot list its headers, so it cannot be written without a
        // responder. Routes offered early requests answer with HttpReply.
        qCWarning(lcHttp) << "a QHttpServerResponse was produced for the early request"
                          << m_encodedPath;
        send(HttpReply::error(500, QStringLiteral("Internal Server Error")));
        return;
    }
    if (m_answered || !beginWrite())
        return;
    for (const auto &[name, value] : std::as_const(m_extraHeaders))
        response.setHeader(name, value);
    auto *guarded = qobject_cast<GuardedSocket *>(m_socket.data());
    if (guarded && guarded->closeAfterResponse())
        response.setHeader(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
    const int status = int(response.statusCode());
    response.write(std::move(*m_responder));
    m_socket->flush();
    finish(status);
}

void HttpExchange::finish(int status) {
    if (m_metrics && m_route)
        m_metrics->record(m_route, status, m_timer.nsecsElapsed());
    m_metrics = nullptr;
    if (auto *guarded = qobject_cast<GuardedSocket *>(m_socket.data()))
        guarded->requestFinished();
    m_socket.clear();
}

} // namespace qrc
