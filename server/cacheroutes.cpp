#include "cacheroutes.h"

#include "cachemanager.h"
#include "httprouter.h"
#include "keyspace.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace qrc {

namespace {

using Method = QHttpServerRequest::Method;

template <typename T, typename F>
void whenDone(CacheManager *cache, QFuture<T> future, F f) {
    if (future.isFinished())
        f(future.result());
    else
        (void)future.then(cache, std::move(f));
}

HttpReply errorReply(const CacheError &error) {
    switch (error.kind) {
    case ErrorKind::Validation:
        return HttpReply::error(422, error.message);
    case ErrorKind::Connection:
    case ErrorKind::Timeout:
        return HttpReply::error(503, error.message);
    default:
        return HttpReply::error(500, error.message);
    }
}

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

// Namespaces and keys arrive percent-decoded; the keyspace rules (which refuse control
// characters, so no CR/LF header injection or NUL) decide, answered as 422.
bool accepted(const ExchangePtr &exchange, const CacheError &error, const QString &what) {
    if (!error.isError())
        return true;
    exchange->send(HttpReply::error(422, what + error.message));
    return false;
}

bool checkNamespace(const ExchangePtr &exchange, const QString &ns) {
    return accepted(exchange, Keyspace::validateNamespace(ns),
                    QStringLiteral("Invalid namespace: "));
}

bool checkKey(const ExchangePtr &exchange, const QString &key) {
    return accepted(exchange, Keyspace::validateKey(key), QStringLiteral("Invalid key: "));
}

// The console shows values as JSON when they are JSON, as text when they are UTF-8, and as
// base64 otherwise.
void putValue(QJsonObject &object, const CacheValue &value) {
    const QByteArray &data = value.data;
    QJsonParseError parseError;
    // Wrapped in an array so that scalars ("42", "\"text\"") parse too.
    const QJsonDocument doc = QJsonDocument::fromJson('[' + data + ']', &parseError);
    if (!data.trimmed().isEmpty() && parseError.error == QJsonParseError::NoError &&
        doc.array().size() == 1) {
        object.insert(QStringLiteral("value"), doc.array().at(0));
        return;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(data);
    if (!decoder.hasError()) {
        object.insert(QStringLiteral("value"), text);
        return;
    }
    object.insert(QStringLiteral("value"), QString::fromLatin1(data.toBase64()));
    object.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
}

struct Context {
    CacheManager *cache;
    HttpPipeline *pipeline;
    QElapsedTimer uptime;
};

RouteSpec admin(const QString &label) {
    return RouteSpec{label, true, QStringLiteral("management")};
}

} // namespace

std::optional<qint64> parseTtlBody(const QByteArray &body) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonValue ttlValue = doc.object().value(QStringLiteral("ttl"));
    const double ttl = ttlValue.toDouble(-1);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || !ttlValue.isDouble() ||
        ttl < 1 || std::floor(ttl) != ttl || ttl > 9.0e15)
        return std::nullopt;
    return qint64(ttl);
}

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

    router.add(Method::Get, QStringLiteral("/cache/namespaces"),
               admin(QStringLiteral("/cache/namespaces")),
               [ctx](const QStringList &, const ExchangePtr &ex) {
                   whenDone(ctx->cache, ctx->cache->namespaces(),
                            [ex](const Result<QList<NamespaceInfo>> &r) {
                                if (!r.ok())
                                    return ex->send(errorReply(r.error));
                                QList<NamespaceInfo> list = r.value;
                                std::sort(list.begin(), list.end(),
                                          [](const NamespaceInfo &a, const NamespaceInfo &b) {
                                              return a.name < b.name;
                                          });
                                QJsonArray array;
                                for (const NamespaceInfo &info : std::as_const(list))
                                    array.append(QJsonObject{{QStringLiteral("name"), info.name},
                                                             {QStringLiteral("keys"), info.keys}});
                                ex->send(HttpReply::json({{QStringLiteral("namespaces"), array}}));
                            });
               });

    router.add(
        Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/keys"),
        admin(QStringLiteral("/cache/namespaces/{ns}/keys")),
        [ctx](const QStringList &args, const ExchangePtr &ex) {
            const QString ns = args.at(0);
            if (!checkNamespace(ex, ns))
                return;
            const QUrlQuery query(ex->url());
            int count = 100;
            if (query.hasQueryItem(QStringLiteral("count"))) {
                bool ok = false;
                count = query.queryItemValue(QStringLiteral("count")).toInt(&ok);
                if (!ok || count < 1 || count > 1000)
                    return ex->send(HttpReply::error(
                        422, QStringLiteral("count must be an integer from 1 to 1000")));
            }
            const QString match = query.queryItemValue(QStringLiteral("match"), QUrl::FullyDecoded);
            const QString cursor =
                query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
            whenDone(ctx->cache, ctx->cache->listKeys(ns, match, cursor, count),
                     [ex](const Result<KeyPage> &r) {
                         if (!r.ok())
                             return ex->send(errorReply(r.error));
                         QJsonArray keys;
                         for (const KeyListEntry &k : r.value.keys)
                             keys.append(QJsonObject{{QStringLiteral("key"), k.key},
                                                     {QStringLiteral("ttl"), k.ttlSeconds},
                                                     {QStringLiteral("size"), k.size},
                                                     {QStringLiteral("compressed"), k.compressed}});
                         ex->send(HttpReply::json(
                             {{QStringLiteral("namespace"), r.value.ns},
                              {QStringLiteral("keys"), keys},
                              {QStringLiteral("next_cursor"),
                               r.value.nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(r.value.nextCursor)}}));
                     });
        });

    router.add(Method::Put, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)/ttl"),
               admin(QStringLiteral("/cache/namespaces/{ns}/keys/{key}/ttl")),
               [ctx](const QStringList &args, const ExchangePtr &ex) {
                   const QString ns = args.at(0);
                   const QString key = args.at(1);
                   if (!checkNamespace(ex, ns) || !checkKey(ex, key))
                       return;
                   const std::optional<qint64> ttl = parseTtlBody(ex->body());
                   if (!ttl)
                       return ex->send(
                           HttpReply::error(422, QStringLiteral("ttl must be an integer >= 1")));
                   whenDone(ctx->cache, ctx->cache->expire(key, *ttl, ns),
                            [ex, ns, key](const Result<std::optional<qint64>> &r) {
                                if (!r.ok())
                                    return ex->send(errorReply(r.error));
                                if (!r.value)
                                    return ex->send(
                                        HttpReply::error(404, QStringLiteral("Key not found")));
                                ex->send(HttpReply::json({{QStringLiteral("namespace"), ns},
                                                          {QStringLiteral("key"), key},
                                                          {QStringLiteral("ttl"), *r.value}}));
                            });
               });

    router.add(Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)"),
               admin(QStringLiteral("/cache/namespaces/{ns}/keys/{key}")),
               [ctx](const QStringList &args, const ExchangePtr &ex) {
                   const QString ns = args.at(0);
                   const QString key = args.at(1);
                   if (!checkNamespace(ex, ns) || !checkKey(ex, key))
                       return;
                   whenDone(ctx->cache, ctx->cache->entry(key, ns),
                            [ex](const Result<std::optional<EntryDetails>> &r) {
                                if (!r.ok())
                                    return ex->send(errorReply(r.error));
                                if (!r.value)
                                    return ex->send(
                                        HttpReply::error(404, QStringLiteral("Key not found")));
                                const EntryDetails &e = *r.value;
                                QJsonObject body{
                                    {QStringLiteral("namespace"), e.ns},
                                    {QStringLiteral("key"), e.key},
                                    {QStringLiteral("ttl"), e.ttlSeconds},
                                    {QStringLiteral("size"), e.size},
                                    {QStringLiteral("compressed"), e.compressed},
                                    {QStringLiteral("content_type"),
                                     e.value.contentType.isEmpty()
                                         ? QJsonValue(QJsonValue::Null)
                                         : QJsonValue(QString::fromUtf8(e.value.contentType))}};
                                putValue(body, e.value);
                                ex->send(HttpReply::json(body));
                            });
               });

    router.add(
        Method::Delete, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)"),
        admin(QStringLiteral("/cache/namespaces/{ns}/keys/{key}")),
        [ctx](const QStringList &args, const ExchangePtr &ex) {
            const QString ns = args.at(0);
            const QString key = args.at(1);
            if (!checkNamespace(ex, ns) || !checkKey(ex, key))
                return;
            whenDone(ctx->cache, ctx->cache->remove({key}, ns), [ex](const Result<qint64> &r) {
                if (!r.ok())
                    return ex->send(errorReply(r.error));
                if (r.value == 0)
                    return ex->send(HttpReply::error(404, QStringLiteral("Key not found")));
                ex->send(HttpReply::json({{QStringLiteral("deleted"), r.value}}));
            });
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
}

} // namespace qrc
