#include "routesupport.h"

#include "keyspace.h"

namespace qrc {

namespace {

bool accepted(const ExchangePtr &exchange, const CacheError &error, const QString &what) {
    if (!error.isError())
        return true;
    exchange->send(HttpReply::error(422, what + error.message));
    return false;
}

} // namespace

HttpReply errorReply(const CacheError &error) {
    switch (error.kind) {
    case ErrorKind::Validation:
        return HttpReply::error(422, error.message);
    case ErrorKind::Connection:
    case ErrorKind::Timeout:
        return HttpReply::error(503, error.message);
    default:
        return HttpReply::error(500, error.message);
    }
}

bool checkNamespace(const ExchangePtr &exchange, const QString &ns) {
    return accepted(exchange, Keyspace::validateNamespace(ns),
                    QStringLiteral("Invalid namespace: "));
}

bool checkKey(const ExchangePtr &exchange, const QString &key) {
    return accepted(exchange, Keyspace::validateKey(key), QStringLiteral("Invalid key: "));
}

RouteSpec admin(const QString &label) {
    return RouteSpec{label, true, QStringLiteral("management")};
}

} // namespace qrc
