#include "guitestsupport.h"

#include "cachemanager.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

namespace qrc::test {

void isolateSettings() {
    static QTemporaryDir dir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

quint16 unusedPort() {
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

void seedKeys(EmbeddedService &service, const QString &ns, int count, qint64 ttl,
              const QString &prefix) {
    for (int i = 1; i <= count; ++i)
        service.cache()->set(prefix + QStringLiteral("%1").arg(i, 5, 10, QLatin1Char('0')),
                             QByteArray("value ") + QByteArray::number(i), ttl, ns);
}

void seedValue(EmbeddedService &service, const QString &ns, const QString &key,
               const QByteArray &value, qint64 ttl, const QByteArray &contentType) {
    CacheValue v;
    v.data = value;
    v.contentType = contentType;
    service.cache()->set(key, v, ttl, ns);
}

bool keyExists(EmbeddedService &service, const QString &ns, const QString &key) {
    auto future = service.cache()->exists({key}, ns);
    future.waitForFinished(); // the memory backend answers at once
    return future.result().value > 0;
}

RequestLog::RequestLog(ApiClient *api)
    : QObject(api) {
    connect(api, &ApiClient::requestSent, this,
            [this](const QByteArray &, const QUrl &url) { m_paths.append(url.path()); });
}

int RequestLog::count(const QString &pathSuffix) const {
    return int(std::count_if(m_paths.cbegin(), m_paths.cend(),
                             [&](const QString &p) { return p.endsWith(pathSuffix); }));
}

} // namespace qrc::test
