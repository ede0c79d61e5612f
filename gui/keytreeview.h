#pragma once

#include <QPersistentModelIndex>
#include <QTimer>
#include <QTreeView>

namespace qrc {

// The key tree. It asks for the next page of a namespace only when that namespace's last loaded
// row comes into view (scrolling, resizing, or a filter that leaves the viewport unfilled).
//
// QTreeView alone would not do: it calls fetchMore() on every expanded node at each relayout,
// and each arriving page causes a relayout, so it would walk a 100,000-key namespace to its end.
// KeyTreeModel therefore offers canFetchMore() for the first page only, and this view drives the
// rest through KeyTreeModel::HasMoreRole.
//
// End means the namespace's last key, not the last one loaded so far: after End onto a
// namespace that has more pages, the view keeps fetching them and moves the selection to each new
// last row, until the namespace is complete or the user navigates elsewhere.
class KeyTreeView : public QTreeView {
    Q_OBJECT
public:
    explicit KeyTreeView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    // Rows from the end of a namespace at which the next page is requested.
    void setPrefetchRows(int rows) { m_prefetchRows = rows; }
    // Once the keys are sorted by a column, a sort of the loaded page alone would mislead (the
    // smallest key shown first need not be the namespace's smallest): every open namespace is
    // then loaded in full, up to LoadAllCap keys each.
    void setLoadAllPages(bool on);
    static constexpr int LoadAllCap = 10000;

protected:
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    void mousePressEvent(QMouseEvent *event) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    void verticalScrollbarValueChanged(int value) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleCheck();
    void fetchVisibleEnds();
    void followEnd();

    QTimer m_check;
    int m_prefetchRows = 20;
    bool m_loadAll = false;
    // The namespace End was pressed in while it still has pages to load (invalid otherwise).
    QPersistentModelIndex m_endOf;
    bool m_movingToEnd = false;
};

} // namespace qrc
