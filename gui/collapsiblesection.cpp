#include "collapsiblesection.h"

#include <QFrame>
#include <QResizeEvent>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace qrc {

CollapsibleSection::CollapsibleSection(const QString &title, QWidget *content, QWidget *parent)
    : QWidget(parent)
    , m_header(new QToolButton(this))
    , m_body(nullptr)
    , m_title(title) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_header->setText(title);
    m_header->setCheckable(true);
    m_header->setChecked(true);
    m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_header->setAutoRaise(true);
    m_header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    layout->addWidget(m_header);
    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    auto *inner = new QVBoxLayout(frame);
    inner->setContentsMargins(6, 6, 6, 6);
    content->setParent(frame);
    inner->addWidget(content);
    layout->addWidget(frame, 1);
    m_body = frame;
    connect(m_header, &QToolButton::toggled, this, [this](bool on) {
        apply(on);
        Q_EMIT expandedChanged(on);
    });
    apply(true);
}

void CollapsibleSection::setExpanded(bool expanded) {
    m_header->setChecked(expanded); // toggled() applies it
}

bool CollapsibleSection::isExpanded() const {
    return m_header->isChecked();
}

QSize CollapsibleSection::minimumSizeHint() const {
    QSize size = QWidget::minimumSizeHint();
    if (isExpanded() && hasHeightForWidth() && width() > 0)
        size.setHeight(std::max(size.height(), heightForWidth(width())));
    return size;
}

void CollapsibleSection::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    if (event->size().width() != event->oldSize().width() && hasHeightForWidth())
        updateGeometry(); // the height needed changes with the width
}

void CollapsibleSection::apply(bool expanded) {
    m_header->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_header->setAccessibleName(m_title);
    m_header->setAccessibleDescription(expanded ? tr("Expanded; press to collapse %1").arg(m_title)
                                                : tr("Collapsed; press to show %1").arg(m_title));
    m_header->setToolTip(m_header->accessibleDescription());
    m_body->setVisible(expanded);
    setMaximumHeight(expanded ? QWIDGETSIZE_MAX : m_header->sizeHint().height());
}

} // namespace qrc
