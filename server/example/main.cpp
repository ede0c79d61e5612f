// cache-example: what a user's own Qt program looks like with the route wrappers and the
// management routes (the seed's Quick Start, in C++). Options come from ConfigLoader, so
// --port, --no-redis, REDIS_HOST, ... work as for cache-server.
#include "cachedroute.h"
#include "cachemanager.h"
#include "cacheroutes.h"
#include "configloader.h"
#include "openapi.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <cstdio>

using Method = QHttpServerRequest::Method;

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const auto config = qrc::ConfigLoader::load(app.arguments());
    if (!config.ok()) {
        std::fprintf(stderr, "cache-example: %s\n", qPrintable(config.error.message));
        return 2;
    }
    if (config.value.helpRequested) {
        std::printf("%s\n", qPrintable(config.value.helpText));
        return 0;
    }

    // Setup cache: Redis when it answers, the in-memory store until then.
    qrc::CacheManager cache(config.value.settings);
    cache.start();

    QHttpServer server;

    // Add cache management routes (/cache/stats, /cache/clear, ...), listed in the OpenAPI
    // document served below.
    auto api = std::make_shared<qrc::OpenApi>(qrc::OpenApiInfo{.title = "cache-example"});
    qrc::addCacheRoutes(server, &cache, {.openApi = api});

    // The application's data.
    QMap<int, QJsonObject> items{{1, {{"id", 1}, {"name", "Item 1"}}}};

    // Cached endpoints.
    server.route("/items", Method::Get,
                 qrc::cached(&cache,
                             {.ttl = 600,
                              .ns = "items",
                              .keyBuilder =
                                  [](const QStringList &, const QHttpServerRequest &) {
                                      return QString("items_list");
                                  }},
                             [&items] {
                                 QJsonArray list;
                                 for (const QJsonObject &item : std::as_const(items))
                                     list.append(item);
                                 return QHttpServerResponse(QJsonObject{{"items", list}});
                             }));

    server.route(
        "/items/<arg>", Method::Get,
        qrc::cached(&cache,
                    {.ttl = 300,
                     .ns = "items",
                     .keyBuilder = [](const QStringList &args,
                                      const QHttpServerRequest &) { return "item_" + args.at(0); }},
                    [&items](int id) {
                        if (!items.contains(id))
                            return QHttpServerResponse(QJsonObject{{"detail", "Item not found"}},
                                                       QHttpServerResponse::StatusCode::NotFound);
                        return QHttpServerResponse(items.value(id));
                    }));

    // Mutations invalidate: the whole namespace, or only the keys a builder names.
    server.route(
        "/items", Method::Post,
        qrc::cacheBusting(&cache, {.ns = "items"}, [&items](const QHttpServerRequest &request) {
            QJsonObject item = QJsonDocument::fromJson(request.body()).object();
            const int id = items.isEmpty() ? 1 : items.lastKey() + 1;
            item["id"] = id;
            items.insert(id, item);
            return QHttpServerResponse(item, QHttpServerResponse::StatusCode::Created);
        }));

    server.route("/items/<arg>", Method::Put,
                 qrc::cacheBusting(&cache,
                                   {.ns = "items",
                                    .keysBuilder =
                                        [](const QStringList &args, const QHttpServerRequest &) {
                                            return QStringList{"item_" + args.at(0), "items_list"};
                                        }},
                                   [&items](int id, const QHttpServerRequest &request) {
                                       QJsonObject item =
                                           QJsonDocument::fromJson(request.body()).object();
                                       item["id"] = id;
                                       items.insert(id, item);
                                       return QHttpServerResponse(item);
                                   }));

    // GET /openapi.json: the management routes from their table, these routes as described.
    using qrc::schema::arrayOf, qrc::schema::integer, qrc::schema::object, qrc::schema::string;
    const qrc::JsonSchema item{"Item", object({{"id", integer()}, {"name", string()}})};
    const qrc::ParamDoc id{"id", qrc::ParamDoc::In::Path, {}, integer()};
    api->describe(
        Method::Get, "/items",
        {.summary = "All items",
         .responses = {{200, "The items", {"Items", object({{"items", arrayOf(item.schema)}})}}},
         .cached = true});
    api->describe(Method::Get, "/items/{id}",
                  {.summary = "One item",
                   .parameters = {id},
                   .responses = {{200, "The item", item}, {404, "Not found", qrc::errorSchema()}},
                   .cached = true});
    api->describe(
        Method::Post, "/items",
        {.summary = "Create an item", .requestBody = item, .responses = {{201, "Created", item}}});
    api->describe(Method::Put, "/items/{id}",
                  {.summary = "Replace an item",
                   .parameters = {id},
                   .requestBody = item,
                   .responses = {{200, "The item", item}}});
    qrc::addOpenApiRoute(server, api);

    const auto &serverSettings = config.value.settings.server;
    const QHostAddress address = serverSettings.host == "localhost"
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(serverSettings.host);
    const quint16 port = server.listen(address, quint16(serverSettings.port));
    if (!port) {
        std::fprintf(stderr, "cache-example: cannot listen on %s:%d\n",
                     qPrintable(serverSettings.host), serverSettings.port);
        return 1;
    }
    std::printf("cache-example listening on http://%s:%u\n", qPrintable(address.toString()),
                unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
