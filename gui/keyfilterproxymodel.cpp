#include "keyfilterproxymodel.h"

#include "keytreemodel.h"
#include "serverstats.h"

#include <QLocale>

namespace qrc {

namespace {

// Qt 6.4's wildcard conversion treats '/' as a path separator that '*' does not cross; cache
// keys are not paths, so the glob is converted here with Redis' meaning.
QString globToRegularExpression(const QString &glob) {
    QString rx = QStringLiteral("\\A(?:");
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == QLatin1Char('*')) {
            rx += QStringLiteral(".*");
        } else if (c == QLatin1Char('?')) {
            rx += QLatin1Char('.');
        } else if (c == QLatin1Char('\\') && i + 1 < glob.size()) {
            rx += QRegularExpression::escape(glob.mid(++i, 1));
        } else if (c == QLatin1Char('[')) {
            const qsizetype end = glob.indexOf(QLatin1Char(']'), i + 1);
            if (end < 0) {
                rx += QStringLiteral("\\[");
                continue;
            }
            QString set = glob.mid(i + 1, end - i - 1);
            if (set.startsWith(QLatin1Char('^')))
                set = QLatin1Char('^') + QRegularExpression::escape(set.mid(1));
            else
                set = QRegularExpression::escape(set);
            // escape() turned the range dash into "\-"; a class needs it bare.
            set.replace(QStringLiteral("\\-"), QStringLiteral("-"));
            rx += QLatin1Char('[') + set + QLatin1Char(']');
            i = end;
        } else {
            rx += QRegularExpression::escape(QString(c));
        }
    }
    return rx + QStringLiteral(")\\z");
}

} // namespace

KeyFilterProxyModel::KeyFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(KeyTreeModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    m_collator = naturalCollator();
}

void KeyFilterProxyModel::setKeysSorted(bool sorted) {
    if (sorted == m_keysSorted)
        return;
    m_keysSorted = sorted;
    invalidate();
}

void KeyFilterProxyModel::sort(int column, Qt::SortOrder order) {
    m_keysSorted = true;
    QSortFilterProxyModel::sort(column, order);
}

bool KeyFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const {
    // The proxy puts `left` first when lessThan(left, right) in ascending order and when
    // lessThan(right, left) in descending order; `ascending` undoes that for orders that do
    // not follow the chosen direction.
    const bool descending = sortOrder() == Qt::DescendingOrder;
    auto ascending = [descending](bool leftFirst) { return descending ? !leftFirst : leftFirst; };
    const bool isNamespace = !left.parent().isValid();
    if (isNamespace) {
        const int byName = m_collator.compare(left.data(KeyTreeModel::NamespaceRole).toString(),
                                              right.data(KeyTreeModel::NamespaceRole).toString());
        if (left.column() == KeyTreeModel::KeyColumn)
            return byName < 0;
        return byName != 0 && ascending(byName < 0);
    }
    if (!m_keysSorted)
        return left.row() != right.row() && ascending(left.row() < right.row());
    const int byKey = m_collator.compare(left.data(KeyTreeModel::KeyRole).toString(),
                                         right.data(KeyTreeModel::KeyRole).toString());
    if (left.column() == KeyTreeModel::KeyColumn)
        return byKey < 0;
    const QVariant l = left.data(KeyTreeModel::SortRole);
    const QVariant r = right.data(KeyTreeModel::SortRole);
    const int byValue = QVariant::compare(l, r) == QPartialOrdering::Less      ? -1
                        : QVariant::compare(l, r) == QPartialOrdering::Greater ? 1
                                                                               : 0;
    return byValue != 0 ? byValue < 0 : byKey < 0;
}

void KeyFilterProxyModel::setKeyGlob(const QString &glob) {
    if (glob == m_glob)
        return;
    m_glob = glob;
    // A bare word matches anywhere in the key, as in a search box; a glob is anchored.
    const bool isGlob = glob.contains(QLatin1Char('*')) || glob.contains(QLatin1Char('?')) ||
                        glob.contains(QLatin1Char('['));
    const QString pattern = isGlob ? glob : QStringLiteral("*%1*").arg(glob);
    m_pattern = QRegularExpression(globToRegularExpression(pattern),
                                   QRegularExpression::CaseInsensitiveOption);
    invalidateFilter();
}

bool KeyFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    if (!sourceParent.isValid() || m_glob.isEmpty())
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    return m_pattern.match(idx.data(KeyTreeModel::KeyRole).toString()).hasMatch();
}

} // namespace qrc
