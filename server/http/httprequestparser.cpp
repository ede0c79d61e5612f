#include "httprequestparser.h"

#include "httpreply.h"

#include <cctype>
#include <cstring>

namespace qrc {

namespace {

// Methods and field names as most clients spell them, as static data: a request that uses
// them shares nothing else with the head's copy for these.
const QByteArray KnownMethods[] = {QByteArrayLiteral("GET"),    QByteArrayLiteral("POST"),
                                   QByteArrayLiteral("PUT"),    QByteArrayLiteral("DELETE"),
                                   QByteArrayLiteral("HEAD"),   QByteArrayLiteral("PATCH"),
                                   QByteArrayLiteral("OPTIONS")};
const QByteArray KnownFieldNames[] = {QByteArrayLiteral("Host"),
                                      QByteArrayLiteral("User-Agent"),
                                      QByteArrayLiteral("Accept"),
                                      QByteArrayLiteral("Accept-Encoding"),
                                      QByteArrayLiteral("Accept-Language"),
                                      QByteArrayLiteral("Connection"),
                                      QByteArrayLiteral("Content-Length"),
                                      QByteArrayLiteral("Content-Type"),
                                      QByteArrayLiteral("Authorization"),
                                      QByteArrayLiteral("Cache-Control"),
                                      QByteArrayLiteral("If-None-Match"),
                                      QByteArrayLiteral("X-Forwarded-For"),
                                      QByteArrayLiteral("Origin"),
                                      QByteArrayLiteral("Referer"),
                                      QByteArrayLiteral("Cookie"),
                                      QByteArrayLiteral("Expect")};

// One of `known` when `text` is byte for byte one of them, else a null QByteArray.
template <std::size_t N>
QByteArray knownText(QByteArrayView text, const QByteArray (&known)[N]) {
    for (const QByteArray &k : known)
        if (k.size() == text.size() && text == k)
            return k;
    return {};
}

constexpr QByteArrayView Crlf("\r\n");

bool isTokenChar(uchar c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text) {
    if (text.isEmpty())
        return false;
    for (const char c : text)
        if (!isTokenChar(uchar(c)))
            return false;
    return true;
}

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

QByteArrayView trimBlanks(QByteArrayView text) {
    while (!text.isEmpty() && isBlank(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isBlank(text.back()))
        text.chop(1);
    return text;
}

// Where `what` starts in `data` at or after `from`, or -1: memchr for its first byte and a
// compare, cheaper than the general substring search for these short patterns.
qsizetype find(QByteArrayView data, qsizetype from, QByteArrayView what) {
    const char *begin = data.data();
    const char *end = begin + data.size();
    for (const char *at = begin + from; at + what.size() <= end; ++at) {
        at = static_cast<const char *>(std::memchr(at, what.front(), size_t(end - at)));
        if (!at || at + what.size() > end)
            return -1;
        if (std::memcmp(at, what.data(), size_t(what.size())) == 0)
            return at - begin;
    }
    return -1;
}

// Calls f for each element of a comma-separated list, blanks removed; empty elements skipped.
template <typename F>
void forEachListElement(QByteArrayView value, F f) {
    while (!value.isEmpty()) {
        qsizetype comma = value.indexOf(',');
        if (comma < 0)
            comma = value.size();
        const QByteArrayView element = trimBlanks(value.first(comma));
        if (!element.isEmpty())
            f(element);
        value = comma < value.size() ? value.sliced(comma + 1) : QByteArrayView();
    }
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const {
    for (const auto &[key, value] : headers)
        if (http::equalsCaseless(key, name))
            return value;
    return {};
}

HttpRequestParser::HttpRequestParser()
    : HttpRequestParser(Limits()) {}

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits) {}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QString &detail) {
    m_state = State::Failed;
    m_error = Error{status, detail};
    return Status::Failed;
}

HttpRequestParser::Status HttpRequestParser::parse(QByteArrayView data, qsizetype *consumed) {
    *consumed = 0;
    switch (m_state) {
    case State::Failed:
        return Status::Failed;
    case State::Done:
        return Status::Request;
    case State::Head: {
        qsizetype pos = 0;
        if (!m_headStarted) {
            // RFC 9112 2.2: empty lines before a request line are ignored.
            while (pos + 1 < data.size() && data[pos] == '\r' && data[pos + 1] == '\n')
                pos += 2;
            *consumed = pos;
            if (pos == data.size() || (pos + 1 == data.size() && data[pos] == '\r'))
                return Status::NeedMore;
            m_headStarted = true;
        }
        const QByteArrayView rest = data.sliced(pos);
        const qsizetype end = find(rest, qMax<qsizetype>(0, m_scanned - 3), "\r\n\r\n");
        if (end < 0) {
            if (rest.size() > m_limits.maxHeadBytes)
                return fail(431, QStringLiteral("Request header fields too large"));
            m_scanned = rest.size();
            return Status::NeedMore;
        }
        const qsizetype headLength = end + 4;
        if (headLength > m_limits.maxHeadBytes)
            return fail(431, QStringLiteral("Request header fields too large"));
        m_scanned = 0;
        if (!parseHead(rest.first(headLength)))
            return Status::Failed;
        pos += headLength;
        *consumed = pos;
        if (m_bodyRemaining == 0) {
            m_state = State::Done;
            return Status::Request;
        }
        m_state = State::Body;
        break;
    }
    case State::Body:
        break;
    }
    // State::Body: the body bytes still expected start at *consumed.
    const qsizetype start = *consumed;
    const qsizetype take = qsizetype(qMin<qint64>(m_bodyRemaining, data.size() - start));
    if (take > 0) {
        m_request.body.append(data.sliced(start, take));
        m_bodyRemaining -= take;
        *consumed += take;
    }
    if (m_bodyRemaining > 0)
        return Status::NeedMore;
    m_state = State::Done;
    return Status::Request;
}

HttpRequest HttpRequestParser::takeRequest() {
    Q_ASSERT(m_state == State::Done);
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    // The request's parts keep the buffer. These references tell, at the next head, whether
    // anything else still does.
    if (m_head.size() <= SpareHeadBytes) {
        m_spareHead = std::move(m_head);
        m_spareHeaders = request.headers;
    }
    m_head = QByteArray();
    m_state = State::Head;
    m_headStarted = false;
    m_bodyRemaining = 0;
    m_connectionClose = false;
    m_connectionKeepAlive = false;
    return request;
}

// One allocation for the whole head instead of one per part: the parts are views of this
// copy turned into QByteArrays that share its buffer (as a QByteArray does after a prepend,
// its data may start inside the buffer and end before its end). Each part is followed in the
// head by a delimiter that has been read by then (a space, '?', ':', a blank or CR); that byte
// becomes '\0', so every part is terminated like any QByteArray.
QByteArray HttpRequestParser::share(QByteArrayView part) {
    if (part.isEmpty())
        return part.toByteArray();
    // Written through the view, not m_head.data(), which would detach m_head from the parts
    // made so far. No part holds this byte.
    char *begin = const_cast<char *>(part.data());
    Q_ASSERT(begin >= m_head.constData() &&
             begin + part.size() < m_head.constData() + m_head.size());
    begin[part.size()] = '\0';
    QByteArray::DataPointer &head = m_head.data_ptr();
    head.d_ptr()->ref();
    return QByteArray(QByteArray::DataPointer(head.d_ptr(), begin, part.size()));
}

bool HttpRequestParser::parseHead(QByteArrayView wire) {
    // The list first: its fields hold parts of the old head.
    if (m_spareHeaders.isDetached()) {
        m_request.headers = std::move(m_spareHeaders);
        m_request.headers.clear(); // keeps its memory
    }
    m_spareHeaders = HeaderList();
    if (m_spareHead.isDetached() && m_spareHead.capacity() >= wire.size()) {
        m_head = std::move(m_spareHead);
        m_head.resize(wire.size()); // within its capacity: no allocation
        std::memcpy(m_head.data(), wire.data(), size_t(wire.size()));
    } else {
        m_head = wire.toByteArray();
    }
    m_spareHead = QByteArray();
    const QByteArrayView head(m_head);
    // One header per line between the request line and the empty line: the list is sized once.
    qsizetype lines = 0;
    for (const char *at = head.data(), *end = at + head.size();
         (at = static_cast<const char *>(std::memchr(at, '\n', size_t(end - at)))); ++at)
        ++lines;
    m_request.headers.reserve(qMax<qsizetype>(0, lines - 2));
    const qsizetype lineEnd = find(head, 0, Crlf);
    if (!parseRequestLine(head.first(lineEnd)))
        return false;
    std::optional<qint64> contentLength;
    bool transferEncoding = false;
    int hosts = 0;
    qsizetype from = lineEnd + 2;
    const qsizetype fieldsEnd = head.size() - 2; // the final CRLF
    while (from < fieldsEnd) {
        const qsizetype end = find(head, from, Crlf);
        if (!parseField(head.sliced(from, end - from), &contentLength, &transferEncoding, &hosts))
            return false;
        from = end + 2;
    }
    m_request.keepAlive =
        !m_connectionClose && (m_request.minorVersion == 1 || m_connectionKeepAlive);
    if (m_request.minorVersion == 1 && hosts != 1) {
        fail(400, hosts == 0 ? QStringLiteral("Host header required")
                             : QStringLiteral("More than one Host header"));
        return false;
    }
    if (transferEncoding) {
        if (contentLength) {
            fail(400, QStringLiteral("Transfer-Encoding together with Content-Length"));
            return false;
        }
        fail(411, QStringLiteral("Chunked request bodies are not accepted; send Content-Length"));
        return false;
    }
    const qint64 length = contentLength.value_or(0);
    if (length > m_limits.maxBodyBytes) {
        fail(413, QStringLiteral("Request body too large (%1 bytes, limit %2)")
                      .arg(length)
                      .arg(m_limits.maxBodyBytes));
        return false;
    }
    m_bodyRemaining = length;
    if (length > 0)
        m_request.body.reserve(length);
    return true;
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line) {
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1) {
        fail(400, QStringLiteral("Malformed request line"));
        return false;
    }
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isToken(method)) {
        fail(400, QStringLiteral("Invalid method"));
        return false;
    }
    for (const char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f) {
            fail(400, QStringLiteral("Invalid request target"));
            return false;
        }
    }
    if (version == "HTTP/1.1") {
        m_request.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        m_request.minorVersion = 0;
    } else {
        const bool looksLikeHttp = version.size() == 8 && version.startsWith("HTTP/") &&
                                   std::isdigit(uchar(version[5])) && version[6] == '.' &&
                                   std::isdigit(uchar(version[7]));
        fail(looksLikeHttp ? 505 : 400, looksLikeHttp ? QStringLiteral("HTTP version not supported")
                                                      : QStringLiteral("Malformed request line"));
        return false;
    }
    QByteArrayView pathAndQuery = target;
    if (target.front() != '/') {
        // absolute-form (RFC 9112 3.2.2): the path starts after the authority.
        qsizetype authority = -1;
        if (target.startsWith("http://"))
            authority = 7;
        else if (target.startsWith("https://"))
            authority = 8;
        if (authority > 0) {
            const qsizetype slash = target.indexOf('/', authority);
            const qsizetype query = target.indexOf('?', authority);
            const qsizetype pathStart = slash >= 0 && (query < 0 || slash < query) ? slash : -1;
            pathAndQuery = pathStart >= 0 ? target.sliced(pathStart)
                                          : (query >= 0 ? target.sliced(query) : QByteArrayView());
        } else if (target != "*") {
            fail(400, QStringLiteral("Invalid request target"));
            return false;
        }
    }
    const qsizetype question = pathAndQuery.indexOf('?');
    m_request.method = knownText(method, KnownMethods);
    if (m_request.method.isNull())
        m_request.method = share(method);
    m_request.path = share(question < 0 ? pathAndQuery : pathAndQuery.first(question));
    if (m_request.path.isEmpty())
        m_request.path = QByteArrayLiteral("/");
    if (question >= 0)
        m_request.query = share(pathAndQuery.sliced(question + 1));
    return true;
}

bool HttpRequestParser::parseField(QByteArrayView line, std::optional<qint64> *contentLength,
                                   bool *transferEncoding, int *hosts) {
    if (line.isEmpty() || isBlank(line.front())) {
        fail(400, QStringLiteral("Folded or malformed header line"));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon))) {
        fail(400, QStringLiteral("Malformed header line"));
        return false;
    }
    const QByteArrayView name = line.first(colon);
    const QByteArrayView value = trimBlanks(line.sliced(colon + 1));
    for (const char c : value) {
        if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f) {
            fail(400, QStringLiteral("Control character in a header value"));
            return false;
        }
    }
    if (http::equalsCaseless(name, "content-length")) {
        // 1*DIGIT, or a list of copies of it ("5, 5"); an empty element is no number.
        bool valid = true;
        QByteArrayView rest = value;
        do {
            qsizetype comma = rest.indexOf(',');
            if (comma < 0)
                comma = rest.size();
            const QByteArrayView element = trimBlanks(rest.first(comma));
            rest = comma < rest.size() ? rest.sliced(comma + 1) : QByteArrayView();
            qint64 number = 0;
            // At most 18 digits: the number then fits a qint64. Longer ones are refused before
            // any arithmetic (multiplying on would overflow).
            valid = !element.isEmpty() && element.size() <= 18;
            for (qsizetype i = 0; valid && i < element.size(); ++i) {
                const char c = element[i];
                valid = c >= '0' && c <= '9';
                number = number * 10 + (c - '0');
            }
            if (valid && *contentLength && **contentLength != number)
                valid = false;
            if (valid)
                *contentLength = number;
        } while (valid && !rest.isNull());
        if (!valid) {
            fail(400, QStringLiteral("Invalid Content-Length"));
            return false;
        }
    } else if (http::equalsCaseless(name, "transfer-encoding")) {
        *transferEncoding = true;
    } else if (http::equalsCaseless(name, "host")) {
        ++*hosts;
    } else if (http::equalsCaseless(name, "connection")) {
        forEachListElement(value, [&](QByteArrayView option) {
            if (http::equalsCaseless(option, "close"))
                m_connectionClose = true;
            else if (http::equalsCaseless(option, "keep-alive"))
                m_connectionKeepAlive = true;
        });
    } else if (http::equalsCaseless(name, "expect") && m_request.minorVersion == 1) {
        if (!http::equalsCaseless(value, "100-continue")) {
            fail(417, QStringLiteral("Only Expect: 100-continue is supported"));
            return false;
        }
        m_request.expectContinue = true;
    }
    QByteArray knownName = knownText(name, KnownFieldNames);
    m_request.headers.append(
        {knownName.isNull() ? share(name) : std::move(knownName), share(value)});
    return true;
}

} // namespace qrc
