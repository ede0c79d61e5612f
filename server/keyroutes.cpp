#include "keyroutes.h"

#include "cachemanager.h"
#include "httprouter.h"
#include "keybrowser.h"
#include "routesupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace qrc {

namespace {

using Method = QHttpServerRequest::Method;

// The value as JSON when it is JSON, as text when it is UTF-8, and as base64 otherwise. A JSON
// value also comes as "value_text", exactly as stored: the parsed "value" loses key order and
// number spelling (19.990, integers beyond 2^53) once serialized again.
void putValue(QJsonObject &object, const CacheValue &value) {
    const QByteArray &data = value.data;
    QJsonParseError parseError;
    // Wrapped in an array so that scalars ("42", "\"text\"") parse too.
    const QJsonDocument doc = QJsonDocument::fromJson('[' + data + ']', &parseError);
    if (!data.trimmed().isEmpty() && parseError.error == QJsonParseError::NoError &&
        doc.array().size() == 1) {
        object.insert(QStringLiteral("value"), doc.array().at(0));
        object.insert(QStringLiteral("value_text"), QString::fromUtf8(data));
        return;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(data);
    if (!decoder.hasError()) {
        object.insert(QStringLiteral("value"), text);
        return;
    }
    object.insert(QStringLiteral("value"), QString::fromLatin1(data.toBase64()));
    object.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
}

} // namespace

std::optional<qint64> parseTtlBody(const QByteArray &body) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonValue ttlValue = doc.object().value(QStringLiteral("ttl"));
    const double ttl = ttlValue.toDouble(-1);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || !ttlValue.isDouble() ||
        ttl < 1 || std::floor(ttl) != ttl || ttl > 9.0e15)
        return std::nullopt;
    return qint64(ttl);
}

void addKeyRoutes(HttpRouter &router, CacheManager *cache) {
    KeyBrowser *browser = cache->keyBrowser();

    router.add(Method::Get, QStringLiteral("/cache/namespaces"),
               admin(QStringLiteral("/cache/namespaces")),
               [cache, browser](const QStringList &, const ExchangePtr &ex) {
                   whenDone(cache, browser->namespaces(),
                            [ex](const Result<QList<NamespaceInfo>> &r) {
                                if (!r.ok())
                                    return ex->send(errorReply(r.error));
                                QList<NamespaceInfo> list = r.value;
                                std::sort(list.begin(), list.end(),
                                          [](const NamespaceInfo &a, const NamespaceInfo &b) {
                                              return a.name < b.name;
                                          });
                                QJsonArray array;
                                for (const NamespaceInfo &info : std::as_const(list))
                                    array.append(QJsonObject{{QStringLiteral("name"), info.name},
                                                             {QStringLiteral("keys"), info.keys}});
                                ex->send(HttpReply::json({{QStringLiteral("namespaces"), array}}));
                            });
               });

    router.add(
        Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/keys"),
        admin(QStringLiteral("/cache/namespaces/{ns}/keys")),
        [cache, browser](const QStringList &args, const ExchangePtr &ex) {
            const QString ns = args.at(0);
            if (!checkNamespace(ex, ns))
                return;
            const QUrlQuery query(ex->url());
            int count = 100;
            if (query.hasQueryItem(QStringLiteral("count"))) {
                bool ok = false;
                count = query.queryItemValue(QStringLiteral("count")).toInt(&ok);
                if (!ok || count < 1 || count > 1000)
                    return ex->send(HttpReply::error(
                        422, QStringLiteral("count must be an integer from 1 to 1000")));
            }
            const QString match = query.queryItemValue(QStringLiteral("match"), QUrl::FullyDecoded);
            const QString cursor =
                query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
            whenDone(cache, browser->listKeys(ns, match, cursor, count),
                     [ex](const Result<KeyPage> &r) {
                         if (!r.ok())
                             return ex->send(errorReply(r.error));
                         QJsonArray keys;
                         for (const KeyListEntry &k : r.value.keys)
                             keys.append(QJsonObject{{QStringLiteral("key"), k.key},
                                                     {QStringLiteral("ttl"), k.ttlSeconds},
                                                     {QStringLiteral("size"), k.size},
                                                     {QStringLiteral("compressed"), k.compressed},
                                                     {QStringLiteral("type"), k.type}});
                         ex->send(HttpReply::json(
                             {{QStringLiteral("namespace"), r.value.ns},
                              {QStringLiteral("keys"), keys},
                              {QStringLiteral("next_cursor"),
                               r.value.nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(r.value.nextCursor)}}));
                     });
        });

    // Search across namespaces: how many keys of each match the glob.
    router.add(
        Method::Get, QStringLiteral("/cache/search"), admin(QStringLiteral("/cache/search")),
        [cache, browser](const QStringList &, const ExchangePtr &ex) {
            const QString match =
                QUrlQuery(ex->url()).queryItemValue(QStringLiteral("match"), QUrl::FullyDecoded);
            whenDone(cache, browser->search(match),
                     [ex, match](const Result<QList<NamespaceInfo>> &r) {
                         if (!r.ok())
                             return ex->send(errorReply(r.error));
                         QJsonArray array;
                         qint64 total = 0;
                         for (const NamespaceInfo &info : r.value) {
                             array.append(QJsonObject{{QStringLiteral("name"), info.name},
                                                      {QStringLiteral("matches"), info.keys}});
                             total += info.keys;
                         }
                         ex->send(HttpReply::json({{QStringLiteral("match"), match},
                                                   {QStringLiteral("namespaces"), array},
                                                   {QStringLiteral("total"), total}}));
                     });
        });

    // What a bulk delete would remove: the count and the first keys, shown before confirming.
    router.add(Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/matches"),
               admin(QStringLiteral("/cache/namespaces/{ns}/matches")),
               [cache, browser](const QStringList &args, const ExchangePtr &ex) {
                   const QString ns = args.at(0);
                   if (!checkNamespace(ex, ns))
                       return;
                   const QString match = QUrlQuery(ex->url()).queryItemValue(
                       QStringLiteral("match"), QUrl::FullyDecoded);
                   whenDone(cache, browser->matchingKeys(ns, match),
                            [ex, ns, match](const Result<QStringList> &r) {
                                if (!r.ok())
                                    return ex->send(errorReply(r.error));
                                constexpr int Sample = 20;
                                ex->send(HttpReply::json(
                                    {{QStringLiteral("namespace"), ns},
                                     {QStringLiteral("match"), match},
                                     {QStringLiteral("count"), qint64(r.value.size())},
                                     {QStringLiteral("sample"),
                                      QJsonArray::fromStringList(r.value.mid(0, Sample))}}));
                            });
               });

    // Bulk delete by pattern inside one namespace (SCAN + UNLINK); `match` is required.
    router.add(Method::Delete, QStringLiteral("/cache/namespaces/([^/]+)/keys"),
               admin(QStringLiteral("/cache/namespaces/{ns}/keys")),
               [cache, browser](const QStringList &args, const ExchangePtr &ex) {
                   const QString ns = args.at(0);
                   if (!checkNamespace(ex, ns))
                       return;
                   const QString match = QUrlQuery(ex->url()).queryItemValue(
                       QStringLiteral("match"), QUrl::FullyDecoded);
                   whenDone(cache, browser->deleteMatching(ns, match),
                            [ex, ns, match](const Result<qint64> &r) {
                                if (!r.ok())
                                    return ex->send(errorReply(r.error));
                                ex->send(HttpReply::json({{QStringLiteral("namespace"), ns},
                                                          {QStringLiteral("match"), match},
                                                          {QStringLiteral("deleted"), r.value}}));
                            });
               });

    router.add(Method::Put, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)/ttl"),
               admin(QStringLiteral("/cache/namespaces/{ns}/keys/{key}/ttl")),
               [cache, browser](const QStringList &args, const ExchangePtr &ex) {
                   const QString ns = args.at(0);
                   const QString key = args.at(1);
                   if (!checkNamespace(ex, ns) || !checkKey(ex, key))
                       return;
                   const std::optional<qint64> ttl = parseTtlBody(ex->body());
                   if (!ttl)
                       return ex->send(
                           HttpReply::error(422, QStringLiteral("ttl must be an integer >= 1")));
                   whenDone(cache, cache->expire(key, *ttl, ns),
                            [ex, ns, key](const Result<std::optional<qint64>> &r) {
                                if (!r.ok())
                                    return ex->send(errorReply(r.error));
                                if (!r.value)
                                    return ex->send(
                                        HttpReply::error(404, QStringLiteral("Key not found")));
                                ex->send(HttpReply::json({{QStringLiteral("namespace"), ns},
                                                          {QStringLiteral("key"), key},
                                                          {QStringLiteral("ttl"), *r.value}}));
                            });
               });

    router.add(
        Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)"),
        admin(QStringLiteral("/cache/namespaces/{ns}/keys/{key}")),
        [cache, browser](const QStringList &args, const ExchangePtr &ex) {
            const QString ns = args.at(0);
            const QString key = args.at(1);
            if (!checkNamespace(ex, ns) || !checkKey(ex, key))
                return;
            whenDone(
                cache, browser->entry(key, ns), [ex](const Result<std::optional<EntryDetails>> &r) {
                    if (!r.ok())
                        return ex->send(errorReply(r.error));
                    if (!r.value)
                        return ex->send(HttpReply::error(404, QStringLiteral("Key not found")));
                    const EntryDetails &e = *r.value;
                    QJsonObject body{{QStringLiteral("namespace"), e.ns},
                                     {QStringLiteral("key"), e.key},
                                     {QStringLiteral("ttl"), e.ttlSeconds},
                                     {QStringLiteral("size"), e.size},
                                     {QStringLiteral("compressed"), e.compressed},
                                     {QStringLiteral("type"), e.type},
                                     {QStringLiteral("content_type"),
                                      e.value.contentType.isEmpty()
                                          ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(QString::fromUtf8(e.value.contentType))}};
                    if (e.type == QLatin1String("string"))
                        putValue(body, e.value);
                    else // another application's key: described, its value not read
                        body.insert(QStringLiteral("value"), QJsonValue::Null);
                    ex->send(HttpReply::json(body));
                });
        });

    router.add(Method::Delete, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)"),
               admin(QStringLiteral("/cache/namespaces/{ns}/keys/{key}")),
               [cache, browser](const QStringList &args, const ExchangePtr &ex) {
                   const QString ns = args.at(0);
                   const QString key = args.at(1);
                   if (!checkNamespace(ex, ns) || !checkKey(ex, key))
                       return;
                   whenDone(cache, cache->remove({key}, ns), [ex](const Result<qint64> &r) {
                       if (!r.ok())
                           return ex->send(errorReply(r.error));
                       if (r.value == 0)
                           return ex->send(HttpReply::error(404, QStringLiteral("Key not found")));
                       ex->send(HttpReply::json({{QStringLiteral("deleted"), r.value}}));
                   });
               });
}

} // namespace qrc
