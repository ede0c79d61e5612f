#pragma once

#include <QCollator>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace qrc {

// The console's reading of the management API's JSON documents.

struct NamespaceCounters {
    qint64 hits = 0;
    qint64 misses = 0;
    double hitRate = 0.0;
    qint64 sets = 0;
    qint64 deletes = 0;
};

struct ServerStats {
    QString backend;    // "redis" | "memory"
    QString redisState; // "connected" | "unreachable" | "disabled"
    NamespaceCounters totals;
    qint64 evictions = 0;
    qint64 errors = 0;
    qint64 bytesRead = 0;
    qint64 bytesWritten = 0;
    qint64 totalRequests = 0;
    double uptimeSeconds = 0;
    QString createdAt;
    QString lastUpdatedAt;
    QMap<QString, NamespaceCounters> namespaces;
    // With scope=all: how many instances on the Redis were added up, and whether the sum is
    // complete (false while the server runs on memory: then only it is counted).
    int instances = 0;
    bool complete = true;

    // Serving from memory although Redis is configured: the state an operator must notice.
    bool onFallback() const {
        return backend == QLatin1String("memory") && redisState != QLatin1String("disabled");
    }

    static ServerStats fromJson(const QJsonObject &o);
};

struct ServerInfo {
    QString name;
    QString version;
    QString environment;
    QString prefix;
    qint64 defaultTtl = 0;
    qint64 maxTtl = 0;
    bool compressionEnabled = false;
    qint64 compressionThreshold = 0;
    QString rateLimit;

    static ServerInfo fromJson(const QJsonObject &o);
};

struct HistoryPoint {
    qint64 epochMs = 0;
    qint64 hits = 0;
    qint64 misses = 0;
};

QList<HistoryPoint> historyFromJson(const QJsonObject &o);

// Human-readable forms shared by the models and panels.
QString formatTtl(qint64 seconds); // "1h 02m 05s"; "no expiry" for -1; "expired" for 0 or less
QString formatBytes(qint64 bytes);
QString formatDuration(qint64 seconds);
// `text` made one unbreakable unit for word-wrapped labels: spaces become no-break spaces and
// a word joiner follows every '-', '/', ':' and '.', so "1 h", "fastapi-cache" or a URL never
// wrap in the middle.
QString keepTogether(const QString &text);
// Compares names as people sort them: case-insensitive, digits by value ("user_9" before
// "user_14"). The C locale's collator ignores numeric mode, so English stands in for it.
QCollator naturalCollator();

} // namespace qrc
