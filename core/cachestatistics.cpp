#include "cachestatistics.h"

namespace qrc {

QString StatisticsSnapshot::hitRatePercent() const {
    return QString::number(totals.hitRate() * 100.0, 'f', 2) + QLatin1Char('%');
}

namespace {

QString isoTime(const QDateTime &time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

StatCounters countersFromJson(const QJsonObject &o) {
    return {o.value(u"hits").toInteger(), o.value(u"misses").toInteger(),
            o.value(u"sets").toInteger(), o.value(u"deletes").toInteger()};
}

void addCounters(StatCounters &to, const StatCounters &from) {
    to.hits += from.hits;
    to.misses += from.misses;
    to.sets += from.sets;
    to.deletes += from.deletes;
}

} // namespace

QJsonObject StatisticsSnapshot::toJson() const {
    QJsonObject perNamespace;
    for (auto it = namespaces.cbegin(); it != namespaces.cend(); ++it)
        perNamespace.insert(it.key(), QJsonObject{{QStringLiteral("hits"), it->hits},
                                                  {QStringLiteral("misses"), it->misses},
                                                  {QStringLiteral("hit_rate"), it->hitRate()},
                                                  {QStringLiteral("sets"), it->sets},
                                                  {QStringLiteral("deletes"), it->deletes}});
    return {
        {QStringLiteral("hits"), totals.hits},
        {QStringLiteral("misses"), totals.misses},
        {QStringLiteral("hit_rate"), totals.hitRate()},
        {QStringLiteral("hit_rate_percent"), hitRatePercent()},
        {QStringLiteral("sets"), totals.sets},
        {QStringLiteral("deletes"), totals.deletes},
        {QStringLiteral("evictions"), evictions},
        {QStringLiteral("errors"), errors},
        {QStringLiteral("bytes_read"), bytesRead},
        {QStringLiteral("bytes_written"), bytesWritten},
        {QStringLiteral("total_requests"), totalRequests()},
        {QStringLiteral("created_at"), isoTime(createdAt)},
        {QStringLiteral("last_updated_at"), isoTime(lastUpdatedAt)},
        {QStringLiteral("namespaces"), perNamespace},
    };
}

StatisticsSnapshot StatisticsSnapshot::fromJson(const QJsonObject &json) {
    StatisticsSnapshot s;
    s.totals = countersFromJson(json);
    s.evictions = json.value(u"evictions").toInteger();
    s.errors = json.value(u"errors").toInteger();
    s.bytesRead = json.value(u"bytes_read").toInteger();
    s.bytesWritten = json.value(u"bytes_written").toInteger();
    s.createdAt = QDateTime::fromString(json.value(u"created_at").toString(), Qt::ISODateWithMs);
    s.lastUpdatedAt =
        QDateTime::fromString(json.value(u"last_updated_at").toString(), Qt::ISODateWithMs);
    const QJsonObject perNamespace = json.value(u"namespaces").toObject();
    for (auto it = perNamespace.constBegin(); it != perNamespace.constEnd(); ++it)
        s.namespaces.insert(it.key(), countersFromJson(it.value().toObject()));
    return s;
}

void StatisticsSnapshot::add(const StatisticsSnapshot &other) {
    addCounters(totals, other.totals);
    evictions += other.evictions;
    errors += other.errors;
    bytesRead += other.bytesRead;
    bytesWritten += other.bytesWritten;
    if (other.createdAt.isValid() && (!createdAt.isValid() || other.createdAt < createdAt))
        createdAt = other.createdAt;
    if (other.lastUpdatedAt.isValid() &&
        (!lastUpdatedAt.isValid() || other.lastUpdatedAt > lastUpdatedAt))
        lastUpdatedAt = other.lastUpdatedAt;
    for (auto it = other.namespaces.cbegin(); it != other.namespaces.cend(); ++it)
        addCounters(namespaces[it.key()], it.value());
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
