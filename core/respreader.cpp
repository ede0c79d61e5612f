#include "respreader.h"

#include <hiredis/hiredis.h>
#include <hiredis/read.h>

namespace qrc {

namespace {

RedisReply convertReply(const redisReply *r) {
    RedisReply out;
    switch (r->type) {
    case REDIS_REPLY_STATUS:
        out.type = RedisReply::Type::Status;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = RedisReply::Type::Error;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_STRING:
        out.type = RedisReply::Type::String;
        out.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::Integer;
        out.integer = r->integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::Array;
        out.elements.reserve(qsizetype(r->elements));
        for (size_t i = 0; i < r->elements; ++i)
            out.elements.append(convertReply(r->element[i]));
        break;
    default: // REDIS_REPLY_NIL
        out.type = RedisReply::Type::Nil;
        break;
    }
    return out;
}

// hiredis' own object functions, with createArray replaced by RespReader::createArray.
redisReplyObjectFunctions *defaultFunctions = nullptr;

} // namespace

void *RespReader::createArray(const redisReadTask *task, int elements) {
    if (elements > MaxArrayElements) {
        if (auto *self = static_cast<RespReader *>(task->privdata))
            self->m_refusedArray = elements;
        return nullptr; // the reader fails ("out of memory"), before allocating
    }
    return defaultFunctions->createArray(task, elements);
}

RespReader::RespReader() {
    static redisReplyObjectFunctions functions = [] {
        redisReader *probe = redisReaderCreate();
        defaultFunctions = new redisReplyObjectFunctions(*probe->fn);
        redisReaderFree(probe);
        redisReplyObjectFunctions f = *defaultFunctions;
        f.createArray = &RespReader::createArray;
        return f;
    }();
    m_reader = redisReaderCreateWithFunctions(&functions);
    if (m_reader)
        m_reader->privdata = this;
}

RespReader::~RespReader() {
    if (m_reader)
        redisReaderFree(m_reader);
}

bool RespReader::feed(QByteArrayView bytes) {
    if (m_failed || !m_reader)
        return false;
    if (bytes.isEmpty())
        return true;
    if (redisReaderFeed(m_reader, bytes.data(), size_t(bytes.size())) != REDIS_OK)
        m_failed = true;
    return !m_failed;
}

RespReader::Status RespReader::next(RedisReply *reply) {
    if (m_failed || !m_reader)
        return Status::Error;
    void *raw = nullptr;
    if (redisReaderGetReply(m_reader, &raw) != REDIS_OK) {
        m_failed = true;
        return Status::Error;
    }
    if (!raw)
        return Status::NeedMore;
    *reply = convertReply(static_cast<const redisReply *>(raw));
    freeReplyObject(raw);
    return Status::Reply;
}

QString RespReader::errorString() const {
    if (!m_reader)
        return QStringLiteral("out of memory");
    if (m_refusedArray >= 0)
        return QStringLiteral("array of %1 elements refused (at most %2)")
            .arg(m_refusedArray)
            .arg(MaxArrayElements);
    return QString::fromUtf8(m_reader->errstr);
}

} // namespace qrc
