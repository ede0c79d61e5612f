// Redis Sentinel, with real processes: a master, a replica and three Sentinels on free loopback
// ports, and a master killed with SIGKILL.
#include "cachemanager.h"
#include "futurewait.h"
#include "nearcache.h"
#include "redisclient.h"
#include "redisserver.h"
#include "testpki.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <array>
#include <memory>
#include <optional>

using namespace qrc;
using qrc::test::await;
using qrc::test::RedisServer;
using qrc::test::TestPki;

namespace {

const QString MasterName = QStringLiteral("cachemaster");

// The value of `field` in a flat key/value reply flattened by RedisServer::command().
QByteArray fieldOf(const QByteArray &flat, const QByteArray &field) {
    const QList<QByteArray> lines = flat.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); i += 2)
        if (lines[i] == field)
            return lines[i + 1];
    return {};
}

class SentinelGroup {
public:
    bool start() {
        if (!master.start())
            return fail(master.lastError());
        if (!replica.start({QStringLiteral("--replicaof"), QStringLiteral("127.0.0.1"),
                            QString::number(master.port())}))
            return fail(replica.lastError());
        for (RedisServer &s : sentinels)
            if (!s.startSentinel(MasterName, master.port()))
                return fail(s.lastError());
        // Sentinels find each other and the replica through the master (hello every 2 s).
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            bool ready = replica.command({"INFO", "replication"}).contains("master_link_status:up");
            for (const RedisServer &s : sentinels) {
                const QByteArray info = s.command({"SENTINEL", "MASTER", MasterName.toUtf8()});
                ready = ready && fieldOf(info, "num-other-sentinels") == "2" &&
                        fieldOf(info, "num-slaves") == "1";
            }
            if (ready)
                return true;
            QTest::qWait(100);
        }
        return fail(QStringLiteral("the Sentinels did not see each other and the replica"));
    }
    QStringList sentinelAddresses() const {
        QStringList out;
        for (const RedisServer &s : sentinels)
            out << QStringLiteral("127.0.0.1:%1").arg(s.port());
        return out;
    }
    bool fail(const QString &why) {
        error = why;
        return false;
    }

    RedisServer master;
    RedisServer replica;
    std::array<RedisServer, 3> sentinels;
    QString error;
};

Settings settingsFor(const SentinelGroup &group) {
    Settings s;
    s.redis.host = QStringLiteral("unused.invalid");
    s.redis.sentinels = group.sentinelAddresses();
    s.redis.sentinelMaster = MasterName;
    s.redis.socketTimeout = 0.5;
    s.redis.socketConnectTimeout = 0.5;
    s.cache.namespacePrefix = QStringLiteral("sen");
    return s;
}

Result<RedisReply> run(RedisClient &client, const QList<QByteArray> &argv) {
    std::optional<Result<RedisReply>> out;
    client.execute(argv, [&out](Result<RedisReply> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10000))
        return Result<RedisReply>::failure(CacheError::protocol(QStringLiteral("no reply")));
    return *out;
}

} // namespace

class TestRedisSentinel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void discoversTheMasterSkippingDeadSentinels() {
        SentinelGroup group;
        QVERIFY2(group.start(), qPrintable(group.error));
        RedisSettings s = settingsFor(group).redis;
        s.sentinels.prepend(QStringLiteral("127.0.0.1:%1").arg(RedisServer::freePort()));
        RedisClient client(s);
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QCOMPARE(client.endpoint(), QStringLiteral("master 'cachemaster' (127.0.0.1:%1 via "
                                                   "Sentinel) db 0")
                                        .arg(group.master.port()));
        QCOMPARE(run(client, {"SET", "where", "master"}).value.string, QByteArray("OK"));
        QCOMPARE(group.master.command({"GET", "where"}), QByteArray("master"));
    }

    void unknownMasterNameIsUnreachableNamingItAndEverySentinel() {
        SentinelGroup group;
        QVERIFY2(group.start(), qPrintable(group.error));
        RedisSettings s = settingsFor(group).redis;
        s.sentinelMaster = QStringLiteral("nosuchmaster");
        RedisClient client(s);
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Unreachable);
        const QString error = client.lastError();
        QVERIFY2(error.contains(QStringLiteral("master 'nosuchmaster'")), qPrintable(error));
        for (const QString &sentinel : group.sentinelAddresses())
            QVERIFY2(error.contains(sentinel), qPrintable(error));
        QVERIFY(!run(client, {"PING"}).ok());
    }

    void sentinelUserAndPasswordAreSentToTheSentinels() {
        SentinelGroup group;
        QVERIFY2(group.start(), qPrintable(group.error));
        for (RedisServer &sentinel : group.sentinels) {
            QCOMPARE(sentinel.command({"ACL", "SETUSER", "watcher", "on", ">s3nt", "+@all"}),
                     QByteArray("OK"));
            QCOMPARE(sentinel.command({"ACL", "SETUSER", "default", "off"}), QByteArray("OK"));
        }
        RedisSettings s = settingsFor(group).redis;
        RedisClient anonymous(s);
        anonymous.start();
        QTRY_COMPARE(anonymous.state(), RedisClient::State::Unreachable);
        QVERIFY2(anonymous.lastError().contains(QStringLiteral("No Sentinel gave")),
                 qPrintable(anonymous.lastError()));

        s.sentinelUsername = QStringLiteral("watcher");
        s.sentinelPassword = QStringLiteral("s3nt");
        RedisClient client(s);
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QCOMPARE(run(client, {"SET", "via", "acl"}).value.string, QByteArray("OK"));
        QVERIFY2(!client.lastError().contains(QStringLiteral("s3nt")), "password in a message");
    }

    // REDIS_SENTINEL_SSL: the Sentinels are reached over TLS, verified against REDIS_SSL_CA_FILE;
    // the master itself stays on plain TCP here (REDIS_SSL is separate).
    void sentinelsAreReachedOverTlsWhenAsked() {
        TestPki pki;
        QVERIFY2(pki.generate(), qPrintable(pki.error()));
        RedisServer master;
        QVERIFY2(master.start(), qPrintable(master.lastError()));
        RedisServer sentinel;
        QVERIFY2(
            sentinel.startSentinel(MasterName, master.port(), 500, 2000, pki.serverArgs(false)),
            qPrintable(sentinel.lastError()));
        RedisSettings s;
        s.host = QStringLiteral("unused.invalid");
        s.sentinels = {QStringLiteral("127.0.0.1:%1").arg(sentinel.port())};
        s.sentinelMaster = MasterName;
        s.socketTimeout = 0.5;
        s.socketConnectTimeout = 0.5;

        RedisClient plain(s); // a TLS-only Sentinel does not answer plain RESP
        plain.start();
        QTRY_COMPARE(plain.state(), RedisClient::State::Unreachable);

        s.sentinelSsl = true;
        s.sslCaFile = pki.path(QStringLiteral("wrongca.crt"));
        RedisClient untrusted(s); // its certificate is not signed by the configured CA
        untrusted.start();
        QTRY_COMPARE(untrusted.state(), RedisClient::State::Unreachable);

        s.sslCaFile = pki.path(QStringLiteral("ca.crt"));
        RedisClient client(s);
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QCOMPARE(run(client, {"SET", "via", "tls-sentinel"}).value.string, QByteArray("OK"));
        QCOMPARE(master.command({"GET", "via"}), QByteArray("tls-sentinel"));
    }

    void switchMasterAnnouncementMovesTheClientAtOnce() {
        SentinelGroup group;
        QVERIFY2(group.start(), qPrintable(group.error));
        RedisClient client(settingsFor(group).redis);
        QSignalSpy states(&client, &RedisClient::stateChanged);
        client.start();
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);

        // A fail-over with the old master alive: only the +switch-master message (or the old
        // master's READONLY replies) can tell the client.
        QCOMPARE(group.sentinels[0].command({"SENTINEL", "FAILOVER", MasterName.toUtf8()}),
                 QByteArray("OK"));
        QTRY_VERIFY_WITH_TIMEOUT(client.endpoint().contains(QString::number(group.replica.port())),
                                 15000);
        bool announced = false;
        for (const QList<QVariant> &args : std::as_const(states))
            announced |= args.at(1).toString().startsWith(QStringLiteral("Sentinel fail-over"));
        QVERIFY(announced);
        QTRY_COMPARE(client.state(), RedisClient::State::Connected);
        QCOMPARE(run(client, {"SET", "after", "switch"}).value.string, QByteArray("OK"));
        QCOMPARE(group.replica.command({"GET", "after"}), QByteArray("switch"));
    }

    void nearCacheFollowsTheMasterAcrossAFailOver() {
        SentinelGroup group;
        QVERIFY2(group.start(), qPrintable(group.error));
        Settings settings = settingsFor(group);
        settings.cache.nearCache = true;
        CacheManager cache(settings);
        cache.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            cache.activeBackend() == BackendKind::Redis && cache.nearCache()->isActive(), 10000);
        QCOMPARE(group.master.command({"PUBSUB", "NUMSUB", "__redis__:invalidate"}),
                 QByteArray("__redis__:invalidate\n1"));

        QCOMPARE(group.sentinels[0].command({"SENTINEL", "FAILOVER", MasterName.toUtf8()}),
                 QByteArray("OK"));
        QTRY_VERIFY_WITH_TIMEOUT(
            cache.redisEndpoint().contains(QString::number(group.replica.port())), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(
            cache.activeBackend() == BackendKind::Redis && cache.nearCache()->isActive(), 10000);
        // Tracking moved to the new master.
        QCOMPARE(group.replica.command({"PUBSUB", "NUMSUB", "__redis__:invalidate"}),
                 QByteArray("__redis__:invalidate\n1"));
        QCOMPARE(group.replica.command({"SET", "sen:n:k", "v1", "EX", "60"}), QByteArray("OK"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                (void)await(cache.get("k", "n"));
                return cache.nearCache()->find("sen:n:k") != nullptr;
            },
            5000));
        QCOMPARE(group.replica.command({"SET", "sen:n:k", "v2", "EX", "60"}), QByteArray("OK"));
        QTRY_COMPARE(await(cache.get("k", "n")).value->data, QByteArray("v2"));
    }

    void killedMasterIsFollowedToThePromotedReplicaWithoutFailuresOrStaleReads() {
        SentinelGroup group;
        QVERIFY2(group.start(), qPrintable(group.error));
        CacheManager cache(settingsFor(group));
        cache.start();
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Redis, 10000);
        QVERIFY(await(cache.set("k", QByteArray("v1"), 600, "n")).ok());
        // Replicated before the crash, so the promoted replica holds the old value.
        QTRY_VERIFY(group.replica.command({"GET", "sen:n:k"}).endsWith("v1"));

        // Requests keep coming during the whole fail-over.
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
        group.master.kill();
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Memory, 5000);
        // Written while Redis is away: memory serves it, and the outage journal remembers it.
        QVERIFY(await(cache.set("k", QByteArray("v2"), 600, "n")).ok());
        QCOMPARE(await(cache.get("k", "n")).value->data, QByteArray("v2"));

        QTRY_COMPARE_WITH_TIMEOUT(cache.redisEndpoint(),
                                  QStringLiteral("master 'cachemaster' (127.0.0.1:%1 via "
                                                 "Sentinel) db 0")
                                      .arg(group.replica.port()),
                                  20000);
        QTRY_COMPARE_WITH_TIMEOUT(cache.activeBackend(), BackendKind::Redis, 10000);
        const qint64 switchMs = timer.elapsed();
        QVERIFY(group.replica.command({"ROLE"}).startsWith("master"));

        // The journal was replayed to the new master: its copy of k (v1) is gone, not served.
        const auto after = await(cache.get("k", "n"));
        QVERIFY2(after.ok(), qPrintable(after.error.message));
        QVERIFY2(!after.value.has_value() || after.value->data != "v1", "stale read of v1");
        QCOMPARE(group.replica.command({"EXISTS", "sen:n:k"}), QByteArray("0"));
        QVERIFY(await(cache.set("k", QByteArray("v3"), 600, "n")).ok());
        QVERIFY(group.replica.command({"GET", "sen:n:k"}).endsWith("v3"));

        const int before = requests;
        QTRY_VERIFY(requests > before + 20);
        load.stop();
        QVERIFY2(failures == 0, qPrintable(failureMessages.join(u'\n')));
        qInfo("fail-over followed in %lld ms (kill to Redis in use again), %d requests, 0 failed",
              switchMs, requests * 2);
    }
};

QTEST_GUILESS_MAIN(TestRedisSentinel)
#include "tst_redissentinel.moc"
