// The key-browsing routes under /cache/namespaces (server/keyroutes) over real sockets, on a
// real Redis holding keys of other types beside the cache's strings.
#include "cachemanager.h"
#include "cacheserver.h"
#include "futurewait.h"
#include "httptestclient.h"
#include "redisserver.h"

#include <QJsonArray>
#include <QUuid>
#include <QtTest>

using namespace qrc;
using namespace qrc::test;

class TestKeyRoutes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError())); }

    void init() {
        Settings settings;
        settings.redis.enabled = true;
        settings.redis.host = m_redis.host();
        settings.redis.port = m_redis.port();
        m_prefix =
            QStringLiteral("tst-keys-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        settings.cache.namespacePrefix = m_prefix;
        settings.server.host = QStringLiteral("127.0.0.1");
        settings.server.port = 0;
        m_server = std::make_unique<CacheServer>(settings);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QTRY_COMPARE(m_server->cache()->activeBackend(), BackendKind::Redis);
    }

    void cleanup() { m_server.reset(); }

    // Fault 16 of issue 16: a hash or list under the prefix answered 500.
    void keysOfOtherRedisTypesAreDescribedNotFailed() {
        const QByteArray base = (m_prefix + QStringLiteral(":mixed:")).toUtf8();
        m_redis.command({"HSET", base + "h", "field", "value"});
        m_redis.command({"RPUSH", base + "l", "a", "b"});
        QVERIFY(await(m_server->cache()->set("s", QByteArray("text"), 600, "mixed")).ok());
        HttpTestClient http(QUrl(m_server->url()));

        const HttpResult hash = http.get("/cache/namespaces/mixed/keys/h");
        QCOMPARE(hash.status, 200);
        QCOMPARE(hash.json().value("type").toString(), QStringLiteral("hash"));
        QVERIFY2(hash.json().value("value").isNull(), hash.body.constData());
        QCOMPARE(hash.json().value("ttl").toInt(), -1);
        const HttpResult list = http.get("/cache/namespaces/mixed/keys/l");
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value("type").toString(), QStringLiteral("list"));
        const HttpResult string = http.get("/cache/namespaces/mixed/keys/s");
        QCOMPARE(string.json().value("type").toString(), QStringLiteral("string"));
        QCOMPARE(string.json().value("value").toString(), QStringLiteral("text"));

        QHash<QString, QString> types;
        const QJsonArray keys =
            http.get("/cache/namespaces/mixed/keys?count=1000").json().value("keys").toArray();
        for (const QJsonValue &k : keys)
            types.insert(k.toObject().value("key").toString(),
                         k.toObject().value("type").toString());
        QCOMPARE(types.value("h"), QStringLiteral("hash"));
        QCOMPARE(types.value("l"), QStringLiteral("list"));
        QCOMPARE(types.value("s"), QStringLiteral("string"));
    }

    // Issue 16, fault 5: the JSON text as stored, beside the parsed value.
    void jsonEntryComesWithItsTextAsStored() {
        const QByteArray stored = R"({"b":1,"a":19.990,"id":12345678901234567890})";
        QVERIFY(await(m_server->cache()->set("j", CacheValue{stored, "application/json", 0, {}},
                                             600, "vals"))
                    .ok());
        HttpTestClient http(QUrl(m_server->url()));
        const QJsonObject entry = http.get("/cache/namespaces/vals/keys/j").json();
        QCOMPARE(entry.value("value_text").toString().toUtf8(), stored);
        QCOMPARE(entry.value("value").toObject().value("b").toInt(), 1);
    }

    void bulkDeleteCountsFirstAndRemovesOnlyMatchesInTheNamespace() {
        CacheManager *cache = m_server->cache();
        for (int i = 0; i < 1200; ++i)
            QVERIFY(
                await(cache->set(QStringLiteral("user_%1").arg(i), QByteArray("v"), 600, "bulk"))
                    .ok());
        QVERIFY(await(cache->set("order_1", QByteArray("v"), 600, "bulk")).ok());
        QVERIFY(await(cache->set("user_1", QByteArray("v"), 600, "bulkX")).ok()); // sibling
        QVERIFY(await(cache->set("a*b", QByteArray("v"), 600, "bulk")).ok());
        HttpTestClient http(QUrl(m_server->url()));

        const QJsonObject counted = http.get("/cache/namespaces/bulk/matches?match=user_1*").json();
        QCOMPARE(counted.value("count").toInt(),
                 311); // user_1, user_1x, user_1xx, user_10xx, user_11xx
        QCOMPARE(counted.value("sample").toArray().size(), 20);
        QCOMPARE(http.request("DELETE", "/cache/namespaces/bulk/keys").status, 422); // no match
        const HttpResult deleted =
            http.request("DELETE", "/cache/namespaces/bulk/keys?match=user_*");
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json().value("deleted").toInt(), 1200);
        QCOMPARE(await(cache->exists({"order_1", "a*b"}, "bulk")).value, 2);
        QCOMPARE(await(cache->exists({"user_1"}, "bulkX")).value, 1);
        // A glob character escaped by the user is literal.
        QCOMPARE(http.request("DELETE", "/cache/namespaces/bulk/keys?match=a%5C*b")
                     .json()
                     .value("deleted")
                     .toInt(),
                 1);
        QCOMPARE(await(cache->exists({"order_1"}, "bulk")).value, 1);
    }

    void searchCountsMatchesPerNamespaceAndSaysWhenThereAreNone() {
        CacheManager *cache = m_server->cache();
        for (int i = 0; i < 5; ++i)
            QVERIFY(await(cache->set(QStringLiteral("user_2%1").arg(i), QByteArray("v"), 600, "a"))
                        .ok());
        QVERIFY(await(cache->set("user_2", QByteArray("v"), 600, "b")).ok());
        QVERIFY(await(cache->set("other", QByteArray("v"), 600, "c")).ok());
        HttpTestClient http(QUrl(m_server->url()));
        const QJsonObject found = http.get("/cache/search?match=*user_2*").json();
        QCOMPARE(found.value("total").toInt(), 6);
        const QJsonArray namespaces = found.value("namespaces").toArray();
        QCOMPARE(namespaces.size(), 2);
        QCOMPARE(namespaces.at(0).toObject().value("name").toString(), QStringLiteral("a"));
        QCOMPARE(namespaces.at(0).toObject().value("matches").toInt(), 5);
        const QJsonObject none = http.get("/cache/search?match=nothing*").json();
        QCOMPARE(none.value("total").toInt(), 0);
        QVERIFY(none.value("namespaces").toArray().isEmpty());
        QCOMPARE(http.get("/cache/search").status, 422);
    }

private:
    RedisServer m_redis;
    QString m_prefix;
    std::unique_ptr<CacheServer> m_server;
};

QTEST_GUILESS_MAIN(TestKeyRoutes)
#include "tst_keyroutes.moc"
