#include "keytreeview.h"

#include "keytreemodel.h"

namespace qrc {

KeyTreeView::KeyTreeView(QWidget *parent)
    : QTreeView(parent) {
    // Coalesces the many reasons to look (each inserted page, each scroll step) into one pass
    // after the view has laid itself out.
    m_check.setSingleShot(true);
    m_check.setInterval(0);
    connect(&m_check, &QTimer::timeout, this, &KeyTreeView::fetchVisibleEnds);
}

void KeyTreeView::setModel(QAbstractItemModel *model) {
    if (QAbstractItemModel *old = this->model())
        disconnect(old, nullptr, this, nullptr);
    QTreeView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this, &KeyTreeView::scheduleCheck);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &KeyTreeView::scheduleCheck);
    connect(model, &QAbstractItemModel::layoutChanged, this, &KeyTreeView::scheduleCheck);
    connect(model, &QAbstractItemModel::modelReset, this, &KeyTreeView::scheduleCheck);
    connect(this, &QTreeView::expanded, this, &KeyTreeView::scheduleCheck);
}

QModelIndex KeyTreeView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) {
    const QModelIndex target = QTreeView::moveCursor(action, modifiers);
    // Any other move ends a walk to the end; End starts one when the namespace has more pages.
    m_endOf = QPersistentModelIndex();
    if (action == MoveEnd && target.parent().isValid() &&
        target.parent().data(KeyTreeModel::HasMoreRole).toBool()) {
        m_endOf = target.parent();
        scheduleCheck();
    }
    return target;
}

void KeyTreeView::mousePressEvent(QMouseEvent *event) {
    m_endOf = QPersistentModelIndex();
    QTreeView::mousePressEvent(event);
}

void KeyTreeView::currentChanged(const QModelIndex &current, const QModelIndex &previous) {
    // A key chosen by other means (the program, a search) also ends the walk to the end.
    if (!m_movingToEnd && m_endOf.isValid() && current.parent() != m_endOf)
        m_endOf = QPersistentModelIndex();
    QTreeView::currentChanged(current, previous);
}

void KeyTreeView::followEnd() {
    const QModelIndex ns = m_endOf;
    const int count = model()->rowCount(ns);
    if (!isExpanded(ns) || count == 0) {
        m_endOf = QPersistentModelIndex();
        return;
    }
    const QModelIndex last = model()->index(count - 1, 0, ns);
    if (currentIndex() != last) {
        m_movingToEnd = true;
        setCurrentIndex(last);
        m_movingToEnd = false;
        scrollTo(last);
    }
    if (!ns.data(KeyTreeModel::HasMoreRole).toBool())
        m_endOf = QPersistentModelIndex(); // complete; until then fetchVisibleEnds() pages on
}

void KeyTreeView::setLoadAllPages(bool on) {
    m_loadAll = on;
    scheduleCheck();
}

void KeyTreeView::verticalScrollbarValueChanged(int value) {
    QTreeView::verticalScrollbarValueChanged(value);
    scheduleCheck();
}

void KeyTreeView::resizeEvent(QResizeEvent *event) {
    QTreeView::resizeEvent(event);
    scheduleCheck();
}

void KeyTreeView::scheduleCheck() {
    m_check.start();
}

void KeyTreeView::fetchVisibleEnds() {
    QAbstractItemModel *m = model();
    if (!m)
        return;
    if (m_endOf.isValid())
        followEnd();
    const QRect visible = viewport()->rect();
    // A namespace's next page is wanted while a sort loads it all, while End walks it to its
    // last key, or when its end (m_prefetchRows before the last loaded row) is in view.
    const auto endInView = [&](const QModelIndex &ns) {
        const int count = m->rowCount(ns);
        const QModelIndex probe = count > 0 ? m->index(qMax(0, count - m_prefetchRows), 0, ns) : ns;
        const QRect rect = visualRect(probe);
        return rect.isValid() && rect.top() < visible.bottom() && rect.bottom() >= visible.top();
    };
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex ns = m->index(row, 0);
        if (!isExpanded(ns) || !ns.data(KeyTreeModel::HasMoreRole).toBool() ||
            ns.data(KeyTreeModel::LoadingRole).toBool())
            continue;
        if ((m_loadAll && ns.data(KeyTreeModel::LoadedRole).toInt() < LoadAllCap) ||
            ns == m_endOf || endInView(ns))
            m->fetchMore(ns);
    }
}

} // namespace qrc
