#pragma once

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace qrc {

struct DemoItem {
    int id = 0;
    QString name;
    std::optional<QString> description;
    double price = 0;

    QJsonObject toJson() const;
};

struct DemoItemInput {
    QString name;
    std::optional<QString> description;
    double price = 0;

    // The POST/PUT body rules: name 1..200 characters, optional description, price >= 0.
    // Returns the reason when the body is not acceptable.
    static std::optional<QString> parse(const QByteArray &json, DemoItemInput *out);
};

// The demo service behind cache-server: an in-memory item store whose every access takes
// `latencyMs` (a timer, never a blocking wait), so that a cache MISS is visibly slower than
// a HIT while other requests keep being served. It holds at most `maxItems` items: a public
// POST route must not grow it without bound.
class DemoStore : public QObject {
    Q_OBJECT
public:
    DemoStore(int items, int latencyMs, int maxItems, QObject *parent = nullptr);

    QFuture<QList<DemoItem>> list();
    QFuture<std::optional<DemoItem>> find(int id);
    // std::nullopt when the store is full.
    QFuture<std::optional<DemoItem>> create(const DemoItemInput &input);
    QFuture<std::optional<DemoItem>> update(int id, const DemoItemInput &input);
    QFuture<bool> remove(int id);

    int latencyMs() const { return m_latencyMs; }
    int maxItems() const { return m_maxItems; }

private:
    template <typename T>
    QFuture<T> later(std::function<T()> work);

    QMap<int, DemoItem> m_items;
    int m_nextId = 1;
    int m_latencyMs;
    int m_maxItems;
};

} // namespace qrc
