#pragma once

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>

#include <optional>

namespace qrc {

struct RecentConnection {
    QString url;
    QString token; // empty unless the user asked to remember it
};

// A named way to reach a server: its URL, where its admin token is kept, and whether to
// browse it read-only. The token itself is never stored, only the file's path.
struct ConnectionProfile {
    QString name;
    QString url;
    QString tokenFile;
    bool readOnly = false;

    bool operator==(const ConnectionProfile &) const = default;
};

// The admin token in `path` (trimmed); empty path: no token. nullopt when the file cannot be
// read (the reason in *error).
std::optional<QString> readTokenFile(const QString &path, QString *error = nullptr);

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

    // Profiles in name order. Saving one replaces the profile of that name.
    QList<ConnectionProfile> profiles() const;
    std::optional<ConnectionProfile> profile(const QString &name) const;
    void saveProfile(const ConnectionProfile &profile);
    void removeProfile(const QString &name);
    // The profile used last, to start with again (empty: none).
    QString lastProfile() const;
    void setLastProfile(const QString &name);

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
    // Whether the user left a collapsible panel ("statistics", "charts") open; none when the
    // user never opened or closed it (the window then picks a default for its height).
    std::optional<bool> sectionExpanded(const QString &name) const;
    void setSectionExpanded(const QString &name, bool expanded);
    bool chartShowsRaw() const;
    void setChartShowsRaw(bool raw);
    bool readOnly() const;
    void setReadOnly(bool readOnly);

private:
    void writeProfiles(const QList<ConnectionProfile> &list);

    mutable QSettings m_settings;
};

} // namespace qrc
