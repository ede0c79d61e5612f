// The near cache (CACHE_NEAR_CACHE): a getOrSet HIT on a Redis-backed manager whose near cache
// holds the key, against the same HIT on a memory-backend manager (target >= 0.9x); and how
// long a second instance takes to learn that another instance wrote a key it holds (from the
// writer's set() call to the reader's invalidation), over many writes: p50/p90/p99/max,
// target p99 <= 5 ms on loopback.
#include "benchsupport.h"

#include "cachemanager.h"
#include "nearcache.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace qrc;
using namespace qrc::bench;

namespace {

double percentile(QList<double> sorted, double p) {
    if (sorted.isEmpty())
        return 0;
    const auto at = qsizetype(p * double(sorted.size() - 1) + 0.5);
    return sorted.at(std::clamp<qsizetype>(at, 0, sorted.size() - 1));
}

// getOrSet HITs per second, as the request path calls it: a HIT is answered before getOrSet
// returns.
double hitsPerSecond(CacheManager &cache, const QStringList &keys, double seconds) {
    const CacheManager::Producer never = [] {
        return QtFuture::makeReadyFuture(
            Result<CacheValue>::failure(CacheError::validation(QStringLiteral("miss"))));
    };
    qsizetype next = 0;
    qint64 misses = 0;
    const double rate = opsPerSecond(
        [&](int chunk) {
            for (int i = 0; i < chunk; ++i) {
                bool hit = false;
                cache.getOrSet(
                    keys.at(next++ % keys.size()), never,
                    [&hit](const Result<CacheValue> &r) {
                        hit = r.ok();
                        if (hit)
                            consume(r.value.data.size());
                    },
                    3600, QStringLiteral("bench"));
                if (!hit)
                    ++misses;
            }
        },
        seconds);
    return misses ? -1 : rate;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const bool quick = quickMode();
    // Short rounds, many of them, alternating: load from other processes hits both sides.
    const double seconds = quick ? 0.2 : 0.5;
    const int rounds = quick ? 5 : 9;
    const int writes = quick ? 300 : 2000;
    Report report(QStringLiteral("nearcache"));

    RedisProcess redis;
    QString error;
    if (!redis.start(&error)) {
        fail(error);
        return 1;
    }
    Settings settings;
    settings.redis.host = QStringLiteral("127.0.0.1");
    settings.redis.port = redis.port();
    settings.cache.nearCache = true;
    CacheManager near(settings), writer(settings), reader(settings);
    Settings memorySettings = settings;
    memorySettings.redis.enabled = false;
    CacheManager memory(memorySettings);
    for (CacheManager *c : {&near, &writer, &reader})
        c->start();
    if (!waitFor(
            [&] {
                for (CacheManager *c : {&near, &writer, &reader})
                    if (c->activeBackend() != BackendKind::Redis || !c->nearCache()->isActive())
                        return false;
                return true;
            },
            5000)) {
        fail(QStringLiteral("redis or its client tracking did not come up"));
        return 1;
    }

    // 1. HITs: 1,000 keys of a ~1 KB JSON body on both managers; the near cache is filled by
    //    one read of each (after the writes' own invalidations have arrived).
    QStringList keys;
    const QByteArray body = "{\"items\": [" +
                            QByteArray("{\"id\": 1, \"name\": \"x\"},").repeated(40) +
                            "{\"id\": 0}]}";
    for (int i = 0; i < 1000; ++i) {
        keys.append(QStringLiteral("item:%1").arg(i));
        (void)memory.set(keys.last(), CacheValue{body, "application/json", 0, {}}, 3600, "bench");
        (void)writer.set(keys.last(), CacheValue{body, "application/json", 0, {}}, 3600, "bench");
    }
    waitFor([&] { return redis.command({"EXISTS", "fastapi-cache:bench:item:999"}) == "1"; }, 5000);
    const auto filled = [&] {
        for (const QString &k : std::as_const(keys))
            if (!near.nearCache()->find("fastapi-cache:bench:" + k.toUtf8()))
                return false;
        return true;
    };
    for (int attempt = 0; attempt < 20 && !filled(); ++attempt) {
        for (const QString &k : std::as_const(keys))
            (void)near.get(k, "bench");
        waitFor(filled, 200);
    }
    if (!filled()) {
        fail(QStringLiteral("the near cache did not fill"));
        return 1;
    }
    QList<double> memoryHits, nearHits;
    for (int r = 0; r < rounds; ++r) {
        memoryHits.append(hitsPerSecond(memory, keys, seconds));
        nearHits.append(hitsPerSecond(near, keys, seconds));
    }
    if (*std::min_element(nearHits.cbegin(), nearHits.cend()) < 0) {
        fail(QStringLiteral("a near-cache read was not a HIT at once"));
        return 1;
    }
    report.section(
        QStringLiteral("getOrSet HIT, 1,000 keys, ~1 KB JSON, median of %1 rounds").arg(rounds));
    report.ratio(QStringLiteral("near-cache HIT (redis backend)"), median(nearHits),
                 QStringLiteral("hits/s"), QStringLiteral("memory-backend HIT"), median(memoryHits),
                 0.9);

    // 2. Invalidation latency: the reader holds the key; the writer sets it; the time from the
    //    set() call to the reader's invalidation of that key.
    const QString key = QStringLiteral("hot");
    const QByteArray full = "fastapi-cache:bench:hot";
    QElapsedTimer clock;
    clock.start();
    qint64 writtenAtNs = -1;
    QList<double> latencyMs, roundTripMs;
    QObject::connect(reader.nearCache(), &NearCache::invalidated, &reader,
                     [&](const QList<QByteArray> &changed) {
                         if (writtenAtNs >= 0 && changed.contains(full)) {
                             latencyMs.append(double(clock.nsecsElapsed() - writtenAtNs) / 1e6);
                             writtenAtNs = -1;
                         }
                     });
    (void)writer.set(key, QByteArray("initial"), 3600, "bench");
    for (int i = 0; i < writes; ++i) {
        // The reader reads until the key is in its near cache (a fill needs GET + PTTL).
        if (!waitFor(
                [&] {
                    if (reader.nearCache()->find(full))
                        return true;
                    (void)reader.get(key, "bench");
                    return false;
                },
                2000)) {
            fail(QStringLiteral("the reader did not refill the key"));
            return 1;
        }
        writtenAtNs = clock.nsecsElapsed();
        const qint64 sent = writtenAtNs;
        QFuture<Result<bool>> set = writer.set(key, QByteArray::number(i), 3600, "bench");
        bool acked = false;
        set.then(&writer, [&, sent](const Result<bool> &) {
            roundTripMs.append(double(clock.nsecsElapsed() - sent) / 1e6);
            acked = true;
        });
        if (!waitFor([&] { return writtenAtNs < 0 && acked; }, 2000)) {
            fail(QStringLiteral("write %1 was not seen by the reader").arg(i));
            return 1;
        }
    }
    std::sort(latencyMs.begin(), latencyMs.end());
    std::sort(roundTripMs.begin(), roundTripMs.end());
    report.section(QStringLiteral("invalidation seen by a second instance, %1 writes").arg(writes));
    // The writer's own round trip, same run, same distribution: the invalidation cannot come
    // before the write has run, so a stall of the machine shows in both.
    report.note(QStringLiteral("latency ms: p50 %1, p90 %2, p99 %3, max %4; the writer's SET "
                               "round trip: p50 %5, p90 %6, p99 %7, max %8")
                    .arg(percentile(latencyMs, 0.5), 0, 'f', 3)
                    .arg(percentile(latencyMs, 0.9), 0, 'f', 3)
                    .arg(percentile(latencyMs, 0.99), 0, 'f', 3)
                    .arg(latencyMs.last(), 0, 'f', 3)
                    .arg(percentile(roundTripMs, 0.5), 0, 'f', 3)
                    .arg(percentile(roundTripMs, 0.9), 0, 'f', 3)
                    .arg(percentile(roundTripMs, 0.99), 0, 'f', 3)
                    .arg(roundTripMs.last(), 0, 'f', 3));
    report.bounded(QStringLiteral("invalidation p99"), percentile(latencyMs, 0.99),
                   QStringLiteral("ms"), QStringLiteral("writer's SET round trip p99"),
                   percentile(roundTripMs, 0.99), 5.0);
    report.bounded(QStringLiteral("invalidation p50"), percentile(latencyMs, 0.5),
                   QStringLiteral("ms"), QStringLiteral("writer's SET round trip p50"),
                   percentile(roundTripMs, 0.5), std::nullopt);
    return 0;
}
