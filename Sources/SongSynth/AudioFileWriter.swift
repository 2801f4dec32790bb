import CSndFile
import Foundation
import SongCore

/// Writes audio through libsndfile, to a temporary file beside the target that is renamed into place only when
/// complete, so a failed write never leaves a partial file.
enum AudioFileWriter {
    static func write(_ audio: some AudioFrames, to url: URL, format: AudioFormat, tags: AudioTags = AudioTags()) throws(SynthError) {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SynthError("cannot write \(url.path): the folder \(folder.path) does not exist", cannotWrite: true)
        }
        if format == .ogg {
            // Ogg Vorbis is encoded on both cores (see OggVorbisWriter), then written whole.
            let bytes = try OggVorbisWriter.encode(audio, tags: tags)
            do { try AtomicFile.write(bytes, to: url.path) } catch {
                throw SynthError("cannot write \(url.path): \(error)", cannotWrite: true)
            }
            return
        }
        let lib = try SynthLibraries.get()
        let temporary = URL(fileURLWithPath: AtomicFile.temporaryPath(for: url.path))
        var info = SF_INFO()
        info.samplerate = Int32(audio.sampleRate)
        info.channels = 2
        info.format = format.sndfileFormat
        guard lib.sfFormatCheck(&info) != 0 else { throw SynthError("libsndfile cannot write \(format.rawValue) at \(Int(audio.sampleRate)) Hz") }
        guard let file = lib.sfOpen(temporary.path, Int32(SFM_WRITE), &info) else {
            throw SynthError("cannot write \(url.path): \(lib.sfStrerror(nil).map { String(cString: $0) } ?? "libsndfile refused it")", cannotWrite: true)
        }
        // The tags go in before any audio: FLAC writes its Vorbis comments with the stream's header.
        for field in tags.fields { _ = lib.sfSetString(file, field.sndfile, field.value) }
        if format == .flac {
            // FLAC's fastest level (libsndfile maps 0...1 onto FLAC levels 0...8): a draft is heard once and soon,
            // so encoding time matters more than the last few per cent of size.
            var level = 0.0
            _ = lib.sfCommand(file, Int32(SFC_SET_COMPRESSION_LEVEL), &level, Int32(MemoryLayout<Double>.size))
        }
        // Read and interleave a chunk at a time, to keep memory flat for long songs (and, for a time-split render,
        // never make the joined copy). For 16-bit WAV the samples are made 16-bit here, in the same pass, as
        // libsndfile would make them (x * 32767, rounded to nearest, ties to even: lrintf), so libsndfile only copies
        // them out; the file is byte for byte what it wrote from floats, in a third less time.
        let frames = audio.frameCount
        let chunk = 16_384
        var left = [Float](repeating: 0, count: chunk), right = [Float](repeating: 0, count: chunk)
        var interleaved = [Float](repeating: 0, count: format == .wav16 ? 0 : 2 * chunk)
        var shorts = [Int16](repeating: 0, count: format == .wav16 ? 2 * chunk : 0)
        var written = 0
        var failed = false
        while written < frames && !failed {
            let n = min(chunk, frames - written)
            let done: sf_count_t
            left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in audio.copyFrames(written..<(written + n), left: l, right: r) }
            }
            if format == .wav16 {
                left.withUnsafeBufferPointer { l in
                    right.withUnsafeBufferPointer { r in
                        shorts.withUnsafeMutableBufferPointer { out in Self.pcm16Interleaved(l, r, n, into: out) }
                    }
                }
                done = shorts.withUnsafeBufferPointer { lib.sfWritefShort(file, $0.baseAddress, sf_count_t(n)) }
            } else {
                for i in 0..<n {
                    interleaved[2 * i] = left[i]
                    interleaved[2 * i + 1] = right[i]
                }
                done = interleaved.withUnsafeBufferPointer { lib.sfWritefFloat(file, $0.baseAddress, sf_count_t(n)) }
            }
            failed = done != sf_count_t(n)
            written += n
        }
        let closed = lib.sfClose(file)
        guard !failed, closed == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw SynthError("cannot write \(url.path): the disk refused the audio (is it full?)", cannotWrite: true)
        }
        do { try AtomicFile.replace(url.path, with: temporary.path) } catch {
            throw SynthError("cannot write \(url.path): \(error)", cannotWrite: true)
        }
    }

    /// The first `n` frames of `left` and `right` as interleaved 16-bit PCM, each sample as `pcm16` makes it, in a
    /// loop the compiler can vectorise: adding 1.5 × 2²³ leaves a float whose last bits are the sample rounded to
    /// nearest, ties to even (the spacing of floats there is 1), with no conversion that could trap. The scalar
    /// conversion, with its checks, took a third of the time a WAV took to write.
    static func pcm16Interleaved(_ left: UnsafeBufferPointer<Float>, _ right: UnsafeBufferPointer<Float>, _ n: Int, into out: UnsafeMutableBufferPointer<Int16>) {
        let magic: Float = 12_582_912, magicBits = Int32(bitPattern: magic.bitPattern)
        for i in 0..<n {
            let l = min(max(left[i], -1), 1) * 32_767 + magic, r = min(max(right[i], -1), 1) * 32_767 + magic
            out[2 * i] = Int16(truncatingIfNeeded: Int32(bitPattern: l.bitPattern) &- magicBits)
            out[2 * i + 1] = Int16(truncatingIfNeeded: Int32(bitPattern: r.bitPattern) &- magicBits)
        }
    }

    /// A sample as 16-bit PCM, as libsndfile converts a float when it writes one (its `f2s` with normalising on:
    /// lrintf of the sample times 0x7FFF), kept within range.
    static func pcm16(_ x: Float) -> Int16 {
        Int16((min(max(x, -1), 1) * 32_767).rounded(.toNearestOrEven))
    }

    /// Reads an audio file (for tests and comparisons).
    static func read(_ url: URL, longestSeconds: Double? = nil) throws(SynthError) -> AudioBuffer {
        let lib = try SynthLibraries.get()
        var info = SF_INFO()
        guard let file = lib.sfOpen(url.path, Int32(SFM_READ), &info) else { throw SynthError("cannot read \(url.path) as audio") }
        defer { _ = lib.sfClose(file) }
        let frames = Int(info.frames), channels = Int(info.channels)
        // How long it is comes from the header, before anything is decoded: an over-long file is refused unread.
        if let longestSeconds {
            guard (1_000...384_000).contains(info.samplerate), (1...8).contains(channels), frames >= 0 else {
                throw SynthError("\(url.lastPathComponent): \(info.samplerate) Hz in \(channels) channels is not a recording Songbridge takes")
            }
            guard Double(frames) / Double(info.samplerate) <= longestSeconds else {
                throw SynthError("the take is longer than \(Int(longestSeconds / 60)) minutes")
            }
        }
        var data = [Float](repeating: 0, count: frames * channels)
        let got = Int(data.withUnsafeMutableBufferPointer { lib.sfReadfFloat(file, $0.baseAddress, sf_count_t(frames)) })
        var buffer = AudioBuffer(sampleRate: Double(info.samplerate))
        buffer.left.reserveCapacity(got)
        buffer.right.reserveCapacity(got)
        for i in 0..<got {
            buffer.left.append(data[i * channels])
            buffer.right.append(data[i * channels + (channels > 1 ? 1 : 0)])
        }
        return buffer
    }
}
