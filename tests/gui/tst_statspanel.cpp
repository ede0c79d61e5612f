#include "cachemanager.h"
#include "embeddedservice.h"
#include "futurewait.h"
#include "guitestsupport.h"
#include "redisserver.h"
#include "serverconnection.h"
#include "statspanel.h"

#include <QComboBox>
#include <QLabel>
#include <QTest>

using namespace qrc;

// The backend badge against real servers: Redis in use, Redis lost (fallback), Redis disabled.
class tst_StatsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void redisInUseThenLostThenBackIsVisibleAtAGlance() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        const Settings settings = test::embeddedSettingsOn(redis, QStringLiteral("tst-statspanel"));
        EmbeddedService service;
        QVERIFY2(service.start(settings), qPrintable(service.errorString()));

        StatsPanel panel;
        ServerConnection connection;
        connection.setPollIntervalMs(200);
        connect(&connection, &ServerConnection::statsUpdated, &panel, &StatsPanel::setStats);
        connection.connectTo(service.url(), {});
        QTRY_COMPARE_WITH_TIMEOUT(panel.badgeText(), QStringLiteral("Redis"), 15000);

        redis.kill();
        QTRY_COMPARE_WITH_TIMEOUT(panel.badgeText(), QStringLiteral("Memory fallback"), 20000);
        QVERIFY(connection.lastStats().onFallback());
        QCOMPARE(connection.state(), ServerConnection::State::Connected); // the server is fine

        QVERIFY(redis.restart());
        QTRY_COMPARE_WITH_TIMEOUT(panel.badgeText(), QStringLiteral("Redis"), 30000);
    }

    // Issue 17: instances behind a load balancer share one Redis; the console can show the sum.
    void allInstancesScopeAddsUpEveryServerOnTheRedis() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        const Settings settings = test::embeddedSettingsOn(redis, QStringLiteral("tst-scope"));
        EmbeddedService first;
        EmbeddedService second;
        QVERIFY2(first.start(settings), qPrintable(first.errorString()));
        QVERIFY2(second.start(settings), qPrintable(second.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(first.cache()->activeBackend(), BackendKind::Redis, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(second.cache()->activeBackend(), BackendKind::Redis, 10000);
        QVERIFY(test::await(first.cache()->set(QStringLiteral("k"), QByteArray("v"), 60,
                                               QStringLiteral("n")))
                    .ok());
        for (int i = 0; i < 3; ++i) // hits of the first server
            QVERIFY(test::await(first.cache()->get(QStringLiteral("k"), QStringLiteral("n")))
                        .value.has_value());
        for (int i = 0; i < 2; ++i) // and of the second
            QVERIFY(test::await(second.cache()->get(QStringLiteral("k"), QStringLiteral("n")))
                        .value.has_value());

        StatsPanel panel;
        ServerConnection connection;
        connection.setPollIntervalMs(200);
        connect(&connection, &ServerConnection::statsUpdated, &panel, &StatsPanel::setStats);
        connect(&panel, &StatsPanel::scopeChanged, &connection, &ServerConnection::setAllInstances);
        connection.connectTo(first.url(), {});
        QTRY_VERIFY(connection.hasStats());
        const qint64 ownHits = connection.lastStats().totals.hits;
        QVERIFY(ownHits >= 3);
        QVERIFY(panel.scopeNote().isEmpty());

        auto *scope = panel.findChild<QComboBox *>(QStringLiteral("statsScope"));
        QVERIFY(scope);
        QVERIFY(!scope->accessibleName().isEmpty());
        scope->setCurrentIndex(1);
        // Each instance publishes its counters every second: wait for both to be summed.
        QTRY_COMPARE_WITH_TIMEOUT(connection.lastStats().instances, 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(connection.lastStats().totals.hits >= ownHits + 2, 10000);
        QVERIFY(connection.lastStats().complete);
        QVERIFY2(panel.scopeNote().contains(QLatin1Char('2')), qPrintable(panel.scopeNote()));

        scope->setCurrentIndex(0); // back to this server alone
        QTRY_COMPARE(connection.lastStats().instances, 0);
        QVERIFY(panel.scopeNote().isEmpty());
    }

    void disabledRedisIsPlainMemory() {
        EmbeddedService service;
        QVERIFY(service.start());
        StatsPanel panel;
        QCOMPARE(panel.badgeText(), QStringLiteral("No data"));
        ServerConnection connection;
        connect(&connection, &ServerConnection::statsUpdated, &panel, &StatsPanel::setStats);
        connection.connectTo(service.url(), {});
        QTRY_COMPARE(panel.badgeText(), QStringLiteral("Memory"));
        QVERIFY(!connection.lastStats().onFallback());
    }

    void staleFiguresAreKeptAndMarked() {
        StatsPanel panel;
        ServerStats stats;
        stats.backend = QStringLiteral("memory");
        stats.redisState = QStringLiteral("disabled");
        stats.totals.hits = 1234;
        panel.setStats(stats);
        panel.setStale(true, QStringLiteral("12:00:00"));
        QCOMPARE(panel.value(QStringLiteral("hits")), QLocale().toString(1234));
        const auto labels = panel.findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
            return l->isVisibleTo(l->parentWidget()) &&
                   l->text().contains(QStringLiteral("12:00:00"));
        }));
    }
};

QTEST_MAIN(tst_StatsPanel)
#include "tst_statspanel.moc"
