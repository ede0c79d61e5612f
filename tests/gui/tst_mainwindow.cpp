#include "cachemanager.h"
#include "chartspanel.h"
#include "consolesettings.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "keyfilterproxymodel.h"
#include "keyspace.h"
#include "keytreemodel.h"
#include "localization.h"
#include "mainwindow.h"
#include "memorybackend.h"
#include "redisserver.h"
#include "statspanel.h"
#include "trafficgenerator.h"
#include "valuepanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace qrc;
using State = ServerConnection::State;

class tst_MainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        test::isolateSettings();
        QCoreApplication::setOrganizationName(QStringLiteral("QtRedisCacheTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QCOMPARE(m_l10n.load(QStringLiteral("en")), QStringLiteral("en")); // plural forms
    }

    void init() {
        QSettings().clear();
        m_service = std::make_unique<EmbeddedService>();
        QVERIFY2(m_service->start(), qPrintable(m_service->errorString()));
        for (int i = 1; i <= 5; ++i)
            m_service->cache()->setJson(
                QStringLiteral("user:%1").arg(i),
                QJsonObject{{QStringLiteral("id"), i},
                            {QStringLiteral("name"), QStringLiteral("Ada")}},
                3600, QStringLiteral("users"));
        test::seedKeys(*m_service, QStringLiteral("sessions"), 3);
        m_window = std::make_unique<MainWindow>();
        m_window->connection()->setPollIntervalMs(250);
        m_window->connection()->setMaxRetryIntervalMs(500);
        m_confirmations.clear();
        m_accept = true;
        m_window->setConfirmHandler([this](const QString &, const QString &text) {
            m_confirmations << text;
            return m_accept;
        });
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_service.reset();
    }

    void connectionStateAndBackendAreShown() {
        m_window->connectTo(m_service->url());
        QTRY_VERIFY(m_window->connectionStatusText().startsWith(QStringLiteral("Connected to")));
        QTRY_COMPARE(m_window->statsPanel()->badgeText(), QStringLiteral("Memory"));
        QTRY_COMPARE(m_window->statsPanel()->value(QStringLiteral("sets")), QStringLiteral("8"));
        QTRY_COMPARE(m_window->keyModel()->rowCount(), 2);
    }

    void unreachableServerIsShownAndJoinedWhenItStarts() {
        const quint16 port = test::unusedPort();
        m_window->connectTo(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QTRY_VERIFY(m_window->connectionStatusText().contains(QStringLiteral("unreachable")));
        QVERIFY(!m_window->action(QStringLiteral("refresh"))->isEnabled());

        EmbeddedService late;
        QVERIFY(late.start(EmbeddedService::defaultSettings(), port));
        test::seedKeys(late, QStringLiteral("late"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->connectionStatusText().startsWith(QStringLiteral("Connected to")), 10000);
        QTRY_COMPARE(m_window->keyModel()->namespaceNames(), QStringList{QStringLiteral("late")});
        m_window->disconnectFromServer();
    }

    void lostServerKeepsTheLastDataSaysSoAndReconnects() {
        m_window->connectTo(m_service->url());
        QTRY_COMPARE(m_window->statsPanel()->value(QStringLiteral("sets")), QStringLiteral("8"));
        QTRY_COMPARE(m_window->keyModel()->rowCount(), 2);
        const quint16 port = m_service->port();

        m_service->stop();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionStatusText().contains(QStringLiteral("lost")),
                                 10000);
        QVERIFY(m_window->connectionStatusText().contains(QStringLiteral("last data")));
        QCOMPARE(m_window->statsPanel()->value(QStringLiteral("sets")), QStringLiteral("8"));
        QCOMPARE(m_window->keyModel()->rowCount(), 2);
        QVERIFY(!m_window->action(QStringLiteral("clearAll"))->isEnabled());

        QVERIFY(m_service->start(EmbeddedService::defaultSettings(), port));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->connectionStatusText().startsWith(QStringLiteral("Connected to")), 10000);
        QTRY_COMPARE(m_window->statsPanel()->value(QStringLiteral("sets")), QStringLiteral("0"));
        QTRY_COMPARE(m_window->keyModel()->rowCount(), 0); // the new process has no keys
    }

    void selectingAKeyShowsItsValuePrettyPrinted() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:3"));
        QTRY_VERIFY(
            m_window->valuePanel()->valueText().contains(QStringLiteral("\"name\": \"Ada\"")));
        QCOMPARE(m_window->valuePanel()->currentKey(), QStringLiteral("user:3"));
    }

    void largeValuesShowAPartUntilShowAllIsPressed() {
        QByteArray big;
        for (int i = 0; big.size() < 300 * 1024; ++i)
            big += "line " + QByteArray::number(i) + " of a large text value\n";
        test::seedValue(*m_service, QStringLiteral("users"), QStringLiteral("huge"), big);
        connectAndSelect(QStringLiteral("users"), QStringLiteral("huge"));
        ValuePanel *panel = m_window->valuePanel();
        QTRY_VERIFY(panel->isTruncated());
        QVERIFY(panel->showAllButton()->isVisibleTo(panel));
        QCOMPARE(panel->valueText().size(), ValuePanel::DefaultDisplayLimit);
        panel->showAllButton()->click();
        QVERIFY(!panel->isTruncated());
        QCOMPARE(panel->valueText().size(), big.size());
        QVERIFY(!panel->showAllButton()->isVisibleTo(panel));
    }

    void filterEnterSearchesTheSelectedNamespaceOnTheServer() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:1"));
        QLineEdit *filter = m_window->filterEdit();
        m_window->action(QStringLiteral("filter"))->trigger();
        QTest::keyClicks(filter, QStringLiteral("user:[23]"));
        // Typing narrows the loaded rows in the proxy at once...
        const QModelIndex users = m_window->keyProxy()->mapFromSource(
            m_window->keyModel()->namespaceIndex(QStringLiteral("users")));
        QCOMPARE(m_window->keyProxy()->rowCount(users), 2);
        QCOMPARE(m_window->keyModel()->loadedKeyCount(QStringLiteral("users")), 5);
        // ...and Enter asks the server for the namespace's matching keys only.
        QTest::keyClick(filter, Qt::Key_Return);
        QCOMPARE(m_window->keyModel()->keyFilter(QStringLiteral("users")),
                 QStringLiteral("user:[23]"));
        QTRY_COMPARE(m_window->keyModel()->loadedKeyCount(QStringLiteral("users")), 2);
    }

    void ttlEditedInTheValuePanelChangesTheServerAndTheTree() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:2"));
        ValuePanel *panel = m_window->valuePanel();
        QTRY_VERIFY(panel->applyTtlButton()->isEnabled());
        panel->ttlEditor()->setValue(77);
        panel->applyTtlButton()->click();
        QTRY_COMPARE(serverTtl(QStringLiteral("users"), QStringLiteral("user:2")) / 10, 7);
        const QModelIndex key =
            m_window->keyModel()->keyIndex(QStringLiteral("users"), QStringLiteral("user:2"));
        QTRY_VERIFY(key.siblingAtColumn(KeyTreeModel::TtlColumn)
                        .data(KeyTreeModel::TtlSecondsRole)
                        .toLongLong() <= 77);
    }

    void ttlEditedInlineInTheTreeChangesTheServer() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:4"));
        const QModelIndex current = m_window->keyView()->currentIndex();
        QVERIFY(
            m_window->keyProxy()->setData(current.siblingAtColumn(KeyTreeModel::TtlColumn), 500));
        QTRY_VERIFY(serverTtl(QStringLiteral("users"), QStringLiteral("user:4")) > 490);
        QTRY_VERIFY(serverTtl(QStringLiteral("users"), QStringLiteral("user:4")) <= 500);
    }

    void deleteAsksNamingWhatAndHowManyAndHonoursTheAnswer() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:1"));
        selectAlso(QStringLiteral("users"), QStringLiteral("user:5"));
        QAction *del = m_window->action(QStringLiteral("deleteKeys"));
        QTRY_VERIFY(del->isEnabled());

        m_accept = false;
        del->trigger();
        QCOMPARE(m_confirmations.size(), 1);
        QVERIFY2(m_confirmations.last().contains(QStringLiteral("Delete 2 keys")),
                 qPrintable(m_confirmations.last()));
        QVERIFY(m_confirmations.last().contains(QStringLiteral("users")));
        QVERIFY(m_confirmations.last().contains(QStringLiteral("user:5")));
        QVERIFY(test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:1")));

        m_accept = true;
        del->trigger();
        QTRY_VERIFY(
            !test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:1")));
        QTRY_VERIFY(
            !test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:5")));
        QVERIFY(test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:2")));
        QTRY_COMPARE(m_window->keyModel()->loadedKeyCount(QStringLiteral("users")), 3);
    }

    void clearNamespaceConfirmationNamesItAndItsKeyCount() {
        connectAndSelect(QStringLiteral("sessions"), QStringLiteral("key:00001"));
        m_window->action(QStringLiteral("clearNamespace"))->trigger();
        QCOMPARE(m_confirmations.size(), 1);
        QVERIFY(m_confirmations.last().contains(QStringLiteral("“sessions”")));
        QVERIFY2(m_confirmations.last().contains(QStringLiteral("all 3 keys")),
                 qPrintable(m_confirmations.last()));
        QTRY_VERIFY(
            !test::keyExists(*m_service, QStringLiteral("sessions"), QStringLiteral("key:00002")));
        QVERIFY(test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:1")));
    }

    void clearAllConfirmationCountsEveryKey() {
        m_window->connectTo(m_service->url());
        QTRY_COMPARE(m_window->keyModel()->rowCount(), 2);
        m_accept = false;
        m_window->action(QStringLiteral("clearAll"))->trigger();
        QVERIFY2(m_confirmations.value(0).contains(QStringLiteral("all 8 keys in 2 namespaces")),
                 qPrintable(m_confirmations.value(0)));
        QVERIFY(test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:1")));
        m_accept = true;
        m_window->action(QStringLiteral("clearAll"))->trigger();
        QTRY_VERIFY(
            !test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:1")));
        QTRY_COMPARE(m_window->keyModel()->rowCount(), 0);
    }

    void readOnlyModeDisablesEveryDestructiveAction() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:1"));
        const QStringList destructive = {
            QStringLiteral("deleteKeys"), QStringLiteral("clearNamespace"),
            QStringLiteral("clearAll"), QStringLiteral("resetStats"), QStringLiteral("editTtl")};
        for (const QString &name : destructive)
            QTRY_VERIFY2(m_window->action(name)->isEnabled(), qPrintable(name));

        m_window->action(QStringLiteral("readOnly"))->trigger();
        QVERIFY(m_window->isReadOnly());
        for (const QString &name : destructive)
            QVERIFY2(!m_window->action(name)->isEnabled(), qPrintable(name));
        QVERIFY(!m_window->valuePanel()->applyTtlButton()->isEnabled());
        const QModelIndex ttl =
            m_window->keyView()->currentIndex().siblingAtColumn(KeyTreeModel::TtlColumn);
        QVERIFY(!(ttl.flags() & Qt::ItemIsEditable));
        // Even called directly (a shortcut racing the toggle), nothing is asked or deleted.
        m_window->deleteSelectedKeys();
        m_window->clearAll();
        QVERIFY(m_confirmations.isEmpty());
        QVERIFY(test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:1")));

        m_window->action(QStringLiteral("readOnly"))->trigger();
        QVERIFY(m_window->action(QStringLiteral("deleteKeys"))->isEnabled());
    }

    void resetStatisticsZeroesTheServersCounters() {
        m_window->connectTo(m_service->url());
        QTRY_COMPARE(m_window->statsPanel()->value(QStringLiteral("sets")), QStringLiteral("8"));
        m_window->action(QStringLiteral("resetStats"))->trigger();
        QCOMPARE(m_confirmations.size(), 1);
        QTRY_COMPARE(m_window->statsPanel()->value(QStringLiteral("sets")), QStringLiteral("0"));
        QCOMPARE(m_service->cache()->statistics().totals.sets, 0);
    }

    void chartsFillFromTheServersHistoryOnConnect() {
        for (int i = 0; i < 20; ++i)
            m_service->cache()->get(QStringLiteral("user:%1").arg(i % 8), QStringLiteral("users"));
        m_window->connectTo(m_service->url());
        QTRY_VERIFY(m_window->chartsPanel()->hitRatePointCount() > 0);
        QTRY_VERIFY(m_window->chartsPanel()->requestRatePointCount() > 0);
        m_window->action(QStringLiteral("window1"))->trigger();
        QCOMPARE(m_window->chartsPanel()->windowMinutes(), 1);
    }

    void demoTrafficReachesTheEmbeddedService() {
        m_window->connectTo(m_service->url());
        QTRY_VERIFY(m_window->action(QStringLiteral("demoTraffic"))->isEnabled());
        m_window->action(QStringLiteral("demoTraffic"))->trigger();
        QVERIFY(m_window->trafficGenerator()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(m_service->cache()->statistics().totalRequests() > 20, 10000);
        m_window->action(QStringLiteral("demoTraffic"))->trigger();
        QVERIFY(!m_window->trafficGenerator()->isRunning());
        QTRY_COMPARE(m_window->trafficGenerator()->inFlight(), 0);
    }

    void frequentActionsHaveShortcutsShownInTheirTooltips() {
        for (const char *name :
             {"connect", "embedded", "refresh", "filter", "editTtl", "deleteKeys", "clearNamespace",
              "clearAll", "resetStats", "readOnly", "demoTraffic", "copyKey", "quit"}) {
            QAction *a = m_window->action(QLatin1String(name));
            QVERIFY2(a && !a->shortcut().isEmpty(), name);
            QVERIFY2(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)), name);
        }
        QCOMPARE(m_window->action(QStringLiteral("refresh"))->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(m_window->action(QStringLiteral("filter"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::Key_F));
        QCOMPARE(m_window->action(QStringLiteral("deleteKeys"))->shortcut(),
                 QKeySequence(Qt::Key_Delete));
        m_window->action(QStringLiteral("filter"))->trigger();
        QTRY_VERIFY(m_window->filterEdit()->hasFocus());
    }

    void layoutAndReadOnlyAreRestoredOnTheNextStart() {
        auto *splitter = m_window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({300, 900});
        const QList<int> sizes = splitter->sizes();
        m_window->action(QStringLiteral("readOnly"))->trigger(); // the user's choice
        m_window->close();
        m_window.reset();

        MainWindow next;
        next.restoreLayout();
        next.show();
        QVERIFY(QTest::qWaitForWindowExposed(&next));
        QCOMPARE(next.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), sizes);
        QVERIFY(next.isReadOnly());
    }

    // Issue 16, fault 5: the value shown is the value stored, in the JSON and Text views.
    void jsonValueIsShownExactlyAsStored() {
        const QByteArray stored = R"({"b":1,"a":19.990,"id":12345678901234567890})";
        test::seedValue(*m_service, QStringLiteral("users"), QStringLiteral("exact"), stored, 3600,
                        "application/json");
        connectAndSelect(QStringLiteral("users"), QStringLiteral("exact"));
        ValuePanel *panel = m_window->valuePanel();
        QTRY_VERIFY2(panel->valueText().contains(QStringLiteral(
                         "\"b\": 1,\n    \"a\": 19.990,\n    \"id\": 12345678901234567890")),
                     qPrintable(panel->valueText()));
        auto *format = panel->findChild<QComboBox *>(QStringLiteral("valueFormat"));
        format->setCurrentIndex(format->findData(int(ValueFormatter::Format::Text)));
        QCOMPARE(panel->valueText(), QString::fromUtf8(stored));
    }

    // Issue 16, fault 8: F5 keeps the selected key selected.
    void refreshKeepsTheSelectedKey() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:3"));
        m_window->action(QStringLiteral("refresh"))->trigger();
        QTRY_VERIFY(m_window->keyModel()->isLoading());
        QTRY_VERIFY(!m_window->keyModel()->isLoading());
        const QModelIndex current = m_window->keyView()->currentIndex();
        QTRY_COMPARE(m_window->keyView()->currentIndex().data(KeyTreeModel::KeyRole).toString(),
                     QStringLiteral("user:3"));
        QVERIFY(m_window->keyView()->selectionModel()->isRowSelected(
            m_window->keyView()->currentIndex().row(),
            m_window->keyView()->currentIndex().parent()));
        Q_UNUSED(current);
    }

    // Fault 8: after a delete, the key the panel shows is the selected one, and the actions
    // act on it.
    void afterADeleteThePanelAndTheActionsFollowTheSelection() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:2"));
        m_window->action(QStringLiteral("deleteKeys"))->trigger();
        QTRY_VERIFY(!m_window->keyModel()
                         ->keyIndex(QStringLiteral("users"), QStringLiteral("user:2"))
                         .isValid());
        const QModelIndex current = m_window->keyView()->currentIndex();
        QVERIFY(current.isValid());
        QVERIFY(
            m_window->keyView()->selectionModel()->isRowSelected(current.row(), current.parent()));
        QTRY_COMPARE(m_window->valuePanel()->currentKey(),
                     current.data(KeyTreeModel::KeyRole).toString());
        QVERIFY(m_window->action(QStringLiteral("deleteKeys"))->isEnabled());
        QVERIFY(m_window->action(QStringLiteral("editTtl"))->isEnabled());
    }

    // Issue 16, fault 7: the key list follows the server from Redis to memory and back.
    void keyListFollowsTheServersBackendSwitches() {
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        Settings settings = test::embeddedSettingsOn(redis, QStringLiteral("fastapi-cache"));
        settings.redis.socketTimeout = 1.0;
        EmbeddedService service;
        QVERIFY2(service.start(settings), qPrintable(service.errorString()));
        QTRY_COMPARE(service.cache()->activeBackend(), BackendKind::Redis);
        test::seedKeys(service, QStringLiteral("onredis"), 3);
        // Already in the memory store, which is listed once Redis is gone.
        CacheManager *cache = service.cache();
        cache->memoryBackend()->set(
            cache->keyspace().fullKey(QStringLiteral("onmemory"), QStringLiteral("k")), "v", 3600,
            [](Result<bool>) {});
        m_window->connectTo(service.url());
        QTRY_COMPARE(m_window->keyModel()->namespaceNames(),
                     QStringList{QStringLiteral("onredis")});

        redis.stop();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->keyModel()->namespaceNames(),
                                  QStringList{QStringLiteral("onmemory")}, 10000);
        QVERIFY(redis.restart()); // empty: the test server keeps nothing on disk
        redis.command(
            {"SET", cache->keyspace().fullKey(QStringLiteral("back"), QStringLiteral("k")), "v"});
        QTRY_COMPARE_WITH_TIMEOUT(m_window->keyModel()->namespaceNames(),
                                  QStringList{QStringLiteral("back")}, 20000);
        m_window->disconnectFromServer();
    }

    void searchAcrossNamespacesCountsMatchesAndSaysWhenThereAreNone() {
        m_window->connectTo(m_service->url());
        QTRY_COMPARE(m_window->keyModel()->rowCount(), 2);
        m_window->filterEdit()->setText(QStringLiteral("user:"));
        m_window->action(QStringLiteral("searchAll"))->trigger();
        QTRY_VERIFY2(m_window->searchSummary().contains(QStringLiteral("5 keys")),
                     qPrintable(m_window->searchSummary()));
        QVERIFY(m_window->searchSummary().contains(QStringLiteral("1 namespace")));
        QTRY_COMPARE(m_window->keyModel()->loadedKeyCount(QStringLiteral("users")), 5);
        QTRY_VERIFY(m_window->keyModel()
                        ->namespaceIndex(QStringLiteral("sessions"))
                        .data()
                        .toString()
                        .contains(QStringLiteral("no matches")));
        m_window->filterEdit()->setText(QStringLiteral("zzz"));
        m_window->action(QStringLiteral("searchAll"))->trigger();
        QTRY_VERIFY(m_window->searchSummary().startsWith(QStringLiteral("No key matches")));
        m_window->filterEdit()->clear();
        QCOMPARE(m_window->searchSummary(), QString());
    }

    void deleteByPatternShowsTheCountBeforeDeleting() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:1"));
        m_window->setTextPrompt([](const QString &, const QString &, const QString &) {
            return QStringLiteral("user:[1-3]");
        });
        m_accept = false;
        m_window->action(QStringLiteral("deleteMatching"))->trigger();
        QTRY_COMPARE(m_confirmations.size(), 1);
        QVERIFY2(m_confirmations.last().contains(QStringLiteral("Delete 3 keys matching")),
                 qPrintable(m_confirmations.last()));
        QVERIFY(test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:1")));
        m_accept = true;
        m_window->action(QStringLiteral("deleteMatching"))->trigger();
        QTRY_VERIFY(
            !test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:3")));
        QVERIFY(!test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:1")));
        QVERIFY(test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("user:4")));
        QTRY_COMPARE(m_window->keyModel()
                         ->namespaceIndex(QStringLiteral("users"))
                         .data(KeyTreeModel::KeyCountRole)
                         .toInt(),
                     2);
    }

    void copyAndExportGiveTheValueAsStoredAndTheFullKey() {
        const QByteArray stored = R"({"b":1,"a":19.990})";
        test::seedValue(*m_service, QStringLiteral("users"), QStringLiteral("exp"), stored, 3600,
                        "application/json");
        connectAndSelect(QStringLiteral("users"), QStringLiteral("exp"));
        QTRY_VERIFY(m_window->valuePanel()->isLoaded());
        QTRY_VERIFY(!m_window->prefixNote().isEmpty());
        const QString prefix = m_service->cache()->settings().cache.namespacePrefix;
        QVERIFY(m_window->prefixNote().contains(prefix));
        m_window->action(QStringLiteral("copyValue"))->trigger();
        QCOMPARE(QApplication::clipboard()->text().toUtf8(), stored);
        m_window->action(QStringLiteral("copyFullKey"))->trigger();
        QCOMPARE(QApplication::clipboard()->text(), prefix + QStringLiteral(":users:exp"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("value.json"));
        m_window->setExportPathPrompt([path](const QString &) { return path; });
        m_window->action(QStringLiteral("exportValue"))->trigger();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), stored);
    }

    // Issue 16, fault 2: a read error must not leave the previous key's value on screen.
    void readErrorShowsNothingOfThePreviousKey() {
        seedCorrupt(QStringLiteral("users"), QStringLiteral("broken"));
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:1"));
        ValuePanel *panel = m_window->valuePanel();
        QTRY_VERIFY(panel->valueText().contains(QStringLiteral("Ada")));
        select(QStringLiteral("users"), QStringLiteral("broken"));
        QTRY_VERIFY2(panel->detailsText().contains(QStringLiteral("Could not read")),
                     qPrintable(panel->detailsText()));
        QCOMPARE(panel->valueText(), QString());
        QCOMPARE(panel->ttlText(), QString());
        QVERIFY(panel->titleText().contains(QStringLiteral("broken")));
        QVERIFY(!panel->applyTtlButton()->isEnabled());
    }

    // Fault 2, second half: with the server gone, a click shows no other key's value.
    void serverDownShowsNoOtherKeysValue() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:1"));
        ValuePanel *panel = m_window->valuePanel();
        QTRY_VERIFY(panel->valueText().contains(QStringLiteral("Ada")));
        m_service->stop();
        select(QStringLiteral("users"), QStringLiteral("user:2"));
        QTRY_VERIFY(panel->detailsText().contains(QStringLiteral("Could not read")));
        QCOMPARE(panel->valueText(), QString());
        QCOMPARE(panel->ttlText(), QString());
    }

    // Fault 3: a key without expiry shows no TTL, not the previous key's.
    void keyWithoutExpiryShowsNoTtlInTheEditor() {
        seedPersistent(QStringLiteral("users"), QStringLiteral("forever"));
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:2"));
        ValuePanel *panel = m_window->valuePanel();
        QTRY_VERIFY(panel->ttlEditor()->value() > 3000);
        select(QStringLiteral("users"), QStringLiteral("forever"));
        QTRY_VERIFY(panel->ttlText().contains(QStringLiteral("no expiry")));
        QCOMPARE(panel->ttlEditor()->value(), panel->ttlEditor()->minimum());
        QVERIFY(!panel->applyTtlButton()->isEnabled());
    }

    // Fault 4: a TTL edited in the list reaches the value panel.
    void ttlEditedInTheListUpdatesTheValuePanel() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:4"));
        ValuePanel *panel = m_window->valuePanel();
        QTRY_VERIFY(panel->ttlEditor()->value() > 3000);
        const QModelIndex current = m_window->keyView()->currentIndex();
        QVERIFY(
            m_window->keyProxy()->setData(current.siblingAtColumn(KeyTreeModel::TtlColumn), 500));
        QTRY_COMPARE(panel->ttlEditor()->value(), 500);
        QTRY_VERIFY2(panel->ttlText().contains(QStringLiteral("8m")), qPrintable(panel->ttlText()));
    }

    // Fault 6: clearing the filter box drops the server-side filter; no match says so.
    void clearedFilterDropsTheServerFilterAndNoMatchIsSaid() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:1"));
        QLineEdit *filter = m_window->filterEdit();
        filter->setFocus();
        QTest::keyClicks(filter, QStringLiteral("user:2"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE(m_window->keyModel()->loadedKeyCount(QStringLiteral("users")), 1);
        filter->clear(); // what the clear button does
        QCOMPARE(m_window->keyModel()->keyFilter(QStringLiteral("users")), QString());
        QTRY_COMPARE(m_window->keyModel()->loadedKeyCount(QStringLiteral("users")), 5);
        QVERIFY(!m_window->keyModel()
                     ->namespaceIndex(QStringLiteral("users"))
                     .data()
                     .toString()
                     .contains(QStringLiteral("filter")));

        QTest::keyClicks(filter, QStringLiteral("nothing-like-this"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_VERIFY2(
            m_window->keyModel()
                ->namespaceIndex(QStringLiteral("users"))
                .data()
                .toString()
                .contains(QStringLiteral("no matches")),
            qPrintable(
                m_window->keyModel()->namespaceIndex(QStringLiteral("users")).data().toString()));
        // Another server starts without the filter.
        m_window->connectTo(m_service->url());
        QCOMPARE(filter->text(), QString());
        QCOMPARE(m_window->keyModel()->keyFilter(QStringLiteral("users")), QString());
    }

    // Fault 9: the key list has the focus at start, and the filter box lets the window's
    // shortcuts through (on X11 a line edit claims Ctrl+E as "end of line").
    void windowShortcutsReachTheWindowFromTheFilterBox() {
        m_window->activateWindow(); // an X server without a window manager activates nothing
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->keyView()));
        m_window->filterEdit()->setFocus();
        QKeyEvent override(QEvent::ShortcutOverride, Qt::Key_E, Qt::ControlModifier);
        override.ignore();
        QApplication::sendEvent(m_window->filterEdit(), &override);
        QVERIFY(!override.isAccepted());
        QTest::keyClick(m_window->filterEdit(), Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(m_window->embeddedService());
    }

    // Fault 10: another (dead) server shows none of the previous server's figures, and a
    // lost server leaves no green badge and no enabled Set TTL.
    void deadServerShowsNoFiguresOfThePreviousOne() {
        m_window->connectTo(m_service->url());
        QTRY_COMPARE(m_window->statsPanel()->value(QStringLiteral("sets")), QStringLiteral("8"));
        m_window->connectTo(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::unusedPort())));
        QCOMPARE(m_window->statsPanel()->value(QStringLiteral("sets")), QStringLiteral("–"));
        QCOMPARE(m_window->statsPanel()->badgeText(), QStringLiteral("No data"));
    }

    void lostServerGreysTheBadgeAndDisablesSetTtl() {
        connectAndSelect(QStringLiteral("users"), QStringLiteral("user:1"));
        QTRY_VERIFY(m_window->valuePanel()->applyTtlButton()->isEnabled());
        QCOMPARE(m_window->statsPanel()->badgeText(), QStringLiteral("Memory"));
        m_service->stop();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionStatusText().contains(QStringLiteral("lost")),
                                 10000);
        QVERIFY2(m_window->statsPanel()->badgeText().contains(QStringLiteral("last known")),
                 qPrintable(m_window->statsPanel()->badgeText()));
        QVERIFY(!m_window->valuePanel()->applyTtlButton()->isEnabled());
        QVERIFY(!m_window->valuePanel()->ttlEditor()->isEnabled());
    }

    // Fault 11: the application name appears once (Qt appends it to the window title).
    void titleDoesNotRepeatTheApplicationName() {
        QGuiApplication::setApplicationDisplayName(QStringLiteral("Cache Console"));
        m_window->connectTo(m_service->url());
        QVERIFY(!QGuiApplication::applicationDisplayName().isEmpty());
        QVERIFY2(!m_window->windowTitle().contains(QGuiApplication::applicationDisplayName()),
                 qPrintable(m_window->windowTitle()));
        QVERIFY(m_window->windowTitle().contains(m_service->url().toString()));
    }

    // Fault 12: read-only for one session (what --read-only does) is not remembered.
    void readOnlyForOneSessionIsNotRemembered() {
        m_window->setReadOnly(true);
        QVERIFY(m_window->isReadOnly());
        m_window->close();
        m_window.reset();
        MainWindow next;
        QVERIFY(!next.isReadOnly());
    }

    // Fault 15: only connections that worked are remembered, --url ones included.
    void onlyReachedServersAreRemembered() {
        m_window->connectTo(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::unusedPort())));
        QTRY_VERIFY(m_window->connectionStatusText().contains(QStringLiteral("unreachable")));
        QVERIFY(ConsoleSettings().recentConnections().isEmpty());
        m_window->connectTo(m_service->url()); // as --url does
        QTRY_VERIFY(m_window->connectionStatusText().startsWith(QStringLiteral("Connected to")));
        QTRY_COMPARE(ConsoleSettings().recentConnections().size(), 1);
        QCOMPARE(ConsoleSettings().recentConnections().constFirst().url,
                 m_service->url().toString());
        QCOMPARE(m_window->connectionDialogUrl(), m_service->url().toString());
    }

    void chartNamespacePickerOffersEveryNamespaceOfTheServer() {
        m_window->connectTo(m_service->url());
        // From the key list, before any of them has traffic; and one created later.
        QTRY_COMPARE(m_window->chartsPanel()->namespaceChoices(),
                     (QStringList{QStringLiteral("sessions"), QStringLiteral("users")}));
        test::seedKeys(*m_service, QStringLiteral("orders"), 2);
        m_window->refresh();
        QTRY_COMPARE(m_window->chartsPanel()->namespaceChoices(),
                     (QStringList{QStringLiteral("orders"), QStringLiteral("sessions"),
                                  QStringLiteral("users")}));
        m_window->chartsPanel()->setNamespace(QStringLiteral("orders"));
        QCOMPARE(m_window->chartsPanel()->selectedNamespace(), QStringLiteral("orders"));
    }

    // A hash has members, not a value: copying or exporting "its value" would give nothing.
    void copyAndExportAreOfferedOnlyForAStringsValue() {
        test::RedisServer redis;
        QVERIFY2(redis.attachShared(), qPrintable(redis.lastError()));
        const Settings settings = test::embeddedSettingsOn(
            redis, QStringLiteral("tst-mw-copy-%1").arg(QCoreApplication::applicationPid()));
        EmbeddedService service;
        QVERIFY2(service.start(settings), qPrintable(service.errorString()));
        QTRY_COMPARE(service.cache()->activeBackend(), BackendKind::Redis);
        redis.command({"HSET", service.cache()->keyspace().fullKey("mixed", "h"), "f", "v"});
        test::seedValue(service, QStringLiteral("mixed"), QStringLiteral("s"), "text");
        m_window->connectTo(service.url());
        QTRY_VERIFY(m_window->keyModel()->namespaceIndex(QStringLiteral("mixed")).isValid());
        m_window->keyView()->expand(m_window->keyProxy()->mapFromSource(
            m_window->keyModel()->namespaceIndex(QStringLiteral("mixed"))));
        select(QStringLiteral("mixed"), QStringLiteral("h"));
        QTRY_COMPARE(m_window->valuePanel()->keyType(), QStringLiteral("hash"));
        QVERIFY(!m_window->action(QStringLiteral("copyValue"))->isEnabled());
        QVERIFY(!m_window->action(QStringLiteral("exportValue"))->isEnabled());
        QVERIFY(m_window->action(QStringLiteral("copyFullKey"))->isEnabled());
        select(QStringLiteral("mixed"), QStringLiteral("s"));
        QTRY_VERIFY(m_window->valuePanel()->isLoaded());
        QVERIFY(m_window->action(QStringLiteral("copyValue"))->isEnabled());
        QVERIFY(m_window->action(QStringLiteral("exportValue"))->isEnabled());
        redis.command({"UNLINK", service.cache()->keyspace().fullKey("mixed", "h")});
        m_window->disconnectFromServer();
    }

private:
    void connectAndSelect(const QString &ns, const QString &key) {
        m_window->connectTo(m_service->url());
        QTRY_VERIFY(m_window->keyModel()->namespaceIndex(ns).isValid());
        QTreeView *view = m_window->keyView();
        view->expand(m_window->keyProxy()->mapFromSource(m_window->keyModel()->namespaceIndex(ns)));
        QTRY_VERIFY(m_window->keyModel()->keyIndex(ns, key).isValid());
        view->setCurrentIndex(
            m_window->keyProxy()->mapFromSource(m_window->keyModel()->keyIndex(ns, key)));
        QTRY_COMPARE(m_window->valuePanel()->currentKey(), key);
    }

    void select(const QString &ns, const QString &key) {
        QTRY_VERIFY(m_window->keyModel()->keyIndex(ns, key).isValid());
        m_window->keyView()->setCurrentIndex(
            m_window->keyProxy()->mapFromSource(m_window->keyModel()->keyIndex(ns, key)));
        QTRY_COMPARE(m_window->valuePanel()->currentKey(), key);
    }

    // A value the codec cannot decode (gzip magic, then garbage), written past the manager.
    void seedCorrupt(const QString &ns, const QString &key) {
        CacheManager *cache = m_service->cache();
        cache->memoryBackend()->set(cache->keyspace().fullKey(ns, key),
                                    QByteArray("\x1f\x8b\x08\x00garbage", 12), 3600,
                                    [](Result<bool>) {});
    }

    // A key that never expires (as another application may write).
    void seedPersistent(const QString &ns, const QString &key) {
        CacheManager *cache = m_service->cache();
        cache->memoryBackend()->set(cache->keyspace().fullKey(ns, key), QByteArray("plain"), 0,
                                    [](Result<bool>) {});
    }

    void selectAlso(const QString &ns, const QString &key) {
        const QModelIndex index =
            m_window->keyProxy()->mapFromSource(m_window->keyModel()->keyIndex(ns, key));
        m_window->keyView()->selectionModel()->select(index, QItemSelectionModel::Select |
                                                                 QItemSelectionModel::Rows);
    }

    qint64 serverTtl(const QString &ns, const QString &key) {
        auto future = m_service->cache()->ttl(key, ns);
        future.waitForFinished();
        return future.result().value;
    }

    Localization m_l10n;
    std::unique_ptr<EmbeddedService> m_service;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_confirmations;
    bool m_accept = true;
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
