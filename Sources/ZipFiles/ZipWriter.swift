import Foundation
import ZIPFoundation

/// Writes a ZIP file in one pass, entry after entry, then the central directory: what the export needs, and
/// nothing it does not. ZIPFoundation's writer rewrites its central directory after every entry it adds, which made
/// a 30,000-file export spend most of its time copying bytes; its deflate (zlib, raw) is still used here, on the
/// machine's cores, entries being independent. Layout from PKWARE's APPNOTE.TXT (6.3.10): local file headers (4.3.7),
/// central directory headers (4.3.12), and the ZIP64 end records (4.3.14, 4.3.15) when there are more than 65,535
/// entries. Names are UTF-8 (general purpose bit 11), dates the given moment in UTC, so the same entries give the
/// same bytes.
public struct ZipWriter {
    /// One file for the archive: its path inside, and its bytes compressed (or stored, when deflate does not help).
    public struct Entry: Sendable {
        public var path: String
        var size: Int
        var crc: UInt32
        var method: UInt16
        var body: Data

        /// Deflates `data` (zlib's raw deflate), or keeps it as it is if that is no smaller.
        public init(path: String, data: Data) throws {
            self.path = path
            size = data.count
            var deflated = Data()
            let crc = try Data.compress(size: Int64(data.count), bufferSize: max(1, min(data.count, 64 * 1024)), provider: { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }, consumer: { deflated.append($0) })
            self.crc = crc
            if deflated.count < data.count { (method, body) = (8, deflated) } else { (method, body) = (0, data) }
        }
    }

    /// Why a ZIP file could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public private(set) var data = Data()
    private var central = Data()
    private var count = 0
    let time: UInt16, date: UInt16

    public init(modified: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: modified)
        // MS-DOS date and time: years from 1980, two-second steps.
        date = UInt16(max(0, (c.year ?? 1980) - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        time = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
    }

    /// Adds an entry after those before it.
    public mutating func add(_ entry: Entry) throws(Failure) {
        let name = Data(entry.path.utf8)
        guard name.count <= 0xFFFF else { throw Failure(description: "a file name in the ZIP file is too long") }
        let offset = data.count
        guard offset + 30 + name.count + entry.body.count < 0xFFFF_FFFF else { throw Failure(description: "the ZIP file would be 4 GB or more") }
        // Local file header.
        data.append(le32: 0x0403_4B50)
        Self.describe(entry, nameBytes: name.count, time: time, date: date, into: &data)
        data.append(le16: 0)                  // no extra field
        data.append(name)
        data.append(entry.body)
        // Its central directory header, written at the end.
        central.append(le32: 0x0201_4B50)
        central.append(le16: 0x031E)          // made by: Unix, 3.0 (so the mode below is read)
        Self.describe(entry, nameBytes: name.count, time: time, date: date, into: &central)
        central.append(le16: 0)               // extra field
        central.append(le16: 0)               // comment
        central.append(le16: 0)               // disk
        central.append(le16: 0)               // internal attributes
        central.append(le32: 0o100644 << 16)  // external: a regular file, rw-r--r--
        central.append(le32: UInt32(offset))
        central.append(name)
        count += 1
    }

    /// What the local and the central header both say of an entry, in the same order: version needed, flags,
    /// method, time, date, CRC, sizes compressed and not, and the name's length. Static, so that writing into the
    /// writer's own buffers does not copy the writer (and with it the whole file so far) for the call.
    private static func describe(_ entry: Entry, nameBytes: Int, time: UInt16, date: UInt16, into out: inout Data) {
        out.append(le16: 20)                  // version needed: 2.0 (deflate)
        out.append(le16: 0x0800)              // bit 11: the name is UTF-8
        out.append(le16: entry.method)
        out.append(le16: time)
        out.append(le16: date)
        out.append(le32: entry.crc)
        out.append(le32: UInt32(entry.body.count))
        out.append(le32: UInt32(entry.size))
        out.append(le16: UInt16(nameBytes))
    }

    /// The whole ZIP file: the entries, the central directory and its end records.
    public mutating func finish() throws(Failure) -> Data {
        let start = data.count
        guard start + central.count + 98 < 0xFFFF_FFFF else { throw Failure(description: "the ZIP file would be 4 GB or more") }
        data.append(central)
        let wide = count > 0xFFFF
        if wide {
            // ZIP64 end of central directory record, then its locator.
            let record = data.count
            data.append(le32: 0x0606_4B50)
            data.append(le64: 44)             // the size of the rest of this record
            data.append(le16: 45)             // made by / needed: 4.5 (ZIP64)
            data.append(le16: 45)
            data.append(le32: 0)              // this disk
            data.append(le32: 0)              // the disk the central directory starts on
            data.append(le64: UInt64(count))
            data.append(le64: UInt64(count))
            data.append(le64: UInt64(central.count))
            data.append(le64: UInt64(start))
            data.append(le32: 0x0706_4B50)
            data.append(le32: 0)
            data.append(le64: UInt64(record))
            data.append(le32: 1)              // disks in all
        }
        data.append(le32: 0x0605_4B50)
        data.append(le16: 0)
        data.append(le16: 0)
        data.append(le16: wide ? 0xFFFF : UInt16(count))
        data.append(le16: wide ? 0xFFFF : UInt16(count))
        data.append(le32: UInt32(central.count))
        data.append(le32: UInt32(start))
        data.append(le16: 0)                  // no comment
        return data
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    fileprivate mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    fileprivate mutating func append(le64 value: UInt64) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
