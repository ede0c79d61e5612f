#pragma once

#include <QByteArray>
#include <QList>

namespace qrc {

// One RESP2 reply, converted from hiredis' redisReply so that it can outlive the reader.
struct RedisReply {
    enum class Type { Nil, Status, Error, Integer, String, Array };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string; // Status, Error and String payloads
    QList<RedisReply> elements;

    bool isNil() const { return type == Type::Nil; }
    bool isError() const { return type == Type::Error; }
};

} // namespace qrc
