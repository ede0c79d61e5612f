#pragma once

#include "connectiondialog.h"
#include "keytreeview.h"
#include "serverconnection.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QLabel;
class QDialog;
class QLineEdit;
class QMenu;
class QMessageBox;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace qrc {

class ChartsPanel;
class CollapsibleSection;
class ConsoleSettings;
class EmbeddedService;
class KeyFilterProxyModel;
class KeyTreeModel;
class StatsPanel;
class TrafficGenerator;
class ValuePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Asked before every destructive action; true goes ahead. Tests replace the modal box.
    using ConfirmHandler = std::function<bool(const QString &title, const QString &text)>;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // `rememberToken`: store the token with the URL in the recent connections (once reached).
    void connectTo(const QUrl &url, const QString &token = {}, bool rememberToken = false);
    // Starts an in-process service (memory backend unless the request names Redis) and
    // connects to it. False when it could not start (the reason is shown).
    bool startEmbedded(const ConnectionRequest &request = {});
    void disconnectFromServer();
    // Connects as the dialog's answer says: saves it as a profile when named, reads the token
    // file, applies read-only. False when the token file cannot be read (the reason is shown).
    bool connectWith(const ConnectionRequest &request);
    bool connectToProfile(const QString &name);
    QString activeProfile() const { return m_activeProfile; }
    QMenu *profilesMenu() const { return m_profilesMenu; }
    // Opens the connection dialog; returns false when cancelled.
    bool showConnectionDialog();
    // The URL the connection dialog opens with: the current server's, else the last one.
    QString connectionDialogUrl() const;

    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    void setConfirmHandler(ConfirmHandler handler) { m_confirm = std::move(handler); }
    // Asks for a line of text (a pattern, a file name); an empty answer cancels. Tests replace
    // the modal dialog.
    using TextPrompt =
        std::function<QString(const QString &title, const QString &label, const QString &initial)>;
    void setTextPrompt(TextPrompt prompt) { m_prompt = std::move(prompt); }
    // Asks where to save an export (suggested file name given); empty cancels.
    using PathPrompt = std::function<QString(const QString &suggested)>;
    void setExportPathPrompt(PathPrompt prompt) { m_exportPath = std::move(prompt); }
    // The box the default confirm handler runs.
    std::unique_ptr<QMessageBox> makeConfirmationBox(const QString &title, const QString &text);
    // The text of the last confirmation asked, for tests and the log.
    QString lastConfirmation() const { return m_lastConfirmation; }

    void restoreLayout();
    // Resizes the window and lays out its panels for that size as a first start would.
    void resizeForLayout(const QSize &size);

    ServerConnection *connection() const { return m_connection; }
    KeyTreeModel *keyModel() const { return m_model; }
    KeyFilterProxyModel *keyProxy() const { return m_proxy; }
    QTreeView *keyView() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filter; }
    ValuePanel *valuePanel() const { return m_value; }
    StatsPanel *statsPanel() const { return m_stats; }
    ChartsPanel *chartsPanel() const { return m_charts; }
    TrafficGenerator *trafficGenerator() const { return m_traffic; }
    EmbeddedService *embeddedService() const { return m_embedded.get(); }
    QString connectionStatusText() const;
    CollapsibleSection *statisticsSection() const { return m_statsSection; }
    CollapsibleSection *chartsSection() const { return m_chartsSection; }
    // The message shown in place of an empty key list or value area (empty when none is).
    QString keyListNote() const;
    bool keyListNoteVisible() const;
    QString valueNote() const;
    // The narrowest key list that still shows a useful part of the key names.
    static constexpr int MinimumNameWidth = 170;
    // Below this window height the live charts start folded (until the user opens them).
    static constexpr int ShortWindowHeight = 720;
    QAction *action(const QString &name) const { return m_actions.value(name); }

    // Actions (also bound to menus, toolbar and shortcuts).
    void refresh();
    void deleteSelectedKeys();
    void clearCurrentNamespace();
    void clearAll();
    void resetStatistics();
    void editTtl();
    // Sets the filter box's glob as the server-side filter of every namespace and says how
    // many keys of each match (or that none does).
    void searchAllNamespaces();
    // Asks for a glob, counts the matching keys of the current namespace, asks to confirm
    // with that count, then deletes them on the server.
    void deleteMatchingKeys();
    // The keys of the current namespace taking the most memory (a bounded sample).
    void showBiggestKeys();
    void copyValue();
    void copyFullKey();
    void exportValue();
    void showShortcuts();
    std::unique_ptr<QDialog> makeShortcutsDialog(); // what showShortcuts() runs
    QString searchSummary() const;
    QString prefixNote() const;
    // Every action with its shortcut, as the shortcut list shows them.
    QList<std::pair<QString, QString>> shortcutList() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Lines of value text the panels above the charts leave room for when they can.
    static constexpr int ValueLines = 8;
    QAction *addAction(const QString &name, const QString &text, const QString &icon,
                       const QKeySequence &shortcut, const QString &tip);
    void createActions();
    void createMenus();
    void createLayout();
    void updateActions();
    void rebuildProfilesMenu();
    void updateNotes();
    void placeKeyListNote();
    void updateKeyListWidth();
    void fitMainSplitter();
    void fitRightPanels();
    void foldChartsForHeight();
    void onStateChanged(ServerConnection::State state);
    void onConnected();
    void loadHistory();
    void onCurrentChanged(const QModelIndex &current);
    void applyServerFilter();
    void saveLayout();
    bool confirm(const QString &title, const QString &text);
    QString currentNamespace() const;
    // Selected keys grouped by namespace (source model terms).
    QHash<QString, QStringList> selectedKeys() const;

    ServerConnection *m_connection;
    KeyTreeModel *m_model;
    KeyFilterProxyModel *m_proxy;
    TrafficGenerator *m_traffic;
    std::unique_ptr<EmbeddedService> m_embedded;
    std::unique_ptr<ConsoleSettings> m_settings;

    KeyTreeView *m_tree = nullptr;
    QLineEdit *m_filter = nullptr;
    ValuePanel *m_value = nullptr;
    StatsPanel *m_stats = nullptr;
    ChartsPanel *m_charts = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    CollapsibleSection *m_statsSection = nullptr;
    CollapsibleSection *m_chartsSection = nullptr;
    QStackedWidget *m_valueStack = nullptr;
    QLabel *m_valueNote = nullptr;
    QLabel *m_keyListNote = nullptr;
    bool m_keyListNoteBelow = false;
    bool m_foldingForHeight = false; // a fold by foldChartsForHeight(), not the user's
    QLabel *m_stateDot = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_readOnlyLabel = nullptr;
    QHash<QString, QAction *> m_actions;
    QActionGroup *m_windowGroup = nullptr;

    ConfirmHandler m_confirm;
    TextPrompt m_prompt;
    PathPrompt m_exportPath;
    QLabel *m_searchSummary = nullptr;
    QLabel *m_prefixNote = nullptr;
    QString m_prefix; // the server's key prefix, for full Redis key names
    QString m_lastConfirmation;
    QString m_lastNamespace; // of the last current row, for the server-side filter
    QString m_lastBackend;   // "redis" or "memory" as last reported, to see a switch
    bool m_readOnly = false;
    QString m_activeProfile;
    QMenu *m_profilesMenu = nullptr;
    quint64 m_historyRequest = 0;
    struct PendingRecent {
        QString url;
        QString token;
        bool rememberToken = false;
    };
    std::optional<PendingRecent> m_pendingRecent;          // remembered when the server answers
    std::optional<std::pair<QString, QString>> m_reselect; // (ns, key) to select after F5
};

} // namespace qrc
