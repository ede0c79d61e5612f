#pragma once

#include <QRegularExpression>
#include <QSortFilterProxyModel>

namespace qrc {

// Sorts the loaded rows by value (not by display text) and narrows the loaded keys to a glob
// as the user types; namespaces always stay so that more keys can still be fetched.
class KeyFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit KeyFilterProxyModel(QObject *parent = nullptr);

    void setKeyGlob(const QString &glob);
    QString keyGlob() const { return m_glob; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_glob;
    QRegularExpression m_pattern;
};

} // namespace qrc
