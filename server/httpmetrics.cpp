#include "httpmetrics.h"

#include "cachemanager.h"

#include <QStringList>

namespace qrc {

namespace {

QByteArray labelValue(const QString &text) {
    QByteArray out = text.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray number(double v) {
    return QByteArray::number(v, 'g', 12);
}

void header(QByteArray &out, const char *name, const char *help, const char *type) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

} // namespace

RouteMetrics *HttpMetrics::route(const QString &label) {
    for (RouteMetrics &r : m_routes)
        if (r.label == label)
            return &r;
    m_routes.emplace_back();
    m_routes.back().label = label;
    return &m_routes.back();
}

void HttpMetrics::record(RouteMetrics *route, int status, qint64 elapsedNs) {
    if (status >= 0 && status < int(route->byStatus.size()))
        ++route->byStatus[size_t(status)];
    const double seconds = double(elapsedNs) / 1e9;
    size_t i = 0;
    while (i < RouteMetrics::BucketBounds.size() && seconds > RouteMetrics::BucketBounds[i])
        ++i;
    ++route->buckets[i];
    route->sumSeconds += seconds;
    ++route->count;
}

QByteArray HttpMetrics::render(const CacheManager &cache) const {
    QByteArray out;
    out.reserve(8192);
    const StatisticsSnapshot stats = cache.statistics();

    QStringList namespaces = stats.namespaces.keys();
    namespaces.sort();
    const auto perNamespace = [&](const char *name, const char *help, qint64 StatCounters::*field) {
        header(out, name, help, "counter");
        for (const QString &ns : std::as_const(namespaces)) {
            out += name;
            out += "{namespace=\"" + labelValue(ns) + "\"} ";
            out += QByteArray::number(stats.namespaces.value(ns).*field);
            out += '\n';
        }
    };
    perNamespace("qrc_cache_hits_total", "Cache hits by namespace.", &StatCounters::hits);
    perNamespace("qrc_cache_misses_total", "Cache misses by namespace.", &StatCounters::misses);
    perNamespace("qrc_cache_sets_total", "Cache writes by namespace.", &StatCounters::sets);
    perNamespace("qrc_cache_deletes_total", "Keys removed by namespace.", &StatCounters::deletes);

    header(out, "qrc_cache_evictions_total", "Entries evicted by the memory backend.", "counter");
    out += "qrc_cache_evictions_total " + QByteArray::number(stats.evictions) + '\n';
    header(out, "qrc_cache_errors_total", "Cache operations that failed.", "counter");
    out += "qrc_cache_errors_total " + QByteArray::number(stats.errors) + '\n';
    header(out, "qrc_cache_bytes_read_total", "Bytes read from the cache.", "counter");
    out += "qrc_cache_bytes_read_total " + QByteArray::number(stats.bytesRead) + '\n';
    header(out, "qrc_cache_bytes_written_total", "Bytes written to the cache.", "counter");
    out += "qrc_cache_bytes_written_total " + QByteArray::number(stats.bytesWritten) + '\n';

    header(out, "qrc_cache_backend", "Active cache backend (1 for the one in use).", "gauge");
    const bool redisActive = cache.activeBackend() == BackendKind::Redis;
    out += QByteArray("qrc_cache_backend{backend=\"redis\"} ") + (redisActive ? "1" : "0") + '\n';
    out += QByteArray("qrc_cache_backend{backend=\"memory\"} ") + (redisActive ? "0" : "1") + '\n';
    header(out, "qrc_redis_up", "1 when Redis is connected.", "gauge");
    out += QByteArray("qrc_redis_up ") +
           (cache.redisState() == RedisClient::State::Connected ? "1" : "0") + '\n';

    header(out, "qrc_http_requests_total", "HTTP requests by route and status.", "counter");
    for (const RouteMetrics &r : m_routes) {
        for (size_t status = 0; status < r.byStatus.size(); ++status) {
            if (!r.byStatus[status])
                continue;
            out += "qrc_http_requests_total{route=\"" + labelValue(r.label) + "\",status=\"" +
                   QByteArray::number(qulonglong(status)) + "\"} " +
                   QByteArray::number(r.byStatus[status]) + '\n';
        }
    }
    header(out, "qrc_http_request_duration_seconds", "Time to answer, by route.", "histogram");
    for (const RouteMetrics &r : m_routes) {
        if (!r.count)
            continue;
        const QByteArray label = labelValue(r.label);
        qint64 cumulative = 0;
        for (size_t i = 0; i < r.buckets.size(); ++i) {
            cumulative += r.buckets[i];
            const QByteArray le = i < RouteMetrics::BucketBounds.size()
                                      ? number(RouteMetrics::BucketBounds[i])
                                      : QByteArray("+Inf");
            out += "qrc_http_request_duration_seconds_bucket{route=\"" + label + "\",le=\"" + le +
                   "\"} " + QByteArray::number(cumulative) + '\n';
        }
        out += "qrc_http_request_duration_seconds_sum{route=\"" + label + "\"} " +
               number(r.sumSeconds) + '\n';
        out += "qrc_http_request_duration_seconds_count{route=\"" + label + "\"} " +
               QByteArray::number(r.count) + '\n';
    }
    for (const Extra &extra : m_extras) {
        header(out, extra.name.constData(), extra.help.constData(), extra.type.constData());
        out += extra.name + ' ' + number(extra.value()) + '\n';
    }
    return out;
}

} // namespace qrc
