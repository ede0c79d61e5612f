// What the rate limiter costs per request on the hot path, against the same work without it
// in the same run:
//  1. in-process: RateLimiter::hit on memory per strategy, next to a request's fixed cost;
//  2. Redis: the limiter script's round trip vs a plain GET round trip, same client, same
//     number in flight;
//  3. end to end: cache-server answering a cached GET /items/1 under wrk, limiter off vs on
//     (memory, then Redis storage).
#include "benchsupport.h"

#include "ratelimit/ratelimiter.h"
#include "ratelimit/redisratelimitstorage.h"
#include "redisclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace qrc;
using namespace qrc::bench;

namespace {

double seconds() {
    return quickMode() ? 0.5 : 2.0;
}

QString loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed())
                                       : QStringLiteral("unknown");
}

int rounds() {
    return quickMode() ? 1 : 3;
}

// Keeps `inFlight` calls of `start` outstanding until `total` completed; returns ops/s.
template <typename Start>
double pipelined(int inFlight, int total, Start start) {
    int started = 0, done = 0;
    QElapsedTimer t;
    t.start();
    std::function<void()> next;
    next = [&] {
        if (started >= total)
            return;
        ++started;
        start([&] {
            ++done;
            next();
        });
    };
    for (int i = 0; i < inFlight; ++i)
        next();
    while (done < total)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return double(total) * 1e9 / double(t.nsecsElapsed());
}

void inProcess(Report &report, double nsPerRequest) {
    report.section(QStringLiteral("RateLimiter::hit on memory, 10k identities"));
    const QList<RateLimitItem> limits{{1000000, 1, RateLimitUnit::Minute}};
    QStringList ids;
    for (int i = 0; i < 10000; ++i)
        ids << QStringLiteral("10.%1.%2.%3").arg(i / 65536).arg((i / 256) % 256).arg(i % 256);
    qint64 sink = 0;
    int k = 0;
    for (auto s : {RateLimitStrategy::FixedWindow, RateLimitStrategy::MovingWindow,
                   RateLimitStrategy::SlidingWindowCounter}) {
        RateLimiter limiter(s, QStringLiteral("bench"));
        QList<double> samples;
        for (int r = 0; r < rounds(); ++r)
            samples.append(opsPerSecond(
                [&](int n) {
                    for (int i = 0; i < n; ++i)
                        limiter.hit(QStringLiteral("default"), ids.at(k++ % ids.size()), limits,
                                    [&sink](const RateLimitDecision &d) { sink += d.remaining; });
                },
                seconds()));
        // Shown against the whole cached request it is part of (limiter off, memory cache).
        report.bounded(rateLimitStrategyName(s) + QStringLiteral(" hit"), 1e9 / median(samples),
                       QStringLiteral("ns"), QStringLiteral("cached request"), nsPerRequest,
                       std::nullopt);
    }
    consume(sink);
}

void redisRoundTrips(Report &report, quint16 port) {
    report.section(QStringLiteral("Redis: limiter script vs plain GET, 32 in flight"));
    RedisSettings rs;
    rs.host = QStringLiteral("127.0.0.1");
    rs.port = port;
    rs.maxConnections = 4;
    RedisClient client(rs);
    client.start();
    QElapsedTimer wait;
    wait.start();
    while (client.state() != RedisClient::State::Connected && wait.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (client.state() != RedisClient::State::Connected) {
        report.note(QStringLiteral("Redis not reachable: skipped"));
        return;
    }
    const int total = quickMode() ? 5000 : 20000;
    const QList<RateLimitItem> limits{{1000000, 1, RateLimitUnit::Minute}};
    int k = 0;
    const auto plainGet = [&] {
        return pipelined(32, total, [&](std::function<void()> done) {
            client.execute({"GET", "bench-rl:" + QByteArray::number(k++ % 10000)},
                           [done](Result<RedisReply>) { done(); });
        });
    };
    for (auto s : {RateLimitStrategy::FixedWindow, RateLimitStrategy::MovingWindow,
                   RateLimitStrategy::SlidingWindowCounter}) {
        RedisRateLimitStorage storage(s, &client);
        QList<double> gets, scripts;
        for (int r = 0; r < rounds(); ++r) {
            gets.append(plainGet());
            scripts.append(pipelined(32, total, [&](std::function<void()> done) {
                storage.hit(limits,
                            {"bench-rl:" + QByteArray::number(int(s)) + ":" +
                             QByteArray::number(k++ % 10000)},
                            -1, [done](Result<RateLimitOutcome>) { done(); });
            }));
        }
        report.ratio(rateLimitStrategyName(s) + QStringLiteral(" script/s"), median(scripts),
                     QStringLiteral("op/s"), QStringLiteral("GET"), median(gets));
    }
}

std::optional<double> wrk(quint16 port, const QString &path, QString *error) {
    QProcess p;
    p.start(QStringLiteral("wrk"), {QStringLiteral("-t1"), QStringLiteral("-c32"),
                                    QStringLiteral("-d%1s").arg(quickMode() ? 1 : 4),
                                    QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)});
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        *error = QStringLiteral("wrk failed: ") + QString::fromLocal8Bit(p.readAllStandardError());
        return std::nullopt;
    }
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
    if (out.contains(QLatin1String("Non-2xx"))) {
        *error = QStringLiteral("wrk saw non-2xx answers: ") + out;
        return std::nullopt;
    }
    static const QRegularExpression rps(QStringLiteral("Requests/sec:\\s+([0-9.]+)"));
    const auto m = rps.match(out);
    if (!m.hasMatch()) {
        *error = QStringLiteral("no Requests/sec in wrk output");
        return std::nullopt;
    }
    return m.captured(1).toDouble();
}

// One cache-server process per configuration, all up at once so that the rounds can
// alternate between them: load from the other people on this machine then hits each alike.
class ServerProcess {
public:
    bool start(const QList<std::pair<QString, QString>> &vars, QString *error) {
        m_port = freeLoopbackPort();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto &[k, v] : vars)
            env.insert(k, v);
        env.insert(QStringLiteral("SERVER_PORT"), QString::number(m_port));
        env.insert(QStringLiteral("DEMO_LATENCY_MS"), QStringLiteral("0"));
        env.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("warning"));
        m_process.setProcessEnvironment(env);
        m_process.setWorkingDirectory(m_cwd.path()); // no .env or INI from the source tree
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(QRC_CACHE_SERVER_BIN), {});
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000 && m_process.state() != QProcess::NotRunning) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, m_port);
            if (s.waitForConnected(100)) {
                QString ignored;
                wrk(m_port, QStringLiteral("/items/1"), &ignored); // warm: cached from here on
                return true;
            }
            QThread::msleep(50);
        }
        *error = QStringLiteral("cache-server did not come up");
        return false;
    }
    ~ServerProcess() {
        m_process.terminate();
        m_process.waitForFinished(5000);
    }
    quint16 port() const { return m_port; }

private:
    QTemporaryDir m_cwd;
    QProcess m_process;
    quint16 m_port = 0;
};

// Median requests/s per configuration for a cached GET /items/1.
QList<double> serverRps(const QList<QList<std::pair<QString, QString>>> &configs, Report &report) {
    std::vector<std::unique_ptr<ServerProcess>> servers;
    for (const auto &vars : configs) {
        servers.push_back(std::make_unique<ServerProcess>());
        QString error;
        if (!servers.back()->start(vars, &error)) {
            report.note(error);
            return {};
        }
    }
    QList<QList<double>> samples(configs.size());
    for (int r = 0; r < rounds(); ++r) {
        for (qsizetype i = 0; i < configs.size(); ++i) {
            QString error;
            const auto rps = wrk(servers[size_t(i)]->port(), QStringLiteral("/items/1"), &error);
            if (!rps) {
                report.note(error);
                return {};
            }
            samples[i].append(*rps);
        }
    }
    QList<double> medians;
    for (const auto &s : samples)
        medians.append(median(s));
    return medians;
}

// Returns ns per cached request with the limiter off (memory cache), for the in-process part.
double endToEnd(Report &report, quint16 redisPort) {
    report.section(QStringLiteral("cache-server, cached GET /items/1, wrk -t1 -c32, median of %1")
                       .arg(rounds()));
    using Vars = QList<std::pair<QString, QString>>;
    const QString big = QStringLiteral("1000000/minute");
    const auto var = [](const char *k, const QString &v) {
        return std::pair<QString, QString>{QString::fromLatin1(k), v};
    };
    const Vars noRedis{var("REDIS_ENABLED", QStringLiteral("false"))};
    const Vars withRedis{var("REDIS_HOST", QStringLiteral("127.0.0.1")),
                         var("REDIS_PORT", QString::number(redisPort))};
    QList<Vars> configs{noRedis + Vars{var("RATE_LIMIT", QStringLiteral("none"))},
                        noRedis + Vars{var("RATE_LIMIT", big)}};
    if (redisPort)
        configs += {withRedis + Vars{var("RATE_LIMIT", QStringLiteral("none"))},
                    withRedis + Vars{var("RATE_LIMIT", big),
                                     var("RATE_LIMIT_STORAGE", QStringLiteral("redis"))},
                    withRedis + Vars{var("RATE_LIMIT", big),
                                     var("RATE_LIMIT_STORAGE", QStringLiteral("memory"))}};
    const QList<double> rps = serverRps(configs, report);
    if (rps.size() < 2)
        return 0;
    report.ratio(QStringLiteral("memory cache, memory limiter"), rps[1], QStringLiteral("req/s"),
                 QStringLiteral("limiter off"), rps[0]);
    if (rps.size() == 5) {
        report.ratio(QStringLiteral("redis cache, redis limiter"), rps[3], QStringLiteral("req/s"),
                     QStringLiteral("limiter off"), rps[2]);
        report.ratio(QStringLiteral("redis cache, memory limiter"), rps[4], QStringLiteral("req/s"),
                     QStringLiteral("limiter off"), rps[2]);
    }
    return rps[0] > 0 ? 1e9 / rps[0] : 0;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    Report report(QStringLiteral("ratelimit"));
    report.note(QStringLiteral("load average at start: ") + loadAverage());
    RedisProcess redis;
    QString error;
    const bool haveRedis = redis.start(&error);
    if (!haveRedis)
        report.note(QStringLiteral("no redis-server: ") + error);
    const double nsPerRequest = endToEnd(report, haveRedis ? redis.port() : 0);
    inProcess(report, nsPerRequest);
    if (haveRedis)
        redisRoundTrips(report, redis.port());
    return 0;
}
