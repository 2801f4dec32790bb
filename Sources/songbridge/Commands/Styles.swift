import ArgumentParser
import Arrangement
import Foundation

/// `songbridge styles`: the arrangement styles, with their meters and a line about each.
struct Styles: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "styles", 
        abstract: "List the arrangement styles (shipped, and your own in $SONGBRIDGE_STYLES or ~/.config/songbridge/styles).")

    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var name: String
        var meter: String
        var tempo: Double?
        var about: String
        var file: String?
    }

    func run() throws {
        let styles: [any ArrangementStyle]
        do { styles = try StyleLibrary.all() } catch {
            printError("songbridge: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let rows = styles.map { s in
            Row(name: s.name, meter: s.styleDefinition?.meterSummary ?? "any", tempo: s.styleDefinition?.tempo, about: s.summary, file: s.styleDefinition?.file)
        }
        if json { print(try JSONOutput.string(rows)); return }
        for r in rows {
            print("\(r.name.padded(to: 13)) \(r.meter.padded(to: 26)) \(r.about)")
        }
    }
}
