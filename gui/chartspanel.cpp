#include "chartspanel.h"

#include "chartscale.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCollator>
#include <QComboBox>
#include <QCursor>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QTimeZone>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace qrc {

namespace {

constexpr int MaxValueIntervals = 4;

} // namespace

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
    , m_namespace(new QComboBox(this))
    , m_window(new QComboBox(this))
    , m_raw(new QCheckBox(tr("&Per second"), this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *controls = new QHBoxLayout;
    auto *nsLabel = new QLabel(tr("&Namespace:"), this);
    nsLabel->setBuddy(m_namespace);
    controls->addWidget(nsLabel);
    m_namespace->setObjectName(QStringLiteral("chartNamespace"));
    m_namespace->setAccessibleName(tr("Chart namespace"));
    m_namespace->setAccessibleDescription(tr("The namespace whose traffic the charts show"));
    m_namespace->addItem(tr("All namespaces"), QString());
    m_namespace->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_namespace->setMinimumContentsLength(8); // the window must fit 1024 px in German too
    controls->addWidget(m_namespace, 1);
    m_raw->setObjectName(QStringLiteral("chartRaw"));
    m_raw->setAccessibleName(tr("Show per-second hit rate"));
    m_raw->setAccessibleDescription(tr("Adds the hit rate of each second to its %1-second average")
                                        .arg(int(SmoothingWindowMs / 1000)));
    m_raw->setToolTip(m_raw->accessibleDescription());
    controls->addWidget(m_raw);
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);
    controls->addWidget(windowLabel);
    m_window->setObjectName(QStringLiteral("chartWindow"));
    m_window->setAccessibleName(tr("Chart window"));
    m_window->setAccessibleDescription(tr("How far back the charts reach"));
    for (int minutes : {1, 5, 15, 60})
        m_window->addItem(tr("%n minute(s)", nullptr, minutes), minutes);
    m_window->setCurrentIndex(1);
    controls->addWidget(m_window);
    layout->addLayout(controls);

    m_hitRate = makeChart(tr("Hit rate (%1-second average)").arg(int(SmoothingWindowMs / 1000)),
                          tr("Hit rate chart"), true);
    m_hitRate.y->setRange(0, 100);
    m_hitRate.y->setTickInterval(25);
    m_hitRate.y->setLabelFormat(QStringLiteral("%.0f %%"));
    m_requests = makeChart(tr("Requests per second"), tr("Requests per second chart"), false);
    m_requests.y->setTitleText(tr("req/s"));
    auto *charts = new QHBoxLayout;
    charts->setSpacing(4);
    charts->addWidget(m_hitRate.view, 1);
    charts->addWidget(m_requests.view, 1);
    layout->addLayout(charts, 1);

    connect(m_namespace, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    connect(m_window, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_windowMinutes = m_window->itemData(index).toInt();
        redraw();
        Q_EMIT windowMinutesChanged(m_windowMinutes);
    });
    connect(m_raw, &QCheckBox::toggled, this, [this](bool raw) {
        m_hitRate.raw->setVisible(raw);
        redraw();
        Q_EMIT showRawChanged(raw);
    });
    connect(m_hitRate.series, &QLineSeries::hovered, this, [this](const QPointF &p, bool on) {
        if (on)
            QToolTip::showText(QCursor::pos(), hitRateToolTip(p), m_hitRate.view);
        else
            QToolTip::hideText();
    });
    connect(m_hitRate.raw, &QLineSeries::hovered, this, [this](const QPointF &p, bool on) {
        if (on)
            QToolTip::showText(QCursor::pos(), hitRateToolTip(p), m_hitRate.view);
        else
            QToolTip::hideText();
    });
    connect(m_requests.series, &QLineSeries::hovered, this, [this](const QPointF &p, bool on) {
        if (on)
            QToolTip::showText(QCursor::pos(), requestRateToolTip(p), m_requests.view);
        else
            QToolTip::hideText();
    });
    // The number of time labels follows the plot's width.
    connect(m_hitRate.chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        if (int(area.width() / 60) != int(m_lastPlotWidth / 60))
            redraw();
        m_lastPlotWidth = area.width();
    });
    m_unreachableTick.setInterval(1000);
    connect(&m_unreachableTick, &QTimer::timeout, this, [this] {
        m_nowMs = QDateTime::currentMSecsSinceEpoch();
        m_history.observe(m_nowMs, ServerCondition::Unreachable);
        redraw();
    });
    m_hitRate.raw->setVisible(false);
    applyPalette();
    redraw();
}

ChartsPanel::Chart ChartsPanel::makeChart(const QString &title, const QString &accessibleName,
                                          bool withRaw) {
    Chart c;
    c.chart = new QChart;
    c.chart->setAnimationOptions(QChart::NoAnimation);
    c.chart->legend()->hide();
    c.chart->setTitle(title);
    c.chart->setMargins(QMargins(2, 2, 2, 2));
    c.x = new QCategoryAxis(c.chart);
    c.x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    c.y = new QValueAxis(c.chart);
    c.y->setLabelFormat(QStringLiteral("%.0f"));
    c.y->setTickType(QValueAxis::TicksDynamic);
    c.y->setTickAnchor(0);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);

    // The shading goes first so that the lines are drawn over it.
    c.shadeUpper = new QLineSeries(c.chart);
    c.shade = new QAreaSeries(c.shadeUpper);
    c.chart->addSeries(c.shade);
    if (withRaw) {
        c.raw = new QLineSeries(c.chart);
        c.chart->addSeries(c.raw);
    }
    c.series = new QLineSeries(c.chart);
    c.chart->addSeries(c.series);
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(c.shade), static_cast<QAbstractSeries *>(c.raw),
          static_cast<QAbstractSeries *>(c.series)}) {
        if (!s)
            continue;
        s->setUseOpenGL(false);
        s->attachAxis(c.x);
        s->attachAxis(c.y);
    }
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(200, 130);
    c.view->setAccessibleName(accessibleName);
    c.view->setFocusPolicy(Qt::NoFocus);
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
            axis->setTitleBrush(pal.brush(QPalette::Text));
            axis->setGridLineColor(pal.color(QPalette::Mid));
            axis->setLinePenColor(pal.color(QPalette::Mid));
        }
        QPen pen(pal.color(QPalette::Highlight));
        pen.setWidthF(2.0);
        c->series->setPen(pen);
        if (c->raw) {
            QColor faint = pal.color(QPalette::Text);
            faint.setAlpha(110);
            QPen rawPen(faint);
            rawPen.setWidthF(1.0);
            c->raw->setPen(rawPen);
        }
        // The fallback badge's orange, faint: visible on light and dark themes alike.
        c->shade->setBrush(QColor(0xe6, 0x51, 0x00, 60));
        c->shade->setPen(Qt::NoPen);
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
    m_unreachableTick.stop();
    m_history.add(epochMs, stats);
    m_history.observe(epochMs,
                      stats.onFallback() ? ServerCondition::Fallback : ServerCondition::Normal);
    m_nowMs = epochMs;
    updateNamespaceChoices();
    redraw();
}

void ChartsPanel::addUnreachable(qint64 epochMs) {
    m_history.observe(epochMs, ServerCondition::Unreachable);
    m_nowMs = std::max(m_nowMs, epochMs);
    m_unreachableTick.start();
    redraw();
}

void ChartsPanel::clear() {
    m_unreachableTick.stop();
    m_history.clear();
    m_known.clear();
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

void ChartsPanel::setKnownNamespaces(const QStringList &names) {
    m_known = names;
    updateNamespaceChoices();
}

QStringList ChartsPanel::namespaceChoices() const {
    QStringList names;
    for (int i = 1; i < m_namespace->count(); ++i)
        names << m_namespace->itemData(i).toString();
    return names;
}

void ChartsPanel::setShowRaw(bool raw) {
    m_raw->setChecked(raw);
}

bool ChartsPanel::showsRaw() const {
    return m_raw->isChecked();
}

int ChartsPanel::hitRatePointCount() const {
    return int(m_hitRate.series->count());
}

int ChartsPanel::rawHitRatePointCount() const {
    return m_hitRate.raw->isVisible() ? int(m_hitRate.raw->count()) : 0;
}

int ChartsPanel::requestRatePointCount() const {
    return int(m_requests.series->count());
}

int ChartsPanel::markedPeriodCount() const {
    return m_marked;
}

double ChartsPanel::requestAxisStep() const {
    return m_requests.y->tickInterval();
}

double ChartsPanel::requestAxisTop() const {
    return m_requests.y->max();
}

void ChartsPanel::updateNamespaceChoices() {
    // Every namespace seen in the statistics or the key list, whenever it appeared.
    QStringList names = m_history.namespaces();
    for (const QString &n : std::as_const(m_known)) {
        if (!n.isEmpty() && !names.contains(n))
            names << n;
    }
    const QCollator collator = naturalCollator();
    std::sort(names.begin(), names.end(),
              [&](const QString &a, const QString &b) { return collator.compare(a, b) < 0; });
    if (names == namespaceChoices())
        return;
    const QString current = selectedNamespace();
    const QSignalBlocker blocker(m_namespace);
    while (m_namespace->count() > 1)
        m_namespace->removeItem(1);
    for (const QString &name : std::as_const(names))
        m_namespace->addItem(name, name);
    const int index = m_namespace->findData(current);
    m_namespace->setCurrentIndex(index < 0 ? 0 : index);
    if (index < 0 && !current.isEmpty())
        redraw();
}

QPointF ChartsPanel::nearest(const QLineSeries *series, const QPointF &hovered) {
    const QList<QPointF> points = series->points();
    if (points.isEmpty())
        return hovered;
    const auto it =
        std::min_element(points.cbegin(), points.cend(), [&](const QPointF &a, const QPointF &b) {
            return std::abs(a.x() - hovered.x()) < std::abs(b.x() - hovered.x());
        });
    return *it;
}

QString ChartsPanel::hitRateToolTip(const QPointF &hovered) const {
    const QPointF avg = nearest(m_hitRate.series, hovered);
    const QString time =
        QDateTime::fromMSecsSinceEpoch(qint64(avg.x())).toString(QStringLiteral("HH:mm:ss"));
    const QLocale locale;
    QString text = tr("%1: hit rate %2 % (%3-second average)")
                       .arg(time, locale.toString(avg.y(), 'f', 1))
                       .arg(int(SmoothingWindowMs / 1000));
    if (m_hitRate.raw->isVisible() && m_hitRate.raw->count() > 0) {
        const QPointF raw = nearest(m_hitRate.raw, avg);
        text += QLatin1Char('\n') + tr("%1 % in that second").arg(locale.toString(raw.y(), 'f', 1));
    }
    return text;
}

QString ChartsPanel::requestRateToolTip(const QPointF &hovered) const {
    const QPointF p = nearest(m_requests.series, hovered);
    const QString time =
        QDateTime::fromMSecsSinceEpoch(qint64(p.x())).toString(QStringLiteral("HH:mm:ss"));
    return tr("%1: %2 requests per second").arg(time, QLocale().toString(p.y(), 'f', 1));
}

void ChartsPanel::updateTimeAxis(qint64 from, qint64 to) {
    // Qt Charts elides a label wider than its category: about 60 pixels of plot per label
    // ("HH:mm:ss" is ~55 px in the default font).
    const double plot = std::max(m_hitRate.chart->plotArea().width(), 1.0);
    const int intervals = std::clamp(int(plot / 60), 3, 8);
    const qint64 step = niceTimeStepMs(to - from, intervals);
    const qint64 offset =
        qint64(QDateTime::fromMSecsSinceEpoch(to).offsetFromUtc()) * 1000; // local clock
    const QList<qint64> ticks = timeTicks(from, to, step, offset);
    // Seconds only where the ticks fall between whole minutes.
    const QString format = step % 60000 == 0 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss");
    const bool changed = ticks != m_timeTicks;
    m_timeTicks = ticks;
    for (Chart *c : {&m_hitRate, &m_requests}) {
        c->x->setRange(double(from), double(to));
        if (!changed && c->x->count() == ticks.size())
            continue;
        const QStringList old = c->x->categoriesLabels();
        for (const QString &label : old)
            c->x->remove(label);
        c->x->setStartValue(double(from));
        for (qint64 t : ticks)
            c->x->append(QDateTime::fromMSecsSinceEpoch(t).toString(format), double(t));
        c->x->setRange(double(from), double(to)); // appending moved it to the categories
    }
}

void ChartsPanel::updateShading(qint64 from, qint64 to) {
    const QList<ConditionPeriod> periods = m_history.periods(double(from));
    m_marked = int(periods.size());
    for (Chart *c : {&m_hitRate, &m_requests}) {
        const double top = c->y->max();
        QList<QPointF> outline;
        outline.reserve(periods.size() * 4);
        for (const ConditionPeriod &p : periods) {
            // At least a second wide: a single observation is still a visible mark.
            const double start = std::max(p.fromX, double(from));
            const double end = std::min(std::max(p.toX, p.fromX + 1000.0), double(to));
            outline << QPointF(start, 0) << QPointF(start, top) << QPointF(end, top)
                    << QPointF(end, 0);
        }
        c->shadeUpper->replace(outline);
    }
    QStringList descriptions;
    for (const ConditionPeriod &p : periods) {
        const QString since =
            QDateTime::fromMSecsSinceEpoch(qint64(p.fromX)).toString(QStringLiteral("HH:mm:ss"));
        const QString until =
            QDateTime::fromMSecsSinceEpoch(qint64(p.toX)).toString(QStringLiteral("HH:mm:ss"));
        descriptions << (p.condition == ServerCondition::Fallback
                             ? tr("memory fallback %1–%2").arg(since, until)
                             : tr("server unreachable %1–%2").arg(since, until));
    }
    const QString marks =
        descriptions.isEmpty()
            ? QString()
            : QLatin1Char(' ') + tr("Shaded: %1.").arg(descriptions.join(QStringLiteral("; ")));
    const QLocale locale;
    const QString hit =
        m_hitRate.series->count() > 0
            ? tr("Latest: %1 %.")
                  .arg(locale.toString(m_hitRate.series->at(m_hitRate.series->count() - 1).y(), 'f',
                                       1))
            : tr("No data yet.");
    const QString req =
        m_requests.series->count() > 0
            ? tr("Latest: %1 requests per second.")
                  .arg(locale.toString(m_requests.series->at(m_requests.series->count() - 1).y(),
                                       'f', 1))
            : tr("No data yet.");
    m_hitRate.view->setAccessibleDescription(hit + marks);
    m_requests.view->setAccessibleDescription(req + marks);
}

void ChartsPanel::redraw() {
    const qint64 now = m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - qint64(m_windowMinutes) * 60 * 1000;
    const QString ns = selectedNamespace();

    m_hitRate.series->replace(m_history.smoothedHitRate(ns, double(from), SmoothingWindowMs));
    if (m_hitRate.raw->isVisible())
        m_hitRate.raw->replace(m_history.hitRate(ns, double(from)));
    else
        m_hitRate.raw->clear();
    const QList<QPointF> requests = m_history.requestRate(ns, double(from));
    m_requests.series->replace(requests);

    updateTimeAxis(from, now);
    double peak = 0;
    for (const QPointF &p : requests)
        peak = std::max(peak, p.y());
    // 10 % head room; the top moves in nice steps, so it does not jitter every second.
    const NiceRange range = niceRangeFromZero(peak * 1.1, MaxValueIntervals, 5.0);
    m_requests.y->setRange(0, range.top);
    m_requests.y->setTickInterval(range.step);
    // Whole numbers unless the steps are fractions (never below the minimum of 5, today).
    m_requests.y->setLabelFormat(range.step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    updateShading(from, now);
}

} // namespace qrc
