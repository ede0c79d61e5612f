#include "cacheroutes.h"

#include "cachemanager.h"
#include "fleetstatistics.h"
#include "httprouter.h"
#include "keyroutes.h"
#include "openapi.h"
#include "routesupport.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>
#include <iterator>

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

// This instance's counters, or (?scope=all) the sum over every instance on the Redis
// (FleetStatistics).
void getStats(const ManagementContext &ctx, const QStringList &, const ExchangePtr &ex) {
    CacheManager *cache = ctx.cache;
    const qint64 uptime = ctx.uptime.elapsed() / 1000;
    RequestGuard *guard = ctx.pipeline->requestGuard();
    auto answer = [cache, uptime, guard, ex](const StatisticsSnapshot &s,
                                             const QJsonObject &extra) {
        QJsonObject body = s.toJson();
        body.insert(QStringLiteral("backend"), backendName(*cache));
        body.insert(QStringLiteral("redis"), redisStateName(*cache));
        body.insert(QStringLiteral("uptime_seconds"), uptime);
        if (guard)
            body.insert(QStringLiteral("rate_limit_rejections"), guard->rejections());
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
            body.insert(it.key(), it.value());
        ex->send(HttpReply::json(body));
    };
    const QString scope = QUrlQuery(ex->url()).queryItemValue(QStringLiteral("scope"));
    if (scope.isEmpty() || scope == u"local")
        return answer(cache->statistics(), {});
    if (scope != u"all")
        return ex->send(HttpReply::error(422, QStringLiteral("scope must be local or all")));
    whenDone(cache, cache->fleetStatistics()->collect(),
             [answer, ex](const Result<FleetStatistics::Snapshot> &r) {
                 if (!r.ok())
                     return ex->send(errorReply(r.error));
                 answer(r.value.sum, {{QStringLiteral("scope"), QStringLiteral("all")},
                                      {QStringLiteral("instances"),
                                       QJsonArray::fromStringList(r.value.instances)},
                                      {QStringLiteral("complete"), r.value.complete}});
             });
}

void ping(const ManagementContext &ctx, const QStringList &, const ExchangePtr &ex) {
    CacheManager *cache = ctx.cache; // the continuation runs only while the cache exists
    whenDone(cache, cache->ping(), [cache, ex](const Result<double> &r) {
        QJsonObject body{{QStringLiteral("backend"), backendName(*cache)},
                         {QStringLiteral("redis"), redisStateName(*cache)}};
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
}

void clearAll(const ManagementContext &ctx, const QStringList &, const ExchangePtr &ex) {
    whenDone(ctx.cache, ctx.cache->clearAll(), [ex](const Result<qint64> &r) {
        if (!r.ok())
            return ex->send(errorReply(r.error));
        ex->send(HttpReply::json({{QStringLiteral("status"), QStringLiteral("ok")},
                                  {QStringLiteral("cleared"), r.value}}));
    });
}

void clearNamespace(const ManagementContext &ctx, const QStringList &args, const ExchangePtr &ex) {
    const QString ns = args.at(0);
    if (!checkNamespace(ex, ns))
        return;
    whenDone(ctx.cache, ctx.cache->clear(ns), [ex, ns](const Result<qint64> &r) {
        if (!r.ok())
            return ex->send(errorReply(r.error));
        ex->send(HttpReply::json({{QStringLiteral("status"), QStringLiteral("ok")},
                                  {QStringLiteral("namespace"), ns},
                                  {QStringLiteral("cleared"), r.value}}));
    });
}

void resetStats(const ManagementContext &ctx, const QStringList &, const ExchangePtr &ex) {
    ctx.cache->resetStatistics();
    ex->send(HttpReply::json({{QStringLiteral("status"), QStringLiteral("ok")}}));
}

void getInfo(const ManagementContext &ctx, const QStringList &, const ExchangePtr &ex) {
    const Settings &s = ctx.cache->settings();
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
}

void getHistory(const ManagementContext &ctx, const QStringList &, const ExchangePtr &ex) {
    const QUrlQuery query(ex->url());
    int seconds = 60;
    if (query.hasQueryItem(QStringLiteral("seconds"))) {
        bool ok = false;
        seconds = query.queryItemValue(QStringLiteral("seconds")).toInt(&ok);
        if (!ok || seconds < 1 || seconds > CacheStatistics::HistorySeconds)
            return ex->send(
                HttpReply::error(422, QStringLiteral("seconds must be an integer from 1 to 3600")));
    }
    QJsonArray samples;
    const QList<HistorySample> history = ctx.cache->statisticsHistory(seconds);
    for (const HistorySample &h : history)
        samples.append(QJsonObject{{QStringLiteral("t"), h.epochMs},
                                   {QStringLiteral("hits"), h.hits},
                                   {QStringLiteral("misses"), h.misses},
                                   {QStringLiteral("hit_rate"), h.hitRate()}});
    ex->send(HttpReply::json(
        {{QStringLiteral("interval_seconds"), 1}, {QStringLiteral("samples"), samples}}));
}

std::vector<ManagementRoute> cacheRoutes() {
    using namespace schema;
    const QString tag = QStringLiteral("cache");
    const ResponseDoc unreachable{503, QStringLiteral("The store does not answer"), errorSchema()};
    const QJsonObject counters = object({{QStringLiteral("hits"), integer()},
                                         {QStringLiteral("misses"), integer()},
                                         {QStringLiteral("hit_rate"), number()},
                                         {QStringLiteral("sets"), integer()},
                                         {QStringLiteral("deletes"), integer()}});
    QJsonObject stats = allRequired(object({
        {QStringLiteral("backend"), string(QStringLiteral("redis or memory"))},
        {QStringLiteral("redis"), string(QStringLiteral("connected, unreachable or disabled"))},
        {QStringLiteral("hits"), integer()},
        {QStringLiteral("misses"), integer()},
        {QStringLiteral("hit_rate"), number()},
        {QStringLiteral("hit_rate_percent"), number()},
        {QStringLiteral("sets"), integer()},
        {QStringLiteral("deletes"), integer()},
        {QStringLiteral("evictions"), integer()},
        {QStringLiteral("errors"), integer()},
        {QStringLiteral("bytes_read"), integer()},
        {QStringLiteral("bytes_written"), integer()},
        {QStringLiteral("total_requests"), integer()},
        {QStringLiteral("created_at"), string(QStringLiteral("ISO 8601, UTC"))},
        {QStringLiteral("last_updated_at"), string(QStringLiteral("ISO 8601, UTC; empty: never"))},
        {QStringLiteral("uptime_seconds"), integer()},
        {QStringLiteral("namespaces"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                     {QStringLiteral("additionalProperties"), allRequired(counters)}}},
    }));
    // Present when a rate limiter is installed; the last three with scope=all.
    QJsonObject properties = stats.value(QStringLiteral("properties")).toObject();
    properties.insert(QStringLiteral("rate_limit_rejections"), integer());
    properties.insert(QStringLiteral("scope"), string(QStringLiteral("all")));
    properties.insert(QStringLiteral("instances"),
                      arrayOf(string(QStringLiteral("instance id (host-pid-random)"))));
    properties.insert(QStringLiteral("complete"),
                      boolean(QStringLiteral("false: Redis not in use, this instance alone")));
    stats.insert(QStringLiteral("properties"), properties);
    const QJsonObject pingBody =
        object({{QStringLiteral("backend"), string()},
                {QStringLiteral("redis"), string()},
                {QStringLiteral("status"), string(QStringLiteral("ok or unavailable"))},
                {QStringLiteral("latency_ms"), number()},
                {QStringLiteral("detail"), string()}},
               {QStringLiteral("backend"), QStringLiteral("redis"), QStringLiteral("status")});
    const JsonSchema status{QStringLiteral("Status"),
                            allRequired(object({{QStringLiteral("status"), string()}}))};
    const QJsonObject info = allRequired(object({
        {QStringLiteral("name"), string()},
        {QStringLiteral("version"), string()},
        {QStringLiteral("environment"), string()},
        {QStringLiteral("prefix"), string()},
        {QStringLiteral("default_ttl"), integer()},
        {QStringLiteral("max_ttl"), integer()},
        {QStringLiteral("compression_enabled"), boolean()},
        {QStringLiteral("compression_threshold"), integer()},
        {QStringLiteral("rate_limit"), string()},
    }));
    const QJsonObject history = allRequired(object(
        {{QStringLiteral("interval_seconds"), integer()},
         {QStringLiteral("samples"),
          arrayOf(allRequired(object({{QStringLiteral("t"), integer(QStringLiteral("Epoch ms"))},
                                      {QStringLiteral("hits"), integer()},
                                      {QStringLiteral("misses"), integer()},
                                      {QStringLiteral("hit_rate"), number()}})))}}));

    return {
        {Method::Get, QStringLiteral("/cache/stats"), QStringLiteral("/cache/stats"), getStats,
         RouteDoc{
             .summary = QStringLiteral("Counters overall and per namespace"),
             .tag = tag,
             .parameters = {{QStringLiteral("scope"), ParamDoc::In::Query,
                             QStringLiteral("local (this instance, the default) or all (every "
                                            "instance on the same Redis and prefix)"),
                             QJsonObject{
                                 {QStringLiteral("type"), QStringLiteral("string")},
                                 {QStringLiteral("enum"),
                                  QJsonArray{QStringLiteral("local"), QStringLiteral("all")}}}}},
             .responses = {{200, QStringLiteral("Statistics"), {QStringLiteral("Stats"), stats}},
                           {422, QStringLiteral("Invalid scope"), errorSchema()}}}},
        {Method::Get, QStringLiteral("/cache/ping"), QStringLiteral("/cache/ping"), ping,
         RouteDoc{.summary = QStringLiteral("The backend's latency"),
                  .tag = tag,
                  .responses = {{200,
                                 QStringLiteral("The backend answered"),
                                 {QStringLiteral("Ping"), pingBody}},
                                {503,
                                 QStringLiteral("The backend does not answer"),
                                 {QStringLiteral("Ping"), pingBody}}}}},
        {Method::Delete, QStringLiteral("/cache/clear"), QStringLiteral("/cache/clear"), clearAll,
         RouteDoc{.summary = QStringLiteral("Clear everything under the prefix (SCAN + UNLINK)"),
                  .tag = tag,
                  .responses = {{200,
                                 QStringLiteral("How many keys were removed"),
                                 {QStringLiteral("Cleared"),
                                  allRequired(object({{QStringLiteral("status"), string()},
                                                      {QStringLiteral("cleared"), integer()}}))}},
                                unreachable}}},
        {Method::Post, QStringLiteral("/cache/clear/([^/]+)"),
         QStringLiteral("/cache/clear/{namespace}"), clearNamespace,
         RouteDoc{.summary = QStringLiteral("Clear one namespace"),
                  .tag = tag,
                  .parameters = {{QStringLiteral("namespace"), ParamDoc::In::Path,
                                  QStringLiteral("Namespace (percent-encoded)")}},
                  .responses = {{200,
                                 QStringLiteral("How many keys were removed"),
                                 {QStringLiteral("NamespaceCleared"),
                                  allRequired(object({{QStringLiteral("status"), string()},
                                                      {QStringLiteral("namespace"), string()},
                                                      {QStringLiteral("cleared"), integer()}}))}},
                                {422, QStringLiteral("Invalid namespace"), errorSchema()},
                                unreachable}}},
        {Method::Get | Method::Post, QStringLiteral("/cache/reset-stats"),
         QStringLiteral("/cache/reset-stats"), resetStats,
         RouteDoc{.summary = QStringLiteral("Reset the counters"),
                  .tag = tag,
                  .responses = {{200, QStringLiteral("Reset"), status}}}},
        {Method::Get, QStringLiteral("/cache/info"), QStringLiteral("/cache/info"), getInfo,
         RouteDoc{.summary = QStringLiteral("Configuration summary"),
                  .tag = tag,
                  .responses =
                      {{200, QStringLiteral("Configuration"), {QStringLiteral("Info"), info}}}}},
        {Method::Get, QStringLiteral("/cache/stats/history"),
         QStringLiteral("/cache/stats/history"), getHistory,
         RouteDoc{.summary = QStringLiteral("Hits and misses per second (up to an hour)"),
                  .tag = tag,
                  .parameters = {{QStringLiteral("seconds"), ParamDoc::In::Query,
                                  QStringLiteral("How many seconds back (default 60)"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                              {QStringLiteral("minimum"), 1},
                                              {QStringLiteral("maximum"), 3600}}}},
                  .responses = {{200,
                                 QStringLiteral("One sample per second"),
                                 {QStringLiteral("History"), history}},
                                {422, QStringLiteral("Invalid seconds"), errorSchema()}}}},
    };
}

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
    if (options.openApi)
        options.openApi->addRouter(router);
}

void addCacheRoutes(HttpRouter &router, CacheManager *cache) {
    auto ctx = std::make_shared<ManagementContext>(ManagementContext{cache, router.pipeline(), {}});
    ctx->uptime.start();
    std::vector<ManagementRoute> routes = cacheRoutes();
    std::vector<ManagementRoute> keys = keyRoutes();
    std::move(keys.begin(), keys.end(), std::back_inserter(routes));
    for (ManagementRoute &route : routes)
        router.add(
            route.methods, route.pattern, admin(route.path),
            [ctx, handler = route.handler](const QStringList &args, const ExchangePtr &ex) {
                handler(*ctx, args, ex);
            },
            std::move(route.doc));
}

} // namespace qrc
