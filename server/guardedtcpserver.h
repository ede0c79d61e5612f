#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <optional>

namespace qrc {

class GuardedSocket;
struct EarlyRequest;

struct ConnectionLimits {
    qint64 maxBodyBytes = 1024 * 1024;
    int idleTimeoutMs = 60 * 1000;
    int maxConnections = 1024;
};

// The listening socket handed to QHttpServer::bind(). QHttpServer 6.4 has no connection cap,
// no idle timeout and no body limit; this server adds them around it by creating the client
// sockets itself (GuardedSocket) and sweeping them periodically.
class GuardedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    explicit GuardedTcpServer(const ConnectionLimits &limits, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    const ConnectionLimits &limits() const { return m_limits; }
    int openConnections() const { return int(m_sockets.size()); }
    int requestsInFlight() const;
    qint64 rejectedConnections() const { return m_rejectedConnections; }

    // Stops accepting, closes idle keep-alive connections at once and the others after their
    // current answer. drained() is emitted when no connection is left.
    void beginDrain();
    bool isDraining() const { return m_draining; }

    static qint64 nowMs();

    // Offered each plain request (see EarlyRequest) that arrives on an idle connection whole,
    // before QHttpServer sees it. True: it was answered, and QHttpServer never reads it.
    // False: nothing was done, and QHttpServer parses it as usual.
    using EarlyResponder = std::function<bool(GuardedSocket *socket, EarlyRequest &&request)>;
    void setEarlyResponder(EarlyResponder responder) { m_earlyResponder = std::move(responder); }
    const EarlyResponder &earlyResponder() const { return m_earlyResponder; }
    qint64 earlyAnswers() const { return m_earlyAnswers; }

Q_SIGNALS:
    void drained();

protected:
    void incomingConnection(qintptr handle) override;

private:
    friend class GuardedSocket;
    void forget(GuardedSocket *socket);
    void sweep();
    void checkDrained();

    ConnectionLimits m_limits;
    EarlyResponder m_earlyResponder;
    qint64 m_earlyAnswers = 0;
    QSet<GuardedSocket *> m_sockets;
    QTimer m_sweepTimer;
    qint64 m_rejectedConnections = 0;
    bool m_draining = false;
    bool m_drainedEmitted = false;
};

} // namespace qrc
