// NearCache against a real redis-server: entries are kept only while client tracking is on,
// any write by another client drops them, a read that raced a write is not kept, and losing
// the invalidation connection empties and bypasses the near cache until it is back. Then the
// same through two CacheManagers ("instances") and a third client writing with hiredis.
#include "cachemanager.h"
#include "futurewait.h"
#include "nearcache.h"
#include "redisclient.h"
#include "redisserver.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace qrc;
using qrc::test::await;

class TestNearCache : public QObject {
    Q_OBJECT

private:
    test::RedisServer m_redis;
    std::unique_ptr<RedisClient> m_client;
    std::unique_ptr<NearCache> m_near;

    // Reads `key` through the pool as the cache manager does, offering the reply.
    void readThrough(const QByteArray &key) {
        const quint64 ticket = m_near->beginFill(key);
        bool done = false;
        m_client->execute({"GET", key}, [&](Result<RedisReply> r) {
            if (r.ok() && r.value.type == RedisReply::Type::String)
                m_near->offer(key, ticket, r.value.string);
            done = true;
        });
        QTRY_VERIFY(done);
    }
    // A write by another client, once its invalidation has arrived (a read started before
    // that could not fill: the message voids its ticket).
    void write(const QList<QByteArray> &argv) {
        QSignalSpy invalidated(m_near.get(), &NearCache::invalidated);
        QCOMPARE(m_redis.command(argv), QByteArray("OK"));
        QTRY_VERIFY(!invalidated.isEmpty());
    }
    QByteArray nearValue(const QByteArray &key) {
        const QByteArray *v = m_near->find(key);
        return v ? *v : QByteArray();
    }

private Q_SLOTS:
    void init() {
        QVERIFY2(m_redis.start(), qPrintable(m_redis.lastError()));
        RedisSettings s;
        s.host = m_redis.host();
        s.port = m_redis.port();
        m_client = std::make_unique<RedisClient>(s);
        m_near =
            std::make_unique<NearCache>(m_client.get(), "nc:", NearCache::Limits{100, 1 << 20});
        m_client->start();
        QTRY_VERIFY(m_near->isActive());
    }
    void cleanup() {
        m_near.reset();
        m_client.reset();
        m_redis.stop();
    }

    void readValueIsServedFromMemoryUntilAnotherClientWritesIt() {
        write({"SET", "nc:k", "v1", "EX", "60"});
        readThrough("nc:k");
        QTRY_COMPARE(nearValue("nc:k"), QByteArray("v1"));
        QSignalSpy invalidated(m_near.get(), &NearCache::invalidated);
        QCOMPARE(m_redis.command({"SET", "nc:k", "v2", "EX", "60"}), QByteArray("OK"));
        QTRY_VERIFY(!invalidated.isEmpty());
        QCOMPARE(invalidated.first().first().value<QList<QByteArray>>(), QList<QByteArray>{"nc:k"});
        QVERIFY(m_near->find("nc:k") == nullptr);
        // Keys outside the prefix are not tracked: no message for them.
        invalidated.clear();
        m_redis.command({"SET", "other:k", "x"});
        m_redis.command({"SET", "nc:barrier", "x"});
        QTRY_COMPARE(invalidated.size(), 1);
    }

    void replyThatRacedAWriteIsNotKept() {
        write({"SET", "nc:race", "old", "EX", "60"});
        const quint64 ticket = m_near->beginFill("nc:race");
        QSignalSpy invalidated(m_near.get(), &NearCache::invalidated);
        m_redis.command({"SET", "nc:race", "new", "EX", "60"});
        QTRY_VERIFY(!invalidated.isEmpty());
        m_near->offer("nc:race", ticket, "old"); // the stale reply arriving late
        // A later read of another key is kept: by then the stale offer would have been too.
        write({"SET", "nc:after", "a", "EX", "60"});
        readThrough("nc:after");
        QTRY_COMPARE(nearValue("nc:after"), QByteArray("a"));
        QVERIFY(m_near->find("nc:race") == nullptr);
    }

    void readStartedWhileAFillIsPendingDoesNotVoidIt() {
        // Under a steady stream of reads of a hot key, the next read is sent while the fill of
        // the one before still waits for its PTTL: that must not keep the key out for good.
        write({"SET", "nc:hot", "v", "EX", "60"});
        const quint64 ticket = m_near->beginFill("nc:hot");
        m_client->execute({"GET", "nc:hot"}, [this, ticket](Result<RedisReply> r) {
            QVERIFY(r.ok() && r.value.type == RedisReply::Type::String);
            m_near->offer("nc:hot", ticket, r.value.string);
            (void)m_near->beginFill("nc:hot"); // the next reader's GET, still in flight
        });
        QTRY_COMPARE(nearValue("nc:hot"), QByteArray("v"));
    }

    void entryLivesNoLongerThanTheKey() {
        write({"SET", "nc:short", "v", "PX", "1500"});
        readThrough("nc:short");
        QTRY_COMPARE(nearValue("nc:short"), QByteArray("v"));
        // Kept for the whole seconds left (1), gone before Redis' own expiry is due.
        QTRY_VERIFY_WITH_TIMEOUT(m_near->find("nc:short") == nullptr, 2000);
    }

    void flushEmptiesTheNearCache() {
        write({"SET", "nc:a", "1", "EX", "60"});
        readThrough("nc:a");
        QTRY_COMPARE(m_near->entryCount(), 1);
        QSignalSpy invalidated(m_near.get(), &NearCache::invalidated);
        m_redis.command({"FLUSHDB"});
        QTRY_VERIFY(!invalidated.isEmpty());
        QVERIFY(invalidated.first().first().value<QList<QByteArray>>().isEmpty());
        QCOMPARE(m_near->entryCount(), 0);
    }

    void killedInvalidationConnectionEmptiesAndBypassesUntilBack() {
        write({"SET", "nc:k", "v1", "EX", "60"});
        readThrough("nc:k");
        QTRY_COMPARE(nearValue("nc:k"), QByteArray("v1"));
        QSignalSpy active(m_near.get(), &NearCache::activeChanged);
        QCOMPARE(m_redis.command({"CLIENT", "KILL", "TYPE", "pubsub"}), QByteArray("1"));
        QTRY_VERIFY(!active.isEmpty());
        QCOMPARE(active.first().first().toBool(), false);
        QCOMPARE(m_near->entryCount(), 0);
        QVERIFY(m_near->find("nc:k") == nullptr);
        QCOMPARE(m_near->beginFill("nc:k"), quint64(0)); // nothing is kept meanwhile
        // A write nobody was told about while it was down is never served afterwards.
        m_redis.command({"SET", "nc:k", "v2", "EX", "60"});
        QTRY_COMPARE(active.size(), 2);
        QCOMPARE(active.last().first().toBool(), true);
        QVERIFY(m_near->find("nc:k") == nullptr);
        write({"SET", "nc:k", "v2", "EX", "60"});
        readThrough("nc:k");
        QTRY_COMPARE(nearValue("nc:k"), QByteArray("v2"));
        // And tracking works again.
        m_redis.command({"SET", "nc:k", "v3", "EX", "60"});
        QTRY_VERIFY(m_near->find("nc:k") == nullptr);
    }

    // Two instances with near caches and a plain client on one Redis.
    std::unique_ptr<CacheManager> makeInstance() {
        Settings s;
        s.redis.host = m_redis.host();
        s.redis.port = m_redis.port();
        s.cache.namespacePrefix = QStringLiteral("inst");
        s.cache.nearCache = true;
        auto c = std::make_unique<CacheManager>(s);
        c->start();
        if (!QTest::qWaitFor(
                [&] {
                    return c->activeBackend() == BackendKind::Redis && c->nearCache()->isActive();
                },
                5000))
            qWarning("instance did not come up with tracking on");
        return c;
    }
    // Reads through `c` until its near cache holds the key (the first reads may race the
    // invalidation of the write that stored it).
    static bool cached(CacheManager *c, const QString &key, const QByteArray &expected) {
        const QByteArray full = "inst:ns:" + key.toUtf8();
        return QTest::qWaitFor(
            [&] {
                const QByteArray *raw = c->nearCache()->find(full);
                if (raw && await(c->get(key, "ns")).value->data == expected)
                    return true;
                (void)await(c->get(key, "ns"));
                return false;
            },
            3000);
    }
    static QByteArray read(CacheManager *c, const QString &key) {
        const auto r = await(c->get(key, "ns"));
        return r.ok() && r.value ? r.value->data : QByteArray("(miss)");
    }

    void instancesSeeEachOthersAndPlainClientsWrites() {
        auto a = makeInstance();
        auto b = makeInstance();
        QVERIFY(await(a->set("k", QByteArray("from a"), 60, "ns")).ok());
        QVERIFY(cached(a.get(), "k", "from a"));
        QVERIFY(cached(b.get(), "k", "from a"));
        // Served from memory: Redis sees no GET for it.
        QCOMPARE(m_redis.command({"CONFIG", "RESETSTAT"}), QByteArray("OK"));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(read(b.get(), "k"), QByteArray("from a"));
        QVERIFY(!m_redis.command({"INFO", "commandstats"}).contains("cmdstat_get:"));

        // b writes: a's copy goes.
        QVERIFY(await(b->set("k", QByteArray("from b"), 60, "ns")).ok());
        QCOMPARE(read(b.get(), "k"), QByteArray("from b")); // its own write, at once
        QTRY_COMPARE(read(a.get(), "k"), QByteArray("from b"));

        // A plain client (hiredis, as redis-cli) writes: both copies go.
        QVERIFY(cached(a.get(), "k", "from b"));
        QVERIFY(cached(b.get(), "k", "from b"));
        QCOMPARE(m_redis.command({"SET", "inst:ns:k", "from cli", "EX", "60"}), QByteArray("OK"));
        QTRY_COMPARE(read(a.get(), "k"), QByteArray("from cli"));
        QTRY_COMPARE(read(b.get(), "k"), QByteArray("from cli"));
        // ... and deletes.
        QVERIFY(cached(a.get(), "k", "from cli"));
        m_redis.command({"DEL", "inst:ns:k"});
        QTRY_COMPARE(read(a.get(), "k"), QByteArray("(miss)"));
    }

    void instanceWithoutInvalidationsReadsRedisUntilTheyAreBack() {
        auto a = makeInstance();
        QVERIFY(await(a->set("k", QByteArray("v1"), 60, "ns")).ok());
        QVERIFY(cached(a.get(), "k", "v1"));
        QSignalSpy active(a->nearCache(), &NearCache::activeChanged);
        // a's invalidation connection, and the one of the fixture's NearCache.
        QCOMPARE(m_redis.command({"CLIENT", "KILL", "TYPE", "pubsub"}), QByteArray("2"));
        QTRY_VERIFY(!active.isEmpty());
        QCOMPARE(a->nearCache()->entryCount(), 0);
        // Bypassed: each read goes to Redis, and sees a write nobody announced.
        m_redis.command({"SET", "inst:ns:k", "v2", "EX", "60"});
        QCOMPARE(read(a.get(), "k"), QByteArray("v2"));
        QCOMPARE(a->nearCache()->entryCount(), 0);
        QTRY_VERIFY(a->nearCache()->isActive());
        QVERIFY(cached(a.get(), "k", "v2"));
    }

    void refusedTrackingKeepsTheNearCacheOffAndSaysWhy() {
        // An ACL user that may read and write keys but not SUBSCRIBE.
        QCOMPARE(
            m_redis.command({"ACL", "SETUSER", "app", "on", ">pw", "~*", "+@all", "-subscribe"}),
            QByteArray("OK"));
        RedisSettings s;
        s.host = m_redis.host();
        s.port = m_redis.port();
        s.username = QStringLiteral("app");
        s.password = QStringLiteral("pw");
        RedisClient client(s);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression("near cache off: Redis refused client tracking"));
        NearCache near(&client, "nc:", NearCache::Limits{});
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QSignalSpy active(&near, &NearCache::activeChanged);
        QTest::qWait(300); // a retry or two: still off, warned once
        QVERIFY(!near.isActive());
        QVERIFY(active.isEmpty());
        QCOMPARE(near.beginFill("nc:k"), quint64(0));
    }

    void redisRestartTurnsTrackingOffThenOn() {
        QSignalSpy active(m_near.get(), &NearCache::activeChanged);
        m_redis.kill();
        QTRY_VERIFY(!m_near->isActive());
        QVERIFY(m_redis.restart());
        QTRY_VERIFY_WITH_TIMEOUT(m_near->isActive(), 10000);
        QVERIFY(active.size() >= 2);
    }
};

QTEST_GUILESS_MAIN(TestNearCache)
#include "tst_nearcache.moc"
