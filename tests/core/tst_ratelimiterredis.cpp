// The Redis side of the rate limiter on a real redis-server: the Lua scripts decide exactly as
// the memory algorithms do at every window edge, several limiters share one budget, and an
// outage moves the limiter to memory and back.
#include "ratelimit/memoryratelimitstorage.h"
#include "ratelimit/ratelimiter.h"
#include "ratelimit/redisratelimitstorage.h"
#include "redisclient.h"
#include "redisserver.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace qrc;
using qrc::test::RedisServer;

namespace {

constexpr qint64 Base = 20000LL * 86400000LL;
constexpr qint64 Minute = 60000;

RateLimitItem limit(int amount, RateLimitUnit unit, int multiples = 1) {
    return RateLimitItem{amount, multiples, unit};
}

RedisSettings settingsFor(const RedisServer &server) {
    RedisSettings s;
    s.host = server.host();
    s.port = server.port();
    s.socketTimeout = 1.0;
    s.socketConnectTimeout = 1.0;
    s.maxConnections = 4;
    return s;
}

Result<RateLimitOutcome> hitRedis(RedisRateLimitStorage &storage, const QList<RateLimitItem> &l,
                                  const QList<QByteArray> &keys, qint64 now) {
    std::optional<Result<RateLimitOutcome>> out;
    storage.hit(l, keys, now, [&out](Result<RateLimitOutcome> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 5000))
        return Result<RateLimitOutcome>::failure(CacheError::timeout(QStringLiteral("no reply")));
    return *out;
}

RateLimitDecision hitLimiter(RateLimiter &limiter, const QList<RateLimitItem> &l,
                             const QString &identity = QStringLiteral("client")) {
    std::optional<RateLimitDecision> out;
    limiter.hit(QStringLiteral("items"), identity, l,
                [&out](const RateLimitDecision &d) { out = d; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10000))
        qFatal("rate limiter never answered");
    return *out;
}

QByteArray uniquePrefix() {
    static int n = 0;
    return "qrc-rl-test-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + "-" +
           QByteArray::number(++n);
}

} // namespace

class TestRateLimiterRedis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scriptsDecideExactlyLikeMemoryAtWindowEdges_data();
    void scriptsDecideExactlyLikeMemoryAtWindowEdges();
    void serverTimeIsUsedWithoutAnInjectedClock();
    void countersLiveUnderTheirPrefixAndExpire();
    void flushedScriptCacheFallsBackToEval();
    void twoLimitersShareOneBudgetUnderConcurrency_data();
    void twoLimitersShareOneBudgetUnderConcurrency();
    void scriptErrorIsDecidedFromMemoryWithoutLeavingRedis();
    void killedRedisFallsBackToMemoryAndReturnsAfterRestart();
    void pausedRedisTimesOutToMemoryAndProbesBack();

private:
    RedisServer m_shared;
};

void TestRateLimiterRedis::initTestCase() {
    QVERIFY2(m_shared.attachShared(), qPrintable(m_shared.lastError()));
}

void TestRateLimiterRedis::scriptsDecideExactlyLikeMemoryAtWindowEdges_data() {
    QTest::addColumn<int>("strategy");
    QTest::addColumn<QList<RateLimitItem>>("limits");
    const QList<std::pair<const char *, RateLimitStrategy>> strategies{
        {"fixed", RateLimitStrategy::FixedWindow},
        {"moving", RateLimitStrategy::MovingWindow},
        {"sliding", RateLimitStrategy::SlidingWindowCounter}};
    for (const auto &[name, s] : strategies) {
        QTest::addRow("%s 3/minute", name) << int(s) << QList{limit(3, RateLimitUnit::Minute)};
        QTest::addRow("%s 10/minute", name) << int(s) << QList{limit(10, RateLimitUnit::Minute)};
        QTest::addRow("%s 2/second;5/minute", name)
            << int(s) << QList{limit(2, RateLimitUnit::Second), limit(5, RateLimitUnit::Minute)};
    }
}

void TestRateLimiterRedis::scriptsDecideExactlyLikeMemoryAtWindowEdges() {
    QFETCH(int, strategy);
    QFETCH(QList<RateLimitItem>, limits);
    RedisClient client(settingsFor(m_shared));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    const auto s = RateLimitStrategy(strategy);
    MemoryRateLimitStorage memory(s);
    RedisRateLimitStorage redis(s, &client);
    const QByteArray prefix = uniquePrefix();
    QList<QByteArray> keys;
    for (qsizetype i = 0; i < limits.size(); ++i)
        keys.append(prefix + ":" + QByteArray::number(i));

    // Bursts just before, at and after each edge of the windows involved.
    const QList<qint64> offsets{-1001, -1000,  -999,   -1,     -1,     -1,    -1,    0,     0,
                                0,     1,      1,      999,    1000,   1001,  6000,  6001,  29999,
                                30000, 30000,  30001,  59999,  59999,  60000, 60000, 60001, 61000,
                                90000, 119999, 120000, 120000, 180001, 240000};
    int accepted = 0;
    for (qint64 offset : offsets) {
        const qint64 now = Base + offset;
        const RateLimitOutcome m = memory.hitNow(limits, keys, now);
        const auto r = hitRedis(redis, limits, keys, now);
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        const QByteArray where = "at offset " + QByteArray::number(offset);
        QVERIFY2(r.value.allowed == m.allowed, where.constData());
        QCOMPARE(r.value.nowMs, now);
        QCOMPARE(r.value.statuses.size(), m.statuses.size());
        for (qsizetype i = 0; i < m.statuses.size(); ++i) {
            QVERIFY2(r.value.statuses.at(i).remaining == m.statuses.at(i).remaining, where);
            QVERIFY2(r.value.statuses.at(i).resetMs == m.statuses.at(i).resetMs, where);
            QVERIFY2(r.value.statuses.at(i).retryAtMs == m.statuses.at(i).retryAtMs, where);
        }
        accepted += m.allowed ? 1 : 0;
    }
    QVERIFY(accepted > 0 && accepted < offsets.size()); // the sequence did meet the limits
}

void TestRateLimiterRedis::serverTimeIsUsedWithoutAnInjectedClock() {
    RedisClient client(settingsFor(m_shared));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    RedisRateLimitStorage redis(RateLimitStrategy::FixedWindow, &client);
    const QByteArray serverTime = m_shared.command({"TIME"});
    const qint64 serverSeconds = serverTime.split('\n').value(0).toLongLong();
    const auto r = hitRedis(redis, {limit(5, RateLimitUnit::Minute)}, {uniquePrefix()}, -1);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(qAbs(r.value.nowMs / 1000 - serverSeconds) <= 2);
    QCOMPARE(r.value.statuses.first().resetMs, (r.value.nowMs / Minute + 1) * Minute);
}

void TestRateLimiterRedis::countersLiveUnderTheirPrefixAndExpire() {
    RedisClient client(settingsFor(m_shared));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    const QString prefix = QString::fromLatin1(uniquePrefix());
    for (auto s : {RateLimitStrategy::FixedWindow, RateLimitStrategy::MovingWindow,
                   RateLimitStrategy::SlidingWindowCounter}) {
        RateLimiter limiter(s, prefix, &client);
        QVERIFY(limiter.usingRedis());
        const RateLimitDecision d = hitLimiter(limiter, {limit(5, RateLimitUnit::Second, 10)});
        QVERIFY(d.fromRedis);
        QCOMPARE(d.remaining, 4);
    }
    const QByteArray keys =
        m_shared.command({"SCAN", "0", "MATCH", prefix.toUtf8() + ":*", "COUNT", "100000"});
    const QList<QByteArray> found = keys.split('\n').mid(1);
    QCOMPARE(found.size(), 3);
    for (const QByteArray &key : found) {
        QVERIFY2(key.startsWith(prefix.toUtf8() + ":{items|client}:"), key.constData());
        const qint64 ttl = m_shared.command({"PTTL", key}).toLongLong();
        QVERIFY2(ttl > 0 && ttl <= 20000, key.constData()); // at most two 10 s windows
    }
}

void TestRateLimiterRedis::flushedScriptCacheFallsBackToEval() {
    // A private server: SCRIPT FLUSH on the shared one would disturb other suites.
    RedisServer own;
    QVERIFY2(own.start(), qPrintable(own.lastError()));
    RedisClient client(settingsFor(own));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    RedisRateLimitStorage redis(RateLimitStrategy::MovingWindow, &client);
    const QList<QByteArray> keys{uniquePrefix()};
    QVERIFY(hitRedis(redis, {limit(5, RateLimitUnit::Minute)}, keys, Base).ok());
    QCOMPARE(own.command({"SCRIPT", "FLUSH"}), QByteArray("OK"));
    const auto r = hitRedis(redis, {limit(5, RateLimitUnit::Minute)}, keys, Base + 1);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.value.statuses.first().remaining, 3);
    const QByteArray sha =
        QCryptographicHash::hash(RedisRateLimitStorage::script(RateLimitStrategy::MovingWindow),
                                 QCryptographicHash::Sha1)
            .toHex();
    QCOMPARE(own.command({"SCRIPT", "EXISTS", sha}), QByteArray("1"));
}

void TestRateLimiterRedis::twoLimitersShareOneBudgetUnderConcurrency_data() {
    QTest::addColumn<int>("strategy");
    QTest::newRow("fixed-window") << int(RateLimitStrategy::FixedWindow);
    QTest::newRow("moving-window") << int(RateLimitStrategy::MovingWindow);
    QTest::newRow("sliding-window-counter") << int(RateLimitStrategy::SlidingWindowCounter);
}

void TestRateLimiterRedis::twoLimitersShareOneBudgetUnderConcurrency() {
    QFETCH(int, strategy);
    // Two clients with their own connection pools stand for two cache-server instances.
    RedisClient clientA(settingsFor(m_shared));
    RedisClient clientB(settingsFor(m_shared));
    clientA.start();
    clientB.start();
    QTRY_COMPARE(clientA.state(), RedisClient::State::Connected);
    QTRY_COMPARE(clientB.state(), RedisClient::State::Connected);
    const QString prefix = QString::fromLatin1(uniquePrefix());
    RateLimiter a(RateLimitStrategy(strategy), prefix, &clientA);
    RateLimiter b(RateLimitStrategy(strategy), prefix, &clientB);
    // One clock for both, as Redis' TIME would be, frozen so that no window edge is crossed.
    a.setClock([] { return Base + 1800000; });
    b.setClock([] { return Base + 1800000; });

    const QList<RateLimitItem> limits{limit(50, RateLimitUnit::Hour)};
    int answered = 0, accepted = 0, fromRedis = 0;
    const auto count = [&](const RateLimitDecision &d) {
        ++answered;
        accepted += d.allowed ? 1 : 0;
        fromRedis += d.fromRedis ? 1 : 0;
    };
    // All 400 requests are in flight before the first answer arrives.
    for (int i = 0; i < 200; ++i) {
        a.hit(QStringLiteral("items"), QStringLiteral("10.1.1.1"), limits, count);
        b.hit(QStringLiteral("items"), QStringLiteral("10.1.1.1"), limits, count);
    }
    QCOMPARE(answered, 0);
    QTRY_COMPARE(answered, 400);
    QCOMPARE(fromRedis, 400);
    QCOMPARE(accepted, 50);
    QCOMPARE(a.rejections() + b.rejections(), 350);
    QVERIFY(a.rejections() > 0 && b.rejections() > 0);
}

void TestRateLimiterRedis::scriptErrorIsDecidedFromMemoryWithoutLeavingRedis() {
    RedisClient client(settingsFor(m_shared));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    const QString prefix = QString::fromLatin1(uniquePrefix());
    RateLimiter limiter(RateLimitStrategy::FixedWindow, prefix, &client);
    // A key of the wrong type makes the script fail with WRONGTYPE for this client only.
    QCOMPARE(m_shared.command({"SET", prefix.toUtf8() + ":{items|client}:fw:5/1h", "x"}),
             QByteArray("OK"));
    const RateLimitDecision broken = hitLimiter(limiter, {limit(5, RateLimitUnit::Hour)});
    QVERIFY(broken.allowed);
    QVERIFY(!broken.fromRedis);
    QCOMPARE(broken.remaining, 4);
    QVERIFY(limiter.usingRedis());
    QCOMPARE(limiter.redisFallbacks(), 1);
    const RateLimitDecision other =
        hitLimiter(limiter, {limit(5, RateLimitUnit::Hour)}, QStringLiteral("someone-else"));
    QVERIFY(other.fromRedis);
}

void TestRateLimiterRedis::killedRedisFallsBackToMemoryAndReturnsAfterRestart() {
    RedisServer own;
    QVERIFY2(own.start(), qPrintable(own.lastError()));
    RedisClient client(settingsFor(own));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    RateLimiter limiter(RateLimitStrategy::FixedWindow, QStringLiteral("outage"), &client);
    limiter.setClock([] { return Base + 1800000; }); // memory and Redis alike
    QSignalSpy storageSpy(&limiter, &RateLimiter::storageChanged);
    const QList<RateLimitItem> limits{limit(5, RateLimitUnit::Hour)};

    for (int i = 0; i < 3; ++i)
        QVERIFY(hitLimiter(limiter, limits).fromRedis);

    own.kill();
    // The first request after the crash is still decided, from memory, without waiting for
    // the client to notice on its own.
    const RateLimitDecision during = hitLimiter(limiter, limits);
    QVERIFY(during.allowed);
    QVERIFY(!during.fromRedis);
    QTRY_VERIFY(!limiter.usingRedis());
    QCOMPARE(limiter.storageName(), QStringLiteral("memory"));
    // Memory keeps limiting: it has its own budget of 5, one used just now.
    int accepted = 1;
    for (int i = 0; i < 10; ++i) {
        const RateLimitDecision d = hitLimiter(limiter, limits);
        QVERIFY(!d.fromRedis);
        accepted += d.allowed ? 1 : 0;
    }
    QCOMPARE(accepted, 5);

    QVERIFY2(own.restart(), qPrintable(own.lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(limiter.usingRedis(), 15000);
    const RateLimitDecision after = hitLimiter(limiter, limits);
    QVERIFY(after.fromRedis);
    QVERIFY(after.allowed); // the restarted server has no persistence: a fresh budget
    QCOMPARE(after.remaining, 4);
    QVERIFY(storageSpy.size() >= 2);
    QCOMPARE(storageSpy.first().at(0).toBool(), false);
    QCOMPARE(storageSpy.last().at(0).toBool(), true);
    QVERIFY(limiter.redisFallbacks() >= 1);
}

void TestRateLimiterRedis::pausedRedisTimesOutToMemoryAndProbesBack() {
    RedisServer own;
    QVERIFY2(own.start(), qPrintable(own.lastError()));
    RedisClient client(settingsFor(own));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    RateLimiter limiter(RateLimitStrategy::SlidingWindowCounter, QStringLiteral("pause"), &client);
    const QList<RateLimitItem> limits{limit(100, RateLimitUnit::Hour)};
    QVERIFY(hitLimiter(limiter, limits).fromRedis);

    own.pause();
    const RateLimitDecision during = hitLimiter(limiter, limits); // after socket_timeout (1 s)
    QVERIFY(!during.fromRedis);
    QVERIFY(!limiter.usingRedis());
    // While Redis is silent, requests do not wait for it.
    QElapsedTimer t;
    t.start();
    QVERIFY(!hitLimiter(limiter, limits).fromRedis);
    QVERIFY(t.elapsed() < 500);

    own.resume();
    QTRY_VERIFY_WITH_TIMEOUT(hitLimiter(limiter, limits).fromRedis, 15000);
    QTRY_VERIFY(limiter.usingRedis());
}

QTEST_GUILESS_MAIN(TestRateLimiterRedis)
#include "tst_ratelimiterredis.moc"
