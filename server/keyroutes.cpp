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

// Bytes from a collection as text when they are UTF-8, else as {"base64": "..."}.
QJsonValue bytesValue(const QByteArray &bytes) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (!decoder.hasError())
        return text;
    return QJsonObject{{QStringLiteral("base64"), QString::fromLatin1(bytes.toBase64())}};
}

QJsonValue memoryValue(qint64 memory) {
    return memory < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(memory);
}

QJsonObject keyListObject(const KeyListEntry &k) {
    return {{QStringLiteral("key"), k.key},   {QStringLiteral("ttl"), k.ttlSeconds},
            {QStringLiteral("size"), k.size}, {QStringLiteral("compressed"), k.compressed},
            {QStringLiteral("type"), k.type}, {QStringLiteral("memory"), memoryValue(k.memory)}};
}

// How a string was stored: framed by this library ("native"), the seed's gzip+base64, or
// plain bytes another writer left, which are "seed-json" when they parse as JSON.
QJsonObject storedObject(const EntryDetails &e, bool json) {
    using ValueCodec::Compression;
    QString form;
    if (e.form.framed)
        form = QStringLiteral("native");
    else if (e.form.compression == Compression::SeedGzipBase64)
        form = QStringLiteral("seed-gzip-base64");
    else
        form = json ? QStringLiteral("seed-json") : QStringLiteral("plain");
    const QString compression = e.form.compression == Compression::Gzip ? QStringLiteral("gzip")
                                : e.form.compression == Compression::SeedGzipBase64
                                    ? QStringLiteral("gzip+base64")
                                    : QStringLiteral("none");
    return {{QStringLiteral("form"), form},
            {QStringLiteral("framed"), e.form.framed},
            {QStringLiteral("compression"), compression},
            {QStringLiteral("size"), qint64(e.stored.size())},
            {QStringLiteral("raw"), QString::fromLatin1(e.stored.toBase64())}};
}

QJsonObject collectionItemObject(const QString &type, const CollectionItem &item) {
    if (type == QLatin1String("hash"))
        return {{QStringLiteral("field"), bytesValue(item.name)},
                {QStringLiteral("value"), bytesValue(item.value)}};
    if (type == QLatin1String("list"))
        return {{QStringLiteral("index"), item.name.toLongLong()},
                {QStringLiteral("value"), bytesValue(item.value)}};
    if (type == QLatin1String("set"))
        return {{QStringLiteral("member"), bytesValue(item.name)}};
    if (type == QLatin1String("zset"))
        return {{QStringLiteral("member"), bytesValue(item.name)},
                {QStringLiteral("score"), QString::fromLatin1(item.value)}};
    // stream: fields as [name, value] pairs, in order (names may repeat)
    QJsonArray fields;
    for (const auto &[name, value] : item.fields)
        fields.append(QJsonArray{bytesValue(name), bytesValue(value)});
    return {{QStringLiteral("id"), QString::fromLatin1(item.name)},
            {QStringLiteral("fields"), fields}};
}

// An optional integer query parameter within [min, max]; false (answered 422) when it is
// present and not acceptable.
bool queryInt(const ExchangePtr &ex, const QUrlQuery &query, const QString &name, int min, int max,
              int *value) {
    if (!query.hasQueryItem(name))
        return true;
    bool ok = false;
    const int given = query.queryItemValue(name).toInt(&ok);
    if (!ok || given < min || given > max) {
        ex->send(HttpReply::error(
            422,
            QStringLiteral("%1 must be an integer from %2 to %3").arg(name).arg(min).arg(max)));
        return false;
    }
    *value = given;
    return true;
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
                     keys.append(keyListObject(k));
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
    // Named copies, not a structured binding: clang 14 (the fuzz build) cannot capture one.
    const QString ns = target->first;
    const QString key = target->second;
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
                                  {QStringLiteral("memory"), memoryValue(e.memory)},
                                  {QStringLiteral("content_type"),
                                   e.value.contentType.isEmpty()
                                       ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(QString::fromUtf8(e.value.contentType))}};
                 if (e.type == QLatin1String("string")) {
                     putValue(body, e.value);
                     body.insert(QStringLiteral("stored"),
                                 storedObject(e, body.contains(QStringLiteral("value_text"))));
                 } else // another application's key: described, its value not read
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

// A page of a hash, list, set, sorted set or stream.
void getCollectionItems(const ManagementContext &ctx, const QStringList &args,
                        const ExchangePtr &ex) {
    const auto target = namespaceAndKey(args, ex);
    if (!target)
        return;
    const QUrlQuery query(ex->url());
    int count = 100;
    if (!queryInt(ex, query, QStringLiteral("count"), 1, 1000, &count))
        return;
    const QString cursor = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    whenDone(ctx.cache,
             ctx.cache->keyBrowser()->collection(target->second, target->first, cursor, count),
             [ex](const Result<std::optional<CollectionView>> &r) {
                 if (!r.ok())
                     return ex->send(errorReply(r.error));
                 if (!r.value)
                     return ex->send(HttpReply::error(404, QStringLiteral("Key not found")));
                 const CollectionView &view = *r.value;
                 QJsonArray items;
                 for (const CollectionItem &item : view.page.items)
                     items.append(collectionItemObject(view.type, item));
                 ex->send(
                     HttpReply::json({{QStringLiteral("namespace"), view.ns},
                                      {QStringLiteral("key"), view.key},
                                      {QStringLiteral("type"), view.type},
                                      {QStringLiteral("total"), view.page.total},
                                      {QStringLiteral("items"), items},
                                      {QStringLiteral("next_cursor"),
                                       view.page.cursor.isEmpty()
                                           ? QJsonValue(QJsonValue::Null)
                                           : QJsonValue(QString::fromLatin1(view.page.cursor))}}));
             });
}

// The keys taking the most memory in a bounded sample of a namespace.
void getBiggestKeys(const ManagementContext &ctx, const QStringList &args, const ExchangePtr &ex) {
    const QString ns = args.at(0);
    if (!checkNamespace(ex, ns))
        return;
    const QUrlQuery query(ex->url());
    int top = 20;
    int sample = 10000;
    if (!queryInt(ex, query, QStringLiteral("top"), 1, 100, &top) ||
        !queryInt(ex, query, QStringLiteral("sample"), 1, 100000, &sample))
        return;
    whenDone(ctx.cache, ctx.cache->keyBrowser()->biggestKeys(ns, top, sample),
             [ex](const Result<BiggestKeys> &r) {
                 if (!r.ok())
                     return ex->send(errorReply(r.error));
                 QJsonArray keys;
                 for (const KeyListEntry &k : r.value.keys)
                     keys.append(keyListObject(k));
                 ex->send(HttpReply::json({{QStringLiteral("namespace"), r.value.ns},
                                           {QStringLiteral("keys"), keys},
                                           {QStringLiteral("sampled"), r.value.sampled},
                                           {QStringLiteral("sample_limit"), r.value.sampleLimit},
                                           {QStringLiteral("complete"), r.value.complete}}));
             });
}

ParamDoc intParam(const QString &name, const QString &description, int min, int max) {
    return ParamDoc{name, In::Query, description,
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                {QStringLiteral("minimum"), min},
                                {QStringLiteral("maximum"), max}}};
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
    const QJsonObject memory =
        nullable(integer(QStringLiteral("Bytes the key takes in the store (MEMORY USAGE on Redis); "
                                        "null: unknown")));
    const QJsonObject keySummary = allRequired(
        object({{QStringLiteral("key"), string()},
                {QStringLiteral("ttl"), integer(QStringLiteral("Seconds left; -1: none"))},
                {QStringLiteral("size"), integer()},
                {QStringLiteral("compressed"), boolean()},
                {QStringLiteral("type"), string(QStringLiteral("Redis type"))},
                {QStringLiteral("memory"), memory}}));
    const JsonSchema keyPage{
        QStringLiteral("KeyPage"),
        allRequired(object({{QStringLiteral("namespace"), string()},
                            {QStringLiteral("keys"), arrayOf(keySummary)},
                            {QStringLiteral("next_cursor"),
                             nullable(string(QStringLiteral("null: the last page")))}}))};
    const QJsonObject member{
        {QStringLiteral("description"),
         QStringLiteral("Text when the bytes are UTF-8, else {\"base64\": \"...\"}")}};
    const JsonSchema collectionPage{
        QStringLiteral("CollectionPage"),
        allRequired(object(
            {{QStringLiteral("namespace"), string()},
             {QStringLiteral("key"), string()},
             {QStringLiteral("type"), string(QStringLiteral("hash, list, set, zset or stream"))},
             {QStringLiteral("total"), integer(QStringLiteral("Members of the whole key"))},
             {QStringLiteral("items"),
              arrayOf(object(
                  {{QStringLiteral("field"), member},
                   {QStringLiteral("index"), integer()},
                   {QStringLiteral("member"), member},
                   {QStringLiteral("value"), member},
                   {QStringLiteral("score"), string()},
                   {QStringLiteral("id"), string(QStringLiteral("Stream entry ID"))},
                   {QStringLiteral("fields"),
                    arrayOf(QJsonObject{{QStringLiteral("description"),
                                         QStringLiteral("[name, value] of a stream entry")}})}}))},
             {QStringLiteral("next_cursor"),
              nullable(string(QStringLiteral("null: the last page")))}}))};
    const JsonSchema biggest{
        QStringLiteral("BiggestKeys"),
        allRequired(object({{QStringLiteral("namespace"), string()},
                            {QStringLiteral("keys"), arrayOf(keySummary)},
                            {QStringLiteral("sampled"), integer(QStringLiteral("Keys compared"))},
                            {QStringLiteral("sample_limit"), integer()},
                            {QStringLiteral("complete"),
                             boolean(QStringLiteral(
                                 "false: the namespace holds more keys than were sampled"))}}))};
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
         {QStringLiteral("memory"), memory},
         {QStringLiteral("stored"),
          allRequired(object(
              {{QStringLiteral("form"),
                QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("string")},
                    {QStringLiteral("enum"),
                     QJsonArray{QStringLiteral("native"), QStringLiteral("seed-json"),
                                QStringLiteral("seed-gzip-base64"), QStringLiteral("plain")}}}},
               {QStringLiteral("framed"), boolean()},
               {QStringLiteral("compression"),
                QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                            {QStringLiteral("enum"),
                             QJsonArray{QStringLiteral("none"), QStringLiteral("gzip"),
                                        QStringLiteral("gzip+base64")}}}},
               {QStringLiteral("size"), integer()},
               {QStringLiteral("raw"), string(QStringLiteral("The stored bytes, base64"))}}))},
         {QStringLiteral("encoding"),
          QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                      {QStringLiteral("enum"), QJsonArray{QStringLiteral("base64")}}}}},
        {QStringLiteral("namespace"), QStringLiteral("key"), QStringLiteral("ttl"),
         QStringLiteral("size"), QStringLiteral("compressed"), QStringLiteral("type"),
         QStringLiteral("content_type"), QStringLiteral("value"), QStringLiteral("memory")});

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
        // Before the entry route: "keys/(.+)" would take ".../items" as part of the key.
        {Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/keys/([^/]+)/items"),
         QStringLiteral("/cache/namespaces/{ns}/keys/{key}/items"), getCollectionItems,
         RouteDoc{.summary = QStringLiteral("A page of the members of a hash, list, set, sorted "
                                            "set or stream (read-only)"),
                  .tag = tag,
                  .parameters = {ns,
                                 key,
                                 {QStringLiteral("cursor"), In::Query,
                                  QStringLiteral("next_cursor of the previous page")},
                                 intParam(QStringLiteral("count"),
                                          QStringLiteral("Page size (default 100): exact for "
                                                         "lists and streams, a hint otherwise"),
                                          1, 1000)},
                  .responses = {{200, QStringLiteral("A page of members"), collectionPage},
                                notFound,
                                {422, QStringLiteral("A string key, a bad cursor or parameter"),
                                 errorSchema()},
                                unreachable}}},
        {Method::Get, QStringLiteral("/cache/namespaces/([^/]+)/biggest"),
         QStringLiteral("/cache/namespaces/{ns}/biggest"), getBiggestKeys,
         RouteDoc{.summary = QStringLiteral("The keys taking the most memory in a bounded sample "
                                            "of a namespace"),
                  .tag = tag,
                  .parameters = {ns,
                                 intParam(QStringLiteral("top"),
                                          QStringLiteral("How many keys (default 20)"), 1, 100),
                                 intParam(QStringLiteral("sample"),
                                          QStringLiteral("Keys compared at most (default 10000)"),
                                          1, 100000)},
                  .responses = {{200, QStringLiteral("The largest keys, largest first"), biggest},
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
