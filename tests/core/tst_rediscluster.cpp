// Redis Cluster, with real processes: three masters (and three replicas for the fail-over test)
// on free loopback ports, joined by redis-cli --cluster create.
#include "cachemanager.h"
#include "futurewait.h"
#include "keybrowser.h"
#include "nearcache.h"
#include "ratelimit/redisratelimitstorage.h"
#include "redisclient.h"
#include "rediscluster.h"
#include "redisserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

using namespace qrc;
using qrc::test::await;
using qrc::test::RedisServer;

namespace {

class ClusterGroup {
public:
    bool start(int masters, int replicasPerMaster) {
        const int total = masters * (1 + replicasPerMaster);
        QStringList addresses;
        for (int i = 0; i < total; ++i) {
            auto server = std::make_unique<RedisServer>();
            if (!server->start({QStringLiteral("--cluster-enabled"), QStringLiteral("yes"),
                                QStringLiteral("--cluster-node-timeout"), QStringLiteral("1000"),
                                QStringLiteral("--cluster-config-file"),
                                QStringLiteral("nodes.conf")}))
                return fail(server->lastError());
            addresses << QStringLiteral("127.0.0.1:%1").arg(server->port());
            nodes.push_back(std::move(server));
        }
        QProcess create;
        create.setProcessChannelMode(QProcess::MergedChannels);
        create.start(
            QStringLiteral("redis-cli"),
            QStringList{QStringLiteral("--cluster"), QStringLiteral("create")} + addresses +
                QStringList{QStringLiteral("--cluster-replicas"),
                            QString::number(replicasPerMaster), QStringLiteral("--cluster-yes")});
        if (!create.waitForFinished(30000) || create.exitCode() != 0)
            return fail(QStringLiteral("redis-cli --cluster create failed: ") +
                        QString::fromLocal8Bit(create.readAll()));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            bool ok = true;
            for (const auto &n : nodes) {
                ok = ok && n->command({"CLUSTER", "INFO"}).contains("cluster_state:ok");
                // A replica that never finished its first sync refuses to take over.
                if (n->command({"ROLE"}).startsWith("slave"))
                    ok =
                        ok && n->command({"INFO", "replication"}).contains("master_link_status:up");
            }
            if (ok && masterNodes().size() == masters)
                return true;
            QTest::qWait(100);
        }
        return fail(QStringLiteral("the cluster did not reach cluster_state:ok"));
    }
    bool waitUntilOk() const {
        return QTest::qWaitFor(
            [this] {
                for (const auto &n : nodes)
                    if (n->isRunning() &&
                        !n->command({"CLUSTER", "INFO"}).contains("cluster_state:ok"))
                        return false;
                return true;
            },
            20000);
    }
    QList<RedisServer *> masterNodes() const {
        QList<RedisServer *> out;
        for (const auto &n : nodes)
            if (n->isRunning() && n->command({"ROLE"}).startsWith("master"))
                out.append(n.get());
        return out;
    }
    RedisServer *ownerOf(const QByteArray &key) const {
        for (const auto &n : nodes)
            if (n->isRunning() && n->command({"ROLE"}).startsWith("master") &&
                !n->command({"EXISTS", key}).startsWith("ERR:MOVED"))
                return n.get();
        return nullptr;
    }
    QStringList seeds() const { return {QStringLiteral("127.0.0.1:%1").arg(nodes[0]->port())}; }
    bool fail(const QString &why) {
        error = why;
        return false;
    }

    std::vector<std::unique_ptr<RedisServer>> nodes;
    QString error;
};

// A slot half-way from one master to another, as redis-cli --cluster reshard leaves it
// between its steps.
struct Migration {
    RedisServer *source = nullptr;
    RedisServer *target = nullptr;
    QByteArray slot;

    void move(const QByteArray &key) const {
        QCOMPARE(source->command({"MIGRATE", "127.0.0.1", QByteArray::number(target->port()), "",
                                  "0", "5000", "KEYS", key}),
                 QByteArray("OK"));
    }
    void finish(const ClusterGroup &group) const {
        const QByteArray targetId = target->command({"CLUSTER", "MYID"});
        for (RedisServer *m : group.masterNodes())
            QCOMPARE(m->command({"CLUSTER", "SETSLOT", slot, "NODE", targetId}), QByteArray("OK"));
    }
};

RedisSettings settingsFor(const ClusterGroup &group) {
    RedisSettings s;
    s.host = QStringLiteral("unused.invalid");
    s.clusterNodes = group.seeds();
    s.socketTimeout = 1.0;
    s.socketConnectTimeout = 0.5;
    return s;
}

Result<RedisReply> run(RedisClient &client, const QList<QByteArray> &argv) {
    std::optional<Result<RedisReply>> out;
    client.execute(argv, [&out](Result<RedisReply> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10000))
        return Result<RedisReply>::failure(CacheError::protocol(QStringLiteral("no reply")));
    return *out;
}

QByteArray key(int i) {
    return "key:" + QByteArray::number(i);
}

} // namespace

class TestRedisCluster : public QObject {
    Q_OBJECT

    ClusterGroup m_cluster; // three masters, shared by the tests that do not break it

    // `a` = "1" and `b` = "2", two keys of one slot, of which `a` alone has moved to the
    // slot's next master: a command naming both gets TRYAGAIN. Empty when it failed.
    Migration halfMovedPair(RedisClient &client, const QByteArray &a, const QByteArray &b) {
        if (run(client, {"SET", a, "1"}).value.string != "OK" ||
            run(client, {"SET", b, "2"}).value.string != "OK")
            return {};
        const Migration migration = startMigration(a);
        if (migration.source && migration.target)
            migration.move(a);
        return migration;
    }

    // Marks the slot of `key` as moving from its master to another one; no key is moved yet.
    Migration startMigration(const QByteArray &key) {
        Migration m;
        m.source = m_cluster.ownerOf(key);
        for (RedisServer *master : m_cluster.masterNodes())
            if (master != m.source)
                m.target = master;
        if (!m.source || !m.target)
            return m;
        m.slot = QByteArray::number(RedisCluster::slotOf(key));
        const QByteArray sourceId = m.source->command({"CLUSTER", "MYID"});
        const QByteArray targetId = m.target->command({"CLUSTER", "MYID"});
        if (m.target->command({"CLUSTER", "SETSLOT", m.slot, "IMPORTING", sourceId}) != "OK" ||
            m.source->command({"CLUSTER", "SETSLOT", m.slot, "MIGRATING", targetId}) != "OK")
            return {};
        return m;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_cluster.start(3, 0), qPrintable(m_cluster.error)); }

    void slotOfAgreesWithClusterKeyslotAndHonoursHashTags() {
        QCOMPARE(RedisCluster::slotOf("123456789"), quint16(12739)); // the specification's
        const QList<QByteArray> keys{"",
                                     "a",
                                     "ab",
                                     "abc",
                                     "abcd",
                                     "abcdefg",
                                     "fastapi-cache:default:item:1",
                                     "{user1000}.following",
                                     "{user1000}.followers",
                                     "foo{}{bar}",
                                     "foo{{bar}}zap",
                                     "foo{bar}{zap}",
                                     "{",
                                     "}{",
                                     "\xff\x00\x80 binary"};
        RedisServer *node = m_cluster.nodes[0].get();
        for (const QByteArray &k : keys)
            QCOMPARE(QByteArray::number(RedisCluster::slotOf(k)),
                     node->command({"CLUSTER", "KEYSLOT", k}));
        QCOMPARE(RedisCluster::slotOf("{user1000}.following"),
                 RedisCluster::slotOf("{user1000}.followers"));
    }

    void commandsReachTheMasterOwningEachKey() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QVERIFY2(client.endpoint().startsWith(QStringLiteral("cluster of 3 masters")),
                 qPrintable(client.endpoint()));
        for (int i = 0; i < 300; ++i)
            client.execute({"SET", "own:" + QByteArray::number(i), QByteArray::number(i)},
                           [](Result<RedisReply>) {});
        QCOMPARE(run(client, {"GET", "own:299"}).value.string, QByteArray("299"));
        int total = 0;
        for (RedisServer *master : m_cluster.masterNodes()) {
            const int here = master->command({"DBSIZE"}).toInt();
            QVERIFY2(here > 0, "every master holds some of the keys");
            total += here;
        }
        QVERIFY(total >= 300);
        QCOMPARE(m_cluster.ownerOf("own:7")->command({"GET", "own:7"}), QByteArray("7"));
        for (int i = 0; i < 300; ++i)
            client.execute({"DEL", "own:" + QByteArray::number(i)}, [](Result<RedisReply>) {});
        QCOMPARE(run(client, {"EXISTS", "own:0"}).value.integer, 0);
    }

    void multiKeyUnlinkAndExistsAreSplitBySlot() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QList<QByteArray> exists{"EXISTS"};
        for (int i = 0; i < 100; ++i) {
            QCOMPARE(run(client, {"SET", key(i), "v"}).value.string, QByteArray("OK"));
            exists.append(key(i));
        }
        exists.append("key:missing");
        const auto counted = run(client, exists);
        QVERIFY2(counted.ok() && !counted.value.isError(), counted.value.string.constData());
        QCOMPARE(counted.value.integer, 100);
        QList<QByteArray> unlink = exists;
        unlink[0] = "UNLINK";
        QCOMPARE(run(client, unlink).value.integer, 100);
        QCOMPARE(run(client, exists).value.integer, 0);
    }

    void pipelineSpreadOverNodesKeepsReplyOrder() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QList<QList<QByteArray>> commands;
        for (int i = 0; i < 200; ++i)
            commands.append({"SET", "pipe:" + QByteArray::number(i), QByteArray::number(i)});
        for (int i = 0; i < 200; ++i)
            commands.append({"GET", "pipe:" + QByteArray::number(i)});
        std::optional<Result<QList<RedisReply>>> out;
        client.executePipeline(commands, [&out](Result<QList<RedisReply>> r) { out = r; });
        QTRY_VERIFY(out.has_value());
        QVERIFY(out->ok());
        for (int i = 0; i < 200; ++i)
            QCOMPARE(out->value.at(200 + i).string, QByteArray::number(i));
    }

    void scanWalksEveryMasterBehindOneCursor() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QSet<QByteArray> written;
        for (int i = 0; i < 250; ++i) {
            written.insert("scan:" + QByteArray::number(i));
            client.execute({"SET", "scan:" + QByteArray::number(i), "v"},
                           [](Result<RedisReply>) {});
        }
        QCOMPARE(run(client, {"GET", "scan:249"}).value.string, QByteArray("v"));
        QSet<QByteArray> seen;
        QByteArray cursor = "0";
        int pages = 0;
        do {
            const auto page = run(client, {"SCAN", cursor, "MATCH", "scan:*", "COUNT", "50"});
            QVERIFY2(page.ok() && page.value.type == RedisReply::Type::Array,
                     page.value.string.constData());
            cursor = page.value.elements[0].string;
            for (const RedisReply &k : page.value.elements[1].elements)
                seen.insert(k.string);
            QVERIFY(++pages < 1000);
        } while (cursor != "0");
        QCOMPARE(seen, written);
        QCOMPARE(run(client, {"SCAN", "c:99:0"}).value.isError(), true);
    }

    void askAndMovedAreFollowedWhileASlotMigrates() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        const QByteArray k = "migrating-key";
        QCOMPARE(run(client, {"SET", k, "before"}).value.string, QByteArray("OK"));
        const Migration migration = startMigration(k);
        QVERIFY(migration.source && migration.target);
        migration.move(k);
        // Mid-migration the source answers ASK for a key it no longer has.
        QVERIFY(migration.source->command({"GET", k}).startsWith("ERR:ASK"));
        QCOMPARE(run(client, {"GET", k}).value.string, QByteArray("before"));

        migration.finish(m_cluster);
        QVERIFY(migration.source->command({"GET", k}).startsWith("ERR:MOVED"));
        QCOMPARE(run(client, {"SET", k, "after"}).value.string, QByteArray("OK"));
        QCOMPARE(migration.target->command({"GET", k}), QByteArray("after"));
    }

    // A multi-key command whose keys are half moved answers TRYAGAIN: the client waits and
    // sends it again, and once the slot has settled the command succeeds.
    void tryAgainDuringAMultiKeyMigrationIsRetriedUntilTheSlotSettles() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        const QByteArray a = "{settling}a";
        const QByteArray b = "{settling}b";
        Migration migration = halfMovedPair(client, a, b);
        QVERIFY(migration.source && migration.target);
        QVERIFY(migration.source->command({"EXISTS", a, b}).startsWith("ERR:TRYAGAIN"));

        // A timer owned by this test, so that it cannot fire into a later one.
        QTimer settle;
        settle.setSingleShot(true);
        connect(&settle, &QTimer::timeout, this, [&] {
            migration.move(b);
            migration.finish(m_cluster);
        });
        settle.start(120);
        const Result<RedisReply> r = run(client, {"EXISTS", a, b});
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY2(!r.value.isError(), r.value.string.constData());
        QCOMPARE(r.value.integer, 2);
        QCOMPARE(migration.target->command({"GET", b}), QByteArray("2"));
    }

    // A slot that stays in the middle of a migration: the retries are bounded, and the caller
    // gets Redis' own TRYAGAIN answer instead of waiting for ever.
    void tryAgainThatNeverSettlesEndsAfterBoundedRetries() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        const QByteArray a = "{stuck}a";
        const QByteArray b = "{stuck}b";
        Migration migration = halfMovedPair(client, a, b);
        QVERIFY(migration.source && migration.target);

        QElapsedTimer timer;
        timer.start();
        const Result<RedisReply> r = run(client, {"EXISTS", a, b});
        const qint64 took = timer.elapsed();
        migration.move(b);
        migration.finish(m_cluster);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(r.value.isError());
        QVERIFY2(r.value.string.startsWith("TRYAGAIN"), r.value.string.constData());
        // Five retries 50 ms apart: well under the caller's 10 s bound, and not at once.
        QVERIFY2(took >= 200 && took < 3000, qPrintable(QString::number(took)));
        QCOMPARE(run(client, {"EXISTS", a, b}).value.integer, 2);
    }

    // Two masters that each name the other as the owner of a slot send a command back and
    // forth for ever; the client stops after its redirect limit with Redis' MOVED error.
    void movedBackAndForthEndsAfterTheRedirectLimit() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        const QByteArray k =
            "ping-pong-key"; // never written: a slot with keys cannot be given away
        RedisServer *owner = m_cluster.ownerOf(k);
        QVERIFY(owner);
        RedisServer *other = nullptr;
        for (RedisServer *master : m_cluster.masterNodes())
            if (master != owner)
                other = master;
        const QByteArray slot = QByteArray::number(RedisCluster::slotOf(k));
        const QByteArray ownerId = owner->command({"CLUSTER", "MYID"});
        const QByteArray otherId = other->command({"CLUSTER", "MYID"});
        QCOMPARE(owner->command({"CLUSTER", "SETSLOT", slot, "NODE", otherId}), QByteArray("OK"));
        QVERIFY(owner->command({"GET", k}).startsWith("ERR:MOVED"));
        QVERIFY(other->command({"GET", k}).startsWith("ERR:MOVED"));

        const Result<RedisReply> r = run(client, {"GET", k});
        QCOMPARE(owner->command({"CLUSTER", "SETSLOT", slot, "NODE", ownerId}), QByteArray("OK"));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(r.value.isError());
        QVERIFY2(r.value.string.startsWith("MOVED"), r.value.string.constData());
        QVERIFY(m_cluster.waitUntilOk());
        QCOMPARE(run(client, {"SET", k, "served"}).value.string, QByteArray("OK"));
        QCOMPARE(owner->command({"GET", k}), QByteArray("served"));
    }

    // A slot no master serves answers CLUSTERDOWN: the client retries, and a slot served
    // again within the retries is answered as if nothing happened.
    void clusterDownForAnUnservedSlotIsRetriedUntilItIsServedAgain() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        const QByteArray k = "unserved-key";
        QCOMPARE(run(client, {"SET", k, "kept"}).value.string, QByteArray("OK"));
        RedisServer *owner = m_cluster.ownerOf(k);
        QVERIFY(owner);
        const QByteArray slot = QByteArray::number(RedisCluster::slotOf(k));
        QCOMPARE(owner->command({"CLUSTER", "DELSLOTS", slot}), QByteArray("OK"));
        QVERIFY(owner->command({"GET", k}).startsWith("ERR:CLUSTERDOWN"));

        QTimer serveAgain;
        serveAgain.setSingleShot(true);
        connect(&serveAgain, &QTimer::timeout, this, [owner, slot] {
            QCOMPARE(owner->command({"CLUSTER", "ADDSLOTS", slot}), QByteArray("OK"));
        });
        serveAgain.start(120);
        const Result<RedisReply> r = run(client, {"GET", k});
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY2(!r.value.isError(), r.value.string.constData());
        QCOMPARE(r.value.string, QByteArray("kept"));
        QVERIFY(m_cluster.waitUntilOk());
    }

    void cacheClearsANamespaceOnEveryMasterAndBrowsesAcrossNodes() {
        Settings s;
        s.redis = settingsFor(m_cluster);
        s.cache.namespacePrefix = QStringLiteral("cl");
        CacheManager cache(s);
        cache.start();
        QTRY_COMPARE(cache.activeBackend(), BackendKind::Redis);
        for (int i = 0; i < 120; ++i)
            QVERIFY(
                await(cache.set(QStringLiteral("a%1").arg(i), QByteArray("x"), 600, "ns-a")).ok());
        for (int i = 0; i < 30; ++i)
            QVERIFY(
                await(cache.set(QStringLiteral("b%1").arg(i), QByteArray("y"), 600, "ns-b")).ok());
        QStringList many;
        for (int i = 0; i < 120; ++i)
            many << QStringLiteral("a%1").arg(i);
        QCOMPARE(await(cache.exists(many, "ns-a")).value, 120);

        // The console's key browsing: pages of 25 across the three masters, one cursor.
        KeyBrowser browser(&cache);
        QSet<QString> listed;
        QString cursor;
        int pages = 0;
        do {
            const auto page = await(browser.listKeys(QStringLiteral("ns-a"), {}, cursor, 25));
            QVERIFY2(page.ok(), qPrintable(page.error.message));
            for (const KeyListEntry &e : page.value.keys) {
                listed.insert(e.key);
                // MEMORY USAGE is routed by its key (the third word), on every master.
                QVERIFY2(e.memory > 0, qPrintable(e.key));
            }
            cursor = page.value.nextCursor;
            QVERIFY(++pages < 100);
        } while (!cursor.isEmpty());
        QCOMPARE(listed.size(), 120);
        QVERIFY(pages >= 3);
        // A hash's members, read on whichever master owns it.
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QVERIFY(run(client, {"HSET", "cl:ns-a:h", "f1", "v1", "f2", "v2"}).ok());
        const auto members =
            await(browser.collection(QStringLiteral("h"), QStringLiteral("ns-a"), {}, 10));
        QVERIFY2(members.ok(), qPrintable(members.error.message));
        QVERIFY(members.value.has_value());
        QCOMPARE(members.value->type, QStringLiteral("hash"));
        QCOMPARE(members.value->page.total, 2);
        QCOMPARE(members.value->page.items.size(), 2);
        QVERIFY(run(client, {"DEL", "cl:ns-a:h"}).ok());
        const auto biggest = await(browser.biggestKeys(QStringLiteral("ns-a"), 5, 1000));
        QVERIFY2(biggest.ok(), qPrintable(biggest.error.message));
        QCOMPARE(biggest.value.sampled, 120);
        QCOMPARE(biggest.value.keys.size(), 5);

        const auto cleared = await(cache.clear("ns-a"));
        QVERIFY2(cleared.ok(), qPrintable(cleared.error.message));
        QCOMPARE(cleared.value, 120);
        QCOMPARE(await(cache.exists(many, "ns-a")).value, 0);
        QCOMPARE(await(cache.get("b7", "ns-b")).value->data, QByteArray("y"));
        QCOMPARE(cache.activeBackend(), BackendKind::Redis);

        const auto removed = await(cache.clearAll());
        QVERIFY2(removed.ok(), qPrintable(removed.error.message));
        QCOMPARE(removed.value, 30);
    }

    void nearCacheTracksEveryMaster() {
        Settings settings;
        settings.redis = settingsFor(m_cluster);
        settings.cache.namespacePrefix = QStringLiteral("near");
        settings.cache.nearCache = true;
        CacheManager cache(settings);
        cache.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            cache.activeBackend() == BackendKind::Redis && cache.nearCache()->isActive(), 10000);
        // One invalidation connection per master.
        for (RedisServer *master : m_cluster.masterNodes())
            QCOMPARE(master->command({"PUBSUB", "NUMSUB", "__redis__:invalidate"}),
                     QByteArray("__redis__:invalidate\n1"));
        // Keys until every master owns at least one.
        QHash<RedisServer *, QByteArray> keyOn;
        for (int i = 0; keyOn.size() < 3 && i < 1000; ++i) {
            const QByteArray full = "near:ns:k" + QByteArray::number(i);
            keyOn.insert(m_cluster.ownerOf(full), full);
        }
        QCOMPARE(keyOn.size(), 3);
        for (auto it = keyOn.cbegin(); it != keyOn.cend(); ++it) {
            const QByteArray full = it.value();
            const QString key = QString::fromUtf8(full.mid(qstrlen("near:ns:")));
            QCOMPARE(it.key()->command({"SET", full, "old", "EX", "60"}), QByteArray("OK"));
            QVERIFY(QTest::qWaitFor(
                [&] {
                    (void)await(cache.get(key, "ns"));
                    return cache.nearCache()->find(full) != nullptr;
                },
                5000));
            // A plain client writes on that master: the copy goes, the next read sees it.
            QCOMPARE(it.key()->command({"SET", full, "new", "EX", "60"}), QByteArray("OK"));
            QTRY_VERIFY(cache.nearCache()->find(full) == nullptr);
            QCOMPARE(await(cache.get(key, "ns")).value->data, QByteArray("new"));
        }
    }

    void rateLimitScriptsRunOnTheSlotOfTheirHashTaggedKeys() {
        RedisClient client(settingsFor(m_cluster));
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        const auto limits = parseRateLimits(QStringLiteral("2/second;3/minute"));
        QVERIFY(limits.ok());
        // As RateLimiter builds them: one hash tag per scope and identity, several identities
        // so that the scripts run on different masters.
        for (int who = 0; who < 6; ++who) {
            for (RateLimitStrategy strategy :
                 {RateLimitStrategy::FixedWindow, RateLimitStrategy::MovingWindow,
                  RateLimitStrategy::SlidingWindowCounter}) {
                RedisRateLimitStorage storage(strategy, &client);
                const QByteArray tag = "rl:{/items|10.0.0." + QByteArray::number(who) + "|" +
                                       QByteArray::number(int(strategy)) + "}:";
                const QList<QByteArray> keys{tag + "2/1s", tag + "3/1m"};
                QList<bool> allowed;
                for (int i = 0; i < 3; ++i) {
                    std::optional<Result<RateLimitOutcome>> out;
                    storage.hit(limits.value, keys, 1'000'000,
                                [&out](Result<RateLimitOutcome> r) { out = std::move(r); });
                    QTRY_VERIFY(out.has_value());
                    QVERIFY2(out->ok(), qPrintable(out->error.message));
                    allowed.append(out->value.allowed);
                }
                QCOMPARE(allowed, QList<bool>({true, true, false}));
            }
        }
        // Keys of one script in different slots are refused before they reach Redis.
        const auto cross = run(client, {"EVAL", "return 1", "2", "a", "b"});
        QVERIFY(cross.ok() && cross.value.isError());
        QVERIFY(cross.value.string.startsWith("CROSSSLOT"));
    }

    void killedMasterFailsOverWithoutFailedRequestsOrStaleReads() {
        ClusterGroup group;
        QVERIFY2(group.start(3, 1), qPrintable(group.error));
        Settings s;
        s.redis = settingsFor(group);
        s.redis.socketTimeout = 0.5;
        s.cache.namespacePrefix = QStringLiteral("kill");
        CacheManager cache(s);
        cache.start();
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Redis, 10000);
        QVERIFY(await(cache.set("k", QByteArray("v1"), 600, "n")).ok());
        RedisServer *victim = group.ownerOf("kill:n:k");
        QVERIFY(victim);
        QVERIFY(victim->command({"WAIT", "1", "2000"}) == "1" ||
                victim->command({"INFO", "replication"}).contains("connected_slaves:1"));

        int requests = 0;
        int failures = 0;
        QStringList failureMessages;
        QTimer load;
        load.setInterval(5);
        connect(&load, &QTimer::timeout, this, [&] {
            const QString key = QStringLiteral("load%1").arg(requests % 50);
            ++requests;
            cache.set(key, QByteArray::number(requests), 600, QStringLiteral("n"))
                .then(this, [&](const Result<bool> &r) {
                    if (!r.ok()) {
                        ++failures;
                        failureMessages << r.error.message;
                    }
                });
            cache.get(key, QStringLiteral("n"))
                .then(this, [&](const Result<std::optional<CacheValue>> &r) {
                    if (!r.ok()) {
                        ++failures;
                        failureMessages << r.error.message;
                    }
                });
        });
        load.start();
        QElapsedTimer timer;
        timer.start();
        victim->kill();
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Memory, 5000);
        QVERIFY(await(cache.set("k", QByteArray("v2"), 600, "n")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Redis, 30000);
        const qint64 switchMs = timer.elapsed();
        const auto after = await(cache.get("k", "n"));
        QVERIFY2(after.ok(), qPrintable(after.error.message));
        QVERIFY2(!after.value.has_value() || after.value->data != "v1", "stale read of v1");
        const int before = requests;
        QTRY_VERIFY(requests > before + 20);
        load.stop();
        QVERIFY2(failures == 0, qPrintable(failureMessages.join(u'\n')));
        qInfo("cluster fail-over followed in %lld ms (kill to Redis in use again), %d requests, 0 "
              "failed",
              switchMs, requests * 2);
    }
};

QTEST_GUILESS_MAIN(TestRedisCluster)
#include "tst_rediscluster.moc"
