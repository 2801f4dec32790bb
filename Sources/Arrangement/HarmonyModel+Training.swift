import Foundation
import SongCore

extension HarmonyModel {
    /// What tunes with chords show, counted: the material a model is made from (`model`). Each tune's slots are
    /// labelled with the chord sounding where the slot starts.
    public struct Counts: Sendable {
        /// Per family: how often each chord (`Degree.number`) labels a slot, starts a tune, follows another
        /// ([within bar 0 / across 1][from][to]), and stands at each phrase place.
        var used = [[Double]](repeating: [Double](repeating: 0, count: 36), count: 2)
        var starts = [[Double]](repeating: [Double](repeating: 0, count: 36), count: 2)
        var changes = [[[[Double]]]](repeating: [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 36), count: 36), count: 2), count: 2)
        var places = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 36), count: HarmonySlot.PhrasePlace.allCases.count), count: 2)
        /// Per family, sung time (weighted) at each interval above the tonic, by chord: [chord][strong][interval].
        var heardInKey = [[[[Double]]]](repeating: [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 12), count: 2), count: 36), count: 2)
        /// Sung time (weighted) at each interval above the chord's root: [triad][strong][interval].
        var heard = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 12), count: 2), count: 3)
        /// How many tunes were counted.
        public private(set) var tunes = 0

        public init() {}

        /// Counts `melody`'s chords, if it has any and a meter.
        public mutating func add(_ melody: Melody) {
            let line = HarmonyComparison.timeline(melody)
            guard !line.isEmpty else { return }
            let slots = HarmonySlot.slots(of: melody)
            let family = Family(melody.key.mode).rawValue
            let tonic = melody.key.tonic.pitchClass
            var previous: Int?
            var next = 0
            var sounding: Chord?
            var counted = false
            for slot in slots {
                while next < line.count, line[next].0 <= slot.start { sounding = line[next].1; next += 1 }
                guard let chord = sounding else { continue }
                let degree = Degree(chord, in: melody.key)
                let d = degree.number
                used[family][d] += 1
                places[family][slot.place.rawValue][d] += 1
                if let p = previous { changes[family][slot.secondHalf ? 0 : 1][p][d] += 1 } else { starts[family][d] += 1 }
                previous = d
                counted = true
                for h in slot.heard {
                    let interval = ((h.pitchClass - tonic - degree.interval) % 12 + 12) % 12
                    heard[degree.triad.rawValue][h.strong ? 1 : 0][interval] += h.weight
                    heardInKey[family][d][h.strong ? 1 : 0][(interval + degree.interval) % 12] += h.weight
                }
            }
            if counted { tunes += 1 }
        }

        /// The model these counts give. A family uses the chords that label at least `share` of its slots (and
        /// always its tonic); probabilities are smoothed towards how often each chord is used (`smoothing` slots'
        /// worth), so a change never seen is unlikely but possible.
        public func model(share: Double = 0.004, smoothing: Double = 3, heardSmoothing: Double = 80, heardScale: Double = 1, placeScale: Double = 1) -> HarmonyModel {
            // The share of sung time at each interval above a chord's root, by triad and beat: what every chord of a
            // triad is smoothed towards.
            let shared = heard.map { byStrength in
                byStrength.map { row in
                    let n = row.reduce(0, +)
                    return row.map { ($0 + 1) / (n + 12) }
                }
            }
            let families = Family.allCases.map { family -> Tables in
                let f = family.rawValue
                let total = used[f].reduce(0, +)
                let tonic = Degree(interval: 0, triad: family == .major ? .major : .minor).number
                let chords = (0..<36).filter { $0 == tonic || (total > 0 && used[f][$0] >= max(2, share * total)) }
                let usedTotal = chords.reduce(0) { $0 + used[f][$1] }
                let prior = chords.map { (used[f][$0] + 0.5) / (usedTotal + 0.5 * Double(chords.count)) }
                func smoothed(_ row: [Double]) -> [Double] {
                    let n = chords.reduce(0) { $0 + row[$1] }
                    return chords.indices.map { log((row[chords[$0]] + smoothing * prior[$0]) / (n + smoothing)) }
                }
                let change = (0..<2).map { t in chords.map { from in smoothed(changes[f][t][from]) } }
                let place = HarmonySlot.PhrasePlace.allCases.map { p in
                    p == .inside ? [Double](repeating: 0, count: chords.count)
                        : zip(smoothed(places[f][p.rawValue]), prior).map { $0 - log($1) }
                }
                let heard = chords.map { d -> [[Double]] in
                    let degree = Degree(number: d)
                    return (0..<2).map { strong in
                        let row = heardInKey[f][d][strong]
                        let n = row.reduce(0, +)
                        return (0..<12).map { i in
                            let base = shared[degree.triad.rawValue][strong][((i - degree.interval) % 12 + 12) % 12]
                            return log((row[i] + heardSmoothing * base) / (n + heardSmoothing))
                        }
                    }
                }
                return Tables(chords: chords, start: smoothed(starts[f]), change: change, place: place, heard: heard)
            }
            return HarmonyModel(families: families, heardScale: heardScale, placeScale: placeScale)
        }
    }

    /// The model as Swift source, for `HarmonyModel+Learned.swift`: `header` is its doc comment's text.
    public func swiftSource(header: String) -> String {
        func list(_ values: [Double]) -> String { "[" + values.map { String(format: "%.3f", $0) }.joined(separator: ", ") + "]" }
        var out = "// Written by `songbridge-dev harmony --write`; do not edit by hand.\nimport SongCore\n\nextension HarmonyModel {\n"
        out += header.split(separator: "\n", omittingEmptySubsequences: false).map { "    /// " + $0 }.joined(separator: "\n").replacingOccurrences(of: "///  \n", with: "///\n") + "\n"
        out += "    public static let learned = HarmonyModel(\n        families: [\n"
        for t in families {
            out += "            Tables(\n                chords: [" + t.chords.map(String.init).joined(separator: ", ") + "],\n"
            out += "                start: \(list(t.start)),\n"
            out += "                change: [\n" + t.change.map { "                    [\n" + $0.map { "                        " + list($0) }.joined(separator: ",\n") + "\n                    ]" }.joined(separator: ",\n") + "\n                ],\n"
            out += "                place: [\n" + t.place.map { "                    " + list($0) }.joined(separator: ",\n") + "\n                ],\n"
            out += "                heard: [\n" + t.heard.map { "                    [" + $0.map(list).joined(separator: ", ") + "]" }.joined(separator: ",\n") + "\n                ]\n            ),\n"
        }
        out += "        ],\n"
        out += "        heardScale: \(heardScale), placeScale: \(placeScale)\n    )\n}\n"
        return out
    }
}
