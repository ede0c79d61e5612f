#include "guitestsupport.h"

#include "cachemanager.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolBar>

namespace qrc::test {

Settings embeddedSettingsOn(const RedisServer &redis, const QString &prefix) {
    Settings settings = EmbeddedService::defaultSettings();
    settings.redis.enabled = true;
    settings.redis.host = redis.host();
    settings.redis.port = redis.port();
    settings.cache.namespacePrefix = prefix;
    return settings;
}

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

namespace qrc::test {

namespace {

bool isQtInternal(const QWidget *w) {
    for (const QWidget *p = w; p; p = p->parentWidget()) {
        if (p->objectName().startsWith(QLatin1String("qt_")))
            return true;
    }
    const QWidget *parent = w->parentWidget();
    if (!parent)
        return false;
    // The line edit of a spin box, a scroll area's viewport and an item view's headers (its
    // column headers to a screen reader) and corner button speak through their owner. The line
    // edit of an editable combo box and a line edit's clear button do not: AT-SPI shows them
    // as a text field and a push button of their own (tests/gui/atspi sees them).
    if (qobject_cast<const QAbstractItemView *>(parent) &&
        (qobject_cast<const QHeaderView *>(w) || w->inherits("QTableCornerButton")))
        return true;
    if (const auto *area = qobject_cast<const QAbstractScrollArea *>(parent);
        area && area->viewport() == w)
        return true;
    return qobject_cast<const QAbstractSpinBox *>(parent);
}

bool isReachable(const QWidget *w) {
    if (qobject_cast<const QScrollBar *>(w))
        return false; // part of its scroll area, which is checked
    return w->focusPolicy() != Qt::NoFocus || qobject_cast<const QAbstractButton *>(w) ||
           qobject_cast<const QComboBox *>(w) || qobject_cast<const QLineEdit *>(w) ||
           qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QAbstractSlider *>(w) ||
           qobject_cast<const QAbstractScrollArea *>(w) || qobject_cast<const QTabBar *>(w) ||
           qobject_cast<const QMenuBar *>(w) || qobject_cast<const QToolBar *>(w);
}

QString describe(const QWidget *w) {
    QStringList chain;
    for (const QWidget *p = w; p; p = p->parentWidget())
        chain << QStringLiteral("%1#%2").arg(QLatin1String(p->metaObject()->className()),
                                             p->objectName());
    return chain.join(QStringLiteral(" < "));
}

} // namespace

QStringList unnamedWidgets(QWidget *root) {
    QStringList unnamed;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : std::as_const(widgets)) {
        if (w->window() != root->window())
            continue; // another window (a popup list, a tooltip) is checked on its own
        if (isQtInternal(w) || !isReachable(w))
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        const QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
        if (name.isEmpty())
            unnamed << describe(w);
    }
    return unnamed;
}

} // namespace qrc::test
