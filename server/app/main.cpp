// cache-server: the headless HTTP service (demo item API, cache management and console
// routes, health and metrics) on top of the qrc_server library.
#include "cachemanager.h"
#include "cacheserver.h"
#include "configloader.h"
#include "ratelimitguard.h"
#include "serverlog.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>

Q_LOGGING_CATEGORY(lcMain, "qrc.server")

namespace {

constexpr int FirstRedisOutcomeWaitMs = 300;
constexpr int ShutdownDeadlineMs = 4500;

void printLine(const QString &line, FILE *stream = stdout) {
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char *argv[]) {
    // A headless server has nothing to integrate with glib, and glib's dispatcher costs two
    // eventfd writes per answered request (it wakes itself whenever a socket notifier is
    // switched on or off). Qt's own poll() dispatcher does not. A value set by the user wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cache-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QRC_VERSION));

    const qrc::Result<qrc::LoadedConfig> loaded = qrc::ConfigLoader::load(app.arguments());
    if (!loaded.ok()) {
        printLine(QStringLiteral("cache-server: ") + loaded.error.message, stderr);
        return 2;
    }
    const qrc::LoadedConfig &config = loaded.value;
    if (config.helpRequested) {
        printLine(config.helpText.trimmed());
        return 0;
    }
    if (config.versionRequested) {
        printLine(QStringLiteral("cache-server " QRC_VERSION));
        return 0;
    }
    const qrc::Settings &settings = config.settings;
    // A malformed limit string is a configuration error: one line naming it, exit 2.
    const qrc::Result<qrc::RateLimitConfig> rateLimits =
        qrc::RateLimitConfig::fromSettings(settings.rateLimit);
    if (!rateLimits.ok()) {
        printLine(QStringLiteral("cache-server: ") + rateLimits.error.message, stderr);
        return 2;
    }

    QString logError;
    if (!qrc::ServerLog::install(settings.app, &logError))
        qCWarning(lcMain).noquote() << logError;
    qCDebug(lcMain).noquote() << "configuration:" << qrc::ConfigLoader::redactedSummary(settings);
    if (!config.sources.isEmpty())
        qCInfo(lcMain).noquote() << "configuration read from"
                                 << config.sources.join(QLatin1String(", "));

    QHostAddress address;
    if (!qrc::CacheServer::resolveHost(settings.server.host, &address)) {
        printLine(QStringLiteral("cache-server: SERVER_HOST: cannot resolve '%1'")
                      .arg(settings.server.host),
                  stderr);
        return 2;
    }
    // A token that can be guessed protects nothing on a public address.
    constexpr int MinPublicTokenLength = 16;
    if (!address.isLoopback() && !settings.server.adminToken.isEmpty() &&
        settings.server.adminToken.size() < MinPublicTokenLength) {
        printLine(QStringLiteral("cache-server: CACHE_ADMIN_TOKEN must be at least %1 characters "
                                 "to listen on %2 (it has %3)")
                      .arg(MinPublicTokenLength)
                      .arg(settings.server.host)
                      .arg(settings.server.adminToken.size()),
                  stderr);
        return 2;
    }
    if (!address.isLoopback() && settings.server.adminToken.isEmpty() &&
        !settings.server.insecureNoAuth) {
        printLine(QStringLiteral("cache-server: refusing to listen on %1 without an admin token "
                                 "(set CACHE_ADMIN_TOKEN or --admin-token-file, or pass "
                                 "--insecure-no-auth)")
                      .arg(settings.server.host),
                  stderr);
        return 2;
    }

    qrc::SignalWatcher signalWatcher;
    qrc::CacheServer server(settings);
    // Shares the cache's Redis connection pool when RATE_LIMIT_STORAGE=redis.
    qrc::RateLimitGuard rateLimitGuard(rateLimits.value, server.cache()->redisClient());
    server.setRequestGuard(&rateLimitGuard);
    QString error;
    if (!server.start(&error)) {
        printLine(QStringLiteral("cache-server: ") + error, stderr);
        return 1;
    }

    // The start-up line names the backend truthfully: wait briefly for Redis' first answer.
    bool announced = false;
    const auto announce = [&] {
        if (announced)
            return;
        announced = true;
        printLine(QStringLiteral("cache-server listening on %1, backend: %2")
                      .arg(server.url(), server.backendDescription()));
    };
    QObject::connect(server.cache(), &qrc::CacheManager::backendChanged, &app, [&] {
        if (!announced)
            announce();
        else
            printLine(QStringLiteral("cache-server backend: ") + server.backendDescription());
    });
    QObject::connect(server.cache(), &qrc::CacheManager::redisStateChanged, &app,
                     [&](qrc::RedisClient::State state, const QString &detail) {
                         if (state == qrc::RedisClient::State::Unreachable) {
                             qCInfo(lcMain).noquote() << "redis unreachable:" << detail;
                             announce();
                         }
                     });
    if (!settings.redis.enabled || server.cache()->activeBackend() == qrc::BackendKind::Redis)
        announce();
    else
        QTimer::singleShot(FirstRedisOutcomeWaitMs, &app, announce);

    QObject::connect(
        &signalWatcher, &qrc::SignalWatcher::terminationRequested, &app, [&](int signal) {
            qCInfo(lcMain) << "signal" << signal << "received: finishing in-flight requests";
            server.shutdown();
            QTimer::singleShot(ShutdownDeadlineMs, &app, [] {
                qCWarning(lcMain) << "shutdown deadline reached";
                QCoreApplication::exit(0);
            });
        });
    QObject::connect(&server, &qrc::CacheServer::stopped, &app, [] {
        qCInfo(lcMain) << "stopped";
        QCoreApplication::exit(0);
    });
    return app.exec();
}
