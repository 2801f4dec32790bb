import CVorbis
import Foundation
import Synchronization

/// libvorbis, libvorbisenc and libogg, opened with dlopen the first time Songbridge writes an Ogg Vorbis file (as
/// `SynthLibraries` opens FluidSynth and libsndfile): a start that writes no Ogg file pays nothing for them.
struct VorbisLibraries: @unchecked Sendable {
    let infoInit: @convention(c) (UnsafeMutablePointer<vorbis_info>?) -> Void
    let infoClear: @convention(c) (UnsafeMutablePointer<vorbis_info>?) -> Void
    let commentInit: @convention(c) (UnsafeMutablePointer<vorbis_comment>?) -> Void
    let commentClear: @convention(c) (UnsafeMutablePointer<vorbis_comment>?) -> Void
    let commentAddTag: @convention(c) (UnsafeMutablePointer<vorbis_comment>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void
    let encodeInitVBR: @convention(c) (UnsafeMutablePointer<vorbis_info>?, Int, Int, Float) -> Int32
    let analysisInit: @convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<vorbis_info>?) -> Int32
    let blockInit: @convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<vorbis_block>?) -> Int32
    let blockClear: @convention(c) (UnsafeMutablePointer<vorbis_block>?) -> Int32
    let dspClear: @convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?) -> Void
    let headerOut: @convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<vorbis_comment>?, UnsafeMutablePointer<ogg_packet>?,
                                   UnsafeMutablePointer<ogg_packet>?, UnsafeMutablePointer<ogg_packet>?) -> Int32
    let analysisBuffer: @convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<Float>?>?
    let analysisWrote: @convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, Int32) -> Int32
    let blockOut: @convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<vorbis_block>?) -> Int32
    let analysis: @convention(c) (UnsafeMutablePointer<vorbis_block>?, UnsafeMutablePointer<ogg_packet>?) -> Int32
    let bitrateAddBlock: @convention(c) (UnsafeMutablePointer<vorbis_block>?) -> Int32
    let bitrateFlushPacket: @convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<ogg_packet>?) -> Int32
    let synthesisHeaderIn: @convention(c) (UnsafeMutablePointer<vorbis_info>?, UnsafeMutablePointer<vorbis_comment>?, UnsafeMutablePointer<ogg_packet>?) -> Int32
    let packetBlockSize: @convention(c) (UnsafeMutablePointer<vorbis_info>?, UnsafeMutablePointer<ogg_packet>?) -> Int
    let streamInit: @convention(c) (UnsafeMutablePointer<ogg_stream_state>?, Int32) -> Int32
    let streamClear: @convention(c) (UnsafeMutablePointer<ogg_stream_state>?) -> Int32
    let streamPacketIn: @convention(c) (UnsafeMutablePointer<ogg_stream_state>?, UnsafeMutablePointer<ogg_packet>?) -> Int32
    let streamPageOut: @convention(c) (UnsafeMutablePointer<ogg_stream_state>?, UnsafeMutablePointer<ogg_page>?) -> Int32
    let streamFlush: @convention(c) (UnsafeMutablePointer<ogg_stream_state>?, UnsafeMutablePointer<ogg_page>?) -> Int32

    private static let shared = Mutex<Result<VorbisLibraries, SynthError>?>(nil)

    /// The libraries, or the reason they cannot be used.
    static func get() throws(SynthError) -> VorbisLibraries {
        try shared.withLock { cached in
            if let cached { return cached }
            let result = Result { () throws(SynthError) -> VorbisLibraries in try VorbisLibraries() }
            cached = result
            return result
        }.get()
    }

    private init() throws(SynthError) {
        func open(_ name: String, _ package: String) throws(SynthError) -> UnsafeMutableRawPointer {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { throw SynthError("\(name) is not installed (Debian package \(package); make run installs it)") }
            return handle
        }
        let ogg = try open("libogg.so.0", "libogg0"), vorbis = try open("libvorbis.so.0", "libvorbis0a"), enc = try open("libvorbisenc.so.2", "libvorbisenc2")
        func load<T>(_ handle: UnsafeMutableRawPointer, _ name: String, _: T.Type) throws(SynthError) -> T {
            guard let symbol = dlsym(handle, name) else { throw SynthError("\(name) is missing from the installed library") }
            return unsafeBitCast(symbol, to: T.self)
        }
        infoInit = try load(vorbis, "vorbis_info_init", (@convention(c) (UnsafeMutablePointer<vorbis_info>?) -> Void).self)
        infoClear = try load(vorbis, "vorbis_info_clear", (@convention(c) (UnsafeMutablePointer<vorbis_info>?) -> Void).self)
        commentInit = try load(vorbis, "vorbis_comment_init", (@convention(c) (UnsafeMutablePointer<vorbis_comment>?) -> Void).self)
        commentClear = try load(vorbis, "vorbis_comment_clear", (@convention(c) (UnsafeMutablePointer<vorbis_comment>?) -> Void).self)
        commentAddTag = try load(vorbis, "vorbis_comment_add_tag", (@convention(c) (UnsafeMutablePointer<vorbis_comment>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void).self)
        encodeInitVBR = try load(enc, "vorbis_encode_init_vbr", (@convention(c) (UnsafeMutablePointer<vorbis_info>?, Int, Int, Float) -> Int32).self)
        analysisInit = try load(vorbis, "vorbis_analysis_init", (@convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<vorbis_info>?) -> Int32).self)
        blockInit = try load(vorbis, "vorbis_block_init", (@convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<vorbis_block>?) -> Int32).self)
        blockClear = try load(vorbis, "vorbis_block_clear", (@convention(c) (UnsafeMutablePointer<vorbis_block>?) -> Int32).self)
        dspClear = try load(vorbis, "vorbis_dsp_clear", (@convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?) -> Void).self)
        headerOut = try load(vorbis, "vorbis_analysis_headerout", (@convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<vorbis_comment>?,
                                                                                   UnsafeMutablePointer<ogg_packet>?, UnsafeMutablePointer<ogg_packet>?,
                                                                                   UnsafeMutablePointer<ogg_packet>?) -> Int32).self)
        analysisBuffer = try load(vorbis, "vorbis_analysis_buffer", (@convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<Float>?>?).self)
        analysisWrote = try load(vorbis, "vorbis_analysis_wrote", (@convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, Int32) -> Int32).self)
        blockOut = try load(vorbis, "vorbis_analysis_blockout", (@convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<vorbis_block>?) -> Int32).self)
        analysis = try load(vorbis, "vorbis_analysis", (@convention(c) (UnsafeMutablePointer<vorbis_block>?, UnsafeMutablePointer<ogg_packet>?) -> Int32).self)
        bitrateAddBlock = try load(vorbis, "vorbis_bitrate_addblock", (@convention(c) (UnsafeMutablePointer<vorbis_block>?) -> Int32).self)
        bitrateFlushPacket = try load(vorbis, "vorbis_bitrate_flushpacket", (@convention(c) (UnsafeMutablePointer<vorbis_dsp_state>?, UnsafeMutablePointer<ogg_packet>?) -> Int32).self)
        synthesisHeaderIn = try load(vorbis, "vorbis_synthesis_headerin", (@convention(c) (UnsafeMutablePointer<vorbis_info>?, UnsafeMutablePointer<vorbis_comment>?,
                                                                                           UnsafeMutablePointer<ogg_packet>?) -> Int32).self)
        packetBlockSize = try load(vorbis, "vorbis_packet_blocksize", (@convention(c) (UnsafeMutablePointer<vorbis_info>?, UnsafeMutablePointer<ogg_packet>?) -> Int).self)
        streamInit = try load(ogg, "ogg_stream_init", (@convention(c) (UnsafeMutablePointer<ogg_stream_state>?, Int32) -> Int32).self)
        streamClear = try load(ogg, "ogg_stream_clear", (@convention(c) (UnsafeMutablePointer<ogg_stream_state>?) -> Int32).self)
        streamPacketIn = try load(ogg, "ogg_stream_packetin", (@convention(c) (UnsafeMutablePointer<ogg_stream_state>?, UnsafeMutablePointer<ogg_packet>?) -> Int32).self)
        streamPageOut = try load(ogg, "ogg_stream_pageout", (@convention(c) (UnsafeMutablePointer<ogg_stream_state>?, UnsafeMutablePointer<ogg_page>?) -> Int32).self)
        streamFlush = try load(ogg, "ogg_stream_flush", (@convention(c) (UnsafeMutablePointer<ogg_stream_state>?, UnsafeMutablePointer<ogg_page>?) -> Int32).self)
    }
}
