#pragma once

#include "historybuffer.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace qrc {

// Hit rate and requests per second over a selectable window (1/5/15/60 minutes), overall or
// for one namespace. Each series is replaced once per tick from a bounded ring buffer with
// animations off, so the charts update every second without flicker or growing memory.
class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartsPanel(QWidget *parent = nullptr);

    StatsHistory &history() { return m_history; }
    void fillHistory(const QList<HistoryPoint> &samples);
    void addStats(qint64 epochMs, const ServerStats &stats);
    void clear();

    void setWindowMinutes(int minutes);
    int windowMinutes() const { return m_windowMinutes; }
    void setNamespace(const QString &ns); // empty: overall
    QString selectedNamespace() const;

    int hitRatePointCount() const;
    int requestRatePointCount() const;

Q_SIGNALS:
    void windowMinutesChanged(int minutes);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Chart {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QLineSeries *series = nullptr;
        QDateTimeAxis *x = nullptr;
        QValueAxis *y = nullptr;
    };
    Chart makeChart(const QString &title);
    void redraw();
    void updateNamespaceChoices();
    void applyPalette();

    StatsHistory m_history;
    Chart m_hitRate;
    Chart m_requests;
    QComboBox *m_namespace;
    QComboBox *m_window;
    int m_windowMinutes = 5;
    qint64 m_nowMs = 0;
};

} // namespace qrc
