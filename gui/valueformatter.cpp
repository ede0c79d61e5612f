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

// Indents valid JSON text without parsing it into values: keys keep their order and numbers
// their spelling (a QJsonDocument round trip sorts keys and rewrites 19.990 as 19.99).
QString indentJson(const QString &json) {
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    auto newline = [&out, &depth] {
        out += QLatin1Char('\n');
        out += QString(depth * 4, QLatin1Char(' '));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (c == QLatin1Char('\\') && i + 1 < json.size())
                out += json.at(++i);
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        switch (c.unicode()) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            // An empty object or array stays on one line.
            qsizetype next = i + 1;
            while (next < json.size() && json.at(next).isSpace())
                ++next;
            if (next < json.size() &&
                json.at(next) == QLatin1Char(c == QLatin1Char('{') ? '}' : ']')) {
                out += c;
                out += json.at(next);
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += QStringLiteral(": ");
            break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break; // insignificant whitespace between tokens
        default:
            out += c;
        }
    }
    return out;
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

QString escapedText(const QByteArray &data, qsizetype maxBytes) {
    const qsizetype n = maxBytes < 0 ? data.size() : qMin(maxBytes, data.size());
    QString out;
    out.reserve(n);
    const auto escape = [&out](uchar c) {
        out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    };
    for (qsizetype i = 0; i < n;) {
        const auto c = uchar(data.at(i));
        if (c < 0x80) {
            if ((c >= 0x20 && c != 0x7f && c != '\\') || c == '\n' || c == '\t')
                out += QLatin1Char(char(c));
            else
                escape(c);
            ++i;
            continue;
        }
        // One UTF-8 sequence at a time, so that a bad byte costs only itself.
        const int length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
        if (length > 0 && i + length <= n) {
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString character = decoder.decode(QByteArrayView(data).sliced(i, length));
            if (!decoder.hasError()) {
                out += character;
                i += length;
                continue;
            }
        }
        escape(c);
        ++i;
    }
    return out;
}

Rendered render(const QByteArray &data, Format format, const QByteArray &contentType,
                qsizetype limit) {
    Rendered r;
    r.format = format == Format::Auto ? detect(data, contentType) : format;
    switch (r.format) {
    case Format::Json: {
        // Parsed only to know it is JSON; shown from its own text (scalars wrapped to parse).
        QJsonParseError error;
        QJsonDocument::fromJson('[' + data + ']', &error);
        if (error.error == QJsonParseError::NoError && !data.trimmed().isEmpty()) {
            r.text = indentJson(QString::fromUtf8(data));
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
