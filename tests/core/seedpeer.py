#!/usr/bin/env python3
"""A peer that stores values the way the Python seed library (fastapi-redis-cache) does.

Used by tst_wireformat to prove that cache-server with CACHE_WIRE_FORMAT=seed and a Python
service still on the seed can share one Redis. The seed's value format is plain JSON text, or
"\\0GZIP\\0" + base64(gzip(JSON)) when compression is on and the text reaches the threshold;
reading accepts both. Only the standard library is used (a minimal RESP client), so the test
needs python3 and nothing else.

  seedpeer.py --port P get KEY                 prints the value as sorted compact JSON;
                                               exit 3 when the key is missing
  seedpeer.py --port P set KEY JSON [--compress]  stores JSON as the seed would, 60 s TTL
"""
import argparse
import base64
import gzip
import json
import socket
import sys

GZIP_MARKER = "\0GZIP\0"


def serialize(value, compress, threshold=0):
    text = json.dumps(value)
    if compress and len(text) >= threshold:
        return GZIP_MARKER + base64.b64encode(gzip.compress(text.encode())).decode()
    return text


def deserialize(stored):
    if stored.startswith(GZIP_MARKER):
        stored = gzip.decompress(base64.b64decode(stored[len(GZIP_MARKER):])).decode()
    return json.loads(stored)


class Resp:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = self.sock.makefile("rb")

    def command(self, *args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.sock.sendall(b"".join(out))
        return self.reply()

    def reply(self):
        line = self.buf.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.buf.read(n + 2)
            return data[:-2]
        if kind == b"*":
            return [self.reply() for _ in range(int(rest))]
        raise RuntimeError("unexpected reply %r" % line)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    sub = p.add_subparsers(dest="op", required=True)
    g = sub.add_parser("get")
    g.add_argument("key")
    s = sub.add_parser("set")
    s.add_argument("key")
    s.add_argument("json")
    s.add_argument("--compress", action="store_true")
    args = p.parse_args()
    redis = Resp(args.port)
    if args.op == "get":
        stored = redis.command("GET", args.key)
        if stored is None:
            return 3
        # The seed's client runs with decode_responses=True: values arrive as str.
        value = deserialize(stored.decode("utf-8"))
        print(json.dumps(value, sort_keys=True, separators=(",", ":")))
        return 0
    stored = serialize(json.loads(args.json), args.compress)
    redis.command("SET", args.key, stored.encode("utf-8"), "EX", 60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
