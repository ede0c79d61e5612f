#pragma once

#include "cacheerror.h"

#include <QList>
#include <QString>

namespace qrc {

enum class RateLimitUnit { Second, Minute, Hour, Day };

// One "amount per multiples unit" limit, as SlowAPI / `limits` write them ("100/minute",
// "100 per minute", "5/2 seconds", "10 per 2 hours").
struct RateLimitItem {
    int amount = 0;
    int multiples = 1;
    RateLimitUnit unit = RateLimitUnit::Minute;

    qint64 windowMs() const;
    // SlowAPI's wording, used in the 429 body: "100 per 1 minute".
    QString toString() const;
    // Stable and short, part of the storage key: "100/1m".
    QByteArray keyPart() const;
    void appendKeyPart(QByteArray &key) const; // without a temporary: this is the hot path

    bool operator==(const RateLimitItem &) const = default;
};

// Parses one limit or several joined by ';' or ',' (all of them apply). "none" (or an empty
// string) gives an empty list, meaning "not limited". On error the message names the string.
Result<QList<RateLimitItem>> parseRateLimits(const QString &text);

enum class RateLimitStrategy { FixedWindow, MovingWindow, SlidingWindowCounter };

Result<RateLimitStrategy> parseRateLimitStrategy(const QString &text);
QString rateLimitStrategyName(RateLimitStrategy strategy);

} // namespace qrc
