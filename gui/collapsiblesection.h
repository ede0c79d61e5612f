#pragma once

#include <QWidget>

class QToolButton;

namespace qrc {

// A titled panel whose content folds away behind its header (a button with an arrow), so that
// in a small window the statistics or the charts can give their room to the keys and values.
// Collapsed, it is only as tall as its header: a vertical splitter gives the rest to the others.
class CollapsibleSection : public QWidget {
    Q_OBJECT
public:
    CollapsibleSection(const QString &title, QWidget *content, QWidget *parent = nullptr);

    void setExpanded(bool expanded);
    bool isExpanded() const;
    QWidget *body() const { return m_body; }
    QToolButton *headerButton() const { return m_header; }
    // Open, at least the height its content needs at the current width (a wrapped line
    // included), so that a splitter never squeezes rows onto each other.
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void expandedChanged(bool expanded);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void apply(bool expanded);

    QToolButton *m_header;
    QWidget *m_body;
    QString m_title;
};

} // namespace qrc
