#pragma once

#include <QByteArray>
#include <QTcpSocket>

namespace qrc {

class GuardedTcpServer;

// One client connection of a GuardedTcpServer. It sees every byte before QHttpServer does
// (its readyRead slot is connected first) and follows HTTP/1.1 framing just far enough to
// refuse what QHttpServer 6.4 would buffer without limit: a declared body above the cap
// (413), an oversized header block (431), a chunked body (411). It also keeps the activity
// time and the number of requests being answered, for the idle sweep and for draining.
// A plain request that arrives whole on an idle connection is first offered to the server's
// early responder (a cache hit is answered here, without QHttpServer's parser).
class GuardedSocket : public QTcpSocket {
    Q_OBJECT
public:
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;

    explicit GuardedSocket(GuardedTcpServer *server);
    ~GuardedSocket() override;

    // Called by HttpExchange around each answered request.
    void requestStarted();
    void requestFinished();
    int requestsInFlight() const { return m_inFlight; }

    // True while draining: answers carry "Connection: close" and the socket closes after it.
    bool closeAfterResponse() const { return m_closeAfterResponse; }
    void setCloseAfterResponse() { m_closeAfterResponse = true; }

    qint64 lastActivityMs() const { return m_lastActivityMs; }
    // Between requests: nothing in flight, nothing half-received, nothing left to send.
    bool isIdle() const;
    bool isReceivingHead() const { return m_state == State::Head && !m_head.isEmpty(); }
    qint64 headStartedMs() const { return m_headStartedMs; }

    void detachFromServer() { m_server = nullptr; }

    // Writes a whole answer now. With nothing queued it goes straight to the kernel:
    // QAbstractSocket's buffered write copies it into a ring buffer and arms a write notifier
    // that flush() disarms again, two event-dispatcher updates per answer. Whatever the kernel
    // does not take at once is queued through QTcpSocket::write, in order, which also reports
    // any error the normal way.
    void sendNow(const QByteArray &bytes);

private:
    enum class State { Head, Body, Rejected };

    void onReadyRead();
    void onDisconnected();
    void drain();
    bool parseHead(QByteArrayView head, qint64 bodyBytesHere);
    bool answerEarly(QByteArrayView head);
    void reject(int status, const QString &detail, qint64 bytesToDrain);
    void touch();

    GuardedTcpServer *m_server;
    State m_state = State::Head;
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    qint64 m_drainRemaining = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_headStartedMs = 0;
    int m_inFlight = 0;
    bool m_closeAfterResponse = false;
};

} // namespace qrc
