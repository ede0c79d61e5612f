// Rate-limit strings as RATE_LIMIT / RATE_LIMIT_MANAGEMENT / RATE_LIMIT_STRATEGY give them
// (core/ratelimit/ratelimititem).
#include "fuzzinput.h"
#include "ratelimit/ratelimititem.h"

using namespace qrc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)parseRateLimitStrategy(text);
    const Result<QList<RateLimitItem>> parsed = parseRateLimits(text);
    if (!parsed.ok()) {
        FUZZ_CHECK(parsed.error.message.contains(QStringLiteral("invalid rate limit")));
        return 0;
    }
    for (const RateLimitItem &item : parsed.value) {
        FUZZ_CHECK(item.amount >= 1 && item.multiples >= 1);
        // The Lua scripts compute in doubles: a window times an amount must stay exact.
        FUZZ_CHECK(double(item.windowMs()) * item.amount < 9007199254740992.0);
        FUZZ_CHECK(!item.keyPart().isEmpty());
        // What the 429 body says is a limit that parses back to the same limit.
        const Result<QList<RateLimitItem>> again = parseRateLimits(item.toString());
        FUZZ_CHECK(again.ok() && again.value.size() == 1 && again.value.first() == item);
    }
    return 0;
}
