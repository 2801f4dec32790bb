/// The smoothed pitch track: a hidden Markov model over pitch bins a quarter-tone apart plus one unvoiced state,
/// decoded by Viterbi (as pYIN's second stage does). Pitch moves smoothly from frame to frame (at most three
/// semitones, nearer more likely); voicing changes rarely; a frame's candidates are its evidence, and what its
/// candidates leave over is evidence for silence or breath, weaker where the frame is as loud as the take's notes.
struct PitchPath {
    /// Bins: MIDI 35 (62 Hz) to 97 (2,217 Hz), four to a semitone.
    static let lowestCents = 3_500.0, binCents = 25.0, binCount = 62 * 4
    /// The widest step between neighbouring frames, in bins (three semitones).
    static let reach = 12
    /// A frame at least this share of the median loudness of the take's clearly pitched frames (whose candidates
    /// hold half the probability or more) is sounding: a note is there even where its pitch is unclear (a choir's
    /// overlapping notes, a voice in noise), so what its candidates leave over is weighed by `soundingUnvoiced` as
    /// evidence for silence. On `make bench-capture`: 10 dB SNR 0.849 → 0.927, Choir Aahs 0.677 → 0.720, nothing
    /// else moving by more than 0.004; a weight of 0.25 gained less on the choir (0.702) and lost on reverb.
    static let soundingShare: Float = 0.5
    static let soundingUnvoiced = 0.5

    /// For each frame, the pitch in cents, or nil where the frame is unvoiced.
    static func decode(_ frames: [PitchTracker.Frame], silenceRMS: Float) -> [Double?] {
        guard !frames.isEmpty else { return [] }
        let n = binCount, unvoiced = binCount
        let stayVoiced = log(0.99), toUnvoiced = log(0.01), stayUnvoiced = log(0.99), toVoiced = log(0.01)
        // A step of −reach…reach bins, weighted relative to staying put (as if the unvoiced state had a copy for
        // each bin, as pYIN's model does, so voiced and unvoiced paths are compared fairly): a glide of 60–70 cents a
        // frame costs little; beyond three semitones a pitch cannot jump without a break.
        let logStep = (-reach...reach).map { log(1 - Double(abs($0)) / Double(2 * (reach + 1))) }
        var score = [Double](repeating: -.infinity, count: n + 1)
        var next = score
        var back = [[Int16]](repeating: [Int16](repeating: 0, count: n + 1), count: frames.count)
        var emission = [Double](repeating: 0, count: n + 1)

        let clear = frames.filter { $0.voicedProbability >= 0.5 }.map(\.rms).sorted()
        let sounding = clear.isEmpty ? Float.infinity : clear[clear.count / 2] * soundingShare
        let soundingWeight = log(soundingUnvoiced)
        func emissions(_ frame: PitchTracker.Frame) {
            for b in 0..<n { emission[b] = 0 }
            var voiced = 0.0
            if frame.rms >= silenceRMS {
                for c in frame.candidates {
                    let x = (c.cents - lowestCents) / binCents
                    let b = Int(x.rounded())
                    guard b >= 0, b < n else { continue }
                    voiced += c.probability
                    emission[b] += 0.6 * c.probability
                    if b > 0 { emission[b - 1] += 0.2 * c.probability }
                    if b + 1 < n { emission[b + 1] += 0.2 * c.probability }
                }
            }
            for b in 0..<n { emission[b] = log(max(emission[b], 1e-7)) }
            emission[unvoiced] = log(max(1 - voiced, 1e-7)) + (frame.rms >= sounding ? soundingWeight : 0)
        }

        emissions(frames[0])
        for s in 0...n { score[s] = emission[s] + log(1 / Double(n + 1)) }
        for t in 1..<frames.count {
            emissions(frames[t])
            var bestVoiced = -Double.infinity, bestVoicedState = 0
            for b in 0..<n where score[b] > bestVoiced { bestVoiced = score[b]; bestVoicedState = b }
            for b in 0..<n {
                var best = score[unvoiced] + toVoiced, from = unvoiced
                let lo = max(0, b - reach), hi = min(n - 1, b + reach)
                for p in lo...hi {
                    let s = score[p] + stayVoiced + logStep[b - p + reach]
                    if s > best { best = s; from = p }
                }
                next[b] = best + emission[b]
                back[t][b] = Int16(from)
            }
            let stay = score[unvoiced] + stayUnvoiced, leave = bestVoiced + toUnvoiced
            next[unvoiced] = max(stay, leave) + emission[unvoiced]
            back[t][unvoiced] = Int16(stay >= leave ? unvoiced : bestVoicedState)
            // Keep the numbers in range: only differences matter.
            let top = next.max() ?? 0
            for s in 0...n { score[s] = next[s] - top }
        }
        var state = score.indices.max { score[$0] < score[$1] }!
        var path = [Int](repeating: unvoiced, count: frames.count)
        for t in stride(from: frames.count - 1, through: 0, by: -1) {
            path[t] = state
            state = Int(back[t][state])
        }
        // A voiced frame's pitch: its candidate nearest the bin, if one is near; else the bin's centre.
        return zip(frames, path).map { frame, b in
            guard b != unvoiced else { return nil }
            let centre = lowestCents + Double(b) * binCents
            let near = frame.candidates.min { abs($0.cents - centre) < abs($1.cents - centre) }
            if let near, abs(near.cents - centre) <= 50 { return near.cents }
            return centre
        }
    }
}

import Foundation
