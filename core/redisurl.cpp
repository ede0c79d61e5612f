#include "redisurl.h"

#include <QUrl>
#include <QUrlQuery>

namespace qrc {

namespace {

constexpr int MaxDb = 15; // REDIS_DB's range: a default Redis server has 16 databases

bool parseDb(const QString &text, int &db) {
    bool ok = false;
    const int v = text.toInt(&ok, 10);
    if (!ok || v < 0 || v > MaxDb)
        return false;
    db = v;
    return true;
}

} // namespace

QString RedisUrl::apply(const QString &url, RedisSettings &settings) {
    const QString trimmed = url.trimmed();
    // QUrl's own error strings quote the URL, password included: only ours are returned.
    const QUrl u(trimmed, QUrl::StrictMode);
    if (!u.isValid())
        return QStringLiteral("not parsable as a URL");
    const QString scheme = u.scheme().toLower();
    RedisSettings out = settings;
    if (!u.userName().isEmpty())
        out.username = u.userName(QUrl::FullyDecoded);
    if (!u.password().isEmpty())
        out.password = u.password(QUrl::FullyDecoded);
    if (!u.fragment().isEmpty())
        return QStringLiteral("a fragment ('#...') is not allowed");

    if (scheme == u"unix") {
        const QString path = u.path(QUrl::FullyDecoded);
        if (!u.host().isEmpty() || u.port() != -1)
            return QStringLiteral("a unix URL names no host (unix:///path/to/redis.sock)");
        if (!path.startsWith(u'/') || path.size() < 2)
            return QStringLiteral("no absolute socket path (unix:///path/to/redis.sock)");
        out.db = 0;
        const QUrlQuery query(u);
        for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (name != u"db")
                return QStringLiteral("unknown parameter '%1' (only db=N)").arg(name);
            if (!parseDb(value, out.db))
                return QStringLiteral("db=%1 is not a database index (0-%2)").arg(value).arg(MaxDb);
        }
        out.unixSocket = path;
        out.ssl = false;
        settings = out;
        return {};
    }

    if (scheme != u"redis" && scheme != u"rediss")
        return QStringLiteral("scheme '%1' (expected redis://, rediss:// or unix://)")
            .arg(u.scheme());
    if (u.host().isEmpty())
        return QStringLiteral("no host (redis://host:port/db)");
    if (u.hasQuery())
        return QStringLiteral(
            "a query ('?...') is not allowed; put the database in the path (/db)");
    const int port = u.port(6379);
    if (port < 1 || port > 65535)
        return QStringLiteral("port %1 is not a valid port (1-65535)").arg(port);
    QString path = u.path(QUrl::FullyDecoded);
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    out.db = 0;
    if (!path.isEmpty() && !parseDb(path, out.db))
        return QStringLiteral("database '/%1' is not a database index (0-%2)").arg(path).arg(MaxDb);
    out.host = u.host(QUrl::FullyDecoded);
    out.port = port;
    out.ssl = scheme == u"rediss";
    out.unixSocket.clear();
    settings = out;
    return {};
}

QString RedisUrl::redacted(const QString &url) {
    QUrl u(url.trimmed(), QUrl::StrictMode);
    if (!u.isValid()) {
        // Unparsable: hide whatever lies between the scheme and the last '@', where a password
        // may sit.
        QString text = url.trimmed();
        qsizetype start = text.indexOf(u':');
        const qsizetype at = text.lastIndexOf(u'@');
        if (at >= 0) {
            while (start >= 0 && start + 1 < at && text.at(start + 1) == u'/')
                ++start;
            start = start < 0 ? 0 : start + 1;
            text.replace(start, at - start, QStringLiteral("***"));
        }
        return text;
    }
    if (!u.password().isEmpty())
        u.setPassword(QStringLiteral("***"));
    return u.toString();
}

} // namespace qrc
