#pragma once

#include <QByteArray>
#include <QString>

namespace qrc {

// Renders a cached value for the value panel. Large values are cut to `limit` characters of
// output so that a 50 MB entry cannot stall the window; `truncated` tells the panel to offer
// "show all".
namespace ValueFormatter {

enum class Format { Auto, Json, Text, Hex };

struct Rendered {
    QString text;
    Format format = Format::Text; // the one actually used
    bool truncated = false;
};

Format detect(const QByteArray &data, const QByteArray &contentType);
// limit < 0: no limit.
Rendered render(const QByteArray &data, Format format, const QByteArray &contentType,
                qsizetype limit);
QString hexDump(const QByteArray &data, qsizetype maxBytes);
// The bytes as text: valid UTF-8 as it is (with newlines and tabs), every other byte, a
// control character and the backslash as \xNN. maxBytes < 0: all of them.
QString escapedText(const QByteArray &data, qsizetype maxBytes = -1);

} // namespace ValueFormatter
} // namespace qrc
