#include "demostore.h"

#include <QJsonDocument>
#include <QPromise>
#include <QTimer>

#include <cmath>
#include <memory>

namespace qrc {

QJsonObject DemoItem::toJson() const {
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"),
         description ? QJsonValue(*description) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("price"), price},
    };
}

std::optional<QString> DemoItemInput::parse(const QByteArray &json, DemoItemInput *out) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("Body is not valid JSON: %1").arg(error.errorString());
    if (!doc.isObject())
        return QStringLiteral("Body must be a JSON object");
    const QJsonObject object = doc.object();

    const QJsonValue name = object.value(QStringLiteral("name"));
    if (!name.isString())
        return QStringLiteral("name: a string is required");
    const QString nameText = name.toString();
    if (nameText.isEmpty() || nameText.size() > 200)
        return QStringLiteral("name: must be 1 to 200 characters");

    const QJsonValue description = object.value(QStringLiteral("description"));
    if (!description.isUndefined() && !description.isNull() && !description.isString())
        return QStringLiteral("description: must be a string");

    const QJsonValue price = object.value(QStringLiteral("price"));
    if (!price.isDouble())
        return QStringLiteral("price: a number is required");
    if (price.toDouble() < 0 || !std::isfinite(price.toDouble()))
        return QStringLiteral("price: must be greater than or equal to 0");

    out->name = nameText;
    out->description =
        description.isString() ? std::optional<QString>(description.toString()) : std::nullopt;
    out->price = price.toDouble();
    return std::nullopt;
}

DemoStore::DemoStore(int items, int latencyMs, int maxItems, QObject *parent)
    : QObject(parent)
    , m_latencyMs(qMax(0, latencyMs))
    , m_maxItems(qMax(items, maxItems)) {
    for (int i = 1; i <= items; ++i) {
        DemoItem item;
        item.id = i;
        item.name = QStringLiteral("Item %1").arg(i);
        item.description = QStringLiteral("Demo item number %1").arg(i);
        item.price = std::round(i * 125.0) / 100.0;
        m_items.insert(i, item);
    }
    m_nextId = items + 1;
}

template <typename T>
QFuture<T> DemoStore::later(std::function<T()> work) {
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    QFuture<T> future = promise->future();
    QTimer::singleShot(m_latencyMs, this, [promise, work = std::move(work)] {
        promise->addResult(work());
        promise->finish();
    });
    return future;
}

QFuture<QList<DemoItem>> DemoStore::list() {
    return later<QList<DemoItem>>([this] { return m_items.values(); });
}

QFuture<std::optional<DemoItem>> DemoStore::find(int id) {
    return later<std::optional<DemoItem>>([this, id]() -> std::optional<DemoItem> {
        const auto it = m_items.constFind(id);
        if (it == m_items.cend())
            return std::nullopt;
        return *it;
    });
}

QFuture<std::optional<DemoItem>> DemoStore::create(const DemoItemInput &input) {
    return later<std::optional<DemoItem>>([this, input]() -> std::optional<DemoItem> {
        if (m_items.size() >= m_maxItems)
            return std::nullopt;
        DemoItem item;
        item.id = m_nextId++;
        item.name = input.name;
        item.description = input.description;
        item.price = input.price;
        m_items.insert(item.id, item);
        return item;
    });
}

QFuture<std::optional<DemoItem>> DemoStore::update(int id, const DemoItemInput &input) {
    return later<std::optional<DemoItem>>([this, id, input]() -> std::optional<DemoItem> {
        const auto it = m_items.find(id);
        if (it == m_items.end())
            return std::nullopt;
        it->name = input.name;
        it->description = input.description;
        it->price = input.price;
        return *it;
    });
}

QFuture<bool> DemoStore::remove(int id) {
    return later<bool>([this, id] { return m_items.remove(id) > 0; });
}

} // namespace qrc
