#include "chartscale.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace qrc {

double niceStep(double span, int maxIntervals) {
    if (!(span > 0) || maxIntervals < 1)
        return 1.0;
    const double rough = span / maxIntervals;
    double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (;;) {
        for (double mantissa : {1.0, 2.0, 5.0}) {
            const double step = mantissa * power;
            // A tiny tolerance: 0.3 / 3 must give 0.1, not 0.2.
            if (step >= rough * (1.0 - 1e-9))
                return step;
        }
        power *= 10.0;
    }
}

NiceRange niceRangeFromZero(double value, int maxIntervals, double minimum) {
    const double wanted = std::max(value, minimum);
    // step >= wanted / maxIntervals, so rounding up never needs more than maxIntervals.
    const double step = niceStep(wanted, maxIntervals);
    return {std::ceil(wanted / step - 1e-9) * step, step};
}

qint64 niceTimeStepMs(qint64 spanMs, int maxIntervals) {
    static constexpr qint64 Steps[] = {1000,    2000,    5000,     10000,   15000,  30000,
                                       60000,   120000,  300000,   600000,  900000, 1800000,
                                       3600000, 7200000, 21600000, 43200000};
    if (maxIntervals < 1)
        maxIntervals = 1;
    for (qint64 step : Steps) {
        if (spanMs <= step * maxIntervals)
            return step;
    }
    return Steps[std::size(Steps) - 1];
}

QList<qint64> timeTicks(qint64 fromMs, qint64 toMs, qint64 stepMs, qint64 utcOffsetMs) {
    QList<qint64> ticks;
    if (stepMs <= 0 || toMs < fromMs)
        return ticks;
    const qint64 localFrom = fromMs + utcOffsetMs;
    qint64 first = localFrom / stepMs * stepMs;
    if (first < localFrom)
        first += stepMs;
    for (qint64 t = first; t <= toMs + utcOffsetMs; t += stepMs)
        ticks.append(t - utcOffsetMs);
    return ticks;
}

} // namespace qrc
