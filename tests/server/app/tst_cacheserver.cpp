// cache-server's routes end to end, in process over real sockets: the demo item API with its
// cached and cache-busting routes, the management and console routes, operations routes,
// access control, and the connection protections. Every test runs on the memory backend and
// on a real Redis.
#include "cachemanager.h"
#include "cacheserver.h"
#include "futurewait.h"
#include "http/httplistener.h"
#include "httppipeline.h"
#include "httptestclient.h"
#include "ratelimitguard.h"
#include "redisserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QUuid>
#include <QtTest>

using namespace qrc;
using namespace qrc::test;

class TestCacheServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void keepAliveRequestsOnOneConnectionAreAnsweredInOrder();
    void pipelinedMixesAreAnsweredInRequestOrder_data();
    void pipelinedMixesAreAnsweredInRequestOrder();
    void pipelinedRequestsOverTwentyIdsGetTheirOwnBodies();
    void pipelinedAnswersCarryTheHeadersOfTheirOwnEntry();
    void pipelined429sBetween200sStayInOrder();
    void framingErrorsAreAnsweredAndCloseTheConnection_data();
    void framingErrorsAreAnsweredAndCloseTheConnection();
    void identicalContentLengthCopiesAreAccepted();
    void connectionCloseIsAnsweredAndClosed();
    void http10ClosesUnlessKeepAlive();
    void expectContinueGets100BeforeTheBody();
    void expectContinueOverTheBodyLimitGets413Without100();
    void init();
    void cleanup();

    void itemsListIsMissThenHitAndSortedById();
    void itemMissIsSlowerThanHit();
    void unknownItemIs404AndNonIntegerIdIs422();
    void itemIdsNameOneEntryHoweverWritten();
    void createItemBustsTheNamespace();
    void createItemRejectsBadBodies_data();
    void createItemRejectsBadBodies();
    void createItemIsRefusedWhenTheDemoSetIsFull();
    void updateItemBustsItemAndList();
    void updateAndDeleteOfMissingItemAre404();
    void deleteItemAnswers204AndBusts();
    void statsReportCountersAndNamespaces();
    void pingAnswersOkWithLatency();
    void clearAllRemovesOnlyKeysUnderThePrefix();
    void clearNamespaceLeavesSiblingsAndRejectsInvalidNames();
    void resetStatsAcceptsGetAndPost();
    void infoDescribesTheConfiguration();
    void namespacesAreListedSortedByName();
    void keysArePagedWithCursorAndFilteredByGlob();
    void keyCountOutsideRangeIs422();
    void keyDetailsDecodeJsonTextAndBinary();
    void entryStoredByCachedRouteShowsDecodedBody();
    void oddKeysCanBeListedFetchedRetimedAndDeleted();
    void keyTtlIsClampedAndValidated();
    void missingKeyIs404ForGetTtlAndDelete();
    void controlCharactersInKeyAreRejected();
    void historyHasOneSamplePerSecond();
    void healthzAnswersOk();
    void metricsExposePrometheusText();
    void unknownRouteIs404AndWrongMethodIs405();
    void adminTokenIsRequiredWhenConfigured();
    void corsPreflightIsAnsweredForTheFrontendOrigin();
    void oversizedBodyGets413AndServerKeepsServing();
    void chunkedBodyGets411();
    void requestHeadsAreFramedAcrossReadsAndBodies();
    void idleConnectionIsClosed();
    void connectionCapShedsOldestIdleBeforeRefusing();
    void clientLeavingBeforeSlowMissDoesNotCrash();
    void shutdownFinishesInFlightRequests();

private:
    Settings baseSettings() const;
    std::unique_ptr<CacheServer> startServer(const Settings &settings);
    HttpTestClient client() const { return HttpTestClient(m_url); }

    RedisServer m_redis;
    std::unique_ptr<CacheServer> m_server;
    QUrl m_url;
    quint16 m_port = 0;
};

void TestCacheServer::initTestCase_data() {
    QTest::addColumn<bool>("useRedis");
    QTest::newRow("memory") << false;
    QTest::newRow("redis") << true;
}

void TestCacheServer::initTestCase() {
    QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError()));
}

Settings TestCacheServer::baseSettings() const {
    QFETCH_GLOBAL(bool, useRedis);
    Settings settings;
    settings.redis.enabled = useRedis;
    settings.redis.host = m_redis.host();
    settings.redis.port = m_redis.port();
    settings.cache.namespacePrefix =
        QStringLiteral("tst-srv-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    settings.server.host = QStringLiteral("127.0.0.1");
    settings.server.port = 0;
    settings.server.demoItems = 20;
    settings.server.demoLatencyMs = 5;
    return settings;
}

std::unique_ptr<CacheServer> TestCacheServer::startServer(const Settings &settings) {
    auto server = std::make_unique<CacheServer>(settings);
    QString error;
    if (!server->start(&error)) {
        qWarning() << error;
        return nullptr;
    }
    if (settings.redis.enabled) {
        QDeadlineTimer deadline(5000);
        while (server->cache()->activeBackend() != BackendKind::Redis && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents,
                                            20);
        if (server->cache()->activeBackend() != BackendKind::Redis)
            return nullptr;
    }
    return server;
}

void TestCacheServer::init() {
    m_server = startServer(baseSettings());
    QVERIFY(m_server);
    m_port = m_server->port();
    m_url = QUrl(m_server->url());
}

void TestCacheServer::cleanup() {
    m_server.reset();
}

void TestCacheServer::itemsListIsMissThenHitAndSortedById() {
    HttpTestClient http = client();
    const HttpResult first = http.get("/items");
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("X-Cache"), QByteArray("MISS"));
    const QJsonArray items = first.json().value("items").toArray();
    QCOMPARE(items.size(), 20);
    for (int i = 0; i < items.size(); ++i)
        QCOMPARE(items.at(i).toObject().value("id").toInt(), i + 1);
    const QJsonObject third = items.at(2).toObject();
    QCOMPARE(third.value("name").toString(), QString("Item 3"));
    QCOMPARE(third.value("description").toString(), QString("Demo item number 3"));
    QCOMPARE(third.value("price").toDouble(), 3.75);
    const HttpResult second = http.get("/items");
    QCOMPARE(second.header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(second.body, first.body);
    QVERIFY(second.header("Cache-Control").startsWith("max-age="));
    QVERIFY(second.header("Cache-Control").mid(8).toInt() > 590);
    // Stored under the documented key.
    QVERIFY(await(m_server->cache()->exists({"items_list"}, "items")).value == 1);
}

void TestCacheServer::itemMissIsSlowerThanHit() {
    Settings settings = baseSettings();
    settings.server.demoLatencyMs = 150;
    m_server = startServer(settings);
    QVERIFY(m_server);
    HttpTestClient http(QUrl(m_server->url()));
    QElapsedTimer timer;
    timer.start();
    const HttpResult miss = http.get("/items/4");
    const qint64 missMs = timer.restart();
    const HttpResult hit = http.get("/items/4");
    const qint64 hitMs = timer.elapsed();
    QCOMPARE(miss.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(hit.header("X-Cache"), QByteArray("HIT"));
    QCOMPARE_GE(missMs, 150);
    QCOMPARE_LT(hitMs, 150);
    QCOMPARE(hit.json().value("id").toInt(), 4);
    QCOMPARE(hit.json().value("price").toDouble(), 5.0);
}

void TestCacheServer::unknownItemIs404AndNonIntegerIdIs422() {
    HttpTestClient http = client();
    const HttpResult missing = http.get("/items/999");
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json().value("detail").toString(), QString("Item not found"));
    QCOMPARE(missing.header("Content-Type"), QByteArray("application/json"));
    const HttpResult word = http.get("/items/abc");
    QCOMPARE(word.status, 422);
    QVERIFY(!word.json().value("detail").toString().isEmpty());
    QCOMPARE(http.request("PUT", "/items/1.5", R"({"name":"x","price":1})").status, 422);
    QCOMPARE(http.request("DELETE", "/items/x").status, 422);
}

void TestCacheServer::createItemBustsTheNamespace() {
    HttpTestClient http = client();
    http.get("/items");
    http.get("/items/1");
    const HttpResult created =
        http.request("POST", "/items", R"({"name":"Widget","description":"New","price":9.5})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value("id").toInt(), 21);
    QCOMPARE(created.json().value("name").toString(), QString("Widget"));
    const HttpResult list = http.get("/items");
    QCOMPARE(list.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(list.json().value("items").toArray().size(), 21);
    QCOMPARE(http.get("/items/1").header("X-Cache"), QByteArray("MISS"));
    const HttpResult fetched = http.get("/items/21");
    QCOMPARE(fetched.json().value("description").toString(), QString("New"));
}

void TestCacheServer::createItemRejectsBadBodies_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << QByteArray("{name:");
    QTest::newRow("array") << QByteArray("[1]");
    QTest::newRow("missing name") << QByteArray(R"({"price":1})");
    QTest::newRow("empty name") << QByteArray(R"({"name":"","price":1})");
    QTest::newRow("long name") << (R"({"name":")" + QByteArray(201, 'n') + R"(","price":1})");
    QTest::newRow("name not string") << QByteArray(R"({"name":5,"price":1})");
    QTest::newRow("description not string")
        << QByteArray(R"({"name":"a","description":3,"price":1})");
    QTest::newRow("missing price") << QByteArray(R"({"name":"a"})");
    QTest::newRow("price string") << QByteArray(R"({"name":"a","price":"1"})");
    QTest::newRow("negative price") << QByteArray(R"({"name":"a","price":-0.01})");
}

void TestCacheServer::createItemRejectsBadBodies() {
    QFETCH(QByteArray, body);
    HttpTestClient http = client();
    http.get("/items/2");
    const HttpResult result = http.request("POST", "/items", body);
    QCOMPARE(result.status, 422);
    QVERIFY(!result.json().value("detail").toString().isEmpty());
    QCOMPARE(http.request("PUT", "/items/2", body).status, 422);
    // A refused mutation does not bust.
    QCOMPARE(http.get("/items/2").header("X-Cache"), QByteArray("HIT"));
}

// F7: POST /items grew the demo data set without bound.
void TestCacheServer::createItemIsRefusedWhenTheDemoSetIsFull() {
    Settings settings = baseSettings();
    settings.server.demoMaxItems = 21; // 20 items to start with
    m_server = startServer(settings);
    QVERIFY(m_server);
    HttpTestClient http(QUrl(m_server->url()));
    QCOMPARE(http.request("POST", "/items", R"({"name":"last","price":1})").status, 201);
    const HttpResult full = http.request("POST", "/items", R"({"name":"one more","price":1})");
    QCOMPARE(full.status, 507);
    QVERIFY2(full.json().value("detail").toString().contains("DEMO_MAX_ITEMS"), full.body);
    QCOMPARE(http.request("DELETE", "/items/1").status, 204);
    QCOMPARE(http.request("POST", "/items", R"({"name":"room again","price":1})").status, 201);
}

void TestCacheServer::updateItemBustsItemAndList() {
    HttpTestClient http = client();
    http.get("/items");
    http.get("/items/5");
    http.get("/items/6");
    const HttpResult updated = http.request("PUT", "/items/5", R"({"name":"Renamed","price":1})");
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.json().value("name").toString(), QString("Renamed"));
    const HttpResult item = http.get("/items/5");
    QCOMPARE(item.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(item.json().value("name").toString(), QString("Renamed"));
    QCOMPARE(http.get("/items").header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(http.get("/items/6").header("X-Cache"), QByteArray("HIT"));
}

void TestCacheServer::updateAndDeleteOfMissingItemAre404() {
    HttpTestClient http = client();
    QCOMPARE(http.request("PUT", "/items/404", R"({"name":"x","price":1})").status, 404);
    QCOMPARE(http.request("DELETE", "/items/404").status, 404);
}

void TestCacheServer::deleteItemAnswers204AndBusts() {
    HttpTestClient http = client();
    QCOMPARE(http.get("/items/7").status, 200);
    const HttpResult deleted = http.request("DELETE", "/items/7");
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(http.get("/items/7").status, 404);
    QCOMPARE(http.request("DELETE", "/items/7").status, 404);
}

void TestCacheServer::statsReportCountersAndNamespaces() {
    HttpTestClient http = client();
    http.get("/items/1");
    http.get("/items/1");
    http.get("/items/1");
    const HttpResult stats = http.get("/cache/stats");
    QCOMPARE(stats.status, 200);
    const QJsonObject s = stats.json();
    QFETCH_GLOBAL(bool, useRedis);
    QCOMPARE(s.value("backend").toString(), useRedis ? QString("redis") : QString("memory"));
    QCOMPARE(s.value("redis").toString(), useRedis ? QString("connected") : QString("disabled"));
    QCOMPARE(s.value("hits").toInt(), 2);
    QCOMPARE(s.value("misses").toInt(), 1);
    QCOMPARE(s.value("total_requests").toInt(), 3);
    QCOMPARE(s.value("sets").toInt(), 1);
    QVERIFY(qAbs(s.value("hit_rate").toDouble() - 2.0 / 3.0) < 1e-9);
    QCOMPARE(s.value("hit_rate_percent").toString(), QString("66.67%"));
    for (const char *field :
         {"deletes", "evictions", "errors", "bytes_read", "bytes_written", "uptime_seconds"})
        QVERIFY2(s.value(field).isDouble(), field);
    QVERIFY(QDateTime::fromString(s.value("created_at").toString(), Qt::ISODateWithMs).isValid());
    QVERIFY(
        QDateTime::fromString(s.value("last_updated_at").toString(), Qt::ISODateWithMs).isValid());
    const QJsonObject items = s.value("namespaces").toObject().value("items").toObject();
    QCOMPARE(items.value("hits").toInt(), 2);
    QCOMPARE(items.value("misses").toInt(), 1);
    QCOMPARE(items.value("sets").toInt(), 1);
    QVERIFY(items.contains("deletes"));
    QVERIFY(items.contains("hit_rate"));
}

void TestCacheServer::pingAnswersOkWithLatency() {
    const HttpResult ping = client().get("/cache/ping");
    QCOMPARE(ping.status, 200);
    QCOMPARE(ping.json().value("status").toString(), QString("ok"));
    QVERIFY(ping.json().value("latency_ms").toDouble() >= 0);
    QVERIFY(ping.json().contains("backend"));
    QVERIFY(ping.json().contains("redis"));
}

void TestCacheServer::clearAllRemovesOnlyKeysUnderThePrefix() {
    QFETCH_GLOBAL(bool, useRedis);
    HttpTestClient http = client();
    http.get("/items/1");
    http.get("/items");
    const QByteArray foreignKey = "tst-foreign-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    if (useRedis)
        QCOMPARE(m_redis.command({"SET", foreignKey, "keep"}), QByteArray("OK"));
    const HttpResult cleared = http.request("DELETE", "/cache/clear");
    QCOMPARE(cleared.status, 200);
    QCOMPARE(cleared.json().value("status").toString(), QString("ok"));
    QCOMPARE(cleared.json().value("cleared").toInt(), 2);
    QCOMPARE(http.get("/items/1").header("X-Cache"), QByteArray("MISS"));
    if (useRedis) {
        QCOMPARE(m_redis.command({"GET", foreignKey}), QByteArray("keep"));
        m_redis.command({"DEL", foreignKey});
    }
}

void TestCacheServer::clearNamespaceLeavesSiblingsAndRejectsInvalidNames() {
    HttpTestClient http = client();
    CacheManager *cache = m_server->cache();
    QVERIFY(await(cache->set("a", QByteArray("1"), 60, "it")).ok());
    http.get("/items/1");
    const HttpResult cleared = http.request("POST", "/cache/clear/it");
    QCOMPARE(cleared.status, 200);
    QCOMPARE(cleared.json().value("namespace").toString(), QString("it"));
    QCOMPARE(cleared.json().value("cleared").toInt(), 1);
    QCOMPARE(http.get("/items/1").header("X-Cache"), QByteArray("HIT"));
    for (const char *bad : {"it%2A", "ite%3F", "%5Bi%5Dtems", "a%20b", "a%0D%0Ab"}) {
        const HttpResult refused = http.request("POST", QString("/cache/clear/") + bad);
        QVERIFY2(refused.status == 422, bad);
        QVERIFY(!refused.json().value("detail").toString().isEmpty());
    }
    QCOMPARE(http.get("/items/1").header("X-Cache"), QByteArray("HIT"));
}

void TestCacheServer::resetStatsAcceptsGetAndPost() {
    HttpTestClient http = client();
    http.get("/items/1");
    http.get("/items/1");
    const HttpResult viaGet = http.get("/cache/reset-stats");
    QCOMPARE(viaGet.status, 200);
    QCOMPARE(viaGet.json().value("status").toString(), QString("ok"));
    QCOMPARE(http.get("/cache/stats").json().value("hits").toInt(), 0);
    http.get("/items/1");
    QCOMPARE(http.get("/cache/stats").json().value("hits").toInt(), 1);
    QCOMPARE(http.request("POST", "/cache/reset-stats").status, 200);
    QCOMPARE(http.get("/cache/stats").json().value("total_requests").toInt(), 0);
}

void TestCacheServer::infoDescribesTheConfiguration() {
    const QJsonObject info = client().get("/cache/info").json();
    const Settings &s = m_server->settings();
    QCOMPARE(info.value("name").toString(), s.app.appName);
    QCOMPARE(info.value("version").toString(), QString(QRC_VERSION));
    QCOMPARE(info.value("environment").toString(), s.app.environment);
    QCOMPARE(info.value("prefix").toString(), s.cache.namespacePrefix);
    QCOMPARE(info.value("default_ttl").toInt(), s.cache.defaultTtl);
    QCOMPARE(info.value("max_ttl").toInt(), s.cache.maxTtl);
    QCOMPARE(info.value("compression_enabled").toBool(), s.cache.compressionEnabled);
    QCOMPARE(info.value("compression_threshold").toInt(), s.cache.compressionThreshold);
    QCOMPARE(info.value("rate_limit").toString(), s.rateLimit.defaultLimit);
}

void TestCacheServer::namespacesAreListedSortedByName() {
    CacheManager *cache = m_server->cache();
    QVERIFY(await(cache->set("k1", QByteArray("1"), 60, "zeta")).ok());
    QVERIFY(await(cache->set("k2", QByteArray("1"), 60, "zeta")).ok());
    QVERIFY(await(cache->set("k", QByteArray("1"), 60, "alpha")).ok());
    const QJsonArray list = client().get("/cache/namespaces").json().value("namespaces").toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value("name").toString(), QString("alpha"));
    QCOMPARE(list.at(0).toObject().value("keys").toInt(), 1);
    QCOMPARE(list.at(1).toObject().value("name").toString(), QString("zeta"));
    QCOMPARE(list.at(1).toObject().value("keys").toInt(), 2);
}

void TestCacheServer::keysArePagedWithCursorAndFilteredByGlob() {
    CacheManager *cache = m_server->cache();
    for (int i = 0; i < 25; ++i)
        QVERIFY(await(cache->set(QString("k%1").arg(i), QByteArray("v"), 600, "page")).ok());
    HttpTestClient http = client();
    QSet<QString> seen;
    QString cursor;
    int pages = 0;
    do {
        QString path = "/cache/namespaces/page/keys?count=10";
        if (!cursor.isEmpty())
            path += "&cursor=" + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
        const HttpResult page = http.get(path);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json().value("namespace").toString(), QString("page"));
        const QJsonArray keys = page.json().value("keys").toArray();
        QVERIFY(keys.size() <= 10);
        for (const QJsonValue &k : keys) {
            const QJsonObject key = k.toObject();
            seen.insert(key.value("key").toString());
            QVERIFY(key.value("ttl").toInt() > 0 && key.value("ttl").toInt() <= 600);
            QVERIFY(key.value("size").toInt() > 0);
            QVERIFY(key.contains("compressed"));
        }
        const QJsonValue next = page.json().value("next_cursor");
        QVERIFY(next.isNull() || next.isString());
        cursor = next.toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 50);
    QCOMPARE(seen.size(), 25);
    QVERIFY(pages >= 3);

    QSet<QString> matched;
    cursor.clear();
    pages = 0;
    do {
        QString path = "/cache/namespaces/page/keys?match=k1*&count=1000";
        if (!cursor.isEmpty())
            path += "&cursor=" + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
        const QJsonObject page = http.get(path).json();
        for (const QJsonValue &k : page.value("keys").toArray())
            matched.insert(k.toObject().value("key").toString());
        cursor = page.value("next_cursor").toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 50);
    QCOMPARE(matched.size(), 11); // k1, k10..k19
}

void TestCacheServer::keyCountOutsideRangeIs422() {
    HttpTestClient http = client();
    QCOMPARE(http.get("/cache/namespaces/page/keys?count=0").status, 422);
    QCOMPARE(http.get("/cache/namespaces/page/keys?count=1001").status, 422);
    QCOMPARE(http.get("/cache/namespaces/page/keys?count=ten").status, 422);
    QCOMPARE(http.get("/cache/namespaces/page/keys?count=1000").status, 200);
    QCOMPARE(http.get("/cache/namespaces/bad%2A/keys").status, 422);
}

void TestCacheServer::keyDetailsDecodeJsonTextAndBinary() {
    CacheManager *cache = m_server->cache();
    QVERIFY(await(cache->setJson("json", QJsonObject{{"a", 1}}, 600, "vals")).ok());
    QVERIFY(await(cache->set("text", QByteArray("plain words"), 600, "vals")).ok());
    const QByteArray binary("\x00\xff\xfe\x01", 4);
    QVERIFY(await(cache->set("bin", binary, 600, "vals")).ok());
    HttpTestClient http = client();

    const QJsonObject json = http.get("/cache/namespaces/vals/keys/json").json();
    QCOMPARE(json.value("namespace").toString(), QString("vals"));
    QCOMPARE(json.value("key").toString(), QString("json"));
    QCOMPARE(json.value("value").toObject().value("a").toInt(), 1);
    QVERIFY(json.value("ttl").toInt() > 0);
    QVERIFY(json.value("size").toInt() > 0);
    QVERIFY(json.contains("compressed"));
    QVERIFY(json.contains("content_type"));

    const QJsonObject text = http.get("/cache/namespaces/vals/keys/text").json();
    QCOMPARE(text.value("value").toString(), QString("plain words"));
    QVERIFY(!text.contains("encoding"));

    const QJsonObject bin = http.get("/cache/namespaces/vals/keys/bin").json();
    QCOMPARE(bin.value("encoding").toString(), QString("base64"));
    QCOMPARE(QByteArray::fromBase64(bin.value("value").toString().toLatin1()), binary);
}

// The demo's key builder takes the id as the number it is: "007" and "+7" are item 7.
void TestCacheServer::itemIdsNameOneEntryHoweverWritten() {
    HttpTestClient http = client();
    QCOMPARE(http.get("/items/7").header("X-Cache"), QByteArray("MISS"));
    for (const char *path : {"/items/007", "/items/+7", "/items/7"}) {
        const HttpResult r = http.get(path);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("X-Cache"), QByteArray("HIT"));
        QCOMPARE(r.json().value("id").toInt(), 7);
    }
    QCOMPARE(http.get("/cache/namespaces/items/keys/item_7").status, 200);
    QCOMPARE(http.get("/cache/namespaces/items/keys/item_007").status, 404);
    QCOMPARE(http.get("/items/010").header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(http.get("/items/10").header("X-Cache"), QByteArray("HIT"));
    // Ten digits and more are read as QString::toInt reads them: a number that fits an int
    // names its item, a larger one is no id.
    QCOMPARE(http.get("/items/0000000010").header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(http.get("/items/99999999999").status, 422);
}

void TestCacheServer::entryStoredByCachedRouteShowsDecodedBody() {
    HttpTestClient http = client();
    http.get("/items/3");
    const QJsonObject entry = http.get("/cache/namespaces/items/keys/item_3").json();
    QCOMPARE(entry.value("content_type").toString(), QString("application/json"));
    QCOMPARE(entry.value("value").toObject().value("name").toString(), QString("Item 3"));
    QVERIFY(entry.value("ttl").toInt() > 290);
}

void TestCacheServer::oddKeysCanBeListedFetchedRetimedAndDeleted() {
    CacheManager *cache = m_server->cache();
    const QStringList keys{"a/b/c",      "x:y:z",  "with space",  QString::fromUtf8("ünïcødé ✓"),
                           "q?x=1#frag", "pct%41", "trailing/ttl"};
    for (const QString &key : keys)
        QVERIFY(await(cache->set(key, key.toUtf8(), 600, "odd")).ok());
    HttpTestClient http = client();
    QSet<QString> listed;
    for (const QJsonValue &k :
         http.get("/cache/namespaces/odd/keys?count=1000").json().value("keys").toArray())
        listed.insert(k.toObject().value("key").toString());
    for (const QString &key : keys) {
        QVERIFY2(listed.contains(key), qPrintable(key));
        const QString path =
            "/cache/namespaces/odd/keys/" + QString::fromLatin1(QUrl::toPercentEncoding(key));
        const HttpResult fetched = http.get(path);
        QVERIFY2(fetched.status == 200, qPrintable(key));
        QCOMPARE(fetched.json().value("key").toString(), key);
        QCOMPARE(fetched.json().value("value").toString(), key);
        const HttpResult retimed = http.request("PUT", path + "/ttl", R"({"ttl": 42})");
        QCOMPARE(retimed.status, 200);
        QCOMPARE(retimed.json().value("key").toString(), key);
        QCOMPARE(retimed.json().value("ttl").toInt(), 42);
        const HttpResult deleted = http.request("DELETE", path);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json().value("deleted").toInt(), 1);
        QCOMPARE(http.get(path).status, 404);
    }
}

void TestCacheServer::keyTtlIsClampedAndValidated() {
    CacheManager *cache = m_server->cache();
    QVERIFY(await(cache->set("t", QByteArray("v"), 600, "ttls")).ok());
    HttpTestClient http = client();
    const QString path = "/cache/namespaces/ttls/keys/t/ttl";
    const HttpResult clamped = http.request("PUT", path, R"({"ttl": 999999999})");
    QCOMPARE(clamped.status, 200);
    QCOMPARE(clamped.json().value("ttl").toInt(), m_server->settings().cache.maxTtl);
    QCOMPARE(clamped.json().value("namespace").toString(), QString("ttls"));
    for (const QByteArray &bad :
         {QByteArray(R"({"ttl": 0})"), QByteArray(R"({"ttl": -5})"), QByteArray(R"({"ttl": "60"})"),
          QByteArray(R"({"ttl": 1.5})"), QByteArray(R"({})"), QByteArray("not json")}) {
        const HttpResult refused = http.request("PUT", path, bad);
        QVERIFY2(refused.status == 422, bad.constData());
        QVERIFY(!refused.json().value("detail").toString().isEmpty());
    }
    QVERIFY(await(cache->ttl("t", "ttls")).value > 600);
}

void TestCacheServer::missingKeyIs404ForGetTtlAndDelete() {
    HttpTestClient http = client();
    const HttpResult get = http.get("/cache/namespaces/none/keys/nothing");
    QCOMPARE(get.status, 404);
    QCOMPARE(get.json().value("detail").toString(), QString("Key not found"));
    QCOMPARE(http.request("PUT", "/cache/namespaces/none/keys/nothing/ttl", R"({"ttl":5})").status,
             404);
    QCOMPARE(http.request("DELETE", "/cache/namespaces/none/keys/nothing").status, 404);
}

void TestCacheServer::controlCharactersInKeyAreRejected() {
    HttpTestClient http = client();
    const HttpResult crlf = http.get("/cache/namespaces/odd/keys/evil%0D%0AX-Injected:%201");
    QVERIFY(crlf.status >= 400 && crlf.status < 500);
    QVERIFY(!crlf.header("X-Injected").size());
    QVERIFY(http.request("DELETE", "/cache/namespaces/odd/keys/a%00b").status >= 400);
}

void TestCacheServer::historyHasOneSamplePerSecond() {
    HttpTestClient http = client();
    http.get("/items/1");
    http.get("/items/1");
    const HttpResult history = http.get("/cache/stats/history?seconds=5");
    QCOMPARE(history.status, 200);
    QCOMPARE(history.json().value("interval_seconds").toInt(), 1);
    const QJsonArray samples = history.json().value("samples").toArray();
    QCOMPARE(samples.size(), 5);
    qint64 hits = 0;
    qint64 previous = 0;
    for (const QJsonValue &v : samples) {
        const QJsonObject sample = v.toObject();
        QVERIFY(sample.value("t").toDouble() > previous);
        previous = qint64(sample.value("t").toDouble());
        hits += sample.value("hits").toInt();
        QVERIFY(sample.contains("misses") && sample.contains("hit_rate"));
    }
    QCOMPARE(hits, 1);
    QCOMPARE(http.get("/cache/stats/history?seconds=3601").status, 422);
    QCOMPARE(http.get("/cache/stats/history?seconds=0").status, 422);
}

void TestCacheServer::healthzAnswersOk() {
    const HttpResult health = client().get("/healthz");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value("status").toString(), QString("ok"));
}

void TestCacheServer::metricsExposePrometheusText() {
    HttpTestClient http = client();
    http.get("/items/1");
    http.get("/items/1");
    http.get("/items/999");
    const HttpResult metrics = http.get("/metrics");
    QCOMPARE(metrics.status, 200);
    QVERIFY(metrics.header("Content-Type").startsWith("text/plain"));
    const QByteArray text = metrics.body;
    QVERIFY(text.contains("qrc_cache_hits_total{namespace=\"items\"} 1"));
    QVERIFY(text.contains("qrc_cache_misses_total{namespace=\"items\"} 2"));
    QVERIFY(text.contains("qrc_cache_sets_total{namespace=\"items\"} 1"));
    QVERIFY(text.contains("qrc_cache_evictions_total"));
    QVERIFY(text.contains("qrc_cache_errors_total"));
    QVERIFY(text.contains("qrc_cache_backend{backend=\"memory\"}"));
    QVERIFY(text.contains("qrc_http_requests_total{route=\"/items/{item_id}\",status=\"200\"} 2"));
    QVERIFY(text.contains("qrc_http_requests_total{route=\"/items/{item_id}\",status=\"404\"} 1"));
    QVERIFY(text.contains(
        "qrc_http_request_duration_seconds_bucket{route=\"/items/{item_id}\",le=\"+Inf\"} 3"));
    QVERIFY(text.contains("qrc_http_request_duration_seconds_count{route=\"/items/{item_id}\"} 3"));
    QVERIFY(text.contains("qrc_rate_limit_rejections_total"));
    QVERIFY(text.contains("qrc_http_open_connections"));
}

void TestCacheServer::unknownRouteIs404AndWrongMethodIs405() {
    HttpTestClient http = client();
    const HttpResult unknown = http.get("/no/such/route");
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json().value("detail").toString(), QString("Not Found"));
    QCOMPARE(http.get("/cache/nope").status, 404);
    const HttpResult wrong = http.request("PATCH", "/items/1", "{}");
    QCOMPARE(wrong.status, 405);
    QCOMPARE(wrong.json().value("detail").toString(), QString("Method Not Allowed"));
    QVERIFY(wrong.header("Allow").contains("GET"));
    QCOMPARE(http.request("POST", "/cache/stats").status, 405);
    QCOMPARE(http.request("GET", "/cache/clear").status, 405);
    QCOMPARE(http.request("DELETE", "/healthz").status, 405);
    // Segment routes ("/items/([^/]+)", matched without a regular expression): one non-empty
    // segment, percent-decoded, nothing more.
    QCOMPARE(http.get("/items/").status, 404);
    QCOMPARE(http.get("/items/1/extra").status, 404);
    QCOMPARE(http.get("/items//1").status, 404);
    const HttpResult encoded = http.get("/items/%31");
    QCOMPARE(encoded.status, 200);
    QCOMPARE(encoded.json().value("id").toInt(), 1);
}

void TestCacheServer::adminTokenIsRequiredWhenConfigured() {
    Settings settings = baseSettings();
    settings.server.adminToken = QStringLiteral("s3cret-token");
    m_server = startServer(settings);
    QVERIFY(m_server);
    HttpTestClient http(QUrl(m_server->url()));
    for (const char *path :
         {"/cache/stats", "/cache/info", "/cache/namespaces", "/metrics", "/cache/stats/history"}) {
        const HttpResult refused = http.get(path);
        QVERIFY2(refused.status == 401, path);
        QCOMPARE(refused.json().value("detail").toString(), QString("Not authenticated"));
        QCOMPARE(refused.header("WWW-Authenticate"), QByteArray("Bearer"));
    }
    QCOMPARE(http.request("DELETE", "/cache/clear").status, 401);
    QCOMPARE(http.get("/cache/stats", {{"Authorization", "Bearer wrong"}}).status, 401);
    QCOMPARE(http.get("/cache/stats", {{"Authorization", "Basic s3cret-token"}}).status, 401);
    QCOMPARE(http.get("/cache/stats", {{"Authorization", "Bearer s3cret-token"}}).status, 200);
    QCOMPARE(http.get("/metrics", {{"Authorization", "bearer s3cret-token"}}).status, 200);
    QCOMPARE(http.get("/healthz").status, 200);
    QCOMPARE(http.get("/items/1").status, 200);
}

void TestCacheServer::corsPreflightIsAnsweredForTheFrontendOrigin() {
    Settings settings = baseSettings();
    settings.app.productionFrontendUrl = QStringLiteral("https://app.example.com");
    settings.server.adminToken = QStringLiteral("tok");
    m_server = startServer(settings);
    QVERIFY(m_server);
    const QByteArray preflight = rawExchange(
        m_server->port(), "OPTIONS /cache/stats HTTP/1.1\r\nHost: x\r\nOrigin: "
                          "https://app.example.com\r\nAccess-Control-Request-Method: GET\r\n"
                          "Access-Control-Request-Headers: authorization\r\n\r\n");
    QCOMPARE(statusOf(preflight), 204);
    QVERIFY(preflight.contains("Access-Control-Allow-Origin: https://app.example.com\r\n"));
    QVERIFY(preflight.contains("Access-Control-Allow-Methods: GET"));
    QVERIFY(preflight.contains("Authorization"));
    HttpTestClient http(QUrl(m_server->url()));
    const HttpResult item = http.get("/items/1", {{"Origin", "https://app.example.com"}});
    QCOMPARE(item.header("Access-Control-Allow-Origin"), QByteArray("https://app.example.com"));
}

void TestCacheServer::oversizedBodyGets413AndServerKeepsServing() {
    Settings settings = baseSettings();
    settings.server.maxBodyBytes = 4096;
    m_server = startServer(settings);
    QVERIFY(m_server);
    const QByteArray body(8000, 'x');
    const QByteArray answer = rawExchange(
        m_server->port(), "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          "Content-Length: 8000\r\n\r\n" +
                              body);
    QCOMPARE(statusOf(answer), 413);
    QVERIFY(answer.contains("\"detail\""));
    // Declared far beyond the limit and never sent: refused from the headers alone.
    const QByteArray huge = rawExchange(
        m_server->port(), "POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n");
    QCOMPARE(statusOf(huge), 413);
    HttpTestClient http(QUrl(m_server->url()));
    QCOMPARE(http.request("POST", "/items", R"({"name":"ok","price":1})").status, 201);
    QCOMPARE(http.get("/healthz").status, 200);
}

void TestCacheServer::chunkedBodyGets411() {
    const QByteArray answer =
        rawExchange(m_port, "POST /items HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "5\r\nhello\r\n0\r\n\r\n");
    QCOMPARE(statusOf(answer), 411);
}

// The connection guard finds each request head itself (to refuse bodies QHttpServer would
// buffer without limit): a head split inside its final CRLF CRLF, a body that contains
// CRLF CRLF, and a head block over the limit.
void TestCacheServer::requestHeadsAreFramedAcrossReadsAndBodies() {
    QTcpSocket split;
    split.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QTRY_COMPARE(split.state(), QAbstractSocket::ConnectedState);
    for (const char *piece : {"GET /healthz HT", "TP/1.1\r\nHost: x\r", "\n\r", "\n"}) {
        split.write(piece);
        QTest::qWait(30); // each piece is a read of its own on the server
    }
    QByteArray answer;
    QTRY_VERIFY((answer += split.readAll(), test::isCompleteAnswer(answer)));
    QCOMPARE(statusOf(answer), 200);

    const QByteArray body = "{\"name\": \"framed\",\r\n\r\n\"price\": 2}";
    QTcpSocket keepAlive;
    const QByteArray created =
        rawExchange(m_port,
                    "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: " +
                        QByteArray::number(body.size()) + "\r\n\r\n" + body,
                    5000, &keepAlive);
    QCOMPARE(statusOf(created), 201);
    QVERIFY(created.contains("framed"));
    // The body's blank line was not taken for the end of a head: the connection still works.
    const QByteArray next =
        rawExchange(m_port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 5000, &keepAlive);
    QCOMPARE(statusOf(next), 200);

    const QByteArray huge = rawExchange(
        m_port, "GET /healthz HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n");
    QCOMPARE(statusOf(huge), 431);
}

void TestCacheServer::idleConnectionIsClosed() {
    Settings settings = baseSettings();
    settings.server.idleTimeoutSeconds = 1;
    m_server = startServer(settings);
    QVERIFY(m_server);
    QTcpSocket socket;
    const QByteArray answer =
        rawExchange(m_server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 5000, &socket);
    QCOMPARE(statusOf(answer), 200);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    QElapsedTimer idle;
    idle.start();
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 4000);
    QCOMPARE_GE(idle.elapsed(), 700);
    QTRY_COMPARE(m_server->listener()->openConnections(), 0);
}

// At the global cap the oldest idle connection makes room; a newcomer is refused only when
// no connection is idle.
void TestCacheServer::connectionCapShedsOldestIdleBeforeRefusing() {
    Settings settings = baseSettings();
    settings.server.maxConnections = 2;
    m_server = startServer(settings);
    QVERIFY(m_server);
    const quint16 port = m_server->port();
    const QByteArray healthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    QTcpSocket first;
    QTcpSocket second;
    QCOMPARE(statusOf(rawExchange(port, healthz, 5000, &first)), 200);
    QCOMPARE(statusOf(rawExchange(port, healthz, 5000, &second)), 200);
    QCOMPARE(m_server->listener()->openConnections(), 2);
    QTcpSocket third;
    QCOMPARE(statusOf(rawExchange(port, healthz, 5000, &third)), 200);
    QTRY_COMPARE(first.state(), QAbstractSocket::UnconnectedState); // the oldest idle one
    QCOMPARE(second.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_server->listener()->openConnections(), 2);

    // Both open connections are in the middle of a request: nothing is idle.
    second.write("GET /healthz HTTP/1.1\r\n");
    third.write("GET /healthz HTTP/1.1\r\n");
    const auto receiving = [this] {
        const QList<HttpConnection *> all = m_server->listener()->findChildren<HttpConnection *>();
        return std::count_if(all.cbegin(), all.cend(),
                             [](const HttpConnection *c) { return c->isReceivingRequest(); });
    };
    QTRY_COMPARE(receiving(), 2);
    const QByteArray refused = rawExchange(port, healthz);
    QCOMPARE(statusOf(refused), 503);
    QCOMPARE(m_server->listener()->refusedConnections(), 1);
    second.write("Host: x\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY((answer += second.readAll(), isCompleteAnswer(answer)));
    QCOMPARE(statusOf(answer), 200);
}

void TestCacheServer::clientLeavingBeforeSlowMissDoesNotCrash() {
    Settings settings = baseSettings();
    settings.server.demoLatencyMs = 200;
    m_server = startServer(settings);
    QVERIFY(m_server);
    for (const QByteArray &request :
         {QByteArray("GET /items/8 HTTP/1.1\r\nHost: x\r\n\r\n"),
          QByteArray("PUT /items/9 HTTP/1.1\r\nHost: x\r\nContent-Length: 23\r\n\r\n"
                     R"({"name":"n","price":1})"
                     " "),
          QByteArray("GET /items HTTP/1.1\r\nHost: x\r\n\r\n")}) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.write(request);
        QTRY_COMPARE(m_server->listener()->requestsInFlight(), 1);
        socket.abort();
        QTRY_COMPARE(m_server->listener()->openConnections(), 0);
    }
    // The answers were dropped (recorded as 499) once ready; the server keeps serving.
    HttpMetrics *metrics = m_server->pipeline()->metrics();
    QTRY_COMPARE_WITH_TIMEOUT(metrics->route("/items/{item_id}")->byStatus[499], 2, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(metrics->route("/items")->byStatus[499], 1, 3000);
    HttpTestClient http(QUrl(m_server->url()));
    QCOMPARE(http.get("/items/8").status, 200);
    QCOMPARE(http.get("/items/9").json().value("name").toString(), QString("n"));
}

void TestCacheServer::shutdownFinishesInFlightRequests() {
    Settings settings = baseSettings();
    settings.server.demoLatencyMs = 200;
    m_server = startServer(settings);
    QVERIFY(m_server);
    HttpTestClient http(QUrl(m_server->url()));
    QNetworkReply *reply =
        http.network().get(QNetworkRequest(QUrl(m_server->url() + QStringLiteral("/items/10"))));
    QTRY_COMPARE(m_server->listener()->openConnections(), 1);
    QSignalSpy stopped(m_server.get(), &CacheServer::stopped);
    QTRY_VERIFY(m_server->cache()->statistics().totals.misses == 1); // the request is in flight
    m_server->shutdown();
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value("id").toInt(), 10);
    QTRY_COMPARE(stopped.size(), 1);
    QTcpSocket late;
    late.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
    QTRY_COMPARE(late.state(), QAbstractSocket::UnconnectedState);
    reply->deleteLater();
}

void TestCacheServer::keepAliveRequestsOnOneConnectionAreAnsweredInOrder() {
    HttpTestClient http = client();
    QCOMPARE(http.get("/items/2").header("X-Cache"), QByteArray("MISS"));
    QTcpSocket socket;
    for (int i = 0; i < 3; ++i) {
        const QByteArray two =
            rawExchange(m_port, "GET /items/2 HTTP/1.1\r\nHost: x\r\n\r\n", 5000, &socket);
        QCOMPARE(statusOf(two), 200);
        QVERIFY(two.contains("\"id\":2"));
        const QByteArray three =
            rawExchange(m_port, "GET /items/3 HTTP/1.1\r\nHost: x\r\n\r\n", 5000, &socket);
        QCOMPARE(statusOf(three), 200);
        QVERIFY(three.contains("\"id\":3"));
    }
}

namespace {

QByteArray getRequest(const QByteArray &target, const QByteArray &headers = {}) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
}

} // namespace

// RFC 9112 9.3.2: answers leave in the order of the requests, whichever finishes first. A
// slow miss, a 404 or a management route before a hit that is answered at once.
void TestCacheServer::pipelinedMixesAreAnsweredInRequestOrder_data() {
    QTest::addColumn<QByteArrayList>("targets");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<QByteArrayList>("bodies"); // a piece each body must contain
    QTest::newRow("miss then hit")
        << QByteArrayList{"/items/13", "/items/3"} << QList<int>{200, 200}
        << QByteArrayList{"\"id\":13", "\"id\":3"};
    QTest::newRow("404 then hit") << QByteArrayList{"/nope", "/items/3"} << QList<int>{404, 200}
                                  << QByteArrayList{"Not Found", "\"id\":3"};
    QTest::newRow("unknown item then hit")
        << QByteArrayList{"/items/999", "/items/3"} << QList<int>{404, 200}
        << QByteArrayList{"Item not found", "\"id\":3"};
    QTest::newRow("stats then hit")
        << QByteArrayList{"/cache/stats", "/items/3"} << QList<int>{200, 200}
        << QByteArrayList{"\"hits\"", "\"id\":3"};
    QTest::newRow("miss, hit, 422, list")
        << QByteArrayList{"/items/14", "/items/3", "/items/x", "/items"}
        << QList<int>{200, 200, 422, 200}
        << QByteArrayList{"\"id\":14", "\"id\":3", "must be an integer", "\"items\""};
}

void TestCacheServer::pipelinedMixesAreAnsweredInRequestOrder() {
    QFETCH(QByteArrayList, targets);
    QFETCH(QList<int>, statuses);
    QFETCH(QByteArrayList, bodies);
    QCOMPARE(statusOf(rawExchange(m_port, getRequest("/items/3"))), 200); // now a hit
    QByteArray requests;
    for (const QByteArray &target : targets)
        requests += getRequest(target);
    QTcpSocket socket;
    const QByteArrayList answers = pipelined(socket, m_port, requests, int(targets.size()));
    QCOMPARE(answers.size(), targets.size());
    for (qsizetype i = 0; i < answers.size(); ++i) {
        QCOMPARE(statusOf(answers.at(i)), statuses.at(i));
        QVERIFY2(bodyOf(answers.at(i)).contains(bodies.at(i)), answers.at(i).constData());
    }
    QTest::qWait(50);
    QVERIFY(socket.readAll().isEmpty()); // nothing answered twice
}

void TestCacheServer::pipelinedRequestsOverTwentyIdsGetTheirOwnBodies() {
    // Half of the ids are cached first: hits and misses interleave.
    for (int id = 1; id <= 20; id += 2)
        QCOMPARE(statusOf(rawExchange(m_port, getRequest("/items/" + QByteArray::number(id)))),
                 200);
    QByteArray requests;
    QList<int> ids;
    for (int i = 0; i < 200; ++i) {
        const int id = (i * 7) % 20 + 1;
        ids.append(id);
        requests += getRequest("/items/" + QByteArray::number(id));
    }
    QTcpSocket socket;
    const QByteArrayList answers = pipelined(socket, m_port, requests, 200);
    QCOMPARE(answers.size(), 200);
    for (int i = 0; i < 200; ++i) {
        QCOMPARE(statusOf(answers.at(i)), 200);
        const QJsonObject item = QJsonDocument::fromJson(bodyOf(answers.at(i))).object();
        QCOMPARE(item.value("id").toInt(), ids.at(i));
    }
}

void TestCacheServer::pipelinedAnswersCarryTheHeadersOfTheirOwnEntry() {
    // A cached route writes each answer's headers into the memory of the one before: every
    // pipelined answer must still carry its own entry's ETag, hits and misses interleaved.
    const auto etagOf = [](const QByteArray &answer) {
        const QByteArray head = answer.left(answer.indexOf("\r\n\r\n") + 2).toLower();
        const qsizetype at = head.indexOf("\r\netag: ");
        if (at < 0)
            return QByteArray();
        const qsizetype from = at + 8;
        return answer.mid(from, head.indexOf("\r\n", from) - from);
    };
    for (int id = 1; id <= 20; id += 2)
        QCOMPARE(statusOf(rawExchange(m_port, getRequest("/items/" + QByteArray::number(id)))),
                 200);
    QByteArray requests;
    QList<int> ids;
    for (int i = 0; i < 100; ++i) {
        const int id = (i * 7) % 20 + 1;
        ids.append(id);
        requests += getRequest("/items/" + QByteArray::number(id));
    }
    QTcpSocket socket;
    const QByteArrayList answers = pipelined(socket, m_port, requests, 100);
    QCOMPARE(answers.size(), 100);
    QHash<int, QByteArray> etags; // every id is cached now: its one ETag
    for (int id = 1; id <= 20; ++id) {
        const QByteArray answer =
            rawExchange(m_port, getRequest("/items/" + QByteArray::number(id)));
        QVERIFY(!etagOf(answer).isEmpty());
        etags.insert(id, etagOf(answer));
    }
    QCOMPARE(QSet<QByteArray>(etags.cbegin(), etags.cend()).size(), 20);
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(statusOf(answers.at(i)), 200);
        QCOMPARE(etagOf(answers.at(i)), etags.value(ids.at(i)));
    }
}

void TestCacheServer::pipelined429sBetween200sStayInOrder() {
    m_server.reset();
    Settings settings = baseSettings();
    settings.rateLimit.defaultLimit = QStringLiteral("3/minute");
    m_server = std::make_unique<CacheServer>(settings);
    const Result<RateLimitConfig> limits = RateLimitConfig::fromSettings(settings.rateLimit);
    QVERIFY(limits.ok());
    RateLimitGuard guard(limits.value, m_server->cache()->redisClient());
    m_server->setRequestGuard(&guard);
    QVERIFY(m_server->start());
    QFETCH_GLOBAL(bool, useRedis);
    if (useRedis)
        QTRY_COMPARE(m_server->cache()->activeBackend(), BackendKind::Redis);
    // /healthz is never limited: 200s between the 429s of /items/{id}.
    QByteArray requests;
    for (int i = 0; i < 6; ++i)
        requests += getRequest("/items/" + QByteArray::number(i + 1)) + getRequest("/healthz");
    QTcpSocket socket;
    const QByteArrayList answers = pipelined(socket, m_server->port(), requests, 12);
    QCOMPARE(answers.size(), 12);
    for (int i = 0; i < 6; ++i) {
        const QByteArray &item = answers.at(2 * i);
        QCOMPARE(statusOf(item), i < 3 ? 200 : 429);
        if (i < 3)
            QCOMPARE(QJsonDocument::fromJson(bodyOf(item)).object().value("id").toInt(), i + 1);
        QCOMPARE(statusOf(answers.at(2 * i + 1)), 200);
        QCOMPARE(bodyOf(answers.at(2 * i + 1)), QByteArray("{\"status\":\"ok\"}"));
    }
    m_server.reset();
}

// RFC 9112 framing: what cannot be framed without doubt is answered with an error and the
// connection closes, so the bytes behind it (here a smuggled GET) are never read as a request.
void TestCacheServer::framingErrorsAreAnsweredAndCloseTheConnection_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    const QByteArray post = "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    QTest::newRow("differing Content-Length")
        << post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n"
        << 400;
    QTest::newRow("differing Content-Length list") << post + "Content-Length: 5, 6\r\n\r\n" << 400;
    QTest::newRow("Content-Length 5x") << post + "Content-Length: 5x\r\n\r\n" << 400;
    QTest::newRow("Content-Length -1") << post + "Content-Length: -1\r\n\r\n" << 400;
    QTest::newRow("Content-Length +5") << post + "Content-Length: +5\r\n\r\n" << 400;
    QTest::newRow("Content-Length empty") << post + "Content-Length: \r\n\r\n" << 400;
    QTest::newRow("Transfer-Encoding and Content-Length")
        << post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
        << 400;
    QTest::newRow("chunked") << post + "Transfer-Encoding: chunked\r\n\r\n" << 411;
    QTest::newRow("obs-fold") << QByteArray(
                                     "GET /items HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n")
                              << 400;
    QTest::newRow("space before colon")
        << QByteArray("GET /items HTTP/1.1\r\nHost: x\r\nX-A : 1\r\n\r\n") << 400;
    QTest::newRow("method not a token")
        << QByteArray("G(T /items HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("no Host") << QByteArray("GET /items HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two Hosts") << QByteArray("GET /items HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")
                               << 400;
    QTest::newRow("bare LF") << QByteArray("GET /items HTTP/1.1\nHost: x\r\n\r\n") << 400;
    QTest::newRow("NUL in a value")
        << QByteArray("GET /items HTTP/1.1\r\nHost: x\r\nX-A: 1\0 2\r\n\r\n", 41) << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET /items HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("Expect other") << QByteArray(
                                         "GET /items HTTP/1.1\r\nHost: x\r\nExpect: x\r\n\r\n")
                                  << 417;
}

void TestCacheServer::framingErrorsAreAnsweredAndCloseTheConnection() {
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    QTcpSocket socket;
    bool closed = false;
    const QByteArrayList answers =
        pipelined(socket, m_port, head + "hello" + getRequest("/healthz"), 2, &closed, 5000);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(statusOf(answers.at(0)), status);
    QVERIFY(answers.at(0).contains("Connection: close\r\n"));
    QVERIFY(answers.at(0).contains("\"detail\""));
    QVERIFY(closed);
    QCOMPARE(statusOf(rawExchange(m_port, getRequest("/healthz"))), 200);
}

void TestCacheServer::identicalContentLengthCopiesAreAccepted() {
    const QByteArray body = R"({"name":"twice","price":1})";
    const QByteArray length = QByteArray::number(body.size());
    QTcpSocket socket;
    const QByteArrayList answers = pipelined(
        socket, m_port,
        "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
            length + "\r\nContent-Length: " + length + "\r\n\r\n" + body + getRequest("/healthz"),
        2);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(statusOf(answers.at(0)), 201);
    QCOMPARE(statusOf(answers.at(1)), 200);
}

void TestCacheServer::connectionCloseIsAnsweredAndClosed() {
    QTcpSocket socket;
    bool closed = false;
    // The request after the one that says close is never read.
    const QByteArrayList answers = pipelined(
        socket, m_port, getRequest("/healthz", "Connection: close\r\n") + getRequest("/healthz"), 2,
        &closed, 5000);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(statusOf(answers.at(0)), 200);
    QVERIFY(answers.at(0).contains("Connection: close\r\n"));
    QVERIFY(closed);
    QTRY_COMPARE(m_server->listener()->openConnections(), 0);
}

void TestCacheServer::http10ClosesUnlessKeepAlive() {
    QTcpSocket plain;
    bool closed = false;
    QByteArrayList answers =
        pipelined(plain, m_port, "GET /healthz HTTP/1.0\r\n\r\n", 1, &closed, 5000);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(statusOf(answers.at(0)), 200);
    QVERIFY(answers.at(0).contains("Connection: close\r\n"));
    QVERIFY(closed);

    QTcpSocket keepAlive;
    answers = pipelined(keepAlive, m_port,
                        "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                        "GET /items/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                        2);
    QCOMPARE(answers.size(), 2);
    QVERIFY(answers.at(0).contains("Connection: keep-alive\r\n"));
    QVERIFY(bodyOf(answers.at(1)).contains("\"id\":2"));
    QCOMPARE(keepAlive.state(), QAbstractSocket::ConnectedState);
}

void TestCacheServer::expectContinueGets100BeforeTheBody() {
    const QByteArray body = R"({"name":"continued","price":1})";
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
    socket.write("POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Expect: 100-continue\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n");
    QByteArray interim;
    QTRY_VERIFY((interim += socket.readAll(), interim.contains("\r\n\r\n")));
    QCOMPARE(interim, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    socket.write(body);
    QByteArray answer;
    QTRY_VERIFY((answer += socket.readAll(), isCompleteAnswer(answer)));
    QCOMPARE(statusOf(answer), 201);
    QVERIFY(bodyOf(answer).contains("continued"));
}

void TestCacheServer::expectContinueOverTheBodyLimitGets413Without100() {
    QTcpSocket socket;
    bool closed = false;
    const QByteArrayList answers =
        pipelined(socket, m_port,
                  "POST /items HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                  "Content-Length: 99999999\r\n\r\n",
                  1, &closed, 5000);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(statusOf(answers.at(0)), 413);
    QVERIFY(closed);
}

QTEST_MAIN(TestCacheServer)
#include "tst_cacheserver.moc"
