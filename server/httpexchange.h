#pragma once

#include "earlyrequest.h"
#include "httpreply.h"

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

class GuardedSocket;
class HttpMetrics;
struct RouteMetrics;

// One request and its answer. It copies what the request says when it is created, so that
// an answer produced later (after a Redis round trip, a timer, another thread) never touches
// QHttpServer's per-connection request object; it writes only while the client is still
// connected (QHttpServer 6.4 writes through a raw socket pointer and crashes otherwise).
// A request that was never answered gets a 500 when the last reference goes away.
class HttpExchange {
public:
    HttpExchange(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    ~HttpExchange();
    HttpExchange(const HttpExchange &) = delete;
    HttpExchange &operator=(const HttpExchange &) = delete;

    // A request the connection answers before QHttpServer parses it (GuardedTcpServer's
    // early responder). It has no live request and no responder: whatever handles it must
    // answer with send(const HttpReply &).
    HttpExchange(GuardedSocket *socket, EarlyRequest &&request);

    static std::shared_ptr<HttpExchange> create(const QHttpServerRequest &request,
                                                QHttpServerResponder &&responder) {
        return std::make_shared<HttpExchange>(request, std::move(responder));
    }
    static std::shared_ptr<HttpExchange> create(GuardedSocket *socket, EarlyRequest &&request) {
        return std::make_shared<HttpExchange>(socket, std::move(request));
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

    // The live request object, for handlers written against QHttpServerRequest. Valid only
    // while the connection exists; nullptr once the client is gone, and for an early request.
    const QHttpServerRequest *liveRequest() const;
    bool isConnected() const;
    bool isAnswered() const { return m_answered; }
    bool isEarly() const { return m_early; }
    // An early request that will not be answered early after all: it is left to QHttpServer,
    // which parses it from the socket as usual. Nothing is sent and nothing recorded.
    void withdraw();

    // Headers added to whatever answer is sent (CORS, rate-limit state).
    void addResponseHeader(const QByteArray &name, const QByteArray &value);
    void addResponseHeaders(HeaderList headers);

    void send(const HttpReply &reply);
    // A handler's own response, written with every header it set.
    void send(QHttpServerResponse &&response);

    void setMetrics(HttpMetrics *metrics, RouteMetrics *route);
    qint64 elapsedNs() const { return m_timer.nsecsElapsed(); }

private:
    void finish(int status);
    bool beginWrite();

    QHttpServerRequest::Method m_method;
    mutable QUrl m_url; // built on first use for an early request
    QByteArray m_encodedPath;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    QHostAddress m_remoteAddress;
    const QHttpServerRequest *m_request;
    QPointer<QTcpSocket> m_socket;
    std::optional<QHttpServerResponder> m_responder; // inline: no allocation per request
    HeaderList m_extraHeaders;
    HttpMetrics *m_metrics = nullptr;
    RouteMetrics *m_route = nullptr;
    QElapsedTimer m_timer;
    bool m_answered = false;
    bool m_early = false;
};

using ExchangePtr = std::shared_ptr<HttpExchange>;

} // namespace qrc
