#include "trafficgenerator.h"

#include "apiclient.h"

#include <cmath>

namespace qrc {

namespace {
constexpr int TickMs = 50;
constexpr int MaxInFlight = 32;
} // namespace

TrafficGenerator::TrafficGenerator(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_random(QRandomGenerator::securelySeeded()) {
    m_timer.setInterval(TickMs);
    connect(&m_timer, &QTimer::timeout, this, &TrafficGenerator::burst);
}

void TrafficGenerator::setRequestsPerSecond(int rate) {
    m_perTick = qMax(1, rate * TickMs / 1000);
}

void TrafficGenerator::start() {
    if (m_timer.isActive())
        return;
    m_timer.start();
    Q_EMIT runningChanged(true);
}

void TrafficGenerator::stop() {
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    Q_EMIT runningChanged(false);
}

void TrafficGenerator::burst() {
    for (int i = 0; i < m_perTick && m_inFlight < MaxInFlight; ++i) {
        // Squaring a uniform number favours low ids: popular items stay cached, the long tail
        // expires between visits and misses.
        const double u = m_random.generateDouble();
        const int id = 1 + int(std::floor(u * u * m_items));
        ++m_inFlight;
        ++m_sent;
        m_api->getDemoItem(id, this, [this](const ApiReply &reply) {
            --m_inFlight;
            if (reply.ok() || reply.status == 404)
                return;
            ++m_failed;
            if (reply.status == 405 || reply.unreachable()) {
                if (isRunning()) {
                    stop();
                    Q_EMIT unavailable(reply.errorText);
                }
            }
        });
    }
}

} // namespace qrc
