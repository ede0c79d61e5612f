#pragma once

#include "ratelimit/ratelimitconfig.h"
#include "ratelimit/ratelimiter.h"
#include "requestguard.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <functional>

namespace qrc {

class RedisClient;

// The rate limiter as the HTTP pipeline's RequestGuard. A route's RouteSpec::limitScope picks
// its limits: "management" gets the management limit, a scope given its own limits here gets
// those, any other scope the default limit; each scope counts on its own. A scope written
// "group:route" ("default:/items/{item_id}") counts per route, SlowAPI's way, with the limits
// (and exemption) of the route if set, else of its group. Routes without a scope (/healthz)
// and exempt scopes are never limited.
class RateLimitGuard : public QObject, public RequestGuard {
    Q_OBJECT
public:
    // Who a request counts against, e.g. a user id or an API key. It should not return a
    // secret as is: the identity becomes part of a Redis key.
    using KeyFunction = std::function<QString(const HttpExchange &)>;

    static const QString DefaultScope;    // "default"
    static const QString ManagementScope; // "management"

    // `redis` is used only when config.redisStorage; it is shared, not owned.
    RateLimitGuard(const RateLimitConfig &config, RedisClient *redis, QObject *parent = nullptr);

    // Per-route limits: give the route its own scope and set its limits here. An empty list
    // makes the scope unlimited.
    void setScopeLimits(const QString &scope, const QList<RateLimitItem> &limits);
    CacheError setScopeLimits(const QString &scope, const QString &limits);
    void setExempt(const QString &scope, bool exempt = true);
    void setKeyFunction(KeyFunction keyFunction);
    QList<RateLimitItem> limitsFor(const QString &scope) const;

    RateLimiter *limiter() const { return m_limiter; }
    const RateLimitConfig &config() const { return m_config; }

    QString identity(const HttpExchange &exchange) const override;
    void check(const QString &identity, const QString &scope, Callback done) override;
    std::optional<Decision> decideNow(const QString &identity, const QString &scope) override;
    qint64 rejections() const override;
    bool limitsScope(const QString &scope) const override { return !limitsFor(scope).isEmpty(); }

private:
    // The headers and refusal text SlowAPI would send for this decision.
    Decision toGuardDecision(const RateLimitDecision &decision) const;
    // limitsFor() without a copy, valid until the limits of another scope are asked for.
    const QList<RateLimitItem> &scopeLimits(const QString &scope) const;
    QList<RateLimitItem> resolveLimits(const QString &scope) const;
    void forgetResolvedLimits();

    RateLimitConfig m_config;
    RateLimiter *m_limiter;
    QHash<QString, QList<RateLimitItem>> m_scopeLimits;
    QSet<QString> m_exempt;
    // limitsFor() per scope, resolved once: every limited request asks. Emptied whenever
    // limits or exemptions change.
    mutable QHash<QString, QList<RateLimitItem>> m_resolvedLimits;
    // The X-RateLimit-* headers of the last decision, rewritten in place for the next one:
    // once the previous answer is sent nothing else holds the list, and a decision then costs
    // no allocation (copy-on-write makes a new list while an earlier answer holds it). Limit
    // and Reset change rarely (per limit, per window); Remaining on every request.
    mutable HeaderList m_headers;
    mutable int m_limitAmount = -1;
    mutable qint64 m_resetSeconds = -1;
    // limitsFor() of the last scope asked (isSameStringData: no hashing of its text).
    mutable QString m_lastScope;
    mutable QList<RateLimitItem> m_lastScopeLimits;
    KeyFunction m_keyFunction;
    // The text of the last peer address seen: clients behind one proxy, or keep-alive
    // connections, send many requests from one address, and formatting it costs more than
    // the rest of the limit check.
    mutable QHostAddress m_lastPeer;
    mutable QString m_lastPeerText;
};

} // namespace qrc
