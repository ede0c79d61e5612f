// Pipelined GET throughput of the core against a Redis Cluster of 3 masters on loopback, as a
// ratio to `redis-benchmark --cluster` on the same nodes in the same run (issue 17: at least
// 0.5x). Each contender is compared with the reference keeping as many GETs in flight: a
// client with 64 in flight waits for round trips that one with 1,024 does not, so a ratio
// across depths says more about the depth than about either client.
// - RedisBackend (the cluster client: slot map, one pipeline per node) with 1,024 in flight,
//   against `redis-benchmark --cluster -P 16 -c 64` (64 clients x 16): the target row;
// - RedisBackend and CacheManager::get with 64 in flight over 64 keys spread over the slots,
//   against `redis-benchmark --cluster -c 64` (64 clients x 1).
#include "benchsupport.h"

#include "cachemanager.h"
#include "keyspace.h"
#include "redisbackend.h"

#include <QCoreApplication>
#include <QProcess>

#include <array>
#include <cstdio>

using namespace qrc;
using namespace qrc::bench;

namespace {

constexpr int InFlight = 64;               // redis-benchmark -c 64
constexpr int ReferenceInFlight = 64 * 16; // redis-benchmark -c 64 -P 16

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const bool quick = quickMode();
    const double seconds = quick ? 0.5 : 2.0;
    const int rounds = 3;
    Report report(QStringLiteral("cluster"));

    std::array<RedisProcess, 3> nodes;
    QStringList addresses;
    QString error;
    for (RedisProcess &node : nodes) {
        if (!node.start(&error,
                        {QStringLiteral("--cluster-enabled"), QStringLiteral("yes"),
                         QStringLiteral("--cluster-config-file"), QStringLiteral("nodes.conf")})) {
            fail(error);
            return 1;
        }
        addresses << QStringLiteral("127.0.0.1:%1").arg(node.port());
    }
    QProcess create;
    create.setProcessChannelMode(QProcess::MergedChannels);
    create.start(QStringLiteral("redis-cli"),
                 QStringList{QStringLiteral("--cluster"), QStringLiteral("create")} + addresses +
                     QStringList{QStringLiteral("--cluster-yes")});
    if (!create.waitForFinished(30000) || create.exitCode() != 0) {
        fail(QStringLiteral("redis-cli --cluster create failed: ") +
             QString::fromLocal8Bit(create.readAll()));
        return 1;
    }
    if (!waitFor(
            [&] {
                for (const RedisProcess &node : nodes)
                    if (!node.command({"CLUSTER", "INFO"}).contains("cluster_state:ok"))
                        return false;
                return true;
            },
            10000)) {
        fail(QStringLiteral("the cluster did not reach cluster_state:ok"));
        return 1;
    }

    Settings settings;
    settings.redis.clusterNodes = addresses;
    RedisBackend backend(settings.redis);
    backend.client()->start();
    CacheManager cache(settings);
    cache.start();
    if (!waitFor(
            [&] {
                return backend.client()->state() == RedisClient::State::Connected &&
                       cache.activeBackend() == BackendKind::Redis;
            },
            10000)) {
        fail(QStringLiteral("could not connect to the cluster"));
        return 1;
    }
    // 64 keys, so that every master holds some: the pipelines of all three nodes are in use.
    const QString ns = QStringLiteral("bench");
    QStringList keys;
    QList<QByteArray> fullKeys;
    int stored = 0;
    for (int i = 0; i < InFlight; ++i) {
        keys.append(QStringLiteral("item:%1").arg(i));
        fullKeys.append(cache.keyspace().fullKey(ns, keys.last()));
        cache.set(keys.last(), QByteArray("xxx"), 3600, ns).then(&cache, [&stored](Result<bool> r) {
            stored += r.ok() ? 1 : 0;
        });
    }
    if (!waitFor([&] { return stored == InFlight; }, 10000)) {
        fail(QStringLiteral("could not store the keys"));
        return 1;
    }

    qsizetype next = 0;
    auto backendGet = [&](std::function<void(bool)> done) {
        backend.get(fullKeys.at(next++ % fullKeys.size()),
                    [done = std::move(done)](Result<std::optional<QByteArray>> r) {
                        done(r.ok() && r.value.has_value());
                    });
    };
    auto managerGet = [&](std::function<void(bool)> done) {
        QFuture<Result<std::optional<CacheValue>>> f = cache.get(keys.at(next++ % keys.size()), ns);
        auto handle = [done = std::move(done)](const Result<std::optional<CacheValue>> &r) {
            done(r.ok() && r.value.has_value());
        };
        if (f.isFinished())
            handle(f.result());
        else
            (void)f.then(&cache, handle);
    };
    keepInFlight(InFlight, 0.3, backendGet); // warm up: the pools grow
    keepInFlight(InFlight, 0.3, managerGet);
    // BENCH_PROFILE=backend|manager|backend1024 runs one contender alone for 5 s, for a
    // profiler (BENCH_PROFILE_SECONDS to change that).
    const QString profile = qEnvironmentVariable("BENCH_PROFILE");
    if (!profile.isEmpty()) {
        using Issue = std::function<void(std::function<void(bool)>)>;
        const double profileSeconds = qEnvironmentVariable("BENCH_PROFILE_SECONDS", "5").toDouble();
        const Throughput t = keepInFlight(
            profile == QLatin1String("backend1024") ? ReferenceInFlight : InFlight, profileSeconds,
            profile == QLatin1String("manager") ? Issue(managerGet) : Issue(backendGet));
        std::printf("%s: %.0f GET/s, %lld GETs, %lld failed or missed\n", qPrintable(profile),
                    t.opsPerSecond, t.completed, t.errors);
        return 0;
    }

    const QStringList referenceArgs{QStringLiteral("--cluster"),
                                    QStringLiteral("-P"),
                                    QStringLiteral("16"),
                                    QStringLiteral("-c"),
                                    QStringLiteral("64"),
                                    QStringLiteral("-t"),
                                    QStringLiteral("get"),
                                    QStringLiteral("-n"),
                                    quick ? QStringLiteral("200000") : QStringLiteral("1000000")};
    // Without pipelining redis-benchmark does a fifth as many GETs per second: fewer of them.
    QStringList shallowArgs{QStringLiteral("--cluster"),
                            QStringLiteral("-c"),
                            QStringLiteral("64"),
                            QStringLiteral("-t"),
                            QStringLiteral("get"),
                            QStringLiteral("-n"),
                            quick ? QStringLiteral("50000") : QStringLiteral("250000")};
    QList<double> reference, shallowReference, viaBackend, viaBackendWide, viaManager;
    qint64 errors = 0;
    std::array<qint64, 3> errorsOf{}; // backend 64, backend 1,024, manager
    for (int r = 0; r < rounds; ++r) {
        if (!appendRedisBenchmarkGet(nodes.front().port(), referenceArgs, reference))
            return 1;
        if (!appendRedisBenchmarkGet(nodes.front().port(), shallowArgs, shallowReference))
            return 1;
        const Throughput b = keepInFlight(InFlight, seconds, backendGet);
        viaBackend.append(b.opsPerSecond);
        const Throughput w = keepInFlight(ReferenceInFlight, seconds, backendGet);
        viaBackendWide.append(w.opsPerSecond);
        const Throughput m = keepInFlight(InFlight, seconds, managerGet);
        viaManager.append(m.opsPerSecond);
        errors += b.errors + w.errors + m.errors;
        errorsOf[0] += b.errors;
        errorsOf[1] += w.errors;
        errorsOf[2] += m.errors;
    }

    report.section(QStringLiteral("Cluster of 3 masters, GET, 3-byte value, each against "
                                  "redis-benchmark with as many in flight, median of %1 rounds")
                       .arg(rounds));
    const QString refName = QStringLiteral("redis-benchmark --cluster -P 16 -c 64");
    const QString shallowName = QStringLiteral("redis-benchmark --cluster -c 64");
    if (errors)
        report.note(QStringLiteral("ERROR: %1 operations failed or missed (backend 64 in flight: "
                                   "%2, backend 1,024: %3, manager: %4)")
                        .arg(errors)
                        .arg(errorsOf[0])
                        .arg(errorsOf[1])
                        .arg(errorsOf[2]));
    report.ratio(QStringLiteral("RedisBackend::get (cluster), 1,024 in flight"),
                 median(viaBackendWide), QStringLiteral("GET/s"), refName, median(reference), 0.5);
    report.ratio(QStringLiteral("RedisBackend::get (cluster), 64 in flight"), median(viaBackend),
                 QStringLiteral("GET/s"), shallowName, median(shallowReference), 0.5);
    report.ratio(QStringLiteral("CacheManager::get (cluster), 64 in flight"), median(viaManager),
                 QStringLiteral("GET/s"), shallowName, median(shallowReference));
    report.note(QStringLiteral("across depths (64 in flight against %1): %2x")
                    .arg(refName)
                    .arg(median(viaBackend) / median(reference), 0, 'f', 3));
    return errors ? 1 : 0;
}
