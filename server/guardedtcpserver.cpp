#include "guardedtcpserver.h"

#include "guardedsocket.h"
#include "httpreply.h"

#include <QLoggingCategory>

#include <chrono>
#include <ctime>

Q_LOGGING_CATEGORY(lcConnections, "qrc.server.connections")

namespace qrc {

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits) {
    // A quarter of the timeout keeps the closing time within 25% of it; at most once a second.
    m_sweepTimer.setInterval(qBound(50, m_limits.idleTimeoutMs / 4, 1000));
    connect(&m_sweepTimer, &QTimer::timeout, this, &GuardedTcpServer::sweep);
    m_sweepTimer.start();
}

GuardedTcpServer::~GuardedTcpServer() {
    // The sockets are our children and are deleted after this destructor body.
    for (GuardedSocket *socket : std::as_const(m_sockets))
        socket->detachFromServer();
    m_sockets.clear();
}

qint64 GuardedTcpServer::nowMs() {
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

int GuardedTcpServer::requestsInFlight() const {
    int total = 0;
    for (const GuardedSocket *socket : m_sockets)
        total += socket->requestsInFlight();
    return total;
}

void GuardedTcpServer::incomingConnection(qintptr handle) {
    if (m_draining || m_sockets.size() >= m_limits.maxConnections) {
        ++m_rejectedConnections;
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(handle)) {
            delete socket;
            return;
        }
        qCWarning(lcConnections) << "refusing connection from" << socket->peerAddress().toString()
                                 << "- limit of" << m_limits.maxConnections
                                 << "open connections reached";
        socket->write(http::serialize(
            HttpReply::error(503, QStringLiteral("Too many open connections")), {}, true));
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(2000, socket, &QObject::deleteLater);
        return;
    }
    auto *socket = new GuardedSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        socket->detachFromServer();
        delete socket;
        return;
    }
    m_sockets.insert(socket);
    addPendingConnection(socket);
}

void GuardedTcpServer::forget(GuardedSocket *socket) {
    // A closed socket lingers until its deleteLater(); it must not call back into a server
    // that may be gone by then.
    socket->detachFromServer();
    if (m_sockets.remove(socket))
        checkDrained();
}

void GuardedTcpServer::sweep() {
    const qint64 now = nowMs();
    const QList<GuardedSocket *> sockets = m_sockets.values();
    for (GuardedSocket *socket : sockets) {
        if (socket->state() == QAbstractSocket::UnconnectedState) {
            // Closed without a disconnected() we saw (QHttpServer 6.4 disconnects every signal
            // of a socket whose request it cannot parse).
            m_sockets.remove(socket);
            socket->detachFromServer();
            socket->deleteLater();
            continue;
        }
        if (socket->state() != QAbstractSocket::ConnectedState)
            continue;
        const bool idleTooLong =
            socket->isIdle() && now - socket->lastActivityMs() >= m_limits.idleTimeoutMs;
        const bool headTooSlow =
            socket->isReceivingHead() && now - socket->headStartedMs() >= m_limits.idleTimeoutMs;
        if (idleTooLong || headTooSlow) {
            qCDebug(lcConnections)
                << "closing idle connection from" << socket->peerAddress().toString();
            socket->disconnectFromHost();
        }
    }
    checkDrained();
}

void GuardedTcpServer::beginDrain() {
    if (m_draining)
        return;
    m_draining = true;
    close();
    const QList<GuardedSocket *> sockets = m_sockets.values();
    for (GuardedSocket *socket : sockets) {
        socket->setCloseAfterResponse();
        if (socket->isIdle() && socket->state() == QAbstractSocket::ConnectedState)
            socket->disconnectFromHost();
    }
    checkDrained();
}

void GuardedTcpServer::checkDrained() {
    if (m_draining && m_sockets.isEmpty() && !m_drainedEmitted) {
        m_drainedEmitted = true;
        Q_EMIT drained();
    }
}

} // namespace qrc
