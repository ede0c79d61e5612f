#include "memoryratelimitstorage.h"

#include <QDateTime>
#include <QVarLengthArray>

#include <algorithm>

namespace qrc {

namespace {

constexpr qint64 SweepIntervalMs = 10 * 1000;

} // namespace

qint64 slidingWindowReachAt(qint64 previous, qint64 current, qint64 windowStartMs, qint64 nowMs,
                            qint64 windowMs, qint64 target) {
    const qint64 w = windowMs;
    // floor(p * (W - e) / W) <= k  <=>  p * (W - e) < (k + 1) * W  <=>  e >= W - ((k+1)W - 1) / p
    if (current <= target) {
        if (previous == 0)
            return nowMs;
        const qint64 e = w - ((target - current + 1) * w - 1) / previous;
        if (e <= nowMs - windowStartMs)
            return nowMs;
        if (e < w)
            return windowStartMs + e;
    }
    // In the next window the current count becomes the previous one and starts to fade.
    if (current == 0)
        return windowStartMs + w;
    const qint64 e = std::max<qint64>(0, w - ((target + 1) * w - 1) / current);
    if (e < w)
        return windowStartMs + w + e;
    return windowStartMs + 2 * w;
}

MemoryRateLimitStorage::MemoryRateLimitStorage(RateLimitStrategy strategy)
    : m_strategy(strategy) {}

void MemoryRateLimitStorage::clear() {
    m_entries.clear();
    m_lastKey.clear();
    m_lastEntry = nullptr;
}

void MemoryRateLimitStorage::hit(const QList<RateLimitItem> &limits, const QList<QByteArray> &keys,
                                 qint64 nowMs, Done done) {
    done(Result<RateLimitOutcome>::success(hitNow(limits, keys, nowMs)));
}

RateLimitOutcome MemoryRateLimitStorage::hitNow(const QList<RateLimitItem> &limits,
                                                const QList<QByteArray> &keys, qint64 nowMs) {
    const qint64 now = nowMs >= 0 ? nowMs : QDateTime::currentMSecsSinceEpoch();
    if (now >= m_nextSweepMs || now + SweepIntervalMs < m_nextSweepMs)
        sweep(now);

    RateLimitOutcome out;
    out.nowMs = now;
    const qsizetype n = std::min(limits.size(), keys.size());
    out.statuses.resize(n);
    Entries entries(n);
    for (qsizetype i = 0; i < n; ++i)
        entries[i] = &entryFor(keys.at(i));
    // One function per strategy: a request runs only its own strategy's code.
    switch (m_strategy) {
    case RateLimitStrategy::FixedWindow:
        fixedWindow(limits, entries, out);
        break;
    case RateLimitStrategy::MovingWindow:
        movingWindow(limits, entries, out);
        break;
    case RateLimitStrategy::SlidingWindowCounter:
        slidingWindowCounter(limits, entries, out);
        break;
    }
    return out;
}

// Each strategy works in two phases: the first decides without counting, the second counts on
// every limit only if all of them passed.

void MemoryRateLimitStorage::fixedWindow(const QList<RateLimitItem> &limits, const Entries &entries,
                                         RateLimitOutcome &out) {
    const qint64 now = out.nowMs;
    // Counts as read before any is written (two limits may share a key, and count once).
    QVarLengthArray<qint64, 4> current(entries.size(), 0);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const RateLimitItem &item = limits.at(i);
        const qint64 idx = now / item.windowMs();
        current[i] = entries[i]->window == idx ? entries[i]->count : 0;
        if (current[i] + 1 > item.amount) {
            out.statuses[i].retryAtMs = (idx + 1) * item.windowMs();
            out.allowed = false;
        }
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const RateLimitItem &item = limits.at(i);
        const qint64 w = item.windowMs();
        const qint64 idx = now / w;
        Entry &e = *entries[i];
        qint64 count = current[i];
        if (out.allowed) {
            e.window = idx;
            e.count = ++count;
            e.expiresAtMs = (idx + 1) * w;
        }
        RateLimitStatus &st = out.statuses[i];
        st.remaining = std::max<qint64>(0, item.amount - count);
        st.resetMs = count ? (idx + 1) * w : now;
    }
}

void MemoryRateLimitStorage::movingWindow(const QList<RateLimitItem> &limits,
                                          const Entries &entries, RateLimitOutcome &out) {
    const qint64 now = out.nowMs;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const RateLimitItem &item = limits.at(i);
        const qint64 w = item.windowMs();
        std::deque<qint64> &log = entries[i]->log;
        // A timestamp counts while now - ts < W.
        while (!log.empty() && log.front() <= now - w)
            log.pop_front();
        const qint64 count = qint64(log.size());
        if (count + 1 > item.amount) {
            out.statuses[i].retryAtMs = log[size_t(count - item.amount)] + w;
            out.allowed = false;
        }
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const RateLimitItem &item = limits.at(i);
        const qint64 w = item.windowMs();
        Entry &e = *entries[i];
        if (out.allowed) {
            if (e.log.empty() || e.log.back() <= now)
                e.log.push_back(now);
            else
                e.log.insert(std::upper_bound(e.log.begin(), e.log.end(), now), now);
            e.expiresAtMs = e.log.back() + w;
        }
        RateLimitStatus &st = out.statuses[i];
        st.remaining = std::max<qint64>(0, item.amount - qint64(e.log.size()));
        st.resetMs = e.log.empty() ? now : e.log.front() + w;
    }
}

void MemoryRateLimitStorage::slidingWindowCounter(const QList<RateLimitItem> &limits,
                                                  const Entries &entries, RateLimitOutcome &out) {
    const qint64 now = out.nowMs;
    QVarLengthArray<qint64, 4> previous(entries.size(), 0), current(entries.size(), 0);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const RateLimitItem &item = limits.at(i);
        const qint64 w = item.windowMs();
        const qint64 idx = now / w;
        const qint64 start = idx * w;
        const Entry &e = *entries[i];
        qint64 cur = 0, prev = 0;
        if (e.window == idx) {
            cur = e.count;
            prev = e.previous;
        } else if (e.window == idx - 1) {
            prev = e.count;
        }
        previous[i] = prev;
        current[i] = cur;
        const qint64 weighted = prev * (w - (now - start)) / w + cur;
        if (weighted + 1 > item.amount) {
            out.statuses[i].retryAtMs =
                slidingWindowReachAt(prev, cur, start, now, w, item.amount - 1);
            out.allowed = false;
        }
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const RateLimitItem &item = limits.at(i);
        const qint64 w = item.windowMs();
        const qint64 idx = now / w;
        const qint64 start = idx * w;
        const qint64 prev = previous[i];
        qint64 cur = current[i];
        Entry &e = *entries[i];
        if (out.allowed) {
            e.window = idx;
            e.count = ++cur;
            e.previous = prev;
            e.expiresAtMs = start + 2 * w;
        }
        const qint64 weighted = prev * (w - (now - start)) / w + cur;
        RateLimitStatus &st = out.statuses[i];
        st.remaining = std::max<qint64>(0, item.amount - weighted);
        st.resetMs = weighted ? slidingWindowReachAt(prev, cur, start, now, w, weighted - 1) : now;
    }
}

MemoryRateLimitStorage::Entry &MemoryRateLimitStorage::entryFor(const QByteArray &key) {
    // The limiter hands over the very key of the last request while the client is the same:
    // the same data (held by m_lastKey, so not freed and reused) is the same text.
    if (m_lastEntry && (key.isSharedWith(m_lastKey) || key == m_lastKey))
        return *m_lastEntry;
    m_lastEntry = &m_entries[key];
    m_lastKey = key;
    return *m_lastEntry;
}

void MemoryRateLimitStorage::sweep(qint64 nowMs) {
    m_lastEntry = nullptr; // it may be erased below
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.expiresAtMs <= nowMs)
            it = m_entries.erase(it);
        else
            ++it;
    }
    m_nextSweepMs = nowMs + SweepIntervalMs;
}

} // namespace qrc
