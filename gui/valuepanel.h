#pragma once

#include "valueformatter.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QJsonObject;

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTreeView;

namespace qrc {

class ApiClient;
class CollectionModel;
class JsonTreeModel;
class TextFindBar;

// The selected key: its value as JSON, text or hex (with search and wrap), as a JSON tree, and
// its stored bytes raw (hex and text) with their form; a hash, list, set, sorted set or stream
// as a paged table of its members. Sizes, memory and the TTL (editable) above.
class ValuePanel : public QWidget {
    Q_OBJECT
public:
    // Characters rendered before "show all" is offered.
    static constexpr qsizetype DefaultDisplayLimit = 64 * 1024;

    explicit ValuePanel(ApiClient *api, QWidget *parent = nullptr);

    void showKey(const QString &ns, const QString &key);
    void reload();
    void clear();
    void setReadOnly(bool readOnly);
    void setDisplayLimit(qsizetype limit) { m_limit = limit; }

    QString currentNamespace() const { return m_ns; }
    QString currentKey() const { return m_key; }
    QString valueText() const;
    // The value's bytes exactly as stored (decoded from gzip), for copy and export.
    QByteArray valueData() const { return m_data; }
    bool isLoaded() const { return m_loaded; }
    QString titleText() const;
    QString detailsText() const;
    QString ttlText() const; // "expires in …", "no expiry", or empty when nothing is loaded
    bool isTruncated() const { return m_truncated; }
    ValueFormatter::Format shownFormat() const { return m_shownFormat; }
    QString keyType() const { return m_type; } // Redis type of the loaded key
    // A string's value is loaded: there is a value to copy or export (a hash has none).
    bool hasStringValue() const { return m_loaded && m_type == QLatin1String("string"); }
    // The stored bytes (as the API's "stored.raw" gave them), and what they are.
    QByteArray storedBytes() const { return m_stored; }
    QString storedFormText() const;
    QString rawText() const;
    QComboBox *rawFormatSelector() const { return m_rawFormat; } // hex dump or text
    enum Tab { ValueTab, TreeTab, RawTab, ItemsTab };
    QTabWidget *tabs() const { return m_tabs; }
    QTreeView *jsonTree() const { return m_tree; }
    JsonTreeModel *jsonModel() const { return m_json; }
    QTableView *itemsView() const { return m_itemsView; }
    CollectionModel *itemsModel() const { return m_items; }
    QPushButton *loadMoreButton() const { return m_loadMore; }
    QString memberText() const; // the selected member's whole value
    QString itemsSummary() const;
    TextFindBar *findBar() const { return m_find; }
    QCheckBox *wrapToggle() const { return m_wrap; }
    QPlainTextEdit *textView() const { return m_text; }
    QSpinBox *ttlEditor() const { return m_ttl; }
    QPushButton *applyTtlButton() const { return m_applyTtl; }
    QPushButton *showAllButton() const { return m_showAll; }
    void focusTtlEditor();

Q_SIGNALS:
    void ttlEditRequested(const QString &ns, const QString &key, qint64 ttl);
    void entryLoaded(const QString &ns, const QString &key, qint64 ttl, qint64 size,
                     bool compressed);
    void entryMissing(const QString &ns, const QString &key);

private:
    void render();
    // Forgets the loaded value, TTL and sizes (the key changed, or reading it failed).
    void resetContent();
    void updateEditable();
    void updateTtlLabel();
    void updateItemsSummary();
    void showTree(); // builds the JSON tree of the loaded value (once per value)
    void showStoredForm(const QJsonObject &stored);

    ApiClient *m_api;
    QLabel *m_title;
    QLabel *m_details;
    QLabel *m_ttlLeft;
    QSpinBox *m_ttl;
    QPushButton *m_applyTtl;
    QComboBox *m_format;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_text;
    TextFindBar *m_find;
    QCheckBox *m_wrap;
    JsonTreeModel *m_json;
    QTreeView *m_tree;
    QLabel *m_treeNote;
    QLabel *m_storedForm;
    QComboBox *m_rawFormat;
    QPlainTextEdit *m_raw;
    CollectionModel *m_items;
    QTableView *m_itemsView;
    QPlainTextEdit *m_member;
    QLabel *m_itemsSummary;
    QPushButton *m_loadMore;
    QPushButton *m_showAll;
    QTimer m_countdown;
    QElapsedTimer m_loadedAt;

    QString m_ns;
    QString m_key;
    QByteArray m_data;
    QByteArray m_contentType;
    QByteArray m_stored;
    QString m_type;
    qint64 m_ttlSeconds = -1;
    quint64 m_request = 0;
    qsizetype m_limit = DefaultDisplayLimit;
    bool m_showingAll = false;
    bool m_truncated = false;
    bool m_readOnly = false;
    bool m_loaded = false;
    bool m_treeLoaded = false;
    bool m_switchingTabs = false; // tab changes made by the panel, not the user
    Tab m_preferredTab = ValueTab;
    ValueFormatter::Format m_shownFormat = ValueFormatter::Format::Text;
};

} // namespace qrc
