// Pipelined GET throughput through RedisBackend and CacheManager (each completion issues the
// next one), as a ratio to redis-benchmark on the same redis-server in the same run, each
// against redis-benchmark keeping as many GETs in flight (as bench_cluster): RedisBackend with
// 1,024 in flight against `-P 16 -c 64`, and the 64-in-flight contenders against `-c 64`.
#include "benchsupport.h"

#include "cachemanager.h"
#include "redisbackend.h"

#include <QCoreApplication>

#include <cstdio>
#include <functional>

using namespace qrc;
using namespace qrc::bench;

namespace {

constexpr int InFlight = 64;               // redis-benchmark -c 64
constexpr int ReferenceInFlight = 64 * 16; // redis-benchmark -c 64 -P 16
// The key redis-benchmark's GET test reads (without -r it is used literally).
const QByteArray BenchKey = QByteArrayLiteral("key:__rand_int__");

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const bool quick = quickMode();
    const double seconds = quick ? 0.5 : 2.0;
    const int rounds = 3;
    const QString requests = quick ? QStringLiteral("200000") : QStringLiteral("1000000");
    Report report(QStringLiteral("redis"));

    RedisProcess redis;
    QString error;
    if (!redis.start(&error)) {
        fail(error);
        return 1;
    }
    redis.command({"SET", BenchKey, "xxx"}); // redis-benchmark's default 3-byte value

    Settings settings;
    settings.redis.host = QStringLiteral("127.0.0.1");
    settings.redis.port = redis.port();
    RedisBackend backend(settings.redis);
    backend.client()->start();
    CacheManager cache(settings);
    cache.start();
    if (!waitFor(
            [&] {
                return backend.client()->state() == RedisClient::State::Connected &&
                       cache.activeBackend() == BackendKind::Redis;
            },
            5000)) {
        fail(QStringLiteral("could not connect to redis-server on port %1").arg(redis.port()));
        return 1;
    }
    const QString ns = QStringLiteral("bench");
    // As many keys as operations in flight, read in turn: reads of one key in flight share
    // one GET (single flight), which is measured on its own below.
    QStringList keys;
    for (int i = 0; i < InFlight; ++i) {
        keys.append(QStringLiteral("item:%1").arg(i));
        (void)cache.set(keys.last(), QByteArray("xxx"), 3600, ns);
    }
    const QByteArray lastKey = "fastapi-cache:bench:" + keys.last().toUtf8();
    waitFor([&] { return redis.command({"EXISTS", lastKey}) == "1"; }, 2000);

    auto backendGet = [&](std::function<void(bool)> done) {
        backend.get(BenchKey, [done = std::move(done)](Result<std::optional<QByteArray>> r) {
            done(r.ok() && r.value.has_value());
        });
    };
    // The same with a pool of one connection: every command issued in one event-loop pass
    // leaves in one write.
    RedisSettings single = settings.redis;
    single.maxConnections = 1;
    RedisBackend singleBackend(single);
    singleBackend.client()->start();
    waitFor([&] { return singleBackend.client()->state() == RedisClient::State::Connected; }, 5000);
    auto singleGet = [&](std::function<void(bool)> done) {
        singleBackend.get(BenchKey, [done = std::move(done)](Result<std::optional<QByteArray>> r) {
            done(r.ok() && r.value.has_value());
        });
    };
    // As a caller consumes it: a finished future at once, else a continuation.
    auto managerGetOf = [&](const QString &key, std::function<void(bool)> done) {
        QFuture<Result<std::optional<CacheValue>>> f = cache.get(key, ns);
        auto handle = [done = std::move(done)](const Result<std::optional<CacheValue>> &r) {
            done(r.ok() && r.value.has_value());
        };
        if (f.isFinished())
            handle(f.result());
        else
            (void)f.then(&cache, handle);
    };
    qsizetype nextKey = 0;
    auto managerGet = [&](std::function<void(bool)> done) {
        managerGetOf(keys.at(nextKey++ % keys.size()), std::move(done));
    };
    auto hotKeyGet = [&](std::function<void(bool)> done) {
        managerGetOf(keys.first(), std::move(done));
    };

    // Warm up: the pool grows while commands queue up.
    keepInFlight(InFlight, 0.3, backendGet);
    keepInFlight(InFlight, 0.3, managerGet);
    keepInFlight(InFlight, 0.3, singleGet);

    // BENCH_PROFILE=backend|manager|single runs one contender alone for 5 s, for perf record.
    const QString profile = qEnvironmentVariable("BENCH_PROFILE");
    if (!profile.isEmpty()) {
        using Issue = std::function<void(std::function<void(bool)>)>;
        const Issue chosen = profile == QLatin1String("manager")  ? Issue(managerGet)
                             : profile == QLatin1String("single") ? Issue(singleGet)
                                                                  : Issue(backendGet);
        const Throughput t = keepInFlight(InFlight, 5.0, chosen);
        std::printf("%s: %.0f GET/s, %lld GETs\n", qPrintable(profile), t.opsPerSecond,
                    t.completed);
        return 0;
    }

    QList<double> reference, unpipelined, viaBackend, viaBackendWide, viaSingle, viaManager,
        viaHotKey;
    qint64 errors = 0;
    const QStringList pipelinedArgs{
        QStringLiteral("-P"), QStringLiteral("16"),  QStringLiteral("-c"), QStringLiteral("64"),
        QStringLiteral("-t"), QStringLiteral("get"), QStringLiteral("-n"), requests};
    const QStringList plainArgs{
        QStringLiteral("-c"), QStringLiteral("64"),
        QStringLiteral("-t"), QStringLiteral("get"),
        QStringLiteral("-n"), quick ? QStringLiteral("100000") : QStringLiteral("300000")};
    for (int r = 0; r < rounds; ++r) {
        if (!appendRedisBenchmarkGet(redis.port(), pipelinedArgs, reference))
            return 1;
        const Throughput b = keepInFlight(InFlight, seconds, backendGet);
        viaBackend.append(b.opsPerSecond);
        const Throughput w = keepInFlight(ReferenceInFlight, seconds, backendGet);
        viaBackendWide.append(w.opsPerSecond);
        const Throughput m = keepInFlight(InFlight, seconds, managerGet);
        viaManager.append(m.opsPerSecond);
        const Throughput s1 = keepInFlight(InFlight, seconds, singleGet);
        viaSingle.append(s1.opsPerSecond);
        const Throughput h = keepInFlight(InFlight, seconds, hotKeyGet);
        viaHotKey.append(h.opsPerSecond);
        errors += b.errors + w.errors + m.errors + s1.errors + h.errors;
        if (!appendRedisBenchmarkGet(redis.port(), plainArgs, unpipelined))
            return 1;
    }

    report.section(QStringLiteral("GET, 3-byte value, each against redis-benchmark with as many "
                                  "in flight, median of %1 rounds")
                       .arg(rounds));
    const QString refName = QStringLiteral("redis-benchmark -P 16 -c 64");
    const QString plainName = QStringLiteral("redis-benchmark -c 64");
    if (errors)
        report.note(QStringLiteral("ERROR: %1 operations failed or missed").arg(errors));
    report.ratio(QStringLiteral("RedisBackend::get, 1,024 in flight"), median(viaBackendWide),
                 QStringLiteral("GET/s"), refName, median(reference), 0.5);
    report.ratio(QStringLiteral("RedisBackend::get, 64 in flight"), median(viaBackend),
                 QStringLiteral("GET/s"), plainName, median(unpipelined), 0.5);
    report.ratio(QStringLiteral("CacheManager::get (redis), 64 in flight"), median(viaManager),
                 QStringLiteral("GET/s"), plainName, median(unpipelined));
    report.ratio(QStringLiteral("CacheManager::get (redis), one hot key, 64 in flight (reads "
                                "shared)"),
                 median(viaHotKey), QStringLiteral("GET/s"), plainName, median(unpipelined));
    report.ratio(QStringLiteral("RedisBackend::get, 64 in flight, max_connections=1"),
                 median(viaSingle), QStringLiteral("GET/s"), plainName, median(unpipelined));
    report.note(QStringLiteral("across depths (64 in flight against %1): %2x")
                    .arg(refName)
                    .arg(median(viaBackend) / median(reference), 0, 'f', 3));
    return errors ? 1 : 0;
}
