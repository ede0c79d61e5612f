#pragma once

#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

namespace qrc {

class ApiClient;

// Calls the demo routes (GET /items/{id}) at a steady rate so that the charts have something
// to show: a skewed choice of ids gives a realistic mix of hits and misses.
class TrafficGenerator : public QObject {
    Q_OBJECT
public:
    explicit TrafficGenerator(ApiClient *api, QObject *parent = nullptr);

    void setRequestsPerSecond(int rate);
    void setItemCount(int count) { m_items = qMax(1, count); }
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    qint64 sent() const { return m_sent; }
    qint64 failed() const { return m_failed; }
    int inFlight() const { return m_inFlight; }

Q_SIGNALS:
    void runningChanged(bool running);
    // The demo routes are not there (a server without them): the generator stopped.
    void unavailable(const QString &reason);

private:
    void burst();

    ApiClient *m_api;
    QTimer m_timer;
    QRandomGenerator m_random;
    int m_perTick = 2;
    int m_items = 100;
    int m_inFlight = 0;
    qint64 m_sent = 0;
    qint64 m_failed = 0;
};

} // namespace qrc
