#include "keyspace.h"

#include <algorithm>
#include <cstring>

namespace qrc {

namespace {
bool isNamespaceChar(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'_' || c == u'.' || c == u'-';
}

CacheError validateName(const QString &what, const QString &name, int maxLength) {
    if (name.isEmpty())
        return CacheError::validation(what + QStringLiteral(" must not be empty"));
    if (name.size() > maxLength)
        return CacheError::validation(QStringLiteral("%1 '%2' is longer than %3 characters")
                                          .arg(what, name.left(80))
                                          .arg(maxLength));
    for (QChar c : name)
        if (!isNamespaceChar(c))
            return CacheError::validation(
                QStringLiteral("%1 '%2' may contain only letters, digits, '_', '.' and '-'")
                    .arg(what, name.left(80)));
    return {};
}
} // namespace

Keyspace::Keyspace(const QString &prefix)
    : m_prefix(prefix.toUtf8()) {}

CacheError Keyspace::validateNamespace(const QString &ns) {
    return validateName(QStringLiteral("namespace"), ns, MaxNamespaceLength);
}

CacheError Keyspace::validatePrefix(const QString &prefix) {
    return validateName(QStringLiteral("namespace prefix"), prefix, 128);
}

CacheError Keyspace::validateKey(const QString &key) {
    if (key.isEmpty())
        return CacheError::validation(QStringLiteral("key must not be empty"));
    for (QChar c : key) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0))
            return CacheError::validation(
                QStringLiteral("key must not contain control characters (found U+%1)")
                    .arg(int(u), 4, 16, QLatin1Char('0')));
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most keys need no conversion to be sure.
    if (key.size() * 3 > MaxKeyBytes && key.toUtf8().size() > MaxKeyBytes)
        return CacheError::validation(
            QStringLiteral("key is longer than %1 bytes").arg(MaxKeyBytes));
    return {};
}

void appendUtf8(QByteArray &out, QStringView text) {
    if (!std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; })) {
        out += text.toUtf8();
        return;
    }
    const qsizetype at = out.size();
    out.resize(at + text.size());
    char *p = out.data() + at;
    for (QChar c : text)
        *p++ = char(c.unicode());
}

QByteArray Keyspace::namespacePrefix(const QString &ns) const {
    QByteArray out;
    out.reserve(m_prefix.size() + ns.size() + 2); // exact when the names are ASCII
    out += m_prefix;
    out += ':';
    appendUtf8(out, ns);
    out += ':';
    return out;
}

QByteArray Keyspace::fullKey(const QString &ns, const QString &key) const {
    if (m_lastNsPrefix.isEmpty() || ns != m_lastNs) {
        m_lastNsPrefix = namespacePrefix(ns);
        m_lastNs = ns;
    }
    // One allocation, exact when the key is ASCII; written with memcpy, not QByteArray's
    // append (its general insert path costs more than the rest of this function).
    const qsizetype prefixSize = m_lastNsPrefix.size();
    QByteArray out(prefixSize + key.size(), Qt::Uninitialized);
    std::memcpy(out.data(), m_lastNsPrefix.constData(), size_t(prefixSize));
    out.truncate(prefixSize);
    appendUtf8(out, key);
    return out;
}

QByteArray Keyspace::namespacePattern(const QString &ns) const {
    return escapeGlob(namespacePrefix(ns)) + '*';
}

QByteArray Keyspace::allPattern() const {
    return escapeGlob(m_prefix + ':') + '*';
}

QByteArray Keyspace::namespaceMatchPattern(const QString &ns, const QString &userGlob) const {
    if (userGlob.isEmpty())
        return namespacePattern(ns);
    return escapeGlob(namespacePrefix(ns)) + userGlob.toUtf8();
}

bool Keyspace::split(const QByteArray &full, QString *ns, QString *key) const {
    if (!full.startsWith(m_prefix) || full.size() <= m_prefix.size() + 1 ||
        full.at(m_prefix.size()) != ':')
        return false;
    const qsizetype nsStart = m_prefix.size() + 1;
    const qsizetype colon = full.indexOf(':', nsStart);
    if (colon < 0)
        return false;
    if (ns)
        *ns = QString::fromUtf8(full.constData() + nsStart, colon - nsStart);
    if (key)
        *key = QString::fromUtf8(full.mid(colon + 1));
    return true;
}

QByteArray Keyspace::escapeGlob(const QByteArray &literal) {
    QByteArray out;
    out.reserve(literal.size() + 4);
    for (char c : literal) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

// Redis' stringmatchlen semantics, without its nocase flag.
//
// A '*' tries every start for the rest of the pattern. When none matches, the answer is
// GiveUp: an earlier '*' taking more text only reaches this one further right (everything
// between two stars matches exactly one character per pattern element), where every start was
// just tried. Without it, "*a*a*a*a*b" against a long run of "a" took exponential time: a
// `match` of 400 bytes against a 1,000-byte key did not finish within a minute, and the memory
// backend's key listing runs it on the event loop. Redis 7.0.9 added the same check.
namespace {
enum class Glob { Match, NoMatch, GiveUp };

Glob globMatchImpl(const char *p, const char *pEnd, const char *s, const char *sEnd) {
    while (p < pEnd) {
        switch (*p) {
        case '*':
            while (p + 1 < pEnd && p[1] == '*')
                ++p;
            if (p + 1 == pEnd)
                return Glob::Match;
            for (const char *t = s; t <= sEnd; ++t) {
                const Glob rest = globMatchImpl(p + 1, pEnd, t, sEnd);
                if (rest != Glob::NoMatch)
                    return rest;
            }
            return Glob::GiveUp;
        case '?':
            if (s == sEnd)
                return Glob::NoMatch;
            ++s;
            break;
        case '[': {
            if (s == sEnd)
                return Glob::NoMatch;
            ++p;
            const bool negate = p < pEnd && *p == '^';
            if (negate)
                ++p;
            bool match = false;
            while (p < pEnd && *p != ']') {
                if (*p == '\\' && p + 1 < pEnd) {
                    ++p;
                    match |= *p == *s;
                } else if (p + 2 < pEnd && p[1] == '-' && p[2] != ']') {
                    char lo = p[0], hi = p[2];
                    if (lo > hi)
                        std::swap(lo, hi);
                    match |= *s >= lo && *s <= hi;
                    p += 2;
                } else {
                    match |= *p == *s;
                }
                ++p;
            }
            if (negate)
                match = !match;
            if (!match)
                return Glob::NoMatch;
            ++s;
            break;
        }
        case '\\':
            if (p + 1 < pEnd)
                ++p;
            [[fallthrough]];
        default:
            if (s == sEnd || *p != *s)
                return Glob::NoMatch;
            ++s;
            break;
        }
        if (p < pEnd)
            ++p;
    }
    return s == sEnd ? Glob::Match : Glob::NoMatch;
}
} // namespace

bool Keyspace::globMatch(const QByteArray &pattern, const QByteArray &text) {
    return globMatchImpl(pattern.constData(), pattern.constData() + pattern.size(),
                         text.constData(), text.constData() + text.size()) == Glob::Match;
}

} // namespace qrc
