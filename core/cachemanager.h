#pragma once

#include "cachebackend.h"
#include "cacheerror.h"
#include "cachestatistics.h"
#include "cachevalue.h"
#include "inlinefunction.h"
#include "redisclient.h"
#include "settings.h"

#include <QFuture>
#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace qrc {

class DistributedLease;
class FleetStatistics;
class KeyBrowser;
class Keyspace;
class MemoryBackend;
class NearCache;
class RedisBackend;

// The cache: one API over Redis and a bounded in-memory store. Redis is used while it
// answers; when it is unreachable at start or lost later, operations go to memory at once
// (none fails because of the switch) and Redis is probed with backoff. Invalidations made
// while on memory (removes, clears, and every key written there) are replayed to Redis before
// it is used again, so an outage never causes a stale read.
//
// Results are QFutures finished on the manager's thread; with the memory backend they are
// already finished when returned. State changes are signals.
class CacheManager : public QObject {
    Q_OBJECT
public:
    static QString defaultNamespace() { return QStringLiteral("default"); }

    explicit CacheManager(const Settings &settings, QObject *parent = nullptr);
    ~CacheManager() override;

    // Starts connecting to Redis (when enabled) and returns at once: the manager is usable
    // immediately, on memory until Redis answers.
    void start();

    const Settings &settings() const { return m_settings; }
    BackendKind activeBackend() const;
    RedisClient::State redisState() const;
    QString redisEndpoint() const;
    RedisClient *
    redisClient() const; // nullptr when Redis is disabled; shared with the rate limiter

    QFuture<Result<std::optional<CacheValue>>> get(const QString &key,
                                                   const QString &ns = defaultNamespace());
    // ttl: unset -> default_ttl; above max_ttl -> max_ttl; < 1 -> validation error.
    QFuture<Result<bool>> set(const QString &key, CacheValue value,
                              std::optional<qint64> ttl = std::nullopt,
                              const QString &ns = defaultNamespace());
    QFuture<Result<bool>> set(const QString &key, const QByteArray &data,
                              std::optional<qint64> ttl = std::nullopt,
                              const QString &ns = defaultNamespace());
    QFuture<Result<std::optional<QJsonValue>>> getJson(const QString &key,
                                                       const QString &ns = defaultNamespace());
    QFuture<Result<bool>> setJson(const QString &key, const QJsonValue &value,
                                  std::optional<qint64> ttl = std::nullopt,
                                  const QString &ns = defaultNamespace());
    // How many of the keys existed (and were removed) / exist.
    QFuture<Result<qint64>> remove(const QStringList &keys, const QString &ns = defaultNamespace());
    QFuture<Result<qint64>> exists(const QStringList &keys, const QString &ns = defaultNamespace());

    // Cache-aside. Concurrent misses of one key share a single producer call and its result.
    // A producer error is passed to every waiting caller and nothing is stored.
    //
    // The one operation that answers through a callback rather than a future, because it is
    // the request path's: `done` is called exactly once on the manager's thread, before this
    // returns when the answer is at hand (a HIT on the memory backend), later otherwise, so a
    // HIT builds no QFuture (its promise, mutex and result store cost about a quarter of an
    // HTTP HIT). It is dropped uncalled only when the manager is destroyed first.
    using Producer = std::function<QFuture<Result<CacheValue>>()>;
    // Inline: the request path's callback owns its request (a shared_ptr), which
    // std::function would put on the heap once per request.
    using ValueCallback = InlineFunction<void(const Result<CacheValue> &)>;
    void getOrSet(const QString &key, Producer producer, ValueCallback done,
                  std::optional<qint64> ttl = std::nullopt, const QString &ns = defaultNamespace(),
                  bool forceRefresh = false);

    // Seconds left; -2 when missing, -1 when the key never expires.
    QFuture<Result<qint64>> ttl(const QString &key, const QString &ns = defaultNamespace());
    // Applied TTL in seconds (clamped to max_ttl), or nullopt when the key does not exist.
    QFuture<Result<std::optional<qint64>>> expire(const QString &key, qint64 seconds,
                                                  const QString &ns = defaultNamespace());
    // Keys removed. Only keys under `<prefix>:<ns>:`, by SCAN + UNLINK in batches.
    QFuture<Result<qint64>> clear(const QString &ns);
    // Keys removed under `<prefix>:` (never FLUSHDB, never another application's keys).
    QFuture<Result<qint64>> clearAll();
    // Round-trip latency of the active backend in milliseconds.
    QFuture<Result<double>> ping();

    StatisticsSnapshot statistics() const { return m_stats.snapshot(); }
    QList<HistorySample> statisticsHistory(int seconds) const { return m_stats.history(seconds); }
    void resetStatistics();

    // Browsing namespaces and keys (the console, the management API).
    KeyBrowser *keyBrowser() const { return m_keyBrowser; }
    // For KeyBrowser: runs `op` on the active backend, and again on memory when Redis fails
    // with an outage (switching to memory as every cache operation does).
    void runWithFallback(std::function<void(CacheBackend *, CacheBackend::Callback<bool>)> op,
                         CacheBackend::Callback<bool> done);
    const Keyspace &keyspace() const;

    // The backends, for tests and diagnostics.
    MemoryBackend *memoryBackend() const { return m_memory; }
    RedisBackend *redisBackend() const { return m_redis; }
    // nullptr unless CACHE_NEAR_CACHE is on and Redis enabled.
    NearCache *nearCache() const { return m_near; }
    // The statistics of every instance on this Redis (`/cache/stats?scope=all`).
    FleetStatistics *fleetStatistics() const { return m_fleet; }

Q_SIGNALS:
    void backendChanged(qrc::BackendKind active);
    void redisStateChanged(qrc::RedisClient::State state, const QString &detail);
    void statisticsChanged(); // coalesced: at most a few times per second
    void errorOccurred(const qrc::CacheError &error);

private:
    class Impl;
    friend class Impl;

    Settings m_settings;
    MemoryBackend *m_memory = nullptr;
    RedisBackend *m_redis = nullptr;
    CacheStatistics m_stats;
    KeyBrowser *m_keyBrowser = nullptr;
    NearCache *m_near = nullptr;
    FleetStatistics *m_fleet = nullptr;
    DistributedLease *m_lease = nullptr; // CACHE_SINGLE_FLIGHT=distributed
    std::unique_ptr<Impl> d;
};

} // namespace qrc
