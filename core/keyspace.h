#pragma once

#include "cacheerror.h"

#include <QByteArray>
#include <QString>

namespace qrc {

// How cache keys are laid out in a store: `<prefix>:<namespace>:<key>`. Namespaces and keys
// are validated, never rewritten; anything placed in a SCAN MATCH pattern is glob-escaped so
// that clearing namespace `it` can never touch `items`.
// Appends `text` as UTF-8; ASCII (nearly every key) needs no temporary array.
void appendUtf8(QByteArray &out, QStringView text);

// Not thread-safe: fullKey() keeps the prefix of the last namespace it was asked for (each
// CacheManager has its own Keyspace and uses it on its thread).
class Keyspace {
public:
    static constexpr int MaxNamespaceLength = 64;
    static constexpr int MaxKeyBytes = 1024;

    explicit Keyspace(const QString &prefix);

    static CacheError validateNamespace(const QString &ns);
    static CacheError validateKey(const QString &key);
    static CacheError validatePrefix(const QString &prefix);

    QByteArray prefix() const { return m_prefix; }
    // Caller validates first.
    QByteArray fullKey(const QString &ns, const QString &key) const;
    QByteArray namespacePrefix(const QString &ns) const; // "<prefix>:<ns>:"

    // SCAN patterns: every key of a namespace, every key under the prefix, and keys of a
    // namespace matching a user glob (the user's glob is kept, the namespace part is literal).
    QByteArray namespacePattern(const QString &ns) const;
    QByteArray allPattern() const;
    QByteArray namespaceMatchPattern(const QString &ns, const QString &userGlob) const;

    // Splits a full key; false when it is not under this prefix or has no namespace part.
    bool split(const QByteArray &fullKey, QString *ns, QString *key) const;

    static QByteArray escapeGlob(const QByteArray &literal);
    // Matches Redis' glob semantics (* ? [...] [^...] \x), for the memory backend's SCAN.
    static bool globMatch(const QByteArray &pattern, const QByteArray &text);

private:
    QByteArray m_prefix;
    // fullKey() is called for every cache operation, most often in the namespace of the one
    // before: that namespace's "<prefix>:<ns>:" is formatted once.
    mutable QString m_lastNs;
    mutable QByteArray m_lastNsPrefix;
};

} // namespace qrc
