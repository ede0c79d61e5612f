#include "cacheroutes.h"

#include "cachemanager.h"
#include "httprouter.h"
#include "keyroutes.h"
#include "routesupport.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace qrc {

namespace {

using Method = QHttpServerRequest::Method;

QString backendName(const CacheManager &cache) {
    return cache.activeBackend() == BackendKind::Redis ? QStringLiteral("redis")
                                                       : QStringLiteral("memory");
}

QString redisStateName(const CacheManager &cache) {
    switch (cache.redisState()) {
    case RedisClient::State::Disabled:
        return QStringLiteral("disabled");
    case RedisClient::State::Connected:
        return QStringLiteral("connected");
    default:
        return QStringLiteral("unreachable");
    }
}

QString isoTime(const QDateTime &time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

struct Context {
    CacheManager *cache;
    HttpPipeline *pipeline;
    QElapsedTimer uptime;
};

} // namespace

std::shared_ptr<HttpPipeline> makePipeline(const CacheManager &cache) {
    PipelineOptions options;
    options.adminToken = cache.settings().server.adminToken.toUtf8();
    options.corsOrigin = cache.settings().app.productionFrontendUrl.toUtf8();
    while (options.corsOrigin.endsWith('/'))
        options.corsOrigin.chop(1);
    return std::make_shared<HttpPipeline>(options);
}

void addCacheRoutes(QHttpServer &server, CacheManager *cache, CacheRoutesOptions options) {
    auto pipeline = options.pipeline ? options.pipeline : makePipeline(*cache);
    auto router = std::make_shared<HttpRouter>(pipeline);
    addCacheRoutes(*router, cache);
    HttpRouter::install(router, server, QStringLiteral("/cache(?:/[\\s\\S]*)?"));
}

void addCacheRoutes(HttpRouter &router, CacheManager *cache) {
    auto ctx = std::make_shared<Context>(Context{cache, router.pipeline(), {}});
    ctx->uptime.start();

    router.add(Method::Get, QStringLiteral("/cache/stats"), admin(QStringLiteral("/cache/stats")),
               [ctx](const QStringList &, const ExchangePtr &ex) {
                   const CacheManager &cache = *ctx->cache;
                   const StatisticsSnapshot s = cache.statistics();
                   QJsonObject namespaces;
                   for (auto it = s.namespaces.cbegin(); it != s.namespaces.cend(); ++it) {
                       namespaces.insert(it.key(),
                                         QJsonObject{{QStringLiteral("hits"), it->hits},
                                                     {QStringLiteral("misses"), it->misses},
                                                     {QStringLiteral("hit_rate"), it->hitRate()},
                                                     {QStringLiteral("sets"), it->sets},
                                                     {QStringLiteral("deletes"), it->deletes}});
                   }
                   QJsonObject body{
                       {QStringLiteral("backend"), backendName(cache)},
                       {QStringLiteral("redis"), redisStateName(cache)},
                       {QStringLiteral("hits"), s.totals.hits},
                       {QStringLiteral("misses"), s.totals.misses},
                       {QStringLiteral("hit_rate"), s.totals.hitRate()},
                       {QStringLiteral("hit_rate_percent"), s.hitRatePercent()},
                       {QStringLiteral("sets"), s.totals.sets},
                       {QStringLiteral("deletes"), s.totals.deletes},
                       {QStringLiteral("evictions"), s.evictions},
                       {QStringLiteral("errors"), s.errors},
                       {QStringLiteral("bytes_read"), s.bytesRead},
                       {QStringLiteral("bytes_written"), s.bytesWritten},
                       {QStringLiteral("total_requests"), s.totalRequests()},
                       {QStringLiteral("created_at"), isoTime(s.createdAt)},
                       {QStringLiteral("last_updated_at"), isoTime(s.lastUpdatedAt)},
                       {QStringLiteral("uptime_seconds"), ctx->uptime.elapsed() / 1000},
                       {QStringLiteral("namespaces"), namespaces},
                   };
                   if (RequestGuard *guard = ctx->pipeline->requestGuard())
                       body.insert(QStringLiteral("rate_limit_rejections"), guard->rejections());
                   ex->send(HttpReply::json(body));
               });

    router.add(Method::Get, QStringLiteral("/cache/ping"), admin(QStringLiteral("/cache/ping")),
               [ctx](const QStringList &, const ExchangePtr &ex) {
                   whenDone(ctx->cache, ctx->cache->ping(), [ctx, ex](const Result<double> &r) {
                       QJsonObject body{{QStringLiteral("backend"), backendName(*ctx->cache)},
                                        {QStringLiteral("redis"), redisStateName(*ctx->cache)}};
                       if (r.ok()) {
                           body.insert(QStringLiteral("status"), QStringLiteral("ok"));
                           body.insert(QStringLiteral("latency_ms"), r.value);
                           ex->send(HttpReply::json(body));
                       } else {
                           body.insert(QStringLiteral("status"), QStringLiteral("unavailable"));
                           body.insert(QStringLiteral("detail"), r.error.message);
                           ex->send(HttpReply::json(503, body));
                       }
                   });
               });

    router.add(Method::Delete, QStringLiteral("/cache/clear"),
               admin(QStringLiteral("/cache/clear")),
               [ctx](const QStringList &, const ExchangePtr &ex) {
                   whenDone(ctx->cache, ctx->cache->clearAll(), [ex](const Result<qint64> &r) {
                       if (!r.ok())
                           return ex->send(errorReply(r.error));
                       ex->send(HttpReply::json({{QStringLiteral("status"), QStringLiteral("ok")},
                                                 {QStringLiteral("cleared"), r.value}}));
                   });
               });

    router.add(Method::Post, QStringLiteral("/cache/clear/([^/]+)"),
               admin(QStringLiteral("/cache/clear/{namespace}")),
               [ctx](const QStringList &args, const ExchangePtr &ex) {
                   const QString ns = args.at(0);
                   if (!checkNamespace(ex, ns))
                       return;
                   whenDone(ctx->cache, ctx->cache->clear(ns), [ex, ns](const Result<qint64> &r) {
                       if (!r.ok())
                           return ex->send(errorReply(r.error));
                       ex->send(HttpReply::json({{QStringLiteral("status"), QStringLiteral("ok")},
                                                 {QStringLiteral("namespace"), ns},
                                                 {QStringLiteral("cleared"), r.value}}));
                   });
               });

    router.add(Method::Get | Method::Post, QStringLiteral("/cache/reset-stats"),
               admin(QStringLiteral("/cache/reset-stats")),
               [ctx](const QStringList &, const ExchangePtr &ex) {
                   ctx->cache->resetStatistics();
                   ex->send(HttpReply::json({{QStringLiteral("status"), QStringLiteral("ok")}}));
               });

    router.add(Method::Get, QStringLiteral("/cache/info"), admin(QStringLiteral("/cache/info")),
               [ctx](const QStringList &, const ExchangePtr &ex) {
                   const Settings &s = ctx->cache->settings();
                   ex->send(HttpReply::json({
                       {QStringLiteral("name"), s.app.appName},
                       {QStringLiteral("version"), QStringLiteral(QRC_VERSION)},
                       {QStringLiteral("environment"), s.app.environment},
                       {QStringLiteral("prefix"), s.cache.namespacePrefix},
                       {QStringLiteral("default_ttl"), s.cache.defaultTtl},
                       {QStringLiteral("max_ttl"), s.cache.maxTtl},
                       {QStringLiteral("compression_enabled"), s.cache.compressionEnabled},
                       {QStringLiteral("compression_threshold"), s.cache.compressionThreshold},
                       {QStringLiteral("rate_limit"), s.rateLimit.defaultLimit},
                   }));
               });

    router.add(Method::Get, QStringLiteral("/cache/stats/history"),
               admin(QStringLiteral("/cache/stats/history")),
               [ctx](const QStringList &, const ExchangePtr &ex) {
                   const QUrlQuery query(ex->url());
                   int seconds = 60;
                   if (query.hasQueryItem(QStringLiteral("seconds"))) {
                       bool ok = false;
                       seconds = query.queryItemValue(QStringLiteral("seconds")).toInt(&ok);
                       if (!ok || seconds < 1 || seconds > CacheStatistics::HistorySeconds)
                           return ex->send(HttpReply::error(
                               422, QStringLiteral("seconds must be an integer from 1 to 3600")));
                   }
                   QJsonArray samples;
                   const QList<HistorySample> history = ctx->cache->statisticsHistory(seconds);
                   for (const HistorySample &h : history)
                       samples.append(QJsonObject{{QStringLiteral("t"), h.epochMs},
                                                  {QStringLiteral("hits"), h.hits},
                                                  {QStringLiteral("misses"), h.misses},
                                                  {QStringLiteral("hit_rate"), h.hitRate()}});
                   ex->send(HttpReply::json({{QStringLiteral("interval_seconds"), 1},
                                             {QStringLiteral("samples"), samples}}));
               });

    addKeyRoutes(router, cache);
}

} // namespace qrc
