// GET /openapi.json over real sockets: cache-server's document lists exactly its route table,
// and what it promises (security, 429, rate-limit and caching headers) is what the server
// really sends. The same for a user's plain QHttpServer (qrc::addOpenApiRoute).
#include "cachedroute.h"
#include "cachemanager.h"
#include "cacheroutes.h"
#include "cacheserver.h"
#include "httprouter.h"
#include "httptestclient.h"
#include "openapi.h"
#include "ratelimitguard.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include <memory>

using namespace qrc;
using namespace qrc::test;

namespace {

const QByteArray Token = "openapi-test-token-0123456789";
constexpr qint64 FixedNow = 20000LL * 86400000LL + 43200000 + 1500; // no window edge nearby

const std::pair<QHttpServerRequest::Method, const char *> Methods[] = {
    {QHttpServerRequest::Method::Get, "get"},
    {QHttpServerRequest::Method::Put, "put"},
    {QHttpServerRequest::Method::Post, "post"},
    {QHttpServerRequest::Method::Delete, "delete"},
    {QHttpServerRequest::Method::Patch, "patch"},
    {QHttpServerRequest::Method::Head, "head"},
    {QHttpServerRequest::Method::Options, "options"},
};

// "get /items/{item_id}" for every method of every route.
QSet<QString> operationsOf(const QList<HttpRouter::RouteInfo> &routes) {
    QSet<QString> out;
    for (const HttpRouter::RouteInfo &route : routes)
        for (const auto &[method, name] : Methods)
            if (route.methods.testFlag(method))
                out.insert(QLatin1String(name) + QLatin1Char(' ') + route.spec.label);
    return out;
}

QSet<QString> operationsOf(const QJsonObject &document) {
    QSet<QString> out;
    const QJsonObject paths = document.value("paths").toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto op = item.begin(); op != item.end(); ++op)
            out.insert(op.key() + QLatin1Char(' ') + path.key());
    }
    return out;
}

QJsonObject operation(const QJsonObject &document, const QString &path, const QString &method) {
    return document.value("paths").toObject().value(path).toObject().value(method).toObject();
}

// The $ref of the JSON schema in a response or request body ("content" -> application/json).
QString jsonSchemaRef(const QJsonObject &withContent) {
    return withContent.value("content")
        .toObject()
        .value("application/json")
        .toObject()
        .value("schema")
        .toObject()
        .value("$ref")
        .toString();
}

QJsonObject response(const QJsonObject &op, int status) {
    return op.value("responses").toObject().value(QString::number(status)).toObject();
}

// The documented headers of an answer, lower-case.
QSet<QByteArray> documentedHeaders(const QJsonObject &op, int status) {
    QSet<QByteArray> out;
    for (const QString &name : response(op, status).value("headers").toObject().keys())
        out.insert(name.toLower().toUtf8());
    return out;
}

} // namespace

class TestOpenApi : public QObject {
    Q_OBJECT

private:
    // A cache-server as main() builds it: admin token, rate limiter (3 per minute on the demo
    // routes, on a frozen clock).
    void startServer(bool tokenAndLimiter) {
        Settings settings;
        settings.redis.enabled = false;
        settings.server.host = QStringLiteral("127.0.0.1");
        settings.server.port = 0;
        settings.server.demoLatencyMs = 0;
        settings.rateLimit.defaultLimit = QStringLiteral("3/minute");
        if (tokenAndLimiter)
            settings.server.adminToken = QString::fromLatin1(Token);
        m_server = std::make_unique<CacheServer>(settings);
        if (tokenAndLimiter) {
            const auto config = RateLimitConfig::fromSettings(settings.rateLimit);
            QVERIFY(config.ok());
            m_guard = std::make_unique<RateLimitGuard>(config.value, nullptr);
            m_guard->limiter()->setClock([] { return FixedNow; });
            m_server->setRequestGuard(m_guard.get());
        }
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    QJsonObject fetchDocument(const QString &base) {
        HttpTestClient http{QUrl(base)};
        const HttpResult answer = http.get("/openapi.json");
        if (answer.status != 200)
            qWarning() << answer.status << answer.body;
        return answer.json();
    }

private Q_SLOTS:
    void cleanup() {
        m_server.reset();
        m_guard.reset();
    }

    void everyRegisteredRouteIsInTheDocumentAndNothingElse() {
        startServer(true);
        const QJsonObject document = fetchDocument(m_server->url());
        QCOMPARE(document.value("openapi").toString(), QStringLiteral("3.1.0"));
        QCOMPARE(document.value("info").toObject().value("version").toString(),
                 QStringLiteral(QRC_VERSION));
        const QSet<QString> registered = operationsOf(m_server->router().routes());
        QVERIFY(registered.contains("get /openapi.json"));
        QVERIFY(registered.contains("get /items/{item_id}"));
        QVERIFY(registered.contains("post /cache/reset-stats"));
        QCOMPARE(operationsOf(document), registered);

        QSet<QString> ids;
        for (const QString &op : registered) {
            const QStringList parts = op.split(' ');
            const QJsonObject described = operation(document, parts.at(1), parts.at(0));
            QVERIFY2(!described.value("summary").toString().isEmpty(), qPrintable(op));
            QVERIFY2(!described.value("responses").toObject().isEmpty(), qPrintable(op));
            ids.insert(described.value("operationId").toString());
        }
        QCOMPARE(ids.size(), registered.size()); // operationIds are unique
    }

    void pathParametersAreThoseOfThePathTemplate() {
        startServer(false);
        const QJsonObject document = fetchDocument(m_server->url());
        static const QRegularExpression placeholder(QStringLiteral("\\{([^}]+)\\}"));
        const QJsonObject paths = document.value("paths").toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            QStringList expected;
            for (auto it = placeholder.globalMatch(path.key()); it.hasNext();)
                expected << it.next().captured(1);
            const QJsonObject item = path.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                QStringList inPath;
                for (const QJsonValue &p : op.value().toObject().value("parameters").toArray()) {
                    if (p.toObject().value("in").toString() != QLatin1String("path"))
                        continue;
                    inPath << p.toObject().value("name").toString();
                    QVERIFY(p.toObject().value("required").toBool());
                }
                QCOMPARE(inPath, expected);
            }
        }
        // Described parameters keep their schema.
        const QJsonArray params =
            operation(document, "/items/{item_id}", "get").value("parameters").toArray();
        QCOMPARE(params.at(0).toObject().value("schema").toObject().value("type").toString(),
                 QStringLiteral("integer"));
    }

    void adminRoutesNeedTheBearerSchemeAndAnswer401AsDocumented() {
        startServer(true);
        const QJsonObject document = fetchDocument(m_server->url());
        const QJsonObject scheme = document.value("components")
                                       .toObject()
                                       .value("securitySchemes")
                                       .toObject()
                                       .value("bearerAuth")
                                       .toObject();
        QCOMPARE(scheme.value("type").toString(), QStringLiteral("http"));
        QCOMPARE(scheme.value("scheme").toString(), QStringLiteral("bearer"));
        for (const HttpRouter::RouteInfo &route : m_server->router().routes()) {
            if (!route.methods.testFlag(QHttpServerRequest::Method::Get))
                continue;
            const QJsonObject op = operation(document, route.spec.label, "get");
            QCOMPARE(op.contains("security"), route.spec.adminOnly);
            QCOMPARE(response(op, 401).isEmpty(), !route.spec.adminOnly);
        }
        // What the server really answers without the token.
        HttpTestClient http{QUrl(m_server->url())};
        const HttpResult refused = http.get("/cache/stats");
        QCOMPARE(refused.status, 401);
        const QJsonObject stats = operation(document, "/cache/stats", "get");
        QVERIFY(documentedHeaders(stats, 401).contains("www-authenticate"));
        QVERIFY(!refused.header("www-authenticate").isEmpty());
        QVERIFY(refused.json().contains("detail"));
        QCOMPARE(jsonSchemaRef(response(stats, 401)), QStringLiteral("#/components/schemas/Error"));
    }

    void rateLimitAnswersAndHeadersAreTheOnesTheServerSends() {
        startServer(true);
        const QJsonObject document = fetchDocument(m_server->url());
        const QJsonObject list = operation(document, "/items", "get");
        HttpTestClient http{QUrl(m_server->url())};
        HttpResult answer;
        for (int i = 0; i < 4 && answer.status != 429; ++i)
            answer = http.get("/items");
        QCOMPARE(answer.status, 429);
        QVERIFY(!response(list, 429).isEmpty());
        // Every rate-limit header the server sent on the 429 is documented on it.
        QSet<QByteArray> sent;
        for (auto it = answer.headers.cbegin(); it != answer.headers.cend(); ++it)
            if (it.key().startsWith("x-ratelimit-") || it.key() == "retry-after")
                sent.insert(it.key());
        QCOMPARE(sent.size(), 4);
        const QSet<QByteArray> documented = documentedHeaders(list, 429);
        QVERIFY2(documented.contains(sent),
                 QByteArrayList(documented.begin(), documented.end()).join(',').constData());
        QVERIFY(answer.json().contains("error"));
        QVERIFY(documentedHeaders(list, 200).contains(
            {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"}));
        // Routes without a limit scope are never refused, and say so.
        QVERIFY(response(operation(document, "/healthz", "get"), 429).isEmpty());
    }

    void cachedRoutesDocumentTheCachingHeadersTheySend() {
        startServer(false);
        const QJsonObject document = fetchDocument(m_server->url());
        const QJsonObject item = operation(document, "/items/{item_id}", "get");
        HttpTestClient http{QUrl(m_server->url())};
        http.get("/items/1");
        const HttpResult hit = http.get("/items/1");
        QCOMPARE(hit.header("x-cache"), QByteArray("HIT"));
        for (const QByteArray name : {"x-cache", "etag", "cache-control", "age"}) {
            QVERIFY(!hit.header(name).isEmpty());
            QVERIFY2(documentedHeaders(item, 200).contains(name), name.constData());
        }
        const HttpResult notModified =
            http.get("/items/1", {{"If-None-Match", hit.header("etag")}});
        QCOMPARE(notModified.status, 304);
        QVERIFY(!response(item, 304).isEmpty());
        QVERIFY(documentedHeaders(item, 304).contains("etag"));
        // The writes are not cached: no 304, no X-Cache.
        const QJsonObject update = operation(document, "/items/{item_id}", "put");
        QVERIFY(response(update, 304).isEmpty());
        QVERIFY(!documentedHeaders(update, 200).contains("x-cache"));
        QCOMPARE(jsonSchemaRef(update.value("requestBody").toObject()),
                 QStringLiteral("#/components/schemas/ItemInput"));
    }

    void withoutTokenOrLimiterTheDocumentPromisesNeither() {
        startServer(false);
        const QJsonObject document = fetchDocument(m_server->url());
        QVERIFY(!document.value("components").toObject().contains("securitySchemes"));
        const QJsonObject paths = document.value("paths").toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                QVERIFY(!op.value().toObject().contains("security"));
                QVERIFY(response(op.value().toObject(), 401).isEmpty());
                QVERIFY(response(op.value().toObject(), 429).isEmpty());
            }
        }
        // And the server indeed answers the management routes without a token.
        HttpTestClient http{QUrl(m_server->url())};
        QCOMPARE(http.get("/cache/stats").status, 200);
    }

    // Schemas named in the route table are listed once and every $ref resolves.
    void everySchemaReferenceResolves() {
        startServer(true);
        const QJsonObject document = fetchDocument(m_server->url());
        const QJsonObject components = document.value("components").toObject();
        const QByteArray text = QJsonDocument(document).toJson(QJsonDocument::Compact);
        static const QRegularExpression ref(
            QStringLiteral("\"\\$ref\":\"#/components/(\\w+)/([^\"]+)\""));
        int refs = 0;
        for (auto it = ref.globalMatch(QString::fromUtf8(text)); it.hasNext(); ++refs) {
            const QRegularExpressionMatch m = it.next();
            QVERIFY2(components.value(m.captured(1)).toObject().contains(m.captured(2)),
                     qPrintable(m.captured(0)));
        }
        QVERIFY(refs > 20);
        for (const QString name :
             {"Error", "Stats", "Info", "Namespaces", "KeyPage", "Entry", "Item"})
            QVERIFY2(components.value("schemas").toObject().contains(name), qPrintable(name));
    }

    // The wrappers describe their caching from their own options, so the text cannot drift.
    void cachedWrappersDescribeTheirOwnCaching() {
        Settings settings;
        settings.redis.enabled = false;
        CacheManager cache(settings);
        const auto handler = [](int id) { return QHttpServerResponse(QJsonObject{{"id", id}}); };
        const RouteDoc cachedDoc =
            cached(&cache, {.ttl = 42, .ns = "things", .varyHeaders = {"Accept-Language"}}, handler)
                .describe({.summary = "One thing"});
        QVERIFY(cachedDoc.cached);
        QCOMPARE(cachedDoc.summary, QStringLiteral("One thing"));
        QVERIFY2(cachedDoc.description.contains("42 s") &&
                     cachedDoc.description.contains("'things'") &&
                     cachedDoc.description.contains("Accept-Language"),
                 qPrintable(cachedDoc.description));
        const RouteDoc whole = cacheBusting(&cache, {.ns = "things"}, handler).describe({});
        QVERIFY(!whole.cached);
        QVERIFY2(whole.description.contains("clears namespace 'things'"),
                 qPrintable(whole.description));
        const RouteDoc selective =
            cacheBusting(
                &cache,
                {.ns = "things", .argsKeysBuilder = [](const QStringList &args) { return args; }},
                handler)
                .describe({});
        QVERIFY2(selective.description.contains("removes"), qPrintable(selective.description));

        // cache-server's demo routes are described through their wrappers.
        startServer(false);
        const QJsonObject document = fetchDocument(m_server->url());
        QVERIFY(operation(document, "/items/{item_id}", "get")
                    .value("description")
                    .toString()
                    .contains("300 s"));
        QVERIFY(operation(document, "/items", "post")
                    .value("description")
                    .toString()
                    .contains("clears namespace 'items'"));
    }

    // A user's program on a plain QHttpServer: the management routes come from their table,
    // the user's own route from its description.
    void plainQHttpServerServesTheDocumentOfItsRoutes() {
        Settings settings;
        settings.redis.enabled = false;
        CacheManager cache(settings);
        cache.start();
        QHttpServer server;
        auto api = std::make_shared<OpenApi>(
            OpenApiInfo{.title = QStringLiteral("My service"), .version = QStringLiteral("1.2.3")});
        addCacheRoutes(server, &cache, {.openApi = api});
        server.route("/things/<arg>", QHttpServerRequest::Method::Get,
                     cached(&cache, {.ttl = 60, .ns = "things"}, [](int id) {
                         return QHttpServerResponse(QJsonObject{{"id", id}});
                     }));
        api->describe(
            QHttpServerRequest::Method::Get, "/things/{id}",
            RouteDoc{.summary = "One thing",
                     .parameters = {{"id", ParamDoc::In::Path, {}, schema::integer()}},
                     .responses = {{200,
                                    "The thing",
                                    {"Thing", schema::object({{"id", schema::integer()}})}},
                                   {404, "No such thing", errorSchema()}},
                     .cached = true});
        addOpenApiRoute(server, api);
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);

        const QJsonObject document = fetchDocument(base);
        QCOMPARE(document.value("info").toObject().value("title").toString(),
                 QStringLiteral("My service"));
        QCOMPARE(document.value("info").toObject().value("version").toString(),
                 QStringLiteral("1.2.3"));
        const QSet<QString> operations = operationsOf(document);
        QVERIFY(operations.contains("get /things/{id}"));
        QVERIFY(operations.contains("get /openapi.json"));
        QVERIFY(operations.contains("delete /cache/namespaces/{ns}/keys/{key}"));
        QVERIFY(operations.contains("get /cache/namespaces/{ns}/keys/{key}/items"));
        QVERIFY(operations.contains("get /cache/namespaces/{ns}/biggest"));
        QCOMPARE(operations.size(), 2 + 18); // the user's two, and the 18 of the cache's table
        const QJsonObject thing = operation(document, "/things/{id}", "get");
        QVERIFY(documentedHeaders(thing, 200).contains("x-cache"));
        HttpTestClient http{QUrl(base)};
        QCOMPARE(http.get("/things/7").header("x-cache"), QByteArray("MISS"));
        QCOMPARE(http.get("/cache/stats").status, 200);
    }

private:
    // Destroyed in this order: the server uses the guard until it is gone.
    std::unique_ptr<RateLimitGuard> m_guard;
    std::unique_ptr<CacheServer> m_server;
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
