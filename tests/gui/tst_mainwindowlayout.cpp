// The console's layout at the sizes people use (1024x680 and 1366x768), its folding panels and
// the messages that stand in for empty views. Offscreen widgets against a real in-process server.
#include "chartspanel.h"
#include "collapsiblesection.h"
#include "consolesettings.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "keyfilterproxymodel.h"
#include "keytreemodel.h"
#include "localization.h"
#include "mainwindow.h"
#include "statspanel.h"
#include "valuepanel.h"

#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextBoundaryFinder>
#include <QTextLayout>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

using namespace qrc;

class tst_MainWindowLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        test::isolateSettings();
        QCoreApplication::setOrganizationName(QStringLiteral("QtRedisCacheTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowlayout"));
        QCOMPARE(m_l10n.load(QStringLiteral("en")), QStringLiteral("en"));
    }

    void init() {
        QSettings().clear();
        m_service = std::make_unique<EmbeddedService>();
        QVERIFY2(m_service->start(), qPrintable(m_service->errorString()));
        test::seedKeys(*m_service, QStringLiteral("users"), 40, 3600,
                       QStringLiteral("a-rather-long-user-key-name:"));
        test::seedKeys(*m_service, QStringLiteral("sessions"), 3);
    }

    void cleanup() { m_service.reset(); }

    void keyListKeepsNameTtlAndSizeInView_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("valueHeight"); // the least the value area may get
        QTest::newRow("1024x680") << QSize(1024, 680) << 120;
        QTest::newRow("1366x768") << QSize(1366, 768) << 200;
    }
    void keyListKeepsNameTtlAndSizeInView() {
        QFETCH(QSize, size);
        QFETCH(int, valueHeight);
        MainWindow window;
        window.resizeForLayout(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), size); // nothing forces the window wider or taller
        connectAndOpen(window, QStringLiteral("users"), 40);
        checkKeyList(window);
        checkPanels(window, valueHeight);
    }

    void valueShowsEightLinesBesideAFullKeyList_data() {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        for (const QString &language : Localization::languages()) {
            for (QSize size : {QSize(1024, 680), QSize(1366, 768)})
                QTest::addRow("%s %dx%d", qPrintable(language), size.width(), size.height())
                    << language << size;
        }
    }
    void valueShowsEightLinesBesideAFullKeyList() {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QVERIFY(m_l10n.load(language).startsWith(language.left(2)));
        const auto english = qScopeGuard([this] { m_l10n.load(QStringLiteral("en")); });
        // A pretty-printed JSON value of 30 lines.
        QByteArray json = "{\n";
        for (int i = 0; i < 28; ++i)
            json += "  \"field" + QByteArray::number(i) + "\": " + QByteArray::number(i) +
                    (i < 27 ? ",\n" : "\n");
        json += "}";
        const QString name = QStringLiteral("a-rather-long-user-key-name:json");
        test::seedValue(*m_service, QStringLiteral("users"), name, json, 3600, "application/json");
        MainWindow window;
        window.resizeForLayout(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), size);
        connectAndOpen(window, QStringLiteral("users"), 41, name);
        QCOMPARE(window.valuePanel()->tabs()->currentIndex(), int(ValuePanel::ValueTab));
        checkKeyList(window);
        const int lines = visibleLines(window.valuePanel()->textView());
        qInfo("%s %dx%d: %d lines of the value in view; statistics %s, charts %s",
              qPrintable(language), size.width(), size.height(), lines,
              window.statisticsSection()->isExpanded() ? "open" : "folded",
              window.chartsSection()->isExpanded() ? "open" : "folded");
        QVERIFY2(lines >= 8, qPrintable(QString::number(lines)));
        QVERIFY(window.statisticsSection()->isExpanded());
        // Open charts would leave a short window a line or two of value: they start folded.
        QCOMPARE(window.chartsSection()->isExpanded(),
                 size.height() >= MainWindow::ShortWindowHeight);
    }

    void toolbarShowsEveryActionAt1024_data() {
        QTest::addColumn<QString>("language");
        for (const QString &language : Localization::languages())
            QTest::newRow(qPrintable(language)) << language;
    }
    void toolbarShowsEveryActionAt1024() {
        QFETCH(QString, language);
        QVERIFY(m_l10n.load(language).startsWith(language.left(2)));
        const auto english = qScopeGuard([this] { m_l10n.load(QStringLiteral("en")); });
        MainWindow window;
        window.resizeForLayout(QSize(1024, 680));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *bar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        QVERIFY(bar);
        QVERIFY(bar->isVisible());
        // Qt moves the buttons that do not fit into a menu behind its » extension button.
        auto *extension = bar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
        QVERIFY(extension);
        QVERIFY2(!extension->isVisible(), "the toolbar overflows into its » menu");
        int buttons = 0;
        for (QAction *a : bar->actions()) {
            if (a->isSeparator())
                continue;
            QWidget *button = bar->widgetForAction(a);
            QVERIFY(button);
            QVERIFY2(button->isVisible() && bar->rect().contains(button->geometry()),
                     qPrintable(a->text()));
            // Shown without its text or not, a button says what it does.
            QVERIFY2(!a->toolTip().isEmpty(), qPrintable(a->objectName()));
            ++buttons;
        }
        QCOMPARE(buttons, 7);
        qInfo("%s: the toolbar's buttons take %d of %d px", qPrintable(language),
              bar->layout()->sizeHint().width(), bar->width());
    }

    void keyListKeepsItsWidthWhenALargeWindowShrinks() {
        MainWindow window;
        window.resizeForLayout(QSize(1366, 768));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        connectAndOpen(window, QStringLiteral("users"), 40);
        window.resize(1024, 680);
        QTRY_COMPARE(window.size(), QSize(1024, 680));
        checkKeyList(window);
    }

    void statisticsAndChartsFoldAwayAndStayFoldedNextTime() {
        int valueHeight = 0;
        {
            MainWindow window;
            window.resizeForLayout(QSize(1366, 768));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *valueArea = window.findChild<QStackedWidget *>(QStringLiteral("valueArea"));
            QVERIFY(valueArea);
            valueHeight = valueArea->height();
            for (CollapsibleSection *s : {window.statisticsSection(), window.chartsSection()}) {
                QVERIFY(s->body()->isVisible());
                s->headerButton()->click();
                QVERIFY(!s->isExpanded());
                QVERIFY(!s->body()->isVisible());
                QTRY_VERIFY(s->height() <= s->headerButton()->height() + 4);
                QVERIFY(s->headerButton()->isVisible()); // it can be opened again
            }
            // The room went to the value area.
            QTRY_VERIFY2(
                valueArea->height() > valueHeight + 250,
                qPrintable(QStringLiteral("%1 -> %2").arg(valueHeight).arg(valueArea->height())));
            QCOMPARE(window.statisticsSection()->headerButton()->accessibleDescription().isEmpty(),
                     false);
            window.close();
        }
        MainWindow next;
        next.resizeForLayout(QSize(1366, 768));
        next.restoreLayout();
        QVERIFY(!next.statisticsSection()->isExpanded());
        QVERIFY(!next.chartsSection()->isExpanded());
        next.chartsSection()->setExpanded(true);
        QVERIFY(next.chartsSection()->isExpanded());
        QCOMPARE(ConsoleSettings().sectionExpanded(QStringLiteral("charts")), std::optional(true));
        QCOMPARE(ConsoleSettings().sectionExpanded(QStringLiteral("statistics")),
                 std::optional(false));
    }

    void chartsStartFoldedInAShortWindowUntilTheUserChooses() {
        auto open = [](QSize size) {
            auto window = std::make_unique<MainWindow>();
            window->restoreLayout();
            window->resizeForLayout(size);
            return window;
        };
        // Nothing chosen yet: folded below 720 pixels of height, open above; the statistics
        // stay open; nothing is remembered for the user.
        QVERIFY(!open(QSize(1024, 680))->chartsSection()->isExpanded());
        QVERIFY(open(QSize(1024, 680))->statisticsSection()->isExpanded());
        QVERIFY(open(QSize(1366, 768))->chartsSection()->isExpanded());
        QVERIFY(!open(QSize(1280, 719))->chartsSection()->isExpanded());
        QVERIFY(open(QSize(1280, 720))->chartsSection()->isExpanded());
        QVERIFY(!ConsoleSettings().sectionExpanded(QStringLiteral("charts")).has_value());
        {
            // Growing the window opens them (still the default).
            auto window = open(QSize(1024, 680));
            window->resizeForLayout(QSize(1366, 768));
            QVERIFY(window->chartsSection()->isExpanded());
        }
        {
            // The user opens them in a short window: they stay open there next time.
            auto window = open(QSize(1024, 680));
            window->chartsSection()->headerButton()->click();
            QVERIFY(window->chartsSection()->isExpanded());
            window->resizeForLayout(QSize(1024, 600));
            QVERIFY(window->chartsSection()->isExpanded());
        }
        QCOMPARE(ConsoleSettings().sectionExpanded(QStringLiteral("charts")), std::optional(true));
        QVERIFY(open(QSize(1024, 680))->chartsSection()->isExpanded());
        {
            // And folded in a tall one, when that is what the user chose.
            auto window = open(QSize(1366, 768));
            window->chartsSection()->headerButton()->click();
        }
        QVERIFY(!open(QSize(1366, 768))->chartsSection()->isExpanded());
    }

    void emptyViewsSayWhy() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Not connected.
        QVERIFY(window.keyListNoteVisible());
        QVERIFY2(window.keyListNote().contains(QStringLiteral("Not connected")),
                 qPrintable(window.keyListNote()));
        QVERIFY(window.valueNote().contains(QStringLiteral("Not connected")));

        // A server with keys: the list has rows, no message; the value area asks for a key.
        window.connectTo(m_service->url());
        QTRY_COMPARE(window.keyModel()->rowCount(), 2);
        QTRY_VERIFY(!window.keyListNoteVisible());
        QCOMPARE(window.valueNote(), QStringLiteral("Select a key to see its value."));

        // A namespace selected: what it holds, and what to do.
        const QModelIndex users = window.keyProxy()->mapFromSource(
            window.keyModel()->namespaceIndex(QStringLiteral("users")));
        window.keyView()->setCurrentIndex(users);
        QCOMPARE(window.valueNote(),
                 QStringLiteral("Namespace “users”: 40 keys. Select a key to see its value."));

        // No match for the filter in the opened namespace.
        window.keyView()->expand(users);
        QTRY_COMPARE(window.keyModel()->loadedKeyCount(QStringLiteral("users")), 40);
        window.filterEdit()->setText(QStringLiteral("no-such-key"));
        QTRY_VERIFY(window.keyListNoteVisible());
        QCOMPARE(window.keyListNote(), QStringLiteral("No key matches “no-such-key”."));
        window.filterEdit()->clear();
        QTRY_VERIFY(!window.keyListNoteVisible());

        // A key selected: its value, no message.
        const QModelIndex key = window.keyProxy()->mapFromSource(window.keyModel()->keyIndex(
            QStringLiteral("users"), QStringLiteral("a-rather-long-user-key-name:00001")));
        QVERIFY(key.isValid());
        window.keyView()->setCurrentIndex(key);
        QCOMPARE(window.valueNote(), QString());

        // An empty server.
        EmbeddedService empty;
        QVERIFY(empty.start());
        window.connectTo(empty.url());
        QTRY_VERIFY(window.connectionStatusText().startsWith(QStringLiteral("Connected to")));
        QTRY_COMPARE(window.keyListNote(), QStringLiteral("The server holds no keys."));

        // Unreachable.
        const quint16 port = test::unusedPort();
        window.connectTo(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QTRY_VERIFY2(window.keyListNote().contains(QStringLiteral("not reachable")),
                     qPrintable(window.keyListNote()));
        QCOMPARE(window.valueNote(), QStringLiteral("The server is not reachable."));
        window.disconnectFromServer();
    }

    void unauthorizedIsSaidInPlaceOfTheKeys() {
        Settings settings = EmbeddedService::defaultSettings();
        settings.server.adminToken = QStringLiteral("secret-token");
        EmbeddedService guarded;
        QVERIFY2(guarded.start(settings), qPrintable(guarded.errorString()));
        MainWindow window;
        window.show();
        window.connectTo(guarded.url(), QStringLiteral("wrong"));
        QTRY_VERIFY2(window.keyListNote().contains(QStringLiteral("refused the admin token")),
                     qPrintable(window.keyListNote()));
        QVERIFY(window.valueNote().contains(QStringLiteral("Not authorized")));
        window.disconnectFromServer();
    }

    void statisticsSummaryBreaksOnlyBetweenItsParts() {
        MainWindow window;
        window.resizeForLayout(QSize(1024, 680));
        window.show();
        window.connectTo(m_service->url());
        QTRY_VERIFY(!window.statsPanel()->serverSummary().isEmpty());
        const QString text = window.statsPanel()->serverSummary();
        // What it says is unchanged to a reader.
        const QString plain =
            QString(text).remove(QChar(0x2060)).replace(QChar(0xA0), QLatin1Char(' '));
        QVERIFY2(plain.contains(QStringLiteral("prefix fastapi-cache")), qPrintable(plain));
        QVERIFY2(plain.contains(QStringLiteral("default TTL 1h")), qPrintable(plain));
        // Every place a line may break is right after a separator " · ".
        QTextBoundaryFinder lines(QTextBoundaryFinder::Line, text);
        int breaks = 0;
        for (qsizetype p = lines.toNextBoundary(); p > 0 && p < text.size();
             p = lines.toNextBoundary()) {
            QVERIFY2(p >= 2 && text.mid(p - 2, 2) == QStringLiteral("· "),
                     qPrintable(
                         QStringLiteral("break at %1: …%2⏎%3…")
                             .arg(p)
                             .arg(text.mid(std::max<qsizetype>(0, p - 10), 10), text.mid(p, 10))));
            ++breaks;
        }
        QVERIFY(breaks >= 3);
    }

    void clearAllDialogKeepsTheServerUrlOnOneLine() {
        MainWindow window;
        const QString url =
            QStringLiteral("http://cache-server-with-a-long-name.internal.example:8000/api");
        const QString text = QStringLiteral("Clear the whole cache?\n\nThis deletes all 1,234 keys "
                                            "in 3 namespaces on %1.")
                                 .arg(url);
        std::unique_ptr<QMessageBox> box =
            window.makeConfirmationBox(QStringLiteral("Clear all"), text);
        box->show();
        QVERIFY(QTest::qWaitForWindowExposed(box.get()));
        auto *label = box->findChild<QLabel *>(QStringLiteral("qt_msgbox_label"));
        QVERIFY(label);
        const QString shown = label->text();
        const QString plain = QString(shown).remove(QChar(0x2060));
        const qsizetype start = plain.indexOf(url);
        QVERIFY(start > 0);
        // Lay the label's text out at the label's width as QLabel does (word wrap) and find
        // the lines of the URL's first and last characters.
        auto lineOf = [&](qsizetype plainPos, const QString &laidOut) {
            qsizetype pos = 0;
            for (qsizetype i = 0, seen = 0; i < laidOut.size(); ++i) {
                if (laidOut[i] == QChar(0x2060))
                    continue;
                if (seen++ == plainPos) {
                    pos = i;
                    break;
                }
            }
            QTextLayout layout(laidOut, label->font());
            QTextOption option;
            option.setWrapMode(QTextOption::WordWrap);
            layout.setTextOption(option);
            layout.beginLayout();
            int found = -1;
            for (int n = 0;; ++n) {
                QTextLine line = layout.createLine();
                if (!line.isValid())
                    break;
                line.setLineWidth(label->contentsRect().width());
                if (pos >= line.textStart() && pos < line.textStart() + line.textLength())
                    found = n;
            }
            layout.endLayout();
            return found;
        };
        const QString sentence = shown.mid(shown.lastIndexOf(QLatin1Char('\n')) + 1);
        const qsizetype inSentence = QString(sentence).remove(QChar(0x2060)).indexOf(url);
        QCOMPARE(lineOf(inSentence, sentence), lineOf(inSentence + url.size() - 1, sentence));
        // The same sentence with a plain URL would break inside it at this width: the test
        // shows something.
        const QString unprotected = QString(sentence).remove(QChar(0x2060));
        QVERIFY(lineOf(inSentence, unprotected) !=
                lineOf(inSentence + url.size() - 1, unprotected));
    }

private:
    // Lines of the text view's document wholly in its viewport (no wrapping: one per block).
    static int visibleLines(QPlainTextEdit *edit) {
        int lines = 0;
        const int height = edit->viewport()->height();
        for (QTextBlock b = edit->document()->begin(); b.isValid(); b = b.next()) {
            const QRect r = edit->cursorRect(QTextCursor(b));
            if (r.top() >= 0 && r.bottom() < height)
                ++lines;
        }
        return lines;
    }

    void connectAndOpen(MainWindow &window, const QString &ns, int keys,
                        const QString &select = {}) {
        window.connectTo(m_service->url());
        QTRY_VERIFY(window.keyModel()->namespaceIndex(ns).isValid());
        const QModelIndex index =
            window.keyProxy()->mapFromSource(window.keyModel()->namespaceIndex(ns));
        window.keyView()->expand(index);
        QTRY_COMPARE(window.keyModel()->loadedKeyCount(ns), keys);
        const QModelIndex key =
            select.isEmpty()
                ? window.keyProxy()->index(0, 0, index)
                : window.keyProxy()->mapFromSource(window.keyModel()->keyIndex(ns, select));
        QVERIFY(key.isValid());
        window.keyView()->setCurrentIndex(key);
        QTRY_VERIFY(window.valuePanel()->isLoaded());
    }

    void checkKeyList(MainWindow &window) {
        QTreeView *tree = window.keyView();
        // A loaded key (a long name) must not make the window wider than a small screen.
        QVERIFY2(window.minimumSizeHint().width() <= 1024,
                 qPrintable(QString::number(window.minimumSizeHint().width())));
        QHeaderView *header = tree->header();
        const int viewport = tree->viewport()->width();
        QTRY_VERIFY(!tree->horizontalScrollBar()->isVisible());
        for (int c : {int(KeyTreeModel::KeyColumn), int(KeyTreeModel::TypeColumn),
                      int(KeyTreeModel::TtlColumn), int(KeyTreeModel::SizeColumn)}) {
            const int left = header->sectionViewportPosition(c);
            const int right = left + header->sectionSize(c);
            QVERIFY2(!header->isSectionHidden(c) && left >= 0 && right <= viewport,
                     qPrintable(QStringLiteral("column %1: %2..%3 of %4")
                                    .arg(c)
                                    .arg(left)
                                    .arg(right)
                                    .arg(viewport)));
        }
        QVERIFY2(header->sectionSize(KeyTreeModel::KeyColumn) >= MainWindow::MinimumNameWidth,
                 qPrintable(QString::number(header->sectionSize(KeyTreeModel::KeyColumn))));
        // The TTL and size of a key row fit their columns without elision.
        const QModelIndex ns = window.keyProxy()->index(0, 0);
        const QModelIndex row = window.keyProxy()->index(
            0, 0, tree->isExpanded(ns) ? ns : window.keyProxy()->index(1, 0));
        for (int c : {int(KeyTreeModel::TtlColumn), int(KeyTreeModel::SizeColumn)}) {
            const QString cell = row.siblingAtColumn(c).data().toString();
            QVERIFY(!cell.isEmpty());
            QVERIFY2(tree->fontMetrics().horizontalAdvance(cell) + 8 <= header->sectionSize(c),
                     qPrintable(cell));
        }
    }

    void checkPanels(MainWindow &window, int valueHeight) {
        auto *valueArea = window.findChild<QStackedWidget *>(QStringLiteral("valueArea"));
        qInfo("%dx%d: key list %d px wide (names %d px), value area %d px tall", window.width(),
              window.height(), window.keyView()->width(),
              window.keyView()->header()->sectionSize(KeyTreeModel::KeyColumn),
              valueArea->height());
        QVERIFY2(valueArea->height() >= valueHeight,
                 qPrintable(QString::number(valueArea->height())));
        // The statistics get the height they need (rows do not overlap).
        StatsPanel *stats = window.statsPanel();
        QVERIFY2(stats->height() >= stats->heightForWidth(stats->width()),
                 qPrintable(QStringLiteral("%1 < %2")
                                .arg(stats->height())
                                .arg(stats->minimumSizeHint().height())));
        if (!window.chartsSection()->isExpanded())
            return;
        for (QChartView *chart : window.chartsPanel()->findChildren<QChartView *>()) {
            QVERIFY(chart->isVisible());
            QVERIFY2(chart->width() >= chart->minimumWidth() &&
                         chart->height() >= chart->minimumHeight(),
                     qPrintable(QStringLiteral("%1x%2").arg(chart->width()).arg(chart->height())));
        }
        QVERIFY(window.chartsPanel()->timeTickValues().size() >= 2);
    }

    Localization m_l10n;
    std::unique_ptr<EmbeddedService> m_service;
};

QTEST_MAIN(tst_MainWindowLayout)
#include "tst_mainwindowlayout.moc"
