#include "ratelimiter.h"

#include "keyspace.h"
#include "memoryratelimitstorage.h"
#include "redisclient.h"
#include "redisratelimitstorage.h"

#include <QLoggingCategory>

namespace qrc {

Q_LOGGING_CATEGORY(lcRateLimit, "qrc.ratelimit")

namespace {

// After a command failed on a connection the client still calls Connected, one request is
// sent to Redis as a probe this often; the others keep deciding from memory meanwhile.
constexpr qint64 ProbeIntervalMs = 1000;
constexpr qint64 ScriptWarningIntervalMs = 10000;

qint64 ceilSeconds(qint64 ms) {
    return ms > 0 ? (ms + 999) / 1000 : -((-ms) / 1000);
}

} // namespace

bool isSameStringData(const QString &held, const QString &other) {
    return held.constData() == other.constData() && held.size() == other.size();
}

RateLimiter::RateLimiter(RateLimitStrategy strategy, const QString &keyPrefix, RedisClient *redis,
                         QObject *parent)
    : QObject(parent)
    , m_strategy(strategy)
    , m_prefix(keyPrefix.toUtf8())
    , m_redisClient(redis)
    , m_memory(std::make_unique<MemoryRateLimitStorage>(strategy)) {
    switch (strategy) {
    case RateLimitStrategy::FixedWindow:
        m_strategyTag = "fw";
        break;
    case RateLimitStrategy::MovingWindow:
        m_strategyTag = "mw";
        break;
    case RateLimitStrategy::SlidingWindowCounter:
        m_strategyTag = "swc";
        break;
    }
    if (redis) {
        m_redis = std::make_unique<RedisRateLimitStorage>(strategy, redis);
        connect(redis, &RedisClient::stateChanged, this,
                [this](RedisClient::State state, const QString &detail) {
                    if (state == RedisClient::State::Connected) {
                        m_redisHealthy = true;
                        m_probeInFlight = false;
                    }
                    updateUsingRedis(detail);
                });
        m_usingRedis = redis->state() == RedisClient::State::Connected;
    }
}

RateLimiter::~RateLimiter() = default;

void RateLimiter::setClock(Clock clock) {
    m_clock = std::move(clock);
}

qint64 RateLimiter::now() const {
    return m_clock ? m_clock() : -1;
}

QString RateLimiter::storageName() const {
    return m_usingRedis ? QStringLiteral("redis") : QStringLiteral("memory");
}

bool RateLimiter::redisUsableNow() {
    if (!m_redis || !m_redisClient || m_redisClient->state() != RedisClient::State::Connected)
        return false;
    if (m_redisHealthy)
        return true;
    if (m_probeInFlight || m_sinceFailure.elapsed() < ProbeIntervalMs)
        return false;
    m_probeInFlight = true;
    return true;
}

void RateLimiter::updateUsingRedis(const QString &detail) {
    const bool using_ = m_redis && m_redisClient &&
                        m_redisClient->state() == RedisClient::State::Connected && m_redisHealthy;
    if (using_ == m_usingRedis)
        return;
    m_usingRedis = using_;
    if (using_)
        qCInfo(lcRateLimit) << "rate limiting uses Redis";
    else
        qCWarning(lcRateLimit) << "rate limiting falls back to memory:" << detail;
    Q_EMIT storageChanged(using_, detail);
}

void RateLimiter::hit(const QString &scope, const QString &identity,
                      const QList<RateLimitItem> &limits, Callback done) {
    if (limits.isEmpty()) {
        done(RateLimitDecision{});
        return;
    }
    const QList<QByteArray> keys = keysFor(scope, identity, limits);

    if (!redisUsableNow()) {
        done(hitMemory(limits, keys));
        return;
    }
    QPointer<RateLimiter> self(this);
    m_redis->hit(limits, keys, now(), [self, limits, keys, done](Result<RateLimitOutcome> r) {
        if (!self)
            return;
        self->m_probeInFlight = false;
        if (r.ok()) {
            if (!self->m_redisHealthy) {
                self->m_redisHealthy = true;
                self->updateUsingRedis(QStringLiteral("probe succeeded"));
            }
            done(self->decisionFor(limits, r.value, true));
            return;
        }
        ++self->m_redisFallbacks;
        if (r.error.isTransient()) {
            self->m_redisHealthy = false;
            self->m_sinceFailure.start();
            self->updateUsingRedis(r.error.message);
        } else if (!self->m_scriptWarning.isValid() ||
                   self->m_scriptWarning.elapsed() >= ScriptWarningIntervalMs) {
            // Once in a while: a failing script (OOM, ACL) fails every request the same way.
            self->m_scriptWarning.start();
            qCWarning(lcRateLimit)
                << "rate limit script failed, deciding from memory:" << r.error.toString();
        }
        done(self->hitMemory(limits, keys));
    });
}

std::optional<RateLimitDecision> RateLimiter::hitNow(const QString &scope, const QString &identity,
                                                     const QList<RateLimitItem> &limits) {
    if (limits.isEmpty())
        return RateLimitDecision{};
    if (m_redis)
        return std::nullopt;
    return hitMemory(limits, keysFor(scope, identity, limits));
}

const QList<QByteArray> &RateLimiter::keysFor(const QString &scope, const QString &identity,
                                              const QList<RateLimitItem> &limits) {
    if (!m_lastParts || !isSameStringData(m_lastScope, scope)) {
        const auto it = std::as_const(m_scopeKeys).find(scope);
        if (it == m_scopeKeys.cend())
            return buildKeys(scope, identity, limits);
        m_lastScope = scope;
        m_lastParts = &*it;
    }
    const ScopeKeys &parts = *m_lastParts;
    // The identity is usually the very string of the last request (the guard's memo of the
    // peer's text): same data, same text, without comparing it.
    if (!parts.lastKeys.isEmpty() && parts.limits == limits &&
        (isSameStringData(parts.lastIdentity, identity) || parts.lastIdentity == identity))
        return parts.lastKeys;
    return buildKeys(scope, identity, limits);
}

const QList<QByteArray> &RateLimiter::buildKeys(const QString &scope, const QString &identity,
                                                const QList<RateLimitItem> &limits) {
    m_lastParts = nullptr;          // the table may change below
    constexpr int MaxScopes = 1024; // scopes come from routes; a bound all the same
    if (m_scopeKeys.size() >= MaxScopes && !m_scopeKeys.contains(scope))
        m_scopeKeys.clear();
    ScopeKeys &parts = m_scopeKeys[scope];
    if (parts.head.isEmpty()) {
        // {scope|identity} is a hash tag: all keys of one request land in one cluster slot.
        parts.head = m_prefix + ":{";
        appendUtf8(parts.head, scope);
        parts.head += '|';
    }
    if (parts.limits != limits) { // never empty here: hit() returns early on no limits
        parts.limits = limits;
        parts.tails.clear();
        parts.lastKeys.clear();
        for (const RateLimitItem &item : limits) {
            QByteArray tail = "}:" + m_strategyTag + ':';
            item.appendKeyPart(tail);
            parts.tails.append(tail);
        }
    }
    QList<QByteArray> keys;
    keys.reserve(parts.tails.size());
    for (const QByteArray &tail : std::as_const(parts.tails)) {
        QByteArray key;
        key.reserve(parts.head.size() + identity.size() + tail.size()); // exact for ASCII
        key += parts.head;
        appendUtf8(key, identity);
        key += tail;
        keys.append(std::move(key));
    }
    parts.lastIdentity = identity;
    parts.lastKeys = std::move(keys);
    return parts.lastKeys;
}

RateLimitDecision RateLimiter::hitMemory(const QList<RateLimitItem> &limits,
                                         const QList<QByteArray> &keys) {
    return decisionFor(limits, m_memory->hitNow(limits, keys, now()), false);
}

RateLimitDecision RateLimiter::decisionFor(const QList<RateLimitItem> &limits,
                                           const RateLimitOutcome &outcome, bool redis) {
    RateLimitDecision d;
    d.limited = true;
    d.allowed = outcome.allowed;
    d.fromRedis = redis;
    // Refused: describe the limit that frees up last, so Retry-After is enough for all of
    // them. Allowed: the one closest to running out.
    qsizetype pick = -1;
    for (qsizetype i = 0; i < outcome.statuses.size(); ++i) {
        const RateLimitStatus &s = outcome.statuses.at(i);
        if (pick < 0) {
            if (outcome.allowed || s.retryAtMs)
                pick = i;
            continue;
        }
        const RateLimitStatus &p = outcome.statuses.at(pick);
        if (outcome.allowed ? s.remaining < p.remaining : s.retryAtMs > p.retryAtMs)
            pick = i;
    }
    if (pick < 0)
        pick = 0;
    const RateLimitStatus &s = outcome.statuses.at(pick);
    d.limit = limits.at(pick);
    d.remaining = s.remaining;
    d.resetEpochSeconds = ceilSeconds(s.resetMs);
    if (!outcome.allowed) {
        ++m_rejections;
        d.retryAfterSeconds = std::max<qint64>(1, ceilSeconds(s.retryAtMs - outcome.nowMs));
    }
    return d;
}

} // namespace qrc
