#pragma once

#include "serverstats.h"

#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>

#include <vector>

namespace qrc {

// A fixed-capacity ring of chart points: memory stays bounded however long the console runs.
class PointRing {
public:
    explicit PointRing(int capacity = 3600);

    void append(const QPointF &p);
    void clear();
    int size() const { return m_size; }
    int capacity() const { return int(m_points.size()); }
    QPointF last() const;
    // Points with x >= fromX, oldest first.
    QList<QPointF> since(double fromX) const;

private:
    std::vector<QPointF> m_points;
    int m_head = 0; // next write position
    int m_size = 0;
};

// The request-weighted average of `values` over the trailing `windowMs` of each point: the hit
// rate of all requests in that window, so a second with one request counts for one request and
// not as much as a second with a thousand. `weights` holds the requests per second at the same
// x. A window without any request keeps the previous average (nothing happened, nothing
// changed). Points before `fromX` only feed the windows.
QList<QPointF> windowAverage(const QList<QPointF> &values, const QList<QPointF> &weights,
                             double windowMs, double fromX);

// What the console saw of the server at a time: its periods off Redis are shaded in the charts.
enum class ServerCondition {
    Normal,      // serving from its configured backend
    Fallback,    // Redis configured but lost: answering from memory
    Unreachable, // the console could not reach the server
};

struct ConditionPeriod {
    double fromX = 0; // epoch ms
    double toX = 0;   // epoch ms; the period's last observation, or now while it lasts
    ServerCondition condition = ServerCondition::Fallback;
};

// Turns the cumulative counters of successive /cache/stats answers into per-second series:
// hit rate (percent) and requests per second, overall and per namespace. x is epoch ms.
class StatsHistory {
public:
    explicit StatsHistory(int capacity = 3600);

    // The overall series from /cache/stats/history (one sample per second).
    void fill(const QList<HistoryPoint> &samples);
    void add(qint64 epochMs, const ServerStats &stats);
    void clear();

    static QString overall() { return {}; }
    QStringList namespaces() const;
    QList<QPointF> hitRate(const QString &ns, double fromX) const;
    QList<QPointF> requestRate(const QString &ns, double fromX) const;
    // The hit rate averaged over the trailing `windowMs` (see windowAverage()).
    QList<QPointF> smoothedHitRate(const QString &ns, double fromX, double windowMs) const;

    // Records the server's condition at `epochMs`; consecutive observations of one condition
    // other than Normal form one period. At most MaxPeriods are kept.
    static constexpr int MaxPeriods = 256;
    void observe(qint64 epochMs, ServerCondition condition);
    // Periods off Redis or unreachable that overlap [fromX, ...), oldest first.
    QList<ConditionPeriod> periods(double fromX) const;

private:
    struct Series {
        PointRing hitRate;
        PointRing requests;
        NamespaceCounters last;
        qint64 lastMs = 0;
        bool primed = false;
        double lastHitRate = 0.0;
    };
    void addSample(Series &s, qint64 epochMs, const NamespaceCounters &c);
    Series &series(const QString &ns);

    int m_capacity;
    QMap<QString, Series> m_series;
    QList<ConditionPeriod> m_periods;
    ServerCondition m_condition = ServerCondition::Normal;
};

} // namespace qrc
