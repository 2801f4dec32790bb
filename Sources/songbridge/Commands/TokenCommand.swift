import ArgumentParser
import Foundation
import SongArchive

/// `songbridge token create|list|revoke`: facilitator tokens for tablets that reach the server over the network.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Facilitator tokens: what a tablet needs to add lines when the server listens beyond this machine.",
        subcommands: [Create.self, ListTokens.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Make a token; prints its number, then the token (shown once: only its hash is kept).")
        @OptionGroup var store: ArchiveOption
        @Option(help: "Whose or which device's it is, e.g. \"Sam's tablet\".") var label: String
        func run() throws {
            let archive = try store.open("token create")
            let made = try archive.createToken(label: label)
            print(made.id)
            print(made.token)
        }
    }

    struct ListTokens: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The tokens made: number, label, made, revoked (never the tokens).")
        @OptionGroup var store: ArchiveOption
        func run() throws {
            let archive = try store.open("token list")
            for t in try archive.tokens() {
                print("\(t.id)\t\(t.label)\t\(t.createdAt)\t\(t.revokedAt.map { "revoked \($0)" } ?? "active")")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its number; it stops working at once.")
        @OptionGroup var store: ArchiveOption
        @Argument(help: "The token's number (see token list).") var id: Int64
        func run() throws {
            let archive = try store.open("token revoke")
            try archive.revokeToken(id)
        }
    }
}
