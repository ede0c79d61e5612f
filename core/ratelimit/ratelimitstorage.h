#pragma once

#include "cacheerror.h"
#include "ratelimititem.h"

#include <QByteArray>
#include <QList>
#include <QVarLengthArray>

#include <functional>

namespace qrc {

// Where one limit stands after a hit (or a refused hit). Times are epoch milliseconds on the
// clock that decided (the injected clock, or the Redis server's TIME).
struct RateLimitStatus {
    qint64 remaining = 0;
    qint64 resetMs = 0; // when `remaining` next grows (the quota starts to come back)
    qint64 retryAtMs =
        0; // when refused by this limit: earliest time one request would pass; else 0
};

struct RateLimitOutcome {
    bool allowed = true;
    qint64 nowMs = 0;
    // One per limit, same order. Inline: requests usually have one or two limits, and this is
    // built on every limited request.
    QVarLengthArray<RateLimitStatus, 4> statuses;
};

// The counters of one strategy. A hit checks every limit and counts on all of them only if
// every one passes, atomically: a refused request consumes nothing.
class RateLimitStorage {
public:
    using Done = std::function<void(Result<RateLimitOutcome>)>;

    virtual ~RateLimitStorage() = default;

    // nowMs < 0 lets the storage read its own clock (Redis: the server's TIME).
    // May call `done` before returning (memory) or later from the event loop (Redis).
    virtual void hit(const QList<RateLimitItem> &limits, const QList<QByteArray> &keys,
                     qint64 nowMs, Done done) = 0;
};

} // namespace qrc
