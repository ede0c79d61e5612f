#pragma once

#include <QString>
#include <QStringList>

namespace qrc {

// Typed settings. Defaults are the seed's (RedisCacheConfig, CacheConfig, app settings);
// the environment names are given beside each field. The loader (configloader.h) fills these
// from command line > environment > .env file > INI file > defaults and validates them.

struct RedisSettings {
    bool enabled = true; // --no-redis / REDIS_ENABLED=false
    QString url;         // REDIS_URL: overrides host, port, db, ssl (and user, password when given)
    QString host = QStringLiteral("localhost"); // REDIS_HOST
    int port = 6379;                            // REDIS_PORT
    int db = 0;                                 // REDIS_DB
    QString unixSocket;         // a local socket path, from a unix:// REDIS_URL (host, port unused)
    QString username;           // REDIS_USERNAME (ACL user)
    QString password;           // REDIS_PASSWORD (never logged)
    bool ssl = false;           // REDIS_SSL
    QString sslCaFile;          // REDIS_SSL_CA_FILE
    QString sslCertFile;        // REDIS_SSL_CERT_FILE (client certificate)
    QString sslKeyFile;         // REDIS_SSL_KEY_FILE
    bool sslVerifyPeer = true;  // REDIS_SSL_VERIFY_PEER
    double socketTimeout = 5.0; // REDIS_SOCKET_TIMEOUT (seconds, per command)
    double socketConnectTimeout = 5.0; // REDIS_SOCKET_CONNECT_TIMEOUT
    bool socketKeepalive = true;       // REDIS_SOCKET_KEEPALIVE
    int healthCheckInterval = 30;      // REDIS_HEALTH_CHECK_INTERVAL (seconds)
    int maxConnections = 50;           // REDIS_MAX_CONNECTIONS
    // REDIS_DECODE_RESPONSES: accepted for parity with the seed; values are always bytes here.
    bool decodeResponses = true;
    // Sentinel: when `sentinels` is set, the master of `sentinelMaster` is discovered through
    // them (host and port are unused) and followed across fail-overs.
    QStringList sentinels;    // REDIS_SENTINELS (host:port, comma separated)
    QString sentinelMaster;   // REDIS_SENTINEL_MASTER
    QString sentinelUsername; // REDIS_SENTINEL_USERNAME
    QString sentinelPassword; // REDIS_SENTINEL_PASSWORD (never logged)
    bool sentinelSsl = false; // REDIS_SENTINEL_SSL: Sentinels over TLS (REDIS_SSL_* files)
    // Cluster: when set, commands are routed over the masters found from these seed nodes
    // (host, port and db are unused; a cluster has only database 0).
    QStringList clusterNodes; // REDIS_CLUSTER_NODES (host:port, comma separated)
};

struct CacheSettings {
    int defaultTtl = 3600;                                     // CACHE_DEFAULT_TTL
    int maxTtl = 86400;                                        // CACHE_MAX_TTL
    QString namespacePrefix = QStringLiteral("fastapi-cache"); // CACHE_NAMESPACE_PREFIX
    bool compressionEnabled = true;                            // CACHE_COMPRESSION_ENABLED
    int compressionThreshold = 1024;             // CACHE_COMPRESSION_THRESHOLD (bytes)
    bool statisticsEnabled = true;               // CACHE_STATISTICS_ENABLED
    qint64 memoryMaxEntries = 100000;            // CACHE_MEMORY_MAX_ENTRIES
    qint64 memoryMaxBytes = 256ll * 1024 * 1024; // CACHE_MEMORY_MAX_BYTES
    // CACHE_READ_DEADLINE_MS: longest a cache read may delay a request; past it the request
    // goes on as a miss (0: no deadline, only the Redis socket timeout).
    int readDeadlineMs = 100;
    // CACHE_WIRE_FORMAT: native | seed (what the Python seed library writes and reads, for a
    // Redis shared with it during a migration; see ValueCodec).
    QString wireFormat = QStringLiteral("native");
    // CACHE_NEAR_CACHE: keep entries read from Redis in process memory, kept coherent by Redis'
    // client tracking (see NearCache); bounded by CACHE_NEAR_MAX_ENTRIES / CACHE_NEAR_MAX_BYTES.
    bool nearCache = false;
    qint64 nearMaxEntries = 10000;
    qint64 nearMaxBytes = 64ll * 1024 * 1024;
    // CACHE_SINGLE_FLIGHT: local (concurrent misses of a key share one producer call per
    // process) | distributed (per Redis: a lease decides which instance calls the producer).
    QString singleFlight = QStringLiteral("local");
    int singleFlightLeaseMs = 5000; // CACHE_SINGLE_FLIGHT_LEASE_MS: renewed while producing
};

struct AppSettings {
    QString appName = QStringLiteral("Qt Redis Cache"); // APP_NAME
    QString description =
        QStringLiteral("A production-ready caching layer for Qt HTTP services."); // DESCRIPTION
    bool debug = false;                                                           // DEBUG
    bool logToFile = false;                                                       // LOG_TO_FILE
    QString logFile = QStringLiteral("cache-server.log");                         // LOG_FILE
    QString logLevel = QStringLiteral("info"); // LOG_LEVEL / --log-level: debug|info|warning|error
    QString environment = QStringLiteral("development"); // ENVIRONMENT
    QString productionFrontendUrl;                       // PRODUCTION_FRONTEND_URL (CORS origin)
};

struct RateLimitSettings {
    QString defaultLimit =
        QStringLiteral("100/minute"); // RATE_LIMIT / --rate-limit ("none" disables)
    QString managementLimit = QStringLiteral("600/minute"); // RATE_LIMIT_MANAGEMENT
    QString strategy = QStringLiteral(
        "fixed-window"); // RATE_LIMIT_STRATEGY: fixed-window|moving-window|sliding-window-counter
    QString storage = QStringLiteral("memory");          // RATE_LIMIT_STORAGE: memory|redis
    QString keyPrefix = QStringLiteral("qrc-ratelimit"); // RATE_LIMIT_PREFIX
    QStringList trustedProxies; // TRUSTED_PROXIES (addresses or CIDR, comma separated)
};

struct ServerSettings {
    QString host = QStringLiteral("127.0.0.1"); // SERVER_HOST / --host
    int port = 8000;                            // SERVER_PORT / --port
    QString adminToken;                // CACHE_ADMIN_TOKEN / --admin-token-file (never logged)
    bool insecureNoAuth = false;       // --insecure-no-auth
    int demoItems = 100;               // DEMO_ITEMS / --demo-items
    int demoLatencyMs = 25;            // DEMO_LATENCY_MS / --demo-latency-ms
    qint64 maxBodyBytes = 1024 * 1024; // SERVER_MAX_BODY_BYTES
    int idleTimeoutSeconds = 60;       // SERVER_IDLE_TIMEOUT
    int maxConnections = 1024;         // SERVER_MAX_CONNECTIONS
    int maxConnectionsPerClient = 64;  // SERVER_MAX_CONNECTIONS_PER_CLIENT
    int demoMaxItems = 10000;          // DEMO_MAX_ITEMS
};

struct Settings {
    AppSettings app;
    RedisSettings redis;
    CacheSettings cache;
    RateLimitSettings rateLimit;
    ServerSettings server;
};

} // namespace qrc
