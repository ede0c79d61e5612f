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
};

} // namespace qrc
