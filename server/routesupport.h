#pragma once

#include "cacheerror.h"
#include "httpexchange.h"
#include "httppipeline.h"
#include "httpreply.h"

#include <QFuture>
#include <QObject>
#include <QString>

namespace qrc {

// Small pieces the management routes (cacheroutes, keyroutes) share.

// Calls `f` with the future's result: now when it is finished, else on `context`'s thread.
template <typename T, typename F>
void whenDone(QObject *context, QFuture<T> future, F f) {
    if (future.isFinished())
        f(future.result());
    else
        (void)future.then(context, std::move(f));
}

// 422 for bad input, 503 when the store is unreachable, 500 otherwise.
HttpReply errorReply(const CacheError &error);

// Namespaces and keys arrive percent-decoded; the keyspace rules (which refuse control
// characters, so no CR/LF header injection or NUL) decide, answered as 422. False when the
// answer was sent.
bool checkNamespace(const ExchangePtr &exchange, const QString &ns);
bool checkKey(const ExchangePtr &exchange, const QString &key);

// A management route: admin token required, counted under "management".
RouteSpec admin(const QString &label);

} // namespace qrc
