import Foundation
import SongTesting
import Testing
@testable import SongServer

/// A device on the room's network that opens connections and never finishes a request (slowloris) does not keep
/// them: the server closes each after its idle time, and answers everyone else meanwhile.
@Suite struct IdleConnectionTests {
    @Test func connectionsThatNeverFinishARequestAreClosedAndOthersAreServed() async throws {
        let server = try await LiveServer(idleTimeout: 1, prepare: ServerTests.demoArchive)
        defer { server.stop() }
        // Python's sockets, over real TCP: 200 connections each send half a request head, one byte more a little
        // later (a slow sender's trickle), and then nothing.
        let script = """
            import select, socket, sys, time, http.client
            port = int(sys.argv[1])
            held = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(200)]
            for s in held: s.sendall(b"GET /api/v1/stops HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n")
            time.sleep(0.5)
            for s in held: s.sendall(b"X")
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/api/v1/stops")
            served = c.getresponse().status
            # A socket the server closed reads as ready, with nothing (or a reset); one still open is not ready.
            # Watched for up to 180 s: the idle time is 1 s, but in a full test run the tests beside this one keep the
            # process's threads busy (this test once took 126 s there, and saw none closed within 15 s; once, with a
            # benchmark running beside the suite, 93 of 200 within 60 s). An unloaded run sees all within 2 s.
            open_ = list(held)
            closed = 0
            deadline = time.time() + 180
            while open_ and time.time() < deadline:
                ready, _, _ = select.select(open_, [], [], 0.5)
                for s in ready:
                    try:
                        data = s.recv(100)
                    except ConnectionResetError:
                        data = b""
                    if data == b"":
                        closed += 1
                        open_.remove(s)
            print(served, closed)
            """
        let result = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, String(server.base.port ?? 0)], in: server.folder)
        #expect(result.status == 0, "\(result.stderr)")
        let figures = result.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(figures == [200, 200], "served, then closed: \(result.stdout)")
    }
}
