import Foundation
import SongArchive
import SongCore
import SongSynth
import Transcription

/// A take read from a file and transcribed: refused by size before it is read and by length before it is decoded.
struct TakeFile {
    let path: String
    let bytes: Data
    /// wav, flac or ogg, from the file's own first bytes.
    let format: String
    let transcription: Transcription

    /// Reads and transcribes `path`; a CLI failure (66 cannot open, 65 not a take) otherwise.
    static func read(_ path: String) throws -> TakeFile {
        var info = stat()
        guard stat(path, &info) == 0 else { throw fail("\(path): cannot open: no such file", ExitStatus.cannotOpen) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw fail("\(path): cannot open: not a file", ExitStatus.cannotOpen) }
        guard info.st_size <= SongLimits.takeBytes else {
            throw fail("\(path): the take is larger than \(SongLimits.takeBytes >> 20) MB; takes are at most \(Int(SongLimits.takeSeconds / 60)) minutes", ExitStatus.invalidInput)
        }
        guard let bytes = FileManager.default.contents(atPath: path) else { throw fail("\(path): cannot open", ExitStatus.cannotOpen) }
        guard let format = ArchivedTake.format(of: bytes) else { throw fail("\(path): not an audio file Songbridge can read (a take is a WAV, FLAC or OGG file)", ExitStatus.invalidInput) }
        let audio: AudioBuffer
        do { audio = try Renderer.readAudio(URL(fileURLWithPath: path), longestSeconds: SongLimits.takeSeconds) } catch {
            throw fail("\(path): " + (error.message.hasPrefix("the take") ? error.message : "not an audio file Songbridge can read (\(error))"), ExitStatus.invalidInput)
        }
        let transcription = Transcriber.transcribe(Take(left: audio.left, right: audio.right, sampleRate: audio.sampleRate))
        return TakeFile(path: path, bytes: bytes, format: format, transcription: transcription)
    }

    /// The notes in the song's terms, or the CLI's "no sung notes" failure (65).
    func tune(time: TuneTime, upbeat: Int?, title: String) throws -> TranscribedTake {
        guard let tune = TranscribedTake(transcription, time: time, upbeat: upbeat, title: title) else {
            throw fail("no sung notes found in \(path)", ExitStatus.invalidInput)
        }
        return tune
    }
}
