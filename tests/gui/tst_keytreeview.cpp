// Keyboard paging through a large namespace in the console's key list: End keeps the selection,
// new pages append in the server's order, and repeated End reaches the last key.
#include "cachemanager.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "keyfilterproxymodel.h"
#include "keytreemodel.h"
#include "localization.h"
#include "mainwindow.h"
#include "redisserver.h"
#include "valuepanel.h"
#include <algorithm>

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <algorithm>

using namespace qrc;

class tst_KeyTreeView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        test::isolateSettings();
        QCoreApplication::setOrganizationName(QStringLiteral("QtRedisCacheTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keytreeview"));
        QSettings().clear();
    }

    void endKeepsTheSelectionAndReachesTheEnd_data() {
        QTest::addColumn<bool>("redis");
        QTest::newRow("memory") << false;
        QTest::newRow("redis") << true;
    }
    void endKeepsTheSelectionAndReachesTheEnd() {
        QFETCH(bool, redis);
        constexpr int Keys = 1500;
        test::RedisServer server;
        Settings settings = EmbeddedService::defaultSettings();
        if (redis) {
            QVERIFY2(server.start(), qPrintable(server.lastError()));
            settings.redis.enabled = true;
            settings.redis.host = server.host();
            settings.redis.port = server.port();
            settings.cache.namespacePrefix = QStringLiteral("tst-keytreeview");
        }
        EmbeddedService service;
        QVERIFY2(service.start(settings), qPrintable(service.errorString()));
        if (redis) // seeded into Redis, not into the fallback while it connects
            QTRY_VERIFY_WITH_TIMEOUT(service.cache()->activeBackend() == BackendKind::Redis, 10000);
        MainWindow window;
        QModelIndex big;
        openBig(window, service, Keys, &big);
        if (QTest::currentTestFailed())
            return;
        KeyTreeModel *model = window.keyModel();
        QTreeView *view = window.keyView();
        QVERIFY(model->pageSize() < Keys);
        const QStringList firstPage = shownKeys(window, big);

        // A key of the first page selected, then End once: End means the namespace's last key,
        // so the view loads page after page and keeps the selection on the last row.
        view->setFocus();
        view->setCurrentIndex(window.keyProxy()->index(3, 0, big));
        QTRY_COMPARE(window.valuePanel()->currentKey(), firstPage[3]);
        QSignalSpy pages(model, &KeyTreeModel::pageLoaded);
        QTest::keyClick(view, Qt::Key_End);
        QModelIndex current = view->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.parent(), big);
        QCOMPARE(current.row(), model->pageSize() - 1); // the last loaded row, at once
        QTRY_COMPARE_WITH_TIMEOUT(model->loadedKeyCount(QStringLiteral("big")), Keys, 20000);
        QTRY_COMPARE(view->currentIndex().row(), Keys - 1);
        QCOMPARE(pages.size(), (Keys + model->pageSize() - 1) / model->pageSize() - 1);
        current = view->currentIndex();
        QCOMPARE(current.parent(), big);
        QVERIFY(view->selectionModel()->isRowSelected(current.row(), current.parent()));
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);

        // Pages were appended: the first page is still the first rows, in the same order, and
        // the list as shown is the server's order (the source model's), with no key twice.
        const QStringList all = shownKeys(window, big);
        QCOMPARE(all.mid(0, firstPage.size()), firstPage);
        QStringList source;
        const QModelIndex sourceBig = model->namespaceIndex(QStringLiteral("big"));
        for (int row = 0; row < model->rowCount(sourceBig); ++row)
            source << model->index(row, 0, sourceBig).data(KeyTreeModel::KeyRole).toString();
        QCOMPARE(all, source);
        QCOMPARE(QSet<QString>(all.cbegin(), all.cend()).size(), Keys);
        QTRY_COMPARE(window.valuePanel()->currentKey(), all.last());
        window.disconnectFromServer();
    }

    // Sorting by a column sorts the whole namespace, not only the page loaded so far: the
    // smallest key shown first is the namespace's smallest.
    void sortingByAColumnLoadsAndSortsTheWholeNamespace() {
        constexpr int Keys = 1500;
        EmbeddedService service;
        QVERIFY2(service.start(EmbeddedService::defaultSettings()),
                 qPrintable(service.errorString()));
        MainWindow window;
        QModelIndex big;
        openBig(window, service, Keys, &big);
        if (QTest::currentTestFailed())
            return;
        KeyTreeModel *model = window.keyModel();
        QTreeView *view = window.keyView();

        view->sortByColumn(KeyTreeModel::SizeColumn, Qt::AscendingOrder);
        QTRY_COMPARE_WITH_TIMEOUT(model->loadedKeyCount(QStringLiteral("big")), Keys, 20000);
        QList<qint64> sizes;
        for (int row = 0; row < window.keyProxy()->rowCount(big); ++row)
            sizes << window.keyProxy()
                         ->index(row, KeyTreeModel::SizeColumn, big)
                         .data(KeyTreeModel::SortRole)
                         .toLongLong();
        QCOMPARE(sizes.size(), Keys);
        QVERIFY(std::is_sorted(sizes.cbegin(), sizes.cend()));
        QVERIFY(sizes.first() < sizes.last()); // the keys differ in size: a real order
        window.disconnectFromServer();
    }

private:
    // Seeds `service` with a namespace "big" of `keys` keys, shows the window at 1024x680,
    // connects it and opens "big", whose first page is loaded on return (unless
    // QTest::currentTestFailed()).
    static void openBig(MainWindow &window, EmbeddedService &service, int keys, QModelIndex *big) {
        test::seedKeys(service, QStringLiteral("big"), keys);
        window.resizeForLayout(QSize(1024, 680));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        KeyTreeModel *model = window.keyModel();
        window.connectTo(service.url());
        QTRY_VERIFY_WITH_TIMEOUT(
            model->namespaceIndex(QStringLiteral("big")).data(KeyTreeModel::KeyCountRole).toInt() ==
                keys,
            10000);
        *big = window.keyProxy()->mapFromSource(model->namespaceIndex(QStringLiteral("big")));
        window.keyView()->expand(*big);
        QTRY_COMPARE(model->loadedKeyCount(QStringLiteral("big")), model->pageSize());
    }

    static QStringList shownKeys(MainWindow &window, const QModelIndex &ns) {
        QStringList keys;
        for (int row = 0; row < window.keyProxy()->rowCount(ns); ++row)
            keys << window.keyProxy()->index(row, 0, ns).data(KeyTreeModel::KeyRole).toString();
        return keys;
    }
};

QTEST_MAIN(tst_KeyTreeView)
#include "tst_keytreeview.moc"
