#pragma once

#include <QList>
#include <QTextCursor>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace qrc {

// Search inside a read-only text view: every match highlighted, Enter / F3 for the next,
// Shift+Enter / Shift+F3 for the previous, "3 of 12" beside the field. Case-insensitive.
class TextFindBar : public QWidget {
    Q_OBJECT
public:
    // Highlights beyond this are not drawn (the count stays exact).
    static constexpr int MaxHighlights = 2000;

    explicit TextFindBar(QPlainTextEdit *editor, QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_field; }
    int matchCount() const { return int(m_matches.size()); }
    int currentMatch() const { return m_current; } // -1: none
    QString statusText() const;

    void findNext();
    void findPrevious();
    // Searches again (the editor's text changed).
    void refresh();

private:
    void select(int match);
    void updateStatus();

    QPlainTextEdit *m_editor;
    QLineEdit *m_field;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_status;
    QList<QTextCursor> m_matches;
    int m_current = -1;
};

} // namespace qrc
