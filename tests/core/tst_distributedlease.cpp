// DistributedLease against a real redis-server: one of many contenders wins, the others are
// told once it is released or has expired, and a holder never releases a lease it lost. Then
// getOrSet with CACHE_SINGLE_FLIGHT=distributed over four cache managers ("instances").
#include "cachemanager.h"
#include "distributedlease.h"
#include "redisclient.h"
#include "redisserver.h"

#include <QElapsedTimer>
#include <QPromise>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace qrc;

class TestDistributedLease : public QObject {
    Q_OBJECT

private:
    test::RedisServer m_redis;
    QString m_key;
    std::vector<std::unique_ptr<RedisClient>> m_clients;
    std::vector<std::unique_ptr<DistributedLease>> m_leases;

    // `count` contenders, each with its own connection pool (as separate instances have).
    void makeContenders(int count, int leaseMs) {
        for (int i = 0; i < count; ++i) {
            RedisSettings s;
            s.host = m_redis.host();
            s.port = m_redis.port();
            m_clients.push_back(std::make_unique<RedisClient>(s));
            m_clients.back()->start();
            m_leases.push_back(std::make_unique<DistributedLease>(
                m_clients.back().get(), DistributedLease::Options{leaseMs, 2, 20}));
        }
        for (const auto &c : m_clients)
            QTRY_COMPARE(c->state(), RedisClient::State::Connected);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError())); }
    void init() {
        m_key = QStringLiteral("lease%1:%2")
                    .arg(QCoreApplication::applicationPid())
                    .arg(QTest::currentTestFunction());
    }
    void cleanup() {
        m_leases.clear();
        m_clients.clear();
    }

    void oneContenderWinsAndTheOthersAreToldWhenItReleases() {
        makeContenders(4, 5000);
        const QByteArray key = m_key.toUtf8();
        QList<QByteArray> tokens;
        for (const auto &lease : m_leases)
            lease->acquire(key, [&](Result<QByteArray> r) {
                QVERIFY(r.ok());
                tokens.append(r.value);
            });
        QTRY_COMPARE(tokens.size(), 4);
        QCOMPARE(tokens.count(QByteArray()), 3);
        const qsizetype winner = std::find_if(tokens.cbegin(), tokens.cend(),
                                              [](const QByteArray &t) { return !t.isEmpty(); }) -
                                 tokens.cbegin();
        int freed = 0;
        for (qsizetype i = 0; i < 4; ++i)
            if (i != winner)
                m_leases[size_t(i)]->waitUntilFree(key, [&](Result<bool> r) {
                    QVERIFY(r.ok());
                    ++freed;
                });
        QTest::qWait(100); // Nobody may be told while the lease is held.
        QCOMPARE(freed, 0);
        m_leases[size_t(winner)]->release(key, tokens.at(winner));
        QTRY_COMPARE(freed, 3);
        QCOMPARE(m_redis.command({"EXISTS", key}), QByteArray("0"));
    }

    void leaseOfADeadHolderExpires() {
        makeContenders(2, 300);
        const QByteArray key = m_key.toUtf8();
        QByteArray token;
        m_leases[0]->acquire(key, [&](Result<QByteArray> r) { token = r.value; });
        QTRY_VERIFY(!token.isEmpty());
        m_leases[0].reset(); // the holder is gone without releasing
        m_clients[0].reset();
        QElapsedTimer waited;
        waited.start();
        bool freed = false;
        m_leases[1]->waitUntilFree(key, [&](Result<bool> r) { freed = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(freed, 3000);
        QVERIFY(waited.elapsed() >= 200);
    }

    void holderDoesNotReleaseALeaseItLost() {
        makeContenders(2, 200);
        const QByteArray key = m_key.toUtf8();
        QByteArray first;
        m_leases[0]->acquire(key, [&](Result<QByteArray> r) { first = r.value; });
        QTRY_VERIFY(!first.isEmpty());
        // Lost as if it had expired while the holder stalled; another instance takes it.
        m_redis.command({"DEL", key});
        QByteArray second;
        m_leases[1]->acquire(key, [&](Result<QByteArray> r) { second = r.value; });
        QTRY_VERIFY(!second.isEmpty());
        m_leases[0]->release(key, first); // late: its lease was taken
        // A command behind the release on the same (single) connection: once it is answered,
        // the release has run.
        bool answered = false;
        m_clients[0]->execute({"PING"}, [&](Result<RedisReply>) { answered = true; });
        QTRY_VERIFY(answered);
        QCOMPARE(m_redis.command({"GET", key}), second);
    }

    // Leases of 600 ms (renewed every 200 ms) below: a renewal may be late by up to 400 ms, a
    // margin for a loaded machine running the suite in parallel.
    void heldLeaseIsRenewedPastItsTime() {
        makeContenders(2, 600);
        const QByteArray key = m_key.toUtf8();
        QByteArray token;
        m_leases[0]->acquire(key, [&](Result<QByteArray> r) { token = r.value; });
        QTRY_VERIFY(!token.isEmpty());
        QElapsedTimer held;
        held.start();
        // Three lease times later it is still the holder's, and nobody else gets it.
        QTRY_VERIFY_WITH_TIMEOUT(held.elapsed() >= 1800, 4000);
        QCOMPARE(m_redis.command({"GET", key}), token);
        QByteArray other = "unanswered";
        m_leases[1]->acquire(key, [&](Result<QByteArray> r) { other = r.value; });
        QTRY_VERIFY(other != "unanswered");
        QVERIFY(other.isEmpty());
        // Released: renewing stops, so nothing brings the key back.
        m_leases[0]->release(key, token);
        QTRY_COMPARE(m_redis.command({"EXISTS", key}), QByteArray("0"));
        held.restart();
        QTRY_VERIFY_WITH_TIMEOUT(held.elapsed() >= 600, 2000);
        QCOMPARE(m_redis.command({"EXISTS", key}), QByteArray("0"));
    }

    void lostLeaseIsNotExtendedForItsNewHolder() {
        makeContenders(1, 150);
        const QByteArray key = m_key.toUtf8();
        QByteArray token;
        m_leases[0]->acquire(key, [&](Result<QByteArray> r) { token = r.value; });
        QTRY_VERIFY(!token.isEmpty());
        QSignalSpy lost(m_leases[0].get(), &DistributedLease::leaseLost);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("lease lost while producing"));
        m_redis.command({"SET", key, "someone-else", "PX", "60000"});
        QTRY_COMPARE(lost.count(), 1);
        QCOMPARE(lost.first().first().toByteArray(), key);
        // Two more renewal periods: no renewal touched the other holder's expiry (one would
        // have cut it to 150 ms), and the loss was reported once.
        QElapsedTimer waited;
        waited.start();
        QTRY_VERIFY_WITH_TIMEOUT(waited.elapsed() >= 2 * m_leases[0]->renewIntervalMs() + 50, 1000);
        QCOMPARE(lost.count(), 1);
        QCOMPARE(m_redis.command({"GET", key}), QByteArray("someone-else"));
        QVERIFY(m_redis.command({"PTTL", key}).toInt() > 50000);
    }

private:
    // Four instances on one Redis, 50 concurrent misses of one key each.
    std::vector<std::unique_ptr<CacheManager>> makeInstances(const QString &singleFlight,
                                                             int count = 4, int leaseMs = 5000) {
        std::vector<std::unique_ptr<CacheManager>> out;
        for (int i = 0; i < count; ++i) {
            Settings s;
            s.redis.host = m_redis.host();
            s.redis.port = m_redis.port();
            s.cache.namespacePrefix = QString(m_key).replace(u':', u'-');
            s.cache.singleFlight = singleFlight;
            s.cache.singleFlightLeaseMs = leaseMs;
            out.push_back(std::make_unique<CacheManager>(s));
            out.back()->start();
        }
        for (const auto &c : out)
            if (!QTest::qWaitFor([&] { return c->activeBackend() == BackendKind::Redis; }, 5000))
                qWarning("redis backend did not become active");
        return out;
    }
    // A producer that answers after `ms` (a slow backend) and counts its calls.
    static CacheManager::Producer slowProducer(int *calls, int ms = 50) {
        return [calls, ms] {
            ++*calls;
            auto promise = std::make_shared<QPromise<Result<CacheValue>>>();
            promise->start();
            QTimer::singleShot(ms, [promise, n = *calls] {
                promise->addResult(Result<CacheValue>::success(
                    CacheValue{"value " + QByteArray::number(n), {}, 0, {}}));
                promise->finish();
            });
            return promise->future();
        };
    }
    static int runMisses(std::vector<std::unique_ptr<CacheManager>> &instances,
                         const CacheManager::Producer &producer, QList<QByteArray> *values) {
        int answered = 0;
        for (const auto &c : instances)
            for (int i = 0; i < 50; ++i)
                c->getOrSet(
                    "hot", producer,
                    [&answered, values](const Result<CacheValue> &r) {
                        ++answered;
                        values->append(r.ok() ? r.value.data : r.error.message.toUtf8());
                    },
                    60, "sf");
        return QTest::qWaitFor([&] { return answered == 200; }, 10000) ? answered : -1;
    }

private Q_SLOTS:
    void fourInstancesOfFiftyMissesCallTheProducerOnce() {
        auto instances = makeInstances(QStringLiteral("distributed"));
        int calls = 0;
        QList<QByteArray> values;
        QCOMPARE(runMisses(instances, slowProducer(&calls), &values), 200);
        QCOMPARE(calls, 1);
        QCOMPARE(values.count("value 1"), 200);
    }

    void withLocalSingleFlightEachInstanceCallsTheProducer() {
        // What the distributed mode saves: one call per instance otherwise.
        auto instances = makeInstances(QStringLiteral("local"));
        int calls = 0;
        QList<QByteArray> values;
        QCOMPARE(runMisses(instances, slowProducer(&calls), &values), 200);
        QCOMPARE(calls, 4);
    }

    void failedProducerLetsAnotherInstanceTry() {
        auto instances = makeInstances(QStringLiteral("distributed"));
        int calls = 0;
        const CacheManager::Producer failingOnce = [&calls] {
            ++calls;
            return QtFuture::makeReadyFuture(
                calls == 1 ? Result<CacheValue>::failure(CacheError::validation("first call fails"))
                           : Result<CacheValue>::success(CacheValue{"second", {}, 0, {}}));
        };
        QList<QByteArray> values;
        QCOMPARE(runMisses(instances, failingOnce, &values), 200);
        QCOMPARE(calls, 2);
        // The winner's callers get its error; everyone else the second call's value.
        QCOMPARE(values.count("second"), 150);
    }

    void producerSlowerThanTheLeaseIsCalledOnce() {
        // 600 ms lease, a producer of 1,800 ms: without renewal the second instance would
        // start producing once the lease expired.
        auto instances = makeInstances(QStringLiteral("distributed"), 2, 600);
        int calls = 0;
        const CacheManager::Producer producer = slowProducer(&calls, 1800);
        QList<QByteArray> values;
        for (const auto &c : instances)
            c->getOrSet(
                "slow", producer,
                [&values](const Result<CacheValue> &r) {
                    values.append(r.ok() ? r.value.data : r.error.message.toUtf8());
                },
                60, "sf");
        QTRY_COMPARE_WITH_TIMEOUT(values.size(), 2, 8000);
        QCOMPARE(calls, 1);
        QCOMPARE(values.count("value 1"), 2);
    }

    void waiterTakesOverOnceADeadHoldersLeaseExpires() {
        auto instances = makeInstances(QStringLiteral("distributed"), 2, 600);
        // The holder's producer never answers; the waiter's answers at once.
        int holderCalls = 0;
        auto never = std::make_shared<QPromise<Result<CacheValue>>>();
        never->start();
        const CacheManager::Producer hanging = [&holderCalls, never] {
            ++holderCalls;
            return never->future();
        };
        int waiterCalls = 0;
        const CacheManager::Producer quick = [&waiterCalls] {
            ++waiterCalls;
            return QtFuture::makeReadyFuture(
                Result<CacheValue>::success(CacheValue{"taken over", {}, 0, {}}));
        };
        instances[0]->getOrSet(
            "dead", hanging, [](const Result<CacheValue> &) {}, 60, "sf");
        QTRY_COMPARE(holderCalls, 1);
        QByteArray value;
        instances[1]->getOrSet(
            "dead", quick, [&value](const Result<CacheValue> &r) { value = r.value.data; }, 60,
            "sf");
        // Renewed while the holder lives: three lease times pass without a takeover.
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(clock.elapsed() >= 1800, 4000);
        QCOMPARE(waiterCalls, 0);
        instances[0].reset(); // the holder's process dies: nothing renews its lease any more
        clock.restart();
        QTRY_COMPARE_WITH_TIMEOUT(value, QByteArray("taken over"), 5000);
        QCOMPARE(waiterCalls, 1);
        // Not before the lease's last renewal had run out (at least 600 - 200 ms after it).
        QVERIFY(clock.elapsed() >= 300);
    }
};

QTEST_GUILESS_MAIN(TestDistributedLease)
#include "tst_distributedlease.moc"
