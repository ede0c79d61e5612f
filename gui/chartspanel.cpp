#include "chartspanel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace qrc {

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
    , m_namespace(new QComboBox(this))
    , m_window(new QComboBox(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *controls = new QHBoxLayout;
    auto *nsLabel = new QLabel(tr("&Namespace:"), this);
    nsLabel->setBuddy(m_namespace);
    controls->addWidget(nsLabel);
    m_namespace->setObjectName(QStringLiteral("chartNamespace"));
    m_namespace->addItem(tr("All namespaces"), QString());
    m_namespace->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    controls->addWidget(m_namespace);
    controls->addStretch(1);
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);
    controls->addWidget(windowLabel);
    m_window->setObjectName(QStringLiteral("chartWindow"));
    for (int minutes : {1, 5, 15, 60})
        m_window->addItem(tr("%n minute(s)", nullptr, minutes), minutes);
    m_window->setCurrentIndex(1);
    controls->addWidget(m_window);
    layout->addLayout(controls);

    m_hitRate = makeChart(tr("Hit rate (%)"));
    m_hitRate.y->setRange(0, 100);
    m_requests = makeChart(tr("Requests per second"));
    layout->addWidget(m_hitRate.view, 1);
    layout->addWidget(m_requests.view, 1);

    connect(m_namespace, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    connect(m_window, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_windowMinutes = m_window->itemData(index).toInt();
        redraw();
        Q_EMIT windowMinutesChanged(m_windowMinutes);
    });
    applyPalette();
    redraw();
}

ChartsPanel::Chart ChartsPanel::makeChart(const QString &title) {
    Chart c;
    c.chart = new QChart;
    c.chart->setAnimationOptions(QChart::NoAnimation);
    c.chart->legend()->hide();
    c.chart->setTitle(title);
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.series = new QLineSeries(c.chart);
    c.series->setUseOpenGL(false);
    c.chart->addSeries(c.series);
    c.x = new QDateTimeAxis(c.chart);
    c.x->setFormat(QStringLiteral("HH:mm:ss"));
    c.x->setTickCount(4);
    c.y = new QValueAxis(c.chart);
    c.y->setLabelFormat(QStringLiteral("%.0f"));
    c.y->setTickCount(5);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    c.series->attachAxis(c.x);
    c.series->attachAxis(c.y);
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumHeight(140);
    return c;
}

void ChartsPanel::applyPalette() {
    const QPalette pal = palette();
    for (Chart *c : {&m_hitRate, &m_requests}) {
        c->chart->setBackgroundBrush(pal.brush(QPalette::Base));
        c->chart->setBackgroundRoundness(0);
        c->chart->setTitleBrush(pal.brush(QPalette::Text));
        for (QAbstractAxis *axis :
             {static_cast<QAbstractAxis *>(c->x), static_cast<QAbstractAxis *>(c->y)}) {
            axis->setLabelsBrush(pal.brush(QPalette::Text));
            axis->setGridLineColor(pal.color(QPalette::Mid));
            axis->setLinePenColor(pal.color(QPalette::Mid));
        }
        QPen pen(pal.color(QPalette::Highlight));
        pen.setWidthF(2.0);
        c->series->setPen(pen);
        c->view->setBackgroundBrush(pal.brush(QPalette::Base));
    }
}

void ChartsPanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void ChartsPanel::fillHistory(const QList<HistoryPoint> &samples) {
    m_history.fill(samples);
    if (!samples.isEmpty())
        m_nowMs = std::max(m_nowMs, samples.last().epochMs);
    redraw();
}

void ChartsPanel::addStats(qint64 epochMs, const ServerStats &stats) {
    m_history.add(epochMs, stats);
    m_nowMs = epochMs;
    updateNamespaceChoices();
    redraw();
}

void ChartsPanel::clear() {
    m_history.clear();
    m_nowMs = 0;
    updateNamespaceChoices();
    redraw();
}

void ChartsPanel::setWindowMinutes(int minutes) {
    const int index = m_window->findData(minutes);
    if (index >= 0)
        m_window->setCurrentIndex(index);
}

void ChartsPanel::setNamespace(const QString &ns) {
    const int index = m_namespace->findData(ns);
    if (index >= 0)
        m_namespace->setCurrentIndex(index);
}

QString ChartsPanel::selectedNamespace() const {
    return m_namespace->currentData().toString();
}

int ChartsPanel::hitRatePointCount() const {
    return int(m_hitRate.series->count());
}

int ChartsPanel::requestRatePointCount() const {
    return int(m_requests.series->count());
}

void ChartsPanel::updateNamespaceChoices() {
    const QStringList names = m_history.namespaces();
    if (names.size() == m_namespace->count() - 1)
        return;
    const QString current = selectedNamespace();
    const QSignalBlocker blocker(m_namespace);
    while (m_namespace->count() > 1)
        m_namespace->removeItem(1);
    for (const QString &name : names)
        m_namespace->addItem(name, name);
    const int index = m_namespace->findData(current);
    m_namespace->setCurrentIndex(index < 0 ? 0 : index);
}

void ChartsPanel::redraw() {
    const qint64 now = m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - qint64(m_windowMinutes) * 60 * 1000;
    const QString ns = selectedNamespace();

    m_hitRate.series->replace(m_history.hitRate(ns, double(from)));
    const QList<QPointF> requests = m_history.requestRate(ns, double(from));
    m_requests.series->replace(requests);

    // Seconds matter only in the short windows; shorter labels fit under a narrow chart.
    const QString format =
        m_windowMinutes <= 5 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    m_hitRate.x->setFormat(format);
    m_requests.x->setFormat(format);
    const QDateTime fromTime = QDateTime::fromMSecsSinceEpoch(from);
    const QDateTime toTime = QDateTime::fromMSecsSinceEpoch(now);
    m_hitRate.x->setRange(fromTime, toTime);
    m_requests.x->setRange(fromTime, toTime);
    double peak = 0;
    for (const QPointF &p : requests)
        peak = std::max(peak, p.y());
    // The scale moves in steps so that it does not jitter every second.
    // 8, 20, 40, 80, 200, ...: each divides into the axis' four intervals as whole numbers.
    double top = 8;
    for (int step = 0; top < peak * 1.1; ++step)
        top *= step % 3 == 0 ? 2.5 : 2.0;
    m_requests.y->setRange(0, top);
}

} // namespace qrc
