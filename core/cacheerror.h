#pragma once

#include <QMetaType>
#include <QString>

#include <utility>

namespace qrc {

// The error taxonomy mirrors the seed's exception hierarchy (CacheException base with
// RedisConnectionError, validation and serialization errors) as a typed result, so that a
// caller can tell a connection fault from bad input without exceptions crossing the event loop.
enum class ErrorKind {
    None,
    Validation,    // bad key, namespace, TTL or argument: the caller's fault, never retried
    Connection,    // Redis unreachable or connection dropped (seed: RedisConnectionError)
    Timeout,       // a command exceeded socket_timeout
    Auth,          // wrong password / ACL user, NOAUTH, WRONGPASS
    Serialization, // stored bytes could not be decoded (corrupt gzip, bad JSON)
    Protocol,      // Redis answered with an error reply or something unexpected
};

QString errorKindName(ErrorKind kind);

struct CacheError {
    ErrorKind kind = ErrorKind::None;
    QString message;

    bool isError() const { return kind != ErrorKind::None; }
    // Faults of the transport: the operation may succeed on another backend.
    bool isTransient() const { return kind == ErrorKind::Connection || kind == ErrorKind::Timeout; }
    QString toString() const;

    static CacheError validation(QString m) { return {ErrorKind::Validation, std::move(m)}; }
    static CacheError connection(QString m) { return {ErrorKind::Connection, std::move(m)}; }
    static CacheError timeout(QString m) { return {ErrorKind::Timeout, std::move(m)}; }
    static CacheError auth(QString m) { return {ErrorKind::Auth, std::move(m)}; }
    static CacheError serialization(QString m) { return {ErrorKind::Serialization, std::move(m)}; }
    static CacheError protocol(QString m) { return {ErrorKind::Protocol, std::move(m)}; }
};

// A value or an error. `value` is default-constructed when `error` is set.
template <typename T>
struct Result {
    T value{};
    CacheError error;

    bool ok() const { return !error.isError(); }

    static Result success(T v) { return Result{std::move(v), {}}; }
    static Result failure(CacheError e) { return Result{T{}, std::move(e)}; }
};

} // namespace qrc

Q_DECLARE_METATYPE(qrc::CacheError)
