#include "routedoc.h"

namespace qrc::schema {

namespace {

QJsonObject typed(const char *type, const QString &description) {
    QJsonObject out{{QStringLiteral("type"), QLatin1String(type)}};
    if (!description.isEmpty())
        out.insert(QStringLiteral("description"), description);
    return out;
}

} // namespace

QJsonObject string(const QString &description) {
    return typed("string", description);
}

QJsonObject integer(const QString &description) {
    return typed("integer", description);
}

QJsonObject number(const QString &description) {
    return typed("number", description);
}

QJsonObject boolean(const QString &description) {
    return typed("boolean", description);
}

QJsonObject nullable(QJsonObject schema) {
    const QJsonValue type = schema.value(QStringLiteral("type"));
    if (type.isString())
        schema.insert(QStringLiteral("type"), QJsonArray{type, QStringLiteral("null")});
    return schema;
}

QJsonObject arrayOf(const QJsonObject &items) {
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                       {QStringLiteral("items"), items}};
}

QJsonObject object(std::initializer_list<std::pair<QString, QJsonObject>> properties,
                   const QStringList &required) {
    QJsonObject props;
    for (const auto &[name, schema] : properties)
        props.insert(name, schema);
    QJsonObject out{{QStringLiteral("type"), QStringLiteral("object")},
                    {QStringLiteral("properties"), props}};
    if (!required.isEmpty())
        out.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return out;
}

QJsonObject allRequired(QJsonObject schema) {
    schema.insert(
        QStringLiteral("required"),
        QJsonArray::fromStringList(schema.value(QStringLiteral("properties")).toObject().keys()));
    return schema;
}

} // namespace qrc::schema

namespace qrc {

JsonSchema errorSchema() {
    return {QStringLiteral("Error"), schema::object({{QStringLiteral("detail"), schema::string()}},
                                                    {QStringLiteral("detail")})};
}

} // namespace qrc
