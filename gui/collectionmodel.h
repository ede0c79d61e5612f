#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace qrc {

class ApiClient;

// The members of one hash, list, set, sorted set or stream, read-only, loaded a page at a time
// through the API's cursor (GET .../keys/{key}/items): fetchMore() asks for the next page, so
// a view scrolled to the end or a "load more" button pages on. Rows keep the server's order.
class CollectionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        FullTextRole = Qt::UserRole + 1, // the whole cell text (display and tooltip are cut)
    };

    explicit CollectionModel(ApiClient *api, QObject *parent = nullptr);

    void setPageSize(int count) { m_pageSize = count; }
    // Shows the key's members from the first page; `type` is its Redis type.
    void setKey(const QString &ns, const QString &key, const QString &type);
    void clear();

    QString type() const { return m_type; }
    qint64 total() const { return m_total; } // members in the whole collection; -1: unknown
    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_exhausted; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void pageLoaded(int added, bool complete);
    void errorOccurred(const QString &message);

private:
    struct Row {
        QString name;  // field, index, member, entry ID
        QString value; // value, score, or a stream entry's fields
    };
    void requestPage();

    ApiClient *m_api;
    QString m_ns;
    QString m_key;
    QString m_type;
    std::vector<Row> m_rows;
    QString m_cursor;
    qint64 m_total = -1;
    quint64 m_generation = 0;
    int m_pageSize = 200;
    bool m_loading = false;
    bool m_exhausted = true;
};

} // namespace qrc
