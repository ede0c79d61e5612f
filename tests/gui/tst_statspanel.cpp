#include "embeddedservice.h"
#include "redisserver.h"
#include "serverconnection.h"
#include "statspanel.h"

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
        Settings settings = EmbeddedService::defaultSettings();
        settings.redis.enabled = true;
        settings.redis.host = redis.host();
        settings.redis.port = redis.port();
        settings.cache.namespacePrefix = QStringLiteral("tst-statspanel");
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
