#include "consolesettings.h"

namespace qrc {

ConsoleSettings::ConsoleSettings() = default;

QList<RecentConnection> ConsoleSettings::recentConnections() const {
    QList<RecentConnection> list;
    const int n = m_settings.beginReadArray(QStringLiteral("recent"));
    for (int i = 0; i < n; ++i) {
        m_settings.setArrayIndex(i);
        list.append({m_settings.value(QStringLiteral("url")).toString(),
                     m_settings.value(QStringLiteral("token")).toString()});
    }
    m_settings.endArray();
    return list;
}

void ConsoleSettings::addRecentConnection(const QString &url, const QString &token,
                                          bool rememberToken) {
    QList<RecentConnection> list = recentConnections();
    list.removeIf([&](const RecentConnection &c) { return c.url == url; });
    list.prepend({url, rememberToken ? token : QString()});
    while (list.size() > MaxRecent)
        list.removeLast();
    m_settings.remove(QStringLiteral("recent"));
    m_settings.beginWriteArray(QStringLiteral("recent"), int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("url"), list[i].url);
        if (!list[i].token.isEmpty())
            m_settings.setValue(QStringLiteral("token"), list[i].token);
    }
    m_settings.endArray();
    m_settings.setValue(QStringLiteral("lastUrl"), url);
    m_settings.setValue(QStringLiteral("lastWasEmbedded"), false);
}

void ConsoleSettings::forgetRecentConnections() {
    m_settings.remove(QStringLiteral("recent"));
    m_settings.remove(QStringLiteral("lastUrl"));
}

QString ConsoleSettings::lastUrl() const {
    return m_settings.value(QStringLiteral("lastUrl")).toString();
}

bool ConsoleSettings::lastWasEmbedded() const {
    return m_settings.value(QStringLiteral("lastWasEmbedded"), false).toBool();
}

void ConsoleSettings::setLastWasEmbedded(bool embedded) {
    m_settings.setValue(QStringLiteral("lastWasEmbedded"), embedded);
}

bool ConsoleSettings::hasConnectionHistory() const {
    return m_settings.contains(QStringLiteral("lastUrl")) ||
           m_settings.contains(QStringLiteral("lastWasEmbedded"));
}

QByteArray ConsoleSettings::geometry() const {
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

void ConsoleSettings::setGeometry(const QByteArray &g) {
    m_settings.setValue(QStringLiteral("window/geometry"), g);
}

QByteArray ConsoleSettings::windowState() const {
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void ConsoleSettings::setWindowState(const QByteArray &s) {
    m_settings.setValue(QStringLiteral("window/state"), s);
}

QByteArray ConsoleSettings::splitterState(const QString &name) const {
    return m_settings.value(QStringLiteral("window/splitter-") + name).toByteArray();
}

void ConsoleSettings::setSplitterState(const QString &name, const QByteArray &s) {
    m_settings.setValue(QStringLiteral("window/splitter-") + name, s);
}

QByteArray ConsoleSettings::headerState() const {
    return m_settings.value(QStringLiteral("window/keyHeader")).toByteArray();
}

void ConsoleSettings::setHeaderState(const QByteArray &s) {
    m_settings.setValue(QStringLiteral("window/keyHeader"), s);
}

int ConsoleSettings::chartWindowMinutes() const {
    return m_settings.value(QStringLiteral("charts/windowMinutes"), 5).toInt();
}

void ConsoleSettings::setChartWindowMinutes(int minutes) {
    m_settings.setValue(QStringLiteral("charts/windowMinutes"), minutes);
}

bool ConsoleSettings::sectionExpanded(const QString &name) const {
    return m_settings.value(QStringLiteral("window/expanded-") + name, true).toBool();
}

void ConsoleSettings::setSectionExpanded(const QString &name, bool expanded) {
    m_settings.setValue(QStringLiteral("window/expanded-") + name, expanded);
}

bool ConsoleSettings::chartShowsRaw() const {
    return m_settings.value(QStringLiteral("charts/showRaw"), false).toBool();
}

void ConsoleSettings::setChartShowsRaw(bool raw) {
    m_settings.setValue(QStringLiteral("charts/showRaw"), raw);
}

bool ConsoleSettings::readOnly() const {
    return m_settings.value(QStringLiteral("readOnly"), false).toBool();
}

void ConsoleSettings::setReadOnly(bool readOnly) {
    m_settings.setValue(QStringLiteral("readOnly"), readOnly);
}

} // namespace qrc
