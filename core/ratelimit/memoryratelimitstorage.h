#pragma once

#include "ratelimitstorage.h"

#include <QVarLengthArray>

#include <deque>
#include <unordered_map>

namespace qrc {

// The three strategies over counters in this process. Synchronous: hit() calls `done` before
// it returns. Entries are dropped once they can no longer affect a decision.
class MemoryRateLimitStorage final : public RateLimitStorage {
public:
    explicit MemoryRateLimitStorage(RateLimitStrategy strategy);

    void hit(const QList<RateLimitItem> &limits, const QList<QByteArray> &keys, qint64 nowMs,
             Done done) override;
    RateLimitOutcome hitNow(const QList<RateLimitItem> &limits, const QList<QByteArray> &keys,
                            qint64 nowMs);

    RateLimitStrategy strategy() const { return m_strategy; }
    qsizetype entryCount() const { return qsizetype(m_entries.size()); }
    void clear();

private:
    struct Entry {
        qint64 window = -1;     // fixed / sliding: index of the current window (now / W)
        qint64 count = 0;       // fixed / sliding: hits in that window
        qint64 previous = 0;    // sliding: hits in the window before it
        std::deque<qint64> log; // moving: accepted timestamps, oldest first
        qint64 expiresAtMs = 0;
    };
    struct KeyHash {
        size_t operator()(const QByteArray &k) const noexcept { return qHash(k); }
    };

    using Entries = QVarLengthArray<Entry *, 4>; // the entries of a hit's keys, in order

    void fixedWindow(const QList<RateLimitItem> &limits, const Entries &entries,
                     RateLimitOutcome &out);
    void movingWindow(const QList<RateLimitItem> &limits, const Entries &entries,
                      RateLimitOutcome &out);
    void slidingWindowCounter(const QList<RateLimitItem> &limits, const Entries &entries,
                              RateLimitOutcome &out);
    Entry &entryFor(const QByteArray &key);
    void sweep(qint64 nowMs);

    RateLimitStrategy m_strategy;
    // unordered_map keeps references stable while other keys are inserted.
    std::unordered_map<QByteArray, Entry, KeyHash> m_entries;
    qint64 m_nextSweepMs = 0;
    // The entry of the last key looked up: a client's requests come in runs, and hashing its
    // key costs more than the rest of a fixed-window hit. Dropped by sweep() and clear().
    QByteArray m_lastKey;
    Entry *m_lastEntry = nullptr;
};

// Earliest time t >= nowMs at which the sliding-window-counter weight
//   floor(previous * (W - elapsed) / W) + current
// is <= target, given the counts at nowMs in the window starting at windowStartMs, with no
// further hits. Exposed for the tests that pin it down at window edges.
qint64 slidingWindowReachAt(qint64 previous, qint64 current, qint64 windowStartMs, qint64 nowMs,
                            qint64 windowMs, qint64 target);

} // namespace qrc
