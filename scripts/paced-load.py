#!/usr/bin/env python3
"""An open-loop load generator: requests one path at a fixed rate (not "as fast as the answers come", as wrk's
closed loop does), each timed from the moment it was due to be sent to the end of its answer, so a slow answer
shows in the figures instead of slowing the load down (what Gil Tene calls coordinated omission; wrk2 is the usual
tool, and Debian does not have it). Keep-alive connections, as many as the load needs (up to 256).

    paced-load.py BASE RATE SECONDS PATH...   prints one JSON object per path: sent, errors, p50, p90, p99, max (ms)

A PATH written @FILE stands for the paths in FILE, one a line, asked in turn (so a server's kept answers are
measured apart from the work of making one: give as many different paths as requests).
"""
import asyncio, json, sys, time

async def fetch(reader, writer, host, path):
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    fields = {l.split(":", 1)[0].strip().lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
    if "content-length" in fields:
        await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, fields.get("connection", "").lower() != "close"

async def run(base, rate, seconds, path):
    paths = [path]
    if path.startswith("@"):
        with open(path[1:]) as f:
            paths = [line.strip() for line in f if line.strip()]
    host, port = base.split("//")[1].split(":")
    port = int(port.rstrip("/"))
    idle, latencies, errors, opened = [], [], 0, 0
    start = time.perf_counter() + 0.05
    total = int(rate * seconds)

    async def one(due, path):
        nonlocal errors, opened
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        connection = None
        try:
            if idle:
                connection = idle.pop()
            else:
                if opened >= 256:
                    raise RuntimeError("more than 256 connections")
                opened += 1
                connection = await asyncio.open_connection(host, port)
            status, keep = await fetch(*connection, f"{host}:{port}", path)
            latencies.append((time.perf_counter() - due) * 1000)
            if status >= 400:
                errors += 1
            if keep:
                idle.append(connection)
            else:
                connection[1].close()
        except Exception:
            errors += 1
            if connection:
                connection[1].close()

    await asyncio.gather(*(one(start + i / rate, paths[i % len(paths)]) for i in range(total)))
    for reader, writer in idle:
        writer.close()
    latencies.sort()
    def at(p):
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))], 2) if latencies else None
    return {"path": path, "rate": rate, "sent": total, "errors": errors, "connections": opened,
            "p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": round(latencies[-1], 2) if latencies else None}

if __name__ == "__main__":
    base, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    for path in sys.argv[4:]:
        print(json.dumps(asyncio.run(run(base, rate, seconds, path))), flush=True)
