// The route wrappers (qrc::cached, qrc::cacheBusting) on a plain QHttpServer, over real
// sockets, once with the memory backend and once with a real Redis.
#include "cachedroute.h"
#include "cachemanager.h"
#include "cacheroutes.h"
#include "futurewait.h"
#include "http/httplistener.h"
#include "http/httpreply.h"
#include "httprouter.h"
#include "httptestclient.h"
#include "memorybackend.h"
#include "redisserver.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QPromise>
#include <QTimer>
#include <QUuid>
#include <QtTest>

#include <limits>

using namespace qrc;
using namespace qrc::test;
using Method = QHttpServerRequest::Method;

class TestCachedRoute : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void missThenHitServesTheSameBodyWithCacheHeaders();
    void numbersAndPathSegmentsAreParsedStrictly();
    void routerServesCachedRoutesOnQHttpServerAndOnHttpListener();
    void ifNoneMatchAnswers304WithoutBody();
    void requestNoCacheRunsHandlerAndRefreshes();
    void requestNoStoreRunsHandlerAndStoresNothing();
    void non2xxAnswersAreNotStored();
    void defaultKeyIgnoresQueryOrderAndIncludesVaryHeaders();
    void customKeyBuilderGetsPathArguments();
    void futureHandlerIsAnsweredAndCached();
    void invalidKeyFromBuilderStillAnswersFromHandler();
    void cacheBustingClearsTheNamespaceAfterSuccess();
    void cacheBustingRemovesOnlyTheBuilderKeys();
    void failedMutationDoesNotBust();
    void clientLeavingBeforeSlowAnswerDoesNotCrashServer();
    void serverDestroyedBeforeSlowAnswerLeavesNothingDangling();
    void concurrentMissesRunTheHandlerOnce();
    void managementRoutesAreAddedToAnyServer();
    void statsScopeAllAddsUpEveryInstanceOnTheRedis();
    void bareBodyEntryIsServedAsJson();

private:
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

    RedisServer m_redis;
    std::unique_ptr<CacheManager> m_cache;
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
    int m_calls = 0;
    int m_mutations = 0;
    int m_slowAnswers = 0;
    int m_slowStarted = 0;
};

void TestCachedRoute::initTestCase_data() {
    QTest::addColumn<bool>("useRedis");
    QTest::newRow("memory") << false;
    QTest::newRow("redis") << true;
}

void TestCachedRoute::initTestCase() {
    QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError()));
}

void TestCachedRoute::init() {
    QFETCH_GLOBAL(bool, useRedis);
    Settings settings;
    settings.redis.enabled = useRedis;
    settings.redis.host = m_redis.host();
    settings.redis.port = m_redis.port();
    settings.cache.namespacePrefix =
        QStringLiteral("tst-route-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    m_cache = std::make_unique<CacheManager>(settings);
    m_cache->start();
    if (useRedis)
        QTRY_VERIFY_WITH_TIMEOUT(m_cache->activeBackend() == BackendKind::Redis, 5000);

    m_calls = 0;
    m_mutations = 0;
    m_slowAnswers = 0;
    m_slowStarted = 0;
    m_server = std::make_unique<QHttpServer>();
    CacheManager *cache = m_cache.get();
    int *calls = &m_calls;
    int *mutations = &m_mutations;
    int *slowAnswers = &m_slowAnswers;
    int *slowStarted = &m_slowStarted;

    m_server->route(
        "/plain", Method::Get, cached(cache, {.ttl = 120, .ns = "plain"}, [calls] {
            ++*calls;
            return QHttpServerResponse(QJsonObject{{"call", *calls}, {"text", "hello"}});
        }));
    m_server->route(
        "/query", Method::Get,
        cached(cache, {.ttl = 120, .ns = "plain", .varyHeaders = {"X-Tenant"}},
               [calls](const QHttpServerRequest &request) {
                   ++*calls;
                   return QHttpServerResponse(QJsonObject{
                       {"call", *calls}, {"tenant", QString::fromUtf8(request.value("X-Tenant"))}});
               }));
    m_server->route(
        "/items/<arg>", Method::Get,
        cached(cache,
               {.ttl = 300,
                .ns = "items",
                .keyBuilder = [](const QStringList &args,
                                 const QHttpServerRequest &) { return "item_" + args.at(0); }},
               [calls](int id) {
                   ++*calls;
                   if (id > 100)
                       return QHttpServerResponse(QJsonObject{{"detail", "Item not found"}},
                                                  QHttpServerResponse::StatusCode::NotFound);
                   return QHttpServerResponse(QJsonObject{{"id", id}, {"call", *calls}});
               }));
    m_server->route("/async/<arg>", Method::Get,
                    cached(cache, {.ttl = 60, .ns = "async"},
                           [calls](const QString &name) -> QFuture<QHttpServerResponse> {
                               ++*calls;
                               auto promise = std::make_shared<QPromise<QHttpServerResponse>>();
                               promise->start();
                               QTimer::singleShot(30, [promise, name] {
                                   promise->addResult(QHttpServerResponse(
                                       QByteArray("text/plain"), ("hello " + name).toUtf8()));
                                   promise->finish();
                               });
                               return promise->future();
                           }));
    m_server->route("/slow", Method::Get,
                    cached(cache, {.ttl = 60, .ns = "slow"},
                           [slowAnswers, slowStarted]() -> QFuture<QHttpServerResponse> {
                               ++*slowStarted;
                               auto promise = std::make_shared<QPromise<QHttpServerResponse>>();
                               promise->start();
                               QTimer::singleShot(300, [promise, slowAnswers] {
                                   ++*slowAnswers;
                                   promise->addResult(QHttpServerResponse("slow"));
                                   promise->finish();
                               });
                               return promise->future();
                           }));
    m_server->route(
        "/badkey", Method::Get,
        cached(cache,
               {.ns = "plain",
                .keyBuilder = [](const QStringList &,
                                 const QHttpServerRequest &) { return QString("bad\r\nkey"); }},
               [calls] {
                   ++*calls;
                   return QHttpServerResponse("still answered");
               }));
    m_server->route(
        "/items", Method::Post,
        cacheBusting(cache, {.ns = "items"}, [mutations](const QHttpServerRequest &request) {
            ++*mutations;
            if (request.body() == "fail")
                return QHttpServerResponse(QJsonObject{{"detail", "bad"}},
                                           QHttpServerResponse::StatusCode::UnprocessableEntity);
            return QHttpServerResponse(QJsonObject{{"created", true}},
                                       QHttpServerResponse::StatusCode::Created);
        }));
    m_server->route("/items/<arg>", Method::Put,
                    cacheBusting(cache,
                                 {.ns = "items",
                                  .keysBuilder =
                                      [](const QStringList &args, const QHttpServerRequest &) {
                                          return QStringList{"item_" + args.at(0)};
                                      }},
                                 [mutations](int id) {
                                     ++*mutations;
                                     return QHttpServerResponse(QJsonObject{{"id", id}});
                                 }));
    addCacheRoutes(*m_server, cache);
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_port != 0);
}

void TestCachedRoute::cleanup() {
    m_server.reset();
    m_cache.reset();
}

void TestCachedRoute::missThenHitServesTheSameBodyWithCacheHeaders() {
    HttpTestClient client(baseUrl());
    const HttpResult first = client.get("/plain");
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(first.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(first.header("Cache-Control"), QByteArray("max-age=120"));
    QCOMPARE(first.header("Age"), QByteArray("0"));
    QVERIFY(first.header("ETag").startsWith('"'));

    const HttpResult second = client.get("/plain");
    QCOMPARE(second.status, 200);
    QCOMPARE(second.header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(second.body, first.body);
    QCOMPARE(second.header("ETag"), first.header("ETag"));
    QCOMPARE(second.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(second.header("Cache-Control").startsWith("max-age="));
    QVERIFY(second.header("Cache-Control").mid(8).toInt() <= 120);
    QCOMPARE(m_calls, 1);
    // The tag depends on the body only: the same bytes give the same tag.
    QCOMPARE(second.header("ETag"), http::etagFor(first.body));
}

void TestCachedRoute::ifNoneMatchAnswers304WithoutBody() {
    HttpTestClient client(baseUrl());
    const QByteArray etag = client.get("/plain").header("ETag");
    QVERIFY(!etag.isEmpty());

    const QByteArray exact = rawExchange(
        m_port, "GET /plain HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n");
    QCOMPARE(statusOf(exact), 304);
    QVERIFY(exact.endsWith("\r\n\r\n")); // no body
    QVERIFY(exact.contains("ETag: " + etag));
    QVERIFY(exact.contains("X-Cache: HIT"));

    const QByteArray list =
        rawExchange(m_port, "GET /plain HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"nope\", W/" + etag +
                                "\r\n\r\n");
    QCOMPARE(statusOf(list), 304);
    const QByteArray star =
        rawExchange(m_port, "GET /plain HTTP/1.1\r\nHost: x\r\nIf-None-Match: *\r\n\r\n");
    QCOMPARE(statusOf(star), 304);
    const QByteArray other =
        rawExchange(m_port, "GET /plain HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"other\"\r\n\r\n");
    QCOMPARE(statusOf(other), 200);
    QCOMPARE(m_calls, 1);
}

void TestCachedRoute::requestNoCacheRunsHandlerAndRefreshes() {
    HttpTestClient client(baseUrl());
    QCOMPARE(client.get("/plain").json().value("call").toInt(), 1);
    const HttpResult refreshed = client.get("/plain", {{"Cache-Control", "no-cache"}});
    QCOMPARE(refreshed.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(refreshed.json().value("call").toInt(), 2);
    const HttpResult after = client.get("/plain");
    QCOMPARE(after.header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(after.json().value("call").toInt(), 2);
}

void TestCachedRoute::requestNoStoreRunsHandlerAndStoresNothing() {
    HttpTestClient client(baseUrl());
    const HttpResult first = client.get("/plain", {{"Cache-Control", "no-store"}});
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("X-Cache"), QByteArray("MISS"));
    const HttpResult second = client.get("/plain");
    QCOMPARE(second.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(m_calls, 2);
}

void TestCachedRoute::non2xxAnswersAreNotStored() {
    HttpTestClient client(baseUrl());
    const HttpResult first = client.get("/items/500");
    QCOMPARE(first.status, 404);
    QCOMPARE(first.json().value("detail").toString(), QString("Item not found"));
    QCOMPARE(client.get("/items/500").status, 404);
    QCOMPARE(m_calls, 2);
    QCOMPARE(await(m_cache->exists({"item_500"}, "items")).value, 0);
}

void TestCachedRoute::defaultKeyIgnoresQueryOrderAndIncludesVaryHeaders() {
    HttpTestClient client(baseUrl());
    QCOMPARE(client.get("/query?b=2&a=1", {{"X-Tenant", "acme"}}).header("X-Cache"),
             QByteArray("MISS"));
    const HttpResult reordered = client.get("/query?a=1&b=2", {{"X-Tenant", "acme"}});
    QCOMPARE(reordered.header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(reordered.json().value("tenant").toString(), QString("acme"));
    const HttpResult otherTenant = client.get("/query?a=1&b=2", {{"X-Tenant", "globex"}});
    QCOMPARE(otherTenant.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(otherTenant.json().value("tenant").toString(), QString("globex"));
    QCOMPARE(otherTenant.header("Vary"), QByteArray("X-Tenant"));
    QCOMPARE(client.get("/query?a=2", {{"X-Tenant", "acme"}}).header("X-Cache"),
             QByteArray("MISS"));
    QCOMPARE(m_calls, 3);
}

void TestCachedRoute::customKeyBuilderGetsPathArguments() {
    HttpTestClient client(baseUrl());
    QCOMPARE(client.get("/items/7").status, 200);
    const auto stored = await(m_cache->get("item_7", "items"));
    QVERIFY(stored.ok());
    QVERIFY(stored.value.has_value());
    QCOMPARE(QJsonDocument::fromJson(stored.value->data).object().value("id").toInt(), 7);
    QCOMPARE(stored.value->contentType, QByteArray("application/json"));
    QCOMPARE(client.get("/items/7").header("X-Cache"), QByteArray("HIT"));
}

void TestCachedRoute::futureHandlerIsAnsweredAndCached() {
    HttpTestClient client(baseUrl());
    const HttpResult first = client.get("/async/world");
    QCOMPARE(first.status, 200);
    QCOMPARE(first.body, QByteArray("hello world"));
    QCOMPARE(first.header("Content-Type"), QByteArray("text/plain"));
    QCOMPARE(first.header("X-Cache"), QByteArray("MISS"));
    const HttpResult second = client.get("/async/world");
    QCOMPARE(second.header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(second.body, QByteArray("hello world"));
    QCOMPARE(m_calls, 1);
}

void TestCachedRoute::invalidKeyFromBuilderStillAnswersFromHandler() {
    HttpTestClient client(baseUrl());
    const HttpResult result = client.get("/badkey");
    QCOMPARE(result.status, 200);
    QCOMPARE(result.body, QByteArray("still answered"));
    QCOMPARE(result.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(client.get("/badkey").status, 200);
    QCOMPARE(m_calls, 2);
}

void TestCachedRoute::cacheBustingClearsTheNamespaceAfterSuccess() {
    HttpTestClient client(baseUrl());
    client.get("/items/1");
    client.get("/items/2");
    QCOMPARE(client.get("/items/1").header("X-Cache"), QByteArray("HIT"));
    const HttpResult created = client.request("POST", "/items", "{}");
    QCOMPARE(created.status, 201);
    QCOMPARE(client.get("/items/1").header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(client.get("/items/2").header("X-Cache"), QByteArray("MISS"));
}

void TestCachedRoute::cacheBustingRemovesOnlyTheBuilderKeys() {
    HttpTestClient client(baseUrl());
    client.get("/items/1");
    client.get("/items/2");
    QCOMPARE(client.request("PUT", "/items/1", "{}").status, 200);
    QCOMPARE(client.get("/items/1").header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(client.get("/items/2").header("X-Cache"), QByteArray("HIT"));
}

void TestCachedRoute::failedMutationDoesNotBust() {
    HttpTestClient client(baseUrl());
    client.get("/items/3");
    QCOMPARE(client.request("POST", "/items", "fail").status, 422);
    QCOMPARE(m_mutations, 1);
    QCOMPARE(client.get("/items/3").header("X-Cache"), QByteArray("HIT"));
}

void TestCachedRoute::clientLeavingBeforeSlowAnswerDoesNotCrashServer() {
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_slowStarted, 1); // the handler is running
        socket.abort();
    }
    // The slow answer is produced after the client left; the server drops it and goes on.
    QTRY_COMPARE_WITH_TIMEOUT(m_slowAnswers, 1, 3000);
    HttpTestClient client(baseUrl());
    const HttpResult after = client.get("/slow");
    QCOMPARE(after.status, 200);
    QCOMPARE(after.body, QByteArray("slow"));
    QCOMPARE(client.get("/plain").status, 200);
}

// A program may destroy its QHttpServer (and with it the routes) while a handler is still
// working: the answer that comes afterwards reaches neither the route nor the socket, and the
// cache manager goes on serving.
void TestCachedRoute::serverDestroyedBeforeSlowAnswerLeavesNothingDangling() {
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
    socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE(m_slowStarted, 1);
    m_server.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_slowAnswers, 1, 3000);
    QTest::qWait(50); // the answer's continuations run
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    const Result<bool> r = test::await(m_cache->set(QStringLiteral("after"), QByteArray("v")));
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
}

void TestCachedRoute::concurrentMissesRunTheHandlerOnce() {
    HttpTestClient client(baseUrl());
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 5; ++i)
        replies.append(client.network().get(
            QNetworkRequest(QUrl(baseUrl().toString() + QStringLiteral("/async/shared")))));
    for (QNetworkReply *reply : std::as_const(replies)) {
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray("hello shared"));
        reply->deleteLater();
    }
    QCOMPARE(m_calls, 1);
}

void TestCachedRoute::managementRoutesAreAddedToAnyServer() {
    HttpTestClient client(baseUrl());
    client.get("/plain");
    client.get("/plain");
    const HttpResult stats = client.get("/cache/stats");
    QCOMPARE(stats.status, 200);
    QCOMPARE(stats.json().value("hits").toInt(), 1);
    QVERIFY(stats.json().value("namespaces").toObject().contains("plain"));
    const HttpResult cleared = client.request("POST", "/cache/clear/plain");
    QCOMPARE(cleared.status, 200);
    QCOMPARE(cleared.json().value("cleared").toInt(), 1);
    QCOMPARE(client.get("/plain").header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(client.get("/cache/nothing-here").status, 404);
    QCOMPARE(client.request("PATCH", "/cache/stats").status, 405);
}

void TestCachedRoute::statsScopeAllAddsUpEveryInstanceOnTheRedis() {
    QFETCH_GLOBAL(bool, useRedis);
    // A second instance: its own manager and server, on the same Redis with the same prefix.
    CacheManager other(m_cache->settings());
    other.start();
    if (useRedis)
        QTRY_VERIFY_WITH_TIMEOUT(other.activeBackend() == BackendKind::Redis, 5000);
    QHttpServer otherServer;
    addCacheRoutes(otherServer, &other);
    const quint16 otherPort = otherServer.listen(QHostAddress::LocalHost, 0);
    QVERIFY(otherPort != 0);
    HttpTestClient client(baseUrl());
    HttpTestClient otherClient(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(otherPort)));

    client.get("/plain"); // a miss
    client.get("/plain"); // a hit
    QVERIFY(await(other.set("k", QByteArray("v"), 60, "plain")).ok());
    QVERIFY(await(other.get("k", "plain")).value.has_value());
    QVERIFY(await(other.get("k", "plain")).value.has_value());

    QCOMPARE(client.get("/cache/stats").json().value("hits").toInt(), 1);
    QCOMPARE(client.get("/cache/stats?scope=local").json().value("hits").toInt(), 1);
    QCOMPARE(client.get("/cache/stats?scope=everything").status, 422);
    if (!useRedis) {
        // Nothing to add up with: this instance alone, and said so.
        const QJsonObject alone = client.get("/cache/stats?scope=all").json();
        QCOMPARE(alone.value("complete").toBool(), false);
        QCOMPARE(alone.value("instances").toArray().size(), 1);
        QCOMPARE(alone.value("hits").toInt(), 1);
        return;
    }
    // Each instance publishes every second; then either server answers for both.
    for (HttpTestClient *c : {&client, &otherClient}) {
        QJsonObject all;
        QTRY_VERIFY_WITH_TIMEOUT(
            (all = c->get("/cache/stats?scope=all").json()).value("hits").toInt() == 3, 4000);
        QCOMPARE(all.value("scope").toString(), QStringLiteral("all"));
        QCOMPARE(all.value("instances").toArray().size(), 2);
        QCOMPARE(all.value("complete").toBool(), true);
        QCOMPARE(all.value("misses").toInt(), 1);
        QCOMPARE(all.value("namespaces").toObject().value("plain").toObject().value("hits").toInt(),
                 3);
    }
}

void TestCachedRoute::bareBodyEntryIsServedAsJson() {
    // What the Python seed (and CACHE_WIRE_FORMAT=seed) stores: the JSON text, nothing else.
    QFETCH_GLOBAL(bool, useRedis);
    const QByteArray full = m_cache->settings().cache.namespacePrefix.toUtf8() + ":items:item_7";
    const QByteArray json = R"({"id": 7, "from": "python"})";
    if (useRedis)
        QCOMPARE(m_redis.command({"SET", full, json, "EX", "60"}), QByteArray("OK"));
    else
        m_cache->memoryBackend()->set(full, json, 60, [](Result<bool>) {});
    HttpTestClient client(baseUrl());
    const HttpResult r = client.get("/items/7");
    QCOMPARE(r.header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(r.json().value("from").toString(), QStringLiteral("python"));
    QCOMPARE(m_calls, 0);
}

// The helpers behind stored attributes (status, TTL) and route arguments.
void TestCachedRoute::numbersAndPathSegmentsAreParsedStrictly() {
    QCOMPARE(http::parseNumber("0"), std::optional<qint64>(0));
    QCOMPARE(http::parseNumber("300"), std::optional<qint64>(300));
    QCOMPARE(http::parseNumber("9223372036854775807"),
             std::optional<qint64>(std::numeric_limits<qint64>::max()));
    for (const char *bad : {"", "-1", "+1", " 1", "1 ", "12a", "0x10", "9223372036854775808"})
        QVERIFY2(!http::parseNumber(bad).has_value(), bad);
    http::Writer w(16 + 20 + 20);
    w.lit("n=");
    w.number(-42);
    w.put(QByteArray(" max="));
    w.number(std::numeric_limits<qint64>::max());
    QCOMPARE(w.finish(), QByteArray("n=-42 max=9223372036854775807"));

    QCOMPARE(http::decodeSegment("plain"), QString("plain"));
    QCOMPARE(http::decodeSegment("a%20b"), QString("a b"));
    QCOMPARE(http::decodeSegment("%E2%82%AC"), QString(QChar(0x20AC)));
    QCOMPARE(http::decodeSegment("caf\xC3\xA9"), QString("caf") + QChar(0xE9));
    QCOMPARE(http::decodeSegment("100%25"), QString("100%"));
}

// The README's setups: an HttpRouter on the application's own QHttpServer, and the same
// routes on the connection layer cache-server uses (HttpListener). Both answer MISS then HIT
// for routes keyed by the placeholders or by the default key; a keyBuilder needs the
// QHttpServerRequest, which only QHttpServer has: on HttpListener its route runs uncached.
void TestCachedRoute::routerServesCachedRoutesOnQHttpServerAndOnHttpListener() {
    CacheManager *cache = m_cache.get();
    int *calls = &m_calls;
    auto byArgs =
        cached(cache,
               {.ttl = 60,
                .ns = "router",
                .argsKeyBuilder = [](const QStringList &args) { return "e_" + args.at(0); }},
               [calls](const QString &name) {
                   ++*calls;
                   return QHttpServerResponse(QJsonObject{{"name", name}});
               });
    auto byDefault =
        cached(cache, {.ttl = 60, .ns = "router", .varyHeaders = {"X-Tenant"}},
               [calls](const HttpExchange &request) {
                   ++*calls;
                   return QHttpServerResponse(QString::fromUtf8(request.header("X-Tenant")));
               });
    auto byRequest = cached(
        cache,
        {.ttl = 60,
         .ns = "router",
         .keyBuilder = [](const QStringList &,
                          const QHttpServerRequest &) { return QStringLiteral("by_request"); }},
        [calls] {
            ++*calls;
            return QHttpServerResponse("needs the request");
        });
    auto router = std::make_shared<HttpRouter>(std::make_shared<HttpPipeline>());
    router->add(
        Method::Get, "/named/([^/]+)", RouteSpec{"/named/{name}", false, {}},
        [byArgs](const QStringList &args, const ExchangePtr &ex) { byArgs.serve(args.at(0), ex); });
    router->add(Method::Get, "/tenant", RouteSpec{"/tenant", false, {}},
                [byDefault](const QStringList &, const ExchangePtr &ex) { byDefault.serve(ex); });
    router->add(Method::Get, "/request", RouteSpec{"/request", false, {}},
                [byRequest](const QStringList &, const ExchangePtr &ex) { byRequest.serve(ex); });

    QHttpServer server;
    HttpRouter::installAsFallback(router, server);
    const quint16 qtPort = server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(qtPort != 0);
    HttpListener listener(ConnectionLimits{}, [router](HttpConnection *connection, quint64 sequence,
                                                       HttpRequest &&request) {
        router->dispatch(HttpExchange::create(connection, sequence, std::move(request)));
    });
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    const quint16 ownPort = listener.serverPort();
    const auto get = [](quint16 port, const QByteArray &target, const QByteArray &headers = {}) {
        return rawExchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
    };

    QVERIFY(get(qtPort, "/named/ada").contains("X-Cache: MISS"));
    for (const quint16 port : {qtPort, ownPort}) {
        const QByteArray hit = get(port, "/named/ada");
        QVERIFY(hit.contains("X-Cache: HIT"));
        QVERIFY(hit.endsWith("{\"name\":\"ada\"}"));
    }

    QVERIFY(get(ownPort, "/tenant", "X-Tenant: acme\r\n").contains("X-Cache: MISS"));
    QVERIFY(get(qtPort, "/tenant", "X-Tenant: globex\r\n").contains("X-Cache: MISS"));
    for (const quint16 port : {qtPort, ownPort}) {
        const QByteArray acme = get(port, "/tenant", "X-Tenant: acme\r\n");
        QVERIFY(acme.contains("X-Cache: HIT"));
        QVERIFY(acme.endsWith("acme"));
    }

    QVERIFY(get(qtPort, "/request").contains("X-Cache: MISS"));
    QVERIFY(get(qtPort, "/request").contains("X-Cache: HIT"));
    const QByteArray uncached = get(ownPort, "/request");
    QCOMPARE(statusOf(uncached), 200);
    QVERIFY(uncached.contains("X-Cache: MISS"));
    QVERIFY(uncached.contains("Cache-Control: no-store"));
    QCOMPARE(m_calls, 5); // ada, acme, globex, and /request once on each server
}

QTEST_MAIN(TestCachedRoute)
#include "tst_cachedroute.moc"
