#pragma once

#include "cachemanager.h"
#include "httpexchange.h"
#include "inlinefunction.h"
#include "routedoc.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

// Route wrappers: the C++ form of the seed's @cached and @cache_busting decorators.
//
//   server.route("/items/<arg>", QHttpServerRequest::Method::Get,
//                qrc::cached(&cache, {.ttl = 300, .ns = "items",
//                                     .keyBuilder = [](const QStringList &args,
//                                                      const QHttpServerRequest &) {
//                                         return "item_" + args.at(0);
//                                     }},
//                            [](int id) { return QHttpServerResponse(loadItem(id)); }));
//
//   server.route("/items", QHttpServerRequest::Method::Post,
//                qrc::cacheBusting(&cache, {.ns = "items"},
//                                  [](const QHttpServerRequest &request) { ... }));
//
// A handler takes the route's placeholders, optionally followed by const QHttpServerRequest&
// (on a plain QHttpServer) or const qrc::HttpExchange& (anywhere, cache-server's routes too),
// and returns QHttpServerResponse or QFuture<QHttpServerResponse>. The request reference is
// valid during the call only (copy what an asynchronous handler needs).

namespace qrc {

// Both builders get the route's placeholders as text (in order) and the request.
using KeyBuilder = std::function<QString(const QStringList &args, const QHttpServerRequest &)>;
using KeysBuilder = std::function<QStringList(const QStringList &args, const QHttpServerRequest &)>;
// A key, or keys, from the placeholders alone.
using ArgsKeyBuilder = std::function<QString(const QStringList &args)>;
using ArgsKeysBuilder = std::function<QStringList(const QStringList &args)>;

struct CachedOptions {
    std::optional<qint64> ttl = std::nullopt; // seconds; unset: default_ttl; clamped to 1..max_ttl
    QString ns = CacheManager::defaultNamespace();
    // Unset: method + path + sorted query string (+ the vary headers' values).
    KeyBuilder keyBuilder = nullptr;
    QByteArrayList varyHeaders = {};
    // Used instead of keyBuilder when set. keyBuilder needs a QHttpServerRequest, which only
    // a plain QHttpServer has: routes served by cache-server's own connections use this one
    // (or the default key).
    ArgsKeyBuilder argsKeyBuilder = nullptr;
};

struct BustingOptions {
    QString ns = CacheManager::defaultNamespace();
    // Unset: the whole namespace is cleared. Set: only the keys it returns are removed.
    KeysBuilder keysBuilder = nullptr;
    // Used instead of keysBuilder when set: the keys from the placeholders alone (for routes
    // served by cache-server's connections, which have no QHttpServerRequest).
    ArgsKeysBuilder argsKeysBuilder = nullptr;
};

namespace detail {

// Delivers a handler's response exactly once; a sink dropped without delivering (a future
// that was cancelled) delivers a 500 so the client is never left hanging.
class ResponseSink {
public:
    using Fn = std::function<void(QHttpServerResponse &&)>;
    explicit ResponseSink(Fn fn);
    void operator()(QHttpServerResponse &&response) const;
    void disarm() const; // nothing is delivered any more, not even the 500

private:
    struct State;
    std::shared_ptr<State> m_state;
};

// Calls the user's handler for the exchange with the route's placeholders (as the core got
// them); the answer arrives through the sink. The invoker of a handler without placeholders
// or taking them as QStrings (cache-server's routes) captures the handler's shared pointer
// and the context, which InlineFunction keeps inline: no allocation per request.
using Invoker = InlineFunction<void(const HttpExchange &, const QStringList &args, ResponseSink)>;

// Shared by the route and by each call in flight: a program may destroy its server (and the
// routes) while a handler is still working, and the answer comes back to the call afterwards.
class CachedCore : public std::enable_shared_from_this<CachedCore> {
public:
    CachedCore(CacheManager *cache, CachedOptions options);
    void serve(const ExchangePtr &exchange, const QStringList &args, Invoker invoke) const;
    void describe(RouteDoc &doc) const;

    // The answer to a request served from `value` (304 when If-None-Match matches). Its
    // headers are written into `buffer` when that is unshared and large enough.
    static HttpReply replyFor(const CacheValue &value, bool hit, const QByteArray &ifNoneMatch,
                              qint64 defaultTtl, const QByteArrayList &varyHeaders,
                              QByteArray buffer = {});

private:
    struct Call;
    void fill(const std::shared_ptr<Call> &call, bool forceRefresh) const;
    void runUncached(const std::shared_ptr<Call> &call) const;
    void answer(const std::shared_ptr<Call> &call, const CacheValue &value, bool hit) const;
    QString defaultKey(const HttpExchange &exchange) const;
    // Empty when the key cannot be built (keyBuilder without a live request).
    QString keyFor(const HttpExchange &exchange, const QStringList &args) const;

    CacheManager *m_cache;
    CachedOptions m_options;
    qint64 m_ttl;
    // The header text of the last answer, whose memory the next one is written into: the
    // answer is serialised (copied) as it is sent.
    mutable QByteArray m_headerBuffer;
};

class BustingCore {
public:
    BustingCore(CacheManager *cache, BustingOptions options);
    void serve(const ExchangePtr &exchange, const QStringList &args, Invoker invoke) const;
    void describe(RouteDoc &doc) const;

private:
    CacheManager *m_cache;
    BustingOptions m_options;
};

template <typename T>
QString argToString(const T &value) {
    if constexpr (std::is_same_v<T, QString>)
        return value;
    else if constexpr (std::is_same_v<T, QByteArray>)
        return QString::fromUtf8(value);
    else if constexpr (std::is_arithmetic_v<T>)
        return QString::number(value);
    else
        return QVariant::fromValue(value).toString();
}

template <typename F>
struct CallableTraits : CallableTraits<decltype(&std::remove_cvref_t<F>::operator())> {};
template <typename R, typename C, typename... A>
struct CallableTraits<R (C::*)(A...) const> {
    using Args = std::tuple<A...>;
};
template <typename R, typename C, typename... A>
struct CallableTraits<R (C::*)(A...)> {
    using Args = std::tuple<A...>;
};
template <typename R, typename... A>
struct CallableTraits<R (*)(A...)> {
    using Args = std::tuple<A...>;
};

// The placeholders of a handler: its parameters without a trailing const QHttpServerRequest&
// or const HttpExchange&.
template <typename Tuple>
struct Placeholders;
template <>
struct Placeholders<std::tuple<>> {
    using Type = std::tuple<>;
};
template <typename... A>
struct Placeholders<std::tuple<A...>> {
    using Last = std::tuple_element_t<sizeof...(A) - 1, std::tuple<A...>>;
    template <size_t... I>
    static auto dropLast(std::index_sequence<I...>)
        -> std::tuple<std::remove_cvref_t<std::tuple_element_t<I, std::tuple<A...>>>...>;
    using Type =
        std::conditional_t<std::is_same_v<std::remove_cvref_t<Last>, QHttpServerRequest> ||
                               std::is_same_v<std::remove_cvref_t<Last>, HttpExchange>,
                           decltype(dropLast(std::make_index_sequence<sizeof...(A) - 1>{})),
                           std::tuple<std::remove_cvref_t<A>...>>;
};

// Answers for a handler that needs a QHttpServerRequest where there is none.
void refuseWithoutRequest(const HttpExchange &exchange, const ResponseSink &sink);

template <typename Handler, typename... Args>
void invokeHandler(const Handler &handler, QObject *context, const HttpExchange &exchange,
                   ResponseSink sink, const Args &...args) {
    constexpr bool wantsRequest =
        std::is_invocable_v<const Handler &, const Args &..., const QHttpServerRequest &>;
    const QHttpServerRequest *request = exchange.liveRequest();
    if constexpr (wantsRequest) {
        if (!request)
            return refuseWithoutRequest(exchange, sink);
    }
    const auto call = [&]() -> decltype(auto) {
        if constexpr (wantsRequest)
            return handler(args..., *request);
        else if constexpr (std::is_invocable_v<const Handler &, const Args &...,
                                               const HttpExchange &>)
            return handler(args..., exchange);
        else
            return handler(args...);
    };
    using Result = std::remove_cvref_t<decltype(call())>;
    if constexpr (std::is_same_v<Result, QFuture<QHttpServerResponse>>) {
        // Not QFuture::then(): in Qt 6.4 a continuation on a future of a move-only type
        // (QHttpServerResponse) crashes. A watcher delivers on the context's thread. It has
        // no parent: if the context goes first, the pending answer is dropped, not failed
        // into a half-destroyed cache.
        auto *watcher = new QFutureWatcher<QHttpServerResponse>();
        QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, sink] {
            watcher->deleteLater();
            QFuture<QHttpServerResponse> done = watcher->future();
            if (!done.isCanceled() && done.resultCount() > 0)
                sink(done.takeResult());
            else
                sink(QHttpServerResponse(QHttpServerResponse::StatusCode::InternalServerError));
        });
        QObject::connect(context, &QObject::destroyed, watcher, [watcher, sink] {
            sink.disarm();
            delete watcher;
        });
        watcher->setFuture(call());
    } else {
        sink(QHttpServerResponse(call()));
    }
}

// The object handed to QHttpServer::route(). Its call operator is what QHttpServer's view
// traits inspect: placeholders, the request, and a responder (so nothing is answered through
// QHttpServer's unsafe future path). serve() is the same entry for HttpRouter.
template <typename Core, typename Handler, typename Tuple>
class RouteWrapper;

template <typename Core, typename Handler, typename... Args>
class RouteWrapper<Core, Handler, std::tuple<Args...>> {
public:
    RouteWrapper(std::shared_ptr<const Core> core, Handler handler, QObject *context)
        : m_core(std::move(core))
        , m_handler(std::make_shared<const Handler>(std::move(handler)))
        , m_context(context) {}

    void operator()(Args... args, const QHttpServerRequest &request,
                    QHttpServerResponder &&responder) const {
        serve(args..., HttpExchange::create(request, std::move(responder)));
    }

    // `doc` completed with what this wrapper does, from its own options: for OpenAPI
    // (HttpRouter::add, OpenApi::describe), so that the description cannot drift from them.
    RouteDoc describe(RouteDoc doc) const {
        m_core->describe(doc);
        return doc;
    }

    void serve(Args... args, const ExchangePtr &exchange) const {
        m_core->serve(exchange, QStringList{argToString(args)...},
                      [handler = m_handler, context = m_context,
                       args...](const HttpExchange &ex, const QStringList &, ResponseSink sink) {
                          invokeHandler(*handler, context, ex, std::move(sink), args...);
                      });
    }

    // serve() with the placeholders as HttpRouter captured them, when the handler takes each
    // as a QString: the router's list is handed on instead of a new one.
    void serveArgs(const QStringList &args, const ExchangePtr &exchange) const
        requires(std::is_same_v<Args, QString> &&...) {
        Q_ASSERT(args.size() == qsizetype(sizeof...(Args)));
        serveList(args, exchange, std::index_sequence_for<Args...>{});
    }

private:
    template <size_t... I>
    void serveList(const QStringList &args, const ExchangePtr &exchange,
                   std::index_sequence<I...>) const {
        m_core->serve(exchange, args,
                      [handler = m_handler, context = m_context](
                          const HttpExchange &ex, const QStringList &list, ResponseSink sink) {
                          invokeHandler(*handler, context, ex, std::move(sink), list.at(I)...);
                      });
    }

    // The invokers share the handler, as a call shares its core: the route may be gone
    // before a request it took is answered.
    std::shared_ptr<const Core> m_core;
    std::shared_ptr<const Handler> m_handler;
    QObject *m_context;
};

template <typename Handler>
using PlaceholdersOf = typename Placeholders<typename CallableTraits<Handler>::Args>::Type;

} // namespace detail

// Answers from the cache when it can (X-Cache: HIT), otherwise runs the handler and stores a
// 2xx answer (X-Cache: MISS). Cache faults never fail the request: the handler runs instead.
template <typename Handler>
auto cached(CacheManager *cache, CachedOptions options, Handler handler) {
    using Wrapper =
        detail::RouteWrapper<detail::CachedCore, Handler, detail::PlaceholdersOf<Handler>>;
    return Wrapper(std::make_shared<const detail::CachedCore>(cache, std::move(options)),
                   std::move(handler), cache);
}

// Runs the handler; after a 2xx answer, clears the namespace or removes the builder's keys
// (before the answer is sent, so the client's next read cannot see the old value).
template <typename Handler>
auto cacheBusting(CacheManager *cache, BustingOptions options, Handler handler) {
    using Wrapper =
        detail::RouteWrapper<detail::BustingCore, Handler, detail::PlaceholdersOf<Handler>>;
    return Wrapper(std::make_shared<const detail::BustingCore>(cache, std::move(options)),
                   std::move(handler), cache);
}

} // namespace qrc
