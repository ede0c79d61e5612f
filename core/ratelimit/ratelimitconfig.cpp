#include "ratelimitconfig.h"

namespace qrc {

Result<RateLimitConfig> RateLimitConfig::fromSettings(const RateLimitSettings &settings) {
    using R = Result<RateLimitConfig>;
    const auto fail = [](const char *setting, const CacheError &e) {
        return R::failure(
            CacheError::validation(QLatin1String(setting) + QStringLiteral(": ") + e.message));
    };
    RateLimitConfig config;
    const auto defaults = parseRateLimits(settings.defaultLimit);
    if (!defaults.ok())
        return fail("RATE_LIMIT", defaults.error);
    config.defaultLimits = defaults.value;
    const auto management = parseRateLimits(settings.managementLimit);
    if (!management.ok())
        return fail("RATE_LIMIT_MANAGEMENT", management.error);
    config.managementLimits = management.value;
    const auto strategy = parseRateLimitStrategy(settings.strategy);
    if (!strategy.ok())
        return fail("RATE_LIMIT_STRATEGY", strategy.error);
    config.strategy = strategy.value;

    const QString storage = settings.storage.trimmed().toLower();
    if (storage == QLatin1String("redis"))
        config.redisStorage = true;
    else if (storage != QLatin1String("memory"))
        return fail(
            "RATE_LIMIT_STORAGE",
            CacheError::validation(
                QStringLiteral("invalid rate limit storage \"%1\": expected memory or redis")
                    .arg(settings.storage)));

    config.keyPrefix = settings.keyPrefix.trimmed();
    if (config.keyPrefix.isEmpty())
        return fail("RATE_LIMIT_PREFIX",
                    CacheError::validation(QStringLiteral("the key prefix must not be empty")));
    const auto proxies = TrustedProxies::parse(settings.trustedProxies);
    if (!proxies.ok())
        return fail("TRUSTED_PROXIES", proxies.error);
    config.trustedProxies = proxies.value;
    return R::success(config);
}

} // namespace qrc
