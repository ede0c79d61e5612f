#include "consolesettings.h"

#include "serverstats.h"

#include <QCollator>
#include <QFile>

#include <algorithm>

namespace qrc {

std::optional<QString> readTokenFile(const QString &path, QString *error) {
    if (path.isEmpty())
        return QString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    return QString::fromUtf8(file.readAll()).trimmed();
}

ConsoleSettings::ConsoleSettings() = default;

QList<ConnectionProfile> ConsoleSettings::profiles() const {
    QList<ConnectionProfile> list;
    const int n = m_settings.beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < n; ++i) {
        m_settings.setArrayIndex(i);
        list.append({m_settings.value(QStringLiteral("name")).toString(),
                     m_settings.value(QStringLiteral("url")).toString(),
                     m_settings.value(QStringLiteral("tokenFile")).toString(),
                     m_settings.value(QStringLiteral("readOnly"), false).toBool()});
    }
    m_settings.endArray();
    return list;
}

std::optional<ConnectionProfile> ConsoleSettings::profile(const QString &name) const {
    const QList<ConnectionProfile> list = profiles();
    for (const ConnectionProfile &p : list) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

void ConsoleSettings::saveProfile(const ConnectionProfile &profile) {
    QList<ConnectionProfile> list = profiles();
    list.removeIf([&](const ConnectionProfile &p) { return p.name == profile.name; });
    list.append(profile);
    const QCollator collator = naturalCollator();
    std::sort(list.begin(), list.end(),
              [&](const ConnectionProfile &a, const ConnectionProfile &b) {
                  return collator.compare(a.name, b.name) < 0;
              });
    writeProfiles(list);
}

void ConsoleSettings::removeProfile(const QString &name) {
    QList<ConnectionProfile> list = profiles();
    list.removeIf([&](const ConnectionProfile &p) { return p.name == name; });
    writeProfiles(list);
    if (lastProfile() == name)
        setLastProfile({});
}

void ConsoleSettings::writeProfiles(const QList<ConnectionProfile> &list) {
    m_settings.remove(QStringLiteral("profiles"));
    m_settings.beginWriteArray(QStringLiteral("profiles"), int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("name"), list[i].name);
        m_settings.setValue(QStringLiteral("url"), list[i].url);
        m_settings.setValue(QStringLiteral("tokenFile"), list[i].tokenFile);
        m_settings.setValue(QStringLiteral("readOnly"), list[i].readOnly);
    }
    m_settings.endArray();
}

QString ConsoleSettings::lastProfile() const {
    return m_settings.value(QStringLiteral("lastProfile")).toString();
}

void ConsoleSettings::setLastProfile(const QString &name) {
    if (name.isEmpty())
        m_settings.remove(QStringLiteral("lastProfile"));
    else
        m_settings.setValue(QStringLiteral("lastProfile"), name);
}

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

std::optional<bool> ConsoleSettings::sectionExpanded(const QString &name) const {
    const QVariant value = m_settings.value(QStringLiteral("window/expanded-") + name);
    if (!value.isValid())
        return std::nullopt;
    return value.toBool();
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
