#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <deque>
#include <functional>

namespace qrc {

class CacheManager;

// Counters of one route: requests by status and a duration histogram. Routes are resolved
// to these at registration so that recording is two array increments.
struct RouteMetrics {
    static constexpr std::array<double, 12> BucketBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                         0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    QString label;
    std::array<qint64, 600> byStatus{}; // index = status code (0..599)
    std::array<qint64, BucketBounds.size() + 1> buckets{};
    double sumSeconds = 0;
    qint64 count = 0;
};

// Prometheus exposition of the cache, the HTTP layer and the rate limiter.
class HttpMetrics {
public:
    RouteMetrics *route(const QString &label); // stable pointer, created on first use
    void record(RouteMetrics *route, int status, qint64 elapsedNs);

    // Extra gauges/counters appended by the owner (open connections, rate-limit rejections).
    struct Extra {
        QByteArray name;
        QByteArray help;
        QByteArray type; // "gauge" | "counter"
        std::function<double()> value;
    };
    void addExtra(Extra extra) { m_extras.push_back(std::move(extra)); }

    QByteArray render(const CacheManager &cache) const;

private:
    std::deque<RouteMetrics> m_routes;
    std::deque<Extra> m_extras;
};

} // namespace qrc
