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
};

QTEST_GUILESS_MAIN(tst_HistoryBuffer)
#include "tst_historybuffer.moc"
