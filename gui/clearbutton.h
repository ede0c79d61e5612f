#pragma once

class QLineEdit;

namespace qrc {

// Turns on a line edit's clear button and gives it a name. Qt makes the button a child widget
// of its own, and AT-SPI offers it to screen readers as a push button of its own (not as part
// of the line edit): without a name it is read as an unnamed button.
void enableClearButton(QLineEdit *edit);

} // namespace qrc
