#include "redisclient.h"
#include "redisserver.h"
#include "redisurl.h"
#include "testpki.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using qrc::ErrorKind;
using qrc::RedisClient;
using qrc::RedisReply;
using qrc::RedisSettings;
using qrc::Result;
using qrc::test::RedisServer;
using qrc::test::TestPki;

namespace {

RedisSettings settingsFor(const RedisServer &server) {
    RedisSettings s;
    s.host = server.host();
    s.port = server.port();
    s.socketTimeout = 2.0;
    s.socketConnectTimeout = 1.0;
    s.maxConnections = 4;
    return s;
}

// Waits (event loop running) for the reply; a missing reply is reported as an error result.
Result<RedisReply> run(RedisClient &client, const QList<QByteArray> &argv, int timeoutMs = 10000) {
    std::optional<Result<RedisReply>> out;
    client.execute(argv, [&out](Result<RedisReply> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs))
        return Result<RedisReply>::failure(
            qrc::CacheError::protocol(QStringLiteral("test: no reply within the wait")));
    return *out;
}

// The states signalled, with repeats collapsed: a new detail (e.g. "refused" after "lost")
// is signalled again with the same state.
QList<RedisClient::State> statesOf(const QSignalSpy &spy) {
    QList<RedisClient::State> states;
    for (const QList<QVariant> &args : spy) {
        const auto state = args.at(0).value<RedisClient::State>();
        if (states.isEmpty() || states.last() != state)
            states.append(state);
    }
    return states;
}

} // namespace

class TestRedisClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void connectsThenAnswersPing();
    void disabledSettingsNeverConnect();
    void executeFailsAtOnceWhenNotConnected();
    void pipelinesManyCommandsInFlightAndMatchesRepliesInOrder();
    void executePipelineReturnsEveryReplyIncludingErrorReplies();
    void commandsQueuedBesideADestroyedClientsAreStillWritten();
    void poolGrowsUnderLoadButNeverBeyondMaxConnections();
    void poolKeepsWorkingAndStopsDiallingWhenServerRefusesExtraConnections();
    void unreachableAtStartIsReportedQuicklyWithoutBlocking();
    void pausedServerTimesOutCommandsThenReconnectsAfterResume();
    void healthCheckDetectsAnUnansweringIdleConnection();
    void killFailsPendingWithConnectionErrorAndRestartReconnects();
    void stopFailsPendingCommandsAndDisables();
    void wrongPasswordIsAnAuthErrorWithClearMessage();
    void missingPasswordIsAnAuthError();
    void aclUserAuthenticatesAndWrongAclPasswordFails();
    void selectsConfiguredDatabase();
    void tlsWithClientCertificateRunsCommands();
    void tlsWithWrongCaFailsWithClearError();
    void tlsWithoutPeerVerificationAcceptsUnknownCa();
    void redissUrlConnectsOverTls();
    void unixSocketUrlCarriesPipelinedCommandsToItsDatabase();
    void unixSocketServerKilledIsUnreachableThenReconnects();
    void missingUnixSocketIsUnreachableNamingThePath();

private:
    TestPki *pki();
    std::unique_ptr<TestPki> m_pki;
};

TestPki *TestRedisClient::pki() {
    if (!m_pki) {
        m_pki = std::make_unique<TestPki>();
        if (!m_pki->generate())
            qWarning("%s", qPrintable(m_pki->error()));
    }
    return m_pki.get();
}

void TestRedisClient::connectsThenAnswersPing() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisClient client(settingsFor(server));
    QSignalSpy spy(&client, &RedisClient::stateChanged);
    QCOMPARE(client.endpoint(), QStringLiteral("127.0.0.1:%1 db 0").arg(server.port()));

    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    QCOMPARE(statesOf(spy), (QList<RedisClient::State>{RedisClient::State::Connecting,
                                                       RedisClient::State::Connected}));

    const Result<RedisReply> r = run(client, {"PING"});
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.value.type, RedisReply::Type::Status);
    QCOMPARE(r.value.string, QByteArray("PONG"));
}

void TestRedisClient::disabledSettingsNeverConnect() {
    RedisSettings s;
    s.enabled = false;
    s.port = RedisServer::freePort();
    RedisClient client(s);
    QSignalSpy spy(&client, &RedisClient::stateChanged);
    client.start();
    QCOMPARE(client.state(), RedisClient::State::Disabled);
    QCOMPARE(statesOf(spy), QList<RedisClient::State>{RedisClient::State::Disabled});
    const Result<RedisReply> r = run(client, {"PING"});
    QCOMPARE(r.error.kind, ErrorKind::Connection);
}

void TestRedisClient::executeFailsAtOnceWhenNotConnected() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisClient client(settingsFor(server));
    client.start(); // Connecting: commands are not queued

    std::optional<Result<RedisReply>> out;
    client.execute({"PING"}, [&out](Result<RedisReply> r) { out = std::move(r); });
    QVERIFY(out.has_value());
    QCOMPARE(out->error.kind, ErrorKind::Connection);

    bool pipelineAnswered = false;
    client.executePipeline({{"PING"}}, [&](Result<QList<RedisReply>> r) {
        pipelineAnswered = true;
        QCOMPARE(r.error.kind, ErrorKind::Connection);
    });
    QVERIFY(pipelineAnswered);
}

void TestRedisClient::pipelinesManyCommandsInFlightAndMatchesRepliesInOrder() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.maxConnections = 1; // one FIFO, so INCR results must come back 1..N in call order
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    constexpr int count = 2000;
    QList<qint64> values;
    int failures = 0;
    for (int i = 0; i < count; ++i) {
        client.execute({"INCR", "counter"}, [&](Result<RedisReply> r) {
            if (!r.ok() || r.value.type != RedisReply::Type::Integer)
                ++failures;
            else
                values.append(r.value.integer);
        });
    }
    QVERIFY(values.isEmpty()); // all of them were written before any reply was read
    QTRY_COMPARE(values.size() + failures, count);
    QCOMPARE(failures, 0);
    for (int i = 0; i < count; ++i)
        QCOMPARE(values[i], qint64(i + 1));
    QCOMPARE(server.command({"GET", "counter"}), QByteArray::number(count));
}

// Short commands wait for one write per event-loop pass, shared by every connection of the
// thread that has some. A client destroyed in the same pass, its own commands failed, must not
// take the others' write with it.
void TestRedisClient::commandsQueuedBesideADestroyedClientsAreStillWritten() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    auto doomed = std::make_unique<RedisClient>(settingsFor(server));
    RedisClient kept(settingsFor(server));
    doomed->start();
    kept.start();
    QTRY_COMPARE(doomed->state(), RedisClient::State::Connected);
    QTRY_COMPARE(kept.state(), RedisClient::State::Connected);

    std::optional<Result<RedisReply>> doomedReply;
    std::optional<Result<RedisReply>> keptReply;
    // The destroyed client's command queues first, so it is the first of the pass's writes.
    doomed->execute({"SET", "doomed", "1"}, [&](Result<RedisReply> r) { doomedReply = r; });
    kept.execute({"SET", "kept", "1"}, [&](Result<RedisReply> r) { keptReply = r; });
    doomed.reset();
    QVERIFY(doomedReply.has_value());
    QCOMPARE(doomedReply->error.kind, ErrorKind::Connection);
    QTRY_VERIFY(keptReply.has_value());
    QVERIFY2(keptReply->ok(), qPrintable(keptReply->error.message));
    QCOMPARE(keptReply->value.string, QByteArray("OK"));
    QCOMPARE(server.command({"GET", "kept"}), QByteArray("1"));
}

void TestRedisClient::executePipelineReturnsEveryReplyIncludingErrorReplies() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisClient client(settingsFor(server));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    std::optional<Result<QList<RedisReply>>> out;
    client.executePipeline(
        {{"SET", "k", "1"}, {"INCR", "k"}, {"LPUSH", "k", "x"}, {"GET", "k"}, {"GET", "missing"}},
        [&out](Result<QList<RedisReply>> r) { out = std::move(r); });
    QTRY_VERIFY(out.has_value());
    QVERIFY2(out->ok(), qPrintable(out->error.toString()));
    const QList<RedisReply> &replies = out->value;
    QCOMPARE(replies.size(), 5);
    QCOMPARE(replies[0].string, QByteArray("OK"));
    QCOMPARE(replies[1].integer, 2);
    QVERIFY(replies[2].isError());
    QVERIFY(replies[2].string.startsWith("WRONGTYPE"));
    QCOMPARE(replies[3].string, QByteArray("2"));
    QVERIFY(replies[4].isNil());
}

void TestRedisClient::poolGrowsUnderLoadButNeverBeyondMaxConnections() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.maxConnections = 3;
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    // The admin connection of command() is one of the listed clients.
    auto clients = [&server] {
        const QByteArray list = server.command({"CLIENT", "LIST", "TYPE", "normal"});
        return int(list.trimmed().split('\n').size()) - 1;
    };
    QCOMPARE(clients(), 1);

    for (int round = 0; round < 20 && clients() < 3; ++round) {
        int answered = 0;
        int failures = 0;
        for (int i = 0; i < 200; ++i)
            client.execute({"INCR", "n"}, [&](Result<RedisReply> r) {
                ++answered;
                if (!r.ok())
                    ++failures;
            });
        QTRY_COMPARE(answered, 200);
        QCOMPARE(failures, 0);
    }
    QCOMPARE(clients(), 3);
    int answered = 0;
    for (int i = 0; i < 500; ++i)
        client.execute({"INCR", "n"}, [&answered](Result<RedisReply>) { ++answered; });
    QTRY_COMPARE(answered, 500);
    QCOMPARE(clients(), 3);
}

void TestRedisClient::poolKeepsWorkingAndStopsDiallingWhenServerRefusesExtraConnections() {
    RedisServer server;
    QVERIFY2(server.start({QStringLiteral("--maxclients"), QStringLiteral("1")}),
             qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.maxConnections = 4;
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    for (int round = 0; round < 20; ++round) {
        int answered = 0;
        int failures = 0;
        for (int i = 0; i < 100; ++i)
            client.execute({"INCR", "n"}, [&](Result<RedisReply> r) {
                ++answered;
                if (!r.ok())
                    ++failures;
            });
        QTRY_COMPARE(answered, 100);
        QCOMPARE(failures, 0);
    }
    QCOMPARE(client.state(), RedisClient::State::Connected);
    QVERIFY2(client.lastError().contains(QStringLiteral("max number of clients")),
             qPrintable(client.lastError()));
    // The refused extra connection pauses growth instead of redialling on every busy burst.
    const Result<RedisReply> info = run(client, {"INFO", "stats"});
    QVERIFY2(info.ok(), qPrintable(info.error.toString()));
    qint64 rejected = -1;
    for (const QByteArray &line : info.value.string.split('\n'))
        if (line.startsWith("rejected_connections:"))
            rejected = line.mid(21).trimmed().toLongLong();
    QCOMPARE_GE(rejected, 1);
    QCOMPARE_LE(rejected, 3);
}

void TestRedisClient::unreachableAtStartIsReportedQuicklyWithoutBlocking() {
    RedisSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = RedisServer::freePort();
    RedisClient client(s);
    QSignalSpy spy(&client, &RedisClient::stateChanged);

    QElapsedTimer timer;
    timer.start();
    client.start();
    QCOMPARE_LT(timer.elapsed(), 200);
    QCOMPARE(client.state(), RedisClient::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), RedisClient::State::Unreachable, 2000);
    QVERIFY2(client.lastError().contains(QStringLiteral("Cannot connect to Redis at 127.0.0.1")),
             qPrintable(client.lastError()));
    QCOMPARE(statesOf(spy).last(), RedisClient::State::Unreachable);

    std::optional<Result<RedisReply>> out;
    client.execute({"PING"}, [&out](Result<RedisReply> r) { out = std::move(r); });
    QVERIFY(out.has_value());
    QCOMPARE(out->error.kind, ErrorKind::Connection);
    QVERIFY(out->error.message.contains(QStringLiteral("unreachable")));
}

void TestRedisClient::pausedServerTimesOutCommandsThenReconnectsAfterResume() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.socketTimeout = 0.5;
    s.socketConnectTimeout = 0.5;
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    server.pause();
    QElapsedTimer timer;
    timer.start();
    std::optional<Result<RedisReply>> first;
    std::optional<Result<RedisReply>> second;
    client.execute({"GET", "a"}, [&first](Result<RedisReply> r) { first = std::move(r); });
    client.execute({"GET", "b"}, [&second](Result<RedisReply> r) { second = std::move(r); });
    int pipelineCalls = 0;
    ErrorKind pipelineError = ErrorKind::None;
    client.executePipeline({{"GET", "c"}, {"GET", "d"}, {"GET", "e"}},
                           [&](Result<QList<RedisReply>> r) {
                               ++pipelineCalls;
                               pipelineError = r.error.kind;
                           });
    QTRY_VERIFY_WITH_TIMEOUT(first.has_value() && second.has_value(), 3000);
    QCOMPARE(pipelineCalls, 1); // one callback for the pipeline, not one per command
    QCOMPARE(pipelineError, ErrorKind::Timeout);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE_GE(elapsed, 450);
    QCOMPARE_LT(elapsed, 1500);
    QCOMPARE(first->error.kind, ErrorKind::Timeout);
    QCOMPARE(second->error.kind, ErrorKind::Timeout);
    QCOMPARE(client.state(), RedisClient::State::Unreachable);
    QVERIFY2(client.lastError().contains(QStringLiteral("timed out")),
             qPrintable(client.lastError()));

    server.resume();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), RedisClient::State::Connected, 10000);
    const Result<RedisReply> r = run(client, {"PING"});
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
}

void TestRedisClient::healthCheckDetectsAnUnansweringIdleConnection() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.healthCheckInterval = 1;
    s.socketTimeout = 0.5;
    s.socketConnectTimeout = 0.5;
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    server.pause(); // nobody sends a command: only the health check can notice
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), RedisClient::State::Unreachable, 4000);
    QVERIFY2(client.lastError().contains(QStringLiteral("timed out")),
             qPrintable(client.lastError()));
    server.resume();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), RedisClient::State::Connected, 10000);
}

void TestRedisClient::killFailsPendingWithConnectionErrorAndRestartReconnects() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.socketTimeout = 10.0;
    RedisClient client(s);
    QSignalSpy spy(&client, &RedisClient::stateChanged);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    std::optional<Result<RedisReply>> blocked;
    client.execute({"BLPOP", "never", "0"},
                   [&blocked](Result<RedisReply> r) { blocked = std::move(r); });
    // BLPOP is in the server's hands once it lists the client as blocked.
    QTRY_VERIFY(server.command({"INFO", "clients"}).contains("blocked_clients:1"));
    server.kill();
    QTRY_VERIFY(blocked.has_value());
    QCOMPARE(blocked->error.kind, ErrorKind::Connection);
    QTRY_COMPARE(client.state(), RedisClient::State::Unreachable);

    QVERIFY2(server.restart(), qPrintable(server.lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), RedisClient::State::Connected, 10000);
    QCOMPARE(statesOf(spy), (QList<RedisClient::State>{
                                RedisClient::State::Connecting, RedisClient::State::Connected,
                                RedisClient::State::Unreachable, RedisClient::State::Connected}));
    const Result<RedisReply> r = run(client, {"PING"});
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
}

void TestRedisClient::stopFailsPendingCommandsAndDisables() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisClient client(settingsFor(server));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    std::optional<Result<RedisReply>> blocked;
    client.execute({"BLPOP", "never", "0"},
                   [&blocked](Result<RedisReply> r) { blocked = std::move(r); });
    client.stop();
    QVERIFY(blocked.has_value());
    QCOMPARE(blocked->error.kind, ErrorKind::Connection);
    QCOMPARE(client.state(), RedisClient::State::Disabled);

    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
}

void TestRedisClient::wrongPasswordIsAnAuthErrorWithClearMessage() {
    RedisServer server;
    QVERIFY2(server.start({QStringLiteral("--requirepass"), QStringLiteral("s3cret")}),
             qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.password = QStringLiteral("hunter2-bad");
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Unreachable);
    QVERIFY2(client.lastError().startsWith(
                 QStringLiteral("Redis authentication failed for user 'default': WRONGPASS")),
             qPrintable(client.lastError()));
    QVERIFY2(client.lastError().contains(QStringLiteral("WRONGPASS")),
             qPrintable(client.lastError()));
    QVERIFY(!client.lastError().contains(QStringLiteral("hunter2")));
    QVERIFY(!client.endpoint().contains(QStringLiteral("hunter2")));

    const Result<RedisReply> r = run(client, {"PING"});
    QCOMPARE(r.error.kind, ErrorKind::Auth);
    QVERIFY(r.error.message.contains(QStringLiteral("authentication failed")));

    s.password = QStringLiteral("s3cret");
    RedisClient good(s);
    good.start();
    QTRY_COMPARE(good.state(), RedisClient::State::Connected);
    QCOMPARE(run(good, {"PING"}).value.string, QByteArray("PONG"));
}

void TestRedisClient::missingPasswordIsAnAuthError() {
    RedisServer server;
    QVERIFY2(server.start({QStringLiteral("--requirepass"), QStringLiteral("s3cret")}),
             qPrintable(server.lastError()));
    RedisClient client(settingsFor(server));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Unreachable);
    QVERIFY2(client.lastError().contains(QStringLiteral("NOAUTH")), qPrintable(client.lastError()));
    QCOMPARE(run(client, {"PING"}).error.kind, ErrorKind::Auth);
}

void TestRedisClient::aclUserAuthenticatesAndWrongAclPasswordFails() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    QCOMPARE(server.command({"ACL", "SETUSER", "alice", "on", ">pw", "~*", "+@all"}),
             QByteArray("OK"));

    RedisSettings s = settingsFor(server);
    s.username = QStringLiteral("alice");
    s.password = QStringLiteral("pw");
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    QCOMPARE(run(client, {"ACL", "WHOAMI"}).value.string, QByteArray("alice"));

    s.password = QStringLiteral("not-alices");
    RedisClient wrong(s);
    wrong.start();
    QTRY_COMPARE(wrong.state(), RedisClient::State::Unreachable);
    QVERIFY2(wrong.lastError().startsWith(
                 QStringLiteral("Redis authentication failed for user 'alice': WRONGPASS")),
             qPrintable(wrong.lastError()));
    QVERIFY(wrong.lastError().contains(QStringLiteral("WRONGPASS")));
    QVERIFY(!wrong.lastError().contains(QStringLiteral("not-alices")));
    QCOMPARE(run(wrong, {"PING"}).error.kind, ErrorKind::Auth);
}

void TestRedisClient::selectsConfiguredDatabase() {
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.db = 3;
    RedisClient client(s);
    QCOMPARE(client.endpoint(), QStringLiteral("127.0.0.1:%1 db 3").arg(server.port()));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    QCOMPARE(run(client, {"SET", "where", "db3"}).value.string, QByteArray("OK"));

    QCOMPARE(server.command({"GET", "where"}, {}, {}, 3), QByteArray("db3"));
    QCOMPARE(server.command({"GET", "where"}), QByteArray("(nil)"));
}

void TestRedisClient::tlsWithClientCertificateRunsCommands() {
    TestPki *certs = pki();
    QVERIFY2(certs->error().isEmpty(), qPrintable(certs->error()));
    RedisServer server;
    QVERIFY2(server.startTls(certs->serverArgs(true)), qPrintable(server.lastError()));

    RedisSettings s = settingsFor(server);
    s.ssl = true;
    s.sslCaFile = certs->path("ca.crt");
    s.sslCertFile = certs->path("client.crt");
    s.sslKeyFile = certs->path("client.key");
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    QCOMPARE(run(client, {"SET", "tls", "yes"}).value.string, QByteArray("OK"));
    QCOMPARE(run(client, {"GET", "tls"}).value.string, QByteArray("yes"));

    // The server demands a client certificate: without one the handshake cannot complete.
    s.sslCertFile.clear();
    s.sslKeyFile.clear();
    RedisClient anonymous(s);
    anonymous.start();
    QTRY_COMPARE(anonymous.state(), RedisClient::State::Unreachable);
}

void TestRedisClient::tlsWithWrongCaFailsWithClearError() {
    TestPki *certs = pki();
    QVERIFY2(certs->error().isEmpty(), qPrintable(certs->error()));
    RedisServer server;
    QVERIFY2(server.startTls(certs->serverArgs(false)), qPrintable(server.lastError()));

    RedisSettings s = settingsFor(server);
    s.ssl = true;
    s.sslCaFile = certs->path("wrongca.crt");
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Unreachable);
    QVERIFY2(client.lastError().startsWith(QStringLiteral("TLS handshake with Redis at")),
             qPrintable(client.lastError()));
    QCOMPARE(run(client, {"PING"}).error.kind, ErrorKind::Connection);

    // The same server with the right CA and no client certificate (not required here).
    s.sslCaFile = certs->path("ca.crt");
    RedisClient right(s);
    right.start();
    QTRY_COMPARE(right.state(), RedisClient::State::Connected);
    QCOMPARE(run(right, {"PING"}).value.string, QByteArray("PONG"));
}

void TestRedisClient::tlsWithoutPeerVerificationAcceptsUnknownCa() {
    TestPki *certs = pki();
    QVERIFY2(certs->error().isEmpty(), qPrintable(certs->error()));
    RedisServer server;
    QVERIFY2(server.startTls(certs->serverArgs(false)), qPrintable(server.lastError()));

    RedisSettings s = settingsFor(server);
    s.ssl = true;
    s.sslCaFile = certs->path("wrongca.crt");
    s.sslVerifyPeer = false;
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    QCOMPARE(run(client, {"PING"}).value.string, QByteArray("PONG"));
}

void TestRedisClient::redissUrlConnectsOverTls() {
    TestPki *certs = pki();
    QVERIFY2(certs->error().isEmpty(), qPrintable(certs->error()));
    RedisServer server;
    QVERIFY2(server.startTls(certs->serverArgs(false)), qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.sslCaFile = certs->path(QStringLiteral("ca.crt"));
    QCOMPARE(qrc::RedisUrl::apply(QStringLiteral("rediss://127.0.0.1:%1/0").arg(server.port()), s),
             QString());
    QVERIFY(s.ssl);
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    QCOMPARE(run(client, {"SET", "over", "tls"}).value.string, QByteArray("OK"));
}

void TestRedisClient::unixSocketUrlCarriesPipelinedCommandsToItsDatabase() {
    RedisServer server;
    QVERIFY2(server.startWithUnixSocket({QStringLiteral("--requirepass"), QStringLiteral("pw")}),
             qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.port = 1; // proves the socket is used, not TCP
    QCOMPARE(qrc::RedisUrl::apply(QStringLiteral("unix://:pw@%1?db=2").arg(server.unixSocket()), s),
             QString());
    RedisClient client(s);
    QCOMPARE(client.endpoint(), QStringLiteral("unix:%1 db 2").arg(server.unixSocket()));
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);

    constexpr int N = 500;
    QList<QByteArray> replies(N);
    int done = 0;
    for (int i = 0; i < N; ++i)
        client.execute({"INCR", "counter"}, [&replies, &done, i](Result<RedisReply> r) {
            replies[i] = r.ok() ? QByteArray::number(r.value.integer) : r.error.message.toUtf8();
            ++done;
        });
    QTRY_COMPARE(done, N);
    for (int i = 0; i < N; ++i)
        QCOMPARE(replies[i], QByteArray::number(i + 1));
    QCOMPARE(server.command({"GET", "counter"}, "pw", {}, 2), QByteArray::number(N));
    QCOMPARE(server.command({"EXISTS", "counter"}, "pw"), QByteArray("0"));
}

void TestRedisClient::unixSocketServerKilledIsUnreachableThenReconnects() {
    RedisServer server;
    QVERIFY2(server.startWithUnixSocket(), qPrintable(server.lastError()));
    RedisSettings s = settingsFor(server);
    s.unixSocket = server.unixSocket();
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Connected);
    server.kill();
    QTRY_COMPARE(client.state(), RedisClient::State::Unreachable);
    QVERIFY2(client.lastError().contains(server.unixSocket()), qPrintable(client.lastError()));
    QVERIFY(!run(client, {"PING"}).ok());
    QVERIFY2(server.restart(), qPrintable(server.lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), RedisClient::State::Connected, 10000);
    QCOMPARE(run(client, {"PING"}).value.string, QByteArray("PONG"));
}

void TestRedisClient::missingUnixSocketIsUnreachableNamingThePath() {
    QTemporaryDir dir;
    RedisSettings s;
    s.unixSocket = dir.filePath(QStringLiteral("nobody.sock"));
    RedisClient client(s);
    client.start();
    QTRY_COMPARE(client.state(), RedisClient::State::Unreachable);
    QVERIFY2(client.lastError().contains(QStringLiteral("Cannot connect to Redis at unix:") +
                                         s.unixSocket),
             qPrintable(client.lastError()));
}

QTEST_GUILESS_MAIN(TestRedisClient)
#include "tst_redisclient.moc"
