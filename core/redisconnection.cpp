#include "redisconnection.h"

#include <QAbstractEventDispatcher>
#include <QLocalSocket>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace qrc {

namespace {

bool isAuthError(const QByteArray &error) {
    return error.startsWith("NOAUTH") || error.startsWith("WRONGPASS");
}

QString seconds(double s) {
    return QString::number(s, 'g', 4) + QStringLiteral(" s");
}

} // namespace

RedisConnection::RedisConnection(const RedisSettings &settings,
                                 std::optional<QSslConfiguration> tls, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_tls(std::move(tls)) {
    m_clock.start();
    // The tick checks deadlines; a tenth of the shortest timeout keeps the overshoot small
    // without waking up thousands of times a second.
    double shortest = std::min(m_settings.socketTimeout, m_settings.socketConnectTimeout);
    if (shortest <= 0)
        shortest = std::max(m_settings.socketTimeout, m_settings.socketConnectTimeout);
    const int interval = shortest > 0 ? int(shortest * 1000 / 10) : 250;
    m_tick.setInterval(std::clamp(interval, 10, 250));
    connect(&m_tick, &QTimer::timeout, this, &RedisConnection::onTick);
}

RedisConnection::~RedisConnection() {
    close(
        CacheError::connection(QStringLiteral("Redis connection to %1 destroyed").arg(address())));
}

QString RedisConnection::address() const {
    if (!m_settings.unixSocket.isEmpty())
        return QStringLiteral("unix:") + m_settings.unixSocket;
    return m_settings.host + QLatin1Char(':') + QString::number(m_settings.port);
}

void RedisConnection::open() {
    if (m_socket || m_closed)
        return;
    m_openedAtMs = m_clock.elapsed();
    m_tick.start();
    if (!m_settings.unixSocket.isEmpty()) {
        m_local = new QLocalSocket(this);
        m_socket = m_local;
        connect(m_local, &QLocalSocket::connected, this, &RedisConnection::onConnected);
        connect(m_local, &QLocalSocket::readyRead, this, &RedisConnection::onReadyRead);
        connect(m_local, &QLocalSocket::errorOccurred, this, &RedisConnection::onSocketError);
        connect(m_local, &QLocalSocket::disconnected, this, &RedisConnection::onSocketError);
        m_local->connectToServer(m_settings.unixSocket);
        return;
    }
    if (m_tls) {
        auto *ssl = new QSslSocket(this);
        m_tcp = ssl;
        ssl->setSslConfiguration(*m_tls);
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            for (const QSslError &e : errors)
                m_sslErrors.append(e.errorString());
        });
        connect(ssl, &QSslSocket::encrypted, this, &RedisConnection::onConnected);
    } else {
        m_tcp = new QTcpSocket(this);
        connect(m_tcp, &QAbstractSocket::connected, this, &RedisConnection::onConnected);
    }
    m_socket = m_tcp;
    connect(m_tcp, &QAbstractSocket::readyRead, this, &RedisConnection::onReadyRead);
    connect(m_tcp, &QAbstractSocket::errorOccurred, this, &RedisConnection::onSocketError);
    connect(m_tcp, &QAbstractSocket::disconnected, this, &RedisConnection::onSocketError);
    if (m_tls)
        static_cast<QSslSocket *>(m_tcp)->connectToHostEncrypted(m_settings.host,
                                                                 quint16(m_settings.port));
    else
        m_tcp->connectToHost(m_settings.host, quint16(m_settings.port));
}

QString RedisConnection::socketError() const {
    return m_local ? m_local->errorString() : m_tcp ? m_tcp->errorString() : QString();
}

void RedisConnection::dropSocket() {
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    if (m_local)
        m_local->abort();
    else
        m_tcp->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
    m_tcp = nullptr;
    m_local = nullptr;
}

void RedisConnection::onConnected() {
    if (m_closed)
        return;
    if (m_tcp) {
        m_tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (m_settings.socketKeepalive)
            m_tcp->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    }
    startHandshake();
}

void RedisConnection::startHandshake() {
    QList<QList<QByteArray>> commands;
    QList<ReplyCallback> callbacks;

    if (!m_settings.password.isEmpty() || !m_settings.username.isEmpty()) {
        const QByteArray password = m_settings.password.toUtf8();
        if (m_settings.username.isEmpty())
            commands.append({"AUTH", password});
        else
            commands.append({"AUTH", m_settings.username.toUtf8(), password});
        const QString user =
            m_settings.username.isEmpty() ? QStringLiteral("default") : m_settings.username;
        callbacks.append([this, user](Result<RedisReply> r) {
            if (r.ok() && r.value.isError())
                failHandshake(CacheError::auth(
                    QStringLiteral("Redis authentication failed for user '%1': %2 (at %3)")
                        .arg(user, QString::fromUtf8(r.value.string), address())));
        });
    }
    if (m_settings.db != 0) {
        commands.append({"SELECT", QByteArray::number(m_settings.db)});
        callbacks.append([this](Result<RedisReply> r) {
            if (!r.ok() || !r.value.isError())
                return;
            const QString text = QStringLiteral("Redis at %1 rejected SELECT %2: %3")
                                     .arg(address())
                                     .arg(m_settings.db)
                                     .arg(QString::fromUtf8(r.value.string));
            failHandshake(isAuthError(r.value.string) ? CacheError::auth(text)
                                                      : CacheError::protocol(text));
        });
    }
    commands.append({"PING"});
    callbacks.append([this](Result<RedisReply> r) {
        if (!r.ok() || m_closed)
            return;
        if (r.value.isError()) {
            const QString reply = QString::fromUtf8(r.value.string);
            if (r.value.string.startsWith("NOAUTH"))
                failHandshake(CacheError::auth(
                    QStringLiteral("Redis at %1 requires authentication (set a password): %2")
                        .arg(address(), reply)));
            else
                failHandshake(CacheError::protocol(
                    QStringLiteral("Redis at %1 answered PING with: %2").arg(address(), reply)));
            return;
        }
        if (!m_requireMaster)
            markReady();
    });
    if (m_requireMaster) {
        commands.append({"ROLE"});
        callbacks.append([this](Result<RedisReply> r) {
            if (!r.ok() || m_closed)
                return;
            const RedisReply &role = r.value;
            const QByteArray name = role.type == RedisReply::Type::Array && !role.elements.isEmpty()
                                        ? role.elements.first().string
                                        : role.string;
            if (name != "master") {
                // A connection error: the caller asks the Sentinels again after a backoff.
                failHandshake(
                    CacheError::connection(QStringLiteral("Redis at %1 is not a master (ROLE: %2)")
                                               .arg(address(), QString::fromUtf8(name))));
                return;
            }
            markReady();
        });
    }
    sendMany(commands, callbacks);
}

void RedisConnection::markReady() {
    m_ready = true;
    m_lastActivityMs = m_clock.elapsed();
    Q_EMIT ready();
}

void RedisConnection::failHandshake(const CacheError &error) {
    close(error);
}

void RedisConnection::enqueue(const QList<QByteArray> &argv, ReplyCallback done, int redirects) {
    if (argv.isEmpty()) {
        done(Result<RedisReply>::failure(CacheError::protocol(QStringLiteral("empty command"))));
        return;
    }
    // RESP is written straight into the outgoing buffer: hiredis' formatter costs a malloc, a
    // sprintf per argument and a copy, about a quarter of a pipelined GET's CPU time
    // (bench/bench_redis). The buffer only grows; m_outSize says how much of it is in use.
    constexpr qsizetype MaxDigits = 20;
    qsizetype bound = 1 + MaxDigits + 2;
    for (const QByteArray &arg : argv)
        bound += 1 + MaxDigits + 2 + arg.size() + 2;
    if (m_out.size() < m_outSize + bound)
        m_out.resize(std::max(m_out.size() * 2, m_outSize + bound));
    char *p = m_out.data() + m_outSize;
    char *const end = m_out.data() + m_out.size();
    const auto header = [&p, end](char type, qsizetype n) {
        *p++ = type;
        p = std::to_chars(p, end, n).ptr;
        *p++ = '\r';
        *p++ = '\n';
    };
    header('*', argv.size());
    for (const QByteArray &arg : argv) {
        header('$', arg.size());
        std::memcpy(p, arg.constData(), size_t(arg.size()));
        p += arg.size();
        *p++ = '\r';
        *p++ = '\n';
    }
    m_outSize = p - m_out.constData();
    // Its send time is stamped when flush() writes it: one clock read per write, not per command.
    m_pending.push_back(
        {std::move(done), 0, m_redirectHandler ? argv : QList<QByteArray>(), redirects});
    ++m_pendingCount;
    ++m_unwritten;
}

namespace {
constexpr qint64 FlushEarlyBytes = 1024;

bool isRedirect(const QByteArray &error) {
    return error.startsWith("MOVED ") || error.startsWith("ASK ") || error.startsWith("TRYAGAIN") ||
           error.startsWith("CLUSTERDOWN");
}
} // namespace

void RedisConnection::send(const QList<QByteArray> &argv, ReplyCallback done, int redirects,
                           bool asking) {
    // The single-command form of sendMany(), without building two lists per command.
    if (m_closed || !m_socket) {
        failClosed(done);
        return;
    }
    if (asking)
        enqueue({"ASKING"}, [](Result<RedisReply>) {});
    enqueue(argv, std::move(done), redirects);
    queued();
}

void RedisConnection::sendMany(const QList<QList<QByteArray>> &commands,
                               QList<ReplyCallback> callbacks) {
    Q_ASSERT(commands.size() == callbacks.size());
    if (m_closed || !m_socket) {
        for (ReplyCallback &done : callbacks)
            failClosed(done);
        return;
    }
    for (qsizetype i = 0; i < commands.size(); ++i)
        enqueue(commands[i], std::move(callbacks[i]));
    queued();
}

QList<RedisConnection::ReplyCallback> RedisConnection::gather(qsizetype count,
                                                              PipelineCallback done) {
    struct State {
        QList<RedisReply> replies;
        qsizetype remaining = 0;
        bool finished = false;
        PipelineCallback done;
    };
    auto state = std::make_shared<State>();
    state->replies.resize(count);
    state->remaining = count;
    state->done = std::move(done);
    QList<ReplyCallback> callbacks;
    callbacks.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        callbacks.append([state, i](Result<RedisReply> r) {
            if (state->finished)
                return;
            if (!r.ok()) {
                state->finished = true;
                state->done(Result<QList<RedisReply>>::failure(std::move(r.error)));
                return;
            }
            state->replies[i] = std::move(r.value);
            if (--state->remaining == 0) {
                state->finished = true;
                state->done(Result<QList<RedisReply>>::success(std::move(state->replies)));
            }
        });
    }
    return callbacks;
}

void RedisConnection::failClosed(const ReplyCallback &done) const {
    done(Result<RedisReply>::failure(
        CacheError::connection(QStringLiteral("Redis connection to %1 is closed").arg(address()))));
}

namespace {

// The connections of this thread with commands not written yet. One posted call per event-loop
// pass writes them all: a post wakes the event loop up (glib: a write to an eventfd, and a
// read to acknowledge it), so a post per connection, for a cluster's nodes or a pool's
// connections, cost several system calls per pass.
struct Unwritten {
    QList<QPointer<RedisConnection>> connections;
    bool posted = false;
};
thread_local Unwritten t_unwritten;

} // namespace

void RedisConnection::queued() {
    // Commands collect in m_out until the end of the event-loop pass, so that one write to the
    // socket carries many (a QIODevice::write per command was a tenth of a pipelined GET's
    // CPU); past a few dozen, Redis is given them now and works on them while this pass goes on.
    if (m_outSize >= FlushEarlyBytes) {
        flush();
        return;
    }
    if (m_flushQueued || m_outSize == 0)
        return;
    // The event dispatcher is the one object sure to live as long as this thread's event loop.
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    if (!dispatcher) { // no event loop in this thread: nothing would come back to write them
        flush();
        return;
    }
    m_flushQueued = true;
    t_unwritten.connections.append(this);
    if (!t_unwritten.posted) {
        t_unwritten.posted = true;
        QMetaObject::invokeMethod(dispatcher, &RedisConnection::flushUnwritten,
                                  Qt::QueuedConnection);
    }
}

void RedisConnection::flushUnwritten() {
    t_unwritten.posted = false;
    // Taken first: a write error closes a connection, whose callbacks may send (and queue) more.
    const QList<QPointer<RedisConnection>> connections = std::exchange(t_unwritten.connections, {});
    for (const QPointer<RedisConnection> &conn : connections) {
        if (!conn)
            continue;
        conn->m_flushQueued = false;
        conn->flush();
    }
}

void RedisConnection::flush() {
    if (m_outSize == 0 || m_closed || !m_socket)
        return;
    const qint64 now = m_clock.elapsed();
    m_lastActivityMs = now;
    for (auto it = m_pending.end() - m_unwritten; it != m_pending.end(); ++it)
        it->sentAtMs = now;
    m_unwritten = 0;
    // Copied into the socket's buffer (not shared with it), so m_out is reused as it is.
    m_socket->write(m_out.constData(), m_outSize);
    m_outSize = 0;
    // Written now rather than when the socket's notifier comes round again. A write error
    // closes this connection from in here.
    if (m_local)
        m_local->flush();
    else
        m_tcp->flush();
}

void RedisConnection::onReadyRead() {
    if (m_closed)
        return;
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    m_lastActivityMs = m_clock.elapsed();
    const auto malformed = [this] {
        close(CacheError::protocol(QStringLiteral("Malformed reply from Redis at %1: %2")
                                       .arg(address(), m_reader.errorString())));
    };
    if (!m_reader.feed(data))
        return malformed();
    // A callback may tear down the whole client (and this connection with it).
    const QPointer<RedisConnection> self(this);
    while (self && !m_closed) {
        RedisReply reply;
        const RespReader::Status status = m_reader.next(&reply);
        if (status == RespReader::Status::Error)
            return malformed();
        if (status == RespReader::Status::NeedMore)
            return;
        if (m_messageHandler && reply.type == RedisReply::Type::Array &&
            reply.elements.size() == 3 && reply.elements.first().string == "message") {
            m_messageHandler(reply);
            continue;
        }
        if (m_requireMaster && reply.isError() && reply.string.startsWith("READONLY")) {
            // The pending command fails with the rest, as a lost connection.
            close(CacheError::connection(QStringLiteral("Redis at %1 is no longer the master: %2")
                                             .arg(address(), QString::fromUtf8(reply.string))));
            return;
        }
        if (m_pending.empty()) {
            close(CacheError::protocol(
                QStringLiteral("Redis at %1 sent a reply nobody asked for").arg(address())));
            return;
        }
        Pending pending = std::move(m_pending.front());
        m_pending.pop_front();
        --m_pendingCount;
        if (m_redirectHandler && reply.isError() && isRedirect(reply.string)) {
            m_redirectHandler(std::move(reply), std::move(pending.argv), pending.redirects,
                              std::move(pending.done));
            continue;
        }
        pending.done(Result<RedisReply>::success(std::move(reply)));
    }
}

void RedisConnection::onSocketError() {
    if (m_closed)
        return;
    QString text;
    if (!m_sslErrors.isEmpty())
        text = QStringLiteral("TLS handshake with Redis at %1 failed: %2")
                   .arg(address(), m_sslErrors.join(QStringLiteral("; ")));
    else if (m_ready)
        text = QStringLiteral("Connection to Redis at %1 lost: %2").arg(address(), socketError());
    else
        text = QStringLiteral("Cannot connect to Redis at %1: %2").arg(address(), socketError());
    close(CacheError::connection(text));
}

void RedisConnection::onTick() {
    if (m_closed)
        return;
    const qint64 now = m_clock.elapsed();
    if (!m_ready) {
        const double limit = m_settings.socketConnectTimeout;
        if (limit > 0 && now - m_openedAtMs > qint64(limit * 1000))
            close(CacheError::timeout(
                QStringLiteral("Connecting to Redis at %1 timed out after %2 (connect, AUTH, "
                               "SELECT, PING)")
                    .arg(address(), seconds(limit))));
        return;
    }
    if (!m_pending.empty()) {
        const double limit = m_settings.socketTimeout;
        // A command not written yet (m_unwritten) has no send time; it is written this pass.
        const bool written = qsizetype(m_pending.size()) > m_unwritten;
        if (limit > 0 && written && now - m_pending.front().sentAtMs > qint64(limit * 1000))
            close(CacheError::timeout(
                QStringLiteral("Redis command timed out after %1 on %2; connection closed")
                    .arg(seconds(limit), address())));
        return;
    }
    const int interval = m_settings.healthCheckInterval;
    if (interval > 0 && !m_healthPingInFlight &&
        now - m_lastActivityMs >= qint64(interval) * 1000) {
        m_healthPingInFlight = true;
        send({"PING"}, [this](Result<RedisReply> r) {
            m_healthPingInFlight = false;
            if (!r.ok() || !r.value.isError())
                return;
            const QString text = QStringLiteral("Health check PING to Redis at %1 failed: %2")
                                     .arg(address(), QString::fromUtf8(r.value.string));
            close(isAuthError(r.value.string) ? CacheError::auth(text)
                                              : CacheError::protocol(text));
        });
    }
}

void RedisConnection::close(const CacheError &why) {
    if (m_closed)
        return;
    m_closed = true;
    m_tick.stop();
    const bool wasReady = m_ready;
    m_ready = false;
    dropSocket();
    m_out.clear();
    m_outSize = 0;
    m_unwritten = 0;
    // The owner learns first, so that callers who retry from their callbacks see the new state.
    std::deque<Pending> pending;
    pending.swap(m_pending);
    m_pendingCount = 0;
    Q_EMIT closed(why, wasReady);
    for (Pending &p : pending)
        p.done(Result<RedisReply>::failure(why));
}

} // namespace qrc
