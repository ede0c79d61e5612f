#pragma once

#include "httpreply.h"
#include "httprequestparser.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <deque>
#include <functional>

class QTcpSocket;

namespace qrc {

class HttpListener;

struct ConnectionLimits {
    qint64 maxBodyBytes = 1024 * 1024;
    int idleTimeoutMs = 60 * 1000;
    int maxConnections = 1024;
    int maxConnectionsPerClient = 64;
    // Answers waiting to be sent on one connection, in bytes: past it the connection is not
    // read until the client has taken some (a client that pipelines and never reads costs
    // at most this much).
    qint64 maxPendingOutputBytes = 1024 * 1024;
    // Requests read ahead of their answers on one connection.
    int maxPipelinedRequests = 64;
};

// One client connection of cache-server: HTTP/1.1 (RFC 9112) on a TCP socket. It reads with
// the one request parser, hands each request on with a sequence number, and writes the
// answers in the order of the requests whatever order they are produced in (a later answer
// that is ready waits for the earlier ones). It honours Connection: close, HTTP/1.0 without
// keep-alive and Expect: 100-continue, answers a framing error and closes, and applies
// backpressure: with too much unsent output or too many unanswered requests it stops
// reading, and the kernel's buffers push back on the client.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    // Gets each request; its answer is owed through answer(sequence, ...).
    using RequestHandler =
        std::function<void(HttpConnection *connection, quint64 sequence, HttpRequest &&request)>;

    HttpConnection(qintptr socketDescriptor, const ConnectionLimits &limits, RequestHandler handler,
                   HttpListener *listener);
    ~HttpConnection() override;

    bool isValid() const;
    bool isOpen() const;
    const QHostAddress &peerAddress() const { return m_peer; }

    // Writes (or queues, until the earlier answers are out) the answer to request `sequence`.
    // False when the client is gone and nothing was written.
    bool answer(quint64 sequence, const HttpReply &reply, const HeaderList &extra);

    // Answers `status` to a connection that is not taken (over a cap) and closes it.
    void refuse(int status, const QString &detail);
    // Stops reading requests; closes once the requests read so far are answered.
    void closeAfterPending();
    // Closes at once; only for an idle connection (nothing owed, nothing half read).
    void shed();

    // Nothing owed, nothing half received, nothing left to send.
    bool isIdle() const;
    bool isReceivingRequest() const;
    qint64 lastActivityMs() const { return m_lastActivityMs; }
    qint64 requestStartedMs() const { return m_requestStartedMs; }
    int requestsInFlight() const { return int(m_queue.size()); }
    qint64 pendingOutputBytes() const;

    void detachFromListener() { m_listener = nullptr; }

Q_SIGNALS:
    void closed(HttpConnection *connection);

private:
    struct Slot {
        QByteArray bytes; // the head
        QByteArray body;  // written after the head as it is, never copied into an answer buffer
        bool ready = false;
        bool held = false;  // ready behind an earlier answer that is not
        bool close = false; // the connection closes after this answer
        bool http10KeepAlive = false;
    };

    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void processInput();
    void failRequest(const HttpRequestParser::Error &error);
    void flushQueue();
    void write(const QByteArray &head, const QByteArray &body = {});
    bool isPaused() const;
    void finishIfDone();
    void touch();

    QTcpSocket *m_socket;
    HttpListener *m_listener;
    RequestHandler m_handler;
    ConnectionLimits m_limits;
    HttpRequestParser m_parser;
    QHostAddress m_peer;
    QByteArray m_in;
    qsizetype m_inUsed = 0; // bytes at the front of m_in already parsed
    std::deque<Slot> m_queue;
    // The memory of the last answer written, for the next one to be serialised into.
    QByteArray m_spare;
    quint64 m_firstSequence = 0; // of m_queue.front()
    quint64 m_nextSequence = 0;
    qint64 m_heldBytes = 0; // ready answers waiting behind an earlier one
    qint64 m_lastActivityMs = 0;
    qint64 m_requestStartedMs = 0;
    bool m_processing = false;
    bool m_closing = false;    // no more requests are read
    bool m_halfClosed = false; // our side is shut; the rest of the client's bytes are dropped
    bool m_continueSent = false;
    bool m_closedEmitted = false;
};

} // namespace qrc
