#include "chartspanel.h"

#include <QAreaSeries>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace qrc;

namespace {

ServerStats stats(qint64 hits, qint64 misses, const QStringList &namespaces,
                  const QString &backend = QStringLiteral("memory"),
                  const QString &redis = QStringLiteral("disabled")) {
    ServerStats s;
    s.backend = backend;
    s.redisState = redis;
    s.totals.hits = hits;
    s.totals.misses = misses;
    for (const QString &ns : namespaces)
        s.namespaces.insert(ns, NamespaceCounters{hits, misses, 0, 0, 0});
    return s;
}

} // namespace

class tst_ChartsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namespacesThatAppearLaterBecomeSelectable() {
        ChartsPanel panel;
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
        panel.addStats(t0, stats(0, 0, {QStringLiteral("users")}));
        QCOMPARE(panel.namespaceChoices(), QStringList{QStringLiteral("users")});
        panel.addStats(t0 + 1000, stats(1, 0, {QStringLiteral("users"), QStringLiteral("orders")}));
        QCOMPARE(panel.namespaceChoices(),
                 (QStringList{QStringLiteral("orders"), QStringLiteral("users")}));
        panel.setNamespace(QStringLiteral("orders"));
        QCOMPARE(panel.selectedNamespace(), QStringLiteral("orders"));
        // A third one: the list grows, the choice stays.
        panel.addStats(t0 + 2000, stats(2, 0,
                                        {QStringLiteral("users"), QStringLiteral("orders"),
                                         QStringLiteral("carts")}));
        QCOMPARE(panel.namespaceChoices().size(), 3);
        QCOMPARE(panel.selectedNamespace(), QStringLiteral("orders"));
    }

    void namespacesOfTheKeyListAreSelectableBeforeTheyHaveTraffic() {
        ChartsPanel panel;
        panel.addStats(QDateTime::currentMSecsSinceEpoch(), stats(0, 0, {QStringLiteral("users")}));
        panel.setKnownNamespaces(
            {QStringLiteral("user_10"), QStringLiteral("users"), QStringLiteral("user_9")});
        // Natural order, no duplicates.
        QCOMPARE(panel.namespaceChoices(),
                 (QStringList{QStringLiteral("user_9"), QStringLiteral("user_10"),
                              QStringLiteral("users")}));
        auto *combo = panel.findChild<QComboBox *>(QStringLiteral("chartNamespace"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 4); // and "All namespaces"
        combo->setCurrentIndex(combo->findData(QStringLiteral("user_10")));
        QCOMPARE(panel.selectedNamespace(), QStringLiteral("user_10"));
        QCOMPARE(panel.hitRatePointCount(), 0); // no traffic there: nothing drawn, no crash
    }

    void aNamespaceReplacedByAnotherIsOffered() {
        // Same count of namespaces before and after: the old picker missed the new one.
        ChartsPanel panel;
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
        panel.setKnownNamespaces({QStringLiteral("a")});
        panel.setKnownNamespaces({QStringLiteral("b")});
        QCOMPARE(panel.namespaceChoices(), QStringList{QStringLiteral("b")});
        panel.addStats(t0, stats(0, 0, {}));
        QCOMPARE(panel.namespaceChoices(), QStringList{QStringLiteral("b")});
    }

    void hitRateIsSmoothedAndTheRawSeriesIsAToggle() {
        ChartsPanel panel;
        QSignalSpy toggled(&panel, &ChartsPanel::showRawChanged);
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 30000;
        qint64 hits = 0, misses = 0;
        for (int s = 0; s <= 20; ++s) {
            // One request a second, alternately hit and miss: per second 0 or 100 %.
            (s % 2 ? hits : misses) += 1;
            panel.addStats(t0 + s * 1000, stats(hits, misses, {}));
        }
        QCOMPARE(panel.hitRatePointCount(), 20);
        QCOMPARE(panel.rawHitRatePointCount(), 0);
        auto *smoothed = qobject_cast<QLineSeries *>(
            panel.findChild<QChartView *>()->chart()->series().constLast());
        QVERIFY(smoothed);
        for (const QPointF &p : smoothed->points().mid(10))
            QVERIFY2(p.y() >= 40 && p.y() <= 60, qPrintable(QString::number(p.y())));

        panel.findChild<QCheckBox *>(QStringLiteral("chartRaw"))->click();
        QVERIFY(panel.showsRaw());
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(panel.rawHitRatePointCount(), 20);
    }

    void requestAxisEndsOnANiceNumberWithNiceSteps() {
        ChartsPanel panel;
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 10000;
        panel.addStats(t0, stats(0, 0, {}));
        panel.addStats(t0 + 1000, stats(37, 0, {})); // 37 requests per second
        QCOMPARE(panel.requestAxisStep(), 20.0);
        QCOMPARE(panel.requestAxisTop(), 60.0);
        const QList<qint64> ticks = panel.timeTickValues();
        QVERIFY(!ticks.isEmpty());
        const qint64 step = ticks.size() > 1 ? ticks[1] - ticks[0] : 0;
        QVERIFY(step == 0 || step % 1000 == 0);
        const qint64 offset = QDateTime::fromMSecsSinceEpoch(ticks.first()).offsetFromUtc() * 1000;
        for (qint64 t : ticks)
            QCOMPARE((t + offset) % 60000 % (step ? step : 1), qint64(0));
    }

    void hoveringALineShowsItsValueAndTime() {
        ChartsPanel panel;
        panel.resize(800, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const qint64 t0 = QDateTime::fromString(QStringLiteral("2026-01-02T10:20:30"), Qt::ISODate)
                              .toMSecsSinceEpoch();
        panel.addStats(t0, stats(0, 0, {}));
        panel.addStats(t0 + 1000, stats(3, 1, {}));
        const QString hit = panel.hitRateToolTip(QPointF(double(t0 + 900), 10));
        QVERIFY2(hit.contains(QStringLiteral("10:20:31")), qPrintable(hit));
        QVERIFY2(hit.contains(QLocale().toString(75.0, 'f', 1)), qPrintable(hit));
        const QString req = panel.requestRateToolTip(QPointF(double(t0 + 1200), 1));
        QVERIFY2(req.contains(QStringLiteral("10:20:31")) && req.contains(QStringLiteral("4")),
                 qPrintable(req));

        // The series' hover signal brings the tooltip up.
        QLineSeries *requests = nullptr;
        for (QChartView *view : panel.findChildren<QChartView *>()) {
            for (QAbstractSeries *s : view->chart()->series()) {
                auto *line = qobject_cast<QLineSeries *>(s);
                if (line && line->count() == 1 && line->at(0).y() == 4.0)
                    requests = line;
            }
        }
        QVERIFY(requests);
        Q_EMIT requests->hovered(QPointF(double(t0 + 1000), 4), true);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), req);
    }

    void fallbackAndUnreachablePeriodsAreShaded() {
        ChartsPanel panel;
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 20000;
        panel.addStats(t0, stats(0, 0, {}, QStringLiteral("redis"), QStringLiteral("connected")));
        QCOMPARE(panel.markedPeriodCount(), 0);
        panel.addStats(t0 + 1000,
                       stats(1, 0, {}, QStringLiteral("memory"), QStringLiteral("unreachable")));
        panel.addStats(t0 + 2000,
                       stats(2, 0, {}, QStringLiteral("memory"), QStringLiteral("unreachable")));
        panel.addStats(t0 + 3000,
                       stats(3, 0, {}, QStringLiteral("redis"), QStringLiteral("connected")));
        QCOMPARE(panel.markedPeriodCount(), 1);
        panel.addUnreachable(t0 + 4000);
        QCOMPARE(panel.markedPeriodCount(), 2);
        // Drawn as an area in both charts, and said in their accessible descriptions.
        QList<QAreaSeries *> areas;
        for (QChartView *view : panel.findChildren<QChartView *>()) {
            for (QAbstractSeries *s : view->chart()->series()) {
                if (auto *area = qobject_cast<QAreaSeries *>(s))
                    areas << area;
            }
        }
        QCOMPARE(areas.size(), 2);
        for (QAreaSeries *a : areas)
            QCOMPARE(a->upperSeries()->count(), 8);
        for (QChartView *v : panel.findChildren<QChartView *>())
            QVERIFY2(v->accessibleDescription().contains(QStringLiteral("fallback")),
                     qPrintable(v->accessibleDescription()));
        panel.clear();
        QCOMPARE(panel.markedPeriodCount(), 0);
    }
};

QTEST_MAIN(tst_ChartsPanel)
#include "tst_chartspanel.moc"
