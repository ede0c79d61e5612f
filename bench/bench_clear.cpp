// CacheManager::clear(namespace) of 100,000 Redis keys: how long it takes, and the worst
// latency a concurrent GET loop on another connection sees meanwhile (Redis must not block).
// References in the same run: a minimal blocking SCAN + UNLINK loop through hiredis, and the
// same GET loop with no clear running.
#include "benchsupport.h"

#include "cachemanager.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

#include <hiredis/hiredis.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace qrc;
using namespace qrc::bench;

namespace {

constexpr int KeyCount = 100000;
const QString Namespace = QStringLiteral("benchclear");
const QByteArray Pattern = QByteArrayLiteral("fastapi-cache:benchclear:*");
const QByteArray ProbeKey = QByteArrayLiteral("fastapi-cache:other:probe");

redisContext *connectSync(quint16 port) {
    redisContext *c = redisConnectWithTimeout("127.0.0.1", port, timeval{2, 0});
    if (!c || c->err) {
        if (c)
            redisFree(c);
        return nullptr;
    }
    redisSetTimeout(c, timeval{10, 0});
    return c;
}

// Writes the keys as the cache would hold them, pipelined 1000 at a time.
bool populate(quint16 port) {
    redisContext *c = connectSync(port);
    if (!c)
        return false;
    const QByteArray value(120, 'v');
    bool ok = true;
    for (int base = 0; base < KeyCount && ok; base += 1000) {
        const int end = std::min(KeyCount, base + 1000);
        for (int i = base; i < end; ++i) {
            const QByteArray key = "fastapi-cache:benchclear:key:" + QByteArray::number(i);
            redisAppendCommand(c, "SET %b %b EX 3600", key.constData(), size_t(key.size()),
                               value.constData(), size_t(value.size()));
        }
        for (int i = base; i < end; ++i) {
            void *reply = nullptr;
            if (redisGetReply(c, &reply) != REDIS_OK) {
                ok = false;
                break;
            }
            freeReplyObject(reply);
        }
    }
    redisFree(c);
    return ok;
}

// The reference: what a careful script does, SCAN COUNT 500 + UNLINK, blocking.
qint64 referenceClear(quint16 port) {
    redisContext *c = connectSync(port);
    if (!c)
        return -1;
    QByteArray cursor = "0";
    qint64 removed = 0;
    do {
        auto *page = static_cast<redisReply *>(
            redisCommand(c, "SCAN %b MATCH %b COUNT 500", cursor.constData(), size_t(cursor.size()),
                         Pattern.constData(), size_t(Pattern.size())));
        if (!page || page->type != REDIS_REPLY_ARRAY || page->elements != 2) {
            if (page)
                freeReplyObject(page);
            removed = -1;
            break;
        }
        cursor = QByteArray(page->element[0]->str, qsizetype(page->element[0]->len));
        const redisReply *keys = page->element[1];
        if (keys->elements > 0) {
            std::vector<const char *> argv{"UNLINK"};
            std::vector<size_t> lens{6};
            for (size_t i = 0; i < keys->elements; ++i) {
                argv.push_back(keys->element[i]->str);
                lens.push_back(keys->element[i]->len);
            }
            auto *r = static_cast<redisReply *>(
                redisCommandArgv(c, int(argv.size()), argv.data(), lens.data()));
            if (r) {
                removed += r->integer;
                freeReplyObject(r);
            }
        }
        freeReplyObject(page);
    } while (cursor != "0");
    redisFree(c);
    return removed;
}

// A GET loop on its own connection and thread, recording each round trip.
class LatencyProbe {
public:
    struct Stats {
        qint64 count = 0;
        double p50Ms = 0;
        double p99Ms = 0;
        double maxMs = 0;
    };

    explicit LatencyProbe(quint16 port)
        : m_port(port) {}

    void start() {
        m_stop = false;
        m_samplesUs.clear();
        m_thread = std::thread([this] { run(); });
    }

    Stats stop() {
        m_stop = true;
        m_thread.join();
        Stats s;
        if (m_samplesUs.empty())
            return s;
        std::sort(m_samplesUs.begin(), m_samplesUs.end());
        const auto at = [&](double q) {
            return m_samplesUs[std::min(m_samplesUs.size() - 1,
                                        size_t(q * double(m_samplesUs.size())))] /
                   1000.0;
        };
        s.count = qint64(m_samplesUs.size());
        s.p50Ms = at(0.50);
        s.p99Ms = at(0.99);
        s.maxMs = m_samplesUs.back() / 1000.0;
        return s;
    }

private:
    void run() {
        redisContext *c = connectSync(m_port);
        if (!c)
            return;
        m_samplesUs.reserve(1 << 20);
        while (!m_stop) {
            const auto t0 = std::chrono::steady_clock::now();
            auto *r = static_cast<redisReply *>(
                redisCommand(c, "GET %b", ProbeKey.constData(), size_t(ProbeKey.size())));
            const auto t1 = std::chrono::steady_clock::now();
            if (!r)
                break;
            freeReplyObject(r);
            m_samplesUs.push_back(
                std::chrono::duration_cast<std::chrono::microseconds>(t1 - t0).count());
        }
        redisFree(c);
    }

    quint16 m_port;
    std::atomic<bool> m_stop{false};
    std::vector<qint64> m_samplesUs;
    std::thread m_thread;
};

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const int rounds = quickMode() ? 1 : 3;
    Report report(QStringLiteral("clear"));

    RedisProcess redis;
    QString error;
    if (!redis.start(&error)) {
        fail(error);
        return 1;
    }
    redis.command({"SET", ProbeKey, "probe-value"});

    Settings settings;
    settings.redis.host = QStringLiteral("127.0.0.1");
    settings.redis.port = redis.port();
    settings.redis.socketTimeout = 30;
    CacheManager cache(settings);
    {
        QEventLoop wait;
        QObject::connect(&cache, &CacheManager::backendChanged, &wait, [&](BackendKind kind) {
            if (kind == BackendKind::Redis)
                wait.quit();
        });
        QTimer::singleShot(5000, &wait, &QEventLoop::quit);
        cache.start();
        if (cache.activeBackend() != BackendKind::Redis)
            wait.exec();
    }
    if (cache.activeBackend() != BackendKind::Redis) {
        fail(QStringLiteral("CacheManager did not switch to Redis"));
        return 1;
    }

    LatencyProbe probe(redis.port());
    QList<double> ourMs, refMs, ourMax, refMax, idleMax, ourP99, idleP99;
    double worst = 0;
    for (int r = 0; r < rounds; ++r) {
        if (!populate(redis.port())) {
            fail(QStringLiteral("cannot populate"));
            return 1;
        }
        // The probe alone, as long as a clear takes, to see what the machine's noise is.
        probe.start();
        QThread::msleep(ourMs.isEmpty() ? 500 : qulonglong(median(ourMs)));
        const LatencyProbe::Stats idle = probe.stop();
        idleMax.append(idle.maxMs);
        idleP99.append(idle.p99Ms);

        redis.command({"CONFIG", "RESETSTAT"});
        probe.start();
        QElapsedTimer timer;
        timer.start();
        QEventLoop loop;
        Result<qint64> cleared;
        (void)cache.clear(Namespace).then(&cache, [&](Result<qint64> res) {
            cleared = res;
            loop.quit();
        });
        loop.exec();
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const LatencyProbe::Stats during = probe.stop();
        if (!cleared.ok() || cleared.value != KeyCount) {
            fail(QStringLiteral("clear removed %1 keys (%2)")
                     .arg(cleared.value)
                     .arg(cleared.error.message));
            return 1;
        }
        // How long Redis itself is busy per command bounds how long a GET can queue behind one.
        const QByteArray stats = redis.command({"INFO", "commandstats"});
        for (const char *cmd : {"scan", "unlink"}) {
            const QRegularExpression re(
                QStringLiteral("cmdstat_%1:calls=(\\d+),usec=(\\d+),usec_per_call=([0-9.]+)")
                    .arg(QLatin1String(cmd)));
            const QRegularExpressionMatch m = re.match(QString::fromLatin1(stats));
            if (m.hasMatch())
                report.note(
                    QStringLiteral("round %1: redis %2: %3 calls, %4 us per call inside Redis")
                        .arg(r + 1)
                        .arg(QString::fromLatin1(cmd).toUpper(), m.captured(1), m.captured(3)));
        }
        ourMs.append(ms);
        ourMax.append(during.maxMs);
        ourP99.append(during.p99Ms);
        worst = std::max(worst, during.maxMs);

        if (!populate(redis.port())) {
            fail(QStringLiteral("cannot populate"));
            return 1;
        }
        probe.start();
        timer.restart();
        const qint64 removed = referenceClear(redis.port());
        const double refElapsed = double(timer.nsecsElapsed()) / 1e6;
        const LatencyProbe::Stats refDuring = probe.stop();
        if (removed != KeyCount) {
            fail(QStringLiteral("reference clear removed %1 keys").arg(removed));
            return 1;
        }
        refMs.append(refElapsed);
        refMax.append(refDuring.maxMs);
        report.note(QStringLiteral("round %1: clear %2 ms (probe p50 %3 ms, p99 %4 ms, max %5 ms, "
                                   "%6 GETs); reference %7 ms (max %8 ms); idle max %9 ms")
                        .arg(r + 1)
                        .arg(ms, 0, 'f', 1)
                        .arg(during.p50Ms, 0, 'f', 3)
                        .arg(during.p99Ms, 0, 'f', 3)
                        .arg(during.maxMs, 0, 'f', 2)
                        .arg(during.count)
                        .arg(refElapsed, 0, 'f', 1)
                        .arg(refDuring.maxMs, 0, 'f', 2)
                        .arg(idle.maxMs, 0, 'f', 2));
    }
    if (redis.command({"GET", ProbeKey}) != "probe-value") {
        fail(QStringLiteral("the key outside the namespace was touched"));
        return 1;
    }

    report.section(QStringLiteral("clear(namespace) of %1 keys, median of %2 rounds")
                       .arg(KeyCount)
                       .arg(rounds));
    report.inverseRatio(QStringLiteral("CacheManager::clear time"), median(ourMs),
                        QStringLiteral("ms"), QStringLiteral("hiredis SCAN+UNLINK loop"),
                        median(refMs));
    report.bounded(QStringLiteral("worst concurrent GET during clear"), worst, QStringLiteral("ms"),
                   QStringLiteral("worst GET, no clear running"),
                   *std::max_element(idleMax.begin(), idleMax.end()), 10.0);
    report.bounded(QStringLiteral("p99 concurrent GET during clear"), median(ourP99),
                   QStringLiteral("ms"), QStringLiteral("p99 GET, no clear running"),
                   median(idleP99), std::nullopt);
    report.bounded(QStringLiteral("worst GET during reference clear"), median(refMax),
                   QStringLiteral("ms"), QStringLiteral("worst GET, no clear running"),
                   median(idleMax), std::nullopt);
    return 0;
}
