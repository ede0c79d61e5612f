#include "guardedsocket.h"

#include "earlyrequest.h"
#include "guardedtcpserver.h"
#include "httpreply.h"

#include <QTimer>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace qrc {

namespace {
constexpr qint64 MaxDrainBytes = 16 * 1024 * 1024;
constexpr int RejectLingerMs = 2000;

// Where `crlf` ("\r\n" or "\r\n\r\n") starts in `data` at or after `from`, or -1. Every
// request head is searched for both, so this is memchr for the '\r' and a compare: Qt 6.4's
// general substring search costs ~250 instructions per call on a 50-byte head.
qsizetype findCrlf(QByteArrayView data, qsizetype from, QByteArrayView crlf) {
    const char *begin = data.data();
    const char *end = begin + data.size();
    for (const char *at = begin + from; at + crlf.size() <= end; ++at) {
        at = static_cast<const char *>(std::memchr(at, '\r', size_t(end - at)));
        if (!at || at + crlf.size() > end)
            return -1;
        if (std::memcmp(at, crlf.data(), size_t(crlf.size())) == 0)
            return at - begin;
    }
    return -1;
}
constexpr QByteArrayView Crlf("\r\n");
constexpr QByteArrayView HeadEnd("\r\n\r\n");
} // namespace

GuardedSocket::GuardedSocket(GuardedTcpServer *server)
    : QTcpSocket(server)
    , m_server(server) {
    m_lastActivityMs = GuardedTcpServer::nowMs();
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::onReadyRead);
    connect(this, &QTcpSocket::bytesWritten, this, &GuardedSocket::touch);
    connect(this, &QTcpSocket::disconnected, this, &GuardedSocket::onDisconnected);
}

GuardedSocket::~GuardedSocket() {
    // ~QAbstractSocket still emits disconnected(); our slots must not run on a half-destroyed
    // object. Only ours: QHttpServer frees its per-connection request in a slot of this socket
    // on destroyed(), and disconnecting everything from this to this leaked it.
    QObject::disconnect(this, &QTcpSocket::disconnected, this, &GuardedSocket::onDisconnected);
    QObject::disconnect(this, &QTcpSocket::readyRead, this, &GuardedSocket::onReadyRead);
    QObject::disconnect(this, &QTcpSocket::readyRead, this, &GuardedSocket::drain);
    QObject::disconnect(this, &QTcpSocket::bytesWritten, this, &GuardedSocket::touch);
    if (m_server)
        m_server->forget(this);
}

void GuardedSocket::onDisconnected() {
    if (m_server)
        m_server->forget(this);
}

void GuardedSocket::requestStarted() {
    ++m_inFlight;
}

void GuardedSocket::requestFinished() {
    if (m_inFlight > 0)
        --m_inFlight;
    touch();
    if (m_closeAfterResponse && m_inFlight == 0 && state() == ConnectedState)
        disconnectFromHost(); // flushes the answer first
}

bool GuardedSocket::isIdle() const {
    return m_inFlight == 0 && m_state == State::Head && m_head.isEmpty() && bytesToWrite() == 0;
}

void GuardedSocket::sendNow(const QByteArray &bytes) {
    qsizetype sent = 0;
    if (bytesToWrite() == 0 && state() == ConnectedState) {
        const int fd = int(socketDescriptor());
        while (sent < bytes.size()) {
            const ssize_t n = ::send(fd, bytes.constData() + sent, size_t(bytes.size() - sent),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno == EINTR)
                continue;
            else
                break; // full (EAGAIN) or failed: Qt's own path takes over below
        }
    }
    // Queued, not flushed: a flush that fails closes the socket at once (disconnected(),
    // forget()), and this runs inside onReadyRead's loop over the bytes it still holds.
    if (sent < bytes.size())
        write(bytes.constData() + sent, bytes.size() - sent);
    touch();
}

void GuardedSocket::touch() {
    m_lastActivityMs = GuardedTcpServer::nowMs();
}

void GuardedSocket::onReadyRead() {
    touch();
    if (m_state == State::Rejected) {
        drain();
        return;
    }
    const qint64 available = bytesAvailable();
    qint64 offset = 0;
    // What is unread, from the start, copied without consuming it (QHttpServer reads it after
    // us). A request head normally fits the stack buffer.
    char stackBuffer[4096];
    QByteArray heapBuffer;
    QByteArrayView window;
    const auto peekUpTo = [&](qint64 end) {
        end = qMin(end, available);
        if (end <= qint64(sizeof stackBuffer)) {
            window = QByteArrayView(stackBuffer, peek(stackBuffer, end));
        } else {
            heapBuffer = peek(end);
            window = heapBuffer;
        }
    };
    // Requests are offered to the early responder until one is left to QHttpServer: it parses
    // after this slot returns, so everything behind that one is its too, in order.
    bool early = m_head.isEmpty();
    while (offset < available) {
        if (m_state == State::Body) {
            early = false;
            const qint64 take = qMin(m_bodyRemaining, available - offset);
            m_bodyRemaining -= take;
            offset += take;
            if (m_bodyRemaining == 0)
                m_state = State::Head;
            continue;
        }
        if (window.size() <= offset)
            peekUpTo(offset + MaxHeadBytes + 4);
        const QByteArrayView data = window.sliced(qMin<qsizetype>(offset, window.size()));
        if (data.isEmpty())
            break;
        if (m_head.isEmpty()) {
            m_headStartedMs = m_lastActivityMs;
            // Common case: the whole head is in this read; parse it in place.
            const qsizetype end = findCrlf(data, 0, HeadEnd);
            if (end >= 0) {
                const QByteArrayView head = data.first(end + 4);
                offset += head.size();
                if (!parseHead(head, available - offset))
                    return;
                early = early && m_state == State::Head && answerEarly(head);
                if (state() != ConnectedState)
                    return; // closed while answering: the rest of the bytes are gone with it
                continue;
            }
        }
        early = false;
        const qsizetype previous = m_head.size();
        m_head += data;
        const qsizetype end = findCrlf(m_head, qMax<qsizetype>(0, previous - 3), HeadEnd);
        if (end < 0) {
            if (m_head.size() > MaxHeadBytes) {
                reject(431, QStringLiteral("Request header fields too large"), 0);
                return;
            }
            offset += data.size();
            continue;
        }
        const qsizetype headLength = end + 4;
        offset += headLength - previous;
        const QByteArray head = m_head.left(headLength);
        m_head.clear();
        if (!parseHead(head, available - offset))
            return;
    }
}

bool GuardedSocket::answerEarly(QByteArrayView head) {
    if (!m_server || !m_server->earlyResponder() || m_inFlight > 0 || m_closeAfterResponse)
        return false;
    std::optional<EarlyRequest> request = EarlyRequest::parse(head);
    GuardedTcpServer *server = m_server;
    if (!request || !server->earlyResponder()(this, std::move(*request)))
        return false;
    // The answer may have found the client gone and the socket closed (and detached from the
    // server): nothing of it is left to skip.
    ++server->m_earlyAnswers;
    if (state() != ConnectedState)
        return true;
    // Consumed, so that QHttpServer never reads it. A transaction QHttpServer left open when a
    // read brought it nothing holds nothing (we are between requests); committed, the skipped
    // bytes are dropped instead of kept for a rollback that never comes.
    if (isTransactionStarted())
        commitTransaction();
    skip(head.size());
    return true;
}

bool GuardedSocket::parseHead(QByteArrayView head, qint64 bodyBytesHere) {
    qint64 contentLength = 0;
    bool chunked = false;
    qsizetype lineStart = findCrlf(head, 0, Crlf);
    while (lineStart >= 0 && lineStart + 2 < head.size()) {
        const qsizetype from = lineStart + 2;
        const qsizetype lineEnd = findCrlf(head, from, Crlf);
        if (lineEnd <= from)
            break;
        const QByteArrayView line(head.constData() + from, lineEnd - from);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            // Lengths first: most lines are neither header, and a caseless compare is not free.
            static constexpr QByteArrayView ContentLength("content-length");
            static constexpr QByteArrayView TransferEncoding("transfer-encoding");
            const QByteArrayView name = line.first(colon).trimmed();
            if (name.size() == ContentLength.size() &&
                name.compare(ContentLength, Qt::CaseInsensitive) == 0) {
                bool ok = false;
                contentLength = line.sliced(colon + 1).trimmed().toLongLong(&ok);
                if (!ok || contentLength < 0) {
                    reject(400, QStringLiteral("Invalid Content-Length"), 0);
                    return false;
                }
            } else if (name.size() == TransferEncoding.size() &&
                       name.compare(TransferEncoding, Qt::CaseInsensitive) == 0 &&
                       line.sliced(colon + 1).trimmed().compare("identity", Qt::CaseInsensitive) !=
                           0) {
                chunked = true;
            }
        }
        lineStart = lineEnd;
    }
    if (chunked) {
        reject(411, QStringLiteral("Chunked request bodies are not accepted; send Content-Length"),
               0);
        return false;
    }
    const qint64 maxBody = m_server ? m_server->limits().maxBodyBytes : 0;
    if (m_server && contentLength > maxBody) {
        reject(413,
               QStringLiteral("Request body too large (%1 bytes, limit %2)")
                   .arg(contentLength)
                   .arg(maxBody),
               qMax<qint64>(0, contentLength - bodyBytesHere));
        return false;
    }
    if (contentLength > 0) {
        m_state = State::Body;
        m_bodyRemaining = contentLength;
    }
    return true;
}

void GuardedSocket::reject(int status, const QString &detail, qint64 bytesToDrain) {
    m_state = State::Rejected;
    // QHttpServer must never see the rest of this connection: cut its parser off (it is
    // connected after us, so it is skipped for the current emission too).
    QObject::disconnect(this, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::drain);
    if (isTransactionStarted())
        rollbackTransaction();
    // The declared body is read and dropped (up to a bound) so that closing does not reset
    // the connection before the client has read the answer.
    m_drainRemaining = bytesToDrain <= MaxDrainBytes ? bytesToDrain : 0;
    m_drainRemaining += bytesAvailable();
    write(http::serialize(HttpReply::error(status, detail), {}, true));
    QTimer::singleShot(RejectLingerMs, this, [this] {
        if (state() != UnconnectedState)
            abort();
    });
    drain();
}

void GuardedSocket::drain() {
    const QByteArray dropped = readAll();
    m_drainRemaining -= dropped.size();
    if (m_drainRemaining <= 0 && state() == ConnectedState)
        disconnectFromHost();
}

} // namespace qrc
