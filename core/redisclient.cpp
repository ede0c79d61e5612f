#include "redisclient.h"

#include "rediscluster.h"
#include "redisconnection.h"
#include "redissentinel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

namespace qrc {

namespace {

constexpr int kInitialBackoffMs = 100;
constexpr int kMaxBackoffMs = 5000;
// A connection with this many commands in flight counts as busy: the pool grows by one.
// Deep pipelines on few sockets are what Redis serves fastest (one write() carries many
// commands); at 8 the pool spread 64 in-flight GETs over 8 sockets and halved throughput.
constexpr qsizetype kBusyPending = 64;
// After an extra connection failed (e.g. maxclients reached), the pool waits this long before
// growing again instead of dialling on every busy command.
constexpr qint64 kGrowPauseMs = 1000;

Result<QSslConfiguration> loadTls(const RedisSettings &s) {
    using R = Result<QSslConfiguration>;
    if (!QSslSocket::supportsSsl())
        return R::failure(CacheError::connection(
            QStringLiteral("REDIS_SSL is set but Qt has no TLS backend available")));
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setPeerVerifyMode(s.sslVerifyPeer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    if (!s.sslCaFile.isEmpty()) {
        const QList<QSslCertificate> ca = QSslCertificate::fromPath(s.sslCaFile);
        if (ca.isEmpty())
            return R::failure(CacheError::connection(
                QStringLiteral("Cannot read a CA certificate from REDIS_SSL_CA_FILE '%1'")
                    .arg(s.sslCaFile)));
        // Only the configured CA is trusted, as with redis-py's ssl_ca_certs.
        conf.setCaCertificates(ca);
    }
    if (!s.sslCertFile.isEmpty() || !s.sslKeyFile.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(s.sslCertFile);
        if (certs.isEmpty())
            return R::failure(CacheError::connection(
                QStringLiteral("Cannot read a client certificate from REDIS_SSL_CERT_FILE '%1'")
                    .arg(s.sslCertFile)));
        QFile keyFile(s.sslKeyFile);
        if (!keyFile.open(QIODevice::ReadOnly))
            return R::failure(
                CacheError::connection(QStringLiteral("Cannot open REDIS_SSL_KEY_FILE '%1': %2")
                                           .arg(s.sslKeyFile, keyFile.errorString())));
        const QByteArray pem = keyFile.readAll();
        QSslKey key;
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            key = QSslKey(pem, algorithm, QSsl::Pem);
            if (!key.isNull())
                break;
        }
        if (key.isNull())
            return R::failure(CacheError::connection(
                QStringLiteral("Cannot read a private key (RSA, EC or DSA, PEM, unencrypted) "
                               "from REDIS_SSL_KEY_FILE '%1'")
                    .arg(s.sslKeyFile)));
        conf.setLocalCertificate(certs.first());
        if (certs.size() > 1)
            conf.setLocalCertificateChain(certs);
        conf.setPrivateKey(key);
    }
    return R::success(conf);
}

QString stateName(RedisClient::State state) {
    switch (state) {
    case RedisClient::State::Disabled:
        return QStringLiteral("disabled");
    case RedisClient::State::Connecting:
        return QStringLiteral("connecting");
    case RedisClient::State::Connected:
        return QStringLiteral("connected");
    case RedisClient::State::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

} // namespace

class RedisClient::Private {
public:
    Private(RedisClient *q, const RedisSettings &settings)
        : q(q)
        , settings(settings) {
        reconnectTimer.setSingleShot(true);
    }

    void setState(State next, const QString &detail);
    void connectToRedis();
    void followMaster(const RedisSentinel::Address &master, const QString &why);
    void openConnection();
    void onReady(RedisConnection *conn);
    void onClosed(RedisConnection *conn, const CacheError &error);
    void scheduleReconnect();
    void dropAll(const CacheError &why);
    RedisConnection *pick();
    qsizetype readyCount() const;
    CacheError notConnectedError() const;

    RedisClient *q;
    RedisSettings settings;
    State state = State::Disabled;
    QString detail;
    QString lastError;
    ErrorKind lastErrorKind = ErrorKind::None;
    std::optional<QSslConfiguration> tls;
    QList<RedisConnection *> connections; // ready and handshaking
    QTimer reconnectTimer;
    int backoffMs = kInitialBackoffMs;
    QElapsedTimer growPause; // valid while growing is paused
    bool started = false;
    // Sentinel mode: settings.host/port hold the master last discovered.
    RedisSentinel *sentinel = nullptr;
    RedisCluster *cluster = nullptr; // Cluster mode: every command goes through it
    RedirectHandler redirectHandler; // a cluster's node: given to each connection
    bool discovering = false;
    quint64 generation = 0; // bumped on stop and on every switch: stale discoveries are dropped
};

void RedisClient::Private::connectToRedis() {
    if (!sentinel) {
        openConnection();
        return;
    }
    if (discovering)
        return;
    discovering = true;
    const quint64 asked = generation;
    sentinel->discover([this, asked](Result<RedisSentinel::Address> r) {
        if (asked != generation)
            return;
        discovering = false;
        if (!started || !connections.isEmpty())
            return;
        if (!r.ok()) {
            lastError = r.error.message;
            lastErrorKind = r.error.kind;
            setState(State::Unreachable, r.error.message);
            if (r.error.kind != ErrorKind::Validation)
                scheduleReconnect();
            return;
        }
        settings.host = r.value.host;
        settings.port = r.value.port;
        openConnection();
    });
}

// The Sentinels named a new master: every connection to the old one goes (its pending
// commands fail as a lost connection, which sends CacheManager to memory and its journal), and
// the new one is dialled at once. ROLE in the handshake proves it really is the master.
void RedisClient::Private::followMaster(const RedisSentinel::Address &master, const QString &why) {
    if (!started)
        return;
    if (master.host == settings.host && master.port == settings.port && readyCount() > 0)
        return;
    ++generation;
    discovering = false;
    reconnectTimer.stop();
    backoffMs = kInitialBackoffMs;
    dropAll(CacheError::connection(why));
    settings.host = master.host;
    settings.port = master.port;
    setState(State::Connecting, why);
    openConnection();
}

void RedisClient::Private::setState(State next, const QString &text) {
    if (next == state && text == detail)
        return;
    state = next;
    detail = text;
    Q_EMIT q->stateChanged(state, detail);
}

qsizetype RedisClient::Private::readyCount() const {
    return std::count_if(connections.cbegin(), connections.cend(),
                         [](const RedisConnection *c) { return c->isReady(); });
}

void RedisClient::Private::openConnection() {
    RedisConnection *conn = q->createNodeConnections(q).first();
    if (redirectHandler)
        conn->setRedirectHandler(redirectHandler);
    connections.append(conn);
    QObject::connect(conn, &RedisConnection::ready, q, [this, conn] { onReady(conn); });
    QObject::connect(conn, &RedisConnection::closed, q,
                     [this, conn](const CacheError &error, bool) { onClosed(conn, error); });
    conn->open();
}

void RedisClient::Private::onReady(RedisConnection *) {
    backoffMs = kInitialBackoffMs;
    setState(State::Connected, QStringLiteral("Connected to Redis at %1").arg(q->endpoint()));
}

void RedisClient::Private::onClosed(RedisConnection *conn, const CacheError &error) {
    connections.removeOne(conn);
    conn->disconnect(q);
    conn->deleteLater();
    lastError = error.message;
    lastErrorKind = error.kind;
    if (readyCount() > 0) {
        growPause.start();
        return;
    }
    // No usable connection left: a half-open pool would only mislead callers, so start over
    // with a single probe.
    dropAll(error);
    setState(State::Unreachable, error.message);
    scheduleReconnect();
}

void RedisClient::Private::dropAll(const CacheError &why) {
    const QList<RedisConnection *> all = std::exchange(connections, {});
    for (RedisConnection *conn : all) {
        conn->disconnect(q);
        conn->close(why);
        conn->deleteLater();
    }
}

void RedisClient::Private::scheduleReconnect() {
    // Jitter keeps many clients from hammering a recovering server in lockstep.
    const int jitter = int(QRandomGenerator::global()->bounded(backoffMs / 5 + 1));
    reconnectTimer.start(backoffMs + jitter);
    backoffMs = std::min(backoffMs * 2, kMaxBackoffMs);
}

RedisConnection *RedisClient::Private::pick() {
    // Every command comes through here: one pass over the pool, and the questions about
    // growing it (a clock read among them) only once the least busy connection is busy.
    RedisConnection *best = nullptr;
    qsizetype bestPending = 0;
    for (RedisConnection *conn : std::as_const(connections)) {
        if (!conn->isReady())
            continue;
        const qsizetype pending = conn->pendingCount();
        if (!best || pending < bestPending) {
            best = conn;
            bestPending = pending;
            if (pending == 0)
                break;
        }
    }
    if (!best || bestPending < kBusyPending ||
        connections.size() >= std::max(1, settings.maxConnections))
        return best;
    const bool growing = connections.size() > readyCount();
    const bool paused = growPause.isValid() && growPause.elapsed() < kGrowPauseMs;
    if (!growing && !paused)
        openConnection();
    return best;
}

CacheError RedisClient::Private::notConnectedError() const {
    QString text = QStringLiteral("Redis at %1 is %2").arg(q->endpoint(), stateName(state));
    if (state == State::Unreachable && !lastError.isEmpty())
        text += QStringLiteral(": ") + lastError;
    // Keep the cause visible: a wrong password is not fixed by waiting.
    if (state == State::Unreachable && lastErrorKind == ErrorKind::Auth)
        return CacheError::auth(text);
    return CacheError::connection(text);
}

RedisClient::RedisClient(const RedisSettings &settings, QObject *parent)
    : QObject(parent)
    , d(new Private(this, settings)) {
    connect(&d->reconnectTimer, &QTimer::timeout, this, [this] {
        if (d->started && d->connections.isEmpty())
            d->connectToRedis();
    });
    if (!settings.clusterNodes.isEmpty()) {
        d->cluster = new RedisCluster(settings, this);
        connect(d->cluster, &RedisCluster::readyChanged, this,
                [this](bool ready, const QString &detail) {
                    if (!d->started)
                        return;
                    if (!ready) {
                        d->lastError = detail;
                        d->lastErrorKind = ErrorKind::Connection;
                    }
                    d->setState(ready ? State::Connected : State::Unreachable, detail);
                });
    } else if (!settings.sentinels.isEmpty()) {
        d->sentinel = new RedisSentinel(settings, this);
        connect(d->sentinel, &RedisSentinel::masterSwitched, this,
                [this](const QString &host, int port) {
                    d->followMaster({host, port},
                                    QStringLiteral("Sentinel fail-over: master '%1' is now %2:%3")
                                        .arg(d->settings.sentinelMaster, host)
                                        .arg(port));
                });
        // A switch announced while the subscription was down is caught by asking again.
        connect(d->sentinel, &RedisSentinel::watching, this, [this] {
            if (d->state != State::Connected)
                return; // the reconnect loop asks the Sentinels anyway
            const quint64 asked = d->generation;
            d->sentinel->discover([this, asked](Result<RedisSentinel::Address> r) {
                if (r.ok() && asked == d->generation)
                    d->followMaster(r.value, QStringLiteral("Sentinel: master '%1' is now %2:%3")
                                                 .arg(d->settings.sentinelMaster, r.value.host)
                                                 .arg(r.value.port));
            });
        });
    }
}

RedisClient::~RedisClient() {
    d->started = false;
    d->state = State::Disabled; // callbacks that retry from here fail at once
    d->reconnectTimer.stop();
    if (d->sentinel) {
        d->sentinel->disconnect(this);
        d->sentinel->stop();
    }
    if (d->cluster) {
        d->cluster->disconnect(this);
        d->cluster->stop();
    }
    // No signals from a half-destroyed object, but no caller may be left waiting either.
    blockSignals(true);
    d->dropAll(CacheError::connection(QStringLiteral("Redis client destroyed")));
    delete d;
}

void RedisClient::start() {
    if (d->started)
        return;
    if (!d->settings.enabled) {
        d->setState(State::Disabled, QStringLiteral("Redis is disabled by configuration"));
        return;
    }
    d->started = true;
    d->backoffMs = kInitialBackoffMs;
    if (d->cluster) {
        d->setState(State::Connecting, QStringLiteral("Connecting to Redis %1").arg(endpoint()));
        d->cluster->start();
        return;
    }
    d->tls.reset();
    const bool sentinelTls = d->sentinel && d->settings.sentinelSsl;
    if (d->settings.ssl || sentinelTls) {
        Result<QSslConfiguration> conf = loadTls(d->settings);
        if (!conf.ok()) {
            // A configuration error does not heal by retrying.
            d->started = false;
            d->lastError = conf.error.message;
            d->lastErrorKind = conf.error.kind;
            d->setState(State::Unreachable, conf.error.message);
            return;
        }
        if (d->settings.ssl)
            d->tls = conf.value;
        if (sentinelTls)
            d->sentinel->setTls(conf.value);
    }
    d->setState(State::Connecting, QStringLiteral("Connecting to Redis at %1").arg(endpoint()));
    if (d->sentinel)
        d->sentinel->watch();
    d->connectToRedis();
}

void RedisClient::stop() {
    d->started = false;
    ++d->generation;
    d->discovering = false;
    if (d->sentinel)
        d->sentinel->stop();
    if (d->cluster)
        d->cluster->stop();
    d->reconnectTimer.stop();
    d->dropAll(CacheError::connection(QStringLiteral("Redis client stopped")));
    d->setState(State::Disabled, QStringLiteral("Redis client stopped"));
}

RedisClient::State RedisClient::state() const {
    return d->state;
}

QString RedisClient::lastError() const {
    return d->lastError;
}

QString RedisClient::endpoint() const {
    if (d->cluster)
        return d->cluster->endpoint();
    if (d->sentinel)
        return QStringLiteral("master '%1' (%2:%3 via Sentinel) db %4")
            .arg(d->settings.sentinelMaster, d->settings.host)
            .arg(d->settings.port)
            .arg(d->settings.db);
    if (!d->settings.unixSocket.isEmpty())
        return QStringLiteral("unix:%1 db %2").arg(d->settings.unixSocket).arg(d->settings.db);
    return QStringLiteral("%1:%2 db %3")
        .arg(d->settings.host)
        .arg(d->settings.port)
        .arg(d->settings.db);
}

void RedisClient::execute(const QList<QByteArray> &argv, ReplyCallback done) {
    if (d->cluster) {
        if (d->state != State::Connected && !d->cluster->isReady()) {
            done(Result<RedisReply>::failure(d->notConnectedError()));
            return;
        }
        d->cluster->execute(argv, std::move(done));
        return;
    }
    sendRedirected(argv, std::move(done), 0, false);
}

void RedisClient::setRedirectHandler(RedirectHandler handler) {
    d->redirectHandler = std::move(handler);
}

void RedisClient::sendRedirected(const QList<QByteArray> &argv, ReplyCallback done, int redirects,
                                 bool asking) {
    RedisConnection *conn = d->state == State::Connected ? d->pick() : nullptr;
    if (!conn) {
        done(Result<RedisReply>::failure(d->notConnectedError()));
        return;
    }
    conn->send(argv, std::move(done), redirects, asking);
}

void RedisClient::executePipeline(const QList<QList<QByteArray>> &commands, PipelineCallback done) {
    if (d->cluster) {
        if (d->state != State::Connected && !d->cluster->isReady()) {
            done(Result<QList<RedisReply>>::failure(d->notConnectedError()));
            return;
        }
        d->cluster->executePipeline(commands, std::move(done));
        return;
    }
    RedisConnection *conn = d->state == State::Connected ? d->pick() : nullptr;
    if (!conn) {
        done(Result<QList<RedisReply>>::failure(d->notConnectedError()));
        return;
    }
    if (commands.isEmpty()) {
        done(Result<QList<RedisReply>>::success({}));
        return;
    }
    conn->sendMany(commands, RedisConnection::gather(commands.size(), std::move(done)));
}

QList<RedisConnection *> RedisClient::createNodeConnections(QObject *parent) const {
    if (d->cluster) {
        QList<RedisConnection *> out;
        for (const RedisClient *master : d->cluster->masterClients())
            out += master->createNodeConnections(parent);
        return out;
    }
    auto *conn = new RedisConnection(d->settings, d->tls, parent);
    conn->setRequireMaster(d->sentinel != nullptr);
    return {conn};
}

} // namespace qrc
