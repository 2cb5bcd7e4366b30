#!/usr/bin/python3
# smtp_sink.py: an SMTP server for tests that keeps every message it is given.
# Each message becomes DIR/NNNN.eml (the bytes as received) with its envelope
# in DIR/NNNN.json; the .json is written first and the .eml renamed into
# place last, so a test that sees the .eml sees both. Listens on 127.0.0.1
# at a port the kernel picks and writes that port to --port-file once ready.
# With --implicit-tls it speaks TLS from the first byte, as on port 465.
# Run with Debian's /usr/bin/python3 (python3-aiosmtpd).
import argparse
import asyncio
import json
import logging
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dir", required=True, help="folder for the messages")
    p.add_argument("--port-file", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--auth", metavar="USER:PASS",
                   help="offer AUTH PLAIN/LOGIN and accept only this login")
    p.add_argument("--require-auth", action="store_true",
                   help="refuse MAIL FROM before AUTH")
    p.add_argument("--tls-cert", help="offer STARTTLS with this certificate")
    p.add_argument("--tls-key")
    p.add_argument("--implicit-tls", action="store_true",
                   help="speak TLS from the first byte (port 465 style) "
                   "with --tls-cert instead of offering STARTTLS")
    p.add_argument("--data-delay", type=float, default=0, metavar="SECONDS",
                   help="wait so long after keeping a message before "
                   "answering its DATA (a slow server: the window in which "
                   "a client killed has sent but not heard)")
    p.add_argument("--reject-rcpt", action="append", default=[],
                   metavar="ADDR", help="answer 550 to RCPT TO:<ADDR>")
    return p.parse_args()


class Sink:
    def __init__(self, folder, reject, delay=0):
        self.folder = folder
        self.delay = delay
        self.reject = {a.lower() for a in reject}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.lower() in self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, "%04d" % self.count)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "auth": session.auth_data.login.decode("utf-8", "replace")
            if isinstance(session.auth_data, LoginPassword) else None,
            "tls": session.ssl is not None
            or server.transport.get_extra_info("ssl_object") is not None,
        }
        write_atomic(base + ".json", json.dumps(meta).encode() + b"\n")
        write_atomic(base + ".eml", envelope.original_content)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 OK queued as %04d" % self.count

    async def handle_EHLO(self, server, session, envelope, hostname,
                          responses):
        # Without --auth, offer no AUTH at all rather than an empty list.
        session.host_name = hostname
        return [r for r in responses if r.strip() != "250-AUTH"]


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


def authenticator(expected):
    user, _, password = expected.partition(":")

    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        # handled=False: let aiosmtpd answer 535 on failure.
        return AuthResult(success=ok, handled=False,
                          auth_data=auth_data if ok else None)

    return check


def tls_context(args):
    if not args.tls_cert:
        return None
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(args.tls_cert, args.tls_key)
    return ctx


def main():
    # aiosmtpd 1.4 logs a warning about its own deprecated attribute on
    # every AUTH; keep the log for real problems.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    args = parse_args()
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args.dir, args.reject_rcpt, args.data_delay)
    tls = tls_context(args)
    kw = {"hostname": "sink.localhost",
          "tls_context": None if args.implicit_tls else tls,
          "auth_require_tls": False, "auth_required": args.require_auth}
    if args.auth:
        kw["authenticator"] = authenticator(args.auth)
    else:
        kw["auth_exclude_mechanism"] = ["LOGIN", "PLAIN"]
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(sink, **kw), host="127.0.0.1", port=args.port,
        ssl=tls if args.implicit_tls else None))
    port = server.sockets[0].getsockname()[1]
    write_atomic(args.port_file, b"%d\n" % port)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    loop.run_forever()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
