#include "valueformatter.h"

#include <QJsonDocument>
#include <QStringDecoder>

namespace qrc::ValueFormatter {

namespace {

bool isValidUtf8(const QByteArray &data) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(data);
    if (decoder.hasError())
        return false;
    // Control characters other than whitespace mean binary data.
    for (const QChar c : text) {
        const ushort u = c.unicode();
        if (u < 0x20 && u != '\n' && u != '\r' && u != '\t')
            return false;
    }
    return true;
}

} // namespace

Format detect(const QByteArray &data, const QByteArray &contentType) {
    if (contentType.contains("json"))
        return Format::Json;
    const QByteArray trimmed = data.trimmed();
    if ((trimmed.startsWith('{') && trimmed.endsWith('}')) ||
        (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
        QJsonParseError error;
        QJsonDocument::fromJson(trimmed, &error);
        if (error.error == QJsonParseError::NoError)
            return Format::Json;
    }
    return isValidUtf8(data) ? Format::Text : Format::Hex;
}

QString hexDump(const QByteArray &data, qsizetype maxBytes) {
    const qsizetype n = maxBytes < 0 ? data.size() : qMin(maxBytes, data.size());
    QString out;
    out.reserve(n * 4 + (n / 16 + 1) * 12);
    for (qsizetype offset = 0; offset < n; offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < n) {
                const auto byte = static_cast<unsigned char>(data.at(offset + i));
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += (byte >= 0x20 && byte < 0x7f) ? QChar(byte) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char('|') + ascii + QStringLiteral("|\n");
    }
    return out;
}

Rendered render(const QByteArray &data, Format format, const QByteArray &contentType,
                qsizetype limit) {
    Rendered r;
    r.format = format == Format::Auto ? detect(data, contentType) : format;
    switch (r.format) {
    case Format::Json: {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
        if (error.error == QJsonParseError::NoError) {
            r.text = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
            break;
        }
        // Not JSON after all: show it as it is.
        r.format = isValidUtf8(data) ? Format::Text : Format::Hex;
        return render(data, r.format, contentType, limit);
    }
    case Format::Text:
        r.text = QString::fromUtf8(limit < 0 ? data : data.left(limit * 4));
        break;
    case Format::Hex: {
        // 16 bytes make a 78-character line.
        const qsizetype bytes = limit < 0 ? -1 : qMax<qsizetype>(16, limit / 78 * 16);
        r.text = hexDump(data, bytes);
        r.truncated = bytes >= 0 && bytes < data.size();
        return r;
    }
    case Format::Auto:
        break;
    }
    if (limit >= 0 && r.text.size() > limit) {
        r.text.truncate(limit);
        r.truncated = true;
    } else if (r.format == Format::Text && limit >= 0 && data.size() > limit * 4) {
        r.truncated = true;
    }
    return r;
}

} // namespace qrc::ValueFormatter
