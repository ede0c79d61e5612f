#include "failover.h"

#include "bulkdelete.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCache)

namespace qrc {

namespace {
constexpr int MaxJournalKeys = 100000;
constexpr int ProbeBackoffStartMs = 250;
constexpr int ProbeBackoffMaxMs = 10000;
} // namespace

Failover::Failover(const Keyspace &keyspace, MemoryBackend *memory, RedisBackend *redis,
                   QObject *parent)
    : QObject(parent)
    , m_keyspace(keyspace)
    , m_memory(memory)
    , m_redis(redis)
    , m_probeBackoffMs(ProbeBackoffStartMs) {
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &Failover::probe);
    if (m_redis)
        connect(m_redis->client(), &RedisClient::stateChanged, this, &Failover::redisStateChanged);
}

void Failover::detach() {
    if (m_redis)
        disconnect(m_redis->client(), nullptr, this, nullptr);
}

// Fallback is triggered by transport faults, and by authentication failures (a password
// rotated under a running service is an outage, not bad input).
bool Failover::isOutage(const CacheError &e) {
    return e.isTransient() || e.kind == ErrorKind::Auth;
}

void Failover::redisStateChanged(RedisClient::State state, const QString &detail) {
    if (state == RedisClient::State::Connected) {
        m_probeTimer.stop();
        m_probeBackoffMs = ProbeBackoffStartMs;
        if (m_circuit == Circuit::Open)
            probe();
    } else if (m_circuit == Circuit::Closed) {
        openCircuit(CacheError::connection(
            detail.isEmpty() ? QStringLiteral("redis connection lost") : detail));
    }
}

void Failover::journalKey(const QByteArray &full) {
    if (!journaling() || m_journalAll)
        return;
    m_journalKeys.insert(full);
    if (m_journalKeys.size() > MaxJournalKeys) // too many to replay one by one
        journalEverything();
}

void Failover::journalNamespace(const QString &ns) {
    if (journaling() && !m_journalAll)
        m_journalNamespaces.insert(ns);
}

void Failover::journalEverything() {
    if (!journaling())
        return;
    m_journalKeys.clear();
    m_journalNamespaces.clear();
    m_journalAll = true;
}

void Failover::setActive(BackendKind kind) {
    if (m_active == kind)
        return;
    m_active = kind;
    qCInfo(lcCache).noquote() << "cache backend:"
                              << (kind == BackendKind::Redis
                                      ? QStringLiteral("redis ") + m_redis->client()->endpoint()
                                      : QStringLiteral("memory"));
    Q_EMIT activeChanged(kind);
}

void Failover::openCircuit(const CacheError &why) {
    if (m_circuit == Circuit::Closed) {
        qCWarning(lcCache).noquote() << "redis failed, using memory:" << why.message;
        Q_EMIT outage(why);
    }
    m_circuit = Circuit::Open;
    setActive(BackendKind::Memory);
    scheduleProbe();
}

void Failover::scheduleProbe() {
    if (!m_redis || m_probeTimer.isActive() || m_circuit == Circuit::HalfOpen)
        return;
    m_probeTimer.start(m_probeBackoffMs);
    m_probeBackoffMs = qMin(m_probeBackoffMs * 2, ProbeBackoffMaxMs);
}

// Half-open probe: one PING; on success replay the journal, then close the circuit.
void Failover::probe() {
    if (!m_redis || m_circuit != Circuit::Open)
        return;
    if (m_redis->client()->state() != RedisClient::State::Connected)
        return; // RedisClient reconnects with its own backoff; Connected re-triggers us
    m_circuit = Circuit::HalfOpen;
    QPointer<Failover> guard(this);
    m_redis->ping([this, guard](Result<qint64> r) {
        if (!guard)
            return;
        if (!r.ok()) {
            m_circuit = Circuit::Open;
            scheduleProbe();
            return;
        }
        replayJournal();
    });
}

void Failover::replayJournal() {
    if (!m_journalAll && m_journalKeys.isEmpty() && m_journalNamespaces.isEmpty()) {
        // Memory may hold entries written before an earlier outage ended: drop them so a
        // later fallback never serves values Redis has since replaced.
        m_memory->removeAll();
        m_circuit = Circuit::Closed;
        m_probeBackoffMs = ProbeBackoffStartMs;
        setActive(BackendKind::Redis);
        return;
    }
    // Take the current journal; whatever is journaled meanwhile is replayed next round.
    const bool all = std::exchange(m_journalAll, false);
    const QList<QByteArray> keys = std::exchange(m_journalKeys, {}).values();
    const QList<QString> namespaces = std::exchange(m_journalNamespaces, {}).values();
    QList<QByteArray> patterns;
    if (all)
        patterns.append(m_keyspace.allPattern());
    else
        for (const QString &ns : namespaces)
            patterns.append(m_keyspace.namespacePattern(ns));
    qCInfo(lcCache) << "replaying outage invalidations to redis:" << keys.size() << "keys,"
                    << patterns.size() << "patterns";
    QPointer<Failover> guard(this);
    // A failed replay puts its part of the journal back and waits for the next probe.
    auto failed = [this, all, keys, namespaces] {
        m_journalAll |= all;
        for (const QByteArray &k : keys)
            m_journalKeys.insert(k);
        for (const QString &ns : namespaces)
            m_journalNamespaces.insert(ns);
        m_circuit = Circuit::Open;
        scheduleProbe();
    };
    bulkdelete::keys(m_redis, keys, [=, this](Result<qint64> r) {
        if (!guard)
            return;
        if (!r.ok())
            return failed();
        bulkdelete::byPatterns(m_redis, patterns, [=, this](Result<qint64> r2) {
            if (!guard)
                return;
            if (!r2.ok())
                return failed();
            replayJournal(); // anything journaled during the replay, then close
        });
    });
}

} // namespace qrc
