// The value panel against a real cache service on a real Redis: paged members of hashes,
// lists, sets, sorted sets and streams; the stored bytes and their form; the JSON tree; wrap;
// nothing of one key left when the next is shown; every widget named for assistive tools.
#include "apiclient.h"
#include "cachemanager.h"
#include "collectionmodel.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "jsontreemodel.h"
#include "keyspace.h"
#include "localization.h"
#include "redisserver.h"
#include "textfindbar.h"
#include "valuepanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QUuid>

using namespace qrc;

class tst_ValuePanel : public QObject {
    Q_OBJECT

    QByteArray full(const QString &ns, const QString &key) const {
        return m_service->cache()->keyspace().fullKey(ns, key);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError()));
        QCOMPARE(m_l10n.load(QStringLiteral("en")), QStringLiteral("en")); // plural forms
    }

    void init() {
        Settings settings = EmbeddedService::defaultSettings();
        settings.redis.enabled = true;
        settings.redis.host = m_redis.host();
        settings.redis.port = m_redis.port();
        settings.cache.namespacePrefix =
            QStringLiteral("tst-panel-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_service = std::make_unique<EmbeddedService>();
        QVERIFY2(m_service->start(settings), qPrintable(m_service->errorString()));
        QTRY_COMPARE(m_service->cache()->activeBackend(), BackendKind::Redis);
        m_api = std::make_unique<ApiClient>();
        m_api->setBaseUrl(QUrl(m_service->url()));
        m_panel = std::make_unique<ValuePanel>(m_api.get());
        m_panel->resize(700, 500);
        m_panel->show();
    }

    void cleanup() {
        m_panel.reset();
        m_api.reset();
        m_service.reset();
    }

    void listMembersArePagedWithLoadMoreToTheEnd() {
        QList<QByteArray> push{"RPUSH", full("c", "list")};
        for (int i = 0; i < 450; ++i)
            push << "element " + QByteArray::number(i);
        m_redis.command(push);
        CollectionModel *items = m_panel->itemsModel();
        m_panel->showKey("c", "list");
        QTRY_COMPARE(items->rowCount(), 200);
        QCOMPARE(m_panel->keyType(), QStringLiteral("list"));
        QCOMPARE(m_panel->tabs()->currentIndex(), int(ValuePanel::ItemsTab));
        QVERIFY(!m_panel->tabs()->isTabEnabled(ValuePanel::ValueTab));
        QVERIFY(!m_panel->tabs()->isTabEnabled(ValuePanel::RawTab));
        QCOMPARE(m_panel->itemsSummary(), QStringLiteral("200 of 450 members shown"));
        QCOMPARE(items->index(137, 1).data().toString(), QStringLiteral("element 137"));
        QCOMPARE(items->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Index"));
        QVERIFY(m_panel->loadMoreButton()->isEnabled());
        m_panel->loadMoreButton()->click();
        QTRY_COMPARE(items->rowCount(), 400);
        m_panel->loadMoreButton()->click();
        QTRY_COMPARE(items->rowCount(), 450);
        QVERIFY(items->isComplete());
        QVERIFY(!m_panel->loadMoreButton()->isEnabled());
        QCOMPARE(m_panel->itemsSummary(), QStringLiteral("All 450 members shown"));
        QCOMPARE(items->index(449, 1).data().toString(), QStringLiteral("element 449"));
    }

    void everyCollectionTypeShowsItsMembers() {
        m_redis.command(
            {"HSET", full("c", "hash"), "name", "Ada", "bin", QByteArray("\xff\x01", 2)});
        m_redis.command({"SADD", full("c", "set"), "only"});
        m_redis.command({"ZADD", full("c", "zset"), "2.5", "m"});
        m_redis.command({"XADD", full("c", "stream"), "7-1", "a", "1", "b", "2"});
        CollectionModel *items = m_panel->itemsModel();
        // (The tester fetches every page itself, so it watches the small collections.)
        QAbstractItemModelTester tester(items,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        m_panel->showKey("c", "hash");
        QTRY_COMPARE(items->rowCount(), 2);
        QSet<QString> cells;
        for (int row = 0; row < 2; ++row)
            cells << items->index(row, 0).data().toString() + QLatin1Char('=') +
                         items->index(row, 1).data().toString();
        QCOMPARE(cells,
                 (QSet<QString>{QStringLiteral("name=Ada"), QStringLiteral("bin=\\xff\\x01")}));
        QVERIFY(m_panel->detailsText().startsWith(QStringLiteral("Hash")));
        const int nameRow = items->index(0, 0).data().toString() == QLatin1String("name") ? 0 : 1;
        m_panel->itemsView()->setCurrentIndex(items->index(nameRow, 0));
        QCOMPARE(m_panel->memberText(), QStringLiteral("Ada"));
        QVERIFY2(m_panel->detailsText().contains(QStringLiteral("Memory: ")),
                 qPrintable(m_panel->detailsText()));

        m_panel->showKey("c", "set");
        QTRY_COMPARE(items->rowCount(), 1);
        QCOMPARE(items->columnCount(), 1);
        QCOMPARE(items->index(0, 0).data().toString(), QStringLiteral("only"));

        m_panel->showKey("c", "zset");
        QTRY_COMPARE(items->rowCount(), 1);
        QCOMPARE(items->index(0, 1).data().toString(), QStringLiteral("2.5"));

        m_panel->showKey("c", "stream");
        QTRY_COMPARE(items->rowCount(), 1);
        QCOMPARE(items->index(0, 0).data().toString(), QStringLiteral("7-1"));
        QCOMPARE(items->index(0, 1).data().toString(), QStringLiteral("a=1, b=2"));
        QVERIFY(m_panel->memberText().isEmpty()); // nothing of the hash's member stays
    }

    void rawTabShowsTheStoredBytesAndTheirForm() {
        QByteArray json = R"({"b":1,"a":19.990,"list":[)";
        for (int i = 0; i < 300; ++i)
            json += QByteArray::number(i) + ',';
        json += "0]}";
        test::seedValue(*m_service, "v", "big", json, 3600, "application/json");
        m_panel->showKey("v", "big");
        QTRY_VERIFY(m_panel->isLoaded());
        const QByteArray stored = m_redis.command({"GET", full("v", "big")});
        QCOMPARE(m_panel->storedBytes(), stored);
        QVERIFY(m_panel->tabs()->isTabEnabled(ValuePanel::RawTab));
        QVERIFY(m_panel->rawText().startsWith(QStringLiteral("00000000  1f 8b ")));
        QVERIFY2(m_panel->storedFormText().contains(QStringLiteral("native framing")),
                 qPrintable(m_panel->storedFormText()));
        QVERIFY(m_panel->storedFormText().contains(QStringLiteral("Compression: gzip")));
        QVERIFY(m_panel->storedFormText().contains(QStringLiteral("JSON")));

        m_redis.command({"SET", full("v", "seed"), R"({"z":1,"a":2})"});
        m_panel->showKey("v", "seed");
        QTRY_VERIFY(m_panel->isLoaded());
        QVERIFY2(m_panel->storedFormText().contains(QStringLiteral("seed JSON")),
                 qPrintable(m_panel->storedFormText()));
        QVERIFY(m_panel->rawText().contains(QStringLiteral("|{\"z\":1,\"a\":2}|")));
        m_panel->rawFormatSelector()->setCurrentIndex(1); // the bytes as text
        QCOMPARE(m_panel->rawText(), QStringLiteral("{\"z\":1,\"a\":2}"));
    }

    void jsonTreeFollowsTheDocumentAndOnlyJsonHasOne() {
        test::seedValue(*m_service, "v", "j", R"({"z":1.10,"a":{"n":[1,2]}})", 3600,
                        "application/json");
        m_panel->showKey("v", "j");
        QTRY_VERIFY(m_panel->isLoaded());
        QVERIFY(m_panel->tabs()->isTabEnabled(ValuePanel::TreeTab));
        JsonTreeModel *tree = m_panel->jsonModel();
        QCOMPARE(tree->rowCount(), 0); // built when its tab is shown, not for every key
        m_panel->tabs()->setCurrentIndex(ValuePanel::TreeTab);
        const QModelIndex root = tree->index(0, 0);
        QCOMPARE(tree->index(0, JsonTreeModel::KeyColumn, root).data().toString(),
                 QStringLiteral("z"));
        QCOMPARE(tree->index(0, JsonTreeModel::ValueColumn, root).data().toString(),
                 QStringLiteral("1.10"));
        QVERIFY(m_panel->jsonTree()->isExpanded(m_panel->jsonTree()->model()->index(0, 0)));

        test::seedValue(*m_service, "v", "t", "plain text");
        m_panel->showKey("v", "t");
        QTRY_VERIFY(m_panel->isLoaded());
        QVERIFY(!m_panel->tabs()->isTabEnabled(ValuePanel::TreeTab));
        QCOMPARE(tree->rowCount(), 0);
    }

    void theViewTheUserChoseIsKeptForTheNextKeyThatHasIt() {
        test::seedValue(*m_service, "v", "a", R"({"a":1})", 3600, "application/json");
        test::seedValue(*m_service, "v", "b", R"({"b":2})", 3600, "application/json");
        m_redis.command({"HSET", full("v", "h"), "f", "v"});
        m_panel->showKey("v", "a");
        QTRY_VERIFY(m_panel->isLoaded());
        m_panel->tabs()->setCurrentIndex(ValuePanel::TreeTab);
        QCOMPARE(m_panel->jsonModel()->rowCount(), 1);
        m_panel->showKey("v", "b");
        QTRY_VERIFY(m_panel->isLoaded());
        QCOMPARE(m_panel->tabs()->currentIndex(), int(ValuePanel::TreeTab));
        QCOMPARE(m_panel->jsonModel()->index(0, 0, m_panel->jsonModel()->index(0, 0)).data(),
                 QVariant(QStringLiteral("b")));
        m_panel->showKey("v", "h");
        QTRY_VERIFY(m_panel->isLoaded());
        QCOMPARE(m_panel->tabs()->currentIndex(), int(ValuePanel::ItemsTab));
        m_panel->showKey("v", "a");
        QTRY_VERIFY(m_panel->isLoaded());
        QCOMPARE(m_panel->tabs()->currentIndex(), int(ValuePanel::TreeTab));
    }

    void nothingOfACollectionStaysWhenAStringIsShown() {
        m_redis.command({"HSET", full("c", "h"), "f", "v"});
        test::seedValue(*m_service, "c", "s", "text");
        m_panel->showKey("c", "h");
        QTRY_COMPARE(m_panel->itemsModel()->rowCount(), 1);
        m_panel->showKey("c", "s");
        QCOMPARE(m_panel->itemsModel()->rowCount(), 0); // at once, before the answer
        QTRY_VERIFY(m_panel->isLoaded());
        QVERIFY(!m_panel->tabs()->isTabEnabled(ValuePanel::ItemsTab));
        QCOMPARE(m_panel->tabs()->currentIndex(), int(ValuePanel::ValueTab));
        QCOMPARE(m_panel->valueText(), QStringLiteral("text"));
        QVERIFY(m_panel->itemsSummary().isEmpty());
    }

    void wrapToggleAndSearchWorkOnTheValue() {
        test::seedValue(*m_service, "v", "t", "needle hay needle " + QByteArray(300, 'x'));
        m_panel->showKey("v", "t");
        QTRY_VERIFY(m_panel->isLoaded());
        QCOMPARE(m_panel->textView()->lineWrapMode(), QPlainTextEdit::NoWrap);
        m_panel->wrapToggle()->click();
        QCOMPARE(m_panel->textView()->lineWrapMode(), QPlainTextEdit::WidgetWidth);
        m_panel->findBar()->searchField()->setText(QStringLiteral("needle"));
        QCOMPARE(m_panel->findBar()->matchCount(), 2);
        m_panel->textView()->setFocus();
        QTest::keyClick(m_panel->textView(), Qt::Key_F3);
        QCOMPARE(m_panel->findBar()->currentMatch(), 1);
    }

    void everyWidgetOfThePanelHasAnAccessibleName() {
        const QStringList unnamed = test::unnamedWidgets(m_panel.get());
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }

private:
    Localization m_l10n;
    test::RedisServer m_redis;
    std::unique_ptr<EmbeddedService> m_service;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<ValuePanel> m_panel;
};

QTEST_MAIN(tst_ValuePanel)
#include "tst_valuepanel.moc"
