#!/usr/bin/env python3
"""Load on loopback: N requests at once against a running Songbridge server, with renders in flight.

    scripts/load-test.py BASE_URL ARCHIVE.sqlite [REQUESTS=1000]

Every request has its own connection, and all are opened together (asyncio, plain HTTP/1.1 over sockets), so
the server really holds N requests at once. The mix: a third POST a contribution (each with its own words), some
ask for renders (ten kinds, so ten render jobs run while the rest arrive), the others read: the song list, a song,
its page, a search, its versions. Then it checks, in the SQLite file itself, that every contribution the server
acknowledged is there, once. Prints one summary line per kind; exits 1 on any error or lost contribution.
"""
import asyncio, json, sqlite3, sys, time, urllib.parse

base, archive = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
url = urllib.parse.urlparse(base)
host, port = url.hostname, url.port
run_id = str(int(time.time() * 1000))


async def request(method, path, body=None):
    """One request on its own connection: (status, body bytes, seconds)."""
    start = time.perf_counter()
    data = b"" if body is None else json.dumps(body).encode()
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\nContent-Length: {len(data)}\r\n"
    if body is not None:
        head += "Content-Type: application/json\r\n"
    for attempt in range(5):
        try:
            reader, writer = await asyncio.open_connection(host, port)
            break
        except OSError:
            # The listen queue was full for a moment: a real client tries again.
            await asyncio.sleep(0.05 * (attempt + 1))
    else:
        return 0, b"could not connect", time.perf_counter() - start
    writer.write(head.encode() + b"\r\n" + data)
    await writer.drain()
    raw = await reader.read()
    writer.close()
    status_line, _, rest = raw.partition(b"\r\n")
    _, _, payload = rest.partition(b"\r\n\r\n")
    status = int(status_line.split()[1]) if status_line.startswith(b"HTTP/") else 0
    return status, payload, time.perf_counter() - start


async def main():
    status, body, _ = await request("GET", "/api/v1/songs?q=tide%20comes")
    songs = json.loads(body)
    song = next(s["id"] for s in songs if s["title"] == "The Tide Comes In")
    plan = []
    for n in range(count):
        if n % 3 == 0:
            plan.append(("contribution", "POST", f"/api/v1/songs/{song}/contributions",
                         {"by": ["c-mh01"], "kind": "lyrics", "payload": f"load {run_id} line {n} by the [G]sea", "section": "Verse 2"}))
        elif n % 20 == 1:
            plan.append(("render", "POST", f"/api/v1/songs/{song}/renders", {"format": "flac", "style": "basic", "tempoScale": 0.8 + (n % 10) * 0.02}))
        else:
            reads = ["/api/v1/songs", f"/api/v1/songs/{song}", f"/songs/{song}", "/api/v1/songs?q=harbour", f"/api/v1/songs/{song}/versions", "/"]
            plan.append(("read", "GET", reads[n % len(reads)], None))
    start = time.perf_counter()
    results = await asyncio.gather(*(request(m, p, b) for _, m, p, b in plan))
    wall = time.perf_counter() - start

    failed = 0
    acknowledged = []
    for kind in ("read", "contribution", "render"):
        mine = [(r, step) for r, step in zip(results, plan) if step[0] == kind]
        ok = [r for r, _ in mine if 200 <= r[0] < 300]
        bad = [(r[0], r[1][:120]) for r, _ in mine if not 200 <= r[0] < 300]
        times = sorted(r[2] for r, _ in mine)
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else 0
        print(f"{kind:13} {len(mine):5} sent  {len(ok):5} ok  {len(bad):3} errors  p50 {times[len(times) // 2] * 1000:7.0f} ms  p99 {p99 * 1000:7.0f} ms")
        for status, text in bad[:5]:
            print(f"   {status}: {text!r}")
        failed += len(bad)
        if kind == "contribution":
            acknowledged = [json.loads(r[1])["id"] for r, _ in mine if r[0] == 201]
    db = sqlite3.connect(archive)
    stored = {row[0] for row in db.execute("SELECT id FROM contribution WHERE payload LIKE ?", (f"load {run_id} %",))}
    lost = [i for i in acknowledged if i not in stored]
    print(f"{count} requests at once in {wall:.2f} s; {len(acknowledged)} contributions acknowledged, "
          f"{len(stored)} in the archive, {len(lost)} lost")
    return 1 if failed or lost or len(stored) != len(acknowledged) else 0

sys.exit(asyncio.run(main()))
