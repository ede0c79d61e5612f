#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace qrc {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// One request as HttpRequestParser read it off the wire: the head split into its parts (as
// sent, nothing decoded) and the whole body. Everything above the parser works on this.
// The parts share one copy of the head (no allocation per part); a part that is changed is
// copied then, as any QByteArray is.
struct HttpRequest {
    QByteArray method;    // a token, e.g. "GET"
    QByteArray path;      // the request-target up to '?', percent-encoded as sent
    QByteArray query;     // after '?', raw; empty when there is none
    int minorVersion = 1; // HTTP/1.<minor>, 0 or 1
    HeaderList headers;   // in order, names as sent, values without surrounding blanks
    QByteArray body;
    bool keepAlive = true;       // HTTP/1.1 without "close", HTTP/1.0 with "keep-alive"
    bool expectContinue = false; // "Expect: 100-continue"

    // Case-insensitive; the first such field, empty when absent.
    QByteArray header(QByteArrayView name) const;
};

} // namespace qrc
