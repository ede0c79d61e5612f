#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <utility>

namespace qrc {

// A JSON Schema (the OpenAPI 3.1 dialect). A named one is written once under
// components/schemas and referenced wherever it is used.
struct JsonSchema {
    QString name = {};
    QJsonObject schema = {};
    bool isEmpty() const { return schema.isEmpty(); }
};

struct ParamDoc {
    enum class In { Path, Query, Header };
    QString name = {};
    In in = In::Query;
    QString description = {};
    QJsonObject schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}};
    bool required = false; // path parameters always are
};

struct ResponseDoc {
    int status = 200;
    QString description = {};
    JsonSchema body = {}; // empty: no body
    QByteArray contentType = QByteArrayLiteral("application/json");
};

// What a route is, for its OpenAPI description. What the route table already knows is not
// repeated here, so it cannot be described wrong: the path and its parameters' names come from
// the route's label ("/items/{item_id}"), the security scheme and the 401 from
// RouteSpec::adminOnly (when a token is configured), the 429 and the X-RateLimit-* headers from
// its limit scope (when the pipeline's guard limits it).
struct RouteDoc {
    QString summary = {};
    QString description = {};
    QString tag = {};
    QList<ParamDoc> parameters = {}; // query and header parameters; path ones to describe them
    JsonSchema requestBody = {};     // empty: none
    QList<ResponseDoc> responses = {};
    // Answered through qrc::cached(): X-Cache, ETag, Cache-Control and Age on its 2xx answers,
    // 304 for a matching If-None-Match, and the request's Cache-Control directives.
    bool cached = false;
};

// Small builders for the schemas of route descriptions.
namespace schema {
QJsonObject string(const QString &description = {});
QJsonObject integer(const QString &description = {});
QJsonObject number(const QString &description = {});
QJsonObject boolean(const QString &description = {});
QJsonObject nullable(QJsonObject schema); // the same type or null
QJsonObject arrayOf(const QJsonObject &items);
// An object with these properties; `required` lists those always present.
QJsonObject object(std::initializer_list<std::pair<QString, QJsonObject>> properties,
                   const QStringList &required = {});
// Every property of `schema` is always present.
QJsonObject allRequired(QJsonObject schema);
} // namespace schema

// {"detail": "..."}: every error answer of the cache's routes and of cache-server.
JsonSchema errorSchema();

} // namespace qrc
