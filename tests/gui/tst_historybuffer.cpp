#include "historybuffer.h"

#include <QTest>

using namespace qrc;

namespace {
ServerStats statsWith(qint64 hits, qint64 misses, const QString &ns = {}, qint64 nsHits = 0,
                      qint64 nsMisses = 0) {
    ServerStats s;
    s.totals.hits = hits;
    s.totals.misses = misses;
    if (!ns.isEmpty())
        s.namespaces.insert(ns, NamespaceCounters{nsHits, nsMisses, 0, 0, 0});
    return s;
}
} // namespace

class tst_HistoryBuffer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ringKeepsOnlyTheNewestPoints() {
        PointRing ring(5);
        for (int i = 0; i < 12; ++i)
            ring.append(QPointF(i, i * 10));
        QCOMPARE(ring.size(), 5);
        const QList<QPointF> all = ring.since(-1);
        QCOMPARE(all.size(), 5);
        QCOMPARE(all.first().x(), 7.0);
        QCOMPARE(all.last().x(), 11.0);
        QCOMPARE(ring.since(10).size(), 2);
    }

    void countersBecomePerSecondRatesAndHitRates() {
        StatsHistory h;
        h.add(1000, statsWith(10, 10));
        h.add(2000, statsWith(40, 20)); // +30 hits, +10 misses in one second
        h.add(4000, statsWith(40, 40)); // +20 misses over two seconds
        const auto rate = h.requestRate(StatsHistory::overall(), 0);
        QCOMPARE(rate.size(), 2);
        QCOMPARE(rate[0], QPointF(2000, 40));
        QCOMPARE(rate[1], QPointF(4000, 10));
        const auto hit = h.hitRate(StatsHistory::overall(), 0);
        QCOMPARE(hit[0].y(), 75.0);
        QCOMPARE(hit[1].y(), 0.0);
    }

    void idleSecondsKeepThePreviousHitRate() {
        StatsHistory h;
        h.add(1000, statsWith(0, 0));
        h.add(2000, statsWith(9, 1));
        h.add(3000, statsWith(9, 1));
        const auto hit = h.hitRate(StatsHistory::overall(), 0);
        QCOMPARE(hit.size(), 2);
        QCOMPARE(hit[1].y(), 90.0);
        QCOMPARE(h.requestRate(StatsHistory::overall(), 0)[1].y(), 0.0);
    }

    void namespacesGetTheirOwnSeries() {
        StatsHistory h;
        h.add(1000, statsWith(0, 0, QStringLiteral("users"), 0, 0));
        h.add(2000, statsWith(5, 5, QStringLiteral("users"), 1, 3));
        QCOMPARE(h.namespaces(), QStringList{QStringLiteral("users")});
        QCOMPARE(h.hitRate(QStringLiteral("users"), 0).constFirst().y(), 25.0);
        QCOMPARE(h.requestRate(QStringLiteral("users"), 0).constFirst().y(), 4.0);
    }

    void aStatisticsResetDoesNotProduceNegativeRates() {
        StatsHistory h;
        h.add(1000, statsWith(100, 100));
        h.add(2000, statsWith(0, 0));
        h.add(3000, statsWith(3, 1));
        const auto rate = h.requestRate(StatsHistory::overall(), 0);
        QCOMPARE(rate.size(), 1);
        QCOMPARE(rate[0].y(), 4.0);
    }

    void serverHistoryFillsTheOverallSeries() {
        StatsHistory h;
        h.fill({{1000, 3, 1}, {2000, 0, 0}, {3000, 1, 1}});
        const auto hit = h.hitRate(StatsHistory::overall(), 0);
        QCOMPARE(hit.size(), 3);
        QCOMPARE(hit[0].y(), 75.0);
        QCOMPARE(hit[1].y(), 75.0);
        QCOMPARE(hit[2].y(), 50.0);
        QCOMPARE(h.requestRate(StatsHistory::overall(), 2500).size(), 1);
    }

    void smoothedHitRateWeighsEachSecondByItsRequests() {
        // 1 s: 1 request, a miss (0 %); 2 s: 99 requests, all hits (100 %).
        // The mean of the rates would say 50 %; 99 of 100 requests were hits.
        const QList<QPointF> rate{{1000, 0}, {2000, 100}};
        const QList<QPointF> requests{{1000, 1}, {2000, 99}};
        const auto avg = windowAverage(rate, requests, 10000, 0);
        QCOMPARE(avg.size(), 2);
        QCOMPARE(avg[0].y(), 0.0);
        QCOMPARE(avg[1].y(), 99.0);
    }

    void smoothedHitRateForgetsSecondsOutsideTheWindow() {
        QList<QPointF> rate, requests;
        for (int s = 1; s <= 20; ++s) { // 10 s of misses, then 10 s of hits, 10 requests each
            rate << QPointF(s * 1000, s <= 10 ? 0 : 100);
            requests << QPointF(s * 1000, 10);
        }
        const auto avg = windowAverage(rate, requests, 10000, 0);
        QCOMPARE(avg.size(), 20);
        QCOMPARE(avg[9].y(), 0.0);   // 10 s: only misses in (0, 10]
        QCOMPARE(avg[14].y(), 50.0); // 15 s: 5 s of misses, 5 s of hits in (5, 15]
        QCOMPARE(avg[19].y(), 100.0);
    }

    void smoothedHitRateStaysFlatInIdleSecondsAndDoesNotJump() {
        // The raw series of a trickle of traffic jumps between 0 and 100; the average does not.
        QList<QPointF> rate, requests;
        for (int s = 1; s <= 30; ++s) {
            const bool busy = s % 3 == 0;
            rate << QPointF(s * 1000, s % 6 == 0 ? 100 : 0);
            requests << QPointF(s * 1000, busy ? 1 : 0);
        }
        const auto avg = windowAverage(rate, requests, 10000, 15000);
        QCOMPARE(avg.size(), 16); // 15 s .. 30 s; earlier seconds only fed the windows
        for (const QPointF &p : avg) {
            QVERIFY2(p.y() >= 25.0 && p.y() <= 75.0, qPrintable(QString::number(p.y())));
        }
    }

    void smoothedSeriesOfAHistoryCoversTheRequestedRange() {
        StatsHistory h;
        QList<HistoryPoint> samples;
        for (int s = 1; s <= 30; ++s)
            samples.append({s * 1000, s <= 20 ? 0 : 10, s <= 20 ? 10 : 0});
        h.fill(samples);
        const auto avg = h.smoothedHitRate(StatsHistory::overall(), 25000, 10000);
        QCOMPARE(avg.size(), 6);
        QCOMPARE(avg.first().x(), 25000.0);
        QCOMPARE(avg.first().y(), 50.0); // (15, 25]: 5 s of misses, 5 s of hits
        QCOMPARE(avg.last().y(), 100.0);
    }

    void fallbackAndUnreachablePeriodsAreRecordedAsTheyHappen() {
        StatsHistory h;
        h.observe(1000, ServerCondition::Normal);
        h.observe(2000, ServerCondition::Fallback);
        h.observe(3000, ServerCondition::Fallback);
        h.observe(4000, ServerCondition::Normal);
        h.observe(5000, ServerCondition::Unreachable);
        h.observe(7000, ServerCondition::Unreachable);
        const auto periods = h.periods(0);
        QCOMPARE(periods.size(), 2);
        QCOMPARE(periods[0].condition, ServerCondition::Fallback);
        QCOMPARE(periods[0].fromX, 2000.0);
        QCOMPARE(periods[0].toX, 4000.0); // until Redis was seen back
        QCOMPARE(periods[1].condition, ServerCondition::Unreachable);
        QCOMPARE(periods[1].toX, 7000.0);
        QCOMPARE(h.periods(4500).size(), 1);
        h.clear();
        QVERIFY(h.periods(0).isEmpty());
    }

    void periodsStayBounded() {
        StatsHistory h;
        for (int i = 0; i < StatsHistory::MaxPeriods * 3; ++i)
            h.observe(i * 1000, i % 2 ? ServerCondition::Normal : ServerCondition::Fallback);
        QCOMPARE(h.periods(0).size(), StatsHistory::MaxPeriods);
    }
};

QTEST_GUILESS_MAIN(tst_HistoryBuffer)
#include "tst_historybuffer.moc"
