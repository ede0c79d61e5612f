// Statistics of all instances on one Redis: two cache managers (two "instances") publish their
// counters under the shared prefix, and either one adds up both.
#include "cachemanager.h"
#include "fleetstatistics.h"
#include "futurewait.h"
#include "redisserver.h"

#include <QTest>

using namespace qrc;
using qrc::test::await;

class TestFleetStatistics : public QObject {
    Q_OBJECT

private:
    test::RedisServer m_redis;
    QString m_prefix;

    std::unique_ptr<CacheManager> make() {
        Settings s;
        s.redis.host = m_redis.host();
        s.redis.port = m_redis.port();
        s.cache.namespacePrefix = m_prefix;
        auto c = std::make_unique<CacheManager>(s);
        c->start();
        if (!QTest::qWaitFor([&] { return c->activeBackend() == BackendKind::Redis; }, 5000))
            qWarning("redis backend did not become active");
        return c;
    }

    // `hits` hits and `misses` misses in namespace "ns".
    static void traffic(CacheManager *c, int hits, int misses) {
        QVERIFY(await(c->set("present", QByteArray("v"), 60, "ns")).ok());
        for (int i = 0; i < hits; ++i)
            QVERIFY(await(c->get("present", "ns")).value.has_value());
        for (int i = 0; i < misses; ++i)
            QVERIFY(!await(c->get(QStringLiteral("absent%1").arg(i), "ns")).value.has_value());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError()));
        m_prefix = QStringLiteral("fleet%1").arg(QCoreApplication::applicationPid());
    }

    void scopeAllAddsUpTheLiveInstances() {
        auto a = make();
        auto b = make();
        FleetStatistics *fleetA = a->fleetStatistics();
        traffic(a.get(), 3, 1);
        traffic(b.get(), 5, 2);

        // Once b has published (every second), a's view holds both.
        FleetStatistics::Snapshot all;
        QTRY_VERIFY_WITH_TIMEOUT((all = await(fleetA->collect()).value).instances.size() == 2 &&
                                     all.sum.totals.hits == 8,
                                 5000);
        QVERIFY(all.complete);
        QCOMPARE(all.sum.totals.misses, 3);
        QCOMPARE(all.sum.totals.sets, 2);
        QCOMPARE(all.sum.namespaces.value("ns").hits, 8);
        QVERIFY(all.instances.contains(fleetA->instanceId()));
        // a's own counters are read now, not as last published.
        traffic(a.get(), 1, 0);
        QCOMPARE(await(fleetA->collect()).value.sum.totals.hits, 9);

        // An instance that stops drops out when its entry expires.
        b.reset();
        QTRY_VERIFY_WITH_TIMEOUT(await(fleetA->collect()).value.instances.size() == 1,
                                 FleetStatistics::TtlMs + 2000);
        QCOMPARE(await(fleetA->collect()).value.sum.totals.hits, 4);
    }

    void publishedEntryLivesBesideTheCacheKeys() {
        auto a = make();
        QVERIFY(await(a->clearAll()).ok()); // what earlier tests left
        const QByteArray key =
            m_prefix.toUtf8() + ".instances:" + a->fleetStatistics()->instanceId().toUtf8();
        QTRY_VERIFY_WITH_TIMEOUT(m_redis.command({"EXISTS", key}) == "1", 3000);
        const qint64 ttl = m_redis.command({"PTTL", key}).toLongLong();
        QVERIFY(ttl > 0 && ttl <= FleetStatistics::TtlMs);
        // Not a cache key: clear-all leaves it alone.
        QCOMPARE(await(a->clearAll()).value, 0);
        QCOMPARE(m_redis.command({"EXISTS", key}), QByteArray("1"));
    }

    void withoutRedisOnlyThisInstanceIsCounted() {
        Settings s;
        s.redis.enabled = false;
        s.cache.namespacePrefix = m_prefix;
        CacheManager c(s);
        FleetStatistics *fleet = c.fleetStatistics();
        traffic(&c, 2, 1);
        const auto r = await(fleet->collect());
        QVERIFY(r.ok());
        QVERIFY(!r.value.complete);
        QCOMPARE(r.value.instances, QStringList{fleet->instanceId()});
        QCOMPARE(r.value.sum.totals.hits, 2);
    }
};

QTEST_GUILESS_MAIN(TestFleetStatistics)
#include "tst_fleetstatistics.moc"
