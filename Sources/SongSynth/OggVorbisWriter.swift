import CVorbis
import Foundation
import Synchronization

/// Writes Ogg Vorbis on both cores, as one ordinary stream that every player and libsndfile read.
///
/// Vorbis is encoded block by block, each block overlapping the one before, so a song cannot simply be cut in two
/// and its halves encoded apart. Instead the first encoder takes the song from its start to a little past the
/// middle, and the second from a little before the middle (on a multiple of 1,024 frames) to the end, both at once.
/// Where they overlap, the two encoders see the same sound and soon cut it into blocks at the same places (the
/// long blocks' centres fall on a 64-frame grid; 1,024 frames puts both encoders' grids in step, and they fall into
/// the same blocks within about a second). The stream is the first encoder's packets up to a block that both made,
/// of the same size, at the same place, followed by the same block, and the second encoder's packets from there
/// on, their granule positions moved to the song's time. Each packet decodes against its neighbour exactly as it
/// would in its own stream, because its neighbour is the same block. If the two never fall in step (it has not
/// happened on any song tried), the first encoder goes on to the end alone.
enum OggVorbisWriter {
    /// The quality Songbridge encodes at (libvorbis's VBR scale, -0.1 to 1; 0.6 is about 160 kbit/s stereo).
    static let quality: Float = 0.6
    /// How far the two encoders' stretches overlap either side of the middle.
    static let overlapSeconds = 3.0
    /// Shorter songs are encoded by one encoder.
    static let shortestSplit = 20.0
    /// The stream's serial number: fixed, so the same audio always makes the same file.
    static let serial: Int32 = 0x536F_6E67

    /// One encoded packet, with what splicing needs: its granule position (in the encoder's own time) and size.
    struct Packet: Sendable {
        var data: [UInt8]
        var granule: Int64
        var blockSize: Int
        var endOfStream: Bool
    }

    /// An encoder's output: the three header packets, then the audio packets.
    struct Encoded: Sendable {
        var headers: [[UInt8]]
        var packets: [Packet]
    }

    /// The file's bytes for `audio`.
    static func encode(_ audio: some AudioFrames, tags: AudioTags = AudioTags()) throws(SynthError) -> Data {
        let lib = try VorbisLibraries.get()
        let frames = audio.frameCount, rate = audio.sampleRate
        guard let (firstRange, secondRange) = halves(frames: frames, rate: rate) else {
            return try pages(lib, try packets(lib, audio, 0..<frames, tags: tags), nil)
        }
        let ranges = [firstRange, secondRange], secondStart = secondRange.lowerBound
        let results = Mutex<[Int: Result<Encoded, SynthError>]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let result = Result { () throws(SynthError) -> Encoded in try packets(lib, audio, ranges[i], tags: tags) }
            results.withLock { $0[i] = result }
        }
        let (first, second) = try results.withLock { r throws(SynthError) in (try r[0]!.get(), try r[1]!.get()) }
        if let splice = splice(first, second, secondStart: Int64(secondStart), rate: rate) {
            return try pages(lib, first, (second, splice.first, splice.second, Int64(secondStart)))
        }
        return try pages(lib, try packets(lib, audio, 0..<frames, tags: tags), nil)
    }

    /// The two encoders' stretches of a song of `frames` frames: the first from the start to `overlapSeconds` past
    /// the middle, the second from a multiple of 1,024 frames `overlapSeconds` before it to the end; nil for a song
    /// shorter than `shortestSplit`, which one encoder takes whole.
    static func halves(frames: Int, rate: Double) -> (first: Range<Int>, second: Range<Int>)? {
        guard Double(frames) / rate >= shortestSplit else { return nil }
        let overlap = Int(overlapSeconds * rate), middle = frames / 2
        return (0..<min(frames, middle + overlap), ((middle - overlap) / 1_024) * 1_024..<frames)
    }

    /// Where to cross from the first encoder's packets to the second's: the first packet index to drop from the
    /// first and the first to take from the second, at a block both made alike, followed by one both made alike.
    static func splice(_ first: Encoded, _ second: Encoded, secondStart: Int64, rate: Double) -> (first: Int, second: Int)? {
        // Each of the second's packets by where its block ends, in the song's time.
        var byGranule: [Int64: Int] = [:]
        for (i, p) in second.packets.enumerated() where p.granule >= 0 { byGranule[p.granule + secondStart] = i }
        let settled = secondStart + Int64(rate / 2)
        for a in first.packets.indices.dropLast() where first.packets[a].granule >= settled {
            guard let b = byGranule[first.packets[a].granule], b + 1 < second.packets.count else { continue }
            let (pa, pb, na, nb) = (first.packets[a], second.packets[b], first.packets[a + 1], second.packets[b + 1])
            if pa.blockSize == pb.blockSize, na.blockSize == nb.blockSize, na.granule == nb.granule + secondStart, !na.endOfStream {
                return (a + 1, b + 1)
            }
        }
        return nil
    }

    /// Encodes `range` of `audio` as its own stream, keeping the packets.
    static func packets(_ lib: VorbisLibraries, _ audio: some AudioFrames, _ range: Range<Int>, tags: AudioTags = AudioTags()) throws(SynthError) -> Encoded {
        let info = UnsafeMutablePointer<vorbis_info>.allocate(capacity: 1), comment = UnsafeMutablePointer<vorbis_comment>.allocate(capacity: 1)
        let dsp = UnsafeMutablePointer<vorbis_dsp_state>.allocate(capacity: 1), block = UnsafeMutablePointer<vorbis_block>.allocate(capacity: 1)
        // The decoder's view of the headers, to read each packet's block size.
        let decoderInfo = UnsafeMutablePointer<vorbis_info>.allocate(capacity: 1), decoderComment = UnsafeMutablePointer<vorbis_comment>.allocate(capacity: 1)
        defer {
            _ = lib.blockClear(block); lib.dspClear(dsp); lib.commentClear(comment); lib.infoClear(info)
            lib.commentClear(decoderComment); lib.infoClear(decoderInfo)
            for p in [info, decoderInfo] { p.deallocate() }
            for p in [comment, decoderComment] { p.deallocate() }
            dsp.deallocate(); block.deallocate()
        }
        lib.infoInit(info); lib.commentInit(comment); lib.infoInit(decoderInfo); lib.commentInit(decoderComment)
        for field in tags.fields { lib.commentAddTag(comment, field.vorbis, field.value) }
        guard lib.encodeInitVBR(info, 2, Int(audio.sampleRate.rounded()), quality) == 0 else {
            throw SynthError("libvorbis cannot encode stereo at \(Int(audio.sampleRate)) Hz")
        }
        _ = lib.analysisInit(dsp, info)
        _ = lib.blockInit(dsp, block)
        var headerPackets = [ogg_packet](repeating: ogg_packet(), count: 3)
        var headers: [[UInt8]] = []
        headerPackets.withUnsafeMutableBufferPointer { h in
            _ = lib.headerOut(dsp, comment, h.baseAddress, h.baseAddress! + 1, h.baseAddress! + 2)
            for i in 0..<3 {
                headers.append(Array(UnsafeBufferPointer(start: h[i].packet, count: h[i].bytes)))
                _ = lib.synthesisHeaderIn(decoderInfo, decoderComment, h.baseAddress! + i)
            }
        }
        var out: [Packet] = []
        var packet = ogg_packet()
        func drain() {
            while lib.blockOut(dsp, block) == 1 {
                _ = lib.analysis(block, nil)
                _ = lib.bitrateAddBlock(block)
                while lib.bitrateFlushPacket(dsp, &packet) == 1 {
                    let size = lib.packetBlockSize(decoderInfo, &packet)
                    out.append(Packet(data: Array(UnsafeBufferPointer(start: packet.packet, count: packet.bytes)), granule: packet.granulepos,
                                      blockSize: size, endOfStream: packet.e_o_s != 0))
                }
            }
        }
        // The frames go straight into libvorbis's own buffers, a chunk at a time.
        let chunk = 4_096
        var at = range.lowerBound
        while at < range.upperBound {
            let n = min(chunk, range.upperBound - at)
            guard let buffers = lib.analysisBuffer(dsp, Int32(n)), let l = buffers[0], let r = buffers[1] else { throw SynthError("libvorbis gave no buffer") }
            audio.copyFrames(at..<(at + n), left: UnsafeMutableBufferPointer(start: l, count: n), right: UnsafeMutableBufferPointer(start: r, count: n))
            _ = lib.analysisWrote(dsp, Int32(n))
            drain()
            at += n
        }
        _ = lib.analysisWrote(dsp, 0)
        drain()
        return Encoded(headers: headers, packets: out)
    }

    /// The Ogg pages of `first`'s headers and packets (up to the splice, if there is one) and then the second's,
    /// their granule positions moved by the second's start.
    static func pages(_ lib: VorbisLibraries, _ first: Encoded, _ then: (second: Encoded, firstEnd: Int, secondFrom: Int, offset: Int64)?) throws(SynthError) -> Data {
        let stream = UnsafeMutablePointer<ogg_stream_state>.allocate(capacity: 1)
        defer { _ = lib.streamClear(stream); stream.deallocate() }
        guard lib.streamInit(stream, serial) == 0 else { throw SynthError("libogg could not start a stream") }
        var data = Data()
        var page = ogg_page()
        func write(_ flush: Bool) {
            while (flush ? lib.streamFlush(stream, &page) : lib.streamPageOut(stream, &page)) != 0 {
                data.append(UnsafeBufferPointer(start: page.header, count: page.header_len))
                data.append(UnsafeBufferPointer(start: page.body, count: page.body_len))
            }
        }
        var number: Int64 = 0
        func put(_ bytes: [UInt8], granule: Int64, beginning: Bool, end: Bool) {
            var bytes = bytes
            bytes.withUnsafeMutableBufferPointer { b in
                var packet = ogg_packet(packet: b.baseAddress, bytes: b.count, b_o_s: beginning ? 1 : 0, e_o_s: end ? 1 : 0, granulepos: granule, packetno: number)
                _ = lib.streamPacketIn(stream, &packet)
            }
            number += 1
        }
        for (i, header) in first.headers.enumerated() { put(header, granule: 0, beginning: i == 0, end: false) }
        write(true)   // the audio begins on a page of its own, as the Vorbis I specification asks
        let firstCount = then?.firstEnd ?? first.packets.count
        for p in first.packets.prefix(firstCount) {
            put(p.data, granule: p.granule, beginning: false, end: then == nil && p.endOfStream)
            write(false)
        }
        if let then {
            for p in then.second.packets[then.secondFrom...] {
                put(p.data, granule: p.granule < 0 ? p.granule : p.granule + then.offset, beginning: false, end: p.endOfStream)
                write(false)
            }
        }
        write(true)
        return data
    }
}
