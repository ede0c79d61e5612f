#include "textfindbar.h"

#include "clearbutton.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>

namespace qrc {

TextFindBar::TextFindBar(QPlainTextEdit *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_field(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_status(new QLabel(this)) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("F&ind in value:"), this);
    label->setBuddy(m_field);
    layout->addWidget(label);
    m_field->setObjectName(QStringLiteral("valueSearch"));
    enableClearButton(m_field);
    m_field->setPlaceholderText(tr("Text to find"));
    m_field->setAccessibleName(tr("Find in value"));
    m_field->setAccessibleDescription(
        tr("Highlights every match in the value; Enter or F3 finds the next, Shift+Enter or "
           "Shift+F3 the previous"));
    layout->addWidget(m_field, 1);
    m_previous->setObjectName(QStringLiteral("findPrevious"));
    m_previous->setText(tr("Previous"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_previous->setAccessibleName(tr("Previous match"));
    layout->addWidget(m_previous);
    m_next->setObjectName(QStringLiteral("findNext"));
    m_next->setText(tr("Next"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (F3)"));
    m_next->setAccessibleName(tr("Next match"));
    layout->addWidget(m_next);
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setAccessibleDescription(tr("Matches"));
    m_status->setMinimumWidth(
        m_status->fontMetrics().horizontalAdvance(QStringLiteral("000 / 000")));
    layout->addWidget(m_status);

    connect(m_field, &QLineEdit::textChanged, this, &TextFindBar::refresh);
    connect(m_field, &QLineEdit::returnPressed, this, &TextFindBar::findNext);
    connect(m_next, &QToolButton::clicked, this, &TextFindBar::findNext);
    connect(m_previous, &QToolButton::clicked, this, &TextFindBar::findPrevious);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &TextFindBar::refresh);
    // F3 / Shift+F3 anywhere in the bar's parent (the value panel); Shift+Enter in the field.
    QWidget *scope = parent ? parent : this;
    auto *next = new QShortcut(QKeySequence(Qt::Key_F3), scope);
    next->setContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QShortcut::activated, this, &TextFindBar::findNext);
    auto *previous = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), scope);
    previous->setContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QShortcut::activated, this, &TextFindBar::findPrevious);
    auto *previousEnter = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return), m_field);
    previousEnter->setContext(Qt::WidgetShortcut);
    connect(previousEnter, &QShortcut::activated, this, &TextFindBar::findPrevious);
    updateStatus();
}

QString TextFindBar::statusText() const {
    return m_status->text();
}

void TextFindBar::refresh() {
    m_matches.clear();
    m_current = -1;
    const QString needle = m_field->text();
    QList<QTextEdit::ExtraSelection> highlights;
    if (!needle.isEmpty()) {
        QTextDocument *doc = m_editor->document();
        QTextCursor found = doc->find(needle, 0);
        QTextCharFormat format;
        format.setBackground(QColor(255, 230, 120));
        format.setForeground(Qt::black);
        while (!found.isNull()) {
            m_matches.append(found);
            if (highlights.size() < MaxHighlights)
                highlights.append({found, format});
            found = doc->find(needle, found);
        }
    }
    m_editor->setExtraSelections(highlights);
    if (!m_matches.isEmpty())
        select(0);
    updateStatus();
}

void TextFindBar::findNext() {
    if (m_matches.isEmpty())
        return;
    select((m_current + 1) % int(m_matches.size()));
}

void TextFindBar::findPrevious() {
    if (m_matches.isEmpty())
        return;
    select((m_current - 1 + int(m_matches.size())) % int(m_matches.size()));
}

void TextFindBar::select(int match) {
    m_current = match;
    m_editor->setTextCursor(m_matches.at(match));
    m_editor->ensureCursorVisible();
    updateStatus();
}

void TextFindBar::updateStatus() {
    const bool any = !m_matches.isEmpty();
    m_previous->setEnabled(any);
    m_next->setEnabled(any);
    if (m_field->text().isEmpty())
        m_status->clear();
    else if (!any)
        m_status->setText(tr("No matches"));
    else
        m_status->setText(
            tr("%1 of %2")
                .arg(QLocale().toString(m_current + 1), QLocale().toString(matchCount())));
}

} // namespace qrc
