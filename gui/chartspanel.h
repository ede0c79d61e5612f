#pragma once

#include "historybuffer.h"

#include <QTimer>
#include <QWidget>

class QAreaSeries;
class QCategoryAxis;
class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLineSeries;
class QValueAxis;

namespace qrc {

// Hit rate and requests per second over a selectable window (1/5/15/60 minutes), overall or
// for one namespace. The hit rate is drawn as a 10-second request-weighted average (a single
// second with two requests swings 0..100 %), the per-second values on request. Ticks fall on
// round values and times, periods off Redis or without the server are shaded, and hovering a
// line tells its value and time. Each series is replaced once per tick from a bounded ring
// buffer with animations off, so the charts update every second without flicker or growing
// memory.
class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr double SmoothingWindowMs = 10000;

    explicit ChartsPanel(QWidget *parent = nullptr);

    StatsHistory &history() { return m_history; }
    void fillHistory(const QList<HistoryPoint> &samples);
    void addStats(qint64 epochMs, const ServerStats &stats);
    // The console cannot reach the server since `epochMs`: shaded as such, and the charts move
    // on each second until statistics arrive again.
    void addUnreachable(qint64 epochMs);
    void clear();

    void setWindowMinutes(int minutes);
    int windowMinutes() const { return m_windowMinutes; }
    void setNamespace(const QString &ns); // empty: overall
    QString selectedNamespace() const;
    // Namespaces the console knows of (from the key list): selectable before they have traffic.
    void setKnownNamespaces(const QStringList &names);
    QStringList namespaceChoices() const;
    void setShowRaw(bool raw);
    bool showsRaw() const;

    int hitRatePointCount() const;
    int rawHitRatePointCount() const;
    int requestRatePointCount() const;
    // Shaded periods in the current window.
    int markedPeriodCount() const;
    // The y-axis tick step and top of the request chart; the x-axis tick times (epoch ms).
    double requestAxisStep() const;
    double requestAxisTop() const;
    QList<qint64> timeTickValues() const { return m_timeTicks; }
    // The tooltip for a point of a chart's line ("14:03:27: 83.4 % ...").
    QString hitRateToolTip(const QPointF &hovered) const;
    QString requestRateToolTip(const QPointF &hovered) const;

Q_SIGNALS:
    void windowMinutesChanged(int minutes);
    void showRawChanged(bool raw);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Chart {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QLineSeries *series = nullptr;
        QLineSeries *raw = nullptr; // hit rate only: the per-second values
        QLineSeries *shadeUpper = nullptr;
        QAreaSeries *shade = nullptr;
        QCategoryAxis *x = nullptr;
        QValueAxis *y = nullptr;
    };
    Chart makeChart(const QString &title, const QString &accessibleName, bool withRaw);
    void redraw();
    void updateNamespaceChoices();
    void updateTimeAxis(qint64 from, qint64 to);
    void updateShading(qint64 from, qint64 to);
    void applyPalette();
    static QPointF nearest(const QLineSeries *series, const QPointF &hovered);

    StatsHistory m_history;
    Chart m_hitRate;
    Chart m_requests;
    QComboBox *m_namespace;
    QComboBox *m_window;
    QCheckBox *m_raw;
    QStringList m_known;
    QList<qint64> m_timeTicks;
    int m_windowMinutes = 5;
    qint64 m_nowMs = 0;
    int m_marked = 0;
    double m_lastPlotWidth = 0;
    QTimer m_unreachableTick;
};

} // namespace qrc
