// CacheManager semantics on both backends, against a real redis-server for the Redis rows.
#include "cachemanager.h"
#include "futurewait.h"
#include "keybrowser.h"
#include "memorybackend.h"
#include "redisserver.h"
#include "valuecodec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace qrc;
using qrc::test::await;

class TestCacheManager : public QObject {
    Q_OBJECT

private:
    test::RedisServer m_redis;
    QString m_prefix;
    std::unique_ptr<CacheManager> m_cache;

    Settings settingsFor(bool redis) const {
        Settings s;
        s.redis.enabled = redis;
        s.redis.host = m_redis.host();
        s.redis.port = m_redis.port();
        s.redis.socketTimeout = 2.0;
        s.cache.namespacePrefix = m_prefix;
        return s;
    }

    // The manager under test, on the backend named by the current data row.
    CacheManager *make(std::optional<Settings> custom = std::nullopt) {
        QFETCH_GLOBAL(bool, redis);
        m_cache = std::make_unique<CacheManager>(custom ? *custom : settingsFor(redis));
        m_cache->start();
        if (redis) {
            if (!QTest::qWaitFor([&] { return m_cache->activeBackend() == BackendKind::Redis; },
                                 5000))
                qWarning("redis backend did not become active");
        }
        return m_cache.get();
    }
    QByteArray redisCmd(const QList<QByteArray> &argv) { return m_redis.command(argv); }

    // Redis GET calls since the last CONFIG RESETSTAT, from INFO commandstats.
    static qint64 redisGetCalls(const test::RedisServer &redis) {
        const QByteArray info = redis.command({"INFO", "commandstats"});
        const qsizetype at = info.indexOf("cmdstat_get:calls=");
        if (at < 0)
            return 0;
        const qsizetype from = at + qsizetype(qstrlen("cmdstat_get:calls="));
        return info.mid(from, info.indexOf(',', from) - from).toLongLong();
    }

    // A manager on a private redis-server (so that no other test's commands are counted),
    // holding `key` = `value` in namespace "sf", with the server's command counters reset.
    // Leaves `made` null (the test skipped or failed) on the memory row: memory reads are
    // answered at once, so nothing is ever in flight there.
    void makeOnOwnRedis(test::RedisServer &own, const QString &key, const QByteArray &value,
                        CacheManager **made) {
        QFETCH_GLOBAL(bool, redis);
        if (!redis)
            QSKIP("memory reads are answered synchronously: nothing is in flight");
        QVERIFY2(own.start(), qPrintable(own.lastError()));
        Settings s = settingsFor(true);
        s.redis.port = own.port();
        CacheManager *c = make(s);
        QCOMPARE(c->activeBackend(), BackendKind::Redis);
        QVERIFY(await(c->set(key, value, 60, "sf")).ok());
        QCOMPARE(own.command({"CONFIG", "RESETSTAT"}), QByteArray("OK"));
        *made = c;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError()));
        m_prefix = QStringLiteral("tst-cm-%1").arg(QCoreApplication::applicationPid());
    }
    void initTestCase_data() {
        QTest::addColumn<bool>("redis");
        QTest::newRow("redis") << true;
        QTest::newRow("memory") << false;
    }
    void cleanup() {
        if (m_cache)
            await(m_cache->clearAll());
        m_cache.reset();
    }

    void setThenGetReturnsBytesAndContentType() {
        CacheManager *c = make();
        QFETCH_GLOBAL(bool, redis);
        QCOMPARE(c->activeBackend(), redis ? BackendKind::Redis : BackendKind::Memory);
        CacheValue v{"hello", "text/plain", 0, {{"status", "200"}}};
        QVERIFY(await(c->set("k1", v, 60, "items")).ok());
        const auto got = await(c->get("k1", "items"));
        QVERIFY(got.ok());
        QVERIFY(got.value.has_value());
        QCOMPARE(got.value->data, QByteArray("hello"));
        QCOMPARE(got.value->contentType, QByteArray("text/plain"));
        QCOMPARE(got.value->attribute("status"), QByteArray("200"));
        QVERIFY(got.value->storedAtMs > 0);
    }

    void getOfMissingKeyIsEmptyNotError() {
        CacheManager *c = make();
        const auto got = await(c->get("nope", "items"));
        QVERIFY(got.ok());
        QVERIFY(!got.value.has_value());
    }

    void keysAreLaidOutAsPrefixNamespaceKey() {
        QFETCH_GLOBAL(bool, redis);
        if (!redis)
            QSKIP("layout in Redis itself");
        CacheManager *c = make();
        QVERIFY(await(c->set("item_1", QByteArray("x"), 60, "items")).ok());
        QCOMPARE(redisCmd({"EXISTS", (m_prefix + ":items:item_1").toUtf8()}), QByteArray("1"));
        const qint64 ttl = redisCmd({"TTL", (m_prefix + ":items:item_1").toUtf8()}).toLongLong();
        QVERIFY(ttl > 50 && ttl <= 60);
    }

    void removeAndExistsCountKeys() {
        CacheManager *c = make();
        QVERIFY(await(c->set("a", QByteArray("1"), 60, "ns")).ok());
        QVERIFY(await(c->set("b", QByteArray("2"), 60, "ns")).ok());
        QCOMPARE(await(c->exists({"a", "b", "c"}, "ns")).value, 2);
        QCOMPARE(await(c->exists({"a", "a"}, "ns")).value, 2); // as Redis counts
        QCOMPARE(await(c->remove({"a", "c"}, "ns")).value, 1);
        QCOMPARE(await(c->exists({"a", "b"}, "ns")).value, 1);
        QCOMPARE(c->statistics().namespaces.value("ns").deletes, 1);
    }

    void ttlDefaultsAndIsClampedToMax() {
        Settings s = settingsFor(false);
        QFETCH_GLOBAL(bool, redis);
        s.redis.enabled = redis;
        s.cache.defaultTtl = 100;
        s.cache.maxTtl = 200;
        CacheManager *c = make(s);
        QVERIFY(await(c->set("d", QByteArray("x"), std::nullopt, "t")).ok());
        const qint64 d = await(c->ttl("d", "t")).value;
        QVERIFY2(d > 95 && d <= 100, qPrintable(QString::number(d)));
        QVERIFY(await(c->set("m", QByteArray("x"), 100000, "t")).ok());
        const qint64 m = await(c->ttl("m", "t")).value;
        QVERIFY2(m > 195 && m <= 200, qPrintable(QString::number(m)));
        QCOMPARE(await(c->ttl("missing", "t")).value, -2);
        const auto applied = await(c->expire("m", 5000, "t"));
        QVERIFY(applied.ok());
        QCOMPARE(applied.value, std::optional<qint64>(200));
        QCOMPARE(await(c->expire("missing", 10, "t")).value, std::nullopt);
    }

    void ttlBelowOneIsRejectedNotSent() {
        CacheManager *c = make();
        for (qint64 bad : {0, -1, -3600}) {
            const auto r = await(c->set("k", QByteArray("x"), bad, "t"));
            QVERIFY(!r.ok());
            QCOMPARE(r.error.kind, ErrorKind::Validation);
            QVERIFY(r.error.message.contains("ttl"));
            QCOMPARE(await(c->expire("k", bad, "t")).error.kind, ErrorKind::Validation);
        }
        QCOMPARE(await(c->exists({"k"}, "t")).value, 0);
    }

    void invalidNamespacesAndKeysAreRejectedNotRewritten_data() {
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("key");
        QTest::newRow("glob star in ns") << "it*"
                                         << "k";
        QTest::newRow("colon in ns") << "a:b"
                                     << "k";
        QTest::newRow("space in ns") << "a b"
                                     << "k";
        QTest::newRow("empty ns") << ""
                                  << "k";
        QTest::newRow("65 char ns") << QString(65, 'n') << "k";
        QTest::newRow("empty key") << "ns"
                                   << "";
        QTest::newRow("CR LF in key") << "ns"
                                      << "a\r\nSET x y";
        QTest::newRow("NUL in key") << "ns" << QString(QChar(0)) + "k";
        QTest::newRow("1025 byte key") << "ns" << QString(1025, 'k');
    }
    void invalidNamespacesAndKeysAreRejectedNotRewritten() {
        QFETCH(QString, ns);
        QFETCH(QString, key);
        CacheManager *c = make();
        const auto r = await(c->set(key, QByteArray("x"), 60, ns));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.kind, ErrorKind::Validation);
        QCOMPARE(await(c->get(key, ns)).error.kind, ErrorKind::Validation);
    }

    void longestValidKeyAndNamespaceAreAccepted() {
        CacheManager *c = make();
        const QString ns(64, 'n');
        const QString key(1024, 'k');
        QVERIFY(await(c->set(key, QByteArray("x"), 60, ns)).ok());
        QVERIFY(await(c->get(key, ns)).value.has_value());
        QVERIFY(
            await(c->set(QStringLiteral("ключ/with spaces:and*glob?"), QByteArray("y"), 60, "ns"))
                .ok());
        QCOMPARE(await(c->get(QStringLiteral("ключ/with spaces:and*glob?"), "ns")).value->data,
                 QByteArray("y"));
    }

    void clearNamespaceDoesNotTouchSiblingWithGlobChars() {
        QFETCH_GLOBAL(bool, redis);
        CacheManager *c = make();
        for (int i = 0; i < 30; ++i) {
            QVERIFY(await(c->set(QString("k%1").arg(i), QByteArray("x"), 60, "it")).ok());
            QVERIFY(await(c->set(QString("k%1").arg(i), QByteArray("x"), 60, "items")).ok());
        }
        QVERIFY(await(c->set("k", QByteArray("x"), 60, "i.t")).ok());
        if (redis) // another application's key in the same database
            QCOMPARE(redisCmd({"SET", "other-app:it:k1", "keep"}), QByteArray("OK"));
        const auto cleared = await(c->clear("it"));
        QVERIFY(cleared.ok());
        QCOMPARE(cleared.value, 30);
        QCOMPARE(await(c->exists({"k0", "k29"}, "items")).value, 2);
        QCOMPARE(await(c->exists({"k"}, "i.t")).value, 1);
        QCOMPARE(await(c->exists({"k0"}, "it")).value, 0);
        if (redis) {
            QCOMPARE(redisCmd({"GET", "other-app:it:k1"}), QByteArray("keep"));
            redisCmd({"DEL", "other-app:it:k1"});
        }
        QCOMPARE(await(c->clear("it*")).error.kind, ErrorKind::Validation);
    }

    void clearAllRemovesOnlyKeysUnderThePrefix() {
        QFETCH_GLOBAL(bool, redis);
        CacheManager *c = make();
        for (int i = 0; i < 1200; ++i) // more than one SCAN/UNLINK batch
            QVERIFY(
                await(c->set(QString("k%1").arg(i), QByteArray("x"), 60, i % 2 ? "a" : "b")).ok());
        if (redis) {
            redisCmd({"SET", (m_prefix + "-other:a:k1").toUtf8(), "keep"});
            redisCmd({"SET", "unrelated", "keep"});
        }
        const StatisticsSnapshot before = c->statistics();
        const auto cleared = await(c->clearAll());
        QVERIFY(cleared.ok());
        QCOMPARE(cleared.value, 1200);
        QCOMPARE(await(c->exists({"k1"}, "a")).value, 0);
        if (redis) {
            QCOMPARE(redisCmd({"GET", (m_prefix + "-other:a:k1").toUtf8()}), QByteArray("keep"));
            QCOMPARE(redisCmd({"GET", "unrelated"}), QByteArray("keep"));
            redisCmd({"DEL", (m_prefix + "-other:a:k1").toUtf8(), "unrelated"});
        }
        // Clearing is not resetting: counters carry on.
        QCOMPARE(c->statistics().totals.sets, before.totals.sets);
        QCOMPARE(c->statistics().namespaces.value("a").deletes, 600);
    }

    void largeValuesAreStoredGzipCompressedOnlyWhenSmaller() {
        QFETCH_GLOBAL(bool, redis);
        CacheManager *c = make();
        const QByteArray json = QByteArray("{\"items\": [") +
                                QByteArray("{\"id\": 1, \"name\": \"Item\"},").repeated(400) +
                                "{}]}";
        QVERIFY(await(c->set("big", CacheValue{json, "application/json", 0, {}}, 60, "z")).ok());
        QByteArray random(8192, Qt::Uninitialized);
        for (char &ch : random)
            ch = char(QRandomGenerator::global()->bounded(256));
        QVERIFY(await(c->set("noise", random, 60, "z")).ok());
        QVERIFY(await(c->set("small", QByteArray("tiny"), 60, "z")).ok());

        // Every page: on the shared server, SCAN walks the other tests' keys too, and a page
        // ends after a bounded number of steps however few of ours it found.
        QHash<QString, KeyListEntry> byKey;
        QString cursor;
        do {
            const auto page = await(c->keyBrowser()->listKeys("z", {}, cursor, 10));
            QVERIFY2(page.ok(), qPrintable(page.error.message));
            for (const KeyListEntry &e : page.value.keys)
                byKey.insert(e.key, e);
            cursor = page.value.nextCursor;
        } while (!cursor.isEmpty());
        QCOMPARE(byKey.size(), 3);
        QVERIFY(byKey.value("big").compressed);
        QVERIFY(byKey.value("big").size < json.size() / 4);
        QVERIFY(!byKey.value("noise").compressed);
        QVERIFY(!byKey.value("small").compressed);
        if (redis) { // raw binary gzip, not base64
            const QByteArray head =
                redisCmd({"GETRANGE", (m_prefix + ":z:big").toUtf8(), "0", "1"});
            QCOMPARE(head, QByteArray("\x1f\x8b"));
        }
        QCOMPARE(await(c->get("big", "z")).value->data, json);
        QCOMPARE(await(c->get("noise", "z")).value->data, random);
    }

    void compressedHitsNeverServeAnOverwrittenValue() {
        QFETCH_GLOBAL(bool, redis);
        CacheManager *c = make();
        const QByteArray v1 = QByteArray("first ").repeated(500);
        const QByteArray v2 = QByteArray("second ").repeated(500);
        QVERIFY(await(c->set("k", v1, 60, "memo")).ok());
        QCOMPARE(await(c->get("k", "memo")).value->data, v1);
        QCOMPARE(await(c->get("k", "memo")).value->data, v1);
        QVERIFY(await(c->set("k", v2, 60, "memo")).ok());
        QCOMPARE(await(c->get("k", "memo")).value->data, v2);
        if (redis) { // another writer replaces the bytes behind our back
            const QByteArray v3 = QByteArray("third ").repeated(500);
            const QByteArray stored = ValueCodec::encode({v3, {}, 0, {}}, {true, 1}).bytes;
            QCOMPARE(redisCmd({"SET", (m_prefix + ":memo:k").toUtf8(), stored}), QByteArray("OK"));
            QCOMPARE(await(c->get("k", "memo")).value->data, v3);
        }
    }

    void readsTheSeedsCompressedFormat() {
        QFETCH_GLOBAL(bool, redis);
        CacheManager *c = make();
        const QByteArray json = R"({"items": [{"id": 1, "name": "from python"}]})";
        const QByteArray seed =
            QByteArray("\0GZIP\0", 6) + ValueCodec::gzipCompress(json).toBase64();
        const QByteArray full = (m_prefix + ":legacy:list").toUtf8();
        if (redis) {
            QCOMPARE(redisCmd({"SET", full, seed, "EX", "60"}), QByteArray("OK"));
            QCOMPARE(redisCmd({"SET", (m_prefix + ":legacy:plain").toUtf8(), json, "EX", "60"}),
                     QByteArray("OK"));
        } else {
            c->memoryBackend()->set(full, seed, 60, [](Result<bool>) {});
            c->memoryBackend()->set((m_prefix + ":legacy:plain").toUtf8(), json, 60,
                                    [](Result<bool>) {});
        }
        QCOMPARE(await(c->get("list", "legacy")).value->data, json);
        QCOMPARE(await(c->get("plain", "legacy")).value->data, json);
        const auto parsed = await(c->getJson("plain", "legacy"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value->toObject().value("items").toArray().size(), 1);
    }

    void corruptCompressedEntryIsAMissAndCountedError() {
        QFETCH_GLOBAL(bool, redis);
        CacheManager *c = make();
        const QByteArray corrupt = QByteArray("\x1f\x8b\x08\x00garbage-not-deflate", 22);
        const QByteArray full = (m_prefix + ":bad:k").toUtf8();
        if (redis)
            redisCmd({"SET", full, corrupt, "EX", "60"});
        else
            c->memoryBackend()->set(full, corrupt, 60, [](Result<bool>) {});
        QSignalSpy errors(c, &CacheManager::errorOccurred);
        const auto got = await(c->get("k", "bad"));
        QVERIFY(got.ok());
        QVERIFY(!got.value.has_value());
        QCOMPARE(c->statistics().errors, 1);
        QCOMPARE(c->statistics().totals.misses, 1);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().first().value<CacheError>().kind, ErrorKind::Serialization);
        const auto detail = await(c->keyBrowser()->entry("k", "bad"));
        QCOMPARE(detail.error.kind, ErrorKind::Serialization);
    }

    void getOrSetRunsTheProducerOnceForConcurrentMisses() {
        CacheManager *c = make();
        int calls = 0;
        auto producer = [&calls]() {
            ++calls;
            auto promise = std::make_shared<QPromise<Result<CacheValue>>>();
            promise->start();
            QTimer::singleShot(50, [promise] {
                promise->addResult(Result<CacheValue>::success(CacheValue{"expensive", {}, 0, {}}));
                promise->finish();
            });
            return promise->future();
        };
        QList<QFuture<Result<CacheValue>>> futures;
        for (int i = 0; i < 100; ++i)
            futures.append(test::getOrSetFuture(c, "slow", producer, 60, "p"));
        for (auto &f : futures) {
            const auto r = await(f);
            QVERIFY(r.ok());
            QCOMPARE(r.value.data, QByteArray("expensive"));
        }
        QCOMPARE(calls, 1);
        // Stored: the next call is a hit and does not produce.
        QCOMPARE(await(test::getOrSetFuture(c, "slow", producer, 60, "p")).value.data,
                 QByteArray("expensive"));
        QCOMPARE(calls, 1);
        // forceRefresh produces again.
        QCOMPARE(await(test::getOrSetFuture(c, "slow", producer, 60, "p", true)).value.data,
                 QByteArray("expensive"));
        QCOMPARE(calls, 2);
    }

    void getOrSetCallbackIsCalledOnceAndAtOnceForAMemoryHit() {
        QFETCH_GLOBAL(bool, redis);
        CacheManager *c = make();
        int produced = 0;
        auto producer = [&produced] {
            ++produced;
            return QtFuture::makeReadyFuture(
                Result<CacheValue>::success(CacheValue{"made", "text/plain", 0, {}}));
        };
        // Miss, then HIT: each callback exactly once, with the produced value.
        QList<QByteArray> seen;
        for (int round = 0; round < 2; ++round) {
            int calls = 0;
            c->getOrSet(
                "cb", producer,
                [&](const Result<CacheValue> &r) {
                    ++calls;
                    QVERIFY(r.ok());
                    seen.append(r.value.data + ' ' + r.value.contentType);
                },
                60, "p");
            if (!redis) // the memory backend answers before getOrSet returns
                QCOMPARE(calls, 1);
            QTRY_COMPARE(calls, 1);
            QTest::qWait(20);
            QCOMPARE(calls, 1);
        }
        QCOMPARE(seen, (QList<QByteArray>{"made text/plain", "made text/plain"}));
        QCOMPARE(produced, 1);
        // Bad input reaches the callback as an error, not as an exception or a silence.
        Result<CacheValue> invalid;
        c->getOrSet(
            "", producer, [&](const Result<CacheValue> &r) { invalid = r; }, 60, "p");
        QCOMPARE(invalid.error.kind, ErrorKind::Validation);
        QCOMPARE(produced, 1);
    }

    void hitsNeverServeAReplacedPlainValue() {
        CacheManager *c = make();
        // Plain (uncompressed) entries are memoized too: a replaced value must be seen at once.
        for (int i = 0; i < 50; ++i) {
            const QByteArray v = "value-" + QByteArray::number(i);
            QVERIFY(await(c->set("k", v, 60, "memo")).ok());
            QCOMPARE(await(c->get("k", "memo")).value->data, v);
            QCOMPARE(await(c->get("k", "memo")).value->data, v);
        }
        QVERIFY(await(c->remove({"k"}, "memo")).ok());
        QVERIFY(!await(c->get("k", "memo")).value.has_value());
    }

    // Reads of one key made while a GET for it is in flight share that GET, and each one is
    // still answered and counted as a hit.
    void concurrentReadsOfOneKeyShareOneRedisRead() {
        test::RedisServer own;
        CacheManager *c = nullptr;
        makeOnOwnRedis(own, "hot", "value", &c);
        if (!c)
            return;

        QList<QFuture<Result<std::optional<CacheValue>>>> reads;
        for (int i = 0; i < 20; ++i)
            reads.append(c->get("hot", "sf"));
        int producerCalls = 0;
        int answered = 0;
        for (int i = 0; i < 5; ++i)
            c->getOrSet(
                "hot",
                [&] {
                    ++producerCalls;
                    return QtFuture::makeReadyFuture(Result<CacheValue>::success({}));
                },
                [&](const Result<CacheValue> &r) {
                    QCOMPARE(r.value.data, QByteArray("value"));
                    ++answered;
                },
                60, "sf");
        for (auto &f : reads) {
            const auto r = await(f);
            QVERIFY(r.ok() && r.value.has_value());
            QCOMPARE(r.value->data, QByteArray("value"));
        }
        QTRY_COMPARE(answered, 5);
        QCOMPARE(producerCalls, 0);
        QCOMPARE(redisGetCalls(own), 1);
        QCOMPARE(c->statistics().namespaces.value("sf").hits, 25);
    }

    // A write detaches the reads in flight: a reader arriving after the write was sent does
    // not take the reply of a GET sent before it, and one arriving after it completed sees it.
    void aWriteDetachesReadsInFlight() {
        test::RedisServer own;
        CacheManager *c = nullptr;
        makeOnOwnRedis(own, "k", "v1", &c);
        if (!c)
            return;

        auto before = c->get("k", "sf");
        auto write = c->set("k", QByteArray("v2"), 60, "sf");
        auto during = c->get("k", "sf");
        QVERIFY(await(write).ok());
        auto after = c->get("k", "sf");
        const QByteArray first = await(before).value->data;
        QVERIFY2(first == "v1" || first == "v2", first.constData());
        QVERIFY(await(during).value.has_value());
        QCOMPARE(await(after).value->data, QByteArray("v2"));
        QCOMPARE(redisGetCalls(own), 3); // none of the three shared a read

        // A clear is many round trips; reads after it completes never see what it removed.
        auto reading = c->get("k", "sf");
        auto cleared = c->clear("sf");
        QCOMPARE(await(cleared).value, 1);
        QVERIFY(!await(c->get("k", "sf")).value.has_value());
        QVERIFY(await(reading).ok());
    }

    void getOrSetPassesProducerErrorsAndStoresNothing() {
        CacheManager *c = make();
        auto failing = [] {
            return QtFuture::makeReadyFuture(
                Result<CacheValue>::failure(CacheError::protocol("upstream down")));
        };
        const auto r = await(test::getOrSetFuture(c, "f", failing, 60, "p"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.message, QString("upstream down"));
        QCOMPARE(await(c->exists({"f"}, "p")).value, 0);
    }

    void statisticsCountPerNamespaceAndSurviveClear() {
        CacheManager *c = make();
        QSignalSpy changed(c, &CacheManager::statisticsChanged);
        QVERIFY(await(c->set("a", QByteArray("12345"), 60, "s1")).ok());
        for (int i = 0; i < 3; ++i)
            QVERIFY(await(c->get("a", "s1")).value.has_value());
        QVERIFY(!await(c->get("b", "s1")).value.has_value());
        QVERIFY(!await(c->get("b", "s2")).value.has_value());
        StatisticsSnapshot s = c->statistics();
        QCOMPARE(s.totals.hits, 3);
        QCOMPARE(s.totals.misses, 2);
        QCOMPARE(s.totalRequests(), 5);
        QCOMPARE(s.totals.sets, 1);
        QCOMPARE(s.namespaces.value("s1").hits, 3);
        QCOMPARE(s.namespaces.value("s1").misses, 1);
        QCOMPARE(s.namespaces.value("s2").misses, 1);
        QCOMPARE(s.hitRatePercent(), QString("60.00%"));
        QVERIFY(qFuzzyCompare(s.totals.hitRate(), 0.6));
        QVERIFY(s.bytesRead > 0 && s.bytesWritten > 0);
        QVERIFY(s.lastUpdatedAt >= s.createdAt);
        const auto history = c->statisticsHistory(60);
        QCOMPARE(history.size(), 60);
        qint64 hits = 0;
        for (const HistorySample &h : history)
            hits += h.hits;
        QCOMPARE(hits, 3);
        await(c->clear("s1"));
        QCOMPARE(c->statistics().totals.hits, 3);
        // Many operations, few notifications.
        QTRY_VERIFY(changed.count() >= 1);
        QVERIFY2(changed.count() <= 3, qPrintable(QString::number(changed.count())));
        c->resetStatistics();
        QCOMPARE(c->statistics().totals.hits, 0);
        QCOMPARE(c->statistics().namespaces.size(), 0);
    }

    void disabledStatisticsCountNothing() {
        Settings s = settingsFor(false);
        QFETCH_GLOBAL(bool, redis);
        s.redis.enabled = redis;
        s.cache.statisticsEnabled = false;
        CacheManager *c = make(s);
        QVERIFY(await(c->set("a", QByteArray("1"), 60, "x")).ok());
        QVERIFY(await(c->get("a", "x")).value.has_value());
        QCOMPARE(c->statistics().totals.hits, 0);
        QCOMPARE(c->statistics().totals.sets, 0);
    }

    void jsonLayerRoundTripsDocumentsAndScalars() {
        CacheManager *c = make();
        QVERIFY(await(c->setJson("obj", QJsonObject{{"id", 7}, {"name", "seven"}}, 60, "j")).ok());
        QVERIFY(await(c->setJson("num", 42.5, 60, "j")).ok());
        QCOMPARE(await(c->getJson("obj", "j")).value->toObject().value("name").toString(),
                 QString("seven"));
        QCOMPARE(await(c->getJson("num", "j")).value->toDouble(), 42.5);
        QCOMPARE(await(c->get("obj", "j")).value->contentType, QByteArray("application/json"));
        QVERIFY(await(c->set("text", QByteArray("not json {"), 60, "j")).ok());
        QCOMPARE(await(c->getJson("text", "j")).error.kind, ErrorKind::Serialization);
    }

    void listKeysPagesCoverEveryKeyWithinCount() {
        CacheManager *c = make();
        QSet<QString> expected;
        for (int i = 0; i < 250; ++i) {
            expected.insert(QString("key:%1").arg(i));
            QVERIFY(await(c->set(QString("key:%1").arg(i), QByteArray("v"), 60, "pages")).ok());
        }
        QVERIFY(await(c->set("key:0", QByteArray("v"), 60, "pagesX")).ok()); // sibling namespace
        QSet<QString> seen;
        QString cursor;
        int pages = 0;
        do {
            const auto page = await(c->keyBrowser()->listKeys("pages", {}, cursor, 100));
            QVERIFY2(page.ok(), qPrintable(page.error.message));
            QVERIFY(page.value.keys.size() <= 100);
            for (const KeyListEntry &e : page.value.keys) {
                seen.insert(e.key);
                QVERIFY(e.ttlSeconds > 0 && e.ttlSeconds <= 60);
                QCOMPARE(e.size > 0, true);
            }
            cursor = page.value.nextCursor;
            QVERIFY(++pages < 50);
        } while (!cursor.isEmpty());
        QCOMPARE(seen, expected);

        const auto matched = await(c->keyBrowser()->listKeys("pages", "key:1?", {}, 1000));
        QVERIFY(matched.ok());
        QCOMPARE(matched.value.keys.size(), 10); // key:10 .. key:19
        QCOMPARE(await(c->keyBrowser()->listKeys("pages", {}, "not-a-cursor!", 10)).error.kind,
                 ErrorKind::Validation);
        QCOMPARE(await(c->keyBrowser()->listKeys("pages", {}, {}, 0)).error.kind,
                 ErrorKind::Validation);
        QCOMPARE(await(c->keyBrowser()->listKeys("pages", {}, {}, 1001)).error.kind,
                 ErrorKind::Validation);
    }

    void namespacesAreListedWithKeyCounts() {
        CacheManager *c = make();
        for (int i = 0; i < 3; ++i)
            QVERIFY(await(c->set(QString::number(i), QByteArray("v"), 60, "beta")).ok());
        QVERIFY(await(c->set("x", QByteArray("v"), 60, "alpha")).ok());
        const auto r = await(c->keyBrowser()->namespaces());
        QVERIFY(r.ok());
        QCOMPARE(r.value.size(), 2);
        QCOMPARE(r.value[0].name, QString("alpha"));
        QCOMPARE(r.value[0].keys, 1);
        QCOMPARE(r.value[1].name, QString("beta"));
        QCOMPARE(r.value[1].keys, 3);
    }

    void entryGivesMetadataAndDecodedValue() {
        CacheManager *c = make();
        const QByteArray body = QByteArray("{\"a\":1}").repeated(300);
        QVERIFY(await(c->set("e", CacheValue{body, "application/json", 0, {}}, 120, "d")).ok());
        const auto r = await(c->keyBrowser()->entry("e", "d"));
        QVERIFY(r.ok());
        QVERIFY(r.value.has_value());
        QCOMPARE(r.value->value.data, body);
        QCOMPARE(r.value->value.contentType, QByteArray("application/json"));
        QVERIFY(r.value->compressed);
        QVERIFY(r.value->size < body.size());
        QVERIFY(r.value->ttlSeconds > 100 && r.value->ttlSeconds <= 120);
        QVERIFY(!await(c->keyBrowser()->entry("missing", "d")).value.has_value());
        QCOMPARE(c->statistics().totals.hits, 0); // browsing is not traffic
    }

    void pingAnswersOnTheActiveBackend() {
        CacheManager *c = make();
        const auto r = await(c->ping());
        QVERIFY(r.ok());
        QVERIFY(r.value >= 0.0);
    }
};

QTEST_GUILESS_MAIN(TestCacheManager)
#include "tst_cachemanager.moc"
