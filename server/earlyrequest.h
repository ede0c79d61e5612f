#pragma once

#include "httpreply.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace qrc {

// A request simple enough to be answered by the connection itself, before QHttpServer parses
// it: "GET <plain path> HTTP/1.1" with a Host header and no body. Qt 6.4's parser costs about
// 28 k instructions per request (it reads the head one byte at a time through QIODevice's
// transaction machinery and builds a QUrl from the Host header); a cache hit answered from
// memory costs a fraction of that. Everything else goes to QHttpServer as before.
struct EarlyRequest {
    QByteArray path;    // letters, digits, "-._~/" only: it reads the same in every encoding
    HeaderList headers; // as sent, in order, values without surrounding blanks

    // std::nullopt for anything that is not plainly such a request: another method or
    // version, a query, a percent-encoded or dot segment, a body, "Upgrade", "Expect" or a
    // "Connection" other than keep-alive (QHttpServer decides those), a folded or malformed
    // line, no Host.
    // `head` is the whole head, request line to the blank line.
    static std::optional<EarlyRequest> parse(QByteArrayView head);
};

} // namespace qrc
