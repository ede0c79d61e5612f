#include "ratelimitguard.h"

#include "http/httpreply.h"

#include <QLoggingCategory>

#include <charconv>
#include <cstring>

namespace qrc {

Q_LOGGING_CATEGORY(lcRateLimitGuard, "qrc.ratelimit")

const QString RateLimitGuard::DefaultScope = QStringLiteral("default");
const QString RateLimitGuard::ManagementScope = QStringLiteral("management");

RateLimitGuard::RateLimitGuard(const RateLimitConfig &config, RedisClient *redis, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_limiter(new RateLimiter(config.strategy, config.keyPrefix,
                                config.redisStorage ? redis : nullptr, this)) {}

void RateLimitGuard::setScopeLimits(const QString &scope, const QList<RateLimitItem> &limits) {
    m_scopeLimits.insert(scope, limits);
    forgetResolvedLimits();
}

CacheError RateLimitGuard::setScopeLimits(const QString &scope, const QString &limits) {
    const auto parsed = parseRateLimits(limits);
    if (!parsed.ok())
        return parsed.error;
    setScopeLimits(scope, parsed.value);
    return {};
}

void RateLimitGuard::setExempt(const QString &scope, bool exempt) {
    if (exempt)
        m_exempt.insert(scope);
    else
        m_exempt.remove(scope);
    forgetResolvedLimits();
}

void RateLimitGuard::forgetResolvedLimits() {
    m_resolvedLimits.clear();
    m_lastScope.clear();
    m_lastScopeLimits.clear();
}

void RateLimitGuard::setKeyFunction(KeyFunction keyFunction) {
    m_keyFunction = std::move(keyFunction);
}

QList<RateLimitItem> RateLimitGuard::limitsFor(const QString &scope) const {
    return scopeLimits(scope);
}

const QList<RateLimitItem> &RateLimitGuard::scopeLimits(const QString &scope) const {
    if (isSameStringData(m_lastScope, scope))
        return m_lastScopeLimits;
    m_lastScope = scope;
    m_lastScopeLimits = resolveLimits(scope);
    return m_lastScopeLimits;
}

QList<RateLimitItem> RateLimitGuard::resolveLimits(const QString &scope) const {
    if (const auto known = m_resolvedLimits.constFind(scope); known != m_resolvedLimits.cend())
        return *known;
    constexpr int MaxScopes = 1024; // scopes come from routes; a bound all the same
    if (m_resolvedLimits.size() >= MaxScopes)
        m_resolvedLimits.clear();
    const auto resolve = [&]() -> QList<RateLimitItem> {
        // "group:route" counts per route (SlowAPI's default limits are per endpoint) with the
        // group's limits unless the route has its own; a plain scope is one budget for its
        // group.
        const QStringView group = QStringView(scope).left(scope.indexOf(QLatin1Char(':')));
        for (const QString &name : {scope, group.toString()}) {
            if (name.isEmpty() || m_exempt.contains(name))
                return {};
            const auto it = m_scopeLimits.constFind(name);
            if (it != m_scopeLimits.cend())
                return *it;
        }
        return group == ManagementScope ? m_config.managementLimits : m_config.defaultLimits;
    };
    return *m_resolvedLimits.insert(scope, resolve());
}

QString RateLimitGuard::identity(const HttpExchange &exchange) const {
    if (m_keyFunction)
        return m_keyFunction(exchange);
    if (m_config.trustedProxies.isEmpty() ||
        !m_config.trustedProxies.contains(exchange.remoteAddress())) {
        if (m_lastPeerText.isEmpty() || exchange.remoteAddress() != m_lastPeer) {
            m_lastPeer = exchange.remoteAddress();
            m_lastPeerText = TrustedProxies::normalized(m_lastPeer).toString();
        }
        return m_lastPeerText;
    }
    // Every line of each header, in order: a proxy may add its own line after the client's.
    QList<QByteArray> xff, forwarded;
    for (const auto &[name, value] : exchange.headers()) {
        if (name.compare("x-forwarded-for", Qt::CaseInsensitive) == 0)
            xff.append(value);
        else if (name.compare("forwarded", Qt::CaseInsensitive) == 0)
            forwarded.append(value);
    }
    return m_config.trustedProxies.clientAddress(exchange.remoteAddress(), xff, forwarded)
        .toString();
}

RequestGuard::Decision RateLimitGuard::toGuardDecision(const RateLimitDecision &d) const {
    Decision out;
    out.allowed = d.allowed;
    if (!d.limited)
        return out;
    enum { Limit, Remaining, Reset };
    if (m_headers.isEmpty()) {
        m_headers = {{QByteArrayLiteral("X-RateLimit-Limit"), QByteArray()},
                     {QByteArrayLiteral("X-RateLimit-Remaining"), QByteArray()},
                     {QByteArrayLiteral("X-RateLimit-Reset"), QByteArray()}};
    }
    // Writing through operator[] detaches the list when an earlier answer still holds it (a
    // copy of the list, its values shared); the value below is then made anew.
    if (d.limit.amount != m_limitAmount) {
        m_limitAmount = d.limit.amount;
        m_headers[Limit].second = QByteArray::number(m_limitAmount);
    }
    if (d.resetEpochSeconds != m_resetSeconds) {
        m_resetSeconds = d.resetEpochSeconds;
        m_headers[Reset].second = QByteArray::number(m_resetSeconds);
    }
    constexpr int MaxDigits = 20; // a sign and 19 digits
    char digits[MaxDigits];
    const qsizetype length = std::to_chars(digits, digits + MaxDigits, d.remaining).ptr - digits;
    QByteArray &remaining = m_headers[Remaining].second;
    if (!remaining.isDetached() || remaining.capacity() < MaxDigits)
        remaining = QByteArray(MaxDigits, Qt::Uninitialized);
    remaining.resize(length); // within its capacity: no allocation
    std::memcpy(remaining.data(), digits, size_t(length));
    out.headers = m_headers;
    if (!d.allowed) {
        out.retryAfterSeconds = d.retryAfterSeconds;
        out.detail = QStringLiteral("Rate limit exceeded: ") + d.limit.toString();
    }
    return out;
}

void RateLimitGuard::check(const QString &identity, const QString &scope, Callback done) {
    const QList<RateLimitItem> limits = limitsFor(scope);
    if (limits.isEmpty()) {
        done(Decision{});
        return;
    }
    m_limiter->hit(
        scope, identity, limits,
        [this, done = std::move(done)](const RateLimitDecision &d) { done(toGuardDecision(d)); });
}

std::optional<RequestGuard::Decision> RateLimitGuard::decideNow(const QString &identity,
                                                                const QString &scope) {
    const QList<RateLimitItem> &limits = scopeLimits(scope);
    if (limits.isEmpty())
        return Decision{};
    if (std::optional<RateLimitDecision> d = m_limiter->hitNow(scope, identity, limits))
        return toGuardDecision(*d);
    return std::nullopt;
}

qint64 RateLimitGuard::rejections() const {
    return m_limiter->rejections();
}

} // namespace qrc
