#pragma once

#include "serverstats.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;

namespace qrc {

// Counters of the connected server, with the backend in use as a coloured badge so that a
// fallback to memory is seen at a glance.
class StatsPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatsPanel(QWidget *parent = nullptr);

    void setStats(const ServerStats &stats);
    void setInfo(const ServerInfo &info);
    // Data no longer current (server away): say since when, keep the numbers.
    void setStale(bool stale, const QString &since = {});
    // No server (another one is being reached): nothing of the previous one stays.
    void clear();

    QString badgeText() const;
    QString serverSummary() const; // name, version, prefix, TTL, compression: one line if it fits
    QString value(const QString &field) const; // for tests: "hits", "misses", ...
    QString scopeNote() const;

Q_SIGNALS:
    // The user chose this server's counters (false) or every instance's on its Redis (true).
    void scopeChanged(bool allInstances);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateBadge();
    void addRow(QGridLayout *grid, const QString &field, const QString &label, int row, int column);

    QLabel *m_badge;
    QLabel *m_redis;
    QLabel *m_server;
    QLabel *m_staleNote;
    QComboBox *m_scope;
    QLabel *m_scopeNote;
    QHash<QString, QLabel *> m_values;
    ServerStats m_stats;
    bool m_hasStats = false;
    bool m_stale = false;
};

} // namespace qrc
