#pragma once

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
class KeyTreeView : public QTreeView {
    Q_OBJECT
public:
    explicit KeyTreeView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    // Rows from the end of a namespace at which the next page is requested.
    void setPrefetchRows(int rows) { m_prefetchRows = rows; }

protected:
    void verticalScrollbarValueChanged(int value) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleCheck();
    void fetchVisibleEnds();

    QTimer m_check;
    int m_prefetchRows = 20;
};

} // namespace qrc
