#include "embeddedservice.h"
#include "guitestsupport.h"
#include "serverconnection.h"

#include <QSignalSpy>
#include <QTest>

using namespace qrc;
using State = ServerConnection::State;

namespace {
QUrl localUrl(quint16 port) {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}
} // namespace

class tst_ServerConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_connection = std::make_unique<ServerConnection>();
        m_connection->setPollIntervalMs(200);
        m_connection->setMaxRetryIntervalMs(400);
    }
    void cleanup() { m_connection.reset(); }

    void connectingToALiveServerDeliversStatsEverySecond() {
        EmbeddedService service;
        QVERIFY(service.start());
        QSignalSpy connected(m_connection.get(), &ServerConnection::connected);
        QSignalSpy stats(m_connection.get(), &ServerConnection::statsUpdated);
        QSignalSpy info(m_connection.get(), &ServerConnection::infoUpdated);
        m_connection->connectTo(service.url(), {});
        QCOMPARE(m_connection->state(), State::Connecting);
        QTRY_COMPARE(m_connection->state(), State::Connected);
        QCOMPARE(connected.count(), 1);
        QTRY_VERIFY(stats.count() >= 3);
        QTRY_COMPARE(info.count(), 1);
        QCOMPARE(m_connection->info().environment, QStringLiteral("embedded"));
        QCOMPARE(m_connection->lastStats().backend, QStringLiteral("memory"));
    }

    void unreachableServerIsReportedThenJoinedWhenItComesUp() {
        const quint16 port = test::unusedPort();
        m_connection->connectTo(localUrl(port), {});
        QTRY_COMPARE(m_connection->state(), State::Unreachable);
        QVERIFY(m_connection->stateText().contains(QString::number(port)));

        EmbeddedService service;
        QVERIFY(service.start(EmbeddedService::defaultSettings(), port));
        QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), State::Connected, 10000);
    }

    void lostServerKeepsLastDataAndReconnectsByItself() {
        EmbeddedService service;
        QVERIFY(service.start());
        const quint16 port = service.port();
        test::seedKeys(service, QStringLiteral("users"), 7);
        m_connection->connectTo(service.url(), {});
        QTRY_COMPARE(m_connection->state(), State::Connected);
        QTRY_COMPARE(m_connection->lastStats().totals.sets, 7);

        service.stop();
        QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), State::Reconnecting, 10000);
        QVERIFY(m_connection->hasStats());
        QCOMPARE(m_connection->lastStats().totals.sets, 7); // the last data stays
        QVERIFY(m_connection->stateText().contains(QStringLiteral("last data")));

        QSignalSpy connected(m_connection.get(), &ServerConnection::connected);
        QVERIFY(service.start(EmbeddedService::defaultSettings(), port));
        QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), State::Connected, 10000);
        QCOMPARE(connected.count(), 1);
        QTRY_COMPARE(m_connection->lastStats().totals.sets, 0); // a new server process
    }

    void wrongTokenIsUnauthorizedAndTheRightOneConnects() {
        Settings settings = EmbeddedService::defaultSettings();
        settings.server.adminToken = QStringLiteral("letmein");
        EmbeddedService service;
        QVERIFY(service.start(settings));
        m_connection->connectTo(service.url(), QStringLiteral("wrong"));
        QTRY_COMPARE(m_connection->state(), State::Unauthorized);
        QVERIFY(!m_connection->hasStats());
        m_connection->connectTo(service.url(), QStringLiteral("letmein"));
        QTRY_COMPARE(m_connection->state(), State::Connected);
    }

    void disconnectStopsPolling() {
        EmbeddedService service;
        QVERIFY(service.start());
        m_connection->connectTo(service.url(), {});
        QTRY_COMPARE(m_connection->state(), State::Connected);
        m_connection->disconnectFromServer();
        QCOMPARE(m_connection->state(), State::Disconnected);
        const qint64 sent = m_connection->api()->requestCount();
        // Another connection polling three times spans several of the old poll intervals.
        ServerConnection probe;
        probe.setPollIntervalMs(200);
        QSignalSpy polled(&probe, &ServerConnection::statsUpdated);
        probe.connectTo(service.url(), {});
        QTRY_VERIFY(polled.count() >= 3);
        QCOMPARE(m_connection->api()->requestCount(), sent);
    }

private:
    std::unique_ptr<ServerConnection> m_connection;
};

QTEST_GUILESS_MAIN(tst_ServerConnection)
#include "tst_serverconnection.moc"
