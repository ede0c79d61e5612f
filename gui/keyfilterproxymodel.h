#pragma once

#include <QCollator>
#include <QRegularExpression>
#include <QSortFilterProxyModel>

namespace qrc {

// Sorts the loaded rows by value (not by display text) and narrows the loaded keys to a glob
// as the user types; namespaces always stay so that more keys can still be fetched.
// Names sort naturally ("user_14" before "user_137"). Namespaces stay in name order whatever
// column sorts the keys. Until sort() is called after setKeysSorted(false), keys keep the
// order the server listed them in, so that a new page is appended, not sorted in among the
// rows already loaded.
class KeyFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit KeyFilterProxyModel(QObject *parent = nullptr);

    void setKeyGlob(const QString &glob);
    QString keyGlob() const { return m_glob; }
    void setKeysSorted(bool sorted);
    bool keysSorted() const { return m_keysSorted; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QCollator m_collator;
    bool m_keysSorted = true;
    QString m_glob;
    QRegularExpression m_pattern;
};

} // namespace qrc
