#pragma once

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace qrc {

class ApiClient;

// Namespaces (top level, with their key counts) and their keys, loaded page by page through
// the API's cursor from fetchMore(): a namespace of 100,000 keys opens with one request.
// canFetchMore() is true only until a namespace's first page is requested; further pages are
// fetchMore()d by KeyTreeView when the end of the loaded rows comes into view (see there why).
// Sorting and filtering of loaded rows belong to a proxy (KeyFilterProxyModel).
class KeyTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, TypeColumn, TtlColumn, SizeColumn, CompressedColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        NamespaceRole,   // the namespace of a namespace or key row
        KeyRole,         // the key of a key row; null for namespace rows
        IsNamespaceRole, // bool
        TtlSecondsRole,  // remaining seconds now (-1: no expiry)
        KeyCountRole,    // keys in a namespace as the server last counted them
        HasMoreRole,     // a namespace has keys beyond the loaded ones
        LoadingRole,     // a page of the namespace is on its way
        LoadedRole,      // keys of a namespace loaded so far (int)
        TypeRole,        // the Redis type of a key row ("string", "hash", ...)
    };

    explicit KeyTreeModel(ApiClient *api, QObject *parent = nullptr);

    // The name shown for a Redis type ("hash" -> "Hash", translated).
    static QString typeName(const QString &type);
    ~KeyTreeModel() override;

    void setPageSize(int count) { m_pageSize = count; }
    int pageSize() const { return m_pageSize; }
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    // Reloads the namespace list, keeping rows (and so the view's expansion) of namespaces that
    // still exist; keys of namespaces already opened are loaded again from their first page.
    void refresh();
    // Forgets everything (another server).
    void clear();
    // A server-side glob for one namespace's keys; empty shows all keys.
    void setKeyFilter(const QString &ns, const QString &glob);
    QString keyFilter(const QString &ns) const { return m_filters.value(ns); }
    void clearKeyFilters();

    QModelIndex namespaceIndex(const QString &ns) const;
    QModelIndex keyIndex(const QString &ns, const QString &key) const;
    QStringList namespaceNames() const;
    int loadedKeyCount(const QString &ns) const;
    bool isLoading() const { return m_pending > 0; }

    // Operations on the server that keep the tree in step with it. `done` gets the outcome.
    using Done = std::function<void(bool ok, qint64 count, const QString &error)>;
    void setTtl(const QString &ns, const QString &key, qint64 ttl, Done done = {});
    void deleteKeys(const QString &ns, const QStringList &keys, Done done = {});
    void clearNamespace(const QString &ns, Done done = {});
    void clearAll(Done done = {});
    // Drops a row for a key found missing elsewhere (expired, deleted by someone else).
    void forgetKey(const QString &ns, const QString &key) { removeKeyRow(ns, key); }
    // Records a TTL learned elsewhere (the value panel read the key).
    void updateKey(const QString &ns, const QString &key, qint64 ttl, qint64 size, bool compressed);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void namespacesLoaded();
    void pageLoaded(const QString &ns, int added, bool complete);
    void errorOccurred(const QString &message);
    // The server applied a new TTL to a key (from setTtl, or an edit in a view).
    void ttlChanged(const QString &ns, const QString &key, qint64 ttl);

private:
    struct KeyRow {
        QString key;
        qint64 ttl = -1;       // seconds as reported, -1: no expiry
        qint64 loadedAtMs = 0; // m_clock time of the report, for the local countdown
        qint64 size = 0;
        qint64 memory = -1; // bytes in the store; -1: unknown
        bool compressed = false;
        QString type;
    };
    struct NamespaceNode {
        QString name;
        qint64 keyCount = 0;
        std::vector<KeyRow> keys;
        QString cursor;
        bool started = false;   // a first page was requested
        bool exhausted = false; // the cursor came back null
        bool loading = false;
        quint64 generation = 0; // bumped whenever loaded keys are thrown away
    };

    // A row from one entry of a key page.
    static KeyRow keyRow(const QJsonObject &entry, qint64 now);
    NamespaceNode *node(const QString &ns) const;
    int rowOf(const NamespaceNode *n) const;
    qint64 remaining(const KeyRow &row) const;
    void requestPage(NamespaceNode *n);
    void resetKeys(NamespaceNode *n);
    void removeKeyRow(const QString &ns, const QString &key);
    void tick();
    void finishRequest();

    ApiClient *m_api;
    std::vector<std::unique_ptr<NamespaceNode>> m_namespaces;
    QHash<QString, QString> m_filters;
    QElapsedTimer m_clock;
    QTimer m_ticker;
    int m_pageSize = 200;
    int m_pending = 0;
    quint64 m_listGeneration = 0;
    bool m_readOnly = false;
};

} // namespace qrc
