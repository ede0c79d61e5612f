#pragma once

#include "httpconnection.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTimer>

namespace qrc {

// cache-server's listening socket and the owner of its connections. It keeps the connection
// limits fair: one client (peer address) holds at most maxConnectionsPerClient connections;
// over it the client's own oldest idle connection is closed for the new one, or the new one
// is refused (503) when none is idle; other clients are not touched. At the global cap the
// oldest idle connection of any client is shed before a newcomer is refused. Idle
// connections close after the idle timeout, and a request head still incomplete after it
// (a slow client) closes its connection too.
class HttpListener : public QTcpServer {
    Q_OBJECT
public:
    HttpListener(const ConnectionLimits &limits, HttpConnection::RequestHandler handler,
                 QObject *parent = nullptr);
    ~HttpListener() override;

    const ConnectionLimits &limits() const { return m_limits; }
    int openConnections() const { return int(m_connections.size()); }
    int connectionsOf(const QHostAddress &client) const { return m_perClient.value(client); }
    int requestsInFlight() const;
    qint64 refusedConnections() const { return m_refusedConnections; }
    qint64 shedConnections() const { return m_shedConnections; }

    // Stops accepting, closes idle keep-alive connections at once and the others once their
    // requests are answered. drained() is emitted when no connection is left.
    void beginDrain();
    bool isDraining() const { return m_draining; }

    static qint64 nowMs();

Q_SIGNALS:
    void drained();

protected:
    void incomingConnection(qintptr handle) override;

private:
    friend class HttpConnection;
    // The connection no longer counts (closed, closing, or shed).
    void forget(HttpConnection *connection);
    // The oldest idle connection, of `client` when given; nullptr when none is idle.
    HttpConnection *oldestIdle(const QHostAddress *client) const;
    void sweep();
    void checkDrained();

    ConnectionLimits m_limits;
    HttpConnection::RequestHandler m_handler;
    QList<HttpConnection *> m_connections; // in the order they were accepted
    QHash<QHostAddress, int> m_perClient;
    QTimer m_sweepTimer;
    qint64 m_refusedConnections = 0;
    qint64 m_shedConnections = 0;
    bool m_draining = false;
    bool m_drainedEmitted = false;
};

} // namespace qrc
