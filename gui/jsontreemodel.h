#pragma once

#include <QAbstractItemModel>
#include <QString>

#include <memory>
#include <vector>

namespace qrc {

// A JSON document as a collapsible tree (key, value, type), read from its text: object members
// keep their order and numbers their spelling, which a QJsonDocument would sort and rewrite
// (19.990 -> 19.99, integers beyond 2^53).
class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    // Nodes beyond this make setJson() refuse the document (the text view still shows it).
    static constexpr int MaxNodes = 200000;

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // False (and an empty model) when `json` is not a complete JSON value or is too large.
    bool setJson(const QByteArray &json);
    void clear();
    bool isEmpty() const { return !m_root; }
    QString errorText() const { return m_error; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    struct Node {
        enum class Kind { Object, Array, String, Number, Bool, Null };
        Kind kind = Kind::Null;
        QString key;   // member name, or "[i]" in an array; empty for the root
        QString value; // the scalar's text: numbers as written, strings decoded
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };

private:
    const Node *nodeOf(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root; // a hidden holder whose single child is the document
    QString m_error;
};

} // namespace qrc
