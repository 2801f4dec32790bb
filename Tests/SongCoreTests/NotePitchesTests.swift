import Foundation
import Testing
@testable import SongCore

/// A note's pitches hold one pitch inline and a chord's in an array; either way they behave as the array they
/// replace: the same order, equality, hashing, JSON and changes.
@Suite struct NotePitchesTests {
    static let c4 = Pitch(.c, octave: 4), e4 = Pitch(.e, octave: 4), g4 = Pitch(.g, octave: 4)

    @Test func oneAndManyReadAsTheirArrays() {
        for pitches in [[Self.c4], [Self.c4, Self.e4], [Self.c4, Self.e4, Self.g4], []] {
            let held = NotePitches(pitches)
            #expect(Array(held) == pitches)
            #expect(held.count == pitches.count && held.first == pitches.first && held.isEmpty == pitches.isEmpty)
            #expect(held.map(\.midiNumber) == pitches.map(\.midiNumber))
        }
        #expect(NotePitches(Self.c4) == [Self.c4])
    }

    /// However a list was reached (made whole, grown by appending, made one by one), equal lists are equal and hash
    /// alike, and different ones differ.
    @Test func equalityAndHashingFollowThePitchesNotTheStorage() {
        var grown = NotePitches(Self.c4)
        grown.append(Self.e4)
        #expect(grown == NotePitches([Self.c4, Self.e4]))
        #expect(grown.hashValue == NotePitches([Self.c4, Self.e4]).hashValue)
        var fromEmpty = NotePitches([])
        fromEmpty.append(Self.g4)
        #expect(fromEmpty == NotePitches(Self.g4) && fromEmpty.hashValue == NotePitches(Self.g4).hashValue)
        #expect(NotePitches([Self.c4, Self.e4]) != NotePitches([Self.e4, Self.c4]))
        #expect(NotePitches(Self.c4) != NotePitches([Self.c4, Self.c4]))
        #expect(Set([grown, NotePitches([Self.c4, Self.e4]), NotePitches(Self.c4)]).count == 2)
    }

    @Test func changesLandWhereAsked() {
        var one = NotePitches(Self.c4)
        one[0] = Self.g4
        #expect(one == [Self.g4])
        var chord: NotePitches = [Self.c4, Self.e4, Self.g4]
        let copy = chord
        chord[1] = Self.c4
        #expect(chord == [Self.c4, Self.c4, Self.g4])
        #expect(copy == [Self.c4, Self.e4, Self.g4], "a copy keeps its own pitches")
        let up = chord.map { $0.transposed(by: Interval(steps: 1, semitones: 2)) }
        #expect(up == [Pitch(.d, octave: 4), Pitch(.d, octave: 4), Pitch(.a, octave: 4)])
    }

    /// JSON is the array of pitches it always was, so stored songs read and write unchanged.
    @Test func jsonIsAnArrayOfPitches() throws {
        for pitches in [[Self.c4], [Self.c4, Self.e4]] {
            let ours = try JSONEncoder().encode(NotePitches(pitches))
            #expect(ours == (try JSONEncoder().encode(pitches)))
            #expect(try JSONDecoder().decode(NotePitches.self, from: ours) == NotePitches(pitches))
        }
    }
}
