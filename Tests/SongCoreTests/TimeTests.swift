import Testing
@testable import SongCore

@Suite struct DurationTests {
    @Test func arithmeticIsExact() {
        #expect(NoteLength(1, 8) + NoteLength(1, 8) == .quarter)
        #expect(NoteLength(3, 8) - NoteLength(1, 4) == .eighth)
        #expect(NoteLength(2, 4) == .half)
        #expect(NoteLength(3, 2) * NoteLength(1, 8) == NoteLength(3, 16))
        #expect(NoteLength(1, 4) / NoteLength(1, 8) == NoteLength(2))
        #expect(NoteLength(1, 3) > NoteLength(1, 4))
    }

    /// Euclid's greatest common divisor, by remainders: the oracle for the quick binary one and its power-of-two way.
    static func euclid(_ a: Int, _ b: Int) -> Int { b == 0 ? a : euclid(b, a % b) }

    @Test func theQuickGreatestCommonDivisorIsEuclids() {
        for a in 0...300 {
            for b in 0...300 { #expect(NoteLength.gcd(a, b) == Self.euclid(a, b), "gcd(\(a), \(b))") }
        }
        for k in 0..<40 { #expect(NoteLength.gcd(3 << k, 1 << 39) == 1 << k) }
    }

    /// Sums, differences and products, by the quick ways for power-of-two denominators and the general way for the
    /// rest, agree with cross-multiplying in wide integers: the same value, in lowest terms, with a positive
    /// denominator (lowest terms judged by Euclid's divisor, not the code under test).
    @Test func arithmeticAgreesWithCrossMultiplication() {
        let denominators = [1, 2, 4, 8, 16, 32, 64, 3, 6, 12, 24, 5, 7, 9]
        let lengths = denominators.flatMap { d in (-20...20).map { NoteLength($0, d) } }
        for a in lengths {
            for b in lengths {
                let product = (a.numerator * b.numerator, a.denominator * b.denominator)
                for (result, n, d, sign) in [
                    (a + b, a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator, "+"),
                    (a - b, a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator, "-"),
                    (a * b, product.0, product.1, "×"),
                ] {
                    #expect(result.numerator * d == n * result.denominator, "\(a) \(sign) \(b) = \(result)")
                    #expect(result.denominator > 0 && Self.euclid(abs(result.numerator), result.denominator) == (result.numerator == 0 ? result.denominator : 1),
                            "\(a) \(sign) \(b) = \(result) is in lowest terms")
                }
            }
        }
    }

    @Test func aThousandBarsOfTripletsAddUpExactly() {
        // 1,000 bars of 4/4 in eighth-note triplets: 12,000 notes of 1/12.
        var total = NoteLength.zero
        for _ in 0..<12_000 { total += NoteLength(1, 12) }
        #expect(total == NoteLength(1000))
        // The same sum in Double drifts.
        var floating = 0.0
        for _ in 0..<12_000 { floating += 1.0 / 12.0 }
        #expect(floating != 1000.0)
    }

    @Test func codableAsAFraction() throws {
        let data = try JSONEncoder().encode([NoteLength(3, 8)])
        #expect(String(decoding: data, as: UTF8.self) == "[\"3\\/8\"]" || String(decoding: data, as: UTF8.self) == "[\"3/8\"]")
        #expect(try JSONDecoder().decode([NoteLength].self, from: data) == [NoteLength(3, 8)])
    }
}

@Suite struct MeterTests {
    @Test(arguments: [("2/4", 2, 4), ("3/4", 3, 4), ("4/4", 4, 4), ("6/8", 6, 8), ("9/8", 9, 8), ("12/8", 12, 8), ("5/4", 5, 4), ("C", 4, 4), ("C|", 2, 2), ("2+3/8", 5, 8)])
    func readsMeters(text: String, beats: Int, unit: Int) throws {
        let m = try #require(Meter(text))
        #expect(m.beats == beats && m.beatUnit == unit)
        #expect(Meter(m.description) == m)
        #expect(m.barLength == NoteLength(beats, unit))
    }

    @Test func compoundMetersCountDottedBeats() {
        #expect(Meter("6/8")!.isCompound)
        #expect(Meter("6/8")!.pulse == NoteLength(3, 8))
        #expect(!Meter("3/4")!.isCompound)
        #expect(Meter("none")!.barLength == nil)
        #expect(Meter("7/0") == nil)
        #expect(Meter("x/4") == nil)
    }

    @Test func tempoSeconds() {
        let t = Tempo(120)
        #expect(t.seconds(for: .whole) == 2.0)
        #expect(Tempo(60, beat: NoteLength(3, 8)).seconds(for: NoteLength(3, 4)) == 2.0)
    }
}

import Foundation
