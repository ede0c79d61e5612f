#include "cacheserver.h"

#include "cachedroute.h"
#include "cachemanager.h"
#include "cacheroutes.h"
#include "demostore.h"
#include "http/httplistener.h"
#include "httppipeline.h"
#include "httprouter.h"
#include "openapi.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QJsonArray>
#include <QPromise>

#include <algorithm>

namespace qrc {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

QFuture<QHttpServerResponse> ready(QHttpServerResponse &&response) {
    QPromise<QHttpServerResponse> promise;
    promise.start();
    promise.addResult(std::move(response));
    promise.finish();
    return promise.future();
}

QHttpServerResponse detailResponse(Status status, const QString &text) {
    return QHttpServerResponse(QJsonObject{{QStringLiteral("detail"), text}}, status);
}

std::optional<int> parseItemId(const QString &text) {
    // Nine digits or fewer always fit an int: read them at once (QString::toInt's locale-aware
    // path costs more than the rest of the route). Anything else as toInt reads it.
    if (!text.isEmpty() && text.size() <= 9 &&
        std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; })) {
        int id = 0;
        for (QChar c : text)
            id = id * 10 + (c.unicode() - u'0');
        return id;
    }
    bool ok = false;
    const int id = text.toInt(&ok);
    return ok ? std::optional<int>(id) : std::nullopt;
}

// "item_<id>" with the id written as the number it is: "007" and "+7" name item 7. Ids
// nearly always come written that way already; they are then copied as they are, into a
// string of the exact size (QString's operator+ and append cost more than the rest here).
QString itemKey(const QString &id) {
    const bool canonical =
        !id.isEmpty() && id.size() <= 9 && (id.size() == 1 || id[0] != u'0') &&
        std::all_of(id.cbegin(), id.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!canonical)
        return QStringLiteral("item_") + QString::number(id.toInt());
    static constexpr QStringView Prefix = u"item_";
    QString key(Prefix.size() + id.size(), Qt::Uninitialized);
    std::copy(Prefix.begin(), Prefix.end(), key.begin());
    std::copy(id.cbegin(), id.cend(), key.begin() + Prefix.size());
    return key;
}

HttpReply invalidItemId(const QString &text) {
    return HttpReply::error(422, QStringLiteral("item_id must be an integer, got '%1'").arg(text));
}

RouteSpec limited(const QString &label) {
    return RouteSpec{label, false, QStringLiteral("default")};
}

} // namespace

CacheServer::CacheServer(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_cache(new CacheManager(settings, this))
    , m_store(new DemoStore(settings.server.demoItems, settings.server.demoLatencyMs,
                            settings.server.demoMaxItems, this))
    , m_pipeline(makePipeline(*m_cache))
    , m_router(std::make_shared<HttpRouter>(m_pipeline)) {
    addOperationsRoutes(*m_router);
    addDemoRoutes(*m_router);
    addCacheRoutes(*m_router, m_cache);
    addOpenApiRoute(*m_router,
                    OpenApiInfo{.title = QStringLiteral("cache-server"),
                                .description = QStringLiteral(
                                    "Qt Redis Cache: cached demo item routes, cache management "
                                    "and key browsing. Errors are {\"detail\": ...}.")});
}

CacheServer::~CacheServer() = default;

void CacheServer::setRequestGuard(RequestGuard *guard) {
    m_pipeline->setRequestGuard(guard);
}

bool CacheServer::resolveHost(const QString &host, QHostAddress *address) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        *address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    if (address->setAddress(host))
        return true;
    const QHostInfo info = QHostInfo::fromName(host);
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
        return false;
    *address = info.addresses().constFirst();
    return true;
}

bool CacheServer::start(QString *error) {
    if (!resolveHost(m_settings.server.host, &m_address)) {
        if (error)
            *error = QStringLiteral("cannot resolve host '%1'").arg(m_settings.server.host);
        return false;
    }
    ConnectionLimits limits;
    limits.maxBodyBytes = m_settings.server.maxBodyBytes;
    limits.idleTimeoutMs = qMax(1, m_settings.server.idleTimeoutSeconds) * 1000;
    limits.maxConnections = qMax(1, m_settings.server.maxConnections);
    limits.maxConnectionsPerClient = qMax(1, m_settings.server.maxConnectionsPerClient);
    // Every request of every connection goes through the one router; unknown paths get a
    // JSON 404 or 405 from it.
    std::shared_ptr<HttpRouter> router = m_router;
    m_listener = new HttpListener(
        limits,
        [router](HttpConnection *connection, quint64 sequence, HttpRequest &&request) {
            router->dispatch(HttpExchange::create(connection, sequence, std::move(request)));
        },
        this);
    if (!m_listener->listen(m_address, quint16(m_settings.server.port))) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(m_settings.server.host)
                         .arg(m_settings.server.port)
                         .arg(m_listener->errorString());
        delete m_listener;
        m_listener = nullptr;
        return false;
    }
    m_port = m_listener->serverPort();
    connect(m_listener, &HttpListener::drained, this, &CacheServer::stopped);

    HttpMetrics *metrics = m_pipeline->metrics();
    HttpListener *listener = m_listener;
    metrics->addExtra({"qrc_http_open_connections", "Open client connections.", "gauge",
                       [listener] { return double(listener->openConnections()); }});
    metrics->addExtra({"qrc_http_refused_connections_total",
                       "Connections refused because of a connection cap.", "counter",
                       [listener] { return double(listener->refusedConnections()); }});
    metrics->addExtra({"qrc_http_shed_connections_total",
                       "Idle connections closed to make room for a new one.", "counter",
                       [listener] { return double(listener->shedConnections()); }});
    HttpPipeline *pipeline = m_pipeline.get();
    metrics->addExtra({"qrc_rate_limit_rejections_total", "Requests refused by the rate limiter.",
                       "counter", [pipeline] {
                           RequestGuard *guard = pipeline->requestGuard();
                           return guard ? double(guard->rejections()) : 0.0;
                       }});

    m_cache->start();
    return true;
}

void CacheServer::shutdown() {
    if (m_stopping)
        return;
    m_stopping = true;
    if (!m_listener) {
        Q_EMIT stopped();
        return;
    }
    m_listener->beginDrain();
}

QString CacheServer::url() const {
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + m_address.toString() + QLatin1Char(']')
                             : m_address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}

QString CacheServer::backendDescription() const {
    if (!m_settings.redis.enabled)
        return QStringLiteral("memory (redis disabled)");
    if (m_cache->activeBackend() == BackendKind::Redis)
        return QStringLiteral("redis ") + m_cache->redisEndpoint();
    // The client's own description: with a URL, a unix socket, Sentinel or Cluster the
    // host/port settings are not where Redis is.
    const QString where = m_cache->redisEndpoint();
    if (m_cache->redisState() == RedisClient::State::Connecting)
        return QStringLiteral("memory (connecting to redis at %1)").arg(where);
    return QStringLiteral("memory (redis unreachable at %1, retrying)").arg(where);
}

void CacheServer::addOperationsRoutes(HttpRouter &router) {
    router.add(
        Method::Get, QStringLiteral("/healthz"), RouteSpec{QStringLiteral("/healthz"), false, {}},
        [](const QStringList &, const ExchangePtr &ex) {
            ex->send(HttpReply::json({{QStringLiteral("status"), QStringLiteral("ok")}}));
        },
        RouteDoc{.summary = QStringLiteral("Liveness"),
                 .tag = QStringLiteral("operations"),
                 .responses = {{200,
                                QStringLiteral("The server runs"),
                                {QStringLiteral("Status"),
                                 schema::allRequired(schema::object(
                                     {{QStringLiteral("status"), schema::string()}}))}}}});
    HttpPipeline *pipeline = m_pipeline.get();
    CacheManager *cache = m_cache;
    router.add(
        Method::Get, QStringLiteral("/metrics"),
        RouteSpec{QStringLiteral("/metrics"), true, QStringLiteral("management")},
        [pipeline, cache](const QStringList &, const ExchangePtr &ex) {
            HttpReply reply;
            reply.contentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
            reply.body = pipeline->metrics()->render(*cache);
            ex->send(reply);
        },
        RouteDoc{.summary = QStringLiteral("Prometheus metrics"),
                 .tag = QStringLiteral("operations"),
                 .responses = {{200,
                                QStringLiteral("Prometheus text format 0.0.4"),
                                {QString(), schema::string()},
                                QByteArrayLiteral("text/plain")}}});
}

void CacheServer::addDemoRoutes(HttpRouter &router) {
    DemoStore *store = m_store;
    const QString items = QStringLiteral("items");

    auto listItems =
        cached(m_cache,
               {.ttl = 600,
                .ns = items,
                .argsKeyBuilder = [](const QStringList &) { return QStringLiteral("items_list"); }},
               [store]() -> QFuture<QHttpServerResponse> {
                   return store->list().then(store, [](const QList<DemoItem> &list) {
                       QJsonArray array;
                       for (const DemoItem &item : list)
                           array.append(item.toJson());
                       return QHttpServerResponse(QJsonObject{{QStringLiteral("items"), array}});
                   });
               });

    auto createItem = cacheBusting(
        m_cache, {.ns = items},
        [store](const HttpExchange &request) -> QFuture<QHttpServerResponse> {
            DemoItemInput input;
            if (const auto problem = DemoItemInput::parse(request.body(), &input))
                return ready(detailResponse(Status::UnprocessableEntity, *problem));
            return store->create(input).then(store, [store](const std::optional<DemoItem> &item) {
                if (!item)
                    return detailResponse(Status::InsufficientStorage,
                                          QStringLiteral("The demo data set is full (%1 items, "
                                                         "DEMO_MAX_ITEMS); delete items first")
                                              .arg(store->maxItems()));
                return QHttpServerResponse(item->toJson(), Status::Created);
            });
        });

    const QString tag = QStringLiteral("items");
    const JsonSchema item{QStringLiteral("Item"),
                          schema::allRequired(schema::object(
                              {{QStringLiteral("id"), schema::integer()},
                               {QStringLiteral("name"), schema::string()},
                               {QStringLiteral("description"), schema::nullable(schema::string())},
                               {QStringLiteral("price"), schema::number()}}))};
    const JsonSchema itemInput{
        QStringLiteral("ItemInput"),
        schema::object({{QStringLiteral("name"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                     {QStringLiteral("minLength"), 1},
                                     {QStringLiteral("maxLength"), 200}}},
                        {QStringLiteral("description"), schema::nullable(schema::string())},
                        {QStringLiteral("price"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("number")},
                                     {QStringLiteral("minimum"), 0}}}},
                       {QStringLiteral("name"), QStringLiteral("price")})};
    const ResponseDoc invalid{422, QStringLiteral("Invalid item id or body"), errorSchema()};
    const ResponseDoc notFound{404, QStringLiteral("Item not found"), errorSchema()};
    const ParamDoc itemId{QStringLiteral("item_id"), ParamDoc::In::Path, QString(),
                          schema::integer()};

    router.add(
        Method::Get, QStringLiteral("/items"), limited(QStringLiteral("/items")),
        [listItems](const QStringList &, const ExchangePtr &ex) { listItems.serve(ex); },
        listItems.describe(RouteDoc{
            .summary = QStringLiteral("All items"),
            .tag = tag,
            .responses = {{200,
                           QStringLiteral("The items"),
                           {QStringLiteral("ItemList"),
                            schema::allRequired(schema::object(
                                {{QStringLiteral("items"), schema::arrayOf(item.schema)}}))}}}}));
    router.add(
        Method::Post, QStringLiteral("/items"), limited(QStringLiteral("/items")),
        [createItem](const QStringList &, const ExchangePtr &ex) { createItem.serve(ex); },
        createItem.describe(RouteDoc{
            .summary = QStringLiteral("Create an item"),
            .tag = tag,
            .requestBody = itemInput,
            .responses = {{201, QStringLiteral("Created"), item},
                          invalid,
                          {507, QStringLiteral("The demo data set is full"), errorSchema()}}}));

    auto getItem = cached(
        m_cache,
        {.ttl = 300,
         .ns = items,
         .argsKeyBuilder = [](const QStringList &args) { return itemKey(args.at(0)); }},
        [store](const QString &id) -> QFuture<QHttpServerResponse> {
            return store->find(id.toInt()).then(store, [](const std::optional<DemoItem> &item) {
                if (!item)
                    return detailResponse(Status::NotFound, QStringLiteral("Item not found"));
                return QHttpServerResponse(item->toJson());
            });
        });

    const ArgsKeysBuilder itemKeys = [](const QStringList &args) {
        return QStringList{itemKey(args.at(0)), QStringLiteral("items_list")};
    };

    auto updateItem = cacheBusting(
        m_cache, {.ns = items, .argsKeysBuilder = itemKeys},
        [store](const QString &id, const HttpExchange &request) -> QFuture<QHttpServerResponse> {
            DemoItemInput input;
            if (const auto problem = DemoItemInput::parse(request.body(), &input))
                return ready(detailResponse(Status::UnprocessableEntity, *problem));
            return store->update(id.toInt(), input)
                .then(store, [](const std::optional<DemoItem> &item) {
                    if (!item)
                        return detailResponse(Status::NotFound, QStringLiteral("Item not found"));
                    return QHttpServerResponse(item->toJson());
                });
        });

    auto deleteItem = cacheBusting(
        m_cache, {.ns = items, .argsKeysBuilder = itemKeys},
        [store](const QString &id) -> QFuture<QHttpServerResponse> {
            return store->remove(id.toInt()).then(store, [](bool removed) {
                if (!removed)
                    return detailResponse(Status::NotFound, QStringLiteral("Item not found"));
                return QHttpServerResponse(Status::NoContent);
            });
        });

    const RouteSpec itemSpec = limited(QStringLiteral("/items/{item_id}"));
    router.add(
        Method::Get, QStringLiteral("/items/([^/]+)"), itemSpec,
        [getItem](const QStringList &args, const ExchangePtr &ex) {
            if (!parseItemId(args.at(0)))
                return ex->send(invalidItemId(args.at(0)));
            getItem.serveArgs(args, ex);
        },
        getItem.describe(
            RouteDoc{.summary = QStringLiteral("One item"),
                     .tag = tag,
                     .parameters = {itemId},
                     .responses = {{200, QStringLiteral("The item"), item}, notFound, invalid}}));
    router.add(
        Method::Put, QStringLiteral("/items/([^/]+)"), itemSpec,
        [updateItem](const QStringList &args, const ExchangePtr &ex) {
            if (!parseItemId(args.at(0)))
                return ex->send(invalidItemId(args.at(0)));
            updateItem.serveArgs(args, ex);
        },
        updateItem.describe(
            RouteDoc{.summary = QStringLiteral("Replace an item"),
                     .tag = tag,
                     .parameters = {itemId},
                     .requestBody = itemInput,
                     .responses = {{200, QStringLiteral("The item"), item}, notFound, invalid}}));
    router.add(
        Method::Delete, QStringLiteral("/items/([^/]+)"), itemSpec,
        [deleteItem](const QStringList &args, const ExchangePtr &ex) {
            if (!parseItemId(args.at(0)))
                return ex->send(invalidItemId(args.at(0)));
            deleteItem.serveArgs(args, ex);
        },
        deleteItem.describe(
            RouteDoc{.summary = QStringLiteral("Delete an item"),
                     .tag = tag,
                     .parameters = {itemId},
                     .responses = {{204, QStringLiteral("Deleted")}, notFound, invalid}}));
}

} // namespace qrc
