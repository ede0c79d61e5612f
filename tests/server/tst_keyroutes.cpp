// The key-browsing routes under /cache/namespaces (server/keyroutes) over real sockets, on a
// real Redis holding keys of other types beside the cache's strings.
#include "cachemanager.h"
#include "cacheserver.h"
#include "futurewait.h"
#include "httptestclient.h"
#include "redisserver.h"
#include "valuecodec.h"

#include <QJsonArray>
#include <QRandomGenerator>
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

    // Pages through a collection with `count` until next_cursor is null; the items in order.
    QJsonArray allItems(HttpTestClient &http, const QString &path, int count, int *pages) {
        QJsonArray items;
        QString cursor;
        *pages = 0;
        for (int guard = 0; guard < 1000; ++guard) {
            const HttpResult page = http.get(path + QStringLiteral("?count=%1&cursor=").arg(count) +
                                             QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
            if (page.status != 200) {
                qWarning() << page.status << page.body;
                return {};
            }
            ++*pages;
            for (const QJsonValue &v : page.json().value("items").toArray())
                items.append(v);
            const QJsonValue next = page.json().value("next_cursor");
            if (next.isNull())
                return items;
            cursor = next.toString();
        }
        return {};
    }

    void collectionsOfEveryTypeArePagedToTheirEnd() {
        const QByteArray base = (m_prefix + QStringLiteral(":coll:")).toUtf8();
        constexpr int N = 250;
        QList<QByteArray> hset{"HSET", base + "h"}, rpush{"RPUSH", base + "l"},
            sadd{"SADD", base + "s"}, zadd{"ZADD", base + "z"};
        for (int i = 0; i < N; ++i) {
            const QByteArray n = QByteArray::number(i);
            // Values over 64 bytes: a real hash table, which HSCAN walks in several steps.
            hset << "f" + n << "v" + n + QByteArray(70, '.');
            rpush << "e" + n;
            sadd << "m" + n;
            zadd << n + ".5"
                 << "z" + n;
            m_redis.command({"XADD", base + "x", n + "-1", "a", n, "a", "again"});
        }
        m_redis.command(hset);
        m_redis.command(rpush);
        m_redis.command(sadd);
        m_redis.command(zadd);
        HttpTestClient http(QUrl(m_server->url()));
        int pages = 0;

        const QJsonArray hash = allItems(http, "/cache/namespaces/coll/keys/h/items", 100, &pages);
        QSet<QString> fields;
        for (const QJsonValue &v : hash) {
            const QString f = v.toObject().value("field").toString();
            QCOMPARE(v.toObject().value("value").toString(),
                     QStringLiteral("v") + f.mid(1) + QString(70, QLatin1Char('.')));
            fields.insert(f);
        }
        QCOMPARE(fields.size(), N); // HSCAN may repeat a field; every one arrives
        QVERIFY(pages > 1);

        const QJsonArray list = allItems(http, "/cache/namespaces/coll/keys/l/items", 100, &pages);
        QCOMPARE(list.size(), N);
        QCOMPARE(pages, 3);
        QCOMPARE(list.at(137).toObject().value("index").toInt(), 137);
        QCOMPARE(list.at(137).toObject().value("value").toString(), QStringLiteral("e137"));

        QSet<QString> members;
        for (const QJsonValue &v :
             allItems(http, "/cache/namespaces/coll/keys/s/items", 100, &pages))
            members.insert(v.toObject().value("member").toString());
        QCOMPARE(members.size(), N);

        QHash<QString, QString> scores;
        for (const QJsonValue &v :
             allItems(http, "/cache/namespaces/coll/keys/z/items", 100, &pages))
            scores.insert(v.toObject().value("member").toString(),
                          v.toObject().value("score").toString());
        QCOMPARE(scores.size(), N);
        QCOMPARE(scores.value("z7"), QStringLiteral("7.5"));

        const QJsonArray stream =
            allItems(http, "/cache/namespaces/coll/keys/x/items", 100, &pages);
        QCOMPARE(stream.size(), N);
        QCOMPARE(pages, 3);
        const QJsonObject entry = stream.at(42).toObject();
        QCOMPARE(entry.value("id").toString(), QStringLiteral("42-1"));
        // Repeated field names and their order survive.
        QCOMPARE(entry.value("fields").toArray(),
                 (QJsonArray{QJsonArray{"a", "42"}, QJsonArray{"a", "again"}}));

        const QJsonObject first = http.get("/cache/namespaces/coll/keys/l/items?count=10").json();
        QCOMPARE(first.value("type").toString(), QStringLiteral("list"));
        QCOMPARE(first.value("total").toInt(), N);
        QCOMPARE(first.value("items").toArray().size(), 10);
    }

    void collectionItemsRefuseStringsBadCursorsAndMissingKeys() {
        const QByteArray base = (m_prefix + QStringLiteral(":coll:")).toUtf8();
        m_redis.command({"HSET", base + "a/b", "bin", QByteArray("\xff\x00\x01", 3)});
        m_redis.command({"XADD", base + "x", "1-1", "a", "b"});
        QVERIFY(await(m_server->cache()->set("str", QByteArray("text"), 600, "coll")).ok());
        HttpTestClient http(QUrl(m_server->url()));

        // A key with '/' is one path segment when encoded; a binary value comes as base64.
        const HttpResult slash = http.get("/cache/namespaces/coll/keys/a%2Fb/items");
        QCOMPARE(slash.status, 200);
        const QJsonObject item = slash.json().value("items").toArray().at(0).toObject();
        QCOMPARE(item.value("value").toObject().value("base64").toString(), QStringLiteral("/wAB"));
        QCOMPARE(http.get("/cache/namespaces/coll/keys/str/items").status, 422);
        QCOMPARE(http.get("/cache/namespaces/coll/keys/none/items").status, 404);
        QCOMPARE(http.get("/cache/namespaces/coll/keys/x/items?cursor=%2B").status, 422);
        QCOMPARE(http.get("/cache/namespaces/coll/keys/a%2Fb/items?cursor=abc").status, 422);
        QCOMPARE(http.get("/cache/namespaces/coll/keys/x/items?count=0").status, 422);
    }

    void entriesCarryMemoryAndTheStoredBytesWithTheirForm() {
        CacheManager *cache = m_server->cache();
        QByteArray big = "{\"z\":1,\"list\":[";
        for (int i = 0; i < 400; ++i)
            big += "19.990,";
        big += "1]}";
        QVERIFY(await(cache->set("native", CacheValue{big, "application/json", 0, {}}, 600, "raw"))
                    .ok());
        const QByteArray base = (m_prefix + QStringLiteral(":raw:")).toUtf8();
        m_redis.command({"SET", base + "seedjson", R"({"b":1,"a":2})"});
        const QByteArray seedGzip =
            QByteArray("\0GZIP\0", 6) + ValueCodec::gzipCompress(R"({"g":1})").toBase64();
        m_redis.command({"SET", base + "seedgzip", seedGzip});
        m_redis.command({"SET", base + "plain", "just text"});
        HttpTestClient http(QUrl(m_server->url()));

        const QJsonObject native = http.get("/cache/namespaces/raw/keys/native").json();
        QVERIFY2(native.value("memory").toInt() > 0, qPrintable(QJsonDocument(native).toJson()));
        const QJsonObject stored = native.value("stored").toObject();
        QCOMPARE(stored.value("form").toString(), QStringLiteral("native"));
        QCOMPARE(stored.value("framed").toBool(), true);
        QCOMPARE(stored.value("compression").toString(), QStringLiteral("gzip"));
        const QByteArray raw = QByteArray::fromBase64(stored.value("raw").toString().toLatin1());
        QCOMPARE(raw, m_redis.command({"GET", base + "native"}));
        QCOMPARE(stored.value("size").toInt(), raw.size());
        QCOMPARE(native.value("value_text").toString().toUtf8(), big);

        const auto formOf = [&](const char *key) {
            const QJsonObject s =
                http.get(QStringLiteral("/cache/namespaces/raw/keys/") + QLatin1String(key))
                    .json()
                    .value("stored")
                    .toObject();
            return s.value("form").toString() + QLatin1Char('/') +
                   s.value("compression").toString();
        };
        QCOMPARE(formOf("seedjson"), QStringLiteral("seed-json/none"));
        QCOMPARE(formOf("seedgzip"), QStringLiteral("seed-gzip-base64/gzip+base64"));
        QCOMPARE(formOf("plain"), QStringLiteral("plain/none"));

        // Key pages carry the memory figure too.
        const QJsonArray keys =
            http.get("/cache/namespaces/raw/keys").json().value("keys").toArray();
        QCOMPARE(keys.size(), 4);
        for (const QJsonValue &k : keys)
            QVERIFY(k.toObject().value("memory").toInt() > 0);
    }

    void biggestKeysAreTheLargestByMemoryWithinTheStatedSample() {
        CacheManager *cache = m_server->cache();
        QRandomGenerator random(16); // incompressible values: stored as large as they are
        for (int i = 1; i <= 60; ++i) {
            QByteArray data(i * 100, Qt::Uninitialized);
            for (char &c : data)
                c = char(random.bounded(256));
            QVERIFY(await(cache->set(QStringLiteral("k%1").arg(i), data, 600, "big")).ok());
        }
        HttpTestClient http(QUrl(m_server->url()));
        const QJsonObject all = http.get("/cache/namespaces/big/biggest?top=3").json();
        QCOMPARE(all.value("complete").toBool(), true);
        QCOMPARE(all.value("sampled").toInt(), 60);
        QCOMPARE(all.value("sample_limit").toInt(), 10000);
        const QJsonArray top = all.value("keys").toArray();
        QCOMPARE(top.size(), 3);
        // MEMORY USAGE counts allocator size classes, so neighbours may tie: the three are the
        // largest by that figure, in order, and nothing left out is larger.
        QHash<QString, qint64> memory;
        for (const QJsonValue &k :
             http.get("/cache/namespaces/big/keys?count=1000").json().value("keys").toArray())
            memory.insert(k.toObject().value("key").toString(),
                          k.toObject().value("memory").toInteger());
        QCOMPARE(memory.size(), 60);
        QSet<QString> chosen;
        for (int i = 0; i < top.size(); ++i) {
            const QJsonObject k = top.at(i).toObject();
            chosen.insert(k.value("key").toString());
            QCOMPARE(k.value("memory").toInteger(), memory.value(k.value("key").toString()));
            if (i > 0)
                QVERIFY(top.at(i - 1).toObject().value("memory").toInteger() >=
                        k.value("memory").toInteger());
        }
        const qint64 smallestChosen = top.at(2).toObject().value("memory").toInteger();
        for (auto it = memory.cbegin(); it != memory.cend(); ++it)
            if (!chosen.contains(it.key()))
                QVERIFY(it.value() <= smallestChosen);
        QVERIFY(memory.value("k60") > memory.value("k1"));
        // Ties in memory are broken by the stored size: the largest value comes first.
        QCOMPARE(top.at(0).toObject().value("key").toString(), QStringLiteral("k60"));
        QCOMPARE(top.at(1).toObject().value("key").toString(), QStringLiteral("k59"));

        const QJsonObject sample = http.get("/cache/namespaces/big/biggest?top=5&sample=10").json();
        QCOMPARE(sample.value("complete").toBool(), false);
        QCOMPARE(sample.value("sampled").toInt(), 10);
        QCOMPARE(sample.value("keys").toArray().size(), 5);
        QCOMPARE(http.get("/cache/namespaces/big/biggest?sample=0").status, 422);
        QCOMPARE(http.get("/cache/namespaces/big/biggest?top=101").status, 422);
    }

private:
    RedisServer m_redis;
    QString m_prefix;
    std::unique_ptr<CacheServer> m_server;
};

QTEST_GUILESS_MAIN(TestKeyRoutes)
#include "tst_keyroutes.moc"
