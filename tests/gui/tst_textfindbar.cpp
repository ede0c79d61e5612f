// Search inside the value: counts, cycling, highlights, a text that changes underneath.
#include "textfindbar.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>

using namespace qrc;

class tst_TextFindBar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesAreCountedHighlightedAndCycledBothWays() {
        QWidget host;
        auto *editor = new QPlainTextEdit(&host);
        editor->setPlainText(QStringLiteral("alpha beta\nALPHA gamma\nalphabet"));
        TextFindBar bar(editor, &host);
        bar.searchField()->setText(QStringLiteral("alpha"));
        QCOMPARE(bar.matchCount(), 3); // case-insensitive
        QCOMPARE(editor->extraSelections().size(), 3);
        QCOMPARE(bar.currentMatch(), 0);
        QCOMPARE(bar.statusText(), QStringLiteral("1 of 3"));
        bar.findNext();
        QCOMPARE(bar.currentMatch(), 1);
        QCOMPARE(editor->textCursor().selectedText(), QStringLiteral("ALPHA"));
        bar.findNext();
        bar.findNext();
        QCOMPARE(bar.currentMatch(), 0); // wraps around
        bar.findPrevious();
        QCOMPARE(bar.currentMatch(), 2);
        QCOMPARE(editor->textCursor().blockNumber(), 2);
    }

    void noMatchSaysSoAndANewTextIsSearchedAgain() {
        QWidget host;
        auto *editor = new QPlainTextEdit(&host);
        editor->setPlainText(QStringLiteral("one two"));
        TextFindBar bar(editor, &host);
        bar.searchField()->setText(QStringLiteral("three"));
        QCOMPARE(bar.matchCount(), 0);
        QCOMPARE(bar.statusText(), QStringLiteral("No matches"));
        QVERIFY(editor->extraSelections().isEmpty());
        editor->setPlainText(QStringLiteral("three and three"));
        QCOMPARE(bar.matchCount(), 2);
        bar.searchField()->clear();
        QCOMPARE(bar.matchCount(), 0);
        QVERIFY(bar.statusText().isEmpty());
    }
};

QTEST_MAIN(tst_TextFindBar)
#include "tst_textfindbar.moc"
