#pragma once

#include "cachebackend.h"
#include "keyspace.h"
#include "memorybackend.h"
#include "redisbackend.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>

namespace qrc {

// Which backend the cache uses, and the way back to Redis after an outage. A circuit breaker:
// closed (Redis in use), open (memory in use, Redis probed with backoff), half-open (one probe
// in flight). Invalidations made while memory is in use (every key written, removed or
// expired there, every namespace cleared) are journaled and replayed to Redis before it is
// used again, so an outage never causes a stale read.
class Failover : public QObject {
    Q_OBJECT
public:
    // `redis` is null when Redis is disabled: memory is then used for good.
    Failover(const Keyspace &keyspace, MemoryBackend *memory, RedisBackend *redis,
             QObject *parent = nullptr);

    BackendKind activeKind() const { return m_active; }
    CacheBackend *active() const {
        return m_active == BackendKind::Redis ? static_cast<CacheBackend *>(m_redis)
                                              : static_cast<CacheBackend *>(m_memory);
    }
    bool onMemory() const { return m_active == BackendKind::Memory; }

    // Runs `op` on the active backend; when Redis fails with an outage, switches to memory and
    // runs it again there, so the caller never sees the outage.
    template <typename T>
    void run(std::function<void(CacheBackend *, CacheBackend::Callback<T>)> op,
             CacheBackend::Callback<T> done);

    // What a write on the memory backend invalidates, for the replay. Called by the operation
    // as it runs on memory; ignored while Redis is in use or disabled.
    void journalKey(const QByteArray &full);
    void journalNamespace(const QString &ns);
    void journalEverything();

    // The Redis client stops: its state changes no longer move the circuit.
    void detach();

Q_SIGNALS:
    void activeChanged(qrc::BackendKind active);
    // Redis failed while in use (reported once per outage).
    void outage(const qrc::CacheError &why);

private:
    enum class Circuit { Closed, Open, HalfOpen };

    static bool isOutage(const CacheError &e);
    bool journaling() const { return m_redis && m_active == BackendKind::Memory; }
    void redisStateChanged(RedisClient::State state, const QString &detail);
    void setActive(BackendKind kind);
    void openCircuit(const CacheError &why);
    void scheduleProbe();
    void probe();
    void replayJournal();

    const Keyspace &m_keyspace;
    MemoryBackend *m_memory;
    RedisBackend *m_redis;
    BackendKind m_active = BackendKind::Memory;
    Circuit m_circuit = Circuit::Open;
    QTimer m_probeTimer;
    int m_probeBackoffMs;

    QSet<QByteArray> m_journalKeys;
    QSet<QString> m_journalNamespaces;
    bool m_journalAll = false;
};

template <typename T>
void Failover::run(std::function<void(CacheBackend *, CacheBackend::Callback<T>)> op,
                   CacheBackend::Callback<T> done) {
    CacheBackend *backend = active();
    if (backend == m_memory) {
        op(backend, std::move(done));
        return;
    }
    QPointer<Failover> guard(this);
    op(backend, [this, guard, op, done = std::move(done)](Result<T> r) mutable {
        if (!guard)
            return;
        if (!r.ok() && isOutage(r.error)) {
            openCircuit(r.error);
            op(m_memory, std::move(done));
            return;
        }
        done(std::move(r));
    });
}

} // namespace qrc
