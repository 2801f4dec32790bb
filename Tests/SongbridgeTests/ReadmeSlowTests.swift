import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SongTesting
import Testing

/// Runs every command the README shows in its `console` blocks and checks the output it shows.
@Suite struct ReadmeSlowTests {
    struct Example: Sendable, CustomStringConvertible {
        var command: [String]
        var status: Int32
        var expected: [String]
        var description: String { command.joined(separator: " ") }
    }

    static let examples: [Example] = {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        var examples: [Example] = []
        var inConsole = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inConsole = line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                var text = String(line.dropFirst(2))
                var status: Int32 = 0
                if let hash = text.range(of: "# exits ") {
                    status = Int32(text[hash.upperBound...].trimmingCharacters(in: .whitespaces)) ?? 0
                    text = String(text[..<hash.lowerBound])
                }
                examples.append(Example(command: ReadmeSlowTests.words(text), status: status, expected: []))
            } else if !examples.isEmpty, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                examples[examples.count - 1].expected.append(String(line))
            }
        }
        return examples
    }()

    /// Splits a command line as a shell would for the README's examples: spaces, and double quotes around a word.
    static func words(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false, any = false
        for c in line {
            if c == "\"" { quoted.toggle(); any = true; continue }
            if c == " " && !quoted {
                if any { out.append(current) }
                current = ""
                any = false
                continue
            }
            current.append(c)
            any = true
        }
        if any { out.append(current) }
        return out
    }

    @Test func commandLinesSplitLikeAShell() {
        #expect(Self.words(#"songbridge contributor add --name "Mair Lewis" --id c1 "#) == ["songbridge", "contributor", "add", "--name", "Mair Lewis", "--id", "c1"])
    }

    @Test func theReadmeShowsExamplesAndBothMakeCommands() {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        #expect(Self.examples.count >= 5)
        #expect(readme.contains("make run") && readme.contains("make test"))
    }

    @Test func everyExampleRunsAsShown() async throws {
        // The examples run in a scratch folder that sees the repository's Songs/ and Tests/, so files they write stay out of the tree.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for folder in ["Songs", "Tests"] {
            try FileManager.default.createSymbolicLink(at: scratch.appendingPathComponent(folder), withDestinationURL: Fixtures.root.appendingPathComponent(folder))
        }
        for example in Self.examples {
            #expect(example.command.first == "songbridge", "\(example)")
            let result = try await CommandRunner.songbridge(Array(example.command.dropFirst()), in: scratch)
            #expect(result.status == example.status, "\(example): exit \(result.status)\n\(result.stderr)")
            let output = (result.stdout + "\n" + result.stderr).split(separator: "\n").map(String.init)
            for line in example.expected {
                // The line as shown, or the same words with the indentation (and a JSON comma) the README leaves out.
                let shown = line.trimmingCharacters(in: .whitespaces)
                let found = output.contains { out in
                    let trimmed = out.trimmingCharacters(in: .whitespaces)
                    return out == line || trimmed == shown || trimmed == shown + ","
                }
                #expect(found, "\(example): missing line \"\(line)\" in\n\(output.joined(separator: "\n"))")
            }
        }
    }

    /// Every `songbridge` line of the README's `sh` blocks, without its comment: too slow or too open-ended to run
    /// as a console example, so each is checked as far as it can be without running it for ever.
    static let shellLines: [[String]] = {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        var lines: [[String]] = []
        var inShell = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShell = line == "```sh"
                continue
            }
            guard inShell, line.hasPrefix("songbridge ") else { continue }
            let command = line.range(of: " #").map { String(line[..<$0.lowerBound]) } ?? String(line)
            lines.append(words(command))
        }
        return lines
    }()

    @Test func everyShellLineNamesACommandAndOptionsThatExist() async throws {
        #expect(Self.shellLines.count >= 2)
        for line in Self.shellLines {
            // The subcommand is the words before the first option; its help must list every option the line uses.
            let path = Array(line.dropFirst().prefix { !$0.hasPrefix("-") })
            let help = try await CommandRunner.songbridge(path + ["--help"])
            #expect(help.status == 0, "\(line.joined(separator: " ")): \(help.stderr)")
            for option in line where option.hasPrefix("--") {
                #expect(help.stdout.contains(option), "\(line.joined(separator: " ")): \(option) is not an option of songbridge \(path.joined(separator: " "))")
            }
        }
    }

    @Test func everyServeLineStartsAnswersAndStops() async throws {
        let serves = Self.shellLines.filter { $0.dropFirst().first == "serve" }
        #expect(serves.count >= 2)
        for line in serves {
            // As the README has it, on a scratch copy of the demo archive (with a token made first, as the README
            // says to before serving beyond loopback), on a free port.
            var arguments = Array(line.dropFirst(2))
            if let at = arguments.firstIndex(of: "--archive") { arguments.removeSubrange(at...min(at + 1, arguments.count - 1)) }
            // With --tls, an authority made as the README says, in a scratch folder, and a client that trusts it alone.
            let authority = FileManager.default.temporaryDirectory.appendingPathComponent("readme-ca-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: authority) }
            if arguments.contains("--tls") {
                if let at = arguments.firstIndex(of: "--authority") { arguments.removeSubrange(at...min(at + 1, arguments.count - 1)) }
                #expect(try await CommandRunner.songbridge(["cert", "create", "--folder", authority.path]).status == 0)
                arguments += ["--authority", authority.path]
            }
            let server = try await ServeProcess(arguments: arguments) { archive in
                if arguments.contains("--host") { _ = try await CommandRunner.songbridge(["token", "create", "--label", "README", "--archive", archive]) }
            }
            defer { server.stop() }
            if arguments.contains("--tls") {
                #expect(server.base.scheme == "https")
                let curl = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/curl"), ["-sS", "--fail", "--cacert", authority.appendingPathComponent("songbridge-ca.pem").path,
                                                                                        server.base.appendingPathComponent("api/v1/stops").absoluteString], in: authority.deletingLastPathComponent())
                #expect(curl.status == 0 && curl.stdout.hasPrefix("["), "\(line.joined(separator: " ")): \(curl.stderr)")
                continue
            }
            let (data, response) = try await URLSession.shared.data(from: server.base.appendingPathComponent("api/v1/stops"))
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(line.joined(separator: " ")): \(String(decoding: data, as: UTF8.self).prefix(200))")
        }
    }

    /// Every `make` target the README shows exists, and make can plan it (`make -n`: nothing is run). The targets
    /// themselves run in CI (`make test`) or by hand (`make bench`, `make corpus`, `make install`).
    @Test func everyMakeTargetTheReadmeShowsExists() async throws {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        let targets = Set(readme.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ").map(String.init).filter { $0 != "sudo" }
            guard words.first == "make", words.count > 1, !words[1].hasPrefix("#") else { return nil }
            return words[1]
        })
        #expect(targets.isSuperset(of: ["run", "test", "doctor", "install", "bench", "corpus", "fuzz"]), "\(targets.sorted())")
        for target in targets.sorted() {
            let planned = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/make"), ["-n", target, "PREFIX=/tmp/songbridge-readme-prefix"], in: Fixtures.root)
            #expect(planned.status == 0, "make \(target): \(planned.stderr)")
        }
    }
}
