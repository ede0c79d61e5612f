#include "configloader.h"

#include "keyspace.h"
#include "ratelimit/trustedproxies.h"
#include "redisurl.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

namespace qrc {
namespace {

// Value types. Each one turns raw text into a field value or says what the text is not
// ("is not a valid port (1-65535)"); the caller puts the setting's name and the value in front.
// An empty return means success.

struct Text {
    using Value = QString;
    bool required = false;
    QString parse(const QString &raw, Value &out) const {
        if (required && raw.trimmed().isEmpty())
            return QStringLiteral("is empty; a value is required");
        out = raw;
        return {};
    }
    QString show(const Value &v) const { return v; }
};

struct Choice {
    using Value = QString;
    QStringList allowed;
    QString parse(const QString &raw, Value &out) const {
        const QString v = raw.trimmed().toLower();
        if (!allowed.contains(v))
            return QStringLiteral("is not one of: ") + allowed.join(QStringLiteral(", "));
        out = v;
        return {};
    }
    QString show(const Value &v) const { return v; }
};

// Key prefixes end up inside Redis keys and SCAN patterns: the keyspace owns the rule.
struct KeyPrefix {
    using Value = QString;
    QString parse(const QString &raw, Value &out) const {
        const CacheError error = Keyspace::validatePrefix(raw);
        if (error.isError())
            return QStringLiteral("is not a valid key prefix: ") + error.message;
        out = raw;
        return {};
    }
    QString show(const Value &v) const { return v; }
};

struct Boolean {
    using Value = bool;
    QString parse(const QString &raw, Value &out) const {
        const QString v = raw.trimmed().toLower();
        if (v == u"true" || v == u"1" || v == u"yes" || v == u"on") {
            out = true;
        } else if (v == u"false" || v == u"0" || v == u"no" || v == u"off") {
            out = false;
        } else {
            return QStringLiteral("is not a boolean (true/false, 1/0, yes/no, on/off)");
        }
        return {};
    }
    QString show(const Value &v) const {
        return v ? QStringLiteral("true") : QStringLiteral("false");
    }
};

template <typename T>
struct Integer {
    using Value = T;
    qint64 min = 0;
    qint64 max = std::numeric_limits<T>::max();
    const char *what = "";
    QString parse(const QString &raw, Value &out) const {
        bool ok = false;
        const qint64 v = raw.trimmed().toLongLong(&ok, 10);
        if (!ok || v < min || v > max)
            return QStringLiteral("is not ") + QLatin1String(what);
        out = static_cast<T>(v);
        return {};
    }
    QString show(const Value &v) const { return QString::number(v); }
};

struct PositiveSeconds {
    using Value = double;
    QString parse(const QString &raw, Value &out) const {
        bool ok = false;
        const double v = raw.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v) || v <= 0)
            return QStringLiteral("is not a positive number of seconds");
        out = v;
        return {};
    }
    QString show(const Value &v) const { return QString::number(v); }
};

// The rate limiter owns the syntax of the list; it is checked here so that a typo stops the
// start instead of silently trusting nobody.
struct AddressList {
    using Value = QStringList;
    QString parse(const QString &raw, Value &out) const {
        QStringList entries;
        for (const QString &part : raw.split(u',')) {
            if (!part.trimmed().isEmpty())
                entries << part.trimmed();
        }
        const Result<TrustedProxies> parsed = TrustedProxies::parse(entries);
        if (!parsed.ok())
            return QStringLiteral("is not a list of proxies: ") + parsed.error.message;
        out = entries;
        return {};
    }
    QString show(const Value &v) const { return v.join(QStringLiteral(",")); }
};

// Checked by applying it to scratch settings; the real settings get it once every source is
// read, because the URL overrides host, port, db and ssl whatever their source.
struct RedisUrlText {
    using Value = QString;
    QString parse(const QString &raw, Value &out) const {
        if (!raw.trimmed().isEmpty()) {
            RedisSettings scratch;
            const QString failure = RedisUrl::apply(raw, scratch);
            if (!failure.isEmpty())
                return QStringLiteral("is not a valid Redis URL: ") + failure;
        }
        out = raw.trimmed();
        return {};
    }
    QString show(const Value &v) const { return RedisUrl::redacted(v); }
};

// host:port,host:port (Sentinel addresses).
struct EndpointList {
    using Value = QStringList;
    QString parse(const QString &raw, Value &out) const {
        QStringList entries;
        for (const QString &part : raw.split(u',')) {
            const QString entry = part.trimmed();
            if (entry.isEmpty())
                continue;
            const qsizetype colon = entry.lastIndexOf(u':');
            bool ok = false;
            const int port = colon > 0 ? entry.mid(colon + 1).toInt(&ok, 10) : 0;
            if (!ok || port < 1 || port > 65535)
                return QStringLiteral("is not a list of host:port (entry '%1')").arg(entry);
            entries << entry;
        }
        out = entries;
        return {};
    }
    QString show(const Value &v) const { return v.join(QStringLiteral(",")); }
};

// One row per setting: every source, the help text and the summary are generated from these.
struct SettingRow {
    QString key;       // "section/key": the INI key, and the name in the summary
    QString env;       // environment and .env variable; empty when there is none
    QString option;    // long command-line option taking a value; empty when there is none
    QString valueName; // shown in the help: --redis-port <port>
    QString help;
    QString flag; // a value-less option that stands for `flagValue` (--no-redis)
    QString flagValue;
    bool secret = false;
    bool optionReadsFile = false; // the option names a file whose trimmed content is the value
    QString (*redact)(const QString &) = nullptr; // hides the password inside a raw value
    std::function<QString(Settings &, const QString &)> assign;
    std::function<QString(const Settings &)> show;

    QString section() const { return key.section(u'/', 0, 0); }
    QString iniName() const { return key.section(u'/', 1); }

    SettingRow withFlag(const char *name, const char *value) && {
        flag = QLatin1String(name);
        flagValue = QLatin1String(value);
        return std::move(*this);
    }
    SettingRow asSecret() && {
        secret = true;
        return std::move(*this);
    }
    SettingRow withRedaction(QString (*f)(const QString &)) && {
        redact = f;
        return std::move(*this);
    }
    SettingRow optionIsFile() && {
        optionReadsFile = true;
        return std::move(*this);
    }
};

struct Names {
    const char *key;
    const char *env;       // nullptr: none
    const char *option;    // nullptr: none
    const char *valueName; // nullptr: none
};

template <auto Group, auto Member, typename Type>
SettingRow row(Names names, const char *help, Type type) {
    SettingRow r;
    r.key = QLatin1String(names.key);
    r.env = QLatin1String(names.env);
    r.option = QLatin1String(names.option);
    r.valueName = QLatin1String(names.valueName);
    r.help = QLatin1String(help);
    r.assign = [type](Settings &s, const QString &raw) {
        typename Type::Value v{};
        QString failure = type.parse(raw, v);
        if (failure.isEmpty())
            (s.*Group).*Member = std::move(v);
        return failure;
    };
    r.show = [type](const Settings &s) { return type.show((s.*Group).*Member); };
    return r;
}

const Integer<int> Port{1, 65535, "a valid port (1-65535)"};
const Integer<int> Connections{1, 10000, "a valid connection limit (1-10000)"};
const Text AnyText{false};
const Text RequiredText{true};

std::vector<SettingRow> buildTable() {
    using A = AppSettings;
    using R = RedisSettings;
    using C = CacheSettings;
    using L = RateLimitSettings;
    using S = ServerSettings;
    constexpr auto app = &Settings::app;
    constexpr auto redis = &Settings::redis;
    constexpr auto cache = &Settings::cache;
    constexpr auto limit = &Settings::rateLimit;
    constexpr auto server = &Settings::server;

    std::vector<SettingRow> t;
    // clang-format off
    t.push_back(row<app, &A::appName>({"app/name", "APP_NAME", "app-name", "name"},
        "Application name shown in logs and /health.", AnyText));
    t.push_back(row<app, &A::description>({"app/description", "DESCRIPTION", "description", "text"},
        "Application description.", AnyText));
    t.push_back(row<app, &A::debug>({"app/debug", "DEBUG", "debug", "bool"},
        "Debug mode.", Boolean{}));
    t.push_back(row<app, &A::logToFile>({"app/log_to_file", "LOG_TO_FILE", "log-to-file", "bool"},
        "Also write the log to --log-file.", Boolean{}));
    t.push_back(row<app, &A::logFile>({"app/log_file", "LOG_FILE", "log-file", "file"},
        "Log file path.", RequiredText));
    t.push_back(row<app, &A::logLevel>({"app/log_level", "LOG_LEVEL", "log-level", "level"},
        "Log level: debug, info, warning or error.",
        Choice{{QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                QStringLiteral("error")}}));
    t.push_back(row<app, &A::environment>({"app/environment", "ENVIRONMENT", "environment", "name"},
        "Deployment environment name (development, production, ...).", RequiredText));
    t.push_back(row<app, &A::productionFrontendUrl>(
        {"app/production_frontend_url", "PRODUCTION_FRONTEND_URL", "production-frontend-url", "url"},
        "Origin allowed by CORS in production.", AnyText));

    t.push_back(row<redis, &R::enabled>({"redis/enabled", "REDIS_ENABLED", "redis-enabled", "bool"},
        "Use Redis; when false the in-memory backend serves alone.", Boolean{})
        .withFlag("no-redis", "false"));
    t.push_back(row<redis, &R::url>({"redis/url", "REDIS_URL", "redis-url", "url"},
        "redis://[user:password@]host:port/db, rediss://... (TLS) or unix:///path/redis.sock?db=N; "
        "overrides host, port, db and ssl.", RedisUrlText{}).withRedaction(&RedisUrl::redacted));
    t.push_back(row<redis, &R::host>({"redis/host", "REDIS_HOST", "redis-host", "host"},
        "Redis server host.", RequiredText));
    t.push_back(row<redis, &R::port>({"redis/port", "REDIS_PORT", "redis-port", "port"},
        "Redis server port.", Port));
    t.push_back(row<redis, &R::db>({"redis/db", "REDIS_DB", "redis-db", "index"},
        "Redis database index.",
        Integer<int>{0, 15, "a valid Redis database (0-15; a default Redis server has 16)"}));
    t.push_back(row<redis, &R::username>({"redis/username", "REDIS_USERNAME", "redis-username", "user"},
        "Redis ACL user name.", AnyText));
    t.push_back(row<redis, &R::password>({"redis/password", "REDIS_PASSWORD", "redis-password", "password"},
        "Redis password (prefer REDIS_PASSWORD: command lines are visible to other users).",
        AnyText).asSecret());
    t.push_back(row<redis, &R::ssl>({"redis/ssl", "REDIS_SSL", "redis-ssl", "bool"},
        "Connect to Redis over TLS.", Boolean{}));
    t.push_back(row<redis, &R::sslCaFile>({"redis/ssl_ca_file", "REDIS_SSL_CA_FILE", "redis-ssl-ca-file", "file"},
        "CA certificates (PEM) to verify the Redis server with.", AnyText));
    t.push_back(row<redis, &R::sslCertFile>({"redis/ssl_cert_file", "REDIS_SSL_CERT_FILE", "redis-ssl-cert-file", "file"},
        "Client certificate (PEM).", AnyText));
    t.push_back(row<redis, &R::sslKeyFile>({"redis/ssl_key_file", "REDIS_SSL_KEY_FILE", "redis-ssl-key-file", "file"},
        "Client private key (PEM).", AnyText));
    t.push_back(row<redis, &R::sslVerifyPeer>({"redis/ssl_verify_peer", "REDIS_SSL_VERIFY_PEER", "redis-ssl-verify-peer", "bool"},
        "Verify the Redis server's certificate.", Boolean{}));
    t.push_back(row<redis, &R::socketTimeout>({"redis/socket_timeout", "REDIS_SOCKET_TIMEOUT", "redis-socket-timeout", "seconds"},
        "Timeout of one Redis command.", PositiveSeconds{}));
    t.push_back(row<redis, &R::socketConnectTimeout>(
        {"redis/socket_connect_timeout", "REDIS_SOCKET_CONNECT_TIMEOUT", "redis-socket-connect-timeout", "seconds"},
        "Timeout of a connection attempt.", PositiveSeconds{}));
    t.push_back(row<redis, &R::socketKeepalive>({"redis/socket_keepalive", "REDIS_SOCKET_KEEPALIVE", "redis-socket-keepalive", "bool"},
        "TCP keepalive on Redis connections.", Boolean{}));
    t.push_back(row<redis, &R::healthCheckInterval>(
        {"redis/health_check_interval", "REDIS_HEALTH_CHECK_INTERVAL", "redis-health-check-interval", "seconds"},
        "Seconds between health checks of an idle connection; 0 turns them off.",
        Integer<int>{0, 86400, "a valid health check interval (0-86400 seconds)"}));
    t.push_back(row<redis, &R::maxConnections>({"redis/max_connections", "REDIS_MAX_CONNECTIONS", "redis-max-connections", "count"},
        "Maximum Redis connections.", Connections));
    t.push_back(row<redis, &R::decodeResponses>(
        {"redis/decode_responses", "REDIS_DECODE_RESPONSES", "redis-decode-responses", "bool"},
        "Accepted for parity with the Python seed; values are always bytes.", Boolean{}));
    t.push_back(row<redis, &R::sentinels>({"redis/sentinels", "REDIS_SENTINELS", "redis-sentinels", "host:port,..."},
        "Redis Sentinels to discover the master from; host and port are then unused.", EndpointList{}));
    t.push_back(row<redis, &R::sentinelMaster>({"redis/sentinel_master", "REDIS_SENTINEL_MASTER", "redis-sentinel-master", "name"},
        "Name of the master the Sentinels monitor.", AnyText));
    t.push_back(row<redis, &R::sentinelUsername>({"redis/sentinel_username", "REDIS_SENTINEL_USERNAME", "redis-sentinel-username", "user"},
        "ACL user on the Sentinels.", AnyText));
    t.push_back(row<redis, &R::sentinelPassword>({"redis/sentinel_password", "REDIS_SENTINEL_PASSWORD", "redis-sentinel-password", "password"},
        "Password of the Sentinels (prefer the environment variable).", AnyText).asSecret());
    t.push_back(row<redis, &R::sentinelSsl>({"redis/sentinel_ssl", "REDIS_SENTINEL_SSL", "redis-sentinel-ssl", "bool"},
        "Connect to the Sentinels over TLS, with the CA, certificate and key of the REDIS_SSL_* settings.", Boolean{}));
    t.push_back(row<redis, &R::clusterNodes>({"redis/cluster_nodes", "REDIS_CLUSTER_NODES", "redis-cluster-nodes", "host:port,..."},
        "Redis Cluster seed nodes; the masters and the slot map are read from them.", EndpointList{}));

    t.push_back(row<cache, &C::defaultTtl>({"cache/default_ttl", "CACHE_DEFAULT_TTL", "cache-default-ttl", "seconds"},
        "TTL of entries set without one.",
        Integer<int>{1, std::numeric_limits<int>::max(), "a valid TTL (a whole number of seconds, at least 1)"}));
    t.push_back(row<cache, &C::maxTtl>({"cache/max_ttl", "CACHE_MAX_TTL", "cache-max-ttl", "seconds"},
        "Largest TTL accepted; at least the default TTL.",
        Integer<int>{1, std::numeric_limits<int>::max(), "a valid TTL (a whole number of seconds, at least 1)"}));
    t.push_back(row<cache, &C::namespacePrefix>(
        {"cache/namespace_prefix", "CACHE_NAMESPACE_PREFIX", "cache-namespace-prefix", "prefix"},
        "Prefix of every cache key: <prefix>:<namespace>:<key>.", KeyPrefix{}));
    t.push_back(row<cache, &C::compressionEnabled>(
        {"cache/compression_enabled", "CACHE_COMPRESSION_ENABLED", "cache-compression-enabled", "bool"},
        "Gzip values larger than the compression threshold.", Boolean{}));
    t.push_back(row<cache, &C::compressionThreshold>(
        {"cache/compression_threshold", "CACHE_COMPRESSION_THRESHOLD", "cache-compression-threshold", "bytes"},
        "Smallest value size that is compressed.",
        Integer<int>{0, std::numeric_limits<int>::max(), "a valid size (a whole number of bytes, at least 0)"}));
    t.push_back(row<cache, &C::statisticsEnabled>(
        {"cache/statistics_enabled", "CACHE_STATISTICS_ENABLED", "cache-statistics-enabled", "bool"},
        "Count hits, misses and latencies.", Boolean{}));
    t.push_back(row<cache, &C::readDeadlineMs>(
        {"cache/read_deadline_ms", "CACHE_READ_DEADLINE_MS", "cache-read-deadline-ms", "ms"},
        "Longest a cache read may delay a request; past it the request goes on as a miss "
        "(0: no deadline, only the Redis socket timeout).",
        Integer<int>{0, 60000, "a valid read deadline (0-60000 ms)"}));
    t.push_back(row<cache, &C::wireFormat>({"cache/wire_format", "CACHE_WIRE_FORMAT", "cache-wire-format", "name"},
        "How values are stored: native, or seed (the Python seed library's format, for a Redis "
        "shared with it).",
        Choice{{QStringLiteral("native"), QStringLiteral("seed")}}));
    t.push_back(row<cache, &C::nearCache>({"cache/near_cache", "CACHE_NEAR_CACHE", "cache-near-cache", "bool"},
        "Serve repeated reads from process memory, kept coherent by Redis client tracking.",
        Boolean{}));
    t.push_back(row<cache, &C::nearMaxEntries>(
        {"cache/near_max_entries", "CACHE_NEAR_MAX_ENTRIES", "cache-near-max-entries", "count"},
        "Entry limit of the near cache.",
        Integer<qint64>{1, std::numeric_limits<qint64>::max(), "a valid entry limit (at least 1)"}));
    t.push_back(row<cache, &C::nearMaxBytes>(
        {"cache/near_max_bytes", "CACHE_NEAR_MAX_BYTES", "cache-near-max-bytes", "bytes"},
        "Size limit of the near cache.",
        Integer<qint64>{1, std::numeric_limits<qint64>::max(), "a valid size limit (at least 1 byte)"}));
    t.push_back(row<cache, &C::singleFlight>({"cache/single_flight", "CACHE_SINGLE_FLIGHT", "cache-single-flight", "name"},
        "Who shares a producer call on a miss: local (this process) or distributed (every "
        "instance on the Redis, through a lease).",
        Choice{{QStringLiteral("local"), QStringLiteral("distributed")}}));
    t.push_back(row<cache, &C::singleFlightLeaseMs>(
        {"cache/single_flight_lease_ms", "CACHE_SINGLE_FLIGHT_LEASE_MS", "cache-single-flight-lease-ms", "ms"},
        "Lease of a distributed producer call, renewed while it runs: how long the other "
        "instances wait for a holder that died.",
        Integer<int>{10, 600000, "a valid lease (10-600000 ms)"}));
    t.push_back(row<cache, &C::memoryMaxEntries>(
        {"cache/memory_max_entries", "CACHE_MEMORY_MAX_ENTRIES", "cache-memory-max-entries", "count"},
        "Entry limit of the in-memory backend.",
        Integer<qint64>{1, std::numeric_limits<qint64>::max(), "a valid entry limit (at least 1)"}));
    t.push_back(row<cache, &C::memoryMaxBytes>(
        {"cache/memory_max_bytes", "CACHE_MEMORY_MAX_BYTES", "cache-memory-max-bytes", "bytes"},
        "Size limit of the in-memory backend.",
        Integer<qint64>{1, std::numeric_limits<qint64>::max(), "a valid size limit (at least 1 byte)"}));

    t.push_back(row<limit, &L::defaultLimit>({"rate_limit/default", "RATE_LIMIT", "rate-limit", "limit"},
        "Rate limit of the public routes, e.g. 100/minute; none turns it off.", AnyText));
    t.push_back(row<limit, &L::managementLimit>({"rate_limit/management", "RATE_LIMIT_MANAGEMENT", "rate-limit-management", "limit"},
        "Rate limit of the cache management routes.", AnyText));
    t.push_back(row<limit, &L::strategy>({"rate_limit/strategy", "RATE_LIMIT_STRATEGY", "rate-limit-strategy", "name"},
        "Rate limit strategy: fixed-window, moving-window or sliding-window-counter.",
        Choice{{QStringLiteral("fixed-window"), QStringLiteral("moving-window"),
                QStringLiteral("sliding-window-counter")}}));
    t.push_back(row<limit, &L::storage>({"rate_limit/storage", "RATE_LIMIT_STORAGE", "rate-limit-storage", "name"},
        "Where rate limit counters live: memory or redis.",
        Choice{{QStringLiteral("memory"), QStringLiteral("redis")}}));
    t.push_back(row<limit, &L::keyPrefix>({"rate_limit/prefix", "RATE_LIMIT_PREFIX", "rate-limit-prefix", "prefix"},
        "Prefix of rate limit keys in Redis.", KeyPrefix{}));
    t.push_back(row<limit, &L::trustedProxies>({"rate_limit/trusted_proxies", "TRUSTED_PROXIES", "trusted-proxies", "list"},
        "Comma-separated addresses or CIDR subnets whose X-Forwarded-For is believed.",
        AddressList{}));

    t.push_back(row<server, &S::host>({"server/host", "SERVER_HOST", "host", "address"},
        "Address the HTTP server listens on.", RequiredText));
    t.push_back(row<server, &S::port>({"server/port", "SERVER_PORT", "port", "port"},
        "Port the HTTP server listens on.", Port));
    t.push_back(row<server, &S::adminToken>({"server/admin_token", "CACHE_ADMIN_TOKEN", "admin-token-file", "file"},
        "Bearer token of the management routes (the option reads it from a file).", AnyText)
        .asSecret().optionIsFile());
    // Deliberately not an environment variable: an inherited variable must not switch off auth.
    t.push_back(row<server, &S::insecureNoAuth>({"server/insecure_no_auth", nullptr, nullptr, nullptr},
        "Serve the management routes without a token.", Boolean{})
        .withFlag("insecure-no-auth", "true"));
    t.push_back(row<server, &S::demoItems>({"server/demo_items", "DEMO_ITEMS", "demo-items", "count"},
        "Items in the demo data set.",
        Integer<int>{0, 1000000, "a valid item count (0-1000000)"}));
    t.push_back(row<server, &S::demoLatencyMs>({"server/demo_latency_ms", "DEMO_LATENCY_MS", "demo-latency-ms", "ms"},
        "Simulated latency of the demo data source.",
        Integer<int>{0, 60000, "a valid latency (0-60000 ms)"}));
    t.push_back(row<server, &S::maxBodyBytes>({"server/max_body_bytes", "SERVER_MAX_BODY_BYTES", "server-max-body-bytes", "bytes"},
        "Largest request body accepted.",
        Integer<qint64>{1, std::numeric_limits<qint64>::max(), "a valid size limit (at least 1 byte)"}));
    t.push_back(row<server, &S::idleTimeoutSeconds>({"server/idle_timeout", "SERVER_IDLE_TIMEOUT", "server-idle-timeout", "seconds"},
        "Seconds before an idle client connection is closed.",
        Integer<int>{1, std::numeric_limits<int>::max(), "a valid timeout (a whole number of seconds, at least 1)"}));
    t.push_back(row<server, &S::maxConnections>({"server/max_connections", "SERVER_MAX_CONNECTIONS", "server-max-connections", "count"},
        "Maximum simultaneous client connections.", Connections));
    t.push_back(row<server, &S::maxConnectionsPerClient>({"server/max_connections_per_client", "SERVER_MAX_CONNECTIONS_PER_CLIENT", "server-max-connections-per-client", "count"},
        "Maximum simultaneous connections of one client address; a client over it has its own oldest idle connection closed, or is refused.", Connections));
    t.push_back(row<server, &S::demoMaxItems>({"server/demo_max_items", "DEMO_MAX_ITEMS", "demo-max-items", "count"},
        "Most items the demo data set grows to; a POST past it is answered 507.",
        Integer<int>{1, 10000000, "a valid item count (1-10000000)"}));
    // clang-format on
    return t;
}

const std::vector<SettingRow> &table() {
    static const std::vector<SettingRow> t = buildTable();
    return t;
}

const SettingRow &rowByKey(const QString &key) {
    for (const SettingRow &r : table()) {
        if (r.key == key)
            return r;
    }
    Q_UNREACHABLE();
}

QString quoted(const QString &value) {
    return u'\'' + value + u'\'';
}

QString shownValue(const SettingRow &r, const QString &value) {
    if (r.secret)
        return value.isEmpty() ? QStringLiteral("(not set)") : QStringLiteral("***");
    return value.isEmpty() ? QStringLiteral("(empty)") : value;
}

// A value found in a file, with where it came from for error messages.
struct FileEntry {
    QString value;
    int line = 0;
};

CacheError fileError(const QString &path, int line, const QString &what) {
    return CacheError::validation(QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(what));
}

Result<QStringList> readLines(const QString &option, const QString &path) {
    QFile file(path);
    if (!file.exists())
        return Result<QStringList>::failure(CacheError::validation(
            QStringLiteral("%1: %2 does not exist").arg(option, quoted(path))));
    if (!file.open(QIODevice::ReadOnly))
        return Result<QStringList>::failure(
            CacheError::validation(QStringLiteral("%1: cannot read %2: %3")
                                       .arg(option, quoted(path), file.errorString())));
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (QString &l : lines) {
        if (l.endsWith(u'\r'))
            l.chop(1);
    }
    return Result<QStringList>::success(lines);
}

// KEY=VALUE lines as docker and python-dotenv read them. Values never appear in errors: the
// line that failed to parse may well be the password.
Result<QHash<QString, FileEntry>> parseDotEnv(const QString &path) {
    using R = Result<QHash<QString, FileEntry>>;
    const Result<QStringList> lines = readLines(QStringLiteral("--env-file"), path);
    if (!lines.ok())
        return R::failure(lines.error);

    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    static const QRegularExpression exportWord(QStringLiteral("^export\\s+"));
    static const QRegularExpression inlineComment(QStringLiteral("\\s#"));
    QHash<QString, FileEntry> entries;
    for (int i = 0; i < lines.value.size(); ++i) {
        const int lineNo = i + 1;
        QString line = lines.value.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        line.remove(exportWord);
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0)
            return R::failure(fileError(path, lineNo, QStringLiteral("expected KEY=VALUE")));
        const QString key = line.left(eq).trimmed();
        if (!name.match(key).hasMatch())
            return R::failure(fileError(path, lineNo, QStringLiteral("invalid variable name")));
        const QString rest = line.mid(eq + 1).trimmed();

        QString value;
        if (rest.startsWith(u'"') || rest.startsWith(u'\'')) {
            const QChar quote = rest.front();
            qsizetype pos = 1;
            bool closed = false;
            while (pos < rest.size()) {
                const QChar c = rest.at(pos++);
                if (c == quote) {
                    closed = true;
                    break;
                }
                if (quote == u'"' && c == u'\\' && pos < rest.size()) {
                    const QChar e = rest.at(pos++);
                    value += e == u'n' ? QChar(u'\n') : e == u't' ? QChar(u'\t') : e;
                    continue;
                }
                value += c;
            }
            if (!closed)
                return R::failure(
                    fileError(path, lineNo, key + QStringLiteral(": unterminated quoted value")));
            const QString tail = rest.mid(pos).trimmed();
            if (!tail.isEmpty() && !tail.startsWith(u'#'))
                return R::failure(
                    fileError(path, lineNo,
                              key + QStringLiteral(": unexpected text after the closing quote")));
        } else {
            value = rest;
            const qsizetype hash = value.indexOf(inlineComment);
            if (hash >= 0)
                value = value.left(hash).trimmed();
        }
        entries.insert(key, {value, lineNo});
    }
    return R::success(entries);
}

int editDistance(const QString &a, const QString &b) {
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int subst = prev[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// A small INI reader rather than QSettings: QSettings turns "a, b" into a list and interprets
// quotes and @Variant, which would corrupt rate-limit strings and passwords.
Result<QHash<QString, FileEntry>> parseIni(const QString &path) {
    using R = Result<QHash<QString, FileEntry>>;
    const Result<QStringList> lines = readLines(QStringLiteral("--config"), path);
    if (!lines.ok())
        return R::failure(lines.error);

    QHash<QString, FileEntry> entries;
    QString section;
    for (int i = 0; i < lines.value.size(); ++i) {
        const int lineNo = i + 1;
        const QString line = lines.value.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']'))
                return R::failure(fileError(path, lineNo, QStringLiteral("expected [section]")));
            section = line.mid(1, line.size() - 2).trimmed().toLower();
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0)
            return R::failure(
                fileError(path, lineNo, QStringLiteral("expected 'key = value' or '[section]'")));
        const QString name = line.left(eq).trimmed().toLower();
        const QString key = section.isEmpty() ? name : section + u'/' + name;

        bool known = false;
        QString suggestion;
        int best = 3;
        for (const SettingRow &r : table()) {
            if (r.key == key) {
                known = true;
                break;
            }
            const int d = editDistance(key, r.key);
            if (d < best) {
                best = d;
                suggestion = r.key;
            }
        }
        if (!known) {
            QString what = QStringLiteral("unknown key ") + quoted(key);
            if (!suggestion.isEmpty())
                what += QStringLiteral(" (did you mean %1?)").arg(quoted(suggestion));
            return R::failure(fileError(path, lineNo, what));
        }

        QString value = line.mid(eq + 1).trimmed();
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') &&
            value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        entries.insert(key, {value, lineNo});
    }
    return R::success(entries);
}

QString optionColumn(const QString &names, const QString &valueName) {
    return valueName.isEmpty() ? names : names + QStringLiteral(" <") + valueName + u'>';
}

QString buildHelp(const QString &program) {
    struct Entry {
        QString left;
        QString description;
        QString detail;
    };
    QList<QPair<QString, QList<Entry>>> groups;
    groups.append(
        {QStringLiteral("General"),
         {{QStringLiteral("-h, --help"), QStringLiteral("Show this help and exit."), {}},
          {QStringLiteral("-v, --version"), QStringLiteral("Show the version and exit."), {}},
          {QStringLiteral("--config <file>"),
           QStringLiteral("Read settings from an INI file ([section] key = value, keys "
                          "below)."),
           {}},
          {QStringLiteral("--env-file <file>"),
           QStringLiteral("Read KEY=VALUE lines (default: ./.env when present)."),
           {}}}});

    const Settings defaults;
    for (const SettingRow &r : table()) {
        const QString section = QLatin1Char('[') + r.section() + QLatin1Char(']');
        if (groups.back().first != section)
            groups.append({section, {}});
        QStringList where;
        if (!r.env.isEmpty())
            where << QStringLiteral("env ") + r.env;
        where << QStringLiteral("ini ") + r.key;
        where << QStringLiteral("default: ") + shownValue(r, r.show(defaults));
        QStringList names;
        if (!r.option.isEmpty())
            names << optionColumn(QStringLiteral("--") + r.option, r.valueName);
        if (!r.flag.isEmpty())
            names << QStringLiteral("--") + r.flag;
        groups.back().second.append(
            {names.isEmpty() ? QStringLiteral("(no option)") : names.join(QStringLiteral(", ")),
             r.help, where.join(QStringLiteral(", "))});
    }

    constexpr int column = 34;
    QString text = QStringLiteral("Usage: %1 [options]\n\n"
                                  "Settings come from, highest precedence first: the command "
                                  "line, the environment,\na .env file, an INI file, and the "
                                  "defaults shown below.\n")
                       .arg(program);
    const QString indent(column, u' ');
    for (const auto &[title, entries] : std::as_const(groups)) {
        text += u'\n' + title + QStringLiteral(":\n");
        for (const Entry &e : entries) {
            QString left = QStringLiteral("  ") + e.left;
            if (left.size() + 2 > column)
                left += u'\n' + indent;
            else
                left = left.leftJustified(column);
            text += left + e.description + u'\n';
            if (!e.detail.isEmpty())
                text += indent + e.detail + u'\n';
        }
    }
    return text;
}

// Where the effective value of a setting came from: its name as the user wrote it.
struct Origin {
    QString label;
    QString raw;
};

} // namespace

Result<LoadedConfig> ConfigLoader::load(const QStringList &arguments,
                                        const QProcessEnvironment &environment) {
    using R = Result<LoadedConfig>;
    const auto fail = [](const QString &message) {
        return R::failure(CacheError::validation(message));
    };

    LoadedConfig config;
    const QString program = arguments.isEmpty() ? QStringLiteral("cache-server")
                                                : QFileInfo(arguments.first()).fileName();
    config.helpText = buildHelp(program);

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption versionOption(
        QStringList{QStringLiteral("v"), QStringLiteral("version")});
    const QCommandLineOption configOption(QStringLiteral("config"), QString(),
                                          QStringLiteral("file"));
    const QCommandLineOption envFileOption(QStringLiteral("env-file"), QString(),
                                           QStringLiteral("file"));
    parser.addOptions({helpOption, versionOption, configOption, envFileOption});
    for (const SettingRow &r : table()) {
        if (!r.option.isEmpty())
            parser.addOption(QCommandLineOption(r.option, r.help, r.valueName));
        if (!r.flag.isEmpty())
            parser.addOption(QCommandLineOption(r.flag, r.help));
    }
    if (!parser.parse(arguments.isEmpty() ? QStringList{program} : arguments))
        return fail(QStringLiteral("command line: ") + parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("command line: unexpected argument ") +
                    quoted(parser.positionalArguments().first()));

    config.helpRequested = parser.isSet(helpOption);
    config.versionRequested = parser.isSet(versionOption);
    if (config.helpRequested || config.versionRequested)
        return R::success(config);

    QHash<QString, FileEntry> ini;
    QString iniPath;
    if (parser.isSet(configOption)) {
        iniPath = parser.value(configOption);
        auto parsed = parseIni(iniPath);
        if (!parsed.ok())
            return R::failure(parsed.error);
        ini = std::move(parsed.value);
        config.sources << iniPath;
    }

    QHash<QString, FileEntry> dotEnv;
    QString dotEnvPath;
    if (parser.isSet(envFileOption))
        dotEnvPath = parser.value(envFileOption);
    else if (QFileInfo::exists(QStringLiteral(".env")))
        dotEnvPath = QStringLiteral(".env");
    if (!dotEnvPath.isEmpty()) {
        auto parsed = parseDotEnv(dotEnvPath);
        if (!parsed.ok())
            return R::failure(parsed.error);
        dotEnv = std::move(parsed.value);
        config.sources << dotEnvPath;
    }

    // Only the winning value of each setting is validated: an overridden lower layer may hold
    // anything (Kubernetes injects REDIS_PORT=tcp://10.0.0.7:6379 for a service named redis).
    QHash<QString, Origin> origins;
    Settings &settings = config.settings;
    for (const SettingRow &r : table()) {
        Origin origin;
        bool found = true;
        if (!r.flag.isEmpty() && parser.isSet(r.flag)) {
            origin = {QStringLiteral("--") + r.flag, r.flagValue};
        } else if (!r.option.isEmpty() && parser.isSet(r.option)) {
            const QString label = QStringLiteral("--") + r.option;
            origin = {label, parser.values(r.option).constLast()};
            if (r.optionReadsFile) {
                QFile file(origin.raw);
                if (!file.open(QIODevice::ReadOnly))
                    return fail(QStringLiteral("%1: cannot read %2: %3")
                                    .arg(label, quoted(origin.raw), file.errorString()));
                const QString content = QString::fromUtf8(file.readAll()).trimmed();
                if (content.isEmpty())
                    return fail(QStringLiteral("%1: %2 is empty").arg(label, quoted(origin.raw)));
                origin.raw = content;
            }
        } else if (!r.env.isEmpty() && environment.contains(r.env)) {
            origin = {r.env, environment.value(r.env)};
        } else if (!r.env.isEmpty() && dotEnv.contains(r.env)) {
            const FileEntry &e = dotEnv[r.env];
            origin = {QStringLiteral("%1 (%2:%3)").arg(r.env, dotEnvPath).arg(e.line), e.value};
        } else if (ini.contains(r.key)) {
            const FileEntry &e = ini[r.key];
            origin = {QStringLiteral("%1 (%2:%3)").arg(r.key, iniPath).arg(e.line), e.value};
        } else {
            found = false;
            origin.label = (r.env.isEmpty() ? r.key : r.env) + QStringLiteral(" (default)");
        }
        if (found) {
            const QString failure = r.assign(settings, origin.raw);
            if (!failure.isEmpty())
                return fail(QStringLiteral("%1: %2 %3")
                                .arg(origin.label,
                                     r.secret   ? QStringLiteral("(hidden)")
                                     : r.redact ? quoted(r.redact(origin.raw))
                                                : quoted(origin.raw),
                                     failure));
        }
        origins.insert(r.key, origin);
    }

    RedisSettings &redis = settings.redis;
    if (!redis.url.isEmpty())
        RedisUrl::apply(redis.url, redis); // checked above
    if (!redis.sentinels.isEmpty() && redis.sentinelMaster.trimmed().isEmpty())
        return fail(QStringLiteral("%1: is empty; the master's name is required with %2")
                        .arg(origins[QStringLiteral("redis/sentinel_master")].label,
                             origins[QStringLiteral("redis/sentinels")].label));

    if (!redis.clusterNodes.isEmpty() && !redis.sentinels.isEmpty())
        return fail(QStringLiteral("%1: set together with %2; use one topology")
                        .arg(origins[QStringLiteral("redis/cluster_nodes")].label,
                             origins[QStringLiteral("redis/sentinels")].label));
    if (!redis.clusterNodes.isEmpty() && redis.db != 0)
        return fail(QStringLiteral("%1: '%2' with %3; a Redis Cluster has only database 0")
                        .arg(origins[QStringLiteral("redis/db")].label)
                        .arg(redis.db)
                        .arg(origins[QStringLiteral("redis/cluster_nodes")].label));

    if (settings.cache.maxTtl < settings.cache.defaultTtl) {
        const QString maxKey = QStringLiteral("cache/max_ttl");
        const QString defKey = QStringLiteral("cache/default_ttl");
        return fail(QStringLiteral("%1: %2 is less than %3 = %4; the maximum TTL must be at least "
                                   "the default TTL")
                        .arg(origins[maxKey].label, quoted(rowByKey(maxKey).show(settings)),
                             origins[defKey].label, quoted(rowByKey(defKey).show(settings))));
    }
    return R::success(config);
}

QString ConfigLoader::redactedSummary(const Settings &settings) {
    QString text;
    QString section;
    for (const SettingRow &r : table()) {
        if (r.section() != section) {
            section = r.section();
            text += QStringLiteral("[%1]\n").arg(section);
        }
        text += QStringLiteral("  %1 = %2\n").arg(r.iniName(), shownValue(r, r.show(settings)));
    }
    return text;
}

QString ConfigLoader::sampleIni() {
    QString text = QStringLiteral(
        "; cache-server configuration: every setting, commented out with its default.\n"
        "; Settings come from, highest precedence first: the command line, the environment,\n"
        "; a .env file, this file, and the defaults. Remove the ';' in front of a key to set\n"
        "; it. Secrets are better kept in an EnvironmentFile readable by root only\n"
        "; (CACHE_ADMIN_TOKEN, REDIS_PASSWORD).\n");
    const Settings defaults;
    QString section;
    for (const SettingRow &r : table()) {
        if (r.section() != section) {
            section = r.section();
            text += QStringLiteral("\n[%1]\n").arg(section);
        }
        QStringList where;
        if (!r.env.isEmpty())
            where << QStringLiteral("env ") + r.env;
        if (!r.option.isEmpty())
            where << QStringLiteral("--") + r.option;
        if (!r.flag.isEmpty())
            where << QStringLiteral("--") + r.flag;
        text += QStringLiteral("; %1").arg(r.help);
        if (!where.isEmpty())
            text += QStringLiteral(" (%1)").arg(where.join(QStringLiteral(", ")));
        text += QStringLiteral("\n;%1 = %2\n").arg(r.iniName(), r.show(defaults));
    }
    return text;
}

} // namespace qrc
