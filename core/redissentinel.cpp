#include "redissentinel.h"

#include "redisconnection.h"

#include <QPointer>

#include <memory>

namespace qrc {

namespace {
constexpr int RewatchDelayMs = 250;
} // namespace

RedisSentinel::RedisSentinel(const RedisSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings) {
    for (const QString &entry : settings.sentinels) {
        const Result<Address> a = parseAddress(entry);
        if (!a.ok()) {
            m_configError = a.error.message;
            break;
        }
        m_sentinels.append(a.value);
    }
    if (m_configError.isEmpty() && m_sentinels.isEmpty())
        m_configError = QStringLiteral("REDIS_SENTINELS is empty");
    m_rewatch.setSingleShot(true);
    connect(&m_rewatch, &QTimer::timeout, this, &RedisSentinel::watch);
}

RedisSentinel::~RedisSentinel() {
    stop();
}

Result<RedisSentinel::Address> RedisSentinel::parseAddress(const QString &text) {
    const QString entry = text.trimmed();
    const qsizetype colon = entry.lastIndexOf(u':');
    bool ok = false;
    const int port = colon > 0 ? entry.mid(colon + 1).toInt(&ok, 10) : 0;
    QString host = entry.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (!ok || port < 1 || port > 65535 || host.isEmpty())
        return Result<Address>::failure(CacheError::validation(
            QStringLiteral("REDIS_SENTINELS: '%1' is not host:port").arg(entry)));
    return Result<Address>::success({host, port});
}

RedisSettings RedisSentinel::sentinelSettings(const Address &sentinel) const {
    RedisSettings s = m_settings;
    s.host = sentinel.host;
    s.port = sentinel.port;
    s.unixSocket.clear();
    s.db = 0;
    s.username = m_settings.sentinelUsername;
    s.password = m_settings.sentinelPassword;
    return s;
}

void RedisSentinel::discover(DiscoverCallback done) {
    if (!m_configError.isEmpty()) {
        done(Result<Address>::failure(CacheError::validation(m_configError)));
        return;
    }
    tryNext(0, {}, m_generation, std::move(done));
}

void RedisSentinel::tryNext(int index, QStringList failures, quint64 generation,
                            DiscoverCallback done) {
    if (generation != m_generation)
        return;
    if (index >= m_sentinels.size()) {
        done(Result<Address>::failure(CacheError::connection(
            QStringLiteral("No Sentinel gave the address of master '%1': %2")
                .arg(m_settings.sentinelMaster, failures.join(QStringLiteral("; "))))));
        return;
    }
    const Address sentinel = m_sentinels.at(index);
    const QString where = sentinel.host + u':' + QString::number(sentinel.port);
    // Without TLS: Sentinels are asked in plain RESP (hiredis' Sentinel support is the same).
    auto *conn = new RedisConnection(sentinelSettings(sentinel), m_tls, this);
    // Exactly one of ready/closed moves on to the answer or the next Sentinel.
    auto finished = std::make_shared<bool>(false);
    const QPointer<RedisSentinel> self(this);
    auto next = [this, self, index, failures, generation, done, conn,
                 finished](const QString &why) mutable {
        if (*finished)
            return;
        *finished = true;
        conn->disconnect(this);
        conn->close(CacheError::connection(QStringLiteral("Sentinel query done")));
        conn->deleteLater();
        if (!self)
            return;
        failures.append(why);
        tryNext(index + 1, failures, generation, done);
    };
    connect(conn, &RedisConnection::closed, this,
            [next, where](const CacheError &error, bool) mutable {
                next(where + QStringLiteral(": ") + error.message);
            });
    connect(conn, &RedisConnection::ready, this,
            [this, conn, next, where, finished, generation, done]() mutable {
                conn->send(
                    {"SENTINEL", "get-master-addr-by-name", m_settings.sentinelMaster.toUtf8()},
                    [this, conn, next, where, finished, generation,
                     done](Result<RedisReply> r) mutable {
                        if (*finished)
                            return;
                        const RedisReply &v = r.value;
                        if (r.ok() && v.type == RedisReply::Type::Array && v.elements.size() == 2) {
                            bool ok = false;
                            const int port = v.elements[1].string.toInt(&ok);
                            if (ok) {
                                *finished = true;
                                conn->disconnect(this);
                                conn->close(
                                    CacheError::connection(QStringLiteral("Sentinel query done")));
                                conn->deleteLater();
                                if (generation == m_generation)
                                    done(Result<Address>::success(
                                        {QString::fromUtf8(v.elements[0].string), port}));
                                return;
                            }
                        }
                        if (!r.ok())
                            return next(where + QStringLiteral(": ") + r.error.message);
                        next(where + (v.isError()
                                          ? QStringLiteral(": ") + QString::fromUtf8(v.string)
                                          : QStringLiteral(": does not know it")));
                    });
            });
    conn->open();
}

void RedisSentinel::watch() {
    if (m_watcher || !m_configError.isEmpty())
        return;
    m_watching = true;
    const Address sentinel = m_sentinels.at(m_watchIndex % m_sentinels.size());
    m_watcher = new RedisConnection(sentinelSettings(sentinel), m_tls, this);
    RedisConnection *conn = m_watcher;
    conn->setMessageHandler(
        [this](const RedisReply &message) { onMessage(message.elements.at(2).string); });
    connect(conn, &RedisConnection::ready, this, [this, conn] {
        conn->send({"SUBSCRIBE", "+switch-master"}, [this](Result<RedisReply> r) {
            if (r.ok() && !r.value.isError())
                Q_EMIT watching();
        });
    });
    connect(conn, &RedisConnection::closed, this, [this, conn](const CacheError &, bool) {
        conn->disconnect(this);
        conn->deleteLater();
        if (m_watcher == conn)
            m_watcher = nullptr;
        ++m_watchIndex; // the next Sentinel
        rewatchLater();
    });
    conn->open();
}

void RedisSentinel::rewatchLater() {
    if (m_watching && !m_rewatch.isActive())
        m_rewatch.start(RewatchDelayMs);
}

void RedisSentinel::onMessage(const QByteArray &payload) {
    // "<master name> <old ip> <old port> <new ip> <new port>"
    const QList<QByteArray> parts = payload.split(' ');
    if (parts.size() != 5 || QString::fromUtf8(parts[0]) != m_settings.sentinelMaster)
        return;
    bool ok = false;
    const int port = parts[4].toInt(&ok);
    if (ok)
        Q_EMIT masterSwitched(QString::fromUtf8(parts[3]), port);
}

void RedisSentinel::stop() {
    ++m_generation;
    m_watching = false;
    m_rewatch.stop();
    if (RedisConnection *conn = std::exchange(m_watcher, nullptr)) {
        conn->disconnect(this);
        conn->close(CacheError::connection(QStringLiteral("Sentinel watch stopped")));
        conn->deleteLater();
    }
}

} // namespace qrc
