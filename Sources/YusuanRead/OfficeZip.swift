import CYusuanZlib
import Foundation

/// Why a container file could not be read.
public struct ContainerError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Reads entries of a .docx/.xlsx zip held in memory, with bounds of its own: the central directory is read
/// from the bytes, each entry's input is only its compressed bytes, its output stops at its declared size
/// and at the global cap, and inflate stops when it makes no progress. (A general zip library's inflate was
/// seen to read past an entry whose deflate stream never ends, then spin for ever.)
public struct OfficeZip {
    public static let maxEntryBytes = 64 * 1024 * 1024
    public static let maxTotalBytes = 256 * 1024 * 1024
    /// Office files hold tens of parts; a directory of more is not one.
    static let maxEntries = 65_536

    struct Entry {
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    private let bytes: [UInt8]
    private var entries: [String: Entry] = [:]
    public private(set) var entryPaths: [String] = []
    private var totalRead = 0

    public init(bytes: [UInt8]) throws(ContainerError) {
        self.bytes = bytes
        let corrupt = ContainerError("not a readable zip container (corrupt or truncated)")
        // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the end.
        guard bytes.count >= 22 else { throw corrupt }
        var eocd = -1
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while i >= lowest {
            if bytes[i] == 0x50, u32(i) == 0x0605_4B50 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw corrupt }
        let count = Int(u16(eocd + 10)), cdSize = Int(u32(eocd + 12)), cdOffset = Int(u32(eocd + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            throw ContainerError("a zip64 container, which office files of this size never are: refused")
        }
        guard count <= Self.maxEntries, cdOffset + cdSize <= eocd else { throw corrupt }
        var p = cdOffset
        for _ in 0..<count {
            guard p + 46 <= eocd, u32(p) == 0x0201_4B50 else { throw corrupt }
            let nameLength = Int(u16(p + 28)), extra = Int(u16(p + 30)), comment = Int(u16(p + 32))
            guard p + 46 + nameLength <= eocd else { throw corrupt }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let e = Entry(method: u16(p + 10), crc: u32(p + 16), compressedSize: Int(u32(p + 20)), size: Int(u32(p + 24)),
                          localHeader: Int(u32(p + 42)))
            if entries[name] == nil { entries[name] = e; entryPaths.append(name) }
            p += 46 + nameLength + extra + comment
        }
    }

    private func u16(_ i: Int) -> UInt16 { UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 }
    private func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }

    public func has(_ path: String) -> Bool { entries[path] != nil }

    /// The bytes of one entry, or nil when it does not exist.
    public mutating func read(_ path: String) throws(ContainerError) -> [UInt8]? {
        guard let e = entries[path] else { return nil }
        let corrupt = ContainerError("\(path) cannot be decompressed (corrupt or truncated)")
        let cap = min(Self.maxEntryBytes, Self.maxTotalBytes - totalRead)
        if e.size > cap {
            throw ContainerError("\(path) expands past \(cap / 1_048_576) MB: refused (a zip bomb, or not a disclosure)")
        }
        // The local header's own name and extra lengths place the data; its sizes may be zero (data descriptor).
        let h = e.localHeader
        guard h + 30 <= bytes.count, u32(h) == 0x0403_4B50 else { throw corrupt }
        let start = h + 30 + Int(u16(h + 26)) + Int(u16(h + 28))
        guard start <= bytes.count, e.compressedSize <= bytes.count - start else { throw corrupt }
        let input = start..<(start + e.compressedSize)
        let out: [UInt8]
        switch e.method {
        case 0:
            guard e.compressedSize == e.size else { throw corrupt }
            out = Array(bytes[input])
        case 8:
            guard let inflated = Self.inflate(bytes, input, size: e.size) else { throw corrupt }
            out = inflated
        default:
            throw ContainerError("\(path) uses zip compression method \(e.method), which office files do not: refused")
        }
        guard out.withUnsafeBufferPointer(Self.crc) == e.crc else { throw corrupt }
        totalRead += out.count
        return out
    }

    /// zlib's CRC-32 of `b` (folded with the CPU's carry-less multiply where it has one: see the shim).
    static func crc(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(truncatingIfNeeded: yusuan_crc32(0, b.baseAddress, b.count))
    }

    /// Raw deflate of `input` into exactly `size` bytes, or nil. Reads nothing outside `input`, writes nothing
    /// past `size`, and gives up as soon as a call makes no progress.
    static func inflate(_ bytes: [UInt8], _ input: Range<Int>, size: Int) -> [UInt8]? {
        // One spare byte: a stream that would write past its declared size is caught, not truncated.
        var spare: UInt8 = 0
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var ended = false
        // Not zeroed first: on success inflate has written every byte (the room ran out exactly), else none is kept.
        let out = [UInt8](unsafeUninitializedCapacity: size) { outBuf, initialized in
            ended = bytes.withUnsafeBufferPointer { inBuf in
                guard let inBase = inBuf.baseAddress else { return false }
                stream.next_in = UnsafeMutablePointer(mutating: inBase + input.lowerBound)
                stream.avail_in = uInt(input.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(size)
                while true {
                    let before = (stream.avail_in, stream.avail_out)
                    if stream.avail_out == 0 {
                        // Declared size reached: the stream must end now, without another byte.
                        return withUnsafeMutablePointer(to: &spare) { sp -> Bool in
                            stream.next_out = sp
                            stream.avail_out = 1
                            return CYusuanZlib.inflate(&stream, Z_FINISH) == Z_STREAM_END && stream.avail_out == 1
                        }
                    }
                    let r = CYusuanZlib.inflate(&stream, Z_NO_FLUSH)
                    if r == Z_STREAM_END { return stream.avail_out == 0 }
                    if r != Z_OK { return false }
                    if (stream.avail_in, stream.avail_out) == before { return false }
                }
            }
            initialized = ended ? size : 0
        }
        return ended ? out : nil
    }
}
