#pragma once

#include "apiclient.h"
#include "embeddedservice.h"
#include "redisserver.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>

namespace qrc::test {

// Settings (QSettings, user scope) of this test process only, in a directory removed at exit:
// the same test binary run from two checkouts at once must not share one settings file.
// Also turns on QStandardPaths' test mode.
void isolateSettings();

// The embedded service's defaults, on `redis`, with its own key prefix.
Settings embeddedSettingsOn(const RedisServer &redis, const QString &prefix);

// A loopback port nobody listens on (bound once, then released).
quint16 unusedPort();

// Stores `count` keys "<prefix>00001".. in `ns` through the service's CacheManager.
void seedKeys(EmbeddedService &service, const QString &ns, int count, qint64 ttl = 3600,
              const QString &prefix = QStringLiteral("key:"));
void seedValue(EmbeddedService &service, const QString &ns, const QString &key,
               const QByteArray &value, qint64 ttl = 3600, const QByteArray &contentType = {});
bool keyExists(EmbeddedService &service, const QString &ns, const QString &key);

// Records the requests an ApiClient sends.
class RequestLog : public QObject {
    Q_OBJECT
public:
    explicit RequestLog(ApiClient *api);
    // Requests whose path ends with `suffix` (e.g. "/keys" counts key-list pages).
    int count(const QString &pathSuffix) const;
    int total() const { return int(m_paths.size()); }
    QStringList paths() const { return m_paths; }

private:
    QStringList m_paths;
};

} // namespace qrc::test

class QWidget;

namespace qrc::test {

// The widgets under `root` (itself included) that a user can reach (focusable, or a control or
// view by its kind) but that a screen reader would announce without a name, described as
// "Class objectName (parent chain)". Qt's own parts of a compound widget (a spin box's line
// edit, a scroll area's scroll bars) are covered by their owner and skipped.
QStringList unnamedWidgets(QWidget *root);

} // namespace qrc::test
