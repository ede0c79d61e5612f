#include "openapi.h"

#include "requestguard.h"

#include <QHttpServer>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcOpenApi, "qrc.server.openapi")

namespace qrc {

namespace {

using Method = QHttpServerRequest::Method;

const std::pair<Method, QLatin1String> OperationMethods[] = {
    {Method::Get, QLatin1String("get")},         {Method::Put, QLatin1String("put")},
    {Method::Post, QLatin1String("post")},       {Method::Delete, QLatin1String("delete")},
    {Method::Options, QLatin1String("options")}, {Method::Head, QLatin1String("head")},
    {Method::Patch, QLatin1String("patch")},
};

// The headers the pipeline and the cached wrapper send, as components/headers.
struct HeaderDoc {
    const char *name;
    const char *description;
    const char *type;
};

const HeaderDoc XCache{"X-Cache", "HIT: answered from the cache; MISS: by the handler", "string"};
const HeaderDoc ETag{"ETag", "Strong validator of the body; send it back as If-None-Match",
                     "string"};
const HeaderDoc CacheControl{
    "Cache-Control", "max-age=<seconds the entry still lives>; no-store on an uncached answer",
    "string"};
const HeaderDoc Age{"Age", "Seconds since the entry was stored", "integer"};
const HeaderDoc RateLimit{"X-RateLimit-Limit", "Requests allowed in the current window", "integer"};
const HeaderDoc RateRemaining{"X-RateLimit-Remaining", "Requests left in the current window",
                              "integer"};
const HeaderDoc RateReset{"X-RateLimit-Reset", "When the window resets (Unix epoch seconds)",
                          "integer"};
const HeaderDoc RetryAfter{"Retry-After", "Seconds to wait before trying again", "integer"};
const HeaderDoc Authenticate{"WWW-Authenticate", "Bearer", "string"};

// Assembles one document: schemas and headers go to components once, operations refer to them.
class Builder {
public:
    explicit Builder(const OpenApiInfo &info)
        : m_info(info) {}

    void add(const HttpRouter::RouteInfo &route, const HttpPipeline *pipeline);
    QJsonObject finish() const;

private:
    QJsonObject operation(const HttpRouter::RouteInfo &route, const HttpPipeline *pipeline,
                          const QString &method);
    QJsonObject schemaRef(const JsonSchema &schema);
    QJsonObject headerRef(const HeaderDoc &header);

    const OpenApiInfo &m_info;
    QJsonObject m_paths;
    QJsonObject m_schemas;
    QJsonObject m_headers;
    bool m_bearer = false;
};

QString operationId(const QString &method, const QString &path) {
    QString id = method + QLatin1Char('_') + path;
    static const QRegularExpression other(QStringLiteral("[^A-Za-z0-9]+"));
    id.replace(other, QStringLiteral("_"));
    while (id.endsWith(QLatin1Char('_')))
        id.chop(1);
    return id;
}

QJsonObject parameter(const ParamDoc &doc) {
    static const QLatin1String in[] = {QLatin1String("path"), QLatin1String("query"),
                                       QLatin1String("header")};
    QJsonObject out{{QStringLiteral("name"), doc.name},
                    {QStringLiteral("in"), in[int(doc.in)]},
                    {QStringLiteral("schema"), doc.schema}};
    if (doc.in == ParamDoc::In::Path || doc.required)
        out.insert(QStringLiteral("required"), true);
    if (!doc.description.isEmpty())
        out.insert(QStringLiteral("description"), doc.description);
    return out;
}

QString statusDescription(int status) {
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 201:
        return QStringLiteral("Created");
    case 204:
        return QStringLiteral("No Content");
    default:
        return QStringLiteral("Status %1").arg(status);
    }
}

} // namespace

QJsonObject Builder::schemaRef(const JsonSchema &schema) {
    if (schema.name.isEmpty())
        return schema.schema;
    const auto known = m_schemas.constFind(schema.name);
    if (known == m_schemas.constEnd())
        m_schemas.insert(schema.name, schema.schema);
    else if (known->toObject() != schema.schema)
        qCWarning(lcOpenApi) << "two different schemas are named" << schema.name
                             << "; the first one is listed";
    return QJsonObject{
        {QStringLiteral("$ref"), QStringLiteral("#/components/schemas/") + schema.name}};
}

QJsonObject Builder::headerRef(const HeaderDoc &header) {
    const QString name = QLatin1String(header.name);
    if (!m_headers.contains(name))
        m_headers.insert(
            name, QJsonObject{{QStringLiteral("description"), QLatin1String(header.description)},
                              {QStringLiteral("schema"),
                               QJsonObject{{QStringLiteral("type"), QLatin1String(header.type)}}}});
    return QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/headers/") + name}};
}

QJsonObject Builder::operation(const HttpRouter::RouteInfo &route, const HttpPipeline *pipeline,
                               const QString &method) {
    const RouteDoc &doc = route.doc;
    const QString &path = route.spec.label;
    const RequestGuard *guard = pipeline ? pipeline->requestGuard() : nullptr;
    const bool limited =
        guard && !route.spec.limitScope.isEmpty() && guard->limitsScope(route.spec.limitScope);
    const bool tokenRequired =
        pipeline && route.spec.adminOnly && !pipeline->options().adminToken.isEmpty();

    QJsonObject op{{QStringLiteral("operationId"), operationId(method, path)}};
    op.insert(QStringLiteral("summary"), doc.summary.isEmpty() ? path : doc.summary);
    if (!doc.description.isEmpty())
        op.insert(QStringLiteral("description"), doc.description);
    if (!doc.tag.isEmpty())
        op.insert(QStringLiteral("tags"), QJsonArray{doc.tag});

    // Path parameters in the order of the path template, each once.
    QJsonArray parameters;
    static const QRegularExpression placeholder(QStringLiteral("\\{([^}/]+)\\}"));
    for (auto it = placeholder.globalMatch(path); it.hasNext();) {
        const QString name = it.next().captured(1);
        ParamDoc param{name, ParamDoc::In::Path};
        for (const ParamDoc &described : doc.parameters)
            if (described.in == ParamDoc::In::Path && described.name == name)
                param = described;
        parameters.append(parameter(param));
    }
    for (const ParamDoc &param : doc.parameters)
        if (param.in != ParamDoc::In::Path)
            parameters.append(parameter(param));
    if (doc.cached) {
        parameters.append(parameter({QStringLiteral("If-None-Match"), ParamDoc::In::Header,
                                     QStringLiteral("An ETag of this resource: 304 when it "
                                                    "still matches")}));
        parameters.append(
            parameter({QStringLiteral("Cache-Control"), ParamDoc::In::Header,
                       QStringLiteral("no-cache: refresh the entry; no-store: bypass the cache")}));
    }
    if (!parameters.isEmpty())
        op.insert(QStringLiteral("parameters"), parameters);

    if (!doc.requestBody.isEmpty())
        op.insert(QStringLiteral("requestBody"),
                  QJsonObject{{QStringLiteral("required"), true},
                              {QStringLiteral("content"),
                               QJsonObject{{QStringLiteral("application/json"),
                                            QJsonObject{{QStringLiteral("schema"),
                                                         schemaRef(doc.requestBody)}}}}}});

    QJsonObject rateHeaders;
    if (limited) {
        for (const HeaderDoc *h : {&RateLimit, &RateRemaining, &RateReset})
            rateHeaders.insert(QLatin1String(h->name), headerRef(*h));
    }
    QJsonObject cacheHeaders;
    if (doc.cached) {
        for (const HeaderDoc *h : {&XCache, &ETag, &CacheControl, &Age})
            cacheHeaders.insert(QLatin1String(h->name), headerRef(*h));
    }
    const auto withHeaders = [](QJsonObject response, const QJsonObject &headers) {
        if (headers.isEmpty())
            return response;
        QJsonObject all = response.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            all.insert(it.key(), it.value());
        response.insert(QStringLiteral("headers"), all);
        return response;
    };

    QJsonObject responses;
    const auto addResponse = [&](int status, QJsonObject response) {
        if (!responses.contains(QString::number(status)))
            responses.insert(QString::number(status),
                             withHeaders(std::move(response), rateHeaders));
    };
    for (const ResponseDoc &r : doc.responses) {
        QJsonObject response{{QStringLiteral("description"), r.description.isEmpty()
                                                                 ? statusDescription(r.status)
                                                                 : r.description}};
        if (!r.body.isEmpty())
            response.insert(
                QStringLiteral("content"),
                QJsonObject{{QString::fromLatin1(r.contentType),
                             QJsonObject{{QStringLiteral("schema"), schemaRef(r.body)}}}});
        if (doc.cached && r.status >= 200 && r.status < 300)
            response = withHeaders(response, cacheHeaders);
        addResponse(r.status, response);
    }
    if (doc.cached)
        addResponse(304, QJsonObject{{QStringLiteral("description"),
                                      QStringLiteral("Not Modified: If-None-Match matched")},
                                     {QStringLiteral("headers"), cacheHeaders}});
    const auto errorContent = [this](const JsonSchema &schema) {
        return QJsonObject{{QStringLiteral("application/json"),
                            QJsonObject{{QStringLiteral("schema"), schemaRef(schema)}}}};
    };
    if (tokenRequired) {
        m_bearer = true;
        op.insert(QStringLiteral("security"),
                  QJsonArray{QJsonObject{{QStringLiteral("bearerAuth"), QJsonArray{}}}});
        addResponse(
            401,
            QJsonObject{
                {QStringLiteral("description"), QStringLiteral("Missing or wrong admin token")},
                {QStringLiteral("content"), errorContent(errorSchema())},
                {QStringLiteral("headers"),
                 QJsonObject{{QLatin1String(Authenticate.name), headerRef(Authenticate)}}}});
    }
    if (limited) {
        const JsonSchema tooMany{
            QStringLiteral("RateLimitExceeded"),
            schema::object({{QStringLiteral("error"),
                             schema::string(QStringLiteral("e.g. Rate limit exceeded: 100 per 1 "
                                                           "minute"))}},
                           {QStringLiteral("error")})};
        addResponse(
            429,
            QJsonObject{{QStringLiteral("description"), QStringLiteral("Rate limit exceeded")},
                        {QStringLiteral("content"), errorContent(tooMany)},
                        {QStringLiteral("headers"),
                         QJsonObject{{QLatin1String(RetryAfter.name), headerRef(RetryAfter)}}}});
    }
    if (responses.isEmpty())
        responses.insert(QStringLiteral("default"), QJsonObject{{QStringLiteral("description"),
                                                                 QStringLiteral("The answer")}});
    op.insert(QStringLiteral("responses"), responses);
    return op;
}

void Builder::add(const HttpRouter::RouteInfo &route, const HttpPipeline *pipeline) {
    const QString &path = route.spec.label;
    QJsonObject item = m_paths.value(path).toObject();
    for (const auto &[method, name] : OperationMethods) {
        // A method of a path that an earlier route took is answered by that route.
        if (!route.methods.testFlag(method) || item.contains(name))
            continue;
        item.insert(name, operation(route, pipeline, name));
    }
    m_paths.insert(path, item);
}

QJsonObject Builder::finish() const {
    QJsonObject info{{QStringLiteral("title"), m_info.title},
                     {QStringLiteral("version"),
                      m_info.version.isEmpty() ? QStringLiteral(QRC_VERSION) : m_info.version}};
    if (!m_info.description.isEmpty())
        info.insert(QStringLiteral("description"), m_info.description);
    QJsonObject components;
    if (!m_schemas.isEmpty())
        components.insert(QStringLiteral("schemas"), m_schemas);
    if (!m_headers.isEmpty())
        components.insert(QStringLiteral("headers"), m_headers);
    if (m_bearer)
        components.insert(
            QStringLiteral("securitySchemes"),
            QJsonObject{{QStringLiteral("bearerAuth"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                     {QStringLiteral("scheme"), QStringLiteral("bearer")},
                                     {QStringLiteral("description"),
                                      QStringLiteral("The admin token (CACHE_ADMIN_TOKEN)")}}}});
    QJsonObject document{{QStringLiteral("openapi"), QStringLiteral("3.1.0")},
                         {QStringLiteral("info"), info},
                         {QStringLiteral("paths"), m_paths}};
    if (!components.isEmpty())
        document.insert(QStringLiteral("components"), components);
    return document;
}

OpenApi::OpenApi(OpenApiInfo info)
    : m_info(std::move(info)) {}

void OpenApi::addRouter(std::shared_ptr<const HttpRouter> router) {
    m_routers.push_back(std::move(router));
}

void OpenApi::describe(QHttpServerRequest::Methods methods, const QString &path, RouteDoc doc) {
    m_described.append(HttpRouter::RouteInfo{methods, RouteSpec{path, false, {}}, std::move(doc)});
}

QJsonObject OpenApi::build(const std::vector<Source> &sources) const {
    Builder builder(m_info);
    for (const Source &source : sources)
        for (const HttpRouter::RouteInfo &route : source.routes)
            builder.add(route, source.router ? source.router->pipeline() : nullptr);
    return builder.finish();
}

QJsonObject OpenApi::document() const {
    std::vector<Source> sources;
    for (const auto &router : m_routers)
        sources.push_back({router.get(), router->routes()});
    sources.push_back({nullptr, m_described});
    return build(sources);
}

QJsonObject OpenApi::document(const HttpRouter &router) const {
    std::vector<Source> sources{{&router, router.routes()}};
    for (const auto &other : m_routers)
        sources.push_back({other.get(), other->routes()});
    sources.push_back({nullptr, m_described});
    return build(sources);
}

namespace {

// `path` as a pattern that matches it literally (for both routers).
QString literalPattern(const QString &path) {
    static const QString special = QStringLiteral("\\^$.|?*+()[]{}");
    QString out;
    for (const QChar c : path) {
        if (special.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

RouteDoc documentDoc() {
    return RouteDoc{.summary = QStringLiteral("This OpenAPI 3.1 document"),
                    .tag = QStringLiteral("meta"),
                    .responses = {{200,
                                   QStringLiteral("The document"),
                                   {QString(), QJsonObject{{QStringLiteral("type"),
                                                            QStringLiteral("object")}}}}}};
}

} // namespace

void addOpenApiRoute(QHttpServer &server, std::shared_ptr<OpenApi> api, const QString &path) {
    api->describe(Method::Get, path, documentDoc());
    server.route(literalPattern(path), Method::Get,
                 [api] { return QHttpServerResponse(api->document()); });
}

void addOpenApiRoute(HttpRouter &router, OpenApiInfo info, const QString &path) {
    auto api = std::make_shared<const OpenApi>(std::move(info));
    // The handler is the router's own: the router outlives it.
    const HttpRouter *self = &router;
    router.add(
        Method::Get, literalPattern(path), RouteSpec{path, false, QStringLiteral("default")},
        [api, self](const QStringList &, const ExchangePtr &ex) {
            ex->send(HttpReply::json(api->document(*self)));
        },
        documentDoc());
}

} // namespace qrc
