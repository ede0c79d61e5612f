#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <unordered_map>
#include <vector>

namespace qrc {

struct StatCounters {
    qint64 hits = 0;
    qint64 misses = 0;
    qint64 sets = 0;
    qint64 deletes = 0; // per key removed
    double hitRate() const {
        const qint64 total = hits + misses;
        return total ? double(hits) / double(total) : 0.0;
    }
};

struct StatisticsSnapshot {
    StatCounters totals;
    qint64 evictions = 0;
    qint64 errors = 0;
    qint64 bytesRead = 0;
    qint64 bytesWritten = 0;
    QDateTime createdAt;
    QDateTime lastUpdatedAt;
    QHash<QString, StatCounters> namespaces;

    qint64 totalRequests() const { return totals.hits + totals.misses; }
    QString hitRatePercent() const; // the seed's "87.50%"

    // The fields of /cache/stats; also the form instances publish for each other.
    QJsonObject toJson() const;
    static StatisticsSnapshot fromJson(const QJsonObject &json);
    // Adds another instance's counters: sums, the earliest creation, the latest update.
    void add(const StatisticsSnapshot &other);
};

// One second of the rolling history.
struct HistorySample {
    qint64 epochMs = 0; // start of the second
    qint64 hits = 0;
    qint64 misses = 0;
    double hitRate() const { return hits + misses ? double(hits) / double(hits + misses) : 0.0; }
};

// Counters overall and per namespace, plus a per-second ring of the last hour. Plain data,
// owned by CacheManager and touched only from its thread; cheap enough to stay on.
class CacheStatistics {
public:
    static constexpr int HistorySeconds = 3600;

    CacheStatistics();

    void recordHit(const QString &ns, qint64 bytes);
    void recordMiss(const QString &ns);
    void recordSet(const QString &ns, qint64 bytes);
    void recordDeletes(const QString &ns, qint64 count);
    void recordEvictions(qint64 count);
    void recordError();

    StatisticsSnapshot snapshot() const;
    // The last `seconds` one-second samples (oldest first), ending with the current second.
    QList<HistorySample> history(int seconds, qint64 nowMs = -1) const;
    void reset(); // counters and history; created_at becomes now

private:
    HistorySample &currentSample(qint64 nowMs);
    StatCounters &countersFor(const QString &ns);
    void touch();

    // lastUpdatedAt is filled from m_lastUpdatedMs, namespaces from m_namespaces on snapshot()
    StatisticsSnapshot m_data;
    qint64 m_lastUpdatedMs = 0;        // kept as a number: it changes on every operation
    std::vector<HistorySample> m_ring; // index = (epochSecond % HistorySeconds)
    // Per namespace. Node-based, so the counters last looked up can be kept by address: every
    // cache operation counts on its namespace, most often the same one as the operation before.
    std::unordered_map<QString, StatCounters> m_namespaces;
    QString m_lastNs;
    StatCounters *m_lastCounters = nullptr;
};

} // namespace qrc
