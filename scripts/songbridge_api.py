"""The few calls the server benchmarks make to a running `songbridge serve` (scripts/bench-server.sh): JSON in and
out, a render followed until it is done, and the first bytes of a render's stream."""
import json, time, urllib.request

class Server:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            return json.load(r)

    def until_done(self, job, pause, deadline=None):
        """Asks about a render every `pause` seconds until it is no longer queued or rendering (or `deadline`)."""
        while job["status"] in ("queued", "rendering") and (deadline is None or time.time() < deadline):
            time.sleep(pause)
            job = self.call("GET", f"/api/v1/renders/{job['id']}")
        return job

    def first_sound(self, job, frames=2048):
        """The header and the first `frames` frames of a render's stream; then the listener hangs up."""
        with urllib.request.urlopen(self.base + job["stream"]) as r:
            return r.read(44 + frames * 4)

    def copies_of_the_tide(self):
        """The benchmark's copies of The Tide Comes In, title to id."""
        with urllib.request.urlopen(self.base + "/api/v1/songs?limit=200&q=tide%20comes%20run") as r:
            return {s["title"]: s["id"] for s in json.load(r)}
