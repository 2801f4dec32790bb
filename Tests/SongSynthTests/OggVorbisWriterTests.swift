import Foundation
import Testing
@testable import SongSynth

/// Ogg Vorbis encoded on two cores and spliced into one stream, read back by libsndfile against the same audio
/// encoded by one encoder.
@Suite struct OggVorbisWriterTests {
    /// Forty seconds of a tune of plucked tones, struck every half second (the strikes make libvorbis switch to
    /// short blocks, as drums and guitars do), a different one in each channel.
    static func plucked(seconds: Double) -> AudioBuffer {
        let rate = 44_100.0, n = Int(seconds * rate)
        var audio = AudioBuffer(sampleRate: rate)
        let notes: [Double] = [262, 294, 330, 349, 392, 440, 494, 523]
        func sample(_ i: Int, _ shift: Int) -> Float {
            let t = Double(i) / rate
            let strike = Int(t * 2), since = t - Double(strike) / 2
            let f = notes[(strike + shift) % notes.count]
            return Float(0.5 * exp(-since * 6) * sin(2 * .pi * f * since) + 0.1 * sin(2 * .pi * 110 * t))
        }
        audio.left = (0..<n).map { sample($0, 0) }
        audio.right = (0..<n).map { sample($0, 3) }
        return audio
    }

    /// Signal to error, in dB, of `decoded` against `reference`, over `range`.
    static func snr(_ reference: AudioBuffer, _ decoded: AudioBuffer, _ range: Range<Int>) -> Double {
        var signal = 0.0, error = 0.0
        for i in range {
            let (l, r) = (Double(reference.left[i]), Double(reference.right[i]))
            signal += l * l + r * r
            error += pow(l - Double(decoded.left[i]), 2) + pow(r - Double(decoded.right[i]), 2)
        }
        return 10 * log10(signal / max(error, 1e-20))
    }

    @Test func twoEncodersSplicedMakeOneStreamAsGoodAsOne() throws {
        let audio = Self.plucked(seconds: 40)
        let lib = try VorbisLibraries.get()
        let frames = audio.frameCount
        // The writer's own halves, and where it splices them: inside the overlap.
        let (firstRange, secondRange) = try #require(OggVorbisWriter.halves(frames: frames, rate: audio.sampleRate))
        let secondStart = secondRange.lowerBound
        let first = try OggVorbisWriter.packets(lib, audio, firstRange), second = try OggVorbisWriter.packets(lib, audio, secondRange)
        let splice = try #require(OggVorbisWriter.splice(first, second, secondStart: Int64(secondStart), rate: audio.sampleRate))
        let at = Int(first.packets[splice.first - 1].granule)
        #expect(at > secondStart && at < firstRange.upperBound)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-ogg-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let spliced = dir.appendingPathComponent("spliced.ogg"), single = dir.appendingPathComponent("single.ogg")
        try AudioFileWriter.write(audio, to: spliced, format: .ogg)
        try OggVorbisWriter.pages(lib, try OggVorbisWriter.packets(lib, audio, 0..<frames), nil).write(to: single)
        // The same file every time.
        #expect(try OggVorbisWriter.encode(audio) == Data(contentsOf: spliced))

        // libsndfile reads the spliced stream whole: every frame, and as close to the audio as one encoder's.
        let a = try AudioFileWriter.read(spliced), b = try AudioFileWriter.read(single)
        #expect(a.frameCount == frames && b.frameCount == frames)
        let whole = 0..<frames
        #expect(abs(Self.snr(audio, a, whole) - Self.snr(audio, b, whole)) < 0.5, "\(Self.snr(audio, a, whole)) against \(Self.snr(audio, b, whole))")
        #expect(Self.snr(audio, a, whole) > 20)
        // Around the splice (50 ms either side) the error is no worse than the one encoder's there.
        let seam = (at - 2_205)..<(at + 2_205)
        #expect(Self.snr(audio, a, seam) > Self.snr(audio, b, seam) - 3, "at the splice \(Self.snr(audio, a, seam)) against \(Self.snr(audio, b, seam))")
    }

    @Test func aShortSongIsOneEncodersStream() throws {
        let audio = Self.plucked(seconds: 5)
        let data = try OggVorbisWriter.encode(audio)
        #expect(data.starts(with: Array("OggS".utf8)))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-ogg-short-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("short.ogg")
        try data.write(to: file)
        let back = try AudioFileWriter.read(file)
        #expect(back.frameCount == audio.frameCount)
        #expect(Self.snr(audio, back, 0..<audio.frameCount) > 20)
    }
}
