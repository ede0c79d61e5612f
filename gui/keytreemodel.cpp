#include "keytreemodel.h"

#include "apiclient.h"
#include "serverstats.h"

#include <QColor>
#include <QIcon>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace qrc {

namespace {
// Sorts keys without expiry after every expiring key.
constexpr qint64 NoExpirySortValue = std::numeric_limits<qint64>::max();
} // namespace

KeyTreeModel::KeyTreeModel(ApiClient *api, QObject *parent)
    : QAbstractItemModel(parent)
    , m_api(api) {
    m_clock.start();
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &KeyTreeModel::tick);
    m_ticker.start();
}

KeyTreeModel::~KeyTreeModel() = default;

void KeyTreeModel::setReadOnly(bool readOnly) {
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    // Editability is part of flags(); views re-query on dataChanged.
    for (const auto &n : m_namespaces) {
        if (!n->keys.empty()) {
            const QModelIndex parent = namespaceIndex(n->name);
            Q_EMIT dataChanged(index(0, TtlColumn, parent),
                               index(int(n->keys.size()) - 1, TtlColumn, parent));
        }
    }
}

KeyTreeModel::NamespaceNode *KeyTreeModel::node(const QString &ns) const {
    for (const auto &n : m_namespaces)
        if (n->name == ns)
            return n.get();
    return nullptr;
}

int KeyTreeModel::rowOf(const NamespaceNode *n) const {
    for (size_t i = 0; i < m_namespaces.size(); ++i)
        if (m_namespaces[i].get() == n)
            return int(i);
    return -1;
}

qint64 KeyTreeModel::remaining(const KeyRow &row) const {
    if (row.ttl < 0)
        return row.ttl;
    return std::max<qint64>(0, row.ttl - (m_clock.elapsed() - row.loadedAtMs) / 1000);
}

QModelIndex KeyTreeModel::namespaceIndex(const QString &ns) const {
    const NamespaceNode *n = node(ns);
    return n ? createIndex(rowOf(n), 0, nullptr) : QModelIndex();
}

QModelIndex KeyTreeModel::keyIndex(const QString &ns, const QString &key) const {
    NamespaceNode *n = node(ns);
    if (!n)
        return {};
    for (size_t i = 0; i < n->keys.size(); ++i)
        if (n->keys[i].key == key)
            return createIndex(int(i), 0, n);
    return {};
}

QStringList KeyTreeModel::namespaceNames() const {
    QStringList names;
    for (const auto &n : m_namespaces)
        names.append(n->name);
    return names;
}

int KeyTreeModel::loadedKeyCount(const QString &ns) const {
    const NamespaceNode *n = node(ns);
    return n ? int(n->keys.size()) : 0;
}

void KeyTreeModel::clear() {
    ++m_listGeneration;
    m_filters.clear();
    if (m_namespaces.empty())
        return;
    // Rows removed, not a model reset: a reset would also drop the header's column setup.
    beginRemoveRows({}, 0, int(m_namespaces.size()) - 1);
    m_namespaces.clear();
    endRemoveRows();
}

void KeyTreeModel::refresh() {
    ++m_pending;
    const quint64 generation = ++m_listGeneration;
    m_api->getNamespaces(this, [this, generation](const ApiReply &reply) {
        finishRequest();
        if (generation != m_listGeneration)
            return;
        if (!reply.ok()) {
            Q_EMIT errorOccurred(tr("Could not list namespaces: %1").arg(reply.errorText));
            return;
        }
        QList<std::pair<QString, qint64>> fresh;
        const QJsonArray list = reply.object().value(QLatin1String("namespaces")).toArray();
        for (const QJsonValue &v : list) {
            const QJsonObject o = v.toObject();
            fresh.append({o.value(QLatin1String("name")).toString(),
                          o.value(QLatin1String("keys")).toVariant().toLongLong()});
        }
        std::sort(fresh.begin(), fresh.end());

        // Rows of vanished namespaces go; the others stay so that views keep their state.
        for (int row = int(m_namespaces.size()) - 1; row >= 0; --row) {
            const QString &name = m_namespaces[size_t(row)]->name;
            const bool kept = std::any_of(fresh.cbegin(), fresh.cend(),
                                          [&](const auto &f) { return f.first == name; });
            if (!kept) {
                beginRemoveRows({}, row, row);
                m_namespaces.erase(m_namespaces.begin() + row);
                endRemoveRows();
            }
        }
        for (const auto &[name, count] : fresh) {
            if (NamespaceNode *n = node(name)) {
                n->keyCount = count;
                const int row = rowOf(n);
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
                if (n->started) {
                    resetKeys(n);
                    requestPage(n);
                }
                continue;
            }
            const auto pos = std::lower_bound(m_namespaces.begin(), m_namespaces.end(), name,
                                              [](const std::unique_ptr<NamespaceNode> &a,
                                                 const QString &b) { return a->name < b; });
            const int row = int(pos - m_namespaces.begin());
            auto n = std::make_unique<NamespaceNode>();
            n->name = name;
            n->keyCount = count;
            beginInsertRows({}, row, row);
            m_namespaces.insert(m_namespaces.begin() + row, std::move(n));
            endInsertRows();
        }
        Q_EMIT namespacesLoaded();
    });
}

void KeyTreeModel::setKeyFilter(const QString &ns, const QString &glob) {
    if (glob.isEmpty())
        m_filters.remove(ns);
    else
        m_filters.insert(ns, glob);
    if (NamespaceNode *n = node(ns)) {
        resetKeys(n);
        const int row = rowOf(n);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        requestPage(n);
    }
}

void KeyTreeModel::clearKeyFilters() {
    const QStringList filtered = m_filters.keys();
    for (const QString &ns : filtered)
        setKeyFilter(ns, {});
}

void KeyTreeModel::resetKeys(NamespaceNode *n) {
    // State first: views react to the removal by asking canFetchMore() at once.
    n->cursor.clear();
    n->started = false;
    n->exhausted = false;
    n->loading = false;
    ++n->generation;
    if (!n->keys.empty()) {
        beginRemoveRows(createIndex(rowOf(n), 0, nullptr), 0, int(n->keys.size()) - 1);
        n->keys.clear();
        endRemoveRows();
    }
}

void KeyTreeModel::finishRequest() {
    --m_pending;
}

void KeyTreeModel::requestPage(NamespaceNode *n) {
    if (n->loading)
        return; // one page at a time per namespace, or rows would arrive twice
    n->started = true;
    n->loading = true;
    ++m_pending;
    const QString name = n->name;
    const quint64 generation = n->generation;
    m_api->listKeys(name, m_filters.value(name), n->cursor, m_pageSize, this,
                    [this, name, generation](const ApiReply &reply) {
                        finishRequest();
                        NamespaceNode *n = node(name);
                        if (!n || n->generation != generation)
                            return;
                        n->loading = false;
                        if (!reply.ok()) {
                            Q_EMIT errorOccurred(
                                tr("Could not list keys of %1: %2").arg(name, reply.errorText));
                            return;
                        }
                        const QJsonObject o = reply.object();
                        const QJsonArray keys = o.value(QLatin1String("keys")).toArray();
                        const QJsonValue next = o.value(QLatin1String("next_cursor"));
                        n->cursor = next.isString() ? next.toString() : QString();
                        n->exhausted = n->cursor.isEmpty();
                        const qint64 now = m_clock.elapsed();
                        if (!keys.isEmpty()) {
                            const int first = int(n->keys.size());
                            beginInsertRows(createIndex(rowOf(n), 0, nullptr), first,
                                            first + int(keys.size()) - 1);
                            for (const QJsonValue &v : keys)
                                n->keys.push_back(keyRow(v.toObject(), now));
                            endInsertRows();
                        } else if (!n->exhausted) {
                            // A SCAN step may match nothing yet go on: keep going, or the view
                            // would show an empty namespace and never ask again.
                            requestPage(n);
                            return;
                        }
                        const int row = rowOf(n);
                        Q_EMIT dataChanged(index(row, 0), index(row, 0));
                        Q_EMIT pageLoaded(name, int(keys.size()), n->exhausted);
                    });
}

KeyTreeModel::KeyRow KeyTreeModel::keyRow(const QJsonObject &k, qint64 now) {
    const QJsonValue memory = k.value(QLatin1String("memory"));
    return {k.value(QLatin1String("key")).toString(),
            k.value(QLatin1String("ttl")).toVariant().toLongLong(),
            now,
            k.value(QLatin1String("size")).toVariant().toLongLong(),
            memory.isDouble() ? memory.toInteger() : -1,
            k.value(QLatin1String("compressed")).toBool(),
            k.value(QLatin1String("type")).toString(QStringLiteral("string"))};
}

void KeyTreeModel::removeKeyRow(const QString &ns, const QString &key) {
    NamespaceNode *n = node(ns);
    if (!n)
        return;
    for (size_t i = 0; i < n->keys.size(); ++i) {
        if (n->keys[i].key == key) {
            beginRemoveRows(createIndex(rowOf(n), 0, nullptr), int(i), int(i));
            n->keys.erase(n->keys.begin() + qsizetype(i));
            endRemoveRows();
            n->keyCount = std::max<qint64>(0, n->keyCount - 1);
            const int row = rowOf(n);
            Q_EMIT dataChanged(index(row, 0), index(row, 0));
            return;
        }
    }
}

void KeyTreeModel::updateKey(const QString &ns, const QString &key, qint64 ttl, qint64 size,
                             bool compressed) {
    const QModelIndex idx = keyIndex(ns, key);
    if (!idx.isValid())
        return;
    KeyRow &row = node(ns)->keys[size_t(idx.row())];
    row.ttl = ttl;
    row.loadedAtMs = m_clock.elapsed();
    row.size = size;
    row.compressed = compressed;
    Q_EMIT dataChanged(idx, idx.siblingAtColumn(ColumnCount - 1));
}

void KeyTreeModel::setTtl(const QString &ns, const QString &key, qint64 ttl, Done done) {
    m_api->setTtl(ns, key, ttl, this, [this, ns, key, done](const ApiReply &reply) {
        if (reply.ok()) {
            const qint64 applied =
                reply.object().value(QLatin1String("ttl")).toVariant().toLongLong();
            const QModelIndex idx = keyIndex(ns, key);
            if (idx.isValid()) {
                KeyRow &row = node(ns)->keys[size_t(idx.row())];
                row.ttl = applied;
                row.loadedAtMs = m_clock.elapsed();
                const QModelIndex ttlIndex = idx.siblingAtColumn(TtlColumn);
                Q_EMIT dataChanged(ttlIndex, ttlIndex);
            }
            Q_EMIT ttlChanged(ns, key, applied);
            if (done)
                done(true, applied, {});
            return;
        }
        if (reply.status == 404)
            removeKeyRow(ns, key);
        Q_EMIT errorOccurred(tr("Could not change the TTL of %1: %2").arg(key, reply.errorText));
        if (done)
            done(false, 0, reply.errorText);
    });
}

void KeyTreeModel::deleteKeys(const QString &ns, const QStringList &keys, Done done) {
    if (keys.isEmpty()) {
        if (done)
            done(true, 0, {});
        return;
    }
    struct Batch {
        int outstanding = 0;
        qint64 deleted = 0;
        QString firstError;
    };
    auto batch = std::make_shared<Batch>();
    batch->outstanding = int(keys.size());
    for (const QString &key : keys) {
        m_api->deleteKey(ns, key, this, [this, ns, key, batch, done](const ApiReply &reply) {
            if (reply.ok()) {
                batch->deleted += reply.object().value(QLatin1String("deleted")).toInt(1);
                removeKeyRow(ns, key);
            } else if (reply.status == 404) {
                removeKeyRow(ns, key); // gone already: the tree should not show it either
            } else if (batch->firstError.isEmpty()) {
                batch->firstError = reply.errorText;
            }
            if (--batch->outstanding == 0) {
                if (!batch->firstError.isEmpty())
                    Q_EMIT errorOccurred(tr("Could not delete keys: %1").arg(batch->firstError));
                if (done)
                    done(batch->firstError.isEmpty(), batch->deleted, batch->firstError);
            }
        });
    }
}

void KeyTreeModel::clearNamespace(const QString &ns, Done done) {
    m_api->clearNamespace(ns, this, [this, ns, done](const ApiReply &reply) {
        if (!reply.ok()) {
            Q_EMIT errorOccurred(tr("Could not clear %1: %2").arg(ns, reply.errorText));
            if (done)
                done(false, 0, reply.errorText);
            return;
        }
        if (NamespaceNode *n = node(ns)) {
            resetKeys(n);
            n->keyCount = 0;
            n->started = true;
            n->exhausted = true;
            const int row = rowOf(n);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
        if (done)
            done(true, reply.object().value(QLatin1String("cleared")).toVariant().toLongLong(), {});
    });
}

void KeyTreeModel::clearAll(Done done) {
    m_api->clearAll(this, [this, done](const ApiReply &reply) {
        if (!reply.ok()) {
            Q_EMIT errorOccurred(tr("Could not clear the cache: %1").arg(reply.errorText));
            if (done)
                done(false, 0, reply.errorText);
            return;
        }
        for (const auto &n : m_namespaces) {
            resetKeys(n.get());
            n->keyCount = 0;
            n->started = true;
            n->exhausted = true;
        }
        if (!m_namespaces.empty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_namespaces.size()) - 1, ColumnCount - 1));
        if (done)
            done(true, reply.object().value(QLatin1String("cleared")).toVariant().toLongLong(), {});
    });
}

void KeyTreeModel::tick() {
    for (const auto &n : m_namespaces) {
        const bool counting = std::any_of(n->keys.cbegin(), n->keys.cend(),
                                          [](const KeyRow &r) { return r.ttl > 0; });
        if (!counting)
            continue;
        const QModelIndex parent = createIndex(rowOf(n.get()), 0, nullptr);
        Q_EMIT dataChanged(index(0, TtlColumn, parent),
                           index(int(n->keys.size()) - 1, TtlColumn, parent),
                           {Qt::DisplayRole, Qt::ForegroundRole, SortRole, TtlSecondsRole});
    }
}

QModelIndex KeyTreeModel::index(int row, int column, const QModelIndex &parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_namespaces.size()) ? createIndex(row, column, nullptr) : QModelIndex();
    if (parent.internalPointer() || parent.column() != 0)
        return {};
    NamespaceNode *n = m_namespaces[size_t(parent.row())].get();
    return row < int(n->keys.size()) ? createIndex(row, column, n) : QModelIndex();
}

QModelIndex KeyTreeModel::parent(const QModelIndex &child) const {
    if (!child.isValid() || !child.internalPointer())
        return {};
    const int row = rowOf(static_cast<NamespaceNode *>(child.internalPointer()));
    return row < 0 ? QModelIndex() : createIndex(row, 0, nullptr);
}

int KeyTreeModel::rowCount(const QModelIndex &parent) const {
    if (!parent.isValid())
        return int(m_namespaces.size());
    if (parent.internalPointer() || parent.column() != 0)
        return 0;
    return int(m_namespaces[size_t(parent.row())]->keys.size());
}

int KeyTreeModel::columnCount(const QModelIndex &parent) const {
    if (parent.isValid() && (parent.internalPointer() || parent.column() != 0))
        return 0;
    return ColumnCount;
}

bool KeyTreeModel::hasChildren(const QModelIndex &parent) const {
    if (!parent.isValid())
        return !m_namespaces.empty();
    if (parent.internalPointer() || parent.column() != 0)
        return false;
    const NamespaceNode *n = m_namespaces[size_t(parent.row())].get();
    if (!n->keys.empty())
        return true;
    if (!n->started)
        return n->keyCount > 0 || m_filters.contains(n->name);
    return !n->exhausted;
}

bool KeyTreeModel::canFetchMore(const QModelIndex &parent) const {
    if (!parent.isValid() || parent.internalPointer() || parent.column() != 0)
        return false;
    const NamespaceNode *n = m_namespaces[size_t(parent.row())].get();
    return !n->started && !n->exhausted && !n->loading;
}

void KeyTreeModel::fetchMore(const QModelIndex &parent) {
    if (!parent.isValid() || parent.internalPointer() || parent.column() != 0)
        return;
    NamespaceNode *n = m_namespaces[size_t(parent.row())].get();
    if (!n->exhausted && !n->loading)
        requestPage(n);
}

QString KeyTreeModel::typeName(const QString &type) {
    if (type == QLatin1String("string"))
        return tr("String");
    if (type == QLatin1String("hash"))
        return tr("Hash");
    if (type == QLatin1String("list"))
        return tr("List");
    if (type == QLatin1String("set"))
        return tr("Set");
    if (type == QLatin1String("zset"))
        return tr("Sorted set");
    if (type == QLatin1String("stream"))
        return tr("Stream");
    return type;
}

QVariant KeyTreeModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (!index.internalPointer()) {
        const NamespaceNode *n = m_namespaces[size_t(index.row())].get();
        const QString filter = m_filters.value(n->name);
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == KeyColumn) {
                QString text = tr("%1 (%2)").arg(n->name, QLocale().toString(n->keyCount));
                if (!filter.isEmpty() && n->exhausted && n->keys.empty())
                    text += QLatin1Char(' ') + tr("[filter: %1: no matches]").arg(filter);
                else if (!filter.isEmpty())
                    text += QLatin1Char(' ') + tr("[filter: %1]").arg(filter);
                return text;
            }
            return {};
        case Qt::ToolTipRole:
            return tr("Namespace %1: %n key(s), %2 loaded", nullptr, int(n->keyCount))
                .arg(n->name)
                .arg(n->keys.size());
        case Qt::DecorationRole:
            if (index.column() == KeyColumn)
                return QIcon(QStringLiteral(":/icons/namespace.svg"));
            return {};
        case SortRole:
            return index.column() == KeyColumn ? QVariant(n->name) : QVariant(n->keyCount);
        case NamespaceRole:
            return n->name;
        case KeyRole:
            return {};
        case IsNamespaceRole:
            return true;
        case KeyCountRole:
            return n->keyCount;
        case HasMoreRole:
            return !n->exhausted;
        case LoadingRole:
            return n->loading;
        case LoadedRole:
            return int(n->keys.size());
        }
        return {};
    }

    const auto *n = static_cast<const NamespaceNode *>(index.internalPointer());
    const KeyRow &row = n->keys[size_t(index.row())];
    const qint64 ttlNow = remaining(row);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return row.key;
        case TypeColumn:
            // Redis's own name (string, hash, zset, ...): short, the same in every language,
            // and what redis-cli TYPE prints; the tooltip gives the translated name.
            return row.type;
        case TtlColumn:
            return formatTtl(ttlNow);
        case SizeColumn:
            // Only a string has stored bytes; another type shows what it takes in memory.
            if (row.type != QLatin1String("string"))
                return row.memory >= 0 ? formatBytes(row.memory) : QString();
            return formatBytes(row.size);
        case CompressedColumn:
            return row.compressed ? tr("gzip") : QString();
        }
        return {};
    case Qt::EditRole:
        if (index.column() == TtlColumn)
            return ttlNow < 0 ? QVariant(qint64(0)) : QVariant(ttlNow);
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == TtlColumn && !m_readOnly)
            return tr("%1 — double-click or F2 to change").arg(formatTtl(ttlNow));
        if (index.column() == TypeColumn)
            return typeName(row.type);
        if (index.column() == SizeColumn && row.type != QLatin1String("string"))
            return tr("%1 in memory; a %2 has no stored value")
                .arg(row.memory >= 0 ? formatBytes(row.memory) : tr("unknown"), typeName(row.type));
        if (index.column() == SizeColumn && row.memory >= 0)
            return tr("%n byte(s) stored", nullptr, int(row.size)) + QLatin1Char('\n') +
                   tr("%1 in memory").arg(formatBytes(row.memory));
        if (index.column() == SizeColumn)
            return tr("%n byte(s) stored", nullptr, int(row.size));
        return row.key;
    case Qt::DecorationRole:
        if (index.column() == KeyColumn)
            return QIcon(QStringLiteral(":/icons/key.svg"));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TtlColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == TtlColumn && ttlNow == 0)
            return QColor(Qt::gray);
        return {};
    case SortRole:
        switch (index.column()) {
        case KeyColumn:
            return row.key;
        case TypeColumn:
            return row.type;
        case TtlColumn:
            return ttlNow < 0 ? NoExpirySortValue : ttlNow;
        case SizeColumn:
            return row.type != QLatin1String("string") ? row.memory : row.size;
        case CompressedColumn:
            return int(row.compressed);
        }
        return {};
    case NamespaceRole:
        return n->name;
    case KeyRole:
        return row.key;
    case IsNamespaceRole:
        return false;
    case TtlSecondsRole:
        return ttlNow;
    case TypeRole:
        return row.type;
    }
    return {};
}

bool KeyTreeModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (role != Qt::EditRole || !index.isValid() || !index.internalPointer() ||
        index.column() != TtlColumn || m_readOnly)
        return false;
    bool ok = false;
    const qint64 ttl = value.toLongLong(&ok);
    if (!ok || ttl < 1)
        return false;
    const auto *n = static_cast<const NamespaceNode *>(index.internalPointer());
    setTtl(n->name, n->keys[size_t(index.row())].key, ttl);
    return true;
}

QVariant KeyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TypeColumn:
        return tr("Type");
    case TtlColumn:
        return tr("TTL");
    case SizeColumn:
        return tr("Size");
    case CompressedColumn:
        return tr("Compressed");
    }
    return {};
}

Qt::ItemFlags KeyTreeModel::flags(const QModelIndex &index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalPointer()) {
        f |= Qt::ItemNeverHasChildren;
        if (index.column() == TtlColumn && !m_readOnly)
            f |= Qt::ItemIsEditable;
    }
    return f;
}

} // namespace qrc
