#pragma once

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>

namespace qrc {

struct RecentConnection {
    QString url;
    QString token; // empty unless the user asked to remember it
};

// What the console remembers between runs (QSettings, the platform's usual place).
class ConsoleSettings {
public:
    static constexpr int MaxRecent = 10;

    ConsoleSettings();

    QList<RecentConnection> recentConnections() const;
    // Moves `url` to the front. The token is stored only when `rememberToken`; otherwise a
    // previously stored token for that URL is forgotten too.
    void addRecentConnection(const QString &url, const QString &token, bool rememberToken);
    void forgetRecentConnections();

    QString lastUrl() const;
    bool lastWasEmbedded() const;
    void setLastWasEmbedded(bool embedded);
    bool hasConnectionHistory() const;

    QByteArray geometry() const;
    void setGeometry(const QByteArray &g);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &s);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &s);
    QByteArray headerState() const;
    void setHeaderState(const QByteArray &s);
    int chartWindowMinutes() const;
    void setChartWindowMinutes(int minutes);
    // Whether a collapsible panel ("statistics", "charts") is open; open unless closed before.
    bool sectionExpanded(const QString &name) const;
    void setSectionExpanded(const QString &name, bool expanded);
    bool chartShowsRaw() const;
    void setChartShowsRaw(bool raw);
    bool readOnly() const;
    void setReadOnly(bool readOnly);

private:
    mutable QSettings m_settings;
};

} // namespace qrc
