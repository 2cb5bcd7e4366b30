#!/usr/bin/python3
# fake_imap.py: misbehaving IMAP servers for the failure paths a real
# Dovecot will not take. One listener on 127.0.0.1 per mode given; the
# "MODE PORT" lines go to --port-file once all are bound, and every command
# a client sends is appended to DIR/MODE.log (so a test can prove that,
# say, LOGIN was never sent). Modes:
#   silent          accepts and never says anything (timeouts)
#   bye             greets with BYE and hangs up
#   no-starttls     plain server without STARTTLS in its capabilities
#   starttls-no     offers STARTTLS, then answers NO to it
#   eof-in-literal  logs anyone in, then hangs up in the middle of a LIST
#                   literal (libetpan 1.9.4 spins on this over plain TCP)
import argparse
import os
import signal
import socket
import sys
import threading

CAPS = "IMAP4rev1 AUTH=PLAIN"


class Conn:
    def __init__(self, sock, mode, log_path):
        self.sock = sock
        self.mode = mode
        self.rfile = sock.makefile("rb")
        self.log_path = log_path

    def send(self, text):
        self.sock.sendall(text.encode() + b"\r\n")

    def log(self, line):
        with open(self.log_path, "ab") as f:
            f.write(line + b"\n")

    def run(self):
        if self.mode == "silent":
            while self.sock.recv(4096):
                pass
            return
        if self.mode == "bye":
            self.send("* BYE [UNAVAILABLE] fake server is full")
            return
        caps = CAPS + (" STARTTLS" if self.mode == "starttls-no" else "")
        self.send("* OK [CAPABILITY %s] fake server ready" % caps)
        for raw in self.rfile:
            self.log(raw.rstrip(b"\r\n"))
            parts = raw.decode("utf-8", "replace").split()
            if len(parts) < 2:
                self.send("* BAD empty command")
                continue
            if not self.answer(parts[0], parts[1].upper(), caps):
                return

    def answer(self, tag, cmd, caps):
        if cmd == "CAPABILITY":
            self.send("* CAPABILITY " + caps)
        elif cmd == "STARTTLS":
            self.send(tag + " NO [UNAVAILABLE] STARTTLS is broken here")
            return True
        elif cmd == "LOGOUT":
            self.send("* BYE logging out")
            self.send(tag + " OK LOGOUT completed")
            return False
        elif cmd == "LIST" and self.mode == "eof-in-literal":
            self.sock.sendall(b'* LIST () "/" {40}\r\nINB')
            return False
        elif cmd == "LIST":
            self.send('* LIST () "/" INBOX')
        self.send(tag + " OK " + cmd + " completed")
        return True


def serve(listener, mode, folder):
    while True:
        sock, _ = listener.accept()
        conn = Conn(sock, mode, os.path.join(folder, mode + ".log"))
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def handle(conn):
    try:
        conn.run()
    except OSError:
        pass
    finally:
        try:
            conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        conn.sock.close()


MODES = ("silent", "bye", "no-starttls", "starttls-no", "eof-in-literal")


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("modes", nargs="+", choices=MODES)
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    lines = []
    for mode in args.modes:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        lines.append("%s %d\n" % (mode, listener.getsockname()[1]))
        threading.Thread(target=serve, args=(listener, mode, args.dir),
                         daemon=True).start()
    with open(args.port_file + ".tmp", "w") as f:
        f.writelines(lines)
    os.rename(args.port_file + ".tmp", args.port_file)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
