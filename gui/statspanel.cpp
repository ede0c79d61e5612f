#include "statspanel.h"

#include <QComboBox>
#include <QEvent>
#include <QFont>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace qrc {

StatsPanel::StatsPanel(QWidget *parent)
    : QWidget(parent)
    , m_badge(new QLabel(this))
    , m_redis(new QLabel(this))
    , m_server(new QLabel(this))
    , m_staleNote(new QLabel(this))
    , m_scope(new QComboBox(this))
    , m_scopeNote(new QLabel(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0); // the section around it has its own
    auto *top = new QHBoxLayout;
    m_badge->setObjectName(QStringLiteral("backendBadge"));
    m_badge->setAlignment(Qt::AlignCenter);
    m_badge->setMinimumWidth(110);
    top->addWidget(m_badge);
    top->addWidget(m_redis, 1);
    // Instances behind a load balancer share one Redis; each publishes its counters there.
    m_scope->addItem(tr("This server"));
    m_scope->addItem(tr("All instances"));
    m_scope->setObjectName(QStringLiteral("statsScope"));
    m_scope->setAccessibleName(tr("Statistics scope"));
    m_scope->setAccessibleDescription(
        tr("This server's counters, or the sum over every instance that shares its Redis"));
    connect(m_scope, &QComboBox::currentIndexChanged, this,
            [this](int index) { Q_EMIT scopeChanged(index == 1); });
    top->addWidget(m_scope);
    layout->addLayout(top);
    m_scopeNote->setObjectName(QStringLiteral("statsScopeNote"));
    m_scopeNote->setWordWrap(true);
    m_scopeNote->setVisible(false);
    layout->addWidget(m_scopeNote);
    m_server->setWordWrap(true);
    m_server->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_server);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    addRow(grid, QStringLiteral("hits"), tr("Hits"), 0, 0);
    addRow(grid, QStringLiteral("misses"), tr("Misses"), 1, 0);
    addRow(grid, QStringLiteral("hit_rate"), tr("Hit rate"), 2, 0);
    addRow(grid, QStringLiteral("total_requests"), tr("Requests"), 3, 0);
    addRow(grid, QStringLiteral("uptime"), tr("Uptime"), 4, 0);
    addRow(grid, QStringLiteral("sets"), tr("Sets"), 0, 2);
    addRow(grid, QStringLiteral("deletes"), tr("Deletes"), 1, 2);
    addRow(grid, QStringLiteral("evictions"), tr("Evictions"), 2, 2);
    addRow(grid, QStringLiteral("errors"), tr("Errors"), 3, 2);
    addRow(grid, QStringLiteral("bytes"), tr("Read / written"), 4, 2);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    layout->addLayout(grid);
    m_staleNote->setWordWrap(true);
    m_staleNote->setVisible(false);
    layout->addWidget(m_staleNote);
    layout->addStretch(1);
    updateBadge();
}

void StatsPanel::addRow(QGridLayout *grid, const QString &field, const QString &label, int row,
                        int column) {
    auto *value = new QLabel(QStringLiteral("–"), this);
    value->setObjectName(field);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont f = value->font();
    f.setBold(true);
    value->setFont(f);
    m_values.insert(field, value);
    // The caption labels the figure for AT-SPI (a "labelled by" relation): a screen reader
    // reads "Hits 12", and a checker finds the figure by its caption.
    auto *caption = new QLabel(label, this);
    caption->setBuddy(value);
    grid->addWidget(caption, row, column);
    grid->addWidget(value, row, column + 1);
}

QString StatsPanel::value(const QString &field) const {
    const QLabel *l = m_values.value(field);
    return l ? l->text() : QString();
}

QString StatsPanel::serverSummary() const {
    return m_server->text();
}

QString StatsPanel::scopeNote() const {
    return m_scopeNote->isHidden() ? QString() : m_scopeNote->text();
}

QString StatsPanel::badgeText() const {
    return m_badge->text();
}

void StatsPanel::setStats(const ServerStats &stats) {
    m_stats = stats;
    m_hasStats = true;
    const QLocale locale;
    m_values[QStringLiteral("hits")]->setText(locale.toString(stats.totals.hits));
    m_values[QStringLiteral("misses")]->setText(locale.toString(stats.totals.misses));
    m_values[QStringLiteral("hit_rate")]->setText(
        locale.toString(stats.totals.hitRate * 100.0, 'f', 1) + QStringLiteral(" %"));
    m_values[QStringLiteral("total_requests")]->setText(locale.toString(stats.totalRequests));
    m_values[QStringLiteral("uptime")]->setText(formatDuration(qint64(stats.uptimeSeconds)));
    m_values[QStringLiteral("sets")]->setText(locale.toString(stats.totals.sets));
    m_values[QStringLiteral("deletes")]->setText(locale.toString(stats.totals.deletes));
    m_values[QStringLiteral("evictions")]->setText(locale.toString(stats.evictions));
    m_values[QStringLiteral("errors")]->setText(locale.toString(stats.errors));
    m_values[QStringLiteral("bytes")]->setText(
        tr("%1 / %2").arg(formatBytes(stats.bytesRead), formatBytes(stats.bytesWritten)));
    if (m_scope->currentIndex() == 1) {
        m_scopeNote->setText(
            stats.complete ? tr("Sum over %n instance(s) on this Redis", nullptr, stats.instances)
                           : tr("Only this server is counted: it is not using Redis now"));
        m_scopeNote->setVisible(true);
    } else {
        m_scopeNote->setVisible(false);
    }
    updateBadge();
}

void StatsPanel::setInfo(const ServerInfo &info) {
    QStringList parts;
    if (!info.name.isEmpty())
        parts << tr("%1 %2").arg(info.name, info.version).trimmed();
    if (!info.environment.isEmpty())
        parts << info.environment;
    if (!info.prefix.isEmpty())
        parts << tr("prefix %1").arg(info.prefix);
    if (info.defaultTtl > 0)
        parts << tr("default TTL %1").arg(formatTtl(info.defaultTtl));
    parts << (info.compressionEnabled
                  ? tr("gzip from %1").arg(formatBytes(info.compressionThreshold))
                  : tr("no compression"));
    // Lines may break between the parts only, never inside one ("1⏎h", "fastapi-⏎cache").
    for (QString &part : parts)
        part = keepTogether(part);
    m_server->setText(parts.join(QStringLiteral("\u00A0· ")));
}

void StatsPanel::clear() {
    m_hasStats = false;
    m_stale = false;
    m_stats = ServerStats();
    for (QLabel *l : std::as_const(m_values)) {
        l->setText(QStringLiteral("–"));
        l->setEnabled(true);
    }
    m_server->clear();
    m_staleNote->setVisible(false);
    m_scopeNote->setVisible(false);
    updateBadge();
}

void StatsPanel::setStale(bool stale, const QString &since) {
    m_stale = stale && m_hasStats;
    updateBadge();
    m_staleNote->setVisible(stale && m_hasStats);
    m_staleNote->setText(tr("Server not reachable: these figures are from %1.").arg(since));
    for (QLabel *l : std::as_const(m_values))
        l->setEnabled(!stale);
}

void StatsPanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        updateBadge();
    QWidget::changeEvent(event);
}

void StatsPanel::updateBadge() {
    QString text;
    QString tooltip;
    QColor colour;
    if (!m_hasStats) {
        text = tr("No data");
        colour = palette().color(QPalette::Mid);
    } else if (m_stats.backend == QLatin1String("redis")) {
        text = tr("Redis");
        tooltip = tr("Serving from Redis");
        colour = QColor(0x2e, 0x7d, 0x32);
    } else if (m_stats.onFallback()) {
        text = tr("Memory fallback");
        tooltip =
            tr("Redis is %1: the server answers from its in-memory store").arg(m_stats.redisState);
        colour = QColor(0xe6, 0x51, 0x00);
    } else {
        text = tr("Memory");
        tooltip = tr("Redis is disabled on this server");
        colour = QColor(0x15, 0x65, 0xc0);
    }
    if (m_stale) {
        // What the server used when it was last heard from, not what it uses now.
        text = tr("%1 (last known)").arg(text);
        tooltip = tr("The server is not reachable; this was its backend when last seen");
        colour = palette().color(QPalette::Mid);
    }
    m_badge->setText(text);
    m_badge->setToolTip(tooltip);
    m_badge->setStyleSheet(
        QStringLiteral("QLabel#backendBadge { background: %1; color: white; border-radius: 9px;"
                       " padding: 3px 10px; font-weight: bold; }")
            .arg(colour.name()));
    QString redis;
    if (m_hasStats && !m_stale) {
        if (m_stats.redisState == QLatin1String("connected"))
            redis = tr("Redis connected");
        else if (m_stats.redisState == QLatin1String("unreachable"))
            redis = tr("Redis unreachable");
        else if (m_stats.redisState == QLatin1String("disabled"))
            redis = tr("Redis disabled");
        else
            redis = m_stats.redisState;
    }
    m_redis->setText(redis);
}

} // namespace qrc
