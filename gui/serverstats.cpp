#include "serverstats.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace qrc {

namespace {

qint64 integer(const QJsonObject &o, const char *name) {
    return o.value(QLatin1String(name)).toVariant().toLongLong();
}

NamespaceCounters countersFromJson(const QJsonObject &o) {
    NamespaceCounters c;
    c.hits = integer(o, "hits");
    c.misses = integer(o, "misses");
    c.hitRate = o.value(QLatin1String("hit_rate")).toDouble();
    c.sets = integer(o, "sets");
    c.deletes = integer(o, "deletes");
    return c;
}

} // namespace

ServerStats ServerStats::fromJson(const QJsonObject &o) {
    ServerStats s;
    s.backend = o.value(QLatin1String("backend")).toString();
    s.redisState = o.value(QLatin1String("redis")).toString();
    s.totals = countersFromJson(o);
    s.evictions = integer(o, "evictions");
    s.errors = integer(o, "errors");
    s.bytesRead = integer(o, "bytes_read");
    s.bytesWritten = integer(o, "bytes_written");
    s.totalRequests = integer(o, "total_requests");
    s.uptimeSeconds = o.value(QLatin1String("uptime_seconds")).toDouble();
    s.createdAt = o.value(QLatin1String("created_at")).toString();
    s.lastUpdatedAt = o.value(QLatin1String("last_updated_at")).toString();
    s.instances = int(o.value(QLatin1String("instances")).toArray().size());
    s.complete = o.value(QLatin1String("complete")).toBool(true);
    const QJsonObject namespaces = o.value(QLatin1String("namespaces")).toObject();
    for (auto it = namespaces.begin(); it != namespaces.end(); ++it)
        s.namespaces.insert(it.key(), countersFromJson(it.value().toObject()));
    return s;
}

ServerInfo ServerInfo::fromJson(const QJsonObject &o) {
    ServerInfo i;
    i.name = o.value(QLatin1String("name")).toString();
    i.version = o.value(QLatin1String("version")).toString();
    i.environment = o.value(QLatin1String("environment")).toString();
    i.prefix = o.value(QLatin1String("prefix")).toString();
    i.defaultTtl = integer(o, "default_ttl");
    i.maxTtl = integer(o, "max_ttl");
    i.compressionEnabled = o.value(QLatin1String("compression_enabled")).toBool();
    i.compressionThreshold = integer(o, "compression_threshold");
    const QJsonValue rate = o.value(QLatin1String("rate_limit"));
    i.rateLimit = rate.isString() ? rate.toString() : rate.toVariant().toString();
    return i;
}

QList<HistoryPoint> historyFromJson(const QJsonObject &o) {
    QList<HistoryPoint> points;
    const QJsonArray samples = o.value(QLatin1String("samples")).toArray();
    points.reserve(samples.size());
    for (const QJsonValue &v : samples) {
        const QJsonObject s = v.toObject();
        points.append({integer(s, "t"), integer(s, "hits"), integer(s, "misses")});
    }
    return points;
}

QString formatTtl(qint64 seconds) {
    if (seconds == -1)
        return QCoreApplication::translate("qrc::Format", "no expiry");
    if (seconds <= 0)
        return QCoreApplication::translate("qrc::Format", "expired");
    const qint64 d = seconds / 86400;
    const qint64 h = (seconds % 86400) / 3600;
    const qint64 m = (seconds % 3600) / 60;
    const qint64 s = seconds % 60;
    auto two = [](qint64 v) { return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0')); };
    if (d > 0)
        return QCoreApplication::translate("qrc::Format", "%1d %2h %3m").arg(d).arg(two(h), two(m));
    if (h > 0)
        return QCoreApplication::translate("qrc::Format", "%1h %2m %3s").arg(h).arg(two(m), two(s));
    if (m > 0)
        return QCoreApplication::translate("qrc::Format", "%1m %2s").arg(m).arg(two(s));
    return QCoreApplication::translate("qrc::Format", "%1s").arg(s);
}

QString formatBytes(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString formatDuration(qint64 seconds) {
    return seconds < 1 ? QCoreApplication::translate("qrc::Format", "%1s").arg(0)
                       : formatTtl(seconds);
}

QCollator naturalCollator() {
    QCollator collator(QLocale().language() == QLocale::C ? QLocale(QLocale::English) : QLocale());
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    return collator;
}

QString keepTogether(const QString &text) {
    constexpr QChar NoBreakSpace(0x00A0);
    constexpr QChar WordJoiner(0x2060);
    QString out;
    out.reserve(text.size() * 2);
    for (const QChar c : text) {
        if (c == QLatin1Char(' ')) {
            out += NoBreakSpace;
            continue;
        }
        out += c;
        if (c == QLatin1Char('-') || c == QLatin1Char('/') || c == QLatin1Char(':') ||
            c == QLatin1Char('.'))
            out += WordJoiner;
    }
    return out;
}

} // namespace qrc
