#pragma once

#include "http/httpreply.h"
#include "http/httprequest.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QString>
#include <QTcpSocket>
#include <QUrl>

#include <memory>
#include <optional>

class QHttpServerResponse;

namespace qrc {

class HttpConnection;
class HttpMetrics;
struct RouteMetrics;

// One request and its answer: what every route, the rate limiter, the cached wrapper and the
// metrics work with. On cache-server it is made from the connection layer's parsed request
// and answers through its connection (in request order); on a user's plain QHttpServer it
// copies what QHttpServer's request says when it is created, so that an answer produced
// later (after a Redis round trip, a timer, another thread) never touches QHttpServer's
// per-connection request object, and writes only while the client is still connected
// (QHttpServer 6.4 writes through a raw socket pointer and crashes otherwise).
// A request that was never answered gets a 500 when the last reference goes away.
class HttpExchange {
public:
    HttpExchange(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    ~HttpExchange();
    HttpExchange(const HttpExchange &) = delete;
    HttpExchange &operator=(const HttpExchange &) = delete;

    // Request `sequence` of a cache-server connection.
    HttpExchange(HttpConnection *connection, quint64 sequence, HttpRequest &&request);

    static std::shared_ptr<HttpExchange> create(const QHttpServerRequest &request,
                                                QHttpServerResponder &&responder) {
        return std::make_shared<HttpExchange>(request, std::move(responder));
    }
    static std::shared_ptr<HttpExchange> create(HttpConnection *connection, quint64 sequence,
                                                HttpRequest &&request) {
        return std::make_shared<HttpExchange>(connection, sequence, std::move(request));
    }

    QHttpServerRequest::Method method() const { return m_method; }
    QByteArray methodName() const;
    // The path as sent (percent-encoded) and the raw query string.
    const QByteArray &encodedPath() const { return m_encodedPath; }
    QByteArray encodedQuery() const;
    const QUrl &url() const;
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }
    const QHostAddress &remoteAddress() const { return m_remoteAddress; }

    // The live request object, for handlers written against QHttpServerRequest on a plain
    // QHttpServer. Valid only while the connection exists; nullptr once the client is gone,
    // and always on cache-server's own connections (QHttpServerRequest cannot be made
    // outside QHttpServer).
    const QHttpServerRequest *liveRequest() const;
    bool isConnected() const;
    bool isAnswered() const { return m_answered; }

    // Headers added to whatever answer is sent (CORS, rate-limit state).
    void addResponseHeader(const QByteArray &name, const QByteArray &value);
    void addResponseHeaders(HeaderList headers);

    void send(const HttpReply &reply);
    // A handler's own response. On a plain QHttpServer it is written with every header it
    // set; on cache-server's connections with its status, type and body (QHttpServerResponse
    // 6.4 cannot list its headers).
    void send(QHttpServerResponse &&response);

    void setMetrics(HttpMetrics *metrics, RouteMetrics *route);
    qint64 elapsedNs() const { return m_timer.nsecsElapsed(); }

private:
    void finish(int status);
    bool beginWrite();

    QHttpServerRequest::Method m_method;
    QByteArray m_methodName; // the token as sent (cache-server's connections)
    mutable QUrl m_url;      // built on first use for a connection's request
    QByteArray m_encodedPath;
    QByteArray m_query;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    QHostAddress m_remoteAddress;
    const QHttpServerRequest *m_request;
    QPointer<QTcpSocket> m_socket;                   // QHttpServer's connection
    std::optional<QHttpServerResponder> m_responder; // inline: no allocation per request
    QPointer<HttpConnection> m_connection;           // or cache-server's
    quint64 m_sequence = 0;
    HeaderList m_extraHeaders;
    HttpMetrics *m_metrics = nullptr;
    RouteMetrics *m_route = nullptr;
    QElapsedTimer m_timer;
    bool m_answered = false;
};

using ExchangePtr = std::shared_ptr<HttpExchange>;

} // namespace qrc
