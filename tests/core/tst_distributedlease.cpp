// DistributedLease against a real redis-server: one of many contenders wins, the others are
// told once it is released or has expired, and a holder never releases a lease it lost.
#include "distributedlease.h"
#include "redisclient.h"
#include "redisserver.h"

#include <QTest>

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
        QTRY_COMPARE_WITH_TIMEOUT(m_redis.command({"EXISTS", key}), QByteArray("0"), 2000);
        QByteArray second;
        m_leases[1]->acquire(key, [&](Result<QByteArray> r) { second = r.value; });
        QTRY_VERIFY(!second.isEmpty());
        m_leases[0]->release(key, first); // late: its lease expired and was taken
        // A command behind the release on the same (single) connection: once it is answered,
        // the release has run.
        bool answered = false;
        m_clients[0]->execute({"PING"}, [&](Result<RedisReply>) { answered = true; });
        QTRY_VERIFY(answered);
        QCOMPARE(m_redis.command({"GET", key}), second);
    }
};

QTEST_GUILESS_MAIN(TestDistributedLease)
#include "tst_distributedlease.moc"
