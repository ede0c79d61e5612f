#include "httpconnection.h"

#include "httplistener.h"

#include <QTcpSocket>
#include <QTimer>

#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>

namespace qrc {

namespace {
// How long a closing connection keeps reading (and dropping) what the client still sends,
// so that closing does not reset the connection before the client has read the answer.
constexpr int LingerMs = 2000;
// What the socket reads ahead of the parser: bounded, so that a paused connection holds at
// most this much input and the kernel's buffers push back on the client.
constexpr qint64 ReadBufferBytes = 64 * 1024;
// Input read but not parsed yet, at most: room for the largest head (64 KiB) and then some.
constexpr qint64 MaxUnparsedBytes = 128 * 1024;
constexpr QByteArrayView Continue("HTTP/1.1 100 Continue\r\n\r\n");
} // namespace

HttpConnection::HttpConnection(qintptr socketDescriptor, const ConnectionLimits &limits,
                               RequestHandler handler, HttpListener *listener)
    : QObject(listener)
    , m_socket(new QTcpSocket(this))
    , m_listener(listener)
    , m_handler(std::move(handler))
    , m_limits(limits)
    , m_parser(HttpRequestParser::Limits{64 * 1024, limits.maxBodyBytes}) {
    m_lastActivityMs = HttpListener::nowMs();
    if (!m_socket->setSocketDescriptor(socketDescriptor))
        return;
    m_peer = m_socket->peerAddress();
    // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; one client, one address.
    bool isV4 = false;
    const quint32 v4 = m_peer.toIPv4Address(&isV4);
    if (isV4 && m_peer.protocol() == QAbstractSocket::IPv6Protocol)
        m_peer = QHostAddress(v4);
    m_socket->setReadBufferSize(ReadBufferBytes);
    // Answers are written as they are ready, often several small ones in a row (pipelining):
    // with Nagle's algorithm the second waits for the client's delayed ACK (40 ms).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
}

HttpConnection::~HttpConnection() {
    // ~QAbstractSocket emits disconnected(); nothing of ours may run then.
    m_socket->disconnect(this);
    if (m_listener)
        m_listener->forget(this);
}

bool HttpConnection::isValid() const {
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

bool HttpConnection::isOpen() const {
    return !m_halfClosed && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::touch() {
    m_lastActivityMs = HttpListener::nowMs();
}

qint64 HttpConnection::pendingOutputBytes() const {
    return m_socket->bytesToWrite() + m_heldBytes;
}

bool HttpConnection::isPaused() const {
    return pendingOutputBytes() >= m_limits.maxPendingOutputBytes ||
           qsizetype(m_queue.size()) >= m_limits.maxPipelinedRequests;
}

bool HttpConnection::isIdle() const {
    return m_queue.empty() && !isReceivingRequest() && m_socket->bytesToWrite() == 0;
}

bool HttpConnection::isReceivingRequest() const {
    return !m_parser.isBetweenRequests() || m_inUsed < m_in.size();
}

void HttpConnection::onReadyRead() {
    touch();
    if (m_closing) {
        // Nothing more is parsed; what arrives is dropped (the linger of a closing connection).
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    if (m_processing || isPaused())
        return; // read again once answers have drained (onBytesWritten, flushQueue)
    const qint64 room = MaxUnparsedBytes - (m_in.size() - m_inUsed);
    const qint64 available = qMin(m_socket->bytesAvailable(), room);
    if (available > 0) {
        if (!isReceivingRequest())
            m_requestStartedMs = m_lastActivityMs;
        const qsizetype old = m_in.size();
        m_in.resize(old + available);
        const qint64 got = m_socket->read(m_in.data() + old, available);
        m_in.resize(old + qMax<qint64>(0, got));
    }
    processInput();
}

void HttpConnection::processInput() {
    m_processing = true;
    // A turn takes at most this many requests; the rest wait for the next turn of the event
    // loop, so that one connection's pipeline cannot keep the others (and new clients) waiting.
    int budget = m_limits.maxPipelinedRequests;
    bool yielded = false;
    while (!m_closing && !isPaused() && isValid()) {
        if (budget-- == 0) {
            yielded = true;
            break;
        }
        qsizetype used = 0;
        const HttpRequestParser::Status status =
            m_parser.parse(QByteArrayView(m_in).sliced(m_inUsed), &used);
        m_inUsed += used;
        if (status == HttpRequestParser::Status::NeedMore) {
            // RFC 9110 10.1.1: the client waits for this before sending the body. It is an
            // answer to the request being read, so it waits for the earlier answers too.
            if (m_parser.isReadingBody() && m_parser.pending().expectContinue && !m_continueSent &&
                m_queue.empty()) {
                m_continueSent = true;
                write(Continue.toByteArray());
            }
            break;
        }
        if (status == HttpRequestParser::Status::Failed) {
            failRequest(m_parser.error());
            break;
        }
        HttpRequest request = m_parser.takeRequest();
        m_continueSent = false;
        const quint64 sequence = m_nextSequence++;
        Slot slot;
        slot.close = !request.keepAlive;
        slot.http10KeepAlive = request.keepAlive && request.minorVersion == 0;
        m_queue.push_back(std::move(slot));
        if (!request.keepAlive)
            m_closing = true; // nothing after this request is read
        m_handler(this, sequence, std::move(request));
        if (m_inUsed < m_in.size() && !m_closing)
            m_requestStartedMs = m_lastActivityMs;
    }
    m_processing = false;
    if (!m_closing && !isPaused() && isValid() && (yielded || m_socket->bytesAvailable() > 0))
        QTimer::singleShot(0, this, &HttpConnection::onReadyRead);
    if (m_closing || m_inUsed == m_in.size()) {
        m_in.resize(0); // keeps the capacity for the next read
        m_inUsed = 0;
    } else if (m_inUsed > 0) {
        m_in.remove(0, m_inUsed);
        m_inUsed = 0;
    }
    finishIfDone();
}

void HttpConnection::failRequest(const HttpRequestParser::Error &error) {
    // After a framing error nothing behind it can be read as a request: answer and close.
    m_closing = true;
    const quint64 sequence = m_nextSequence++;
    Slot slot;
    slot.close = true;
    m_queue.push_back(std::move(slot));
    answer(sequence, HttpReply::error(error.status, error.detail), {});
}

bool HttpConnection::answer(quint64 sequence, const HttpReply &reply, const HeaderList &extra) {
    if (!isOpen() || sequence < m_firstSequence ||
        sequence - m_firstSequence >= quint64(m_queue.size()))
        return false;
    Slot &slot = m_queue[size_t(sequence - m_firstSequence)];
    if (slot.ready)
        return false;
    http::ConnectionHeader header = http::ConnectionHeader::None;
    if (slot.close || (m_closing && m_listener && m_listener->isDraining()))
        header = http::ConnectionHeader::Close;
    else if (slot.http10KeepAlive)
        header = http::ConnectionHeader::KeepAlive;
    slot.close = header == http::ConnectionHeader::Close;
    slot.bytes = http::serializeHead(reply, extra, header, std::move(m_spare));
    if (http::carriesBody(reply))
        slot.body = reply.body; // shared, not copied
    slot.ready = true;
    if (&slot != &m_queue.front()) {
        slot.held = true;
        m_heldBytes += slot.bytes.size() + slot.body.size();
    }
    flushQueue();
    return true;
}

void HttpConnection::flushQueue() {
    const bool wasPaused = isPaused();
    while (!m_queue.empty() && m_queue.front().ready && isValid()) {
        Slot slot = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_firstSequence;
        if (slot.held)
            m_heldBytes -= slot.bytes.size() + slot.body.size();
        write(slot.bytes, slot.body);
        // write() has sent or copied the bytes. A buffer of a large answer is not kept: an
        // idle connection should not hold it.
        constexpr qsizetype MaxSpareBytes = 64 * 1024;
        if (slot.bytes.capacity() <= MaxSpareBytes)
            m_spare = std::move(slot.bytes);
        if (slot.close) {
            m_closing = true;
            m_heldBytes = 0;
            m_queue.clear();
            break;
        }
    }
    if (!isValid())
        return;
    if (m_parser.isReadingBody() && m_parser.pending().expectContinue && !m_continueSent &&
        m_queue.empty() && !m_closing) {
        m_continueSent = true;
        write(Continue.toByteArray());
    }
    finishIfDone();
    if (wasPaused && !isPaused() && !m_processing)
        QTimer::singleShot(0, this, &HttpConnection::onReadyRead);
}

void HttpConnection::write(const QByteArray &head, const QByteArray &body) {
    touch();
    const qsizetype total = head.size() + body.size();
    qsizetype sent = 0;
    // With nothing queued an answer goes straight to the kernel: QAbstractSocket's buffered
    // write copies it into a ring buffer and arms a write notifier, two event-dispatcher
    // updates per answer. Head and body go in one sendmsg, the body from the memory it is
    // cached in. What the kernel does not take is queued through QTcpSocket::write, in order,
    // and written (and any error reported) from the event loop. Never flushed here: a failing
    // flush closes the socket inside the caller.
    if (m_socket->bytesToWrite() == 0) {
        const int fd = int(m_socket->socketDescriptor());
        while (fd >= 0 && sent < total) {
            iovec parts[2];
            size_t count = 0;
            if (sent < head.size())
                parts[count++] = {const_cast<char *>(head.constData()) + sent,
                                  size_t(head.size() - sent)};
            const qsizetype bodySent = qMax<qsizetype>(0, sent - head.size());
            if (bodySent < body.size())
                parts[count++] = {const_cast<char *>(body.constData()) + bodySent,
                                  size_t(body.size() - bodySent)};
            msghdr message{};
            message.msg_iov = parts;
            message.msg_iovlen = count;
            const ssize_t n = ::sendmsg(fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno == EINTR)
                continue;
            else
                break;
        }
    }
    if (sent < head.size())
        m_socket->write(head.constData() + sent, head.size() - sent);
    const qsizetype bodySent = qMax<qsizetype>(0, sent - head.size());
    if (bodySent < body.size())
        m_socket->write(body.constData() + bodySent, body.size() - bodySent);
}

void HttpConnection::onBytesWritten() {
    touch();
    finishIfDone();
    if (!m_closing && !m_processing && !isPaused() && m_socket->bytesAvailable() > 0)
        onReadyRead();
    else if (!m_closing && !m_processing && !isPaused() && m_inUsed < m_in.size())
        processInput();
}

void HttpConnection::finishIfDone() {
    if (!m_closing || m_halfClosed || !m_queue.empty() || !isValid() ||
        m_socket->bytesToWrite() > 0)
        return;
    // Everything owed is written. Our side is shut (the client reads to EOF) and whatever it
    // still sends is dropped until it closes too, or the linger ends.
    m_halfClosed = true;
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    m_socket->skip(m_socket->bytesAvailable());
    QTimer::singleShot(LingerMs, this, [this] { m_socket->abort(); });
    if (m_listener)
        m_listener->forget(this);
}

void HttpConnection::refuse(int status, const QString &detail) {
    m_closing = true;
    const quint64 sequence = m_nextSequence++;
    Slot slot;
    slot.close = true;
    m_queue.push_back(std::move(slot));
    answer(sequence, HttpReply::error(status, detail), {});
}

void HttpConnection::closeAfterPending() {
    m_closing = true;
    finishIfDone();
}

void HttpConnection::shed() {
    m_closing = true;
    if (m_listener)
        m_listener->forget(this);
    m_socket->disconnectFromHost();
}

void HttpConnection::onDisconnected() {
    m_closing = true;
    m_queue.clear();
    m_heldBytes = 0;
    if (m_listener)
        m_listener->forget(this);
    if (!m_closedEmitted) {
        m_closedEmitted = true;
        Q_EMIT closed(this);
    }
    deleteLater();
}

} // namespace qrc
