#include "configloader.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace qrc;

namespace {

// One case per setting: the three names it can be given by, a non-default value, and how to
// read the field back. Together they prove the table wires every source to the right field.
struct SettingCase {
    const char *env;    // nullptr: no environment variable
    const char *option; // nullptr: no value-taking option
    const char *iniKey;
    const char *raw;
    const char *expected;
    std::function<QString(const Settings &)> read;
};

QString b(bool v) {
    return v ? QStringLiteral("true") : QStringLiteral("false");
}
QString n(qint64 v) {
    return QString::number(v);
}

const QList<SettingCase> &settingCases() {
    static const QList<SettingCase> cases = {
        {"APP_NAME", "app-name", "app/name", "My Cache", "My Cache",
         [](const Settings &s) { return s.app.appName; }},
        {"DESCRIPTION", "description", "app/description", "Hello", "Hello",
         [](const Settings &s) { return s.app.description; }},
        {"DEBUG", "debug", "app/debug", "yes", "true",
         [](const Settings &s) { return b(s.app.debug); }},
        {"LOG_TO_FILE", "log-to-file", "app/log_to_file", "on", "true",
         [](const Settings &s) { return b(s.app.logToFile); }},
        {"LOG_FILE", "log-file", "app/log_file", "/tmp/x.log", "/tmp/x.log",
         [](const Settings &s) { return s.app.logFile; }},
        {"LOG_LEVEL", "log-level", "app/log_level", "WARNING", "warning",
         [](const Settings &s) { return s.app.logLevel; }},
        {"ENVIRONMENT", "environment", "app/environment", "production", "production",
         [](const Settings &s) { return s.app.environment; }},
        {"PRODUCTION_FRONTEND_URL", "production-frontend-url", "app/production_frontend_url",
         "https://example.org", "https://example.org",
         [](const Settings &s) { return s.app.productionFrontendUrl; }},
        {"REDIS_URL", "redis-url", "redis/url", "redis://u:p@h:7000/3", "h 7000 3 u p false",
         [](const Settings &s) {
             return QStringList{s.redis.host,     n(s.redis.port),  n(s.redis.db),
                                s.redis.username, s.redis.password, b(s.redis.ssl)}
                 .join(u' ');
         }},
        {"REDIS_SENTINEL_MASTER", "redis-sentinel-master", "redis/sentinel_master", "cachemaster",
         "cachemaster", [](const Settings &s) { return s.redis.sentinelMaster; }},
        {"REDIS_SENTINEL_USERNAME", "redis-sentinel-username", "redis/sentinel_username", "sen",
         "sen", [](const Settings &s) { return s.redis.sentinelUsername; }},
        {"REDIS_SENTINEL_PASSWORD", "redis-sentinel-password", "redis/sentinel_password", "spw",
         "spw", [](const Settings &s) { return s.redis.sentinelPassword; }},
        {"REDIS_CLUSTER_NODES", "redis-cluster-nodes", "redis/cluster_nodes", "a:7000, b:7001",
         "a:7000|b:7001", [](const Settings &s) { return s.redis.clusterNodes.join(u'|'); }},
        {"REDIS_ENABLED", "redis-enabled", "redis/enabled", "false", "false",
         [](const Settings &s) { return b(s.redis.enabled); }},
        {"REDIS_HOST", "redis-host", "redis/host", "redis.internal", "redis.internal",
         [](const Settings &s) { return s.redis.host; }},
        {"REDIS_PORT", "redis-port", "redis/port", "6380", "6380",
         [](const Settings &s) { return n(s.redis.port); }},
        {"REDIS_DB", "redis-db", "redis/db", "15", "15",
         [](const Settings &s) { return n(s.redis.db); }},
        {"REDIS_USERNAME", "redis-username", "redis/username", "cacheuser", "cacheuser",
         [](const Settings &s) { return s.redis.username; }},
        {"REDIS_PASSWORD", "redis-password", "redis/password", "pw", "pw",
         [](const Settings &s) { return s.redis.password; }},
        {"REDIS_SSL", "redis-ssl", "redis/ssl", "TRUE", "true",
         [](const Settings &s) { return b(s.redis.ssl); }},
        {"REDIS_SSL_CA_FILE", "redis-ssl-ca-file", "redis/ssl_ca_file", "/ca.pem", "/ca.pem",
         [](const Settings &s) { return s.redis.sslCaFile; }},
        {"REDIS_SSL_CERT_FILE", "redis-ssl-cert-file", "redis/ssl_cert_file", "/c.pem", "/c.pem",
         [](const Settings &s) { return s.redis.sslCertFile; }},
        {"REDIS_SSL_KEY_FILE", "redis-ssl-key-file", "redis/ssl_key_file", "/k.pem", "/k.pem",
         [](const Settings &s) { return s.redis.sslKeyFile; }},
        {"REDIS_SSL_VERIFY_PEER", "redis-ssl-verify-peer", "redis/ssl_verify_peer", "off", "false",
         [](const Settings &s) { return b(s.redis.sslVerifyPeer); }},
        {"REDIS_SOCKET_TIMEOUT", "redis-socket-timeout", "redis/socket_timeout", "2.5", "2.5",
         [](const Settings &s) { return QString::number(s.redis.socketTimeout); }},
        {"REDIS_SOCKET_CONNECT_TIMEOUT", "redis-socket-connect-timeout",
         "redis/socket_connect_timeout", "0.5", "0.5",
         [](const Settings &s) { return QString::number(s.redis.socketConnectTimeout); }},
        {"REDIS_SOCKET_KEEPALIVE", "redis-socket-keepalive", "redis/socket_keepalive", "0", "false",
         [](const Settings &s) { return b(s.redis.socketKeepalive); }},
        {"REDIS_HEALTH_CHECK_INTERVAL", "redis-health-check-interval",
         "redis/health_check_interval", "10", "10",
         [](const Settings &s) { return n(s.redis.healthCheckInterval); }},
        {"REDIS_MAX_CONNECTIONS", "redis-max-connections", "redis/max_connections", "10000",
         "10000", [](const Settings &s) { return n(s.redis.maxConnections); }},
        {"REDIS_DECODE_RESPONSES", "redis-decode-responses", "redis/decode_responses", "no",
         "false", [](const Settings &s) { return b(s.redis.decodeResponses); }},
        {"CACHE_DEFAULT_TTL", "cache-default-ttl", "cache/default_ttl", "60", "60",
         [](const Settings &s) { return n(s.cache.defaultTtl); }},
        {"CACHE_MAX_TTL", "cache-max-ttl", "cache/max_ttl", "7200", "7200",
         [](const Settings &s) { return n(s.cache.maxTtl); }},
        {"CACHE_NAMESPACE_PREFIX", "cache-namespace-prefix", "cache/namespace_prefix", "my.app-1_x",
         "my.app-1_x", [](const Settings &s) { return s.cache.namespacePrefix; }},
        {"CACHE_COMPRESSION_ENABLED", "cache-compression-enabled", "cache/compression_enabled",
         "false", "false", [](const Settings &s) { return b(s.cache.compressionEnabled); }},
        {"CACHE_COMPRESSION_THRESHOLD", "cache-compression-threshold",
         "cache/compression_threshold", "0", "0",
         [](const Settings &s) { return n(s.cache.compressionThreshold); }},
        {"CACHE_STATISTICS_ENABLED", "cache-statistics-enabled", "cache/statistics_enabled", "off",
         "false", [](const Settings &s) { return b(s.cache.statisticsEnabled); }},
        {"CACHE_WIRE_FORMAT", "cache-wire-format", "cache/wire_format", "SEED", "seed",
         [](const Settings &s) { return s.cache.wireFormat; }},
        {"CACHE_NEAR_CACHE", "cache-near-cache", "cache/near_cache", "true", "true",
         [](const Settings &s) { return b(s.cache.nearCache); }},
        {"CACHE_NEAR_MAX_ENTRIES", "cache-near-max-entries", "cache/near_max_entries", "7", "7",
         [](const Settings &s) { return n(s.cache.nearMaxEntries); }},
        {"CACHE_NEAR_MAX_BYTES", "cache-near-max-bytes", "cache/near_max_bytes", "4096", "4096",
         [](const Settings &s) { return n(s.cache.nearMaxBytes); }},
        {"CACHE_SINGLE_FLIGHT", "cache-single-flight", "cache/single_flight", "Distributed",
         "distributed", [](const Settings &s) { return s.cache.singleFlight; }},
        {"CACHE_SINGLE_FLIGHT_LEASE_MS", "cache-single-flight-lease-ms",
         "cache/single_flight_lease_ms", "250", "250",
         [](const Settings &s) { return n(s.cache.singleFlightLeaseMs); }},
        {"CACHE_MEMORY_MAX_ENTRIES", "cache-memory-max-entries", "cache/memory_max_entries", "5",
         "5", [](const Settings &s) { return n(s.cache.memoryMaxEntries); }},
        {"CACHE_MEMORY_MAX_BYTES", "cache-memory-max-bytes", "cache/memory_max_bytes", "8589934592",
         "8589934592", [](const Settings &s) { return n(s.cache.memoryMaxBytes); }},
        {"RATE_LIMIT", "rate-limit", "rate_limit/default", "10/second, 100/minute",
         "10/second, 100/minute", [](const Settings &s) { return s.rateLimit.defaultLimit; }},
        {"RATE_LIMIT_MANAGEMENT", "rate-limit-management", "rate_limit/management", "none", "none",
         [](const Settings &s) { return s.rateLimit.managementLimit; }},
        {"RATE_LIMIT_STRATEGY", "rate-limit-strategy", "rate_limit/strategy",
         "sliding-window-counter", "sliding-window-counter",
         [](const Settings &s) { return s.rateLimit.strategy; }},
        {"RATE_LIMIT_STORAGE", "rate-limit-storage", "rate_limit/storage", "redis", "redis",
         [](const Settings &s) { return s.rateLimit.storage; }},
        {"RATE_LIMIT_PREFIX", "rate-limit-prefix", "rate_limit/prefix", "rl", "rl",
         [](const Settings &s) { return s.rateLimit.keyPrefix; }},
        {"TRUSTED_PROXIES", "trusted-proxies", "rate_limit/trusted_proxies",
         "10.0.0.1, 192.168.0.0/16,::1", "10.0.0.1|192.168.0.0/16|::1",
         [](const Settings &s) { return s.rateLimit.trustedProxies.join(u'|'); }},
        {"SERVER_HOST", "host", "server/host", "0.0.0.0", "0.0.0.0",
         [](const Settings &s) { return s.server.host; }},
        {"SERVER_PORT", "port", "server/port", "9000", "9000",
         [](const Settings &s) { return n(s.server.port); }},
        {"CACHE_ADMIN_TOKEN", nullptr, "server/admin_token", "tok", "tok",
         [](const Settings &s) { return s.server.adminToken; }},
        {"DEMO_ITEMS", "demo-items", "server/demo_items", "0", "0",
         [](const Settings &s) { return n(s.server.demoItems); }},
        {"DEMO_LATENCY_MS", "demo-latency-ms", "server/demo_latency_ms", "60000", "60000",
         [](const Settings &s) { return n(s.server.demoLatencyMs); }},
        {"SERVER_MAX_BODY_BYTES", "server-max-body-bytes", "server/max_body_bytes", "2048", "2048",
         [](const Settings &s) { return n(s.server.maxBodyBytes); }},
        {"SERVER_IDLE_TIMEOUT", "server-idle-timeout", "server/idle_timeout", "5", "5",
         [](const Settings &s) { return n(s.server.idleTimeoutSeconds); }},
        {"SERVER_MAX_CONNECTIONS", "server-max-connections", "server/max_connections", "1", "1",
         [](const Settings &s) { return n(s.server.maxConnections); }},
        {"SERVER_MAX_CONNECTIONS_PER_CLIENT", "server-max-connections-per-client",
         "server/max_connections_per_client", "3", "3",
         [](const Settings &s) { return n(s.server.maxConnectionsPerClient); }},
        {"DEMO_MAX_ITEMS", "demo-max-items", "server/demo_max_items", "500", "500",
         [](const Settings &s) { return n(s.server.demoMaxItems); }},
        {nullptr, nullptr, "server/insecure_no_auth", "true", "true",
         [](const Settings &s) { return b(s.server.insecureNoAuth); }},
    };
    return cases;
}

const QString Program = QStringLiteral("cache-server");

QProcessEnvironment env(std::initializer_list<std::pair<const char *, QString>> vars = {}) {
    QProcessEnvironment e;
    for (const auto &[name, value] : vars)
        e.insert(QLatin1String(name), value);
    return e;
}

} // namespace

class TestConfigLoader : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_cwd; // an empty working directory, so no stray ./.env is picked up
    QTemporaryDir m_files;

    QString writeFile(const QString &name, const QByteArray &content) {
        const QString path = m_files.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content);
        return path;
    }

    // Loads and expects a validation failure; returns its message.
    static QString failureOf(const QStringList &args, const QProcessEnvironment &e = {}) {
        const auto r = ConfigLoader::load(args, e);
        if (r.ok())
            return QStringLiteral("<unexpectedly succeeded>");
        if (r.error.kind != ErrorKind::Validation)
            return QStringLiteral("<wrong kind> ") + r.error.message;
        return r.error.message;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_cwd.isValid());
        QVERIFY(m_files.isValid());
        QVERIFY(QDir::setCurrent(m_cwd.path()));
    }

    void defaultsEqualTheSeedDefaults() {
        const auto r = ConfigLoader::load({Program}, QProcessEnvironment());
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const Settings &s = r.value.settings;
        QCOMPARE(s.redis.enabled, true);
        QCOMPARE(s.redis.host, QStringLiteral("localhost"));
        QCOMPARE(s.redis.port, 6379);
        QCOMPARE(s.redis.db, 0);
        QCOMPARE(s.redis.password, QString());
        QCOMPARE(s.redis.ssl, false);
        QCOMPARE(s.redis.socketTimeout, 5.0);
        QCOMPARE(s.redis.socketConnectTimeout, 5.0);
        QCOMPARE(s.redis.healthCheckInterval, 30);
        QCOMPARE(s.redis.maxConnections, 50);
        QCOMPARE(s.cache.defaultTtl, 3600);
        QCOMPARE(s.cache.maxTtl, 86400);
        QCOMPARE(s.cache.namespacePrefix, QStringLiteral("fastapi-cache"));
        QCOMPARE(s.cache.compressionEnabled, true);
        QCOMPARE(s.cache.compressionThreshold, 1024);
        QCOMPARE(s.cache.statisticsEnabled, true);
        QCOMPARE(s.app.debug, false);
        QCOMPARE(s.app.logToFile, false);
        QCOMPARE(s.app.environment, QStringLiteral("development"));
        QCOMPARE(s.app.logLevel, QStringLiteral("info"));
        QCOMPARE(s.rateLimit.defaultLimit, QStringLiteral("100/minute"));
        QCOMPARE(s.rateLimit.strategy, QStringLiteral("fixed-window"));
        QCOMPARE(s.server.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(s.server.port, 8000);
        QCOMPARE(s.server.insecureNoAuth, false);
        QCOMPARE(s.server.maxConnectionsPerClient, 64);
        QCOMPARE(s.server.demoMaxItems, 10000);
        QVERIFY(r.value.sources.isEmpty());
        QVERIFY(!r.value.helpRequested);
        QVERIFY(!r.value.versionRequested);
        // Every field, including those not listed above, keeps the struct's default.
        QCOMPARE(ConfigLoader::redactedSummary(s), ConfigLoader::redactedSummary(Settings{}));
    }

    void everySettingIsReadFromEachSource_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("source");
        const auto &cases = settingCases();
        for (int i = 0; i < cases.size(); ++i) {
            const SettingCase &c = cases.at(i);
            const char *name = c.env ? c.env : c.iniKey;
            if (c.option)
                QTest::addRow("%s cli", name) << i << QStringLiteral("cli");
            if (c.env) {
                QTest::addRow("%s env", name) << i << QStringLiteral("env");
                QTest::addRow("%s dotenv", name) << i << QStringLiteral("dotenv");
            }
            QTest::addRow("%s ini", name) << i << QStringLiteral("ini");
        }
    }

    void everySettingIsReadFromEachSource() {
        QFETCH(int, index);
        QFETCH(QString, source);
        const SettingCase &c = settingCases().at(index);
        QStringList args{Program};
        QProcessEnvironment e;
        if (source == u"cli") {
            args << QStringLiteral("--%1=%2").arg(QLatin1String(c.option), QLatin1String(c.raw));
        } else if (source == u"env") {
            e.insert(QLatin1String(c.env), QLatin1String(c.raw));
        } else if (source == u"dotenv") {
            args << QStringLiteral("--env-file")
                 << writeFile(QStringLiteral("each.env"),
                              QByteArray(c.env) + "=\"" + QByteArray(c.raw) + "\"\n");
        } else {
            const QString key = QLatin1String(c.iniKey);
            args << QStringLiteral("--config")
                 << writeFile(QStringLiteral("each.ini"),
                              QStringLiteral("[%1]\n%2 = %3\n")
                                  .arg(key.section(u'/', 0, 0), key.section(u'/', 1),
                                       QLatin1String(c.raw))
                                  .toUtf8());
        }
        const auto r = ConfigLoader::load(args, e);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(c.read(r.value.settings), QLatin1String(c.expected));
        QVERIFY(c.read(r.value.settings) != c.read(Settings{}));
    }

    void commandLineBeatsEnvironmentBeatsDotEnvBeatsIniBeatsDefault() {
        const QString ini = writeFile(QStringLiteral("p.ini"), "[redis]\nport = 4444\n");
        const QString dotEnv = writeFile(QStringLiteral("p.env"), "REDIS_PORT=3333\n");
        const QProcessEnvironment withEnv = env({{"REDIS_PORT", QStringLiteral("2222")}});
        const QStringList files{Program, QStringLiteral("--config"), ini,
                                QStringLiteral("--env-file"), dotEnv};
        auto port = [](const QStringList &args, const QProcessEnvironment &e) {
            const auto r = ConfigLoader::load(args, e);
            return r.ok() ? r.value.settings.redis.port : -1;
        };
        QCOMPARE(port(files + QStringList{QStringLiteral("--redis-port"), QStringLiteral("1111")},
                      withEnv),
                 1111);
        QCOMPARE(port(files, withEnv), 2222);
        QCOMPARE(port(files, {}), 3333);
        QCOMPARE(port({Program, QStringLiteral("--config"), ini}, {}), 4444);
        QCOMPARE(port({Program}, {}), 6379);
    }

    void readDeadlineComesFromEveryLayer() {
        const auto deadline = [](const QStringList &args, const QProcessEnvironment &e) {
            const auto r = ConfigLoader::load(args, e);
            return r.ok() ? r.value.settings.cache.readDeadlineMs : -1;
        };
        QCOMPARE(deadline({Program}, {}), 100);
        const QString ini =
            writeFile(QStringLiteral("deadline.ini"), "[cache]\nread_deadline_ms = 250\n");
        QCOMPARE(deadline({Program, QStringLiteral("--config"), ini}, {}), 250);
        QCOMPARE(deadline({Program, QStringLiteral("--config"), ini},
                          env({{"CACHE_READ_DEADLINE_MS", QStringLiteral("0")}})),
                 0);
        QCOMPARE(
            deadline({Program, QStringLiteral("--cache-read-deadline-ms"), QStringLiteral("40")},
                     env({{"CACHE_READ_DEADLINE_MS", QStringLiteral("0")}})),
            40);
    }

    void layersMergePerSettingNotPerSource() {
        const QString ini =
            writeFile(QStringLiteral("m.ini"), "[redis]\nhost = from-ini\nport = 4444\n");
        const auto r = ConfigLoader::load({Program, QStringLiteral("--config"), ini},
                                          env({{"REDIS_PORT", QStringLiteral("2222")}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.settings.redis.host, QStringLiteral("from-ini"));
        QCOMPARE(r.value.settings.redis.port, 2222);
        QCOMPARE(r.value.sources, QStringList{ini});
    }

    void overriddenInvalidValueInALowerLayerIsIgnored() {
        // What Kubernetes injects for a service named "redis".
        const auto r =
            ConfigLoader::load({Program, QStringLiteral("--redis-port"), QStringLiteral("6380")},
                               env({{"REDIS_PORT", QStringLiteral("tcp://10.0.0.7:6379")}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.settings.redis.port, 6380);
    }

    void invalidValueIsRejectedNamingTheSettingAndValue_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("explanation");
        auto add = [](const char *tag, const char *name, const char *value, const char *why) {
            QTest::newRow(tag) << QString::fromLatin1(name) << QString::fromLatin1(value)
                               << QString::fromLatin1(why);
        };
        add("port too large", "REDIS_PORT", "70000", "1-65535");
        add("port zero", "REDIS_PORT", "0", "1-65535");
        add("port trailing junk", "REDIS_PORT", "6379x", "1-65535");
        add("port empty", "REDIS_PORT", "", "1-65535");
        add("server port too large", "SERVER_PORT", "70000", "1-65535");
        add("db above 15", "REDIS_DB", "16", "0-15");
        add("db negative", "REDIS_DB", "-1", "default Redis server");
        add("bool maybe", "REDIS_SSL", "maybe", "true/false");
        add("bool y", "DEBUG", "y", "true/false");
        add("socket timeout zero", "REDIS_SOCKET_TIMEOUT", "0", "positive");
        add("socket timeout junk", "REDIS_SOCKET_TIMEOUT", "5s", "positive");
        add("socket timeout nan", "REDIS_SOCKET_TIMEOUT", "nan", "positive");
        add("connect timeout negative", "REDIS_SOCKET_CONNECT_TIMEOUT", "-1", "positive");
        add("health check negative", "REDIS_HEALTH_CHECK_INTERVAL", "-5", "0-86400");
        add("default ttl zero", "CACHE_DEFAULT_TTL", "0", "at least 1");
        add("default ttl decimal", "CACHE_DEFAULT_TTL", "1.5", "at least 1");
        add("threshold negative", "CACHE_COMPRESSION_THRESHOLD", "-1", "at least 0");
        add("redis max connections zero", "REDIS_MAX_CONNECTIONS", "0", "1-10000");
        add("redis max connections huge", "REDIS_MAX_CONNECTIONS", "10001", "1-10000");
        add("server max connections zero", "SERVER_MAX_CONNECTIONS", "0", "1-10000");
        add("per-client connections zero", "SERVER_MAX_CONNECTIONS_PER_CLIENT", "0", "1-10000");
        add("demo max items zero", "DEMO_MAX_ITEMS", "0", "1-10000000");
        add("memory entries zero", "CACHE_MEMORY_MAX_ENTRIES", "0", "at least 1");
        add("memory bytes zero", "CACHE_MEMORY_MAX_BYTES", "0", "at least 1");
        add("read deadline negative", "CACHE_READ_DEADLINE_MS", "-1", "0-60000");
        add("read deadline too long", "CACHE_READ_DEADLINE_MS", "60001", "0-60000");
        add("read deadline unit", "CACHE_READ_DEADLINE_MS", "100ms", "0-60000");
        add("prefix empty", "CACHE_NAMESPACE_PREFIX", "", "must not be empty");
        add("prefix with colon", "CACHE_NAMESPACE_PREFIX", "a:b", "only letters");
        add("prefix with glob", "CACHE_NAMESPACE_PREFIX", "a*", "only letters");
        add("prefix with space", "CACHE_NAMESPACE_PREFIX", "my cache", "only letters");
        add("rate limit prefix glob", "RATE_LIMIT_PREFIX", "rl[1]", "only letters");
        add("log level", "LOG_LEVEL", "verbose", "debug, info, warning, error");
        add("environment empty", "ENVIRONMENT", "", "required");
        add("strategy", "RATE_LIMIT_STRATEGY", "token-bucket", "fixed-window, moving-window");
        add("storage", "RATE_LIMIT_STORAGE", "disk", "memory, redis");
        add("wire format", "CACHE_WIRE_FORMAT", "pickle", "native, seed");
        add("near cache bool", "CACHE_NEAR_CACHE", "sometimes", "true/false");
        add("near entries zero", "CACHE_NEAR_MAX_ENTRIES", "0", "at least 1");
        add("near bytes zero", "CACHE_NEAR_MAX_BYTES", "0", "at least 1");
        add("single flight", "CACHE_SINGLE_FLIGHT", "global", "local, distributed");
        add("lease too short", "CACHE_SINGLE_FLIGHT_LEASE_MS", "5", "10-600000");
        add("demo items too many", "DEMO_ITEMS", "1000001", "0-1000000");
        add("demo items negative", "DEMO_ITEMS", "-1", "0-1000000");
        add("latency too long", "DEMO_LATENCY_MS", "60001", "0-60000");
        add("proxy not an address", "TRUSTED_PROXIES", "10.0.0.1, bogus", "\"bogus\"");
        add("proxy bad prefix length", "TRUSTED_PROXIES", "10.0.0.0/33", "\"10.0.0.0/33\"");
        add("idle timeout zero", "SERVER_IDLE_TIMEOUT", "0", "at least 1");
        add("body limit zero", "SERVER_MAX_BODY_BYTES", "0", "at least 1");
        add("redis host empty", "REDIS_HOST", " ", "required");
        add("url scheme", "REDIS_URL", "http://h:1/0", "expected redis://, rediss:// or unix://");
        add("url port", "REDIS_URL", "redis://h:70000/0", "not a valid Redis URL");
        add("url db", "REDIS_URL", "redis://h:6379/16", "not a database index (0-15)");
        add("url db junk", "REDIS_URL", "redis://h/x", "not a database index");
        add("url no host", "REDIS_URL", "redis:///0", "no host");
        add("url query", "REDIS_URL", "redis://h/0?db=1", "put the database in the path");
        add("unix relative", "REDIS_URL", "unix://redis.sock", "unix:///path/to/redis.sock");
        add("unix unknown parameter", "REDIS_URL", "unix:///r.sock?dbx=1",
            "unknown parameter 'dbx'");
        add("unix db", "REDIS_URL", "unix:///r.sock?db=99", "not a database index");
        add("sentinel without port", "REDIS_SENTINELS", "a:1,b", "entry 'b'");
        add("sentinel port zero", "REDIS_SENTINELS", "a:0", "entry 'a:0'");
    }

    void invalidValueIsRejectedNamingTheSettingAndValue() {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, explanation);
        QProcessEnvironment e;
        e.insert(name, value);
        const QString message = failureOf({Program}, e);
        QVERIFY2(message.startsWith(name + QStringLiteral(": '") + value + u'\''),
                 qPrintable(message));
        QVERIFY2(message.contains(explanation), qPrintable(message));
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
    }

    void redisUrlSetsWhereRedisIs_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected"); // host port db ssl socket user password (a socket
                                               // makes host and port unused)
        QTest::newRow("plain") << "redis://cache.internal:6390/2"
                               << "cache.internal 6390 2 false  - -";
        QTest::newRow("default port and db") << "redis://cache.internal"
                                             << "cache.internal 6379 0 false  - -";
        QTest::newRow("password only") << "redis://:s%40cret@h:1/0"
                                       << "h 1 0 false  - s@cret";
        QTest::newRow("user and password") << "redis://app:pw@h:2/1"
                                           << "h 2 1 false  app pw";
        QTest::newRow("tls") << "rediss://h:6380/4"
                             << "h 6380 4 true  - -";
        QTest::newRow("ipv6") << "redis://[::1]:7000"
                              << "::1 7000 0 false  - -";
        QTest::newRow("unix") << "unix:///run/redis/redis.sock?db=3"
                              << "localhost 9999 3 false /run/redis/redis.sock - -";
        QTest::newRow("unix with password") << "unix://:pw@/tmp/r.sock"
                                            << "localhost 9999 0 false /tmp/r.sock - pw";
    }

    void redisUrlSetsWhereRedisIs() {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        // The URL beats the separate settings, whatever their source.
        const auto r =
            ConfigLoader::load({Program, QStringLiteral("--redis-port=9999"),
                                QStringLiteral("--redis-ssl=true"), QStringLiteral("--redis-db=9")},
                               env({{"REDIS_URL", url},
                                    {"REDIS_USERNAME", QStringLiteral("-")},
                                    {"REDIS_PASSWORD", QStringLiteral("-")}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const RedisSettings &s = r.value.settings.redis;
        QCOMPARE(QStringList(
                     {s.host, n(s.port), n(s.db), b(s.ssl), s.unixSocket, s.username, s.password})
                     .join(u' '),
                 expected);
    }

    void redisUrlPasswordIsNeverPrinted() {
        const QString password = QStringLiteral("pa55-SECRET-word");
        const QString good = QStringLiteral("redis://app:%1@h:6379/1").arg(password);
        const auto r = ConfigLoader::load({Program}, env({{"REDIS_URL", good}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const QString summary = ConfigLoader::redactedSummary(r.value.settings);
        QVERIFY2(!summary.contains(password), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("url = redis://app:***@h:6379/1\n")),
                 qPrintable(summary));

        for (const QString &bad :
             {QStringLiteral("redis://app:%1@h:99999/1"), QStringLiteral("redis://app:%1@h/77"),
              QStringLiteral("unix://app:%1@relative.sock"), QStringLiteral("redis:app:%1@h:1/0 x"),
              QStringLiteral("redis://app:%1@h:1/0?x=1"), QStringLiteral("ftp://app:%1@h")}) {
            const QString url = bad.arg(password);
            for (const QStringList &args :
                 {QStringList{Program, QStringLiteral("--redis-url"), url}, QStringList{Program}}) {
                const QString message =
                    failureOf(args, args.size() == 1 ? env({{"REDIS_URL", url}}) : env());
                QVERIFY2(message.startsWith(args.size() == 1 ? QStringLiteral("REDIS_URL: ")
                                                             : QStringLiteral("--redis-url: ")),
                         qPrintable(message));
                QVERIFY2(!message.contains(password), qPrintable(message));
                QVERIFY2(message.contains(QStringLiteral("***")), qPrintable(message));
                QVERIFY2(!message.contains(u'\n'), qPrintable(message));
            }
        }
        const auto help =
            ConfigLoader::load({Program, QStringLiteral("--help")}, env({{"REDIS_URL", good}}));
        QVERIFY(help.ok() && !help.value.helpText.contains(password));
    }

    void sentinelsAreReadAsAListAndNeedTheMasterName() {
        const auto r =
            ConfigLoader::load({Program, QStringLiteral("--redis-sentinels"),
                                QStringLiteral(" s1:26379, [::1]:26380,")},
                               env({{"REDIS_SENTINEL_MASTER", QStringLiteral("cachemaster")}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.settings.redis.sentinels,
                 QStringList({QStringLiteral("s1:26379"), QStringLiteral("[::1]:26380")}));

        const QString ini =
            writeFile(QStringLiteral("sentinel.ini"), "[redis]\nsentinels = s1:26379,s2:26379\n");
        const QString message = failureOf({Program, QStringLiteral("--config"), ini});
        QVERIFY2(message.startsWith(QStringLiteral("REDIS_SENTINEL_MASTER (default): is empty")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("redis/sentinels (")), qPrintable(message));
    }

    void clusterNodesRefuseSentinelsAndANonZeroDatabase() {
        const QString both =
            failureOf({Program}, env({{"REDIS_CLUSTER_NODES", QStringLiteral("a:7000")},
                                      {"REDIS_SENTINELS", QStringLiteral("s:26379")},
                                      {"REDIS_SENTINEL_MASTER", QStringLiteral("m")}}));
        QVERIFY2(both.startsWith(QStringLiteral("REDIS_CLUSTER_NODES: set together with "
                                                "REDIS_SENTINELS")),
                 qPrintable(both));
        const QString db = failureOf({Program, QStringLiteral("--redis-db=2")},
                                     env({{"REDIS_CLUSTER_NODES", QStringLiteral("a:7000")}}));
        QVERIFY2(db.startsWith(QStringLiteral("--redis-db: '2' with REDIS_CLUSTER_NODES")),
                 qPrintable(db));
    }

    void everyBooleanSpellingIsAccepted_data() {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<bool>("expected");
        for (const char *t : {"true", "TRUE", "1", "yes", "Yes", "on", "ON"})
            QTest::newRow(t) << QString::fromLatin1(t) << true;
        for (const char *f : {"false", "False", "0", "no", "NO", "off", "Off"})
            QTest::newRow(f) << QString::fromLatin1(f) << false;
    }

    void everyBooleanSpellingIsAccepted() {
        QFETCH(QString, raw);
        QFETCH(bool, expected);
        const auto r = ConfigLoader::load({Program}, env({{"REDIS_SSL", raw}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.settings.redis.ssl, expected);
    }

    void maxTtlBelowDefaultTtlIsRejectedNamingBoth() {
        const QString message =
            failureOf({Program},
                      env({{"CACHE_MAX_TTL", QStringLiteral("60")}, {"CACHE_DEFAULT_TTL", "120"}}));
        QVERIFY2(message.startsWith(QStringLiteral("CACHE_MAX_TTL: '60'")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("CACHE_DEFAULT_TTL")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("'120'")), qPrintable(message));

        // Raising only the default TTL above the default maximum names the maximum too.
        const QString raised = failureOf({Program, QStringLiteral("--cache-default-ttl=90000")});
        QVERIFY2(raised.contains(QStringLiteral("CACHE_MAX_TTL")), qPrintable(raised));
        QVERIFY2(raised.contains(QStringLiteral("--cache-default-ttl")), qPrintable(raised));

        const auto equal = ConfigLoader::load(
            {Program}, env({{"CACHE_MAX_TTL", "120"}, {"CACHE_DEFAULT_TTL", "120"}}));
        QVERIFY2(equal.ok(), qPrintable(equal.error.message));
    }

    void errorNamesTheSettingAsTheUserSpelledIt() {
        const QString cli = failureOf({Program, QStringLiteral("--redis-port"), "70000"});
        QVERIFY2(cli.startsWith(QStringLiteral("--redis-port: '70000'")), qPrintable(cli));

        const QString serverCli = failureOf({Program, QStringLiteral("--port=70000")});
        QVERIFY2(serverCli.startsWith(QStringLiteral("--port: '70000'")), qPrintable(serverCli));

        const QString dotEnv = writeFile(QStringLiteral("bad.env"), "# c\nREDIS_PORT=70000\n");
        const QString fromDotEnv = failureOf({Program, QStringLiteral("--env-file"), dotEnv});
        QVERIFY2(fromDotEnv.startsWith(QStringLiteral("REDIS_PORT (%1:2): '70000'").arg(dotEnv)),
                 qPrintable(fromDotEnv));

        const QString ini = writeFile(QStringLiteral("bad.ini"), "[redis]\n\nport = 70000\n");
        const QString fromIni = failureOf({Program, QStringLiteral("--config"), ini});
        QVERIFY2(fromIni.startsWith(QStringLiteral("redis/port (%1:3): '70000'").arg(ini)),
                 qPrintable(fromIni));
    }

    void unknownCommandLineOptionIsRejectedNamingIt() {
        const QString message = failureOf({Program, QStringLiteral("--redis-hots=x")});
        QVERIFY2(message.contains(QStringLiteral("redis-hots")), qPrintable(message));
        const QString stray = failureOf({Program, QStringLiteral("stray")});
        QVERIFY2(stray.contains(QStringLiteral("'stray'")), qPrintable(stray));
        const QString missing = failureOf({Program, QStringLiteral("--redis-port")});
        QVERIFY2(missing.contains(QStringLiteral("redis-port")), qPrintable(missing));
    }

    void missingConfigFileIsRejectedNamingIt() {
        const QString path = m_files.filePath(QStringLiteral("nope.ini"));
        const QString message = failureOf({Program, QStringLiteral("--config"), path});
        QVERIFY2(message.contains(QStringLiteral("--config")), qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
    }

    void missingExplicitEnvFileIsRejectedNamingIt() {
        const QString path = m_files.filePath(QStringLiteral("nope.env"));
        const QString message = failureOf({Program, QStringLiteral("--env-file"), path});
        QVERIFY2(message.contains(QStringLiteral("--env-file")), qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
    }

    void unknownIniKeyIsRejectedNamingItWithASuggestion() {
        const QString ini = writeFile(QStringLiteral("typo.ini"), "[redis]\nhots = x\n");
        const QString message = failureOf({Program, QStringLiteral("--config"), ini});
        QVERIFY2(message.contains(QStringLiteral(":2:")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("'redis/hots'")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("'redis/host'")), qPrintable(message));

        const QString section = writeFile(QStringLiteral("sect.ini"), "[redsi]\nport = 1\n");
        const QString sectionMessage = failureOf({Program, QStringLiteral("--config"), section});
        QVERIFY2(sectionMessage.contains(QStringLiteral("'redsi/port'")),
                 qPrintable(sectionMessage));
    }

    void malformedIniLineIsRejectedWithFileAndLine() {
        const QString ini = writeFile(QStringLiteral("mal.ini"), "[redis]\nport 6379\n");
        const QString message = failureOf({Program, QStringLiteral("--config"), ini});
        QVERIFY2(message.startsWith(ini + QStringLiteral(":2:")), qPrintable(message));
        const QString section = writeFile(QStringLiteral("mal2.ini"), "[redis\nport = 1\n");
        const QString sectionMessage = failureOf({Program, QStringLiteral("--config"), section});
        QVERIFY2(sectionMessage.startsWith(section + QStringLiteral(":1:")),
                 qPrintable(sectionMessage));
    }

    void iniSectionsCommentsAndQuotesAreRead() {
        const QString ini =
            writeFile(QStringLiteral("full.ini"),
                      "; a comment\n# another\n\n[app]\ndebug = yes\nlog_level = Error\n"
                      "[Redis]\nHost = \"cache.local\"\npassword = 'p a;ss'\n"
                      "[cache]\ndefault_ttl=120\n\n[rate_limit]\ndefault = 10/second, 100/minute\n"
                      "trusted_proxies = 10.0.0.0/8, ::1\n[server]\nport = 9001\r\n");
        const auto r = ConfigLoader::load({Program, QStringLiteral("--config"), ini}, {});
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const Settings &s = r.value.settings;
        QCOMPARE(s.app.debug, true);
        QCOMPARE(s.app.logLevel, QStringLiteral("error"));
        QCOMPARE(s.redis.host, QStringLiteral("cache.local"));
        QCOMPARE(s.redis.password, QStringLiteral("p a;ss"));
        QCOMPARE(s.cache.defaultTtl, 120);
        QCOMPARE(s.rateLimit.defaultLimit, QStringLiteral("10/second, 100/minute"));
        QCOMPARE(s.rateLimit.trustedProxies,
                 (QStringList{QStringLiteral("10.0.0.0/8"), QStringLiteral("::1")}));
        QCOMPARE(s.server.port, 9001);
    }

    void dotEnvEdgeCasesAreParsed() {
        const QString path =
            writeFile(QStringLiteral("edge.env"),
                      "# comment line\n"
                      "\n"
                      "   \n"
                      "export REDIS_HOST=exported.host\n"
                      "REDIS_USERNAME = spaced  \n"
                      "REDIS_PASSWORD='single # not a comment \\n literal'\n"
                      "APP_NAME=\"double \\\"quoted\\\" # kept\" # trailing comment\n"
                      "DESCRIPTION=unquoted value # comment\n"
                      "LOG_FILE=a#b\n"
                      "PRODUCTION_FRONTEND_URL=\r\n"
                      "ENVIRONMENT=staging\r\n"
                      "UNRELATED_TOOL_SETTING=whatever\n"
                      "REDIS_SSL_CA_FILE=\"line1\\nline2\"\n");
        const auto r = ConfigLoader::load({Program, QStringLiteral("--env-file"), path}, {});
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const Settings &s = r.value.settings;
        QCOMPARE(s.redis.host, QStringLiteral("exported.host"));
        QCOMPARE(s.redis.username, QStringLiteral("spaced"));
        QCOMPARE(s.redis.password, QStringLiteral("single # not a comment \\n literal"));
        QCOMPARE(s.app.appName, QStringLiteral("double \"quoted\" # kept"));
        QCOMPARE(s.app.description, QStringLiteral("unquoted value"));
        QCOMPARE(s.app.logFile, QStringLiteral("a#b"));
        QCOMPARE(s.app.productionFrontendUrl, QString());
        QCOMPARE(s.app.environment, QStringLiteral("staging"));
        QCOMPARE(s.redis.sslCaFile, QStringLiteral("line1\nline2"));
        QCOMPARE(r.value.sources, QStringList{path});
    }

    void malformedDotEnvLineIsRejectedWithFileAndLine_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::newRow("no equals") << QByteArray("A=1\n\nJUSTAWORD\n") << 3;
        QTest::newRow("empty name") << QByteArray("=value\n") << 1;
        QTest::newRow("bad name") << QByteArray("# x\nREDIS-HOST=x\n") << 2;
        QTest::newRow("unterminated double") << QByteArray("REDIS_HOST=\"abc\n") << 1;
        QTest::newRow("unterminated single") << QByteArray("A=1\nREDIS_HOST='abc\n") << 2;
        QTest::newRow("text after quote") << QByteArray("REDIS_HOST=\"a\"b\n") << 1;
    }

    void malformedDotEnvLineIsRejectedWithFileAndLine() {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        const QString path = writeFile(QStringLiteral("mal.env"), content);
        const QString message = failureOf({Program, QStringLiteral("--env-file"), path});
        QVERIFY2(message.startsWith(QStringLiteral("%1:%2:").arg(path).arg(line)),
                 qPrintable(message));
    }

    void dotEnvInWorkingDirectoryIsReadWhenPresent() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(QStringLiteral(".env")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("REDIS_DB=3\n");
        f.close();
        QVERIFY(QDir::setCurrent(dir.path()));
        const auto r = ConfigLoader::load({Program}, {});
        QVERIFY(QDir::setCurrent(m_cwd.path()));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.settings.redis.db, 3);
        QCOMPARE(r.value.sources, QStringList{QStringLiteral(".env")});
    }

    void adminTokenFileIsReadTrimmedAndBeatsTheEnvironment() {
        const QString path = writeFile(QStringLiteral("token"), "  s3cr3t-token\n\n");
        const auto r =
            ConfigLoader::load({Program, QStringLiteral("--admin-token-file"), path},
                               env({{"CACHE_ADMIN_TOKEN", QStringLiteral("env-token")}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.settings.server.adminToken, QStringLiteral("s3cr3t-token"));
    }

    void emptyOrUnreadableAdminTokenFileIsAnErrorNamingTheOption() {
        const QString empty = writeFile(QStringLiteral("empty-token"), " \n\t\n");
        const QString emptyMessage =
            failureOf({Program, QStringLiteral("--admin-token-file"), empty});
        QVERIFY2(emptyMessage.startsWith(QStringLiteral("--admin-token-file:")),
                 qPrintable(emptyMessage));
        QVERIFY2(emptyMessage.contains(QStringLiteral("empty")), qPrintable(emptyMessage));

        const QString missing = m_files.filePath(QStringLiteral("no-token"));
        const QString missingMessage =
            failureOf({Program, QStringLiteral("--admin-token-file"), missing});
        QVERIFY2(missingMessage.startsWith(QStringLiteral("--admin-token-file:")),
                 qPrintable(missingMessage));
        QVERIFY2(missingMessage.contains(missing), qPrintable(missingMessage));
    }

    void noRedisAndInsecureNoAuthFlagsTakeNoValue() {
        const auto r = ConfigLoader::load(
            {Program, QStringLiteral("--no-redis"), QStringLiteral("--insecure-no-auth")},
            env({{"REDIS_ENABLED", QStringLiteral("true")}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.settings.redis.enabled, false);
        QCOMPARE(r.value.settings.server.insecureNoAuth, true);
    }

    void secretsNeverAppearInErrorsOrSummary() {
        const QString password = QStringLiteral("pa55-SECRET-word");
        const QString token = QStringLiteral("t0ken-SECRET");

        // A malformed line holding the secret: the error gives the place, not the text.
        const QString dotEnv = writeFile(QStringLiteral("secret.env"),
                                         ("REDIS_PASSWORD=\"" + password + "\n").toUtf8());
        const QString dotEnvMessage = failureOf({Program, QStringLiteral("--env-file"), dotEnv});
        QVERIFY2(!dotEnvMessage.contains(password), qPrintable(dotEnvMessage));
        QVERIFY2(dotEnvMessage.contains(QStringLiteral("REDIS_PASSWORD")),
                 qPrintable(dotEnvMessage));

        const QString quoteTail = writeFile(QStringLiteral("secret2.env"),
                                            ("CACHE_ADMIN_TOKEN='" + token + "'x\n").toUtf8());
        const QString tailMessage = failureOf({Program, QStringLiteral("--env-file"), quoteTail});
        QVERIFY2(!tailMessage.contains(token), qPrintable(tailMessage));

        // Secrets set alongside an invalid value stay out of the error.
        const QString other = failureOf({Program}, env({{"REDIS_PASSWORD", password},
                                                        {"CACHE_ADMIN_TOKEN", token},
                                                        {"REDIS_PORT", QStringLiteral("x")}}));
        QVERIFY2(!other.contains(password) && !other.contains(token), qPrintable(other));

        const auto r = ConfigLoader::load(
            {Program}, env({{"REDIS_PASSWORD", password}, {"CACHE_ADMIN_TOKEN", token}}));
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const QString summary = ConfigLoader::redactedSummary(r.value.settings);
        QVERIFY2(!summary.contains(password), qPrintable(summary));
        QVERIFY2(!summary.contains(token), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("password = ***")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("admin_token = ***")), qPrintable(summary));
    }

    void summaryShowsEffectiveValuesAndUnsetSecrets() {
        Settings s;
        s.redis.host = QStringLiteral("redis.example");
        s.redis.port = 6390;
        s.rateLimit.trustedProxies = {QStringLiteral("10.0.0.1"), QStringLiteral("::1")};
        const QString summary = ConfigLoader::redactedSummary(s);
        QVERIFY2(summary.contains(QStringLiteral("[redis]\n")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("host = redis.example\n")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("port = 6390\n")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("trusted_proxies = 10.0.0.1,::1\n")),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("password = (not set)\n")), qPrintable(summary));
        QVERIFY2(!summary.contains(QStringLiteral("***")), qPrintable(summary));
    }

    void helpListsEveryOptionEnvironmentVariableAndDefault() {
        const auto r = ConfigLoader::load({Program, QStringLiteral("--help")}, {});
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(r.value.helpRequested);
        const QString help = r.value.helpText;
        for (const SettingCase &c : settingCases()) {
            if (c.env)
                QVERIFY2(help.contains(QLatin1String(c.env)), c.env);
            if (c.option)
                QVERIFY2(help.contains(QStringLiteral("--") + QLatin1String(c.option)), c.option);
            QVERIFY2(help.contains(QLatin1String(c.iniKey)), c.iniKey);
        }
        for (const char *extra : {"--config", "--env-file", "--no-redis", "--insecure-no-auth",
                                  "--admin-token-file", "--help", "--version"})
            QVERIFY2(help.contains(QLatin1String(extra)), extra);
        QVERIFY(help.contains(QStringLiteral("env REDIS_PORT, ini redis/port, default: 6379")));
        QVERIFY(help.contains(QStringLiteral("default: fastapi-cache")));
        QVERIFY(help.startsWith(QStringLiteral("Usage: cache-server")));
    }

    void helpAndVersionWorkEvenWithInvalidSettings() {
        const QProcessEnvironment broken = env({{"REDIS_PORT", QStringLiteral("nope")}});
        const auto help = ConfigLoader::load({Program, QStringLiteral("-h")}, broken);
        QVERIFY2(help.ok(), qPrintable(help.error.message));
        QVERIFY(help.value.helpRequested);
        const auto version = ConfigLoader::load({Program, QStringLiteral("-v")}, broken);
        QVERIFY2(version.ok(), qPrintable(version.error.message));
        QVERIFY(version.value.versionRequested);
        QVERIFY(!version.value.helpRequested);
        const auto longVersion = ConfigLoader::load({Program, QStringLiteral("--version")}, {});
        QVERIFY(longVersion.ok() && longVersion.value.versionRequested);
    }

    // The packaged /etc file: loaded as shipped (everything commented) and with every key
    // uncommented, it must give exactly the defaults, so it can neither list a key the loader
    // rejects nor show a default that is not the real one.
    void sampleIniListsEverySettingWithItsDefault() {
        const QString sample = ConfigLoader::sampleIni();
        const QString asShipped = writeFile(QStringLiteral("sample.ini"), sample.toUtf8());
        QString uncommented;
        int keys = 0;
        for (const QString &line : sample.split(u'\n')) {
            const bool key =
                line.startsWith(u';') && !line.startsWith(QStringLiteral("; ")) && line.size() > 1;
            keys += key;
            uncommented += (key ? line.mid(1) : line) + u'\n';
        }
        const QString everyKey = writeFile(QStringLiteral("every.ini"), uncommented.toUtf8());
        const QString defaults = ConfigLoader::redactedSummary(Settings{});
        for (const QString &file : {asShipped, everyKey}) {
            const auto r = ConfigLoader::load({Program, QStringLiteral("--config"), file}, {});
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QCOMPARE(ConfigLoader::redactedSummary(r.value.settings), defaults);
        }
        // One key line per setting: the summary has one "  key = value" line per setting.
        QCOMPARE(keys, defaults.count(QStringLiteral(" = ")));
    }

    void lastRepeatedOptionWins() {
        const auto r = ConfigLoader::load(
            {Program, QStringLiteral("--port=1"), QStringLiteral("--port"), QStringLiteral("2")},
            {});
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.settings.server.port, 2);
    }
};

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
