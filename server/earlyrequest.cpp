#include "earlyrequest.h"

#include <cstring>

namespace qrc {

namespace {

// RFC 9110 token characters, for header names.
bool isTokenByte(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

bool namedAs(QByteArrayView name, QByteArrayView lowercase) {
    return name.size() == lowercase.size() && name.compare(lowercase, Qt::CaseInsensitive) == 0;
}

} // namespace

std::optional<EarlyRequest> EarlyRequest::parse(QByteArrayView head) {
    static constexpr QByteArrayView Method("GET ");
    static constexpr QByteArrayView Version(" HTTP/1.1\r\n");
    if (!head.startsWith(Method) || !head.endsWith("\r\n\r\n"))
        return std::nullopt;
    const char *p = head.data() + Method.size();
    const char *const end = head.data() + head.size();
    const char *pathEnd = p;
    while (pathEnd < end && http::isPlainPathChar(uchar(*pathEnd)))
        ++pathEnd;
    const QByteArrayView path(p, pathEnd - p);
    // Origin form only; "//" and dot segments are left to QUrl's interpretation.
    if (path.isEmpty() || path.front() != '/' || path.contains("//") || path.contains("/."))
        return std::nullopt;
    if (!QByteArrayView(pathEnd, end - pathEnd).startsWith(Version))
        return std::nullopt;

    EarlyRequest request;
    request.path = path.toByteArray();
    bool host = false;
    p = pathEnd + Version.size();
    while (true) {
        const char *lineEnd = static_cast<const char *>(std::memchr(p, '\r', size_t(end - p)));
        if (!lineEnd || lineEnd + 1 >= end || lineEnd[1] != '\n')
            return std::nullopt; // a bare CR
        if (lineEnd == p)
            break; // the blank line
        const char *colon = p;
        while (colon < lineEnd && isTokenByte(*colon))
            ++colon;
        if (colon == p || colon == lineEnd || *colon != ':')
            return std::nullopt; // a folded line (leading blank) or no name
        const QByteArrayView name(p, colon - p);
        const char *valueBegin = colon + 1;
        const char *valueEnd = lineEnd;
        while (valueBegin < valueEnd && isBlank(*valueBegin))
            ++valueBegin;
        while (valueEnd > valueBegin && isBlank(valueEnd[-1]))
            --valueEnd;
        if (std::memchr(valueBegin, '\n', size_t(valueEnd - valueBegin)) ||
            std::memchr(valueBegin, '\0', size_t(valueEnd - valueBegin)))
            return std::nullopt;
        if (namedAs(name, "host")) {
            if (host)
                return std::nullopt; // two Host lines: QHttpServer decides
            host = true;
        } else if (namedAs(name, "connection")) {
            // What browsers and QNetworkAccessManager send, and what QHttpServer does anyway.
            if (!namedAs(QByteArrayView(valueBegin, valueEnd - valueBegin), "keep-alive"))
                return std::nullopt;
        } else if (namedAs(name, "upgrade") || namedAs(name, "expect") ||
                   namedAs(name, "content-length") || namedAs(name, "transfer-encoding")) {
            return std::nullopt;
        }
        request.headers.append(
            {name.toByteArray(), QByteArrayView(valueBegin, valueEnd - valueBegin).toByteArray()});
        p = lineEnd + 2;
    }
    if (!host)
        return std::nullopt;
    return request;
}

} // namespace qrc
