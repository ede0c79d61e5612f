#include "historybuffer.h"

#include <algorithm>

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

QList<QPointF> windowAverage(const QList<QPointF> &values, const QList<QPointF> &weights,
                             double windowMs, double fromX) {
    QList<QPointF> out;
    const qsizetype n = std::min(values.size(), weights.size());
    double weighted = 0; // sum of value * weight inside the window
    double total = 0;    // sum of weights inside the window
    qsizetype tail = 0;  // first point inside the window
    double last = n > 0 ? values.first().y() : 0.0;
    for (qsizetype i = 0; i < n; ++i) {
        const double x = values[i].x();
        weighted += values[i].y() * weights[i].y();
        total += weights[i].y();
        while (tail < i && values[tail].x() <= x - windowMs) {
            weighted -= values[tail].y() * weights[tail].y();
            total -= weights[tail].y();
            ++tail;
        }
        // Subtraction leaves rounding dust where the window emptied.
        if (total > 1e-9)
            last = std::clamp(weighted / total, 0.0, 100.0);
        if (x >= fromX)
            out.append(QPointF(x, last));
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
    m_periods.clear();
    m_condition = ServerCondition::Normal;
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

QList<QPointF> StatsHistory::smoothedHitRate(const QString &ns, double fromX,
                                             double windowMs) const {
    const auto it = m_series.constFind(ns);
    if (it == m_series.cend())
        return {};
    return windowAverage(it->hitRate.since(fromX - windowMs), it->requests.since(fromX - windowMs),
                         windowMs, fromX);
}

void StatsHistory::observe(qint64 epochMs, ServerCondition condition) {
    const double x = double(epochMs);
    if (condition != ServerCondition::Normal) {
        if (m_condition != ServerCondition::Normal && !m_periods.isEmpty())
            m_periods.last().toX = x;
        if (condition != m_condition || m_periods.isEmpty())
            m_periods.append({x, x, condition});
        while (m_periods.size() > MaxPeriods)
            m_periods.removeFirst();
    } else if (m_condition != ServerCondition::Normal && !m_periods.isEmpty()) {
        m_periods.last().toX = x; // lasted until this observation
    }
    m_condition = condition;
}

QList<ConditionPeriod> StatsHistory::periods(double fromX) const {
    QList<ConditionPeriod> out;
    for (const ConditionPeriod &p : m_periods) {
        if (p.toX >= fromX)
            out.append(p);
    }
    return out;
}

QList<QPointF> StatsHistory::requestRate(const QString &ns, double fromX) const {
    const auto it = m_series.constFind(ns);
    return it == m_series.cend() ? QList<QPointF>() : it->requests.since(fromX);
}

} // namespace qrc
