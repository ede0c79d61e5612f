// Memory backend: GET (hit) and SET per second through CacheManager and through
// MemoryBackend directly, each as a ratio to a plain QHash doing the same work in the same run.
#include "benchsupport.h"

#include "cachemanager.h"
#include "keyspace.h"
#include "memorybackend.h"

#include <QCoreApplication>
#include <QHash>
#include <QRandomGenerator>

#include <algorithm>
#include <numeric>

using namespace qrc;
using namespace qrc::bench;

namespace {

constexpr int KeyCount = 10000;

// The body of GET /items/<id> in the demo API, and the attributes the route wrapper keeps.
CacheValue itemValue(int id) {
    CacheValue v;
    v.data = QStringLiteral(
                 R"({"id":%1,"name":"Item %1","description":"Demo item number %1","price":%2})")
                 .arg(id)
                 .arg(id * 1.25)
                 .toUtf8();
    v.contentType = "application/json";
    v.attributes = {{"status", "200"}, {"etag", "\"" + QByteArray::number(id * 7919, 16) + "\""}};
    return v;
}

Settings memorySettings(bool statistics) {
    Settings s;
    s.redis.enabled = false;
    s.cache.statisticsEnabled = statistics;
    return s;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const bool quick = quickMode();
    const double seconds = quick ? 0.15 : 0.5;
    const int rounds = quick ? 3 : 5;
    Report report(QStringLiteral("memory"));

    const QString ns = QStringLiteral("bench");
    CacheManager cache(memorySettings(true));
    CacheManager quiet(memorySettings(false)); // the same with statistics off, to see their cost
    cache.start();
    quiet.start();
    const Keyspace keyspace(cache.settings().cache.namespacePrefix);

    QList<QString> keys;
    QList<QByteArray> fullKeys;
    QList<CacheValue> values;
    QList<QByteArray> stored;
    QHash<QByteArray, QByteArray> reference;
    reference.reserve(KeyCount);
    for (int i = 0; i < KeyCount; ++i) {
        keys.append(QStringLiteral("item:%1").arg(i));
        fullKeys.append(keyspace.fullKey(ns, keys.last()));
        values.append(itemValue(i));
        (void)cache.set(keys[i], values[i], 3600, ns).result();
        (void)quiet.set(keys[i], values[i], 3600, ns).result();
        // The reference holds exactly the bytes the backend stores.
        stored.append(*cache.memoryBackend()->find(fullKeys[i]));
        reference.insert(fullKeys[i], stored[i]);
    }
    MemoryBackend *backend = cache.memoryBackend();

    // One random order shared by every contender, so they touch memory the same way.
    QList<int> order(KeyCount);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), QRandomGenerator(42));

    report.section(QStringLiteral("GET hit, single thread, %1 keys, %2-byte stored values")
                       .arg(KeyCount)
                       .arg(reference.begin()->size()));
    QList<double> hashGet, findGet, managerGet, quietGet;
    qsizetype pos = 0;
    auto next = [&] {
        const int i = order[pos];
        pos = pos + 1 == order.size() ? 0 : pos + 1;
        return i;
    };
    for (int r = 0; r < rounds; ++r) {
        hashGet.append(opsPerSecond(
            [&](int n) {
                qint64 sum = 0;
                for (int k = 0; k < n; ++k)
                    sum += reference.constFind(fullKeys[next()])->size();
                consume(sum);
            },
            seconds));
        findGet.append(opsPerSecond(
            [&](int n) {
                qint64 sum = 0;
                for (int k = 0; k < n; ++k)
                    sum += backend->find(fullKeys[next()])->size();
                consume(sum);
            },
            seconds));
        managerGet.append(opsPerSecond(
            [&](int n) {
                qint64 sum = 0;
                for (int k = 0; k < n; ++k)
                    sum += cache.get(keys[next()], ns).result().value->data.size();
                consume(sum);
            },
            seconds));
        quietGet.append(opsPerSecond(
            [&](int n) {
                qint64 sum = 0;
                for (int k = 0; k < n; ++k)
                    sum += quiet.get(keys[next()], ns).result().value->data.size();
                consume(sum);
            },
            seconds));
    }
    const double hashGetOps = median(hashGet);
    report.note(QStringLiteral("QHash<QByteArray,QByteArray>::constFind: %1 ops/s")
                    .arg(hashGetOps, 0, 'f', 0));
    report.ratio(QStringLiteral("MemoryBackend::find hit"), median(findGet),
                 QStringLiteral("ops/s"), QStringLiteral("QHash lookup"), hashGetOps);
    report.ratio(QStringLiteral("CacheManager::get hit (memory)"), median(managerGet),
                 QStringLiteral("ops/s"), QStringLiteral("QHash lookup"), hashGetOps);
    report.ratio(QStringLiteral("CacheManager::get hit, statistics off"), median(quietGet),
                 QStringLiteral("ops/s"), QStringLiteral("QHash lookup"), hashGetOps);

    report.section(QStringLiteral("SET (overwrite), single thread"));
    QList<double> hashSet, backendSet, managerSet;
    for (int r = 0; r < rounds; ++r) {
        hashSet.append(opsPerSecond(
            [&](int n) {
                for (int k = 0; k < n; ++k) {
                    const int i = next();
                    reference.insert(fullKeys[i], stored[i]);
                }
            },
            seconds));
        backendSet.append(opsPerSecond(
            [&](int n) {
                qint64 ok = 0;
                for (int k = 0; k < n; ++k) {
                    const int i = next();
                    backend->set(fullKeys[i], stored[i], 3600,
                                 [&ok](Result<bool> res) { ok += res.value; });
                }
                consume(ok);
            },
            seconds));
        managerSet.append(opsPerSecond(
            [&](int n) {
                qint64 ok = 0;
                for (int k = 0; k < n; ++k) {
                    const int i = next();
                    ok += cache.set(keys[i], values[i], std::nullopt, ns).result().value;
                }
                consume(ok);
            },
            seconds));
    }
    const double hashSetOps = median(hashSet);
    report.note(QStringLiteral("QHash<QByteArray,QByteArray>::insert (overwrite): %1 ops/s")
                    .arg(hashSetOps, 0, 'f', 0));
    report.ratio(QStringLiteral("MemoryBackend::set"), median(backendSet), QStringLiteral("ops/s"),
                 QStringLiteral("QHash insert"), hashSetOps);
    report.ratio(QStringLiteral("CacheManager::set (memory, encodes)"), median(managerSet),
                 QStringLiteral("ops/s"), QStringLiteral("QHash insert"), hashSetOps);
    return 0;
}
