/// Dropouts: a busy tablet or browser that misses an audio buffer hands on digital silence in its place, a few
/// milliseconds to a few tens, cut into the middle of a sung note. Heard as it is, the hole splits the note in two.
/// A room never gives exact zeros while someone sings (there is always some noise), so a run of them with sound
/// cut off abruptly on both sides is a hole, and is filled by repeating the last pitch period before it, as a
/// telephone line conceals a lost packet (ITU-T G.711 Appendix I does the same, with more care for long losses).
extension Take {
    /// The longest hole filled, in seconds; a longer silence is left as it is.
    static let longestDropout = 0.1

    /// The take with its dropouts filled, and otherwise as it was.
    public func concealingDropouts() -> Take {
        let rate = sampleRate
        let shortest = max(8, Int(0.0005 * rate)), longest = Int(Self.longestDropout * rate)
        let shortestPeriod = max(2, Int(rate / 2_100)), longestPeriod = Int(rate / 50)
        let shortestSpan = Int(0.0025 * rate)                           // what the level is measured over, at least
        let context = 2 * max(longestPeriod, shortestSpan)              // what the period and the level are found in
        guard samples.count > 2 * context, longestPeriod > shortestPeriod else { return self }
        var x = samples
        var i = context
        while i < x.count - context {
            guard x[i] == 0 else { i += 1; continue }
            var end = i
            while end < x.count, x[end] == 0 { end += 1 }
            defer { i = end }
            let length = end - i
            guard length >= shortest, length <= longest, end + context < x.count,
                  Self.level(x, (i - shortestSpan)..<i) >= 0.001, Self.level(x, end..<(end + shortestSpan)) >= 0.001 else { continue }
            let period = Self.period(x, before: i, from: shortestPeriod, to: longestPeriod)
            let span = max(period, shortestSpan)
            guard Self.isCut(x, at: i, span: span, forward: false), Self.isCut(x, at: end, span: span, forward: true) else { continue }
            // The last period repeated over the hole and on into what follows, faded into it over 2 ms.
            let fade = min(max(1, Int(0.002 * rate)), x.count - end)
            var repeated = [Float](repeating: 0, count: length + fade)
            for k in repeated.indices { repeated[k] = k < period ? x[i - period + k] : repeated[k - period] }
            for k in 0..<length { x[i + k] = repeated[k] }
            for k in 0..<fade {
                let w = Float(k + 1) / Float(fade + 1)
                x[end + k] = (1 - w) * repeated[length + k] + w * x[end + k]
            }
        }
        return Take(samples: x, sampleRate: sampleRate)
    }

    /// Whether the sound beside `index` (just before it, or from it on when `forward`) is cut off there rather than
    /// fading out or in: over the `span` samples next to the hole (a pitch period, or 2.5 ms if that is longer, so
    /// the level does not depend on where in its cycle the wave was cut) it is at least half as loud as over the
    /// span beyond, and that is not near silence (−60 dBFS). A voice's 20 ms release or attack gives a third.
    static func isCut(_ x: [Float], at index: Int, span: Int, forward: Bool) -> Bool {
        let near = forward ? index..<(index + span) : (index - span)..<index
        let far = forward ? (index + span)..<(index + 2 * span) : (index - 2 * span)..<(index - span)
        let beyond = level(x, far)
        return beyond >= 0.001 && level(x, near) >= 0.5 * beyond
    }

    /// The root mean square of `x` over `range`.
    static func level(_ x: [Float], _ range: Range<Int>) -> Float {
        (range.reduce(Float(0)) { $0 + x[$1] * x[$1] } / Float(max(1, range.count))).squareRoot()
    }

    /// The period of the sound just before `index`, in samples: the lag from `shortest` to `longest` at which the
    /// last `longest` samples best match themselves, by the squared difference (as YIN's first step). A multiple
    /// of the true period serves as well here, so no care is taken to avoid one.
    static func period(_ x: [Float], before index: Int, from shortest: Int, to longest: Int) -> Int {
        var best = longest, bestDifference = Float.infinity
        for lag in shortest...longest {
            var d: Float = 0
            for j in (index - longest)..<index { let e = x[j] - x[j - lag]; d += e * e }
            if d < bestDifference { bestDifference = d; best = lag }
        }
        return best
    }
}
