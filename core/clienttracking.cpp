#include "clienttracking.h"

#include "redisclient.h"
#include "redisconnection.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTracking, "qrc.nearcache")

namespace qrc {

namespace {
constexpr int RetryStartMs = 250;
constexpr int RetryMaxMs = 5000;
const QByteArray InvalidateChannel = QByteArrayLiteral("__redis__:invalidate");
} // namespace

ClientTracking::ClientTracking(RedisClient *client, const QByteArray &prefix, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_prefix(prefix)
    , m_retryMs(RetryStartMs) {
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ClientTracking::rebuild);
    connect(client, &RedisClient::stateChanged, this, [this](RedisClient::State state) {
        if (state == RedisClient::State::Connected) {
            // The nodes may be others now (fail-over): always start over.
            m_retryMs = RetryStartMs;
            rebuild();
        } else {
            m_retry.stop();
            // Disabled: the client was stopped (shutdown), nothing to warn about.
            teardown(state == RedisClient::State::Disabled
                         ? QString()
                         : QStringLiteral("redis is not connected"));
        }
    });
    if (client->state() == RedisClient::State::Connected)
        rebuild();
}

ClientTracking::~ClientTracking() {
    m_retry.stop();
    const QList<RedisConnection *> nodes = std::exchange(m_nodes, {});
    for (RedisConnection *conn : nodes) {
        conn->disconnect(this);
        delete conn;
    }
}

void ClientTracking::rebuild() {
    teardown({});
    if (m_client->state() != RedisClient::State::Connected)
        return;
    m_nodes = m_client->createNodeConnections(this);
    for (RedisConnection *conn : std::as_const(m_nodes)) {
        conn->setMessageHandler([this](const RedisReply &message) { onMessage(message); });
        connect(conn, &RedisConnection::ready, this, [this, conn] { subscribe(conn); });
        connect(conn, &RedisConnection::closed, this, [this](const CacheError &error, bool) {
            teardown(error.message);
            if (m_client->state() == RedisClient::State::Connected && !m_retry.isActive()) {
                m_retry.start(m_retryMs);
                m_retryMs = qMin(m_retryMs * 2, RetryMaxMs);
            }
        });
    }
    // Opened after every handler is in place: a connection may fail while being opened.
    for (RedisConnection *conn : std::as_const(m_nodes))
        conn->open();
}

void ClientTracking::subscribe(RedisConnection *conn) {
    conn->send({"CLIENT", "ID"}, [this, conn](Result<RedisReply> id) {
        if (!id.ok() || id.value.type != RedisReply::Type::Integer)
            return; // closed meanwhile (the closed handler tore everything down)
        // Tracking is redirected to the connection itself: BCAST reports every change under
        // the prefix whoever reads it, so the pool's connections need not track, and one
        // socket per node carries both the request and the messages (if it drops, both go).
        const QList<QList<QByteArray>> commands = {{"CLIENT", "TRACKING", "on", "REDIRECT",
                                                    QByteArray::number(id.value.integer), "BCAST",
                                                    "PREFIX", m_prefix},
                                                   {"SUBSCRIBE", InvalidateChannel}};
        conn->sendMany(commands,
                       RedisConnection::gather(
                           commands.size(), [this, conn](Result<QList<RedisReply>> replies) {
                               if (!replies.ok())
                                   return;
                               for (const RedisReply &r : std::as_const(replies.value)) {
                                   if (r.isError()) {
                                       refused(conn, QString::fromUtf8(r.string));
                                       return;
                                   }
                               }
                               onSubscribed();
                           }));
    });
}

void ClientTracking::refused(RedisConnection *conn, const QString &why) {
    // E.g. an ACL without CLIENT or SUBSCRIBE: said once, then retried quietly with backoff.
    if (!m_warned)
        qCWarning(lcTracking).noquote() << "near cache off: Redis refused client tracking:" << why;
    m_warned = true;
    conn->close(CacheError::protocol(QStringLiteral("client tracking refused: ") + why));
}

void ClientTracking::onSubscribed() {
    if (++m_subscribed < m_nodes.size())
        return;
    m_retryMs = RetryStartMs;
    if (m_warned)
        qCInfo(lcTracking) << "near cache: invalidation tracking is back";
    m_warned = false;
    setOn(true);
}

void ClientTracking::onMessage(const RedisReply &message) {
    if (message.elements.at(1).string != InvalidateChannel)
        return;
    const RedisReply &payload = message.elements.at(2);
    if (payload.type != RedisReply::Type::Array) { // nil: FLUSHDB / FLUSHALL
        Q_EMIT everythingChanged();
        return;
    }
    QList<QByteArray> keys;
    keys.reserve(payload.elements.size());
    for (const RedisReply &key : payload.elements)
        keys.append(key.string);
    Q_EMIT keysChanged(keys);
}

void ClientTracking::teardown(const QString &why) {
    if (!why.isEmpty() && m_on && !m_warned) {
        qCWarning(lcTracking).noquote() << "near cache off until invalidations are back:" << why;
        m_warned = true;
    }
    m_subscribed = 0;
    setOn(false);
    const QList<RedisConnection *> nodes = std::exchange(m_nodes, {});
    for (RedisConnection *conn : nodes) {
        conn->disconnect(this);
        conn->close(CacheError::connection(QStringLiteral("client tracking restarted")));
        conn->deleteLater();
    }
}

void ClientTracking::setOn(bool on) {
    if (m_on == on)
        return;
    m_on = on;
    Q_EMIT trackingChanged(on);
}

} // namespace qrc
