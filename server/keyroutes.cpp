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
using In = ParamDoc::In;

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

namespace {

// The namespace of the path and the `match` glob of the query, shared by the routes that
// work on the keys matching a glob. Nothing when the namespace is refused (answered 422).
struct NamespaceMatch {
    QString ns;
    QString match;
};

std::optional<NamespaceMatch> namespaceAndMatch(const QStringList &args, const ExchangePtr &ex) {
    NamespaceMatch out{args.at(0), {}};
    if (!checkNamespace(ex, out.ns))
        return std::nullopt;
    out.match = QUrlQuery(ex->url()).queryItemValue(QStringLiteral("match"), QUrl::FullyDecoded);
    return out;
}

// The namespace and the key of the path. Nothing when either is refused (answered 422).
std::optional<std::pair<QString, QString>> namespaceAndKey(const QStringList &args,
                                                           const ExchangePtr &ex) {
    if (!checkNamespace(ex, args.at(0)) || !checkKey(ex, args.at(1)))
        return std::nullopt;
    return std::pair{args.at(0), args.at(1)};
}

void listNamespaces(const ManagementContext &ctx, const QStringList &, const ExchangePtr &ex) {
    whenDone(ctx.cache, ctx.cache->keyBrowser()->namespaces(),
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
}

void listKeys(const ManagementContext &ctx, const QStringList &args, const ExchangePtr &ex) {
    const QString ns = args.at(0);
    if (!checkNamespace(ex, ns))
        return;
    const QUrlQuery query(ex->url());
    int count = 100;
    if (query.hasQueryItem(QStringLiteral("count"))) {
        bool ok = false;
        count = query.queryItemValue(QStringLiteral("count")).toInt(&ok);
        if (!ok || count < 1 || count > 1000)
            return ex->send(
                HttpReply::error(422, QStringLiteral("count must be an integer from 1 to 1000")));
    }
    const QString match = query.queryItemValue(QStringLiteral("match"), QUrl::FullyDecoded);
    const QString cursor = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    whenDone(ctx.cache, ctx.cache->keyBrowser()->listKeys(ns, match, cursor, count),
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
                      {QStringLiteral("next_cursor"), r.value.nextCursor.isEmpty()
                                                          ? QJsonValue(QJsonValue::Null)
                                                          : QJsonValue(r.value.nextCursor)}}));
             });
}

// Search across namespaces: how many keys of each match the glob.
void search(const ManagementContext &ctx, const QStringList &, const ExchangePtr &ex) {
    const QString match =
        QUrlQuery(ex->url()).queryItemValue(QStringLiteral("match"), QUrl::FullyDecoded);
    whenDone(ctx.cache, ctx.cache->keyBrowser()->search(match),
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
}

// What a bulk delete would remove: the count and the first keys, shown before confirming.
void previewMatches(const ManagementContext &ctx, const QStringList &args, const ExchangePtr &ex) {
    const std::optional<NamespaceMatch> p = namespaceAndMatch(args, ex);
    if (!p)
        return;
    whenDone(ctx.cache, ctx.cache->keyBrowser()->matchingKeys(p->ns, p->match),
             [ex, p = *p](const Result<QStringList> &r) {
                 if (!r.ok())
                     return ex->send(errorReply(r.error));
                 constexpr int Sample = 20;
                 ex->send(HttpReply::json({{QStringLiteral("namespace"), p.ns},
                                           {QStringLiteral("match"), p.match},
                                           {QStringLiteral("count"), qint64(r.value.size())},
                                           {QStringLiteral("sample"),
                                            QJsonArray::fromStringList(r.value.mid(0, Sample))}}));
             });
}

// Bulk delete by pattern inside one namespace (SCAN + UNLINK); `match` is required.
void deleteMatching(const ManagementContext &ctx, const QStringList &args, const ExchangePtr &ex) {
    const std::optional<NamespaceMatch> p = namespaceAndMatch(args, ex);
    if (!p)
        return;
    whenDone(ctx.cache, ctx.cache->keyBrowser()->deleteMatching(p->ns, p->match),
             [ex, p = *p](const Result<qint64> &r) {
                 if (!r.ok())
                     return ex->send(errorReply(r.error));
                 ex->send(HttpReply::json({{QStringLiteral("namespace"), p.ns},
                                           {QStringLiteral("match"), p.match},
                                           {QStringLiteral("deleted"), r.value}}));
             });
}

void setTtl(const ManagementContext &ctx, const QStringList &args, const ExchangePtr &ex) {
    const auto target = namespaceAndKey(args, ex);
    if (!target)
        return;
    const std::optional<qint64> ttl = parseTtlBody(ex->body());
    if (!ttl)
        return ex->send(HttpReply::error(422, QStringLiteral("ttl must be an integer >= 1")));
    const auto [ns, key] = *target;
    whenDone(ctx.cache, ctx.cache->expire(key, *ttl, ns),
             [ex, ns, key](const Result<std::optional<qint64>> &r) {
                 if (!r.ok())
                     return ex->send(errorReply(r.error));
                 if (!r.value)
                     return ex->send(HttpReply::error(404, QStringLiteral("Key not found")));
                 ex->send(HttpReply::json({{QStringLiteral("namespace"), ns},
                                           {QStringLiteral("key"), key},
                                           {QStringLiteral("ttl"), *r.value}}));
             });
}

void getEntry(const ManagementContext &ctx, const QStringList &args, const ExchangePtr &ex) {
    const auto target = namespaceAndKey(args, ex);
    if (!target)
        return;
    whenDone(ctx.cache, ctx.cache->keyBrowser()->entry(target->second, target->first),
             [ex](const Result<std::optional<EntryDetails>> &r) {
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
}

void deleteEntry(const ManagementContext &ctx, const QStringList &args, const ExchangePtr &ex) {
    const auto target = namespaceAndKey(args, ex);
    if (!target)
        return;
    whenDone(ctx.cache, ctx.cache->remove({target->second}, target->first),
             [ex](const Result<qint64> &r) {
                 if (!r.ok())
                     return ex->send(errorReply(r.error));
                 if (r.value == 0)
                     return ex->send(HttpReply::error(404, QStringLiteral("Key not found")));
                 ex->send(HttpReply::json({{QStringLiteral("deleted"), r.value}}));
             });
}

ParamDoc matchParam(const QString &description, bool required = false) {
    return ParamDoc{QStringLiteral("match"), In::Query, description, schema::string(), required};
}

} // namespace

std::vector<ManagementRoute> keyRoutes() {
    using namespace schema;
    const QString tag = QStringLiteral("keys");
    const ParamDoc ns{QStringLiteral("ns"), In::Path,
                      QStringLiteral("Namespace (percent-encoded)")};
    const ParamDoc key{QStringLiteral("key"), In::Path,
                       QStringLiteral("Key without prefix and namespace; '/' sent as %2F")};
    const ResponseDoc invalid{422, QStringLiteral("Invalid namespace, key or parameter"),
                              errorSchema()};
    const ResponseDoc unreachable{503, QStringLiteral("The store does not answer"), errorSchema()};
    const ResponseDoc notFound{404, QStringLiteral("Key not found"), errorSchema()};
    const JsonSchema namespaces{
        QStringLiteral("Namespaces"),
        allRequired(
            object({{QStringLiteral("namespaces"),
                     arrayOf(allRequired(object({{QStringLiteral("name"), string()},
                                                 {QStringLiteral("keys"), integer()}})))}}))};
    const JsonSchema keyPage{
        QStringLiteral("KeyPage"),
        allRequired(object(
            {{QStringLiteral("namespace"), string()},
             {QStringLiteral("keys"),
              arrayOf(allRequired(object(
                  {{QStringLiteral("key"), string()},
                   {QStringLiteral("ttl"), integer(QStringLiteral("Seconds left; -1: none"))},
                   {QStringLiteral("size"), integer()},
                   {QStringLiteral("compressed"), boolean()},
                   {QStringLiteral("type"), string(QStringLiteral("Redis type"))}})))},
             {QStringLiteral("next_cursor"),
              nullable(string(QStringLiteral("null: the last page")))}}))};
    const JsonSchema searchResult{
        QStringLiteral("SearchResult"),
        allRequired(
            object({{QStringLiteral("match"), string()},
                    {QStringLiteral("namespaces"),
                     arrayOf(allRequired(object({{QStringLiteral("name"), string()},
                                                 {QStringLiteral("matches"), integer()}})))},
                    {QStringLiteral("total"), integer()}}))};
    const JsonSchema matches{QStringLiteral("Matches"),
                             allRequired(object({{QStringLiteral("namespace"), string()},
                                                 {QStringLiteral("match"), string()},
                                                 {QStringLiteral("count"), integer()},
                                                 {QStringLiteral("sample"), arrayOf(string())}}))};
    const JsonSchema bulkDeleted{QStringLiteral("BulkDeleted"),
                                 allRequired(object({{QStringLiteral("namespace"), string()},
                                                     {QStringLiteral("match"), string()},
                                                     {QStringLiteral("deleted"), integer()}}))};
    const JsonSchema ttlSet{QStringLiteral("TtlSet"),
                            allRequired(object({{QStringLiteral("namespace"), string()},
                                                {QStringLiteral("key"), string()},
                                                {QStringLiteral("ttl"), integer()}}))};
    const QJsonObject ttlBody = object(
        {{QStringLiteral("ttl"), QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                             {QStringLiteral("minimum"), 1}}}},
        {QStringLiteral("ttl")});
    QJsonObject entry = object(
        {{QStringLiteral("namespace"), string()},
         {QStringLiteral("key"), string()},
         {QStringLiteral("ttl"), integer(QStringLiteral("Seconds left; -1: none"))},
         {QStringLiteral("size"), integer(QStringLiteral("Stored size in bytes"))},
         {QStringLiteral("compressed"), boolean()},
         {QStringLiteral("type"), string(QStringLiteral("Redis type; only a string has a value"))},
         {QStringLiteral("content_type"), nullable(string())},
         {QStringLiteral("value"),
          QJsonObject{{QStringLiteral("description"),
                       QStringLiteral("The parsed JSON value, the text, base64 (see encoding), "
                                      "or null for another Redis type")}}},
         {QStringLiteral("value_text"),
          string(QStringLiteral("A JSON value's text exactly as stored"))},
         {QStringLiteral("encoding"),
          QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                      {QStringLiteral("enum"), QJsonArray{QStringLiteral("base64")}}}}},
        {QStringLiteral("namespace"), QStringLiteral("key"), QStringLiteral("ttl"),
         QStringLiteral("size"), QStringLiteral("compressed"), QStringLiteral("type"),
         QStringLiteral("content_type"), QStringLiteral("value")});

    return {
        {Method::Get, QStringLiteral("/cache/namespaces"), QStringLiteral("/cache/namespaces"),
         listNamespaces,
         RouteDoc{.summary = QStringLiteral("Namespaces with their key counts"),
                  .tag = tag,
                  .responses = {{200, QStringLiteral("Namespaces, sorted by name"), namespaces},
                                unreachable}}},
        {Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/keys"),
         QStringLiteral("/cache/namespaces/{ns}/keys"), listKeys,
         RouteDoc{.summary = QStringLiteral("One page of a namespace's keys (cursor paging)"),
                  .tag = tag,
                  .parameters = {ns,
                                 matchParam(QStringLiteral("Glob within the namespace")),
                                 {QStringLiteral("cursor"), In::Query,
                                  QStringLiteral("next_cursor of the previous page")},
                                 {QStringLiteral("count"), In::Query,
                                  QStringLiteral("Page size (default 100)"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                              {QStringLiteral("minimum"), 1},
                                              {QStringLiteral("maximum"), 1000}}}},
                  .responses = {{200, QStringLiteral("A page of keys"), keyPage},
                                invalid,
                                unreachable}}},
        {Method::Get, QStringLiteral("/cache/search"), QStringLiteral("/cache/search"), search,
         RouteDoc{.summary = QStringLiteral("How many keys match a glob in each namespace"),
                  .tag = tag,
                  .parameters = {matchParam(QStringLiteral("Glob matched in every namespace"))},
                  .responses = {{200, QStringLiteral("Matches per namespace"), searchResult},
                                invalid,
                                unreachable}}},
        {Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/matches"),
         QStringLiteral("/cache/namespaces/{ns}/matches"), previewMatches,
         RouteDoc{.summary = QStringLiteral("What a bulk delete would remove"),
                  .tag = tag,
                  .parameters = {ns, matchParam(QStringLiteral("Glob within the namespace"))},
                  .responses = {{200, QStringLiteral("The count and up to 20 keys"), matches},
                                invalid,
                                unreachable}}},
        {Method::Delete, QStringLiteral("/cache/namespaces/([^/]+)/keys"),
         QStringLiteral("/cache/namespaces/{ns}/keys"), deleteMatching,
         RouteDoc{.summary = QStringLiteral("Delete the keys matching a glob (SCAN + UNLINK)"),
                  .tag = tag,
                  .parameters = {ns, matchParam(QStringLiteral("Glob within the namespace; "
                                                               "'\\' makes * ? [ literal"),
                                                true)},
                  .responses = {{200, QStringLiteral("How many were deleted"), bulkDeleted},
                                invalid,
                                unreachable}}},
        {Method::Put, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)/ttl"),
         QStringLiteral("/cache/namespaces/{ns}/keys/{key}/ttl"), setTtl,
         RouteDoc{.summary = QStringLiteral("Set a key's time to live"),
                  .tag = tag,
                  .parameters = {ns, key},
                  .requestBody = {QStringLiteral("TtlBody"), ttlBody},
                  .responses = {{200, QStringLiteral("The new TTL"), ttlSet},
                                notFound,
                                invalid,
                                unreachable}}},
        {Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)"),
         QStringLiteral("/cache/namespaces/{ns}/keys/{key}"), getEntry,
         RouteDoc{
             .summary = QStringLiteral("One entry with its metadata and value"),
             .tag = tag,
             .parameters = {ns, key},
             .responses = {{200, QStringLiteral("The entry"), {QStringLiteral("Entry"), entry}},
                           notFound,
                           invalid,
                           unreachable}}},
        {Method::Delete, QStringLiteral("/cache/namespaces/([^/]+)/keys/(.+)"),
         QStringLiteral("/cache/namespaces/{ns}/keys/{key}"), deleteEntry,
         RouteDoc{.summary = QStringLiteral("Delete one key"),
                  .tag = tag,
                  .parameters = {ns, key},
                  .responses = {{200,
                                 QStringLiteral("Deleted"),
                                 {QStringLiteral("Deleted"),
                                  allRequired(object({{QStringLiteral("deleted"), integer()}}))}},
                                notFound,
                                invalid,
                                unreachable}}},
    };
}

} // namespace qrc
