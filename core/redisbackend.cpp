#include "redisbackend.h"

#include "valuecodec.h"

#include <QElapsedTimer>

#include <memory>
#include <optional>

namespace qrc {

namespace {

// Transport errors pass through; a Redis error reply becomes a Protocol (or Auth) error.
CacheError replyError(const char *command, const RedisReply &reply) {
    const QString text = QStringLiteral("Redis error reply to %1: %2")
                             .arg(QLatin1String(command), QString::fromUtf8(reply.string));
    if (reply.string.startsWith("NOAUTH") || reply.string.startsWith("WRONGPASS"))
        return CacheError::auth(text);
    return CacheError::protocol(text);
}

CacheError unexpected(const char *command) {
    return CacheError::protocol(
        QStringLiteral("Unexpected reply type from Redis to %1").arg(QLatin1String(command)));
}

// Runs `command` and hands a non-error reply to `convert`, which returns the Result.
template <typename T, typename Convert>
RedisClient::ReplyCallback expect(const char *command, CacheBackend::Callback<T> done,
                                  Convert convert) {
    return [command, done = std::move(done), convert](Result<RedisReply> r) {
        if (!r.ok()) {
            done(Result<T>::failure(std::move(r.error)));
            return;
        }
        if (r.value.isError()) {
            done(Result<T>::failure(replyError(command, r.value)));
            return;
        }
        done(convert(r.value));
    };
}

Result<qint64> asInteger(const char *command, const RedisReply &reply) {
    if (reply.type != RedisReply::Type::Integer)
        return Result<qint64>::failure(unexpected(command));
    return Result<qint64>::success(reply.integer);
}

} // namespace

RedisBackend::RedisBackend(const RedisSettings &settings, QObject *parent)
    : CacheBackend(parent)
    , m_client(new RedisClient(settings, this)) {}

RedisBackend::~RedisBackend() = default;

void RedisBackend::get(const QByteArray &key, Callback<std::optional<QByteArray>> done) {
    using R = Result<std::optional<QByteArray>>;
    // Command names as literals: QByteArray("GET") would allocate and copy on every call.
    m_client->execute(
        {QByteArrayLiteral("GET"), key},
        expect<std::optional<QByteArray>>("GET", std::move(done), [](RedisReply &reply) {
            if (reply.isNil())
                return R::success(std::nullopt);
            if (reply.type != RedisReply::Type::String)
                return R::failure(unexpected("GET"));
            return R::success(std::move(reply.string));
        }));
}

void RedisBackend::set(const QByteArray &key, const QByteArray &value, qint64 ttlSeconds,
                       Callback<bool> done) {
    m_client->execute({QByteArrayLiteral("SET"), key, value, QByteArrayLiteral("EX"),
                       QByteArray::number(ttlSeconds)},
                      expect<bool>("SET", std::move(done), [](const RedisReply &reply) {
                          if (reply.type != RedisReply::Type::Status)
                              return Result<bool>::failure(unexpected("SET"));
                          return Result<bool>::success(true);
                      }));
}

void RedisBackend::remove(const QList<QByteArray> &keys, Callback<qint64> done) {
    if (keys.isEmpty()) {
        done(Result<qint64>::success(0));
        return;
    }
    QList<QByteArray> argv{"UNLINK"};
    argv += keys;
    m_client->execute(argv, expect<qint64>("UNLINK", std::move(done), [](const RedisReply &r) {
                          return asInteger("UNLINK", r);
                      }));
}

void RedisBackend::exists(const QList<QByteArray> &keys, Callback<qint64> done) {
    if (keys.isEmpty()) {
        done(Result<qint64>::success(0));
        return;
    }
    QList<QByteArray> argv{"EXISTS"};
    argv += keys;
    m_client->execute(argv, expect<qint64>("EXISTS", std::move(done), [](const RedisReply &r) {
                          return asInteger("EXISTS", r);
                      }));
}

void RedisBackend::ttl(const QByteArray &key, Callback<qint64> done) {
    m_client->execute({QByteArrayLiteral("PTTL"), key},
                      expect<qint64>("PTTL", std::move(done),
                                     [](const RedisReply &r) { return asInteger("PTTL", r); }));
}

void RedisBackend::expire(const QByteArray &key, qint64 seconds, Callback<bool> done) {
    m_client->execute({"EXPIRE", key, QByteArray::number(seconds)},
                      expect<bool>("EXPIRE", std::move(done), [](const RedisReply &r) {
                          const Result<qint64> n = asInteger("EXPIRE", r);
                          if (!n.ok())
                              return Result<bool>::failure(n.error);
                          return Result<bool>::success(n.value == 1);
                      }));
}

void RedisBackend::scan(const QByteArray &cursor, const QByteArray &pattern, int count,
                        Callback<ScanPage> done) {
    QList<QByteArray> argv{"SCAN", cursor.isEmpty() ? QByteArray("0") : cursor};
    if (!pattern.isEmpty())
        argv += {"MATCH", pattern};
    if (count > 0)
        argv += {"COUNT", QByteArray::number(count)};
    m_client->execute(argv, expect<ScanPage>("SCAN", std::move(done), [](const RedisReply &r) {
                          using R = Result<ScanPage>;
                          if (r.type != RedisReply::Type::Array || r.elements.size() != 2 ||
                              r.elements[0].type != RedisReply::Type::String ||
                              r.elements[1].type != RedisReply::Type::Array)
                              return R::failure(unexpected("SCAN"));
                          ScanPage page;
                          if (r.elements[0].string != "0")
                              page.cursor = r.elements[0].string;
                          page.keys.reserve(r.elements[1].elements.size());
                          for (const RedisReply &key : r.elements[1].elements)
                              page.keys.append(key.string);
                          return R::success(std::move(page));
                      }));
}

void RedisBackend::describe(const QList<QByteArray> &keys, Callback<QList<KeyInfo>> done) {
    if (keys.isEmpty()) {
        done(Result<QList<KeyInfo>>::success({}));
        return;
    }
    QList<QList<QByteArray>> commands;
    constexpr int PerKey = 5;
    commands.reserve(keys.size() * PerKey);
    for (const QByteArray &key : keys) {
        commands.append({"PTTL", key});
        commands.append({"STRLEN", key});
        commands.append({"GETRANGE", key, "0", "7"});
        commands.append({"TYPE", key});
        // SAMPLES 0 would walk a whole collection; the default (5) estimates it.
        commands.append({"MEMORY", "USAGE", key});
    }
    m_client->executePipeline(commands,
                              [keys, done = std::move(done)](Result<QList<RedisReply>> r) {
                                  using R = Result<QList<KeyInfo>>;
                                  if (!r.ok()) {
                                      done(R::failure(std::move(r.error)));
                                      return;
                                  }
                                  QList<KeyInfo> infos;
                                  for (qsizetype i = 0; i < keys.size(); ++i) {
                                      const RedisReply &pttl = r.value[i * PerKey];
                                      const RedisReply &strlen = r.value[i * PerKey + 1];
                                      const RedisReply &prefix = r.value[i * PerKey + 2];
                                      const RedisReply &type = r.value[i * PerKey + 3];
                                      const RedisReply &memory = r.value[i * PerKey + 4];
                                      if (pttl.isError()) {
                                          done(R::failure(replyError("PTTL", pttl)));
                                          return;
                                      }
                                      if (pttl.type != RedisReply::Type::Integer) {
                                          done(R::failure(unexpected("PTTL")));
                                          return;
                                      }
                                      if (pttl.integer == -2)
                                          continue;
                                      KeyInfo info;
                                      info.key = keys[i];
                                      info.ttlMs = pttl.integer;
                                      // A foreign key of another type (WRONGTYPE) is listed with
                                      // size 0 rather than failing the whole page.
                                      if (strlen.type == RedisReply::Type::Integer)
                                          info.size = strlen.integer;
                                      if (prefix.type == RedisReply::Type::String)
                                          info.compressed = ValueCodec::isCompressed(prefix.string);
                                      if (type.type == RedisReply::Type::Status)
                                          info.type = type.string;
                                      // An error here (MEMORY renamed or denied by an ACL) only
                                      // leaves the figure unknown.
                                      if (memory.type == RedisReply::Type::Integer)
                                          info.memory = memory.integer;
                                      infos.append(std::move(info));
                                  }
                                  done(R::success(std::move(infos)));
                              });
}

namespace {

// The command that reads one page of a collection, and the one that counts its members.
struct CollectionCommands {
    QList<QByteArray> page;
    QList<QByteArray> length;
};

std::optional<CollectionCommands> collectionCommands(const QByteArray &key, const QByteArray &type,
                                                     const QByteArray &cursor, int count) {
    const QByteArray n = QByteArray::number(count);
    const QByteArray scanCursor = cursor.isEmpty() ? QByteArray("0") : cursor;
    if (type == "hash")
        return CollectionCommands{{"HSCAN", key, scanCursor, "COUNT", n}, {"HLEN", key}};
    if (type == "set")
        return CollectionCommands{{"SSCAN", key, scanCursor, "COUNT", n}, {"SCARD", key}};
    if (type == "zset")
        return CollectionCommands{{"ZSCAN", key, scanCursor, "COUNT", n}, {"ZCARD", key}};
    if (type == "list") {
        const qint64 start = cursor.isEmpty() ? 0 : cursor.toLongLong();
        return CollectionCommands{
            {"LRANGE", key, QByteArray::number(start), QByteArray::number(start + count - 1)},
            {"LLEN", key}};
    }
    if (type == "stream")
        return CollectionCommands{
            {"XRANGE", key, cursor.isEmpty() ? QByteArray("-") : cursor, "+", "COUNT", n},
            {"XLEN", key}};
    return std::nullopt;
}

bool isStringArray(const RedisReply &r) {
    if (r.type != RedisReply::Type::Array)
        return false;
    for (const RedisReply &e : r.elements)
        if (e.type != RedisReply::Type::String)
            return false;
    return true;
}

// Converts the page command's reply; false when it is not shaped as that command answers.
bool parseCollectionPage(const QByteArray &type, const QByteArray &cursor, int count,
                         const RedisReply &reply, CollectionPage *page) {
    if (type == "hash" || type == "set" || type == "zset") {
        if (reply.type != RedisReply::Type::Array || reply.elements.size() != 2 ||
            reply.elements[0].type != RedisReply::Type::String || !isStringArray(reply.elements[1]))
            return false;
        if (reply.elements[0].string != "0")
            page->cursor = reply.elements[0].string;
        const QList<RedisReply> &found = reply.elements[1].elements;
        if (type == "set") {
            for (const RedisReply &member : found)
                page->items.append({member.string, {}, {}});
            return true;
        }
        if (found.size() % 2 != 0)
            return false;
        for (qsizetype i = 0; i + 1 < found.size(); i += 2)
            page->items.append({found[i].string, found[i + 1].string, {}});
        return true;
    }
    if (type == "list") {
        if (!isStringArray(reply))
            return false;
        qint64 index = cursor.isEmpty() ? 0 : cursor.toLongLong();
        for (const RedisReply &element : reply.elements)
            page->items.append({QByteArray::number(index++), element.string, {}});
        if (reply.elements.size() == count)
            page->cursor = QByteArray::number(index);
        return true;
    }
    // stream: [[id, [field, value, ...]], ...]
    if (reply.type != RedisReply::Type::Array)
        return false;
    for (const RedisReply &entry : reply.elements) {
        if (entry.type != RedisReply::Type::Array || entry.elements.size() != 2 ||
            entry.elements[0].type != RedisReply::Type::String ||
            !isStringArray(entry.elements[1]) || entry.elements[1].elements.size() % 2 != 0)
            return false;
        CollectionItem item{entry.elements[0].string, {}, {}};
        const QList<RedisReply> &fields = entry.elements[1].elements;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
            item.fields.append({fields[i].string, fields[i + 1].string});
        page->items.append(std::move(item));
    }
    if (reply.elements.size() == count) // the next page starts after the last ID (exclusive)
        page->cursor = '(' + page->items.last().name;
    return true;
}

} // namespace

void RedisBackend::collectionPage(const QByteArray &key, const QByteArray &type,
                                  const QByteArray &cursor, int count,
                                  Callback<CollectionPage> done) {
    using R = Result<CollectionPage>;
    const std::optional<CollectionCommands> commands = collectionCommands(key, type, cursor, count);
    if (!commands) {
        done(R::failure(CacheError::validation(
            QStringLiteral("no viewer for keys of type %1").arg(QString::fromLatin1(type)))));
        return;
    }
    const QByteArray name = commands->page.first();
    m_client->executePipeline(
        {commands->length, commands->page},
        [type, cursor, count, name, done = std::move(done)](Result<QList<RedisReply>> r) {
            if (!r.ok()) {
                done(R::failure(std::move(r.error)));
                return;
            }
            const RedisReply &length = r.value[0];
            const RedisReply &reply = r.value[1];
            if (length.isError() || reply.isError()) {
                done(R::failure(replyError(name.constData(), length.isError() ? length : reply)));
                return;
            }
            CollectionPage page;
            if (length.type != RedisReply::Type::Integer ||
                !parseCollectionPage(type, cursor, count, reply, &page)) {
                done(R::failure(unexpected(name.constData())));
                return;
            }
            page.total = length.integer;
            done(R::success(std::move(page)));
        });
}

void RedisBackend::ping(Callback<qint64> done) {
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_client->execute({"PING"},
                      expect<qint64>("PING", std::move(done), [timer](const RedisReply &r) {
                          const qint64 us = timer->nsecsElapsed() / 1000;
                          if (r.type != RedisReply::Type::Status)
                              return Result<qint64>::failure(unexpected("PING"));
                          return Result<qint64>::success(us);
                      }));
}

} // namespace qrc
