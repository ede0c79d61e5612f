#include "collectionmodel.h"

#include "apiclient.h"
#include "valueformatter.h"

#include <QJsonArray>
#include <QJsonObject>

namespace qrc {

namespace {

// A member as the API sends it: text, or {"base64": ...} for bytes that are not UTF-8, shown
// with their non-printable bytes escaped.
QString memberText(const QJsonValue &value) {
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return ValueFormatter::escapedText(QByteArray::fromBase64(
        value.toObject().value(QLatin1String("base64")).toString().toLatin1()));
}

// One line in the table; the tooltip carries the whole text (bounded).
QString oneLine(const QString &text) {
    QString line = text.left(500);
    line.replace(QLatin1Char('\n'), QChar(0x21b5));
    return line;
}

QString tip(const QString &text) {
    constexpr qsizetype Max = 4000;
    return text.size() > Max ? text.left(Max) + QChar(0x2026) : text;
}

} // namespace

CollectionModel::CollectionModel(ApiClient *api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api) {}

void CollectionModel::clear() {
    beginResetModel();
    ++m_generation;
    m_ns.clear();
    m_key.clear();
    m_type.clear();
    m_rows.clear();
    m_cursor.clear();
    m_total = -1;
    m_loading = false;
    m_exhausted = true;
    endResetModel();
}

void CollectionModel::setKey(const QString &ns, const QString &key, const QString &type) {
    clear();
    beginResetModel();
    m_ns = ns;
    m_key = key;
    m_type = type;
    m_exhausted = false;
    endResetModel(); // a view may fetch the first page from here already
    fetchMore({});
}

int CollectionModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CollectionModel::columnCount(const QModelIndex &parent) const {
    if (parent.isValid())
        return 0;
    return m_type == QLatin1String("set") ? 1 : 2;
}

QVariant CollectionModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return oneLine(index.column() == 0 ? row.name : row.value);
    case Qt::ToolTipRole:
        return tip(index.column() == 0 ? row.name : row.value);
    case FullTextRole:
        return index.column() == 0 ? row.name : row.value;
    case Qt::TextAlignmentRole:
        if ((m_type == QLatin1String("list") && index.column() == 0) ||
            (m_type == QLatin1String("zset") && index.column() == 1))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant CollectionModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    const bool first = section == 0;
    if (m_type == QLatin1String("hash"))
        return first ? tr("Field") : tr("Value");
    if (m_type == QLatin1String("list"))
        return first ? tr("Index") : tr("Value");
    if (m_type == QLatin1String("zset"))
        return first ? tr("Member") : tr("Score");
    if (m_type == QLatin1String("stream"))
        return first ? tr("Entry ID") : tr("Fields");
    return tr("Member");
}

bool CollectionModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && !m_key.isEmpty() && !m_exhausted && !m_loading;
}

void CollectionModel::fetchMore(const QModelIndex &parent) {
    if (canFetchMore(parent))
        requestPage();
}

void CollectionModel::requestPage() {
    m_loading = true;
    const quint64 generation = m_generation;
    m_api->getItems(
        m_ns, m_key, m_cursor, m_pageSize, this, [this, generation](const ApiReply &reply) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!reply.ok()) {
                Q_EMIT errorOccurred(reply.errorText);
                return;
            }
            const QJsonObject o = reply.object();
            const QJsonValue next = o.value(QLatin1String("next_cursor"));
            m_cursor = next.isString() ? next.toString() : QString();
            m_exhausted = m_cursor.isEmpty();
            m_total = o.value(QLatin1String("total")).toInteger(-1);
            const QJsonArray items = o.value(QLatin1String("items")).toArray();
            std::vector<Row> added;
            added.reserve(size_t(items.size()));
            for (const QJsonValue &v : items) {
                const QJsonObject item = v.toObject();
                Row row;
                if (m_type == QLatin1String("hash")) {
                    row.name = memberText(item.value(QLatin1String("field")));
                    row.value = memberText(item.value(QLatin1String("value")));
                } else if (m_type == QLatin1String("list")) {
                    row.name = memberText(item.value(QLatin1String("index")));
                    row.value = memberText(item.value(QLatin1String("value")));
                } else if (m_type == QLatin1String("zset")) {
                    row.name = memberText(item.value(QLatin1String("member")));
                    row.value = item.value(QLatin1String("score")).toString();
                } else if (m_type == QLatin1String("stream")) {
                    row.name = item.value(QLatin1String("id")).toString();
                    QStringList fields;
                    for (const QJsonValue &f : item.value(QLatin1String("fields")).toArray())
                        fields << memberText(f.toArray().at(0)) + QLatin1Char('=') +
                                      memberText(f.toArray().at(1));
                    row.value = fields.join(QStringLiteral(", "));
                } else {
                    row.name = memberText(item.value(QLatin1String("member")));
                }
                added.push_back(std::move(row));
            }
            if (!added.empty()) {
                const int first = int(m_rows.size());
                beginInsertRows({}, first, first + int(added.size()) - 1);
                for (Row &row : added)
                    m_rows.push_back(std::move(row));
                endInsertRows();
            }
            Q_EMIT pageLoaded(int(added.size()), m_exhausted);
        });
}

} // namespace qrc
