// The rate limiter in the real cache-server over real sockets: headers, 429s, scopes, client
// identity behind proxies, and two server instances sharing one budget through Redis.
#include "cachemanager.h"
#include "cacheserver.h"
#include "httptestclient.h"
#include "ratelimitguard.h"
#include "redisclient.h"
#include "redisserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace qrc;
using qrc::test::RedisServer;

namespace {

constexpr qint64 Base = 20000LL * 86400000LL;

struct Answer {
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

Settings baseSettings() {
    Settings s;
    s.redis.enabled = false;
    s.server.host = QStringLiteral("127.0.0.1");
    s.server.port = 0;
    s.server.demoLatencyMs = 0;
    s.rateLimit.defaultLimit = QStringLiteral("5/minute");
    return s;
}

RateLimitConfig configOf(const RateLimitSettings &s) {
    const auto r = RateLimitConfig::fromSettings(s);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error.message));
    return r.value;
}

enum class Clock { Fixed, Real };

// One server with its guard, the way cache-server's main() puts them together. The limiter's
// clock is frozen in the middle of a day by default, so that no window edge falls inside a
// test; tests of real time ask for the real clock.
struct Instance {
    std::unique_ptr<CacheServer> server;
    std::unique_ptr<RateLimitGuard> guard;

    explicit Instance(const Settings &settings, Clock clock = Clock::Fixed)
        : server(std::make_unique<CacheServer>(settings))
        , guard(std::make_unique<RateLimitGuard>(configOf(settings.rateLimit),
                                                 server->cache()->redisClient())) {
        server->setRequestGuard(guard.get());
        if (clock == Clock::Fixed)
            guard->limiter()->setClock([] { return Base + 43200000 + 1500; });
    }
    bool start() {
        QString error;
        if (!server->start(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return true;
    }
    QUrl url(const QString &path) const { return QUrl(server->url() + path); }
};

Answer toAnswer(QNetworkReply *reply) {
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        a.headers.insert(name.toLower(), value);
    return a;
}

Answer get(QNetworkAccessManager &nam, const QUrl &url,
           const QList<std::pair<QByteArray, QByteArray>> &headers = {}) {
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        return {};
    return toAnswer(reply.get());
}

// For what QNetworkAccessManager cannot send: one header on several lines.
Answer rawGet(quint16 port, const QByteArray &path, const QByteArray &headerLines) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headerLines + "\r\n");
    QByteArray data;
    const auto complete = [&] {
        data += socket.readAll();
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = data.left(end).toLower();
        const qsizetype cl = head.indexOf("content-length:");
        const qsizetype length =
            cl < 0 ? 0 : head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
        return data.size() >= end + 4 + length;
    };
    if (!QTest::qWaitFor(complete, 5000))
        return {};
    Answer a;
    const qsizetype end = data.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = data.left(end).split('\n');
    a.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            a.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                             lines.at(i).mid(colon + 1).trimmed());
    }
    a.body = data.mid(end + 4);
    return a;
}

} // namespace

class TestRateLimit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void limitedAnswersCarryRateLimitHeaders();
    void overTheLimitIs429WithRetryAfterAndSlowApiBody();
    void cachedHitStillCounts();
    void pipelinedAnswersEachCarryTheirOwnRemainingCount();
    void healthzIsNeverLimited();
    void managementRoutesHaveTheirOwnLimitAndRejectionsAreReported();
    void exemptAndPerScopeLimits();
    void noneDisablesTheDefaultLimit();
    void routeScopesCountPerRouteWithTheirGroupsLimits();
    void forwardedForFromUntrustedPeerIsIgnored();
    void trustedProxyClientsCountSeparatelyAndSpoofingIsIgnored();
    void forwardedForOnSeveralLinesIsReadInOrder();
    void customKeyFunctionChoosesTheBudget();
    void twoServersShareOneBudgetThroughRedis();
    void redisOutageKeepsLimitingFromMemory();
    void twoCacheServerProcessesShareOneBudget();
    void malformedLimitStopsCacheServerWithExitCode2();
};

void TestRateLimit::limitedAnswersCarryRateLimitHeaders() {
    Instance i(baseSettings());
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    const Answer a = get(nam, i.url(QStringLiteral("/items/1")));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.header("x-ratelimit-limit"), QByteArray("5"));
    QCOMPARE(a.header("x-ratelimit-remaining"), QByteArray("4"));
    // The clock stands 1.5 s into a minute: the window ends 58.5 s later, rounded up.
    QCOMPARE(a.header("x-ratelimit-reset"), QByteArray::number((Base + 43200000 + 60000) / 1000));
    QVERIFY(!a.headers.contains("retry-after"));
    QCOMPARE(get(nam, i.url(QStringLiteral("/items"))).header("x-ratelimit-remaining"),
             QByteArray("3"));
}

void TestRateLimit::overTheLimitIs429WithRetryAfterAndSlowApiBody() {
    Settings s = baseSettings();
    s.rateLimit.defaultLimit = QStringLiteral("100/minute");
    Instance i(s);
    qint64 now = Base + 15500;
    i.guard->limiter()->setClock([&now] { return now; });
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    for (int n = 0; n < 100; ++n)
        QCOMPARE(get(nam, i.url(QStringLiteral("/items/%1").arg(n % 7 + 1))).status, 200);
    const Answer a = get(nam, i.url(QStringLiteral("/items/1")));
    QCOMPARE(a.status, 429);
    QCOMPARE(a.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("Rate limit exceeded: 100 per 1 minute"));
    QCOMPARE(a.header("retry-after"), QByteArray("45")); // 44.5 s to the window's end
    QCOMPARE(a.header("x-ratelimit-limit"), QByteArray("100"));
    QCOMPARE(a.header("x-ratelimit-remaining"), QByteArray("0"));
    QCOMPARE(a.header("x-ratelimit-reset"), QByteArray::number((Base + 60000) / 1000));

    now = Base + 60000;
    QCOMPARE(get(nam, i.url(QStringLiteral("/items/1"))).status, 200);
}

void TestRateLimit::cachedHitStillCounts() {
    Instance i(baseSettings());
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    const Answer first = get(nam, i.url(QStringLiteral("/items/3")));
    const Answer second = get(nam, i.url(QStringLiteral("/items/3")));
    QCOMPARE(second.status, 200);
    QCOMPARE(second.header("x-cache"), QByteArray("HIT"));
    QCOMPARE(first.header("x-ratelimit-remaining"), QByteArray("4"));
    QCOMPARE(second.header("x-ratelimit-remaining"), QByteArray("3"));
}

// The guard rewrites its X-RateLimit-* headers in place once no answer holds them: answers
// still waiting (a slow MISS ahead of them, pipelined) must keep the values of their own
// decision.
void TestRateLimit::pipelinedAnswersEachCarryTheirOwnRemainingCount() {
    Settings s = baseSettings();
    s.server.demoLatencyMs = 50;
    Instance i(s);
    QVERIFY(i.start());
    QByteArray requests;
    for (const char *path : {"/items/1", "/items/1", "/items/2", "/items/1", "/items/3"})
        requests += QByteArray("GET ") + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    QTcpSocket socket;
    const QByteArrayList answers = test::pipelined(socket, i.server->port(), requests, 5);
    QCOMPARE(answers.size(), 5);
    for (int n = 0; n < 5; ++n) {
        QCOMPARE(test::statusOf(answers[n]), 200);
        QVERIFY2(
            answers[n].contains("\r\nX-RateLimit-Remaining: " + QByteArray::number(4 - n) + "\r\n"),
            answers[n].constData());
    }
}

void TestRateLimit::healthzIsNeverLimited() {
    Settings s = baseSettings();
    s.rateLimit.defaultLimit = QStringLiteral("1/minute");
    s.rateLimit.managementLimit = QStringLiteral("1/minute");
    Instance i(s);
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    for (int n = 0; n < 5; ++n) {
        const Answer a = get(nam, i.url(QStringLiteral("/healthz")));
        QCOMPARE(a.status, 200);
        QVERIFY(!a.headers.contains("x-ratelimit-limit"));
    }
}

void TestRateLimit::managementRoutesHaveTheirOwnLimitAndRejectionsAreReported() {
    Settings s = baseSettings();
    s.rateLimit.defaultLimit = QStringLiteral("2/minute");
    s.rateLimit.managementLimit = QStringLiteral("3/minute");
    Instance i(s);
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    for (int n = 0; n < 4; ++n)
        get(nam, i.url(QStringLiteral("/items/1")));
    // The demo budget is spent; the management budget is not.
    const Answer stats = get(nam, i.url(QStringLiteral("/cache/stats")));
    QCOMPARE(stats.status, 200);
    QCOMPARE(stats.header("x-ratelimit-limit"), QByteArray("3"));
    QCOMPARE(stats.json().value(QStringLiteral("rate_limit_rejections")).toInteger(), 2);
    const Answer metrics = get(nam, i.url(QStringLiteral("/metrics")));
    QCOMPARE(metrics.status, 200);
    QVERIFY2(metrics.body.contains("qrc_rate_limit_rejections_total 2"), metrics.body.constData());
    QCOMPARE(get(nam, i.url(QStringLiteral("/cache/info"))).status, 200);
    QCOMPARE(get(nam, i.url(QStringLiteral("/cache/info"))).status, 429);
    QCOMPARE(i.guard->rejections(), 3);
}

void TestRateLimit::exemptAndPerScopeLimits() {
    Instance i(baseSettings());
    QVERIFY(i.guard->setScopeLimits(QStringLiteral("management"), QStringLiteral("1 per 2 hours"))
                .kind == ErrorKind::None);
    i.guard->setExempt(RateLimitGuard::DefaultScope);
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    for (int n = 0; n < 8; ++n) {
        const Answer a = get(nam, i.url(QStringLiteral("/items/1")));
        QCOMPARE(a.status, 200);
        QVERIFY(!a.headers.contains("x-ratelimit-limit"));
    }
    QCOMPARE(get(nam, i.url(QStringLiteral("/cache/stats"))).header("x-ratelimit-limit"),
             QByteArray("1"));
    const Answer refused = get(nam, i.url(QStringLiteral("/cache/stats")));
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("Rate limit exceeded: 1 per 2 hour"));
    const CacheError bad = i.guard->setScopeLimits(QStringLiteral("x"), QStringLiteral("1/eon"));
    QCOMPARE(bad.kind, ErrorKind::Validation);
    QVERIFY(bad.message.contains(QLatin1String("\"1/eon\"")));
}

void TestRateLimit::routeScopesCountPerRouteWithTheirGroupsLimits() {
    RateLimitSettings rs;
    rs.defaultLimit = QStringLiteral("2/minute");
    rs.managementLimit = QStringLiteral("1/minute");
    RateLimitGuard guard(configOf(rs), nullptr);
    guard.limiter()->setClock([] { return Base + 30000; });
    QVERIFY(
        guard.setScopeLimits(QStringLiteral("default:/search"), QStringLiteral("3/minute")).kind ==
        ErrorKind::None);
    guard.setExempt(QStringLiteral("default:/free"));
    const auto allowed = [&](const char *scope) {
        int n = 0;
        for (int k = 0; k < 5; ++k)
            guard.check(QStringLiteral("c"), QString::fromLatin1(scope),
                        [&n](const RequestGuard::Decision &d) { n += d.allowed ? 1 : 0; });
        return n;
    };
    QCOMPARE(allowed("default:/items"), 2); // the group's limit, its own counter...
    QCOMPARE(allowed("default:/items/{item_id}"), 2);
    QCOMPARE(allowed("default"), 2); // ...and the plain group counts apart from its routes
    QCOMPARE(allowed("default:/search"), 3);
    QCOMPARE(allowed("default:/free"), 5);
    QCOMPARE(allowed("management:/cache/stats"), 1);
    QCOMPARE(guard.limitsFor(QStringLiteral("management:/metrics")),
             (QList<RateLimitItem>{{1, 1, RateLimitUnit::Minute}}));
    QVERIFY(guard.limitsFor(QString()).isEmpty());
}

void TestRateLimit::noneDisablesTheDefaultLimit() {
    Settings s = baseSettings();
    s.rateLimit.defaultLimit = QStringLiteral("none");
    Instance i(s);
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    for (int n = 0; n < 7; ++n)
        QVERIFY(!get(nam, i.url(QStringLiteral("/items/1"))).headers.contains("x-ratelimit-limit"));
    QCOMPARE(get(nam, i.url(QStringLiteral("/cache/stats"))).header("x-ratelimit-limit"),
             QByteArray("600"));
}

void TestRateLimit::forwardedForFromUntrustedPeerIsIgnored() {
    Settings s = baseSettings();
    s.rateLimit.defaultLimit = QStringLiteral("2/minute");
    s.rateLimit.trustedProxies = {QStringLiteral("10.0.0.0/8")}; // not the test's 127.0.0.1
    Instance i(s);
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    int ok = 0;
    for (int n = 0; n < 5; ++n) {
        const QByteArray fake = "198.51.100." + QByteArray::number(n);
        const Answer a = get(nam, i.url(QStringLiteral("/items/1")),
                             {{"X-Forwarded-For", fake}, {"Forwarded", "for=" + fake}});
        ok += a.status == 200 ? 1 : 0;
    }
    QCOMPARE(ok, 2);
}

void TestRateLimit::trustedProxyClientsCountSeparatelyAndSpoofingIsIgnored() {
    Settings s = baseSettings();
    s.rateLimit.defaultLimit = QStringLiteral("2/minute");
    s.rateLimit.trustedProxies = {QStringLiteral("127.0.0.1, ::1")};
    Instance i(s);
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    const auto status = [&](const QByteArray &xff) {
        return get(nam, i.url(QStringLiteral("/items/1")), {{"X-Forwarded-For", xff}}).status;
    };
    QCOMPARE(status("203.0.113.1"), 200);
    QCOMPARE(status("203.0.113.1"), 200);
    QCOMPARE(status("203.0.113.1"), 429);
    // What the client itself put to the left of the proxy's entry changes nothing.
    QCOMPARE(status("6.6.6.6, 203.0.113.1"), 429);
    QCOMPARE(status("203.0.113.2"), 200);
    const Answer viaForwarded = get(nam, i.url(QStringLiteral("/items/1")),
                                    {{"Forwarded", "for=\"203.0.113.3:5555\";proto=http"}});
    QCOMPARE(viaForwarded.header("x-ratelimit-remaining"), QByteArray("1"));
}

void TestRateLimit::forwardedForOnSeveralLinesIsReadInOrder() {
    Settings s = baseSettings();
    s.rateLimit.defaultLimit = QStringLiteral("1/minute");
    s.rateLimit.trustedProxies = {QStringLiteral("127.0.0.1")};
    Instance i(s);
    QVERIFY(i.start());
    // A proxy that adds its own header line after the one the client sent.
    const QByteArray lines = "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-For: 203.0.113.9\r\n";
    QCOMPARE(rawGet(i.server->port(), "/items/1", lines).status, 200);
    QCOMPARE(rawGet(i.server->port(), "/items/1",
                    "X-Forwarded-For: 7.7.7.7\r\nX-Forwarded-For: 203.0.113.9\r\n")
                 .status,
             429);
    QCOMPARE(rawGet(i.server->port(), "/items/1", "X-Forwarded-For: 6.6.6.6\r\n").status, 200);
}

void TestRateLimit::customKeyFunctionChoosesTheBudget() {
    Settings s = baseSettings();
    s.rateLimit.defaultLimit = QStringLiteral("1/minute");
    Instance i(s);
    i.guard->setKeyFunction([](const HttpExchange &exchange) {
        const QByteArray key = exchange.header("x-api-key");
        return key.isEmpty() ? exchange.remoteAddress().toString()
                             : QStringLiteral("key:") + QString::fromLatin1(key);
    });
    QVERIFY(i.start());
    QNetworkAccessManager nam;
    const auto status = [&](const QByteArray &key) {
        return get(nam, i.url(QStringLiteral("/items/1")), {{"X-Api-Key", key}}).status;
    };
    QCOMPARE(status("alice"), 200);
    QCOMPARE(status("alice"), 429);
    QCOMPARE(status("bob"), 200);
}

void TestRateLimit::twoServersShareOneBudgetThroughRedis() {
    RedisServer redis;
    QVERIFY2(redis.attachShared(), qPrintable(redis.lastError()));
    Settings s = baseSettings();
    s.redis.enabled = true;
    s.redis.host = redis.host();
    s.redis.port = redis.port();
    s.cache.namespacePrefix =
        QStringLiteral("tst-ratelimit-%1").arg(QDateTime::currentMSecsSinceEpoch());
    s.rateLimit.storage = QStringLiteral("redis");
    s.rateLimit.keyPrefix = s.cache.namespacePrefix + QStringLiteral("-rl");
    s.rateLimit.defaultLimit = QStringLiteral("10/hour");
    s.rateLimit.strategy = QStringLiteral("moving-window"); // real time, no window edge to cross
    Instance a(s, Clock::Real), b(s, Clock::Real);
    QVERIFY(a.start());
    QVERIFY(b.start());
    QTRY_VERIFY(a.guard->limiter()->usingRedis());
    QTRY_VERIFY(b.guard->limiter()->usingRedis());

    QNetworkAccessManager nam;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int n = 0; n < 40; ++n) {
        const Instance &target = n % 2 ? a : b;
        replies.emplace_back(
            nam.get(QNetworkRequest(target.url(QStringLiteral("/items/%1").arg(n % 5 + 1)))));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.begin(), replies.end(), [](const auto &r) { return r->isFinished(); }),
        20000);
    int accepted = 0, refused = 0;
    for (const auto &r : replies) {
        const Answer answer = toAnswer(r.get());
        accepted += answer.status == 200 ? 1 : 0;
        refused += answer.status == 429 ? 1 : 0;
    }
    QCOMPARE(accepted, 10);
    QCOMPARE(refused, 30);
    QCOMPARE(a.guard->rejections() + b.guard->rejections(), 30);
}

void TestRateLimit::redisOutageKeepsLimitingFromMemory() {
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.lastError()));
    Settings s = baseSettings();
    s.redis.enabled = true;
    s.redis.host = redis.host();
    s.redis.port = redis.port();
    s.redis.socketTimeout = 1.0;
    s.redis.socketConnectTimeout = 1.0;
    s.rateLimit.storage = QStringLiteral("redis");
    s.rateLimit.defaultLimit = QStringLiteral("3/hour");
    Instance i(s);
    QVERIFY(i.start());
    QTRY_VERIFY(i.guard->limiter()->usingRedis());
    QNetworkAccessManager nam;
    QCOMPARE(get(nam, i.url(QStringLiteral("/items/1"))).header("x-ratelimit-remaining"),
             QByteArray("2"));
    QCOMPARE(redis.command({"EXISTS", "qrc-ratelimit:{default|127.0.0.1}:fw:3/1h"}),
             QByteArray("1"));

    redis.kill();
    // Memory has its own budget of 3 while Redis is away.
    QList<int> statuses;
    for (int n = 0; n < 4; ++n) {
        const Answer a = get(nam, i.url(QStringLiteral("/items/1")));
        QVERIFY(a.headers.contains("x-ratelimit-remaining"));
        statuses.append(a.status);
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 200, 429}));
    QVERIFY(!i.guard->limiter()->usingRedis());

    QVERIFY2(redis.restart(), qPrintable(redis.lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(i.guard->limiter()->usingRedis(), 15000);
    const Answer back = get(nam, i.url(QStringLiteral("/items/1")));
    QCOMPARE(back.status, 200); // the restarted Redis starts from an empty budget
    QCOMPARE(back.header("x-ratelimit-remaining"), QByteArray("2"));
}

void TestRateLimit::twoCacheServerProcessesShareOneBudget() {
#ifdef QRC_CACHE_SERVER_BIN
    RedisServer redis;
    QVERIFY2(redis.attachShared(), qPrintable(redis.lastError()));
    const QString unique =
        QStringLiteral("tst-rl-proc-%1").arg(QDateTime::currentMSecsSinceEpoch());
    QTemporaryDir cwd; // no .env or INI from the source tree
    std::vector<std::unique_ptr<QProcess>> processes;
    QList<quint16> ports;
    for (int n = 0; n < 2; ++n) {
        const quint16 port = RedisServer::freePort();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SERVER_PORT"), QString::number(port));
        env.insert(QStringLiteral("REDIS_HOST"), redis.host());
        env.insert(QStringLiteral("REDIS_PORT"), QString::number(redis.port()));
        env.insert(QStringLiteral("CACHE_NAMESPACE_PREFIX"), unique);
        env.insert(QStringLiteral("RATE_LIMIT"), QStringLiteral("10/hour"));
        env.insert(QStringLiteral("RATE_LIMIT_STORAGE"), QStringLiteral("redis"));
        env.insert(QStringLiteral("RATE_LIMIT_STRATEGY"), QStringLiteral("moving-window"));
        env.insert(QStringLiteral("RATE_LIMIT_PREFIX"), unique + QStringLiteral("-rl"));
        env.insert(QStringLiteral("DEMO_LATENCY_MS"), QStringLiteral("0"));
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(env);
        p->setWorkingDirectory(cwd.path());
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->start(QStringLiteral(QRC_CACHE_SERVER_BIN), {});
        QVERIFY(p->waitForStarted(5000));
        processes.push_back(std::move(p));
        ports.append(port);
    }
    QNetworkAccessManager nam;
    for (quint16 port : ports) {
        // Both counters and cache on Redis: the client they share is Connected.
        const QUrl stats(QStringLiteral("http://127.0.0.1:%1/cache/stats").arg(port));
        QTRY_VERIFY_WITH_TIMEOUT(
            get(nam, stats).json().value(QStringLiteral("backend")).toString() == "redis", 15000);
    }
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int n = 0; n < 30; ++n)
        replies.emplace_back(nam.get(QNetworkRequest(QUrl(
            QStringLiteral("http://127.0.0.1:%1/items/%2").arg(ports[n % 2]).arg(n % 4 + 1)))));
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.begin(), replies.end(), [](const auto &r) { return r->isFinished(); }),
        20000);
    QList<int> statuses;
    for (const auto &r : replies)
        statuses.append(toAnswer(r.get()).status);
    QCOMPARE(statuses.count(200), 10);
    QCOMPARE(statuses.count(429), 20);
    for (auto &p : processes) {
        p->terminate();
        QVERIFY(p->waitForFinished(10000));
    }
#else
    QSKIP("cache-server binary not known to this build");
#endif
}

void TestRateLimit::malformedLimitStopsCacheServerWithExitCode2() {
#ifdef QRC_CACHE_SERVER_BIN
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(QStringLiteral(QRC_CACHE_SERVER_BIN),
            {QStringLiteral("--rate-limit"), QStringLiteral("100/fortnight"),
             QStringLiteral("--no-redis")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    const QByteArray err = p.readAllStandardError().trimmed();
    QVERIFY2(err.contains("\"100/fortnight\""), err.constData());
    QCOMPARE(err.count('\n'), 0);
#else
    QSKIP("cache-server binary not known to this build");
#endif
}

QTEST_GUILESS_MAIN(TestRateLimit)
#include "tst_ratelimit.moc"
