#include "clearbutton.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <QToolButton>

namespace qrc {

void enableClearButton(QLineEdit *edit) {
    edit->setClearButtonEnabled(true);
    // The clear button is the line edit's only tool button (Qt's QLineEditIconButton).
    for (QToolButton *button : edit->findChildren<QToolButton *>(Qt::FindDirectChildrenOnly)) {
        button->setAccessibleName(QCoreApplication::translate("qrc::ClearButton", "Clear"));
        button->setAccessibleDescription(
            QCoreApplication::translate("qrc::ClearButton", "Empty this field"));
    }
}

} // namespace qrc
