#include "httplistener.h"

#include <QLoggingCategory>

#include <chrono>
#include <ctime>

Q_LOGGING_CATEGORY(lcConnections, "qrc.server.connections")

namespace qrc {

HttpListener::HttpListener(const ConnectionLimits &limits, HttpConnection::RequestHandler handler,
                           QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_handler(std::move(handler)) {
    // Qt's default backlog (50) drops the SYNs of a burst of clients, which then retry a
    // second or more later: the kernel's queue takes them and the caps decide.
    setListenBacklogSize(4096);
    // A quarter of the timeout keeps the closing time within 25% of it; at most once a second.
    m_sweepTimer.setInterval(qBound(50, m_limits.idleTimeoutMs / 4, 1000));
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpListener::sweep);
    m_sweepTimer.start();
}

HttpListener::~HttpListener() {
    // The connections are our children and are deleted after this destructor body.
    for (QObject *child : children())
        if (auto *connection = qobject_cast<HttpConnection *>(child))
            connection->detachFromListener();
    m_connections.clear();
}

qint64 HttpListener::nowMs() {
#ifdef CLOCK_MONOTONIC_COARSE
    // Read on every request and answer, for timeouts counted in seconds: the coarse clock
    // (a few ms of resolution) costs a fifth of the precise one.
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
#else
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
#endif
}

int HttpListener::requestsInFlight() const {
    int total = 0;
    for (const HttpConnection *connection : m_connections)
        total += connection->requestsInFlight();
    return total;
}

HttpConnection *HttpListener::oldestIdle(const QHostAddress *client) const {
    for (HttpConnection *connection : m_connections)
        if ((!client || connection->peerAddress() == *client) && connection->isIdle())
            return connection;
    return nullptr;
}

void HttpListener::incomingConnection(qintptr handle) {
    auto *connection = new HttpConnection(handle, m_limits, m_handler, this);
    if (!connection->isValid()) {
        connection->detachFromListener();
        delete connection;
        return;
    }
    const QHostAddress client = connection->peerAddress();
    QString refusal;
    if (m_draining) {
        refusal = QStringLiteral("Server is shutting down");
    } else if (m_perClient.value(client) >= m_limits.maxConnectionsPerClient) {
        // Over its own share: the client's oldest idle connection makes room, or it waits.
        if (HttpConnection *idle = oldestIdle(&client)) {
            ++m_shedConnections;
            idle->shed();
        } else {
            refusal = QStringLiteral("Too many open connections from this client");
        }
    }
    if (refusal.isEmpty() && m_connections.size() >= m_limits.maxConnections) {
        if (HttpConnection *idle = oldestIdle(nullptr)) {
            ++m_shedConnections;
            idle->shed();
        } else {
            refusal = QStringLiteral("Too many open connections");
        }
    }
    if (!refusal.isEmpty()) {
        ++m_refusedConnections;
        qCWarning(lcConnections).noquote()
            << "refusing connection from" << client.toString() << "-" << refusal;
        connection->detachFromListener();
        connection->refuse(503, refusal);
        return;
    }
    m_connections.append(connection);
    ++m_perClient[client];
}

void HttpListener::forget(HttpConnection *connection) {
    // A closed connection lingers until its deleteLater(); it must not call back into a
    // listener that may be gone by then.
    connection->detachFromListener();
    if (!m_connections.removeOne(connection))
        return;
    auto count = m_perClient.find(connection->peerAddress());
    if (count != m_perClient.end() && --*count <= 0)
        m_perClient.erase(count);
    checkDrained();
}

void HttpListener::sweep() {
    const qint64 now = nowMs();
    const QList<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections) {
        const bool idleTooLong =
            connection->isIdle() && now - connection->lastActivityMs() >= m_limits.idleTimeoutMs;
        const bool requestTooSlow = connection->requestsInFlight() == 0 &&
                                    connection->isReceivingRequest() &&
                                    now - connection->requestStartedMs() >= m_limits.idleTimeoutMs;
        if (idleTooLong || requestTooSlow) {
            qCDebug(lcConnections)
                << "closing idle connection from" << connection->peerAddress().toString();
            connection->shed();
        }
    }
    checkDrained();
}

void HttpListener::beginDrain() {
    if (m_draining)
        return;
    m_draining = true;
    close();
    const QList<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections) {
        if (connection->isIdle())
            connection->shed();
        else
            connection->closeAfterPending();
    }
    checkDrained();
}

void HttpListener::checkDrained() {
    if (m_draining && m_connections.isEmpty() && !m_drainedEmitted) {
        m_drainedEmitted = true;
        Q_EMIT drained();
    }
}

} // namespace qrc
