#pragma once

#include "ratelimititem.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace qrc {

class MemoryRateLimitStorage;
class RedisClient;
class RedisRateLimitStorage;
struct RateLimitOutcome;

// What the HTTP layer needs to answer one request.
struct RateLimitDecision {
    bool limited = false; // some limit applied: the response carries the X-RateLimit-* headers
    bool allowed = true;
    RateLimitItem limit; // the limit the headers describe (the refusing one when refused)
    qint64 remaining = 0;
    qint64 resetEpochSeconds = 0;
    qint64 retryAfterSeconds = 0; // when refused: seconds until a request would pass
    bool fromRedis = false;
};

// True when `held` and `other` are the same string data: the same characters at the same
// address, in a buffer `held` keeps alive (a literal's or a raw buffer's data must not change
// while a copy exists, by QString's own contract). A scope is a route's own QString, passed on
// every request: this tells it is the last one without hashing or comparing its text.
bool isSameStringData(const QString &held, const QString &other);

// Counts requests per (scope, identity) against a list of limits that must all pass.
// With a RedisClient the counters live in Redis and are shared by every instance using the
// same key prefix; while Redis is not usable the limiter decides from its own memory, at
// once, and goes back to Redis when the client is Connected again (or, after a failed
// command on a connection that still looks up, when a probe request succeeds).
class RateLimiter : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // epoch milliseconds
    using Callback = std::function<void(const RateLimitDecision &)>;

    // redis may be nullptr (memory storage). The client must outlive the limiter or be
    // destroyed with it; it is not owned.
    RateLimiter(RateLimitStrategy strategy, const QString &keyPrefix, RedisClient *redis = nullptr,
                QObject *parent = nullptr);
    ~RateLimiter() override;

    // Without a clock, memory uses the system clock and Redis its own TIME (one clock for all
    // instances). An injected clock is used by both, for tests at window edges.
    void setClock(Clock clock);

    // `done` runs before hit() returns when memory decides, later when Redis does. Scopes
    // name a group of routes and must not contain '|'.
    void hit(const QString &scope, const QString &identity, const QList<RateLimitItem> &limits,
             Callback done);
    // The same hit, decided at once when the counters live in memory (no Redis storage
    // configured); std::nullopt, counting nothing, when they live in Redis: use hit().
    std::optional<RateLimitDecision> hitNow(const QString &scope, const QString &identity,
                                            const QList<RateLimitItem> &limits);

    RateLimitStrategy strategy() const { return m_strategy; }
    bool usingRedis() const { return m_usingRedis; }
    qint64 rejections() const { return m_rejections; }
    qint64 redisFallbacks() const { return m_redisFallbacks; } // requests Redis failed to decide
    QString storageName() const;

Q_SIGNALS:
    void storageChanged(bool usingRedis, const QString &detail);

private:
    RateLimitDecision hitMemory(const QList<RateLimitItem> &limits, const QList<QByteArray> &keys);
    RateLimitDecision decisionFor(const QList<RateLimitItem> &limits,
                                  const RateLimitOutcome &outcome, bool redis);
    // The scope's keys for this client, valid until the next call (a caller that keeps them
    // across an event loop turn copies them).
    const QList<QByteArray> &keysFor(const QString &scope, const QString &identity,
                                     const QList<RateLimitItem> &limits);
    // keysFor() when the scope's last client was another one (or its limits changed).
    Q_NEVER_INLINE const QList<QByteArray> &buildKeys(const QString &scope, const QString &identity,
                                                      const QList<RateLimitItem> &limits);
    bool redisUsableNow();
    void updateUsingRedis(const QString &detail);
    qint64 now() const;

    RateLimitStrategy m_strategy;
    QByteArray m_prefix;
    QByteArray m_strategyTag;
    QPointer<RedisClient> m_redisClient;
    std::unique_ptr<MemoryRateLimitStorage> m_memory;
    std::unique_ptr<RedisRateLimitStorage> m_redis;
    Clock m_clock;
    bool m_redisHealthy = true; // false after a transient failure until a probe succeeds
    bool m_probeInFlight = false;
    QElapsedTimer m_sinceFailure;
    QElapsedTimer m_scriptWarning;
    bool m_usingRedis = false;
    qint64 m_rejections = 0;
    qint64 m_redisFallbacks = 0;
    // Per scope, the parts of its storage keys that do not depend on the client: formatting
    // them costs as much as deciding. Scopes are few (one per route or group).
    struct ScopeKeys {
        QByteArray head; // "<prefix>:{<scope>|"
        QList<RateLimitItem> limits;
        QByteArrayList tails; // "}:<strategy>:<limit>", one per limit
        // The keys of the last client seen: keep-alive connections and clients behind a proxy
        // send runs of requests from one identity, and building its keys costs as much again.
        QString lastIdentity;
        QList<QByteArray> lastKeys;
    };
    QHash<QString, ScopeKeys> m_scopeKeys;
    // The entry of the last scope looked up (isSameStringData: no hashing of its text). Only
    // buildKeys() changes the table, and it resets this.
    QString m_lastScope;
    const ScopeKeys *m_lastParts = nullptr;
};

} // namespace qrc
