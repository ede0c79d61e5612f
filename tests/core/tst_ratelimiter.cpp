// The rate limiting algorithms in memory, limit strings, configuration and client identity.
// Every time is an explicit epoch-ms value or an injected clock: no sleeps.
#include "ratelimit/memoryratelimitstorage.h"
#include "ratelimit/ratelimitconfig.h"
#include "ratelimit/ratelimiter.h"
#include "ratelimit/trustedproxies.h"

#include <QTest>

using namespace qrc;

namespace {

// A window start for every unit we use (a multiple of one day in ms).
constexpr qint64 Base = 20000LL * 86400000LL;
constexpr qint64 Minute = 60000;

RateLimitItem limit(int amount, RateLimitUnit unit, int multiples = 1) {
    return RateLimitItem{amount, multiples, unit};
}

struct Hitter {
    MemoryRateLimitStorage storage;
    QList<RateLimitItem> limits;
    QList<QByteArray> keys;

    Hitter(RateLimitStrategy s, QList<RateLimitItem> l)
        : storage(s)
        , limits(std::move(l)) {
        for (qsizetype i = 0; i < limits.size(); ++i)
            keys.append("k" + QByteArray::number(i));
    }
    RateLimitOutcome at(qint64 now) { return storage.hitNow(limits, keys, now); }
    int acceptedAt(qint64 now, int times) {
        int n = 0;
        for (int i = 0; i < times; ++i)
            n += at(now).allowed ? 1 : 0;
        return n;
    }
};

} // namespace

class TestRateLimiter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseAcceptsSlowApiForms_data();
    void parseAcceptsSlowApiForms();
    void parseNoneDisablesLimiting();
    void parseRejectsMalformedStringsNamingThem_data();
    void parseRejectsMalformedStringsNamingThem();
    void limitTextIsSlowApiWording();
    void configErrorsNameTheSettingAndString();
    void configDefaultsAreValid();

    void fixedWindowRefusesAtAmountUntilWindowEnd();
    void fixedWindowAllowsBurstAcrossTheBoundary();
    void fixedWindowResetIsWindowEnd();
    void movingWindowFreesEachSlotExactlyOneWindowAfterItsHit();
    void movingWindowHasNoBoundaryBurst();
    void slidingCounterWeighsPreviousWindowByRemainingFraction();
    void slidingCounterRetryIsFirstMillisecondThatPasses();
    void slidingCounterIgnoresWindowsOlderThanPrevious();
    void slidingReachAtMatchesBruteForce();
    void multipleLimitsMustAllPassAndRefusalConsumesNothing();
    void expiredCountersAreDropped();

    void limiterReportsHeadersOfTightestLimit();
    void limiterRetryAfterCoversEveryRefusingLimit();
    void limiterCountsRejections();
    void limiterSeparatesScopesAndIdentities();
    void oneClientCountsOnOneBudgetWhetherNamedByTheSameStringOrAnEqualOne();
    void limiterWithoutLimitsDoesNotLimit();

    void untrustedPeerForwardingHeadersAreIgnored();
    void trustedPeerGivesRightMostUntrustedAddress();
    void spoofedLeftHopsBehindTrustedProxyAreIgnored();
    void allHopsTrustedGivesLeftMost();
    void forwardedHeaderIsParsed();
    void mappedIpv4PeerMatchesIpv4Subnet();
    void invalidTrustedProxyIsNamed();
};

void TestRateLimiter::parseAcceptsSlowApiForms_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("amount");
    QTest::addColumn<int>("multiples");
    QTest::addColumn<int>("unit");
    QTest::newRow("slash") << "100/minute" << 100 << 1 << int(RateLimitUnit::Minute);
    QTest::newRow("per") << "100 per minute" << 100 << 1 << int(RateLimitUnit::Minute);
    QTest::newRow("multiple") << "5/2 seconds" << 5 << 2 << int(RateLimitUnit::Second);
    QTest::newRow("per multiple") << "10 per 2 hours" << 10 << 2 << int(RateLimitUnit::Hour);
    QTest::newRow("case and space") << " 7 / DAY " << 7 << 1 << int(RateLimitUnit::Day);
    QTest::newRow("plural") << "3/seconds" << 3 << 1 << int(RateLimitUnit::Second);
}

void TestRateLimiter::parseAcceptsSlowApiForms() {
    QFETCH(QString, text);
    QFETCH(int, amount);
    QFETCH(int, multiples);
    QFETCH(int, unit);
    const auto r = parseRateLimits(text);
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.size(), 1);
    QCOMPARE(r.value.first().amount, amount);
    QCOMPARE(r.value.first().multiples, multiples);
    QCOMPARE(int(r.value.first().unit), unit);

    const auto several = parseRateLimits(text + QStringLiteral(";1000/hour, 5 per day"));
    QVERIFY(several.ok());
    QCOMPARE(several.value.size(), 3);
    QCOMPARE(several.value.at(1), limit(1000, RateLimitUnit::Hour));
    QCOMPARE(several.value.at(2), limit(5, RateLimitUnit::Day));
}

void TestRateLimiter::parseNoneDisablesLimiting() {
    for (const QString &text : {QStringLiteral("none"), QStringLiteral("NONE"), QString()}) {
        const auto r = parseRateLimits(text);
        QVERIFY(r.ok());
        QVERIFY(r.value.isEmpty());
    }
}

void TestRateLimiter::parseRejectsMalformedStringsNamingThem_data() {
    QTest::addColumn<QString>("text");
    for (const char *bad : {"100/fortnight", "abc", "0/minute", "10/second;;", "100/", "-1/minute",
                            "10/0 seconds", "1.5/minute", "10/second;nonsense", "100 minute",
                            "5000000/second", "1000000 per 1000 days"})
        QTest::newRow(bad) << QString::fromLatin1(bad);
}

void TestRateLimiter::parseRejectsMalformedStringsNamingThem() {
    QFETCH(QString, text);
    const auto r = parseRateLimits(text);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, ErrorKind::Validation);
    QVERIFY2(r.error.message.contains(QLatin1Char('"') + text + QLatin1Char('"')),
             qPrintable(r.error.message));
    QVERIFY(!r.error.message.contains(QLatin1Char('\n')));
}

void TestRateLimiter::limitTextIsSlowApiWording() {
    QCOMPARE(limit(100, RateLimitUnit::Minute).toString(), QStringLiteral("100 per 1 minute"));
    QCOMPARE(parseRateLimits(QStringLiteral("10 per 2 hours")).value.first().toString(),
             QStringLiteral("10 per 2 hour"));
    QCOMPARE(limit(5, RateLimitUnit::Second, 2).windowMs(), 2000);
    QCOMPARE(limit(1, RateLimitUnit::Day).windowMs(), 86400000);
}

void TestRateLimiter::configErrorsNameTheSettingAndString() {
    RateLimitSettings s;
    s.defaultLimit = QStringLiteral("100/fortnight");
    auto r = RateLimitConfig::fromSettings(s);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.message.startsWith(QLatin1String("RATE_LIMIT: ")),
             qPrintable(r.error.message));
    QVERIFY(r.error.message.contains(QLatin1String("\"100/fortnight\"")));

    s = {};
    s.managementLimit = QStringLiteral("lots");
    r = RateLimitConfig::fromSettings(s);
    QVERIFY(r.error.message.startsWith(QLatin1String("RATE_LIMIT_MANAGEMENT: ")));

    s = {};
    s.strategy = QStringLiteral("leaky-bucket");
    r = RateLimitConfig::fromSettings(s);
    QVERIFY(r.error.message.contains(QLatin1String("\"leaky-bucket\"")));

    s = {};
    s.storage = QStringLiteral("memcached");
    r = RateLimitConfig::fromSettings(s);
    QVERIFY(r.error.message.contains(QLatin1String("\"memcached\"")));

    s = {};
    s.trustedProxies = {QStringLiteral("10.0.0.0/8"), QStringLiteral("proxy.example")};
    r = RateLimitConfig::fromSettings(s);
    QVERIFY(r.error.message.startsWith(QLatin1String("TRUSTED_PROXIES: ")));
    QVERIFY(r.error.message.contains(QLatin1String("\"proxy.example\"")));
}

void TestRateLimiter::configDefaultsAreValid() {
    const auto r = RateLimitConfig::fromSettings(RateLimitSettings{});
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.defaultLimits, QList<RateLimitItem>{limit(100, RateLimitUnit::Minute)});
    QCOMPARE(r.value.managementLimits, QList<RateLimitItem>{limit(600, RateLimitUnit::Minute)});
    QCOMPARE(r.value.strategy, RateLimitStrategy::FixedWindow);
    QVERIFY(!r.value.redisStorage);
    QCOMPARE(r.value.keyPrefix, QStringLiteral("qrc-ratelimit"));
}

void TestRateLimiter::fixedWindowRefusesAtAmountUntilWindowEnd() {
    Hitter h(RateLimitStrategy::FixedWindow, {limit(3, RateLimitUnit::Minute)});
    QCOMPARE(h.at(Base).statuses.first().remaining, 2);
    QCOMPARE(h.at(Base + 1000).statuses.first().remaining, 1);
    QCOMPARE(h.at(Base + 2000).statuses.first().remaining, 0);
    const RateLimitOutcome refused = h.at(Base + Minute - 1);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.statuses.first().retryAtMs, Base + Minute);
    QCOMPARE(refused.statuses.first().remaining, 0);
    const RateLimitOutcome next = h.at(Base + Minute);
    QVERIFY(next.allowed);
    QCOMPARE(next.statuses.first().remaining, 2);
}

void TestRateLimiter::fixedWindowAllowsBurstAcrossTheBoundary() {
    // The strategy's known weakness, kept exact: a full budget on each side of the edge.
    Hitter h(RateLimitStrategy::FixedWindow, {limit(3, RateLimitUnit::Minute)});
    QCOMPARE(h.acceptedAt(Base + Minute - 1, 5), 3);
    QCOMPARE(h.acceptedAt(Base + Minute, 5), 3);
}

void TestRateLimiter::fixedWindowResetIsWindowEnd() {
    Hitter h(RateLimitStrategy::FixedWindow, {limit(10, RateLimitUnit::Second, 5)});
    const RateLimitOutcome o = h.at(Base + 7300);
    QCOMPARE(o.statuses.first().resetMs, Base + 10000);
    QCOMPARE(o.statuses.first().retryAtMs, 0);
}

void TestRateLimiter::movingWindowFreesEachSlotExactlyOneWindowAfterItsHit() {
    Hitter h(RateLimitStrategy::MovingWindow, {limit(3, RateLimitUnit::Minute)});
    QVERIFY(h.at(Base + 0).allowed);
    QVERIFY(h.at(Base + 10000).allowed);
    const RateLimitOutcome third = h.at(Base + 20000);
    QVERIFY(third.allowed);
    QCOMPARE(third.statuses.first().remaining, 0);
    QCOMPARE(third.statuses.first().resetMs, Base + Minute);
    RateLimitOutcome refused = h.at(Base + Minute - 1);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.statuses.first().retryAtMs, Base + Minute);
    const RateLimitOutcome freed = h.at(Base + Minute); // the hit at 0 just left the window
    QVERIFY(freed.allowed);
    QCOMPARE(freed.statuses.first().resetMs, Base + 10000 + Minute);
    refused = h.at(Base + Minute);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.statuses.first().retryAtMs, Base + 10000 + Minute);
    QVERIFY(!h.at(Base + 10000 + Minute - 1).allowed);
    QVERIFY(h.at(Base + 10000 + Minute).allowed);
}

void TestRateLimiter::movingWindowHasNoBoundaryBurst() {
    Hitter h(RateLimitStrategy::MovingWindow, {limit(3, RateLimitUnit::Minute)});
    QCOMPARE(h.acceptedAt(Base + Minute - 1, 5), 3);
    QCOMPARE(h.acceptedAt(Base + Minute, 5), 0);
    QCOMPARE(h.acceptedAt(2 * Minute + Base - 2, 5), 0);
    QCOMPARE(h.acceptedAt(2 * Minute + Base - 1, 5), 3);
}

void TestRateLimiter::slidingCounterWeighsPreviousWindowByRemainingFraction() {
    Hitter h(RateLimitStrategy::SlidingWindowCounter, {limit(10, RateLimitUnit::Minute)});
    QCOMPARE(h.acceptedAt(Base - 1, 12), 10); // all in the window before Base
    // At the edge the previous window weighs fully...
    QCOMPARE(h.acceptedAt(Base, 1), 0);
    // ...at half-way, half of it: floor(10 * 0.5) = 5, so 5 more pass.
    QCOMPARE(h.acceptedAt(Base + Minute / 2, 10), 5);
    const RateLimitOutcome o = h.at(Base + Minute / 2);
    QVERIFY(!o.allowed);
    QCOMPARE(o.statuses.first().remaining, 0);
}

void TestRateLimiter::slidingCounterRetryIsFirstMillisecondThatPasses() {
    Hitter h(RateLimitStrategy::SlidingWindowCounter, {limit(10, RateLimitUnit::Minute)});
    QCOMPARE(h.acceptedAt(Base - 1, 10), 10);
    RateLimitOutcome o = h.at(Base);
    QVERIFY(!o.allowed);
    // floor(10 * (60000 - e) / 60000) <= 9 first holds at e = 1.
    QCOMPARE(o.statuses.first().retryAtMs, Base + 1);
    o = h.at(Base + 1);
    QVERIFY(o.allowed);
    QCOMPARE(o.statuses.first().remaining, 0);
    // Weight now 9 + 1: it drops to 9 when floor(10 * (W - e) / W) <= 8, at e = 6001.
    QCOMPARE(o.statuses.first().resetMs, Base + 6001);
    o = h.at(Base + 6000);
    QVERIFY(!o.allowed);
    QCOMPARE(o.statuses.first().retryAtMs, Base + 6001);
    QVERIFY(h.at(Base + 6001).allowed);
}

void TestRateLimiter::slidingCounterIgnoresWindowsOlderThanPrevious() {
    Hitter h(RateLimitStrategy::SlidingWindowCounter, {limit(10, RateLimitUnit::Minute)});
    QCOMPARE(h.acceptedAt(Base - 1, 10), 10);
    QCOMPARE(h.acceptedAt(Base + Minute, 10), 10); // the hits before Base are two windows back
}

void TestRateLimiter::slidingReachAtMatchesBruteForce() {
    const qint64 w = 1000;
    const auto weight = [w](qint64 prev, qint64 cur, qint64 start, qint64 t) {
        const qint64 idx = t / w;
        if (idx == start / w)
            return prev * (w - (t - idx * w)) / w + cur;
        if (idx == start / w + 1)
            return cur * (w - (t - idx * w)) / w;
        return qint64(0);
    };
    const qint64 start = 50 * w;
    for (qint64 prev : {0, 1, 3, 7, 1000, 2500})
        for (qint64 cur : {0, 1, 4, 9})
            for (qint64 e : {0, 1, 499, 999})
                for (qint64 target : {0, 1, 5, 8}) {
                    const qint64 now = start + e;
                    qint64 expected = now;
                    while (weight(prev, cur, start, expected) > target)
                        ++expected;
                    QCOMPARE(slidingWindowReachAt(prev, cur, start, now, w, target), expected);
                }
}

void TestRateLimiter::multipleLimitsMustAllPassAndRefusalConsumesNothing() {
    Hitter h(RateLimitStrategy::FixedWindow,
             {limit(2, RateLimitUnit::Second), limit(3, RateLimitUnit::Minute)});
    QVERIFY(h.at(Base).allowed);
    QVERIFY(h.at(Base + 100).allowed);
    RateLimitOutcome o = h.at(Base + 200);
    QVERIFY(!o.allowed);
    QCOMPARE(o.statuses.at(0).retryAtMs, Base + 1000);
    QCOMPARE(o.statuses.at(1).retryAtMs, 0);
    QCOMPARE(o.statuses.at(1).remaining, 1); // the refused request did not count per minute
    QVERIFY(h.at(Base + 1000).allowed);
    o = h.at(Base + 1100);
    QVERIFY(!o.allowed);
    QCOMPARE(o.statuses.at(0).retryAtMs, 0);
    QCOMPARE(o.statuses.at(0).remaining, 1);
    QCOMPARE(o.statuses.at(1).retryAtMs, Base + Minute);
}

void TestRateLimiter::expiredCountersAreDropped() {
    for (auto strategy : {RateLimitStrategy::FixedWindow, RateLimitStrategy::MovingWindow,
                          RateLimitStrategy::SlidingWindowCounter}) {
        MemoryRateLimitStorage storage(strategy);
        const QList<RateLimitItem> l{limit(5, RateLimitUnit::Second)};
        for (int i = 0; i < 100; ++i)
            storage.hitNow(l, {"client" + QByteArray::number(i)}, Base);
        QCOMPARE(storage.entryCount(), 100);
        storage.hitNow(l, {"late"}, Base + 60000);
        QCOMPARE(storage.entryCount(), 1);
    }
}

void TestRateLimiter::limiterReportsHeadersOfTightestLimit() {
    RateLimiter limiter(RateLimitStrategy::FixedWindow, QStringLiteral("t"));
    qint64 now = Base + 15000;
    limiter.setClock([&now] { return now; });
    const QList<RateLimitItem> limits{limit(100, RateLimitUnit::Minute),
                                      limit(5, RateLimitUnit::Second, 30)};
    RateLimitDecision d;
    limiter.hit(QStringLiteral("items"), QStringLiteral("1.2.3.4"), limits,
                [&d](const RateLimitDecision &x) { d = x; });
    QVERIFY(d.limited);
    QVERIFY(d.allowed);
    QCOMPARE(d.limit, limit(5, RateLimitUnit::Second, 30));
    QCOMPARE(d.remaining, 4);
    QCOMPARE(d.resetEpochSeconds, (Base + 30000) / 1000);
    QCOMPARE(d.retryAfterSeconds, 0);
    QVERIFY(!d.fromRedis);
}

void TestRateLimiter::limiterRetryAfterCoversEveryRefusingLimit() {
    RateLimiter limiter(RateLimitStrategy::FixedWindow, QStringLiteral("t"));
    qint64 now = Base;
    limiter.setClock([&now] { return now; });
    const QList<RateLimitItem> limits{limit(1, RateLimitUnit::Second),
                                      limit(1, RateLimitUnit::Minute)};
    RateLimitDecision d;
    const auto hit = [&] {
        limiter.hit(QStringLiteral("s"), QStringLiteral("c"), limits,
                    [&d](const RateLimitDecision &x) { d = x; });
    };
    hit();
    QVERIFY(d.allowed);
    now = Base + 500;
    hit();
    QVERIFY(!d.allowed);
    QCOMPARE(d.limit, limit(1, RateLimitUnit::Minute)); // both refuse: the later one is reported
    QCOMPARE(d.retryAfterSeconds, 60);                  // 59.5 s, rounded up
    QCOMPARE(d.resetEpochSeconds, (Base + Minute) / 1000);
    QCOMPARE(d.remaining, 0);
    now = Base + Minute - 1;
    hit();
    QCOMPARE(d.retryAfterSeconds, 1); // never 0 while refused
}

void TestRateLimiter::limiterCountsRejections() {
    RateLimiter limiter(RateLimitStrategy::MovingWindow, QStringLiteral("t"));
    qint64 now = Base;
    limiter.setClock([&now] { return now; });
    int allowed = 0;
    for (int i = 0; i < 25; ++i)
        limiter.hit(QStringLiteral("s"), QStringLiteral("c"), {limit(10, RateLimitUnit::Hour)},
                    [&allowed](const RateLimitDecision &d) { allowed += d.allowed ? 1 : 0; });
    QCOMPARE(allowed, 10);
    QCOMPARE(limiter.rejections(), 15);
}

void TestRateLimiter::limiterSeparatesScopesAndIdentities() {
    RateLimiter limiter(RateLimitStrategy::FixedWindow, QStringLiteral("t"));
    limiter.setClock([] { return Base; });
    const QList<RateLimitItem> one{limit(1, RateLimitUnit::Minute)};
    const auto allowed = [&](const char *scope, const char *id) {
        bool ok = false;
        limiter.hit(QString::fromLatin1(scope), QString::fromLatin1(id), one,
                    [&ok](const RateLimitDecision &d) { ok = d.allowed; });
        return ok;
    };
    QVERIFY(allowed("items", "a"));
    QVERIFY(!allowed("items", "a"));
    QVERIFY(allowed("items", "b"));
    QVERIFY(allowed("users", "a"));
    // Clients taking turns: each one's own count (the last client's keys are kept per scope).
    QVERIFY(!allowed("items", "a"));
    QVERIFY(!allowed("items", "b"));
    QVERIFY(allowed("items", "c"));
    QVERIFY(!allowed("items", "c"));
    // Other limits for the scope: other counters, for the same client too.
    bool ok = false;
    limiter.hit(QStringLiteral("items"), QStringLiteral("c"), {limit(2, RateLimitUnit::Minute)},
                [&ok](const RateLimitDecision &d) { ok = d.allowed; });
    QVERIFY(ok);
}

void TestRateLimiter::oneClientCountsOnOneBudgetWhetherNamedByTheSameStringOrAnEqualOne() {
    // The limiter and its storage recognise the last client by the very string (and key) they
    // were handed: equal text from another string, another client between, and counters
    // swept after their window must all still count right.
    RateLimiter limiter(RateLimitStrategy::FixedWindow, QStringLiteral("t"));
    qint64 now = Base;
    limiter.setClock([&now] { return now; });
    const QList<RateLimitItem> three{limit(3, RateLimitUnit::Minute)};
    const QString scope = QStringLiteral("items");
    const QString held = QStringLiteral("10.0.0.1");
    const auto remaining = [&](const QString &id) {
        const std::optional<RateLimitDecision> d = limiter.hitNow(scope, id, three);
        return d && d->allowed ? d->remaining : qint64(-1);
    };
    QCOMPARE(remaining(held), 2);
    QCOMPARE(remaining(held), 1);
    QCOMPARE(remaining(QString::fromLatin1("10.0.0.") + u'1'), 0);
    QCOMPARE(remaining(held), -1);
    QCOMPARE(remaining(QStringLiteral("10.0.0.2")), 2);
    QCOMPARE(remaining(held), -1);
    QCOMPARE(remaining(QStringLiteral("10.0.0.2")), 1);
    now = Base + 2 * Minute; // the counters of the first window are swept
    QCOMPARE(remaining(held), 2);
    QCOMPARE(remaining(held), 1);
    QCOMPARE(remaining(QStringLiteral("10.0.0.2")), 2);
}

void TestRateLimiter::limiterWithoutLimitsDoesNotLimit() {
    RateLimiter limiter(RateLimitStrategy::FixedWindow, QStringLiteral("t"));
    bool called = false;
    limiter.hit(QStringLiteral("s"), QStringLiteral("c"), {}, [&](const RateLimitDecision &d) {
        called = true;
        QVERIFY(!d.limited);
        QVERIFY(d.allowed);
    });
    QVERIFY(called);
    QCOMPARE(limiter.rejections(), 0);
}

static TrustedProxies proxies(const QStringList &list) {
    const auto r = TrustedProxies::parse(list);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error.message));
    return r.value;
}

void TestRateLimiter::untrustedPeerForwardingHeadersAreIgnored() {
    const TrustedProxies p = proxies({QStringLiteral("10.0.0.0/8")});
    const QHostAddress peer(QStringLiteral("203.0.113.9"));
    QCOMPARE(p.clientAddress(peer, {"1.1.1.1"}, {"for=2.2.2.2"}), peer);
    QCOMPARE(
        TrustedProxies().clientAddress(QHostAddress(QStringLiteral("10.0.0.1")), {"1.1.1.1"}, {}),
        QHostAddress(QStringLiteral("10.0.0.1")));
}

void TestRateLimiter::trustedPeerGivesRightMostUntrustedAddress() {
    const TrustedProxies p = proxies({QStringLiteral("10.0.0.0/8, 192.168.1.7")});
    QCOMPARE(p.clientAddress(QHostAddress(QStringLiteral("10.1.2.3")),
                             {"198.51.100.1, 203.0.113.5", "192.168.1.7, 10.9.9.9"}, {}),
             QHostAddress(QStringLiteral("203.0.113.5")));
    QCOMPARE(p.clientAddress(QHostAddress(QStringLiteral("192.168.1.7")), {"203.0.113.5:4711"}, {}),
             QHostAddress(QStringLiteral("203.0.113.5")));
}

void TestRateLimiter::spoofedLeftHopsBehindTrustedProxyAreIgnored() {
    const TrustedProxies p = proxies({QStringLiteral("10.0.0.0/8")});
    // The client sent "X-Forwarded-For: 10.0.0.99, 6.6.6.6"; the proxy appended its address.
    QCOMPARE(p.clientAddress(QHostAddress(QStringLiteral("10.0.0.1")),
                             {"10.0.0.99, 6.6.6.6, 198.51.100.23"}, {}),
             QHostAddress(QStringLiteral("198.51.100.23")));
    // A trusted proxy that could not name the client: the proxy itself is the identity.
    QCOMPARE(p.clientAddress(QHostAddress(QStringLiteral("10.0.0.1")), {"6.6.6.6, unknown"}, {}),
             QHostAddress(QStringLiteral("10.0.0.1")));
}

void TestRateLimiter::allHopsTrustedGivesLeftMost() {
    const TrustedProxies p = proxies({QStringLiteral("10.0.0.0/8")});
    QCOMPARE(p.clientAddress(QHostAddress(QStringLiteral("10.0.0.1")), {"10.0.0.5, 10.0.0.6"}, {}),
             QHostAddress(QStringLiteral("10.0.0.5")));
}

void TestRateLimiter::forwardedHeaderIsParsed() {
    const TrustedProxies p = proxies({QStringLiteral("10.0.0.0/8"), QStringLiteral("fd00::/8")});
    QCOMPARE(p.clientAddress(QHostAddress(QStringLiteral("fd00::1")), {},
                             {"for=192.0.2.60;proto=http;by=203.0.113.43",
                              "For=\"[2001:db8:cafe::17]:4711\", for=10.2.2.2"}),
             QHostAddress(QStringLiteral("2001:db8:cafe::17")));
    // X-Forwarded-For wins when both are present.
    QCOMPARE(p.clientAddress(QHostAddress(QStringLiteral("10.0.0.1")), {"198.51.100.7"},
                             {"for=192.0.2.60"}),
             QHostAddress(QStringLiteral("198.51.100.7")));
}

void TestRateLimiter::mappedIpv4PeerMatchesIpv4Subnet() {
    const TrustedProxies p = proxies({QStringLiteral("127.0.0.1")});
    const QHostAddress mapped(QStringLiteral("::ffff:127.0.0.1"));
    QVERIFY(p.contains(mapped));
    QCOMPARE(p.clientAddress(mapped, {"198.51.100.7"}, {}),
             QHostAddress(QStringLiteral("198.51.100.7")));
    QCOMPARE(
        TrustedProxies::normalized(QHostAddress(QStringLiteral("::ffff:198.51.100.7"))).toString(),
        QStringLiteral("198.51.100.7"));
    QVERIFY(!p.contains(QHostAddress(QStringLiteral("::1"))));
}

void TestRateLimiter::invalidTrustedProxyIsNamed() {
    for (const char *bad : {"10.0.0.0/33", "proxy.local", "1.2.3"}) {
        const auto r = TrustedProxies::parse({QString::fromLatin1(bad)});
        QVERIFY2(!r.ok(), bad);
        QVERIFY(r.error.message.contains(QLatin1Char('"') + QLatin1String(bad) + QLatin1Char('"')));
    }
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
