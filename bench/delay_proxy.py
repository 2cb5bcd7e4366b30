#!/usr/bin/python3
# delay_proxy.py: a slow link for bench/slowlink.sh. Listens on 127.0.0.1
# (a port the kernel picks, written to --port-file once listening) and
# relays each connection to 127.0.0.1:--target, holding every chunk back
# by the one-way delay in both directions: 25 ms each way is a link of
# 50 ms round-trip time. Only latency is added: chunks keep their order,
# a chunk is written as soon as it is due whatever came after it, and the
# bandwidth is the loopback's. Per direction, a reader task stamps each
# chunk with the time it is due and queues it; a writer task sleeps until
# then and writes. A half-close (EOF) travels as a chunk does, delayed
# and in order; a reset or error on either side ends that connection.
# Ends on SIGTERM or SIGINT. Python 3 standard library only.
#   delay_proxy.py --target PORT --delay-ms MS --port-file FILE [--log FILE]
# --log appends one line per connection when it ends: when it was accepted
# (seconds since the epoch), the chunks and bytes each way and the turns (how often the talk changed direction: about two
# per round trip the client waited for).
import argparse
import asyncio
import errno
import os
import signal
import sys
import time

HOST = "127.0.0.1"
CHUNK = 256 << 10


class Stats:
    def __init__(self):
        self.chunks = {"up": 0, "down": 0}
        self.bytes = {"up": 0, "down": 0}
        self.turns = 0
        self.last = None

    def note(self, way, n):
        self.chunks[way] += 1
        self.bytes[way] += n
        if self.last is not None and self.last != way:
            self.turns += 1
        self.last = way


async def reader_task(reader, queue, delay, stats, way):
    """Reads chunks as they come and queues them with the time they are
    due; None (EOF) is queued the same way. Never waits for the writer."""
    loop = asyncio.get_running_loop()
    try:
        while True:
            data = await reader.read(CHUNK)
            due = loop.time() + delay
            if not data:
                queue.put_nowait((due, None))
                return
            stats.note(way, len(data))
            queue.put_nowait((due, data))
    except (ConnectionError, OSError) as e:
        queue.put_nowait((loop.time(), e))


async def writer_task(writer, queue):
    """Writes each chunk once it is due, in order; on EOF half-closes."""
    loop = asyncio.get_running_loop()
    while True:
        due, data = await queue.get()
        wait = due - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        if data is None:
            if writer.can_write_eof():
                writer.write_eof()
            await writer.drain()
            return
        if isinstance(data, Exception):
            raise data
        writer.write(data)
        await writer.drain()


async def pipe(reader, writer, delay, stats, way):
    queue = asyncio.Queue()
    rt = asyncio.create_task(reader_task(reader, queue, delay, stats, way))
    try:
        await writer_task(writer, queue)
    finally:
        rt.cancel()
        await asyncio.gather(rt, return_exceptions=True)


def abort(writer):
    """Drops the connection at once (a reset), for the error paths."""
    try:
        writer.transport.abort()
    except (AttributeError, OSError):
        pass


async def handle(args, creader, cwriter):
    loop = asyncio.get_running_loop()
    stats = Stats()
    t0 = loop.time()
    began = time.time()
    try:
        sreader, swriter = await asyncio.open_connection(HOST, args.target)
    except OSError as e:
        print("delay_proxy: cannot reach %s:%d: %s" % (HOST, args.target, e),
              file=sys.stderr)
        abort(cwriter)
        return
    delay = args.delay_ms / 1000.0
    up = asyncio.create_task(pipe(creader, swriter, delay, stats, "up"))
    down = asyncio.create_task(pipe(sreader, cwriter, delay, stats, "down"))
    how = "closed"
    try:
        # Both ways end on EOF; an error on one ends the other at once.
        done, pending = await asyncio.wait(
            (up, down), return_when=asyncio.FIRST_EXCEPTION)
        for t in pending:
            t.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for t in done:
            x = None if t.cancelled() else t.exception()
            if isinstance(x, ConnectionError) or (
                    isinstance(x, OSError) and x.errno == errno.ENOTCONN):
                how = "reset (%s)" % (errno.errorcode.get(x.errno) or x)
            elif x:
                how = "error: %r" % x
    except asyncio.CancelledError:
        how = "stopped"
        for t in (up, down):
            t.cancel()
        await asyncio.gather(up, down, return_exceptions=True)
        raise
    finally:
        if how == "closed":
            for w in (cwriter, swriter):
                w.close()
            for w in (cwriter, swriter):
                try:
                    await w.wait_closed()
                except (ConnectionError, OSError):
                    pass
        else:
            abort(cwriter)
            abort(swriter)
        if args.log:
            with open(args.log, "a") as f:
                f.write("connection at %.6f for %.3f s: up %d chunks %d "
                        "bytes, down %d chunks %d bytes, %d turns, %s\n" % (
                            began, loop.time() - t0, stats.chunks["up"],
                            stats.bytes["up"], stats.chunks["down"],
                            stats.bytes["down"], stats.turns, how))


async def main(args):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    conns = set()

    async def accepted(r, w):
        t = asyncio.current_task()
        conns.add(t)
        try:
            await handle(args, r, w)
        except asyncio.CancelledError:
            # Stopping. Not raised again: a connection task that ends
            # cancelled makes Python 3.11's asyncio log a traceback.
            abort(w)
        finally:
            conns.discard(t)

    server = await asyncio.start_server(accepted, HOST, 0)
    port = server.sockets[0].getsockname()[1]
    # Written whole, then renamed: a reader never sees half a number.
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.replace(tmp, args.port_file)
    await stop.wait()
    server.close()
    for t in list(conns):
        t.cancel()
    await asyncio.gather(*conns, return_exceptions=True)
    await server.wait_closed()


def parse():
    p = argparse.ArgumentParser(description="a delaying TCP proxy on "
                                "127.0.0.1 (bench/slowlink.sh)")
    p.add_argument("--target", type=int, required=True,
                   help="port on 127.0.0.1 to relay to")
    p.add_argument("--delay-ms", type=float, required=True,
                   help="one-way delay in ms (the round trip is twice it)")
    p.add_argument("--port-file", required=True,
                   help="where the listening port is written")
    p.add_argument("--log", help="a line per connection appended here")
    args = p.parse_args()
    if not 0 < args.target < 65536 or args.delay_ms < 0:
        p.error("a port in 1..65535 and a delay >= 0, please")
    return args


if __name__ == "__main__":
    try:
        asyncio.run(main(parse()))
    except KeyboardInterrupt:
        pass
