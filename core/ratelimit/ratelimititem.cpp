#include "ratelimititem.h"

#include <QRegularExpression>

namespace qrc {

namespace {

qint64 unitMs(RateLimitUnit unit) {
    switch (unit) {
    case RateLimitUnit::Second:
        return 1000;
    case RateLimitUnit::Minute:
        return 60 * 1000;
    case RateLimitUnit::Hour:
        return 60 * 60 * 1000;
    case RateLimitUnit::Day:
        return 24 * 60 * 60 * 1000;
    }
    return 1000;
}

QString unitName(RateLimitUnit unit) {
    switch (unit) {
    case RateLimitUnit::Second:
        return QStringLiteral("second");
    case RateLimitUnit::Minute:
        return QStringLiteral("minute");
    case RateLimitUnit::Hour:
        return QStringLiteral("hour");
    case RateLimitUnit::Day:
        return QStringLiteral("day");
    }
    return {};
}

// The Lua scripts compute in doubles: every product they form (a count times a window in ms)
// must stay below 2^53 to be exact. MaxProduct leaves a factor of two to spare.
constexpr qint64 MaxProduct = qint64(1) << 52;
constexpr int MaxAmount = 1000000;
constexpr int MaxMultiples = 1000;

void appendDecimal(QByteArray &out, int value) {
    char digits[12];
    int n = 0;
    unsigned v = unsigned(value);
    do {
        digits[n++] = char('0' + v % 10);
        v /= 10;
    } while (v && n < int(sizeof digits));
    while (n)
        out.append(digits[--n]);
}

} // namespace

qint64 RateLimitItem::windowMs() const {
    return unitMs(unit) * multiples;
}

QString RateLimitItem::toString() const {
    return QStringLiteral("%1 per %2 %3").arg(amount).arg(multiples).arg(unitName(unit));
}

QByteArray RateLimitItem::keyPart() const {
    QByteArray key;
    appendKeyPart(key);
    return key;
}

void RateLimitItem::appendKeyPart(QByteArray &key) const {
    static const char letters[] = {'s', 'm', 'h', 'd'};
    appendDecimal(key, amount);
    key.append('/');
    appendDecimal(key, multiples);
    key.append(letters[int(unit)]);
}

Result<QList<RateLimitItem>> parseRateLimits(const QString &text) {
    using R = Result<QList<RateLimitItem>>;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return R::success({});

    static const QRegularExpression single(
        QStringLiteral("^\\s*(\\d+)\\s*(?:/|\\s+per\\s+)\\s*(?:(\\d+)\\s*)?"
                       "(second|minute|hour|day)s?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression separators(QStringLiteral("[;,]"));

    QList<RateLimitItem> items;
    for (const QString &part : trimmed.split(separators)) {
        const QRegularExpressionMatch m = single.match(part);
        const auto malformed = [&](const QString &why) {
            return R::failure(CacheError::validation(
                QStringLiteral("invalid rate limit \"%1\": %2").arg(text, why)));
        };
        if (!m.hasMatch())
            return malformed(QStringLiteral("\"%1\" is not of the form \"<amount>/<unit>\" or "
                                            "\"<amount> per [<n>] <unit>\" with unit "
                                            "second, minute, hour or day")
                                 .arg(part.trimmed()));
        bool ok = false;
        RateLimitItem item;
        const qlonglong amount = m.captured(1).toLongLong(&ok);
        if (!ok || amount < 1 || amount > MaxAmount)
            return malformed(QStringLiteral("amount must be between 1 and %1").arg(MaxAmount));
        item.amount = int(amount);
        if (m.hasCaptured(2) && !m.captured(2).isEmpty()) {
            const qlonglong multiples = m.captured(2).toLongLong(&ok);
            if (!ok || multiples < 1 || multiples > MaxMultiples)
                return malformed(
                    QStringLiteral("window multiple must be between 1 and %1").arg(MaxMultiples));
            item.multiples = int(multiples);
        }
        const QString unit = m.captured(3).toLower();
        if (unit == QLatin1String("second"))
            item.unit = RateLimitUnit::Second;
        else if (unit == QLatin1String("minute"))
            item.unit = RateLimitUnit::Minute;
        else if (unit == QLatin1String("hour"))
            item.unit = RateLimitUnit::Hour;
        else
            item.unit = RateLimitUnit::Day;
        if (qint64(item.amount) * item.windowMs() > MaxProduct)
            return malformed(QStringLiteral("%1 per %2 ms is too large a product to count exactly")
                                 .arg(item.amount)
                                 .arg(item.windowMs()));
        items.append(item);
    }
    return R::success(items);
}

Result<RateLimitStrategy> parseRateLimitStrategy(const QString &text) {
    using R = Result<RateLimitStrategy>;
    const QString s = text.trimmed().toLower();
    if (s == QLatin1String("fixed-window"))
        return R::success(RateLimitStrategy::FixedWindow);
    if (s == QLatin1String("moving-window"))
        return R::success(RateLimitStrategy::MovingWindow);
    if (s == QLatin1String("sliding-window-counter"))
        return R::success(RateLimitStrategy::SlidingWindowCounter);
    return R::failure(CacheError::validation(
        QStringLiteral("invalid rate limit strategy \"%1\": expected fixed-window, moving-window "
                       "or sliding-window-counter")
            .arg(text)));
}

QString rateLimitStrategyName(RateLimitStrategy strategy) {
    switch (strategy) {
    case RateLimitStrategy::FixedWindow:
        return QStringLiteral("fixed-window");
    case RateLimitStrategy::MovingWindow:
        return QStringLiteral("moving-window");
    case RateLimitStrategy::SlidingWindowCounter:
        return QStringLiteral("sliding-window-counter");
    }
    return {};
}

} // namespace qrc
