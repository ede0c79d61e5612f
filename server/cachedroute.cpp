#include "cachedroute.h"

#include "http/httpreply.h"
#include "pending.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLoggingCategory>
#include <QPromise>

#include <algorithm>

Q_LOGGING_CATEGORY(lcCachedRoute, "qrc.server.cache")

namespace qrc::detail {

namespace {

// Attribute names of a stored answer (CacheValue::attributes); one letter each (replyFor).
const QByteArray StatusAttr = QByteArrayLiteral("s");
const QByteArray EtagAttr = QByteArrayLiteral("e");
const QByteArray TtlAttr = QByteArrayLiteral("t");

struct CacheDirectives {
    bool noCache = false;
    bool noStore = false;
};

CacheDirectives parseCacheControl(const QByteArray &value) {
    CacheDirectives d;
    if (value.isEmpty())
        return d;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray directive = part.trimmed().toLower();
        if (directive == "no-cache")
            d.noCache = true;
        else if (directive == "no-store")
            d.noStore = true;
    }
    return d;
}

bool isSuccess(int status) {
    return status >= 200 && status < 300;
}

} // namespace

void refuseWithoutRequest(const HttpExchange &exchange, const ResponseSink &sink) {
    qCWarning(lcCachedRoute) << "the handler of" << exchange.encodedPath()
                             << "takes a QHttpServerRequest, which only QHttpServer has; "
                                "take const qrc::HttpExchange & instead";
    sink(QHttpServerResponse(QHttpServerResponse::StatusCode::InternalServerError));
}

struct ResponseSink::State {
    Fn fn;
    bool delivered = false;
    ~State() {
        if (!delivered && fn)
            fn(QHttpServerResponse(QHttpServerResponse::StatusCode::InternalServerError));
    }
};

ResponseSink::ResponseSink(Fn fn)
    : m_state(std::make_shared<State>()) {
    m_state->fn = std::move(fn);
}

void ResponseSink::disarm() const {
    m_state->delivered = true;
}

void ResponseSink::operator()(QHttpServerResponse &&response) const {
    if (m_state->delivered)
        return;
    m_state->delivered = true;
    m_state->fn(std::move(response));
}

// One request through a cached route.
struct CachedCore::Call : std::enable_shared_from_this<CachedCore::Call> {
    // With the TTL here, the callbacks capture only the call. Shared: the route that made
    // the call may be destroyed before the call is answered.
    std::shared_ptr<const CachedCore> core;
    qint64 ttl = 0;
    ExchangePtr exchange;
    QString key;
    QStringList args; // the route's placeholders, for the handler
    Invoker invoke;
    QByteArray ifNoneMatch;
    qint64 startedMs = 0;
    bool produced = false;                          // our handler filled the cache
    std::optional<QHttpServerResponse> passthrough; // our handler's non-2xx answer
};

CachedCore::CachedCore(CacheManager *cache, CachedOptions options)
    : m_cache(cache)
    , m_options(std::move(options)) {
    const CacheSettings &s = cache->settings().cache;
    m_ttl = std::clamp<qint64>(m_options.ttl.value_or(s.defaultTtl), 1, qMax(1, s.maxTtl));
}

QString CachedCore::defaultKey(const HttpExchange &exchange) const {
    QByteArray key = exchange.methodName() + ':' + exchange.encodedPath();
    const QByteArray query = exchange.encodedQuery();
    if (!query.isEmpty()) {
        QByteArrayList parts = query.split('&');
        std::sort(parts.begin(), parts.end());
        key += '?' + parts.join('&');
    }
    for (const QByteArray &name : m_options.varyHeaders)
        key += '|' + name.toLower() + '=' + exchange.header(name);
    // Keys stay printable and bounded whatever the client sent.
    const bool printable = std::all_of(key.cbegin(), key.cend(),
                                       [](char c) { return uchar(c) > 0x20 && uchar(c) < 0x7f; });
    if (!printable || key.size() > 512)
        return QStringLiteral("sha256:") +
               QString::fromLatin1(
                   QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex());
    return QString::fromLatin1(key);
}

QString CachedCore::keyFor(const HttpExchange &exchange, const QStringList &args) const {
    if (m_options.argsKeyBuilder)
        return m_options.argsKeyBuilder(args);
    if (m_options.keyBuilder) {
        const QHttpServerRequest *request = exchange.liveRequest();
        return request ? m_options.keyBuilder(args, *request) : QString();
    }
    return defaultKey(exchange);
}

namespace {

void appendDescription(RouteDoc &doc, const QString &text) {
    doc.description = doc.description.isEmpty() ? text : doc.description + QLatin1Char(' ') + text;
}

} // namespace

void CachedCore::describe(RouteDoc &doc) const {
    doc.cached = true;
    QString text =
        QStringLiteral("Cached for %1 s in namespace '%2'.").arg(m_ttl).arg(m_options.ns);
    if (!m_options.varyHeaders.isEmpty())
        text += QStringLiteral(" Cached apart per value of %1.")
                    .arg(QString::fromLatin1(m_options.varyHeaders.join(", ")));
    appendDescription(doc, text);
}

void CachedCore::serve(const ExchangePtr &exchange, const QStringList &args, Invoker invoke) const {
    if (!exchange->isConnected())
        return; // the client is gone
    auto call = std::make_shared<Call>();
    call->exchange = exchange;
    call->args = args;
    call->invoke = std::move(invoke);
    call->ifNoneMatch = exchange->header(QByteArrayLiteral("if-none-match"));
    call->key = keyFor(*exchange, args);
    const CacheDirectives directives =
        parseCacheControl(exchange->header(QByteArrayLiteral("cache-control")));
    if (directives.noStore || call->key.isEmpty()) {
        runUncached(call);
        return;
    }
    // One getOrSet: a hit is answered from the value, a miss runs the handler once for all
    // concurrent requests of the key (and counts one miss).
    fill(call, directives.noCache);
}

void CachedCore::fill(const std::shared_ptr<Call> &call, bool forceRefresh) const {
    call->startedMs = QDateTime::currentMSecsSinceEpoch();
    call->core = shared_from_this();
    call->ttl = m_ttl;
    // The producer runs, if at all, before the value callback below (which owns the call) has
    // been called, so a plain pointer is enough here; it fits std::function's inline storage,
    // which a shared_ptr (not trivially copyable) does not: no allocation on a cache hit.
    CacheManager::Producer producer = [raw = call.get()]() -> QFuture<Result<CacheValue>> {
        const std::shared_ptr<Call> call = raw->shared_from_this();
        call->produced = true;
        auto promise = std::make_shared<QPromise<Result<CacheValue>>>();
        promise->start();
        QFuture<Result<CacheValue>> future = promise->future();
        if (!call->exchange->isConnected()) {
            promise->addResult(Result<CacheValue>::failure(
                CacheError::validation(QStringLiteral("client disconnected"))));
            promise->finish();
            return future;
        }
        call->invoke(*call->exchange, call->args,
                     ResponseSink([call, promise](QHttpServerResponse &&response) {
                         const int status = int(response.statusCode());
                         if (!isSuccess(status)) {
                             call->passthrough.emplace(std::move(response));
                             promise->addResult(Result<CacheValue>::failure(CacheError::validation(
                                 QStringLiteral("status %1 is not cached").arg(status))));
                             promise->finish();
                             return;
                         }
                         CacheValue value;
                         value.data = response.data();
                         value.contentType = response.mimeType();
                         value.setAttribute(StatusAttr, QByteArray::number(status));
                         value.setAttribute(EtagAttr, http::etagFor(value.data));
                         value.setAttribute(TtlAttr, QByteArray::number(call->ttl));
                         value.storedAtMs = QDateTime::currentMSecsSinceEpoch();
                         promise->addResult(Result<CacheValue>::success(std::move(value)));
                         promise->finish();
                     }));
        return future;
    };

    auto handle = [call](const Result<CacheValue> &result) {
        if (result.ok()) {
            // Stored during this call: by our producer or a concurrent request's. A value with
            // no stored-at time was written by a bare-body writer (the seed): found, a HIT.
            const bool fresh = call->produced || result.value.storedAtMs > call->startedMs;
            call->core->answer(call, result.value, !fresh);
            return;
        }
        if (call->passthrough) {
            call->exchange->addResponseHeader(QByteArrayLiteral("X-Cache"),
                                              QByteArrayLiteral("MISS"));
            call->exchange->send(std::move(*call->passthrough));
            return;
        }
        // A cache fault, or another request's handler failed for this key: answer directly.
        qCDebug(lcCachedRoute) << "cache fill failed, answering uncached:"
                               << result.error.toString();
        call->core->runUncached(call);
    };
    // A HIT on memory is answered inside this call.
    m_cache->getOrSet(call->key, std::move(producer), std::move(handle), m_ttl, m_options.ns,
                      forceRefresh);
}

void CachedCore::runUncached(const std::shared_ptr<Call> &call) const {
    if (!call->exchange->isConnected())
        return;
    call->invoke(*call->exchange, call->args, ResponseSink([call](QHttpServerResponse &&response) {
        HttpExchange &exchange = *call->exchange;
        exchange.addResponseHeader(QByteArrayLiteral("X-Cache"), QByteArrayLiteral("MISS"));
        if (isSuccess(int(response.statusCode()))) {
            exchange.addResponseHeader(QByteArrayLiteral("ETag"), http::etagFor(response.data()));
            exchange.addResponseHeader(QByteArrayLiteral("Cache-Control"),
                                       QByteArrayLiteral("no-store"));
        }
        exchange.send(std::move(response));
    }));
}

HttpReply CachedCore::replyFor(const CacheValue &value, bool hit, const QByteArray &ifNoneMatch,
                               qint64 defaultTtl, const QByteArrayList &varyHeaders,
                               QByteArray buffer) {
    // The three attributes in one pass (their names are one letter each), the first of each
    // name as CacheValue::attribute() reads it.
    const QByteArray *attrs[3] = {};
    for (const auto &[name, text] : value.attributes) {
        if (name.size() != 1)
            continue;
        const qsizetype i = name.front() == StatusAttr.front() ? 0
                            : name.front() == EtagAttr.front() ? 1
                            : name.front() == TtlAttr.front()  ? 2
                                                               : -1;
        if (i >= 0 && !attrs[i])
            attrs[i] = &text;
    }
    const auto attr = [&attrs](int i) {
        return attrs[i] ? QByteArrayView(*attrs[i]) : QByteArrayView();
    };
    int status = int(http::parseNumber(attr(0)).value_or(200));
    if (!isSuccess(status))
        status = 200;
    QByteArray etag = attrs[1] ? *attrs[1] : QByteArray();
    if (etag.isEmpty())
        etag = http::etagFor(value.data);
    const qint64 ttl = http::parseNumber(attr(2)).value_or(defaultTtl);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 age = value.storedAtMs > 0 ? qMax<qint64>(0, (now - value.storedAtMs) / 1000) : 0;
    const qint64 remaining = qMax<qint64>(0, ttl - age);

    HttpReply reply;
    const QByteArray vary = varyHeaders.isEmpty() ? QByteArray() : varyHeaders.join(", ");
    // 55 bytes of fixed text, two numbers of at most 20 bytes, the ETag and the Vary line.
    http::Writer h(std::move(buffer), 128 + etag.size() + vary.size());
    if (hit)
        h.lit("X-Cache: HIT\r\nETag: ");
    else
        h.lit("X-Cache: MISS\r\nETag: ");
    h.put(etag);
    h.lit("\r\nCache-Control: max-age=");
    h.number(remaining);
    h.lit("\r\nAge: ");
    h.number(age);
    h.lit("\r\n");
    if (!vary.isEmpty()) {
        h.lit("Vary: ");
        h.put(vary);
        h.lit("\r\n");
    }
    reply.rawHeaders = h.finish();
    if (http::etagMatches(ifNoneMatch, etag)) {
        reply.status = 304;
    } else {
        reply.status = status;
        // No content type: stored as a bare body (CACHE_WIRE_FORMAT=seed, the Python seed,
        // set() with bytes), which is JSON in every one of those writers.
        reply.contentType =
            value.contentType.isEmpty() ? QByteArrayLiteral("application/json") : value.contentType;
        reply.body = value.data;
    }
    return reply;
}

void CachedCore::answer(const std::shared_ptr<Call> &call, const CacheValue &value,
                        bool hit) const {
    HttpReply reply = replyFor(value, hit, call->ifNoneMatch, m_ttl, m_options.varyHeaders,
                               std::move(m_headerBuffer));
    call->exchange->send(reply);
    m_headerBuffer = std::move(reply.rawHeaders);
}

BustingCore::BustingCore(CacheManager *cache, BustingOptions options)
    : m_cache(cache)
    , m_options(std::move(options)) {}

void BustingCore::describe(RouteDoc &doc) const {
    const bool selective = m_options.argsKeysBuilder || m_options.keysBuilder;
    appendDescription(
        doc,
        selective
            ? QStringLiteral("A 2xx answer removes this resource's cached "
                             "entries in namespace '%1'.")
                  .arg(m_options.ns)
            : QStringLiteral("A 2xx answer clears namespace '%1' of the cache.").arg(m_options.ns));
}

void BustingCore::serve(const ExchangePtr &exchange, const QStringList &args,
                        Invoker invoke) const {
    if (!exchange->isConnected())
        return;
    // Computed now: the request object is not ours once the handler goes asynchronous. A
    // keysBuilder without a QHttpServerRequest (cache-server's connections) cannot name the
    // keys: the whole namespace is cleared, which is never wrong, only more.
    const QHttpServerRequest *request = exchange->liveRequest();
    QStringList keys;
    bool selective = false;
    if (m_options.argsKeysBuilder) {
        keys = m_options.argsKeysBuilder(args);
        selective = true;
    } else if (m_options.keysBuilder && request) {
        keys = m_options.keysBuilder(args, *request);
        selective = true;
    }
    CacheManager *cache = m_cache;
    const QString ns = m_options.ns;
    invoke(*exchange, args,
           ResponseSink([exchange, keys, selective, cache, ns](QHttpServerResponse &&response) {
               if (!isSuccess(int(response.statusCode())) || (selective && keys.isEmpty())) {
                   exchange->send(std::move(response));
                   return;
               }
               auto held = std::make_shared<QHttpServerResponse>(std::move(response));
               auto done = [exchange, held, ns](const Result<qint64> &result) {
                   if (!result.ok())
                       qCWarning(lcCachedRoute) << "cache busting in namespace" << ns
                                                << "failed:" << result.error.toString();
                   exchange->send(std::move(*held));
               };
               whenDone(cache, selective ? cache->remove(keys, ns) : cache->clear(ns), done);
           }));
}

} // namespace qrc::detail
