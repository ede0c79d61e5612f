// Configuration as ConfigLoader reads it (core/configloader): an INI file, a .env file, the
// command line and the environment, in one input: "ini\0dotenv\0args (one per line)\0env".
#include "configloader.h"
#include "fuzzinput.h"
#include "ratelimit/ratelimitconfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace qrc;

namespace {

void writeFile(const QString &path, const QByteArray &content) {
    QFile file(path);
    FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    FUZZ_CHECK(file.write(content) == content.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/qrc-fuzz-config-XXXXXX"));
    FUZZ_CHECK(dir.isValid());
    const QString iniPath = dir.filePath(QStringLiteral("cache.ini"));
    const QString envPath = dir.filePath(QStringLiteral("fuzz.env"));

    const QList<QByteArray> parts = fuzz::fields(data, size, 4);
    writeFile(iniPath, parts[0]);
    writeFile(envPath, parts[1]);
    QStringList arguments{QStringLiteral("cache-server"), QStringLiteral("--config"), iniPath,
                          QStringLiteral("--env-file"), envPath};
    for (const QByteArray &arg : parts[2].split('\n')) {
        if (!arg.isEmpty())
            arguments << QString::fromUtf8(arg);
    }
    QProcessEnvironment environment;
    for (const QByteArray &line : parts[3].split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            environment.insert(QString::fromUtf8(line.left(eq)),
                               QString::fromUtf8(line.mid(eq + 1)));
    }

    const Result<LoadedConfig> loaded = ConfigLoader::load(arguments, environment);
    if (!loaded.ok()) {
        // The server prints the message as its one line before exiting with status 2.
        FUZZ_CHECK(!loaded.error.message.isEmpty());
        FUZZ_CHECK(!loaded.error.message.contains(u'\n'));
        return 0;
    }
    const Settings &s = loaded.value.settings;
    (void)ConfigLoader::redactedSummary(s);
    FUZZ_CHECK(s.cache.maxTtl >= s.cache.defaultTtl);
    FUZZ_CHECK(s.redis.port >= 1 && s.redis.port <= 65535);
    (void)RateLimitConfig::fromSettings(s.rateLimit);
    return 0;
}
