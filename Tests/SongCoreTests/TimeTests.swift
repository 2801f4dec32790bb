import Testing
@testable import SongCore

@Suite struct DurationTests {
    @Test func arithmeticIsExact() {
        #expect(Duration(1, 8) + Duration(1, 8) == .quarter)
        #expect(Duration(3, 8) - Duration(1, 4) == .eighth)
        #expect(Duration(2, 4) == .half)
        #expect(Duration(3, 2) * Duration(1, 8) == Duration(3, 16))
        #expect(Duration(1, 4) / Duration(1, 8) == Duration(2))
        #expect(Duration(1, 3) > Duration(1, 4))
    }

    @Test func aThousandBarsOfTripletsAddUpExactly() {
        // 1,000 bars of 4/4 in eighth-note triplets: 12,000 notes of 1/12.
        var total = Duration.zero
        for _ in 0..<12_000 { total += Duration(1, 12) }
        #expect(total == Duration(1000))
        // The same sum in Double drifts.
        var floating = 0.0
        for _ in 0..<12_000 { floating += 1.0 / 12.0 }
        #expect(floating != 1000.0)
    }

    @Test func codableAsAFraction() throws {
        let data = try JSONEncoder().encode([Duration(3, 8)])
        #expect(String(decoding: data, as: UTF8.self) == "[\"3\\/8\"]" || String(decoding: data, as: UTF8.self) == "[\"3/8\"]")
        #expect(try JSONDecoder().decode([Duration].self, from: data) == [Duration(3, 8)])
    }
}

@Suite struct MeterTests {
    @Test(arguments: [("2/4", 2, 4), ("3/4", 3, 4), ("4/4", 4, 4), ("6/8", 6, 8), ("9/8", 9, 8), ("12/8", 12, 8), ("5/4", 5, 4), ("C", 4, 4), ("C|", 2, 2), ("2+3/8", 5, 8)])
    func readsMeters(text: String, beats: Int, unit: Int) throws {
        let m = try #require(Meter(text))
        #expect(m.beats == beats && m.beatUnit == unit)
        #expect(Meter(m.description) == m)
        #expect(m.barLength == Duration(beats, unit))
    }

    @Test func compoundMetersCountDottedBeats() {
        #expect(Meter("6/8")!.isCompound)
        #expect(Meter("6/8")!.pulse == Duration(3, 8))
        #expect(!Meter("3/4")!.isCompound)
        #expect(Meter("none")!.barLength == nil)
        #expect(Meter("7/0") == nil)
        #expect(Meter("x/4") == nil)
    }

    @Test func tempoSeconds() {
        let t = Tempo(120)
        #expect(t.seconds(for: .whole) == 2.0)
        #expect(Tempo(60, beat: Duration(3, 8)).seconds(for: Duration(3, 4)) == 2.0)
    }
}

import Foundation
