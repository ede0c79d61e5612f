#pragma once

#include "cacheerror.h"
#include "ratelimititem.h"
#include "settings.h"
#include "trustedproxies.h"

namespace qrc {

// RateLimitSettings checked and parsed once at start-up. Every error message names the
// setting and the offending string, so the server can print it as its one line and exit 2.
struct RateLimitConfig {
    QList<RateLimitItem> defaultLimits;    // empty: demo routes are not limited
    QList<RateLimitItem> managementLimits; // empty: management routes are not limited
    RateLimitStrategy strategy = RateLimitStrategy::FixedWindow;
    bool redisStorage = false;
    QString keyPrefix;
    TrustedProxies trustedProxies;

    static Result<RateLimitConfig> fromSettings(const RateLimitSettings &settings);
};

} // namespace qrc
