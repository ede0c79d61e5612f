#include "cachestatistics.h"

namespace qrc {

QString StatisticsSnapshot::hitRatePercent() const {
    return QString::number(totals.hitRate() * 100.0, 'f', 2) + QLatin1Char('%');
}

CacheStatistics::CacheStatistics()
    : m_ring(HistorySeconds) {
    reset();
}

void CacheStatistics::reset() {
    m_data = StatisticsSnapshot{};
    m_namespaces.clear();
    m_lastNs.clear();
    m_lastCounters = nullptr;
    m_data.createdAt = QDateTime::currentDateTimeUtc();
    m_lastUpdatedMs = m_data.createdAt.toMSecsSinceEpoch();
    std::fill(m_ring.begin(), m_ring.end(), HistorySample{});
}

void CacheStatistics::touch() {
    m_lastUpdatedMs = QDateTime::currentMSecsSinceEpoch();
}

HistorySample &CacheStatistics::currentSample(qint64 nowMs) {
    const qint64 second = nowMs / 1000;
    HistorySample &s = m_ring[size_t(second % HistorySeconds)];
    if (s.epochMs != second * 1000)
        s = HistorySample{second * 1000, 0, 0}; // the slot held a sample an hour old (or none)
    return s;
}

StatCounters &CacheStatistics::countersFor(const QString &ns) {
    if (!m_lastCounters || ns != m_lastNs) {
        m_lastCounters = &m_namespaces[ns];
        m_lastNs = ns;
    }
    return *m_lastCounters;
}

void CacheStatistics::recordHit(const QString &ns, qint64 bytes) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    ++m_data.totals.hits;
    ++countersFor(ns).hits;
    m_data.bytesRead += bytes;
    ++currentSample(now).hits;
    m_lastUpdatedMs = now;
}

void CacheStatistics::recordMiss(const QString &ns) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    ++m_data.totals.misses;
    ++countersFor(ns).misses;
    ++currentSample(now).misses;
    m_lastUpdatedMs = now;
}

void CacheStatistics::recordSet(const QString &ns, qint64 bytes) {
    ++m_data.totals.sets;
    ++countersFor(ns).sets;
    m_data.bytesWritten += bytes;
    touch();
}

void CacheStatistics::recordDeletes(const QString &ns, qint64 count) {
    if (count <= 0)
        return;
    m_data.totals.deletes += count;
    countersFor(ns).deletes += count;
    touch();
}

void CacheStatistics::recordEvictions(qint64 count) {
    m_data.evictions += count;
    touch();
}

void CacheStatistics::recordError() {
    ++m_data.errors;
    touch();
}

StatisticsSnapshot CacheStatistics::snapshot() const {
    StatisticsSnapshot s = m_data;
    s.namespaces.reserve(qsizetype(m_namespaces.size()));
    for (const auto &[ns, counters] : m_namespaces)
        s.namespaces.insert(ns, counters);
    s.lastUpdatedAt = QDateTime::fromMSecsSinceEpoch(m_lastUpdatedMs, Qt::UTC);
    return s;
}

QList<HistorySample> CacheStatistics::history(int seconds, qint64 nowMs) const {
    if (nowMs < 0)
        nowMs = QDateTime::currentMSecsSinceEpoch();
    seconds = qBound(1, seconds, HistorySeconds);
    const qint64 nowSecond = nowMs / 1000;
    QList<HistorySample> out;
    out.reserve(seconds);
    for (qint64 sec = nowSecond - seconds + 1; sec <= nowSecond; ++sec) {
        const HistorySample &s = m_ring[size_t(sec % HistorySeconds)];
        // Seconds with no traffic (or overwritten an hour ago) read as zero samples.
        out.append(s.epochMs == sec * 1000 ? s : HistorySample{sec * 1000, 0, 0});
    }
    return out;
}

} // namespace qrc
