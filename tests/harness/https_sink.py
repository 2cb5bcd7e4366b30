#!/usr/bin/python3
# https_sink.py: an HTTP(S) server for tests that keeps every request it is
# given. Each request becomes DIR/NNNN.json (method, path, headers, body as
# text), written atomically. Answers --status (200) to everything, or a 302
# to --redirect. With --cert/--key it speaks TLS; without, plain http.
# Listens on 127.0.0.1 at a port the kernel picks and writes that port to
# --port-file once ready.
import argparse
import http.server
import json
import os
import signal
import ssl
import sys


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dir", required=True, help="folder for the requests")
    p.add_argument("--port-file", required=True)
    p.add_argument("--cert", help="serve TLS with this certificate")
    p.add_argument("--key")
    p.add_argument("--status", type=int, default=200)
    p.add_argument("--redirect", help="answer 302 with this Location")
    return p.parse_args()


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def record(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        self.server.count += 1
        meta = {
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
        }
        write_atomic(os.path.join(self.server.folder,
                                  "%04d.json" % self.server.count),
                     json.dumps(meta).encode() + b"\n")

    def answer(self):
        self.record()
        args = self.server.args
        if args.redirect:
            self.send_response(302)
            self.send_header("Location", args.redirect)
        else:
            self.send_response(args.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = answer
    do_GET = answer

    def log_message(self, fmt, *a):
        sys.stderr.write("https_sink: " + (fmt % a) + "\n")


def main():
    args = parse_args()
    os.makedirs(args.dir, exist_ok=True)
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    server.folder = args.dir
    server.args = args
    server.count = 0
    if args.cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.cert, args.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    write_atomic(args.port_file, b"%d\n" % server.server_address[1])
    try:
        server.serve_forever()
    except SystemExit:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
