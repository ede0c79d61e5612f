#include "mainwindow.h"

#include "biggestkeysdialog.h"
#include "chartspanel.h"
#include "clearbutton.h"
#include "collapsiblesection.h"
#include "consolesettings.h"
#include "embeddedservice.h"
#include "keyfilterproxymodel.h"
#include "keytreemodel.h"
#include "keytreeview.h"
#include "serverstats.h"
#include "statspanel.h"
#include "trafficgenerator.h"
#include "valuepanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScreen>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace qrc {

namespace {

QString listForConfirmation(const QStringList &keys) {
    constexpr int Shown = 8;
    QStringList lines;
    for (int i = 0; i < keys.size() && i < Shown; ++i)
        lines << QStringLiteral("  • ") + keys[i];
    if (keys.size() > Shown)
        lines << MainWindow::tr("  … and %n more", nullptr, int(keys.size() - Shown));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connection(new ServerConnection(this))
    , m_model(new KeyTreeModel(m_connection->api(), this))
    , m_proxy(new KeyFilterProxyModel(this))
    , m_traffic(new TrafficGenerator(m_connection->api(), this))
    , m_settings(std::make_unique<ConsoleSettings>()) {
    // The title shows the server; Qt appends this name, in the user's language.
    QGuiApplication::setApplicationDisplayName(tr("Cache Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/cache-console.svg")));
    m_proxy->setSourceModel(m_model);
    createActions();
    createLayout();
    createMenus();

    connect(m_connection, &ServerConnection::stateChanged, this, &MainWindow::onStateChanged);
    connect(m_connection, &ServerConnection::connected, this, &MainWindow::onConnected);
    connect(m_connection, &ServerConnection::statsUpdated, this, [this](const ServerStats &s) {
        // Redis and memory hold different keys: after a switch the loaded keys and their
        // cursors belong to the other store.
        if (!m_lastBackend.isEmpty() && s.backend != m_lastBackend) {
            m_model->refresh();
            m_value->reload();
            statusBar()->showMessage(s.backend == QLatin1String("redis")
                                         ? tr("The server uses Redis again: keys reloaded")
                                         : tr("The server fell back to memory: keys reloaded"),
                                     8000);
        }
        m_lastBackend = s.backend;
        m_stats->setStats(s);
        m_charts->addStats(QDateTime::currentMSecsSinceEpoch(), s);
    });
    connect(m_connection, &ServerConnection::infoUpdated, m_stats, &StatsPanel::setInfo);
    // Another scope's counters are another series: the charts start again with it.
    connect(m_stats, &StatsPanel::scopeChanged, this, [this](bool all) {
        m_connection->setAllInstances(all);
        m_charts->clear();
        if (m_connection->state() == ServerConnection::State::Connected)
            loadHistory();
    });
    connect(m_connection, &ServerConnection::infoUpdated, this, [this](const ServerInfo &info) {
        m_prefix = info.prefix;
        m_prefixNote->setText(
            tr("Only keys under the prefix “%1:” are listed; other keys in this Redis "
               "database are not shown.")
                .arg(info.prefix));
    });
    connect(m_model, &KeyTreeModel::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(
        m_value, &ValuePanel::ttlEditRequested, this,
        [this](const QString &ns, const QString &key, qint64 ttl) {
            if (m_readOnly)
                return;
            m_model->setTtl(ns, key, ttl, [this, key](bool ok, qint64 applied, const QString &) {
                if (ok)
                    statusBar()->showMessage(tr("TTL of %1 set to %2").arg(key, formatTtl(applied)),
                                             5000);
            });
        });
    // However the TTL was changed (value panel, F2 in the list), the panel shows the new one.
    connect(m_model, &KeyTreeModel::ttlChanged, this,
            [this](const QString &ns, const QString &key) {
                if (m_value->currentNamespace() == ns && m_value->currentKey() == key)
                    m_value->reload();
            });
    connect(m_value, &ValuePanel::entryLoaded, m_model, &KeyTreeModel::updateKey);
    connect(m_value, &ValuePanel::entryLoaded, this, [this] { updateActions(); });
    connect(m_value, &ValuePanel::entryMissing, this,
            [this](const QString &ns, const QString &key) {
                // Expired or deleted elsewhere: the tree should stop offering it.
                m_model->forgetKey(ns, key);
                statusBar()->showMessage(tr("%1 no longer exists").arg(key), 5000);
            });
    connect(m_traffic, &TrafficGenerator::runningChanged, this, [this](bool running) {
        m_actions[QStringLiteral("demoTraffic")]->setChecked(running);
    });
    connect(m_traffic, &TrafficGenerator::unavailable, this, [this](const QString &reason) {
        statusBar()->showMessage(tr("Demo traffic stopped: %1").arg(reason), 8000);
    });
    connect(m_charts, &ChartsPanel::windowMinutesChanged, this, [this](int minutes) {
        for (QAction *a : m_windowGroup->actions())
            if (a->data().toInt() == minutes)
                a->setChecked(true);
        m_settings->setChartWindowMinutes(minutes);
    });
    connect(m_charts, &ChartsPanel::showRawChanged, this,
            [this](bool raw) { m_settings->setChartShowsRaw(raw); });
    connect(m_model, &KeyTreeModel::namespacesLoaded, this,
            [this] { m_charts->setKnownNamespaces(m_model->namespaceNames()); });

    m_prompt = [this](const QString &title, const QString &label, const QString &initial) {
        return QInputDialog::getText(this, title, label, QLineEdit::Normal, initial);
    };
    m_confirm = [this](const QString &title, const QString &text) {
        return makeConfirmationBox(title, text)->exec() == QMessageBox::Yes;
    };
    setReadOnly(m_settings->readOnly());
    m_charts->setWindowMinutes(m_settings->chartWindowMinutes());
    m_charts->setShowRaw(m_settings->chartShowsRaw());
    onStateChanged(m_connection->state());
    m_tree->setFocus(); // not the filter box: typing there is a choice, shortcuts work at once
}

MainWindow::~MainWindow() {
    // Stop talking to the embedded service, then let it drain while every widget still exists.
    m_traffic->stop();
    m_connection->disconnectFromServer();
    m_embedded.reset();
}

QAction *MainWindow::addAction(const QString &name, const QString &text, const QString &icon,
                               const QKeySequence &shortcut, const QString &tip) {
    auto *a = new QAction(text, this);
    a->setObjectName(name);
    if (!icon.isEmpty())
        a->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
    if (!shortcut.isEmpty())
        a->setShortcut(shortcut);
    const QString plain = QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    QString tooltip = tip.isEmpty() ? plain : tip;
    if (!shortcut.isEmpty())
        tooltip += QStringLiteral(" (%1)").arg(shortcut.toString(QKeySequence::NativeText));
    a->setToolTip(tooltip);
    a->setStatusTip(tip.isEmpty() ? plain : tip);
    m_actions.insert(name, a);
    QWidget::addAction(a); // shortcuts work even when the menu bar is hidden
    return a;
}

void MainWindow::createActions() {
    addAction(QStringLiteral("connect"), tr("&Connect…"), QStringLiteral("connect"),
              QKeySequence::Open, tr("Connect to a cache server"));
    addAction(QStringLiteral("embedded"), tr("Start &Embedded Service"), QStringLiteral("embedded"),
              QKeySequence(Qt::CTRL | Qt::Key_E),
              tr("Run a cache service inside the console and connect to it"));
    addAction(QStringLiteral("disconnect"), tr("&Disconnect"), QStringLiteral("disconnect"), {},
              tr("Disconnect from the server"));
    // Spelled out: QKeySequence::Quit is empty on platforms without a theme (offscreen, xcb).
    addAction(QStringLiteral("quit"), tr("&Quit"), {}, QKeySequence(Qt::CTRL | Qt::Key_Q), {});
    addAction(QStringLiteral("refresh"), tr("&Refresh"), QStringLiteral("refresh"),
              QKeySequence::Refresh, tr("Reload namespaces and loaded keys"));
    addAction(QStringLiteral("filter"), tr("&Filter Keys…"), QStringLiteral("filter"),
              QKeySequence::Find, tr("Filter keys by a glob such as user:*"));
    addAction(QStringLiteral("copyKey"), tr("&Copy Key Name"), {}, QKeySequence::Copy,
              tr("Copy the selected key names"));
    addAction(QStringLiteral("editTtl"), tr("Edit &TTL"), QStringLiteral("ttl"),
              QKeySequence(Qt::Key_F2), tr("Change the time to live of the selected key"));
    addAction(QStringLiteral("deleteKeys"), tr("&Delete Keys…"), QStringLiteral("delete"),
              QKeySequence::Delete, tr("Delete the selected keys"));
    addAction(QStringLiteral("clearNamespace"), tr("Clear &Namespace…"),
              QStringLiteral("clear-namespace"), QKeySequence(Qt::SHIFT | Qt::Key_Delete),
              tr("Delete every key of the selected namespace"));
    addAction(QStringLiteral("clearAll"), tr("Clear &All…"), QStringLiteral("clear-all"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
              tr("Delete every key of the cache"));
    addAction(QStringLiteral("resetStats"), tr("Reset &Statistics…"), QStringLiteral("reset"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), tr("Set every counter to zero"));
    QAction *readOnly =
        addAction(QStringLiteral("readOnly"), tr("&Read-Only Mode"), QStringLiteral("lock"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                  tr("Disable every action that changes or deletes data"));
    readOnly->setCheckable(true);
    QAction *traffic = addAction(QStringLiteral("demoTraffic"), tr("Generate Demo &Traffic"),
                                 QStringLiteral("traffic"), QKeySequence(Qt::CTRL | Qt::Key_T),
                                 tr("Request the demo items continuously to exercise the cache"));
    traffic->setCheckable(true);
    addAction(QStringLiteral("searchAll"), tr("&Search All Namespaces"), QStringLiteral("filter"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
              tr("Search every namespace on the server for keys matching the filter"));
    addAction(QStringLiteral("deleteMatching"), tr("Delete Keys &Matching…"),
              QStringLiteral("delete"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
              tr("Delete the keys of the selected namespace that match a pattern"));
    addAction(QStringLiteral("biggestKeys"), tr("&Biggest Keys…"), {},
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
              tr("List the keys of the selected namespace that take the most memory"));
    addAction(QStringLiteral("copyValue"), tr("Copy &Value"), {},
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), tr("Copy the value shown"));
    addAction(QStringLiteral("copyFullKey"), tr("Copy &Full Redis Key"), {},
              QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C),
              tr("Copy the key as stored in Redis, with prefix and namespace"));
    addAction(QStringLiteral("exportValue"), tr("&Export Value…"), {},
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
              tr("Save the value, exactly as stored, to a file"));
    addAction(QStringLiteral("shortcuts"), tr("&Keyboard Shortcuts"), {}, QKeySequence(Qt::Key_F1),
              tr("List every action and its shortcut"));
    addAction(QStringLiteral("about"), tr("&About Cache Console"), {}, {}, {});

    m_windowGroup = new QActionGroup(this);
    const int minutes[] = {1, 5, 15, 60};
    const Qt::Key keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (int i = 0; i < 4; ++i) {
        QAction *a = addAction(QStringLiteral("window%1").arg(minutes[i]),
                               tr("Last %n minute(s)", nullptr, minutes[i]), {},
                               QKeySequence(Qt::CTRL | keys[i]), tr("Chart window"));
        a->setCheckable(true);
        a->setData(minutes[i]);
        m_windowGroup->addAction(a);
        connect(a, &QAction::triggered, this,
                [this, a] { m_charts->setWindowMinutes(a->data().toInt()); });
    }

    connect(m_actions[QStringLiteral("connect")], &QAction::triggered, this,
            [this] { showConnectionDialog(); });
    connect(m_actions[QStringLiteral("embedded")], &QAction::triggered, this,
            [this] { startEmbedded(); });
    connect(m_actions[QStringLiteral("disconnect")], &QAction::triggered, this,
            &MainWindow::disconnectFromServer);
    connect(m_actions[QStringLiteral("quit")], &QAction::triggered, this, &QWidget::close);
    connect(m_actions[QStringLiteral("refresh")], &QAction::triggered, this, &MainWindow::refresh);
    connect(m_actions[QStringLiteral("filter")], &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    connect(m_actions[QStringLiteral("copyKey")], &QAction::triggered, this, [this] {
        QStringList names;
        const auto keys = selectedKeys();
        for (auto it = keys.cbegin(); it != keys.cend(); ++it)
            names += it.value();
        if (!names.isEmpty())
            QApplication::clipboard()->setText(names.join(QLatin1Char('\n')));
    });
    connect(m_actions[QStringLiteral("editTtl")], &QAction::triggered, this, &MainWindow::editTtl);
    connect(m_actions[QStringLiteral("deleteKeys")], &QAction::triggered, this,
            &MainWindow::deleteSelectedKeys);
    connect(m_actions[QStringLiteral("clearNamespace")], &QAction::triggered, this,
            &MainWindow::clearCurrentNamespace);
    connect(m_actions[QStringLiteral("clearAll")], &QAction::triggered, this,
            &MainWindow::clearAll);
    connect(m_actions[QStringLiteral("resetStats")], &QAction::triggered, this,
            &MainWindow::resetStatistics);
    // Only the user's own choice is remembered; --read-only holds for one session.
    connect(readOnly, &QAction::triggered, this, [this](bool checked) {
        setReadOnly(checked);
        m_settings->setReadOnly(checked);
    });
    connect(traffic, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_traffic->start();
        else
            m_traffic->stop();
    });
    connect(m_actions[QStringLiteral("searchAll")], &QAction::triggered, this,
            &MainWindow::searchAllNamespaces);
    connect(m_actions[QStringLiteral("deleteMatching")], &QAction::triggered, this,
            &MainWindow::deleteMatchingKeys);
    connect(m_actions[QStringLiteral("biggestKeys")], &QAction::triggered, this,
            &MainWindow::showBiggestKeys);
    connect(m_actions[QStringLiteral("copyValue")], &QAction::triggered, this,
            &MainWindow::copyValue);
    connect(m_actions[QStringLiteral("copyFullKey")], &QAction::triggered, this,
            &MainWindow::copyFullKey);
    connect(m_actions[QStringLiteral("exportValue")], &QAction::triggered, this,
            &MainWindow::exportValue);
    connect(m_actions[QStringLiteral("shortcuts")], &QAction::triggered, this,
            &MainWindow::showShortcuts);
    connect(m_actions[QStringLiteral("about")], &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Cache Console"),
                           tr("<h3>Cache Console %1</h3><p>Browse, watch and manage a Qt Redis "
                              "Cache server through its management API.</p>")
                               .arg(QStringLiteral(QRC_VERSION)));
    });
}

void MainWindow::createMenus() {
    auto act = [this](const char *name) { return m_actions.value(QLatin1String(name)); };
    menuBar()->setAccessibleName(tr("Menu bar"));
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(act("connect"));
    file->addAction(act("embedded"));
    file->addAction(act("disconnect"));
    m_profilesMenu = file->addMenu(tr("&Profiles"));
    m_profilesMenu->setObjectName(QStringLiteral("profilesMenu"));
    rebuildProfilesMenu();
    file->addSeparator();
    file->addAction(act("quit"));

    QMenu *keys = menuBar()->addMenu(tr("&Keys"));
    keys->addAction(act("refresh"));
    keys->addAction(act("filter"));
    keys->addAction(act("searchAll"));
    keys->addAction(act("copyKey"));
    keys->addAction(act("copyFullKey"));
    keys->addAction(act("copyValue"));
    keys->addAction(act("exportValue"));
    keys->addSeparator();
    keys->addAction(act("editTtl"));
    keys->addAction(act("deleteKeys"));
    keys->addAction(act("deleteMatching"));
    keys->addAction(act("biggestKeys"));
    keys->addAction(act("clearNamespace"));
    keys->addAction(act("clearAll"));
    keys->addSeparator();
    keys->addAction(act("readOnly"));

    QMenu *stats = menuBar()->addMenu(tr("&Statistics"));
    for (QAction *a : m_windowGroup->actions())
        stats->addAction(a);
    stats->addSeparator();
    stats->addAction(act("resetStats"));
    stats->addAction(act("demoTraffic"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(act("shortcuts"));
    help->addAction(act("about"));

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setAccessibleName(tr("Main toolbar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(18, 18));
    // The toolbar's buttons say less than the menus ("Delete" for "Delete Keys…"), so that all
    // of them fit 1024 pixels in German too instead of going into the » menu; their tooltips
    // (and what a screen reader reads) still give the whole.
    const std::pair<const char *, QString> buttons[] = {
        {"connect", tr("Connect", "toolbar")},
        {"refresh", tr("Refresh", "toolbar")},
        {nullptr, {}},
        {"editTtl", tr("Edit TTL", "toolbar")},
        {"deleteKeys", tr("Delete", "toolbar")},
        {"clearNamespace", tr("Clear Namespace", "toolbar")},
        {nullptr, {}},
        {"readOnly", tr("Read-Only", "toolbar")},
        {"demoTraffic", tr("Demo Traffic", "toolbar")},
    };
    for (const auto &[name, label] : buttons) {
        if (!name) {
            bar->addSeparator();
            continue;
        }
        QAction *a = act(name);
        a->setIconText(label);
        bar->addAction(a);
        bar->widgetForAction(a)->setAccessibleDescription(a->toolTip());
    }

    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (const char *name :
         {"copyKey", "copyFullKey", "copyValue", "exportValue", "editTtl", "deleteKeys",
          "deleteMatching", "biggestKeys", "clearNamespace", "refresh"})
        m_tree->addAction(act(name));
}

void MainWindow::createLayout() {
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("keyFilter"));
    enableClearButton(m_filter);
    m_filter->setPlaceholderText(tr("Filter keys (glob, Enter searches the namespace)"));
    m_filter->setToolTip(
        tr("Typing narrows the loaded keys; Enter asks the server for every "
           "matching key of the selected namespace (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_filter->setAccessibleName(tr("Key filter"));
    m_filter->setAccessibleDescription(m_filter->toolTip());
    leftLayout->addWidget(m_filter);
    m_tree = new KeyTreeView(left);
    m_tree->setObjectName(QStringLiteral("keyTree"));
    m_tree->setAccessibleName(tr("Keys"));
    m_tree->setAccessibleDescription(
        tr("Namespaces with their key counts; open one to list its keys with TTL and size. "
           "Keys load a page at a time as the list scrolls."));
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(KeyTreeModel::KeyColumn, Qt::AscendingOrder);
    // Keys in the server's order (pages append) until the user sorts by a header.
    m_proxy->setKeysSorted(false);
    m_tree->header()->setSortIndicatorShown(false);
    connect(m_tree->header(), &QHeaderView::sortIndicatorChanged, this, [this] {
        m_tree->header()->setSortIndicatorShown(true);
        m_tree->setLoadAllPages(true);
    });
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setUniformRowHeights(true); // 100,000 rows stay fast
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::KeyColumn, QHeaderView::Stretch);
    // Wide enough for Redis's type names ("stream", "string"): Name, TTL and Size have
    // priority at 1024 pixels.
    m_tree->header()->resizeSection(KeyTreeModel::TypeColumn,
                                    m_tree->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 5);
    // TTL and Size as wide as their longest usual text in the language shown ("1 h 00 min
    // 00 s" in German), so that no cell is cut.
    const auto fitColumn = [this](int column, int least, const QStringList &samples) {
        int width = least;
        for (const QString &sample : samples)
            width = std::max(width, m_tree->fontMetrics().horizontalAdvance(sample) + 10);
        m_tree->header()->resizeSection(column, width);
    };
    fitColumn(KeyTreeModel::TtlColumn, 95,
              {formatTtl(-1), formatTtl(0), formatTtl(23 * 3600 + 59 * 60 + 59),
               formatTtl(9 * 86400 + 23 * 3600 + 59 * 60)});
    fitColumn(KeyTreeModel::SizeColumn, 75, {formatBytes(1023), formatBytes(999 * 1024 + 1000)});
    m_tree->header()->resizeSection(KeyTreeModel::CompressedColumn, 85);
    leftLayout->addWidget(m_tree, 1);
    m_searchSummary = new QLabel(left);
    m_searchSummary->setObjectName(QStringLiteral("searchSummary"));
    m_searchSummary->setWordWrap(true);
    m_searchSummary->setVisible(false);
    leftLayout->addWidget(m_searchSummary);
    m_prefixNote = new QLabel(left);
    m_prefixNote->setObjectName(QStringLiteral("prefixNote"));
    m_prefixNote->setWordWrap(true);
    m_prefixNote->setForegroundRole(QPalette::PlaceholderText);
    leftLayout->addWidget(m_prefixNote);

    // Messages in place of blank views: what the list or the value area would show, and why not.
    m_keyListNote = new QLabel(m_tree->viewport());
    m_keyListNote->setObjectName(QStringLiteral("keyListNote"));
    m_keyListNote->setAccessibleDescription(tr("Key list message"));
    m_keyListNote->setWordWrap(true);
    m_keyListNote->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_keyListNote->setForegroundRole(QPalette::PlaceholderText);
    m_keyListNote->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_tree->viewport()->installEventFilter(this);

    m_value = new ValuePanel(m_connection->api(), this);
    m_stats = new StatsPanel(this);
    m_charts = new ChartsPanel(this);

    m_valueStack = new QStackedWidget(this);
    m_valueStack->setObjectName(QStringLiteral("valueArea"));
    // What the value panel would like (a long key name in one line) must not widen the window
    // beyond the screen or take the key list's room: it gets the width that is left.
    m_value->setSizePolicy(QSizePolicy::Ignored, m_value->sizePolicy().verticalPolicy());
    m_value->setMinimumWidth(300);
    m_valueStack->addWidget(m_value);
    m_valueNote = new QLabel(m_valueStack);
    m_valueNote->setObjectName(QStringLiteral("valueNote"));
    m_valueNote->setAccessibleDescription(tr("Value message"));
    m_valueNote->setWordWrap(true);
    m_valueNote->setAlignment(Qt::AlignCenter);
    m_valueNote->setForegroundRole(QPalette::PlaceholderText);
    m_valueNote->setMargin(12);
    m_valueNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_valueNote->setFocusPolicy(Qt::NoFocus);
    m_valueStack->addWidget(m_valueNote);
    auto *valueBox = new QGroupBox(tr("Value"), this);
    auto *valueLayout = new QVBoxLayout(valueBox);
    valueLayout->addWidget(m_valueStack);

    m_statsSection = new CollapsibleSection(tr("Statistics"), m_stats, this);
    m_statsSection->setObjectName(QStringLiteral("statisticsSection"));
    m_chartsSection = new CollapsibleSection(tr("Live charts"), m_charts, this);
    m_chartsSection->setObjectName(QStringLiteral("chartsSection"));
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(QStringLiteral("rightPanels"));
    m_rightSplitter->addWidget(valueBox);
    m_rightSplitter->addWidget(m_statsSection);
    m_rightSplitter->addWidget(m_chartsSection);
    m_rightSplitter->setStretchFactor(0, 1);
    m_rightSplitter->setCollapsible(0, false);
    for (auto [section, name] : {std::pair{m_statsSection, QStringLiteral("statistics")},
                                 std::pair{m_chartsSection, QStringLiteral("charts")}}) {
        section->setExpanded(m_settings->sectionExpanded(name).value_or(true));
        connect(section, &CollapsibleSection::expandedChanged, this, [this, name](bool expanded) {
            if (!m_foldingForHeight)
                m_settings->setSectionExpanded(name, expanded);
            fitRightPanels();
        });
    }
    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(left);
    m_mainSplitter->addWidget(m_rightSplitter);
    // The key list keeps its width when the window shrinks; the panels on the right give way.
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setCollapsible(0, false);
    m_mainSplitter->setCollapsible(1, false);
    setCentralWidget(m_mainSplitter);
    connect(m_tree->header(), &QHeaderView::sectionResized, this, &MainWindow::updateKeyListWidth);
    connect(m_tree->header(), &QHeaderView::sectionCountChanged, this,
            &MainWindow::updateKeyListWidth);
    updateKeyListWidth();

    m_stateDot = new QLabel(this);
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("connectionState"));
    m_readOnlyLabel = new QLabel(tr("Read-only"), this);
    m_readOnlyLabel->setToolTip(tr("Destructive actions are disabled"));
    statusBar()->addPermanentWidget(m_readOnlyLabel);
    statusBar()->addWidget(m_stateDot);
    statusBar()->addWidget(m_stateLabel, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_model, &KeyTreeModel::pageLoaded, this,
            [this](const QString &ns, int, bool complete) {
                if (!m_reselect || m_reselect->first != ns)
                    return;
                const QModelIndex found = m_model->keyIndex(ns, m_reselect->second);
                if (found.isValid()) {
                    m_tree->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(found),
                                                              QItemSelectionModel::ClearAndSelect |
                                                                  QItemSelectionModel::Rows);
                    m_reselect.reset();
                } else if (complete) {
                    m_reselect.reset();
                }
            });
    // When the current row goes (deleted, expired), the view moves the current index to a
    // neighbour without selecting it; the panel would then show a key the actions do not
    // act on. The neighbour becomes the selection.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this] {
        const QModelIndex current = m_tree->currentIndex();
        if (current.isValid() &&
            !m_tree->selectionModel()->isRowSelected(current.row(), current.parent()))
            m_tree->selectionModel()->select(current, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &KeyFilterProxyModel::setKeyGlob);
    connect(m_filter, &QLineEdit::textChanged, this, &MainWindow::updateNotes);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) { // cleared (its clear button, Esc, another server): all keys again
            m_model->clearKeyFilters();
            m_searchSummary->setVisible(false);
        }
    });
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::returnPressed, this, &MainWindow::applyServerFilter);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &MainWindow::updateNotes);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateNotes);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateNotes);
    connect(m_model, &KeyTreeModel::namespacesLoaded, this, &MainWindow::updateNotes);
    connect(m_model, &KeyTreeModel::pageLoaded, this, &MainWindow::updateNotes);
    connect(m_tree, &QTreeView::expanded, this, &MainWindow::updateNotes);
    connect(m_tree, &QTreeView::collapsed, this, &MainWindow::updateNotes);

    // A first start fits the screen; later starts restore the user's own size (restoreLayout).
    QSize size(1360, 860);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize() * 0.92);
    resize(size);
    fitMainSplitter();
}

void MainWindow::resizeForLayout(const QSize &size) {
    resize(size);
    // Without a window system the new size is only applied with the next layout pass.
    if (QLayout *l = layout())
        l->activate();
    fitMainSplitter();
}

void MainWindow::updateKeyListWidth() {
    // Name, TTL and Size must stay in view: the list is never narrower than its fixed columns
    // plus a useful name, and the key column takes what is left (no horizontal scrolling).
    const QHeaderView *header = m_tree->header();
    int fixed = 0;
    for (int c = 0; c < header->count(); ++c) {
        if (c != KeyTreeModel::KeyColumn && !header->isSectionHidden(c))
            fixed += header->sectionSize(c);
    }
    const int chrome = m_tree->verticalScrollBar()->sizeHint().width() + 2 * m_tree->frameWidth() +
                       m_tree->indentation() + 4;
    const int width = fixed + MinimumNameWidth + chrome;
    m_tree->setMinimumWidth(width);
}

void MainWindow::fitMainSplitter() {
    // The key list gets two fifths of the window, at least its minimum; the panels the rest.
    const int total = std::max(width(), minimumSizeHint().width());
    const int left = std::max(m_tree->minimumWidth() + 2, total * 2 / 5);
    m_mainSplitter->setSizes({left, std::max(1, total - left)});
    foldChartsForHeight();
    fitRightPanels();
}

void MainWindow::foldChartsForHeight() {
    // Below this height the open charts would leave the value a line or two of text: they
    // start folded. The user's own choice, once made, wins at any height.
    if (m_settings->sectionExpanded(QStringLiteral("charts")))
        return;
    const QScopedValueRollback<bool> automatic(m_foldingForHeight, true);
    m_chartsSection->setExpanded(height() >= ShortWindowHeight);
}

void MainWindow::fitRightPanels() {
    // The value area takes what the open panels leave; a closed one keeps only its header.
    const int total =
        std::max(1, m_rightSplitter->height() > 100 ? m_rightSplitter->height() : height() - 120);
    // The summary line wraps in a narrow window: ask for the height at the width it will get.
    const int width = m_rightSplitter->width() > 100 ? m_rightSplitter->width() : this->width() / 2;
    const int stats =
        !m_statsSection->isExpanded() ? m_statsSection->maximumHeight()
        : m_statsSection->hasHeightForWidth()
            ? std::max(m_statsSection->heightForWidth(width), m_statsSection->sizeHint().height())
            : m_statsSection->sizeHint().height();
    // Open charts get a third of the height, never less than they need, and only what the
    // value leaves: its text view should show ValueLines lines.
    const int valueWanted = m_rightSplitter->widget(0)->minimumSizeHint().height() +
                            ValueLines * QFontMetrics(m_value->textView()->font()).lineSpacing();
    const int charts = m_chartsSection->isExpanded()
                           ? std::max(m_chartsSection->minimumSizeHint().height(),
                                      std::min(total / 3, total - stats - valueWanted))
                           : m_chartsSection->maximumHeight();
    m_rightSplitter->setSizes({std::max(1, total - stats - charts), stats, charts});
}

bool MainWindow::keyListNoteVisible() const {
    return m_keyListNote->isVisible();
}

QString MainWindow::keyListNote() const {
    return m_keyListNote->isVisible() ? m_keyListNote->text() : QString();
}

QString MainWindow::valueNote() const {
    return m_valueStack->currentWidget() == m_valueNote ? m_valueNote->text() : QString();
}

void MainWindow::updateNotes() {
    using State = ServerConnection::State;
    const State state = m_connection->state();
    const QString server = m_connection->url().toString(QUrl::RemoveUserInfo);
    const QString filter = m_filter->text().trimmed();

    // The key list.
    QString list;
    bool below = false; // under the rows shown rather than in place of them
    const bool empty = m_proxy->rowCount() == 0;
    switch (state) {
    case State::Disconnected:
        list = tr("Not connected.\nConnect to a cache server (%1) or start the embedded service "
                  "(%2).")
                   .arg(m_actions[QStringLiteral("connect")]->shortcut().toString(
                            QKeySequence::NativeText),
                        m_actions[QStringLiteral("embedded")]->shortcut().toString(
                            QKeySequence::NativeText));
        break;
    case State::Connecting:
        list = tr("Connecting to %1…").arg(server);
        break;
    case State::Unauthorized:
        list = tr("The server refused the admin token.\nConnect again with the right token (%1).")
                   .arg(m_actions[QStringLiteral("connect")]->shortcut().toString(
                       QKeySequence::NativeText));
        break;
    case State::Reconnecting:
    case State::Unreachable:
        if (empty)
            list = tr("%1 is not reachable. The console keeps trying.").arg(server);
        break;
    case State::Connected:
        if (empty && m_model->isLoading())
            list = tr("Loading…");
        else if (empty)
            list = tr("The server holds no keys.");
        break;
    }
    if (list.isEmpty() && !filter.isEmpty() && !m_model->isLoading()) {
        // Namespaces stay listed under a filter; say when none of the opened ones has a match.
        bool anyOpen = false;
        bool anyKey = false;
        for (int row = 0; row < m_proxy->rowCount() && !anyKey; ++row) {
            const QModelIndex ns = m_proxy->index(row, 0);
            if (m_tree->isExpanded(ns)) {
                anyOpen = true;
                anyKey = m_proxy->rowCount(ns) > 0;
            }
        }
        if (anyOpen && !anyKey) {
            list = tr("No key matches “%1”.").arg(filter);
            below = true;
        }
    }
    if (!list.isEmpty() && (state != State::Connected || empty))
        below = false;
    m_keyListNote->setText(list);
    m_keyListNote->setVisible(!list.isEmpty());
    m_keyListNoteBelow = below;
    placeKeyListNote();

    // The value area, when no key is current.
    const QModelIndex current = m_tree->currentIndex();
    const bool keyCurrent =
        current.isValid() && !current.data(KeyTreeModel::IsNamespaceRole).toBool();
    QString value;
    if (!keyCurrent) {
        if (state == State::Disconnected || state == State::Connecting) {
            value = tr("Not connected.");
        } else if (state == State::Unauthorized) {
            value = tr("Not authorized: the server refused the admin token.");
        } else if ((state == State::Unreachable || state == State::Reconnecting) && empty) {
            value = tr("The server is not reachable.");
        } else if (current.isValid()) {
            const QString ns = current.data(KeyTreeModel::NamespaceRole).toString();
            const qint64 count = current.data(KeyTreeModel::KeyCountRole).toLongLong();
            value = count == 0 ? tr("Namespace “%1” holds no keys.").arg(ns)
                               : tr("Namespace “%1”: %2. Select a key to see its value.")
                                     .arg(ns, tr("%n key(s)", nullptr, int(count)));
        } else {
            value = tr("Select a key to see its value.");
        }
        m_valueNote->setText(value);
        m_valueStack->setCurrentWidget(m_valueNote);
    } else {
        m_valueStack->setCurrentWidget(m_value);
    }
}

void MainWindow::placeKeyListNote() {
    const QRect area = m_tree->viewport()->rect().adjusted(12, 12, -12, -12);
    int top = area.top() + area.height() / 4;
    if (m_keyListNoteBelow && m_proxy->rowCount() > 0) {
        // Below the last row shown.
        QModelIndex last = m_proxy->index(m_proxy->rowCount() - 1, 0);
        while (m_tree->isExpanded(last) && m_proxy->rowCount(last) > 0)
            last = m_proxy->index(m_proxy->rowCount(last) - 1, 0, last);
        top = m_tree->visualRect(last).bottom() + 12;
    }
    const int height = m_keyListNote->heightForWidth(area.width());
    m_keyListNote->setGeometry(area.left(), top, area.width(), std::max(height, 20));
}

void MainWindow::restoreLayout() {
    if (!m_settings->geometry().isEmpty())
        restoreGeometry(m_settings->geometry());
    if (!m_settings->windowState().isEmpty())
        restoreState(m_settings->windowState());
    fitMainSplitter();
    for (QSplitter *s : {m_mainSplitter, m_rightSplitter}) {
        const QByteArray state = m_settings->splitterState(s->objectName());
        if (!state.isEmpty())
            s->restoreState(state);
    }
    if (!m_settings->headerState().isEmpty())
        m_tree->header()->restoreState(m_settings->headerState());
}

void MainWindow::saveLayout() {
    m_settings->setGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    for (QSplitter *s : {m_mainSplitter, m_rightSplitter})
        m_settings->setSplitterState(s->objectName(), s->saveState());
    m_settings->setHeaderState(m_tree->header()->saveState());
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        placeKeyListNote();
    // A line edit claims some of the window's shortcuts for editing (Ctrl+E is "end of line"
    // on X11): in the filter box those of the window win, except the editing keys proper.
    if (watched == m_filter && event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        const QKeySequence pressed(key->keyCombination());
        for (auto editing :
             {QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste, QKeySequence::SelectAll,
              QKeySequence::Undo, QKeySequence::Redo, QKeySequence::Delete}) {
            if (key->matches(editing))
                return QMainWindow::eventFilter(watched, event);
        }
        for (const QAction *a : std::as_const(m_actions)) {
            if (a->shortcut() == pressed)
                return true; // not accepted: the shortcut map triggers the action
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveLayout();
    QMainWindow::closeEvent(event);
}

bool MainWindow::showConnectionDialog() {
    ConnectionDialog dialog(m_settings->recentConnections(), this, m_settings->profiles());
    dialog.setUrl(connectionDialogUrl());
    if (!m_activeProfile.isEmpty())
        dialog.chooseProfile(m_activeProfile);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const ConnectionRequest request = dialog.request();
    if (request.embedded)
        return startEmbedded(request);
    return connectWith(request);
}

bool MainWindow::connectWith(const ConnectionRequest &request) {
    if (!request.profileName.isEmpty()) {
        m_settings->saveProfile(
            {request.profileName, request.url, request.tokenFile, request.readOnly});
        rebuildProfilesMenu();
    }
    QString token = request.token;
    if (token.isEmpty()) {
        QString error;
        const std::optional<QString> fromFile = readTokenFile(request.tokenFile, &error);
        if (!fromFile) {
            statusBar()->showMessage(
                tr("Cannot read the token file %1: %2").arg(request.tokenFile, error), 10000);
            return false;
        }
        token = *fromFile;
    }
    // A read-only profile holds while it is in use; otherwise the user's own choice applies.
    setReadOnly(request.readOnly || m_settings->readOnly());
    connectTo(QUrl(request.url), token, request.rememberToken);
    m_activeProfile = request.profileName;
    rebuildProfilesMenu();
    return true;
}

bool MainWindow::connectToProfile(const QString &name) {
    const std::optional<ConnectionProfile> profile = m_settings->profile(name);
    if (!profile)
        return false;
    ConnectionRequest request;
    request.url = profile->url;
    request.tokenFile = profile->tokenFile;
    request.readOnly = profile->readOnly;
    request.profileName = profile->name;
    return connectWith(request);
}

void MainWindow::rebuildProfilesMenu() {
    m_profilesMenu->clear();
    const QList<ConnectionProfile> profiles = m_settings->profiles();
    for (const ConnectionProfile &p : profiles) {
        QAction *a =
            m_profilesMenu->addAction(p.readOnly ? tr("%1 (read-only)").arg(p.name) : p.name);
        a->setData(p.name);
        a->setToolTip(p.url);
        a->setStatusTip(tr("Connect to %1").arg(p.url));
        a->setCheckable(true);
        a->setChecked(p.name == m_activeProfile);
        connect(a, &QAction::triggered, this, [this, name = p.name] { connectToProfile(name); });
    }
    if (profiles.isEmpty()) {
        QAction *none = m_profilesMenu->addAction(tr("No profiles yet: save one in Connect…"));
        none->setEnabled(false);
    }
}

QString MainWindow::connectionDialogUrl() const {
    if (m_connection->state() != ServerConnection::State::Disconnected && !m_embedded)
        return m_connection->url().toString();
    const auto recent = m_settings->recentConnections();
    return recent.isEmpty() ? QString() : recent.constFirst().url;
}

void MainWindow::connectTo(const QUrl &url, const QString &token, bool rememberToken) {
    m_activeProfile.clear(); // connectWith() names the profile after this
    m_traffic->stop();
    m_value->clear();
    for (BiggestKeysDialog *dialog : findChildren<BiggestKeysDialog *>())
        dialog->close(); // another server's keys
    m_model->clear();
    m_charts->clear();
    m_stats->clear();
    m_lastBackend.clear();
    m_prefix.clear();
    m_prefixNote->clear();
    m_searchSummary->setVisible(false);
    m_filter->clear();
    // Qt appends the application's name to the title shown.
    setWindowTitle(url.toString(QUrl::RemoveUserInfo));
    // Remembered once the server answers: an unreachable URL is not a connection to offer.
    m_pendingRecent = PendingRecent{url.toString(QUrl::RemoveUserInfo), token, rememberToken};
    m_connection->connectTo(url, token);
}

bool MainWindow::startEmbedded(const ConnectionRequest &request) {
    m_connection->disconnectFromServer();
    m_embedded.reset();
    Settings settings = EmbeddedService::defaultSettings();
    if (request.embeddedRedis) {
        settings.redis.enabled = true;
        settings.redis.host = request.redisHost;
        settings.redis.port = request.redisPort;
    }
    auto service = std::make_unique<EmbeddedService>();
    if (!service->start(settings)) {
        QMessageBox::critical(
            this, tr("Embedded service"),
            tr("The embedded service could not start: %1").arg(service->errorString()));
        return false;
    }
    service->seedSampleData();
    m_embedded = std::move(service);
    connectTo(m_embedded->url());
    m_pendingRecent.reset();
    m_settings->setLastWasEmbedded(true);
    m_settings->setLastProfile({});
    rebuildProfilesMenu();
    setWindowTitle(tr("Embedded service on port %1").arg(m_embedded->port()));
    return true;
}

void MainWindow::disconnectFromServer() {
    m_traffic->stop();
    m_connection->disconnectFromServer();
}

QString MainWindow::connectionStatusText() const {
    return m_stateLabel->text();
}

void MainWindow::onStateChanged(ServerConnection::State state) {
    using State = ServerConnection::State;
    QColor colour;
    switch (state) {
    case State::Connected:
        colour = QColor(0x2e, 0x7d, 0x32);
        break;
    case State::Connecting:
    case State::Reconnecting:
        colour = QColor(0xf9, 0xa8, 0x25);
        break;
    case State::Unauthorized:
    case State::Unreachable:
        colour = QColor(0xc6, 0x28, 0x28);
        break;
    case State::Disconnected:
        colour = palette().color(QPalette::Mid);
        break;
    }
    const int size = fontMetrics().height() * 2 / 3;
    m_stateDot->setFixedSize(size, size);
    m_stateDot->setStyleSheet(
        QStringLiteral("background: %1; border-radius: %2px;").arg(colour.name()).arg(size / 2));
    m_stateLabel->setText(m_connection->stateText());
    m_stateLabel->setToolTip(m_connection->lastError());
    const bool stale = state == State::Reconnecting || state == State::Unreachable;
    if (stale && m_connection->hasStats())
        m_charts->addUnreachable(QDateTime::currentMSecsSinceEpoch());
    m_stats->setStale(stale && m_connection->hasStats(),
                      m_connection->lastContact().toString(QStringLiteral("HH:mm:ss")));
    if (state == State::Unauthorized)
        statusBar()->showMessage(
            tr("The server refused the admin token (%1)").arg(m_connection->lastError()), 10000);
    updateActions();
}

void MainWindow::onConnected() {
    if (m_pendingRecent) {
        m_settings->addRecentConnection(m_pendingRecent->url, m_pendingRecent->token,
                                        m_pendingRecent->rememberToken);
        m_pendingRecent.reset();
        m_settings->setLastProfile(m_activeProfile);
    }
    m_model->refresh();
    if (!m_value->currentKey().isEmpty())
        m_value->reload();
    loadHistory();
}

// The server's own history (there is none for the sum over instances: the charts of that
// scope start empty and fill as it is polled).
void MainWindow::loadHistory() {
    const quint64 request = ++m_historyRequest;
    if (m_connection->allInstances())
        return;
    // Seconds before the server started are zeros in its history, not data: leave them out.
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch() -
                             qint64(m_connection->lastStats().uptimeSeconds * 1000.0) - 1000;
    m_connection->api()->getHistory(3600, this, [this, request, startedMs](const ApiReply &reply) {
        if (request != m_historyRequest || !reply.ok())
            return;
        QList<HistoryPoint> samples = historyFromJson(reply.object());
        samples.removeIf([startedMs](const HistoryPoint &p) { return p.epochMs < startedMs; });
        m_charts->fillHistory(samples);
    });
}

void MainWindow::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    m_model->setReadOnly(readOnly);
    m_readOnlyLabel->setVisible(readOnly);
    QAction *a = m_actions.value(QStringLiteral("readOnly"));
    if (a && a->isChecked() != readOnly)
        a->setChecked(readOnly);
    updateActions();
}

void MainWindow::updateActions() {
    const bool online = m_connection->state() == ServerConnection::State::Connected;
    const bool writable = online && !m_readOnly;
    const bool keysSelected = !selectedKeys().isEmpty();
    const bool nsSelected = !currentNamespace().isEmpty();
    const QModelIndex current = m_tree->currentIndex();
    const bool keyCurrent =
        current.isValid() && !current.data(KeyTreeModel::IsNamespaceRole).toBool();
    m_actions[QStringLiteral("refresh")]->setEnabled(online);
    m_actions[QStringLiteral("disconnect")]->setEnabled(m_connection->state() !=
                                                        ServerConnection::State::Disconnected);
    m_actions[QStringLiteral("copyKey")]->setEnabled(keysSelected);
    m_actions[QStringLiteral("editTtl")]->setEnabled(writable && keyCurrent);
    m_actions[QStringLiteral("deleteKeys")]->setEnabled(writable && keysSelected);
    m_actions[QStringLiteral("clearNamespace")]->setEnabled(writable && nsSelected);
    m_actions[QStringLiteral("deleteMatching")]->setEnabled(writable && nsSelected);
    m_actions[QStringLiteral("biggestKeys")]->setEnabled(online && nsSelected);
    m_actions[QStringLiteral("searchAll")]->setEnabled(online);
    m_actions[QStringLiteral("copyFullKey")]->setEnabled(keyCurrent);
    m_actions[QStringLiteral("copyValue")]->setEnabled(keyCurrent && m_value->hasStringValue());
    m_actions[QStringLiteral("exportValue")]->setEnabled(keyCurrent && m_value->hasStringValue());
    m_actions[QStringLiteral("clearAll")]->setEnabled(writable);
    m_actions[QStringLiteral("resetStats")]->setEnabled(writable);
    m_actions[QStringLiteral("demoTraffic")]->setEnabled(online || m_traffic->isRunning());
    m_value->setReadOnly(!writable);
    updateNotes();
}

void MainWindow::onCurrentChanged(const QModelIndex &current) {
    if (current.isValid())
        m_lastNamespace = current.data(KeyTreeModel::NamespaceRole).toString();
    if (current.isValid() && !current.data(KeyTreeModel::IsNamespaceRole).toBool())
        m_value->showKey(current.data(KeyTreeModel::NamespaceRole).toString(),
                         current.data(KeyTreeModel::KeyRole).toString());
    else
        m_value->clear();
    updateActions();
}

QString MainWindow::currentNamespace() const {
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        return current.data(KeyTreeModel::NamespaceRole).toString();
    return {};
}

QHash<QString, QStringList> MainWindow::selectedKeys() const {
    QHash<QString, QStringList> keys;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows(KeyTreeModel::KeyColumn);
    for (const QModelIndex &idx : rows) {
        if (idx.data(KeyTreeModel::IsNamespaceRole).toBool())
            continue;
        keys[idx.data(KeyTreeModel::NamespaceRole).toString()].append(
            idx.data(KeyTreeModel::KeyRole).toString());
    }
    return keys;
}

std::unique_ptr<QMessageBox> MainWindow::makeConfirmationBox(const QString &title,
                                                             const QString &text) {
    // A URL in the text wraps as a whole or not at all.
    static const QRegularExpression url(QStringLiteral("\\b[a-z][a-z0-9+.-]*://\\S+"));
    QString shown = text;
    for (qsizetype from = 0;;) {
        const QRegularExpressionMatch m = url.match(shown, from);
        if (!m.hasMatch())
            break;
        const QString whole = keepTogether(m.captured());
        shown.replace(m.capturedStart(), m.capturedLength(), whole);
        from = m.capturedStart() + whole.size();
    }
    auto box = std::make_unique<QMessageBox>(QMessageBox::Warning, title, shown,
                                             QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setTextFormat(Qt::PlainText);
    return box;
}

bool MainWindow::confirm(const QString &title, const QString &text) {
    m_lastConfirmation = text;
    return m_confirm && m_confirm(title, text);
}

void MainWindow::refresh() {
    if (m_connection->state() != ServerConnection::State::Connected)
        return;
    // Reloading drops the loaded rows; the key selected now is selected again when it is back.
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid() && !current.data(KeyTreeModel::IsNamespaceRole).toBool())
        m_reselect = {current.data(KeyTreeModel::NamespaceRole).toString(),
                      current.data(KeyTreeModel::KeyRole).toString()};
    m_model->refresh();
    m_value->reload();
    m_connection->pollNow();
}

void MainWindow::applyServerFilter() {
    // Typing may have filtered the current row away; the namespace it was in is still meant.
    QString ns = currentNamespace();
    if (ns.isEmpty() && m_model->namespaceIndex(m_lastNamespace).isValid())
        ns = m_lastNamespace;
    if (ns.isEmpty()) { // no namespace in mind: every namespace is searched
        searchAllNamespaces();
        return;
    }
    const QString text = m_filter->text().trimmed();
    const bool isGlob = text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?')) ||
                        text.contains(QLatin1Char('['));
    m_model->setKeyFilter(ns, text.isEmpty() || isGlob ? text : QStringLiteral("*%1*").arg(text));
    m_tree->expand(m_proxy->mapFromSource(m_model->namespaceIndex(ns)));
}

void MainWindow::editTtl() {
    if (m_readOnly)
        return;
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid() || current.data(KeyTreeModel::IsNamespaceRole).toBool())
        return;
    m_tree->edit(current.siblingAtColumn(KeyTreeModel::TtlColumn));
}

void MainWindow::deleteSelectedKeys() {
    if (m_readOnly)
        return;
    const QHash<QString, QStringList> keys = selectedKeys();
    if (keys.isEmpty())
        return;
    int total = 0;
    QStringList all;
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        total += int(it.value().size());
        all += it.value();
    }
    const QString where = keys.size() == 1 ? tr("from namespace “%1”").arg(keys.cbegin().key())
                                           : tr("from %n namespace(s)", nullptr, int(keys.size()));
    const QString text = tr("Delete %n key(s) %1?", nullptr, total).arg(where) +
                         QStringLiteral("\n\n") + listForConfirmation(all);
    if (!confirm(tr("Delete keys"), text))
        return;
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        m_model->deleteKeys(it.key(), it.value(), [this](bool ok, qint64 deleted, const QString &) {
            if (ok)
                statusBar()->showMessage(tr("Deleted %n key(s)", nullptr, int(deleted)), 5000);
            m_connection->pollNow();
        });
    }
}

void MainWindow::clearCurrentNamespace() {
    if (m_readOnly)
        return;
    const QString ns = currentNamespace();
    if (ns.isEmpty())
        return;
    const qint64 count = m_model->namespaceIndex(ns).data(KeyTreeModel::KeyCountRole).toLongLong();
    const QString text = tr("Clear namespace “%1”?\n\nThis deletes all %2 keys in it on the "
                            "server. Other namespaces are not touched.")
                             .arg(ns, QLocale().toString(count));
    if (!confirm(tr("Clear namespace"), text))
        return;
    m_model->clearNamespace(ns, [this, ns](bool ok, qint64 cleared, const QString &) {
        if (ok)
            statusBar()->showMessage(tr("Cleared %n key(s) from %1", nullptr, int(cleared)).arg(ns),
                                     5000);
        m_value->clear();
        m_connection->pollNow();
    });
}

void MainWindow::clearAll() {
    if (m_readOnly)
        return;
    qint64 total = 0;
    const QStringList names = m_model->namespaceNames();
    for (const QString &ns : names)
        total += m_model->namespaceIndex(ns).data(KeyTreeModel::KeyCountRole).toLongLong();
    const QString text =
        tr("Clear the whole cache?\n\nThis deletes all %1 keys in %n namespace(s) "
           "on %2.",
           nullptr, int(names.size()))
            .arg(QLocale().toString(total), m_connection->url().toString(QUrl::RemoveUserInfo));
    if (!confirm(tr("Clear all"), text))
        return;
    m_model->clearAll([this](bool ok, qint64 cleared, const QString &) {
        if (ok)
            statusBar()->showMessage(tr("Cleared %n key(s)", nullptr, int(cleared)), 5000);
        m_value->clear();
        m_model->refresh();
        m_connection->pollNow();
    });
}

void MainWindow::resetStatistics() {
    if (m_readOnly)
        return;
    if (!confirm(tr("Reset statistics"),
                 tr("Reset every counter and the history of %1 to zero?")
                     .arg(m_connection->url().toString(QUrl::RemoveUserInfo))))
        return;
    m_connection->api()->resetStats(this, [this](const ApiReply &reply) {
        if (!reply.ok()) {
            statusBar()->showMessage(tr("Could not reset statistics: %1").arg(reply.errorText),
                                     8000);
            return;
        }
        m_charts->clear();
        statusBar()->showMessage(tr("Statistics reset"), 5000);
        m_connection->pollNow();
    });
}

void MainWindow::searchAllNamespaces() {
    if (m_connection->state() != ServerConnection::State::Connected)
        return;
    QString text = m_filter->text().trimmed();
    if (text.isEmpty()) {
        text = m_prompt ? m_prompt(tr("Search all namespaces"),
                                   tr("Keys matching (a glob such as user:*, or a word):"), {})
                        : QString();
        if (text.trimmed().isEmpty())
            return;
        const QSignalBlocker blocker(m_filter);
        m_filter->setText(text.trimmed());
        m_proxy->setKeyGlob(text.trimmed());
        text = text.trimmed();
    }
    const bool isGlob = text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?')) ||
                        text.contains(QLatin1Char('['));
    const QString glob = isGlob ? text : QStringLiteral("*%1*").arg(text);
    m_connection->api()->search(glob, this, [this, glob](const ApiReply &reply) {
        if (!reply.ok()) {
            statusBar()->showMessage(tr("Search failed: %1").arg(reply.errorText), 8000);
            return;
        }
        const QJsonObject o = reply.object();
        const qint64 total = o.value(QLatin1String("total")).toVariant().toLongLong();
        const QJsonArray found = o.value(QLatin1String("namespaces")).toArray();
        const QStringList names = m_model->namespaceNames();
        for (const QString &ns : names)
            m_model->setKeyFilter(ns, glob);
        for (const QJsonValue &v : found) {
            const QModelIndex ns =
                m_model->namespaceIndex(v.toObject().value(QLatin1String("name")).toString());
            if (ns.isValid())
                m_tree->expand(m_proxy->mapFromSource(ns));
        }
        m_searchSummary->setText(
            total == 0 ? tr("No key matches “%1” in any namespace.").arg(glob)
                       : tr("%1 matching “%2” in %n namespace(s).", nullptr, int(found.size()))
                             .arg(tr("%n key(s)", nullptr, int(total)), glob));
        m_searchSummary->setVisible(true);
    });
}

void MainWindow::showBiggestKeys() {
    const QString ns = currentNamespace();
    if (ns.isEmpty())
        return;
    auto *dialog = new BiggestKeysDialog(m_connection->api(), ns, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // A picked key is shown by selecting its row, so that panel and selection agree.
    connect(dialog, &BiggestKeysDialog::keyActivated, this,
            [this](const QString &keyNs, const QString &key) {
                const QModelIndex found = m_model->keyIndex(keyNs, key);
                if (!found.isValid()) {
                    statusBar()->showMessage(
                        tr("%1 is not among the loaded keys; filter for it to show it").arg(key),
                        5000);
                    return;
                }
                m_tree->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(found),
                                                          QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
                m_tree->scrollTo(m_tree->currentIndex());
            });
    dialog->show();
}

void MainWindow::deleteMatchingKeys() {
    if (m_readOnly)
        return;
    const QString ns = currentNamespace();
    if (ns.isEmpty() || !m_prompt)
        return;
    const QString pattern =
        m_prompt(tr("Delete keys matching"),
                 tr("Delete the keys of namespace “%1” that match (glob, \\ makes * ? [ literal):")
                     .arg(ns),
                 m_filter->text().trimmed())
            .trimmed();
    if (pattern.isEmpty())
        return;
    m_connection->api()->countMatching(ns, pattern, this, [this, ns, pattern](const ApiReply &r) {
        if (!r.ok()) {
            statusBar()->showMessage(tr("Could not count the keys: %1").arg(r.errorText), 8000);
            return;
        }
        const qint64 count = r.object().value(QLatin1String("count")).toVariant().toLongLong();
        if (count == 0) {
            statusBar()->showMessage(tr("No key of %1 matches “%2”").arg(ns, pattern), 8000);
            return;
        }
        QStringList sample;
        for (const QJsonValue &v : r.object().value(QLatin1String("sample")).toArray())
            sample << v.toString();
        QString text =
            tr("Delete %n key(s) matching “%1” from namespace “%2”?", nullptr, int(count))
                .arg(pattern, ns) +
            QStringLiteral("\n\n") + listForConfirmation(sample);
        if (count > sample.size())
            text += QLatin1Char('\n') + tr("  … and %n more", nullptr, int(count - sample.size()));
        if (!confirm(tr("Delete keys matching"), text))
            return;
        m_connection->api()->deleteMatching(ns, pattern, this, [this, ns](const ApiReply &done) {
            if (!done.ok()) {
                statusBar()->showMessage(tr("Could not delete: %1").arg(done.errorText), 8000);
                return;
            }
            const qint64 deleted =
                done.object().value(QLatin1String("deleted")).toVariant().toLongLong();
            statusBar()->showMessage(tr("Deleted %n key(s) from %1", nullptr, int(deleted)).arg(ns),
                                     5000);
            m_value->clear();
            m_model->refresh();
            m_connection->pollNow();
        });
    });
}

void MainWindow::copyValue() {
    if (!m_value->currentKey().isEmpty())
        QApplication::clipboard()->setText(QString::fromUtf8(m_value->valueData()));
}

void MainWindow::copyFullKey() {
    const QString key = m_value->currentKey();
    if (key.isEmpty())
        return;
    const QString full = (m_prefix.isEmpty() ? QString() : m_prefix + QLatin1Char(':')) +
                         m_value->currentNamespace() + QLatin1Char(':') + key;
    QApplication::clipboard()->setText(full);
}

void MainWindow::exportValue() {
    if (m_value->currentKey().isEmpty() || !m_value->isLoaded())
        return;
    QString suggested = m_value->currentKey();
    suggested.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    QString path;
    if (m_exportPath)
        path = m_exportPath(suggested);
    else
        path = QFileDialog::getSaveFileName(this, tr("Export value"), suggested);
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_value->valueData()) < 0) {
        statusBar()->showMessage(tr("Could not write %1: %2").arg(path, file.errorString()), 8000);
        return;
    }
    statusBar()->showMessage(tr("Saved %1 to %2").arg(m_value->currentKey(), path), 5000);
}

QList<std::pair<QString, QString>> MainWindow::shortcutList() const {
    QList<std::pair<QString, QString>> list;
    for (const QAction *a : std::as_const(m_actions)) {
        if (a->shortcut().isEmpty())
            continue;
        list.append({QString(a->text()).remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                     a->shortcut().toString(QKeySequence::NativeText)});
    }
    std::sort(list.begin(), list.end());
    return list;
}

std::unique_ptr<QDialog> MainWindow::makeShortcutsDialog() {
    auto dialog = std::make_unique<QDialog>(this);
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(dialog.get());
    const auto list = shortcutList();
    auto *table = new QTableWidget(int(list.size()), 2, dialog.get());
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setAccessibleName(tr("Keyboard shortcuts"));
    table->setAccessibleDescription(tr("Every action of the console and the keys that run it"));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < list.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(list[row].first));
        table->setItem(row, 1, new QTableWidgetItem(list[row].second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog.get());
    connect(buttons, &QDialogButtonBox::rejected, dialog.get(), &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(460, 520);
    return dialog;
}

void MainWindow::showShortcuts() {
    makeShortcutsDialog()->exec();
}

QString MainWindow::searchSummary() const {
    return m_searchSummary->isVisible() ? m_searchSummary->text() : QString();
}

QString MainWindow::prefixNote() const {
    return m_prefixNote->text();
}

} // namespace qrc
