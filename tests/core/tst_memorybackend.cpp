// The bounded in-memory store: bounds, LRU, expiry and SCAN-like iteration.
#include "cachemanager.h"
#include "futurewait.h"
#include "memorybackend.h"

#include <QSignalSpy>
#include <QTest>

using namespace qrc;
using qrc::test::await;

namespace {
template <typename T>
T sync(std::function<void(CacheBackend::Callback<T>)> call) {
    T out{};
    bool called = false;
    call([&](Result<T> r) {
        QVERIFY(r.ok());
        out = r.value;
        called = true;
    });
    if (!called)
        qFatal("memory backend callbacks must run before the call returns");
    return out;
}
} // namespace

class TestMemoryBackend : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void leastRecentlyUsedEntryIsEvictedAtEntryBound() {
        MemoryBackend m({3, 1 << 20});
        QSignalSpy evicted(&m, &MemoryBackend::evicted);
        for (const char *k : {"a", "b", "c"})
            m.set(k, "v", 60, [](Result<bool> r) { QVERIFY(r.ok()); });
        QVERIFY(m.find("a")); // a is now the most recently used; b the least
        m.set("d", "v", 60, [](Result<bool>) {});
        QCOMPARE(m.entryCount(), 3);
        QVERIFY(m.find("a"));
        QVERIFY(!m.find("b"));
        QVERIFY(m.find("c"));
        QVERIFY(m.find("d"));
        QCOMPARE(evicted.count(), 1);
        QCOMPARE(evicted.first().first().toLongLong(), 1);
    }

    void describeReportsTheMemoryItAccountsForEachKey() {
        MemoryBackend m({1000, 1 << 20});
        m.set("small", QByteArray(10, 'x'), 60, [](Result<bool>) {});
        m.set("large", QByteArray(1000, 'x'), 60, [](Result<bool>) {});
        const QList<KeyInfo> infos =
            sync<QList<KeyInfo>>([&](CacheBackend::Callback<QList<KeyInfo>> cb) {
                m.describe({"small", "large"}, cb);
            });
        QCOMPARE(infos.size(), 2);
        QCOMPARE(infos[0].type, QByteArray("string"));
        QVERIFY(infos[0].memory > 10);
        QCOMPARE(infos[1].memory - infos[0].memory, 990);
        QCOMPARE(infos[0].memory + infos[1].memory, m.byteCount());
        bool refused = false;
        m.collectionPage("small", "hash", {}, 10, [&](Result<CollectionPage> r) {
            refused = !r.ok() && r.error.kind == ErrorKind::Validation;
        });
        QVERIFY(refused);
    }

    void byteBoundEvictsUntilItFits() {
        MemoryBackend m({1000, 4000});
        for (int i = 0; i < 10; ++i)
            m.set(QByteArray::number(i), QByteArray(900, 'x'), 60, [](Result<bool>) {});
        QVERIFY(m.byteCount() <= 4000);
        QVERIFY(m.entryCount() < 10);
        QVERIFY(m.find("9")); // the newest survives
        QVERIFY(!m.find("0"));
        bool rejected = false;
        m.set("huge", QByteArray(5000, 'x'), 60,
              [&](Result<bool> r) { rejected = !r.ok() && r.error.kind == ErrorKind::Validation; });
        QVERIFY(rejected);
    }

    void evictionsAreCountedInManagerStatistics() {
        Settings s;
        s.redis.enabled = false;
        s.cache.memoryMaxEntries = 10;
        CacheManager c(s);
        for (int i = 0; i < 25; ++i)
            QVERIFY(await(c.set(QString::number(i), QByteArray("v"), 60, "e")).ok());
        QCOMPARE(c.statistics().evictions, 15);
        QCOMPARE(c.memoryBackend()->entryCount(), 10);
    }

    void expiredEntriesReadAsMissingAndReportTtl() {
        MemoryBackend m({});
        qint64 now = 1000;
        m.setClock([&now] { return now; });
        m.set("k", "v", 10, [](Result<bool>) {});
        QCOMPARE(sync<qint64>([&](auto cb) { m.ttl("k", cb); }), 10000);
        now += 9999;
        QVERIFY(m.find("k"));
        QCOMPARE(sync<qint64>([&](auto cb) { m.ttl("k", cb); }), 1);
        now += 1;
        QVERIFY(!m.find("k"));
        QCOMPARE(sync<qint64>([&](auto cb) { m.ttl("k", cb); }), -2);
        QCOMPARE(m.entryCount(), 0);
    }

    void backgroundSweepPurgesExpiredEntriesWithoutReads() {
        MemoryBackend m({});
        qint64 now = 0;
        m.setClock([&now] { return now; });
        for (int i = 0; i < 5000; ++i)
            m.set("k" + QByteArray::number(i), "v", i % 2 ? 1 : 100, [](Result<bool>) {});
        now = 2000;
        int removed = 0;
        for (int round = 0; round < 3; ++round) // bounded slices, round robin
            removed += m.purgeExpired(2000);
        QCOMPARE(removed, 2500);
        QCOMPARE(m.entryCount(), 2500);
        QVERIFY(m.byteCount() > 0);
    }

    void expireWithZeroDeletesLikeRedis() {
        MemoryBackend m({});
        m.set("k", "v", 60, [](Result<bool>) {});
        QVERIFY(sync<bool>([&](auto cb) { m.expire("k", 0, cb); }));
        QVERIFY(!m.find("k"));
        QVERIFY(!sync<bool>([&](auto cb) { m.expire("k", 5, cb); }));
    }

    void scanReturnsEveryKeyPresentThroughoutWhileTheMapChanges() {
        MemoryBackend m({});
        for (int i = 0; i < 1000; ++i)
            m.set("p:ns:" + QByteArray::number(i), "v", 60, [](Result<bool>) {});
        m.set("p:other:1", "v", 60, [](Result<bool>) {});
        QSet<QByteArray> seen;
        QByteArray cursor;
        int steps = 0;
        do {
            const ScanPage page =
                sync<ScanPage>([&](auto cb) { m.scan(cursor, "p:ns:*", 64, cb); });
            QVERIFY(page.keys.size() <= 64);
            for (const QByteArray &k : page.keys)
                seen.insert(k);
            // Churn between steps: new keys and deletions of keys not counted on.
            m.set("p:ns:new" + QByteArray::number(steps), "v", 60, [](Result<bool>) {});
            cursor = page.cursor;
            ++steps;
        } while (!cursor.isEmpty() && steps < 1000);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(seen.contains("p:ns:" + QByteArray::number(i)));
        QVERIFY(!seen.contains("p:other:1"));
    }

    void scanHonoursEscapedGlobCharacters() {
        MemoryBackend m({});
        m.set("p:it:1", "v", 60, [](Result<bool>) {});
        m.set("p:items:1", "v", 60, [](Result<bool>) {});
        m.set("p:i*:1", "v", 60, [](Result<bool>) {});
        const ScanPage page = sync<ScanPage>([&](auto cb) { m.scan({}, "p:i\\*:*", 100, cb); });
        QCOMPARE(page.keys, QList<QByteArray>{"p:i*:1"});
    }
};

QTEST_GUILESS_MAIN(TestMemoryBackend)
#include "tst_memorybackend.moc"
