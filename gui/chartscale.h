#pragma once

#include <QList>
#include <QtGlobal>

namespace qrc {

// Axis arithmetic for the live charts: ticks at values a reader can take in at a glance
// (1, 2 or 5 times a power of ten; whole seconds and minutes) instead of wherever an even
// division of the range happens to fall.

// The smallest step of the form {1, 2, 5} x 10^k that divides [0, span] into at most
// `maxIntervals` intervals. span <= 0 gives 1.
double niceStep(double span, int maxIntervals);

struct NiceRange {
    double top = 0;
    double step = 0;
};
// [0, top] with top a multiple of its nice step and at least `value` (and at least `minimum`).
NiceRange niceRangeFromZero(double value, int maxIntervals, double minimum = 1.0);

// The smallest of 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 6, 12 h that divides
// `spanMs` into at most `maxIntervals` intervals.
qint64 niceTimeStepMs(qint64 spanMs, int maxIntervals);

// The multiples of `stepMs` in [fromMs, toMs], counted in local time (utcOffsetMs added) so
// that a 15-minute step lands on :00, :15, ... of the user's clock.
QList<qint64> timeTicks(qint64 fromMs, qint64 toMs, qint64 stepMs, qint64 utcOffsetMs = 0);

} // namespace qrc
