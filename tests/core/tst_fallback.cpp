// Fallback to memory and recovery, with real outages of a real redis-server.
#include "cachemanager.h"
#include "futurewait.h"
#include "redisserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace qrc;
using qrc::test::await;

class TestFallback : public QObject {
    Q_OBJECT

    Settings settingsFor(quint16 port) const {
        Settings s;
        s.redis.host = QStringLiteral("127.0.0.1");
        s.redis.port = port;
        s.redis.socketTimeout = 0.5;
        s.redis.socketConnectTimeout = 0.5;
        s.cache.namespacePrefix = QStringLiteral("fb");
        return s;
    }

private Q_SLOTS:
    void unreachableAtStartIsUsableAtOnceThenSwitchesToRedis() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        redis.stop(); // the port is known, nobody listens

        CacheManager cache(settingsFor(redis.port()));
        QSignalSpy backend(&cache, &CacheManager::backendChanged);
        QElapsedTimer timer;
        timer.start();
        cache.start();
        QVERIFY(await(cache.set("k", QByteArray("mem"), 60, "n")).ok());
        QCOMPARE(await(cache.get("k", "n")).value->data, QByteArray("mem"));
        QVERIFY2(timer.elapsed() < 500, "start must not wait for Redis");
        QCOMPARE(cache.activeBackend(), BackendKind::Memory);
        QTRY_COMPARE(cache.redisState(), RedisClient::State::Unreachable);

        QVERIFY(redis.restart());
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Redis, 15000);
        QCOMPARE(backend.last().first().value<BackendKind>(), BackendKind::Redis);
        QVERIFY(await(cache.set("k", QByteArray("redis"), 60, "n")).ok());
        QCOMPARE(redis.command({"EXISTS", "fb:n:k"}), QByteArray("1"));
    }

    void killedMidStreamNoOperationFailsAndMemoryTakesOver() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        CacheManager cache(settingsFor(redis.port()));
        cache.start();
        QTRY_COMPARE(cache.activeBackend(), BackendKind::Redis);

        QList<QFuture<Result<bool>>> writes;
        QList<QFuture<Result<std::optional<CacheValue>>>> reads;
        for (int i = 0; i < 200; ++i) {
            if (i == 100)
                redis.kill();
            writes.append(cache.set(QString("k%1").arg(i), QByteArray("v"), 60, "n"));
            reads.append(cache.get(QString("k%1").arg(i), "n"));
        }
        for (auto &f : writes)
            QVERIFY2(await(f).ok(), qPrintable(f.result().error.toString()));
        for (auto &f : reads)
            QVERIFY2(await(f).ok(), qPrintable(f.result().error.toString()));
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Memory, 1000);
        QVERIFY(await(cache.get("k150", "n")).value.has_value());

        QVERIFY(redis.restart());
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Redis, 15000);
        QVERIFY(await(cache.set("after", QByteArray("v"), 60, "n")).ok());
        QCOMPARE(redis.command({"EXISTS", "fb:n:after"}), QByteArray("1"));
    }

    void hungRedisTimesOutWithinSocketTimeoutAndNoStaleValueAfterRecovery() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        CacheManager cache(settingsFor(redis.port()));
        cache.start();
        QTRY_COMPARE(cache.activeBackend(), BackendKind::Redis);
        QVERIFY(await(cache.set("removed", QByteArray("old"), 600, "n")).ok());
        QVERIFY(await(cache.set("rewritten", QByteArray("old"), 600, "n")).ok());
        QVERIFY(await(cache.set("cleared", QByteArray("old"), 600, "gone")).ok());
        QVERIFY(await(cache.set("kept", QByteArray("old"), 600, "n")).ok());

        redis.pause(); // alive, holding the data, answering nothing
        QElapsedTimer timer;
        timer.start();
        const auto removed = await(cache.remove({"removed"}, "n"));
        QVERIFY2(removed.ok(), qPrintable(removed.error.toString()));
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(cache.activeBackend(), BackendKind::Memory);
        QVERIFY(await(cache.set("rewritten", QByteArray("new"), 600, "n")).ok());
        QVERIFY(await(cache.clear("gone")).ok());

        redis.resume();
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Redis, 15000);
        // Redis still held the old values; the journal removed them before use.
        QVERIFY(!await(cache.get("removed", "n")).value.has_value());
        QVERIFY(!await(cache.get("rewritten", "n")).value.has_value());
        QVERIFY(!await(cache.get("cleared", "gone")).value.has_value());
        QCOMPARE(await(cache.get("kept", "n")).value->data, QByteArray("old"));
        QCOMPARE(redis.command({"EXISTS", "fb:n:removed", "fb:n:rewritten", "fb:gone:cleared"}),
                 QByteArray("0"));
    }

    // CACHE_READ_DEADLINE_MS: a hung Redis delays a read by the deadline, not the socket
    // timeout; the request goes on as a miss, nothing is written back, the error is counted.
    void hungRedisReadAnswersAsMissWithinTheDeadlineWithoutWriteBack() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        Settings settings = settingsFor(redis.port());
        settings.redis.socketTimeout = 5.0; // the default: far longer than the deadline
        settings.cache.readDeadlineMs = 100;
        CacheManager cache(settings);
        cache.start();
        QTRY_COMPARE(cache.activeBackend(), BackendKind::Redis);
        QVERIFY(await(cache.set("hot", QByteArray("stored"), 600, "n")).ok());
        const qint64 errorsBefore = cache.statistics().errors;

        redis.pause();
        int producerCalls = 0;
        const auto producer = [&producerCalls] {
            ++producerCalls;
            return QtFuture::makeReadyFuture(
                Result<CacheValue>::success(CacheValue{"produced", {}, 0, {}}));
        };
        QElapsedTimer timer;
        timer.start();
        const auto cold = await(test::getOrSetFuture(&cache, "cold", producer, 600, "n"));
        const qint64 coldMs = timer.elapsed();
        QVERIFY2(cold.ok(), qPrintable(cold.error.toString()));
        QCOMPARE(cold.value.data, QByteArray("produced"));
        QCOMPARE(producerCalls, 1);
        QVERIFY2(coldMs >= 90 && coldMs < 400, qPrintable(QString::number(coldMs)));

        timer.restart();
        const auto hot = await(cache.get("hot", "n"));
        QVERIFY2(timer.elapsed() < 400, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(hot.ok(), qPrintable(hot.error.toString())); // a miss, not a failure
        QVERIFY(!hot.value.has_value());
        QCOMPARE(cache.statistics().errors, errorsBefore + 2);
        // Still on Redis: only the connection's socket timeout opens the circuit.
        QCOMPARE(cache.activeBackend(), BackendKind::Redis);

        redis.resume();
        // The late replies find no one waiting; the produced value was not written back.
        QCOMPARE(await(cache.get("hot", "n")).value->data, QByteArray("stored"));
        QCOMPARE(redis.command({"EXISTS", "fb:n:cold"}), QByteArray("0"));
        QCOMPARE(cache.activeBackend(), BackendKind::Redis);
        QCOMPARE(await(test::getOrSetFuture(&cache, "cold", producer, 600, "n")).value.data,
                 QByteArray("produced"));
        QCOMPARE(producerCalls, 2);
        QCOMPARE(redis.command({"EXISTS", "fb:n:cold"}), QByteArray("1"));
    }

    void readDeadlineZeroWaitsForTheSocketTimeout() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        Settings settings = settingsFor(redis.port()); // socket timeout 0.5 s
        settings.cache.readDeadlineMs = 0;
        CacheManager cache(settings);
        cache.start();
        QTRY_COMPARE(cache.activeBackend(), BackendKind::Redis);
        QVERIFY(await(cache.set("k", QByteArray("v"), 600, "n")).ok());
        redis.pause();
        QElapsedTimer timer;
        timer.start();
        const auto r = await(cache.get("k", "n"));
        QVERIFY2(timer.elapsed() >= 400, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(r.ok()); // the circuit opened and memory answered
        QCOMPARE(cache.activeBackend(), BackendKind::Memory);
        redis.resume();
    }

    void redisStateChangesAreSignalled() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        CacheManager cache(settingsFor(redis.port()));
        QSignalSpy states(&cache, &CacheManager::redisStateChanged);
        cache.start();
        QTRY_COMPARE(cache.redisState(), RedisClient::State::Connected);
        redis.kill();
        QTRY_COMPARE(cache.redisState(), RedisClient::State::Unreachable);
        QVERIFY(states.count() >= 2);
    }

    void disabledRedisStaysOnMemory() {
        Settings s = settingsFor(1);
        s.redis.enabled = false;
        CacheManager cache(s);
        cache.start();
        QCOMPARE(cache.redisState(), RedisClient::State::Disabled);
        QVERIFY(cache.redisClient() == nullptr);
        QVERIFY(await(cache.set("k", QByteArray("v"), 60, "n")).ok());
        QCOMPARE(cache.activeBackend(), BackendKind::Memory);
    }
};

QTEST_GUILESS_MAIN(TestFallback)
#include "tst_fallback.moc"
