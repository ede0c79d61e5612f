#include "cacheerror.h"

namespace qrc {

QString errorKindName(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("none");
    case ErrorKind::Validation:
        return QStringLiteral("validation");
    case ErrorKind::Connection:
        return QStringLiteral("connection");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::Serialization:
        return QStringLiteral("serialization");
    case ErrorKind::Protocol:
        return QStringLiteral("protocol");
    }
    return QStringLiteral("unknown");
}

QString CacheError::toString() const {
    return errorKindName(kind) + QStringLiteral(" error: ") + message;
}

} // namespace qrc
