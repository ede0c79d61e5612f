#include "historybuffer.h"

namespace qrc {

PointRing::PointRing(int capacity)
    : m_points(size_t(qMax(1, capacity))) {}

void PointRing::append(const QPointF &p) {
    m_points[size_t(m_head)] = p;
    m_head = (m_head + 1) % capacity();
    m_size = qMin(m_size + 1, capacity());
}

void PointRing::clear() {
    m_head = 0;
    m_size = 0;
}

QPointF PointRing::last() const {
    if (m_size == 0)
        return {};
    return m_points[size_t((m_head - 1 + capacity()) % capacity())];
}

QList<QPointF> PointRing::since(double fromX) const {
    QList<QPointF> out;
    const int start = (m_head - m_size + capacity()) % capacity();
    for (int i = 0; i < m_size; ++i) {
        const QPointF &p = m_points[size_t((start + i) % capacity())];
        if (p.x() >= fromX)
            out.append(p);
    }
    return out;
}

StatsHistory::StatsHistory(int capacity)
    : m_capacity(capacity) {}

StatsHistory::Series &StatsHistory::series(const QString &ns) {
    auto it = m_series.find(ns);
    if (it == m_series.end())
        it = m_series.insert(
            ns, Series{PointRing(m_capacity), PointRing(m_capacity), {}, 0, false, 0.0});
    return *it;
}

void StatsHistory::clear() {
    m_series.clear();
}

QStringList StatsHistory::namespaces() const {
    QStringList names = m_series.keys();
    names.removeAll(overall());
    return names;
}

void StatsHistory::fill(const QList<HistoryPoint> &samples) {
    Series &s = series(overall());
    s.hitRate.clear();
    s.requests.clear();
    for (const HistoryPoint &p : samples) {
        const qint64 total = p.hits + p.misses;
        // A second without requests keeps the previous rate: a drop to 0 % would be a lie.
        if (total > 0)
            s.lastHitRate = 100.0 * double(p.hits) / double(total);
        s.hitRate.append(QPointF(double(p.epochMs), s.lastHitRate));
        s.requests.append(QPointF(double(p.epochMs), double(total)));
    }
    // The next /cache/stats answer only primes the counters; the history already covers now.
    s.primed = false;
}

void StatsHistory::add(qint64 epochMs, const ServerStats &stats) {
    addSample(series(overall()), epochMs, stats.totals);
    for (auto it = stats.namespaces.cbegin(); it != stats.namespaces.cend(); ++it)
        addSample(series(it.key()), epochMs, it.value());
}

void StatsHistory::addSample(Series &s, qint64 epochMs, const NamespaceCounters &c) {
    const bool reset = c.hits < s.last.hits || c.misses < s.last.misses;
    if (!s.primed || reset || epochMs <= s.lastMs) {
        s.last = c;
        s.lastMs = epochMs;
        s.primed = true;
        return;
    }
    const qint64 hits = c.hits - s.last.hits;
    const qint64 misses = c.misses - s.last.misses;
    const double seconds = double(epochMs - s.lastMs) / 1000.0;
    if (hits + misses > 0)
        s.lastHitRate = 100.0 * double(hits) / double(hits + misses);
    s.hitRate.append(QPointF(double(epochMs), s.lastHitRate));
    s.requests.append(QPointF(double(epochMs), double(hits + misses) / seconds));
    s.last = c;
    s.lastMs = epochMs;
}

QList<QPointF> StatsHistory::hitRate(const QString &ns, double fromX) const {
    const auto it = m_series.constFind(ns);
    return it == m_series.cend() ? QList<QPointF>() : it->hitRate.since(fromX);
}

QList<QPointF> StatsHistory::requestRate(const QString &ns, double fromX) const {
    const auto it = m_series.constFind(ns);
    return it == m_series.cend() ? QList<QPointF>() : it->requests.since(fromX);
}

} // namespace qrc
