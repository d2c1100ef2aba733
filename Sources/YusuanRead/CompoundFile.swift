/// An OLE2 compound file (the container of .xls, .doc and WPS .et/.wps): header, FAT and DIFAT, the directory,
/// the mini stream and mini FAT. Every chain is followed at most once per sector (a cycle is an error, not a
/// hang), every sector number is checked against the file, and a stream's size must fit its chain.
public struct CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let free: UInt32 = 0xFFFF_FFFF

    public struct Entry: Sendable {
        public var name: String
        /// 1 storage, 2 stream, 5 root.
        var type: UInt8
        var left, right, child: UInt32
        var start: UInt32
        public var size: Int
    }

    let bytes: [UInt8]
    let sectorSize: Int
    let miniSectorSize: Int
    let miniCutoff: Int
    var fat: [UInt32] = []
    var miniFat: [UInt32] = []
    public private(set) var entries: [Entry] = []
    var miniStream: [UInt8] = []

    public static func isCompoundFile(_ bytes: [UInt8]) -> Bool { bytes.starts(with: signature) }

    public init(bytes: [UInt8]) throws(ContainerError) {
        self.bytes = bytes
        guard bytes.count >= 512, CompoundFile.isCompoundFile(bytes) else { throw ContainerError("not an OLE2 compound file (too short or wrong signature)") }
        let shift = Int(bytes.u16(0x1E) ?? 0), miniShift = Int(bytes.u16(0x20) ?? 0)
        guard shift == 9 || shift == 12, miniShift == 6 else { throw ContainerError("the compound file header is damaged (sector size)") }
        sectorSize = 1 << shift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(bytes.u32(0x38) ?? 4096)
        let sectorCount = max(0, (bytes.count - sectorSize) / sectorSize + ((bytes.count - sectorSize) % sectorSize == 0 ? 0 : 1))

        // FAT sectors: the first 109 are listed in the header, the rest in a chain of DIFAT sectors.
        let fatCount = Int(bytes.u32(0x2C) ?? 0)
        guard fatCount <= sectorCount else { throw ContainerError("the compound file claims \(fatCount) FAT sectors, more than the file holds") }
        var fatSectors: [UInt32] = []
        for i in 0..<109 where fatSectors.count < fatCount {
            fatSectors.append(bytes.u32(0x4C + 4 * i) ?? CompoundFile.free)
        }
        var difat = bytes.u32(0x44) ?? CompoundFile.endOfChain
        var seenDifat = Set<UInt32>()
        let perSector = sectorSize / 4
        while fatSectors.count < fatCount, difat < CompoundFile.endOfChain - 3 {
            guard seenDifat.insert(difat).inserted else { throw ContainerError("the compound file's DIFAT chain loops") }
            guard let base = CompoundFile.offset(difat, sectorSize: sectorSize, fileSize: bytes.count) else { throw ContainerError("a DIFAT sector lies past the end of the file") }
            for i in 0..<(perSector - 1) where fatSectors.count < fatCount { fatSectors.append(bytes.u32(base + 4 * i) ?? CompoundFile.free) }
            difat = bytes.u32(base + 4 * (perSector - 1)) ?? CompoundFile.endOfChain
        }
        guard fatSectors.count == fatCount else { throw ContainerError("the compound file lists fewer FAT sectors than it claims") }
        fat.reserveCapacity(fatCount * perSector)
        for s in fatSectors {
            guard let base = CompoundFile.offset(s, sectorSize: sectorSize, fileSize: bytes.count) else { throw ContainerError("a FAT sector lies past the end of the file") }
            for i in 0..<perSector { fat.append(bytes.u32(base + 4 * i) ?? CompoundFile.free) }
        }

        // The directory: 128-byte entries in its own chain.
        let dir = try chain(from: bytes.u32(0x30) ?? CompoundFile.endOfChain, table: fat, what: "directory")
        for first in dir {
            guard let base = CompoundFile.offset(first, sectorSize: sectorSize, fileSize: bytes.count) else { throw ContainerError("a directory sector lies past the end of the file") }
            for e in stride(from: base, to: base + sectorSize, by: 128) {
                let nameBytes = Int(bytes.u16(e + 64) ?? 0)
                var units: [UInt16] = []
                for i in 0..<max(0, min(32, nameBytes / 2) - 1) { units.append(bytes.u16(e + 2 * i) ?? 0) }
                let size = Int(bytes.u32(e + 120) ?? 0) | (shift == 12 ? Int(min(bytes.u32(e + 124) ?? 0, 0x7FFF)) << 32 : 0)
                entries.append(Entry(name: String(decoding: units, as: UTF16.self), type: bytes[e + 66],
                                     left: bytes.u32(e + 68) ?? CompoundFile.free, right: bytes.u32(e + 72) ?? CompoundFile.free,
                                     child: bytes.u32(e + 76) ?? CompoundFile.free, start: bytes.u32(e + 116) ?? CompoundFile.endOfChain, size: size))
            }
        }
        guard let root = entries.first, root.type == 5 else { throw ContainerError("the compound file has no root entry") }

        // Small streams live in the mini stream (the root entry's data), addressed through the mini FAT.
        let miniFatSectors = try chain(from: bytes.u32(0x3C) ?? CompoundFile.endOfChain, table: fat, what: "mini FAT")
        for s in miniFatSectors {
            guard let base = CompoundFile.offset(s, sectorSize: sectorSize, fileSize: bytes.count) else { throw ContainerError("a mini FAT sector lies past the end of the file") }
            for i in 0..<perSector { miniFat.append(bytes.u32(base + 4 * i) ?? CompoundFile.free) }
        }
        if root.size > 0 { miniStream = try read(start: root.start, size: root.size, table: fat, unit: sectorSize, from: nil, what: "mini stream") }
    }

    /// File offset of a sector, or nil when it lies (partly) past the end.
    static func offset(_ sector: UInt32, sectorSize: Int, fileSize: Int) -> Int? {
        guard sector < CompoundFile.endOfChain - 3 else { return nil }
        let o = (Int(sector) + 1) * sectorSize
        return o + sectorSize <= fileSize ? o : nil
    }

    /// The sectors of a chain, in order. A chain longer than its table has entries must loop.
    func chain(from start: UInt32, table: [UInt32], what: String) throws(ContainerError) -> [UInt32] {
        var out: [UInt32] = []
        var s = start
        while s != CompoundFile.endOfChain && s != CompoundFile.free {
            guard Int(s) < table.count else { throw ContainerError("the \(what) chain points past the allocation table (damaged file)") }
            guard out.count < table.count else { throw ContainerError("the \(what) chain loops (damaged or hostile file)") }
            out.append(s)
            s = table[Int(s)]
        }
        return out
    }

    /// `size` bytes of a chain in the file (from == nil) or in the mini stream.
    func read(start: UInt32, size: Int, table: [UInt32], unit: Int, from mini: [UInt8]?, what: String) throws(ContainerError) -> [UInt8] {
        let sectors = try chain(from: start, table: table, what: what)
        guard size <= sectors.count * unit else { throw ContainerError("the \(what) claims \(size) bytes but its chain holds \(sectors.count * unit) (size past the end)") }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        for s in sectors where out.count < size {
            let take = min(unit, size - out.count)
            if let mini {
                let o = Int(s) * unit
                guard o + take <= mini.count else { throw ContainerError("the \(what) lies past the end of the mini stream") }
                out += mini[o..<(o + take)]
            } else {
                guard let o = CompoundFile.offset(s, sectorSize: unit, fileSize: bytes.count + unit - take) else { throw ContainerError("the \(what) lies past the end of the file") }
                out += bytes[o..<(o + take)]
            }
        }
        return out
    }

    /// The streams and storages directly in the root storage, found by walking its red-black tree (each entry once).
    public var rootNames: [String] {
        var names: [String] = []
        var seen = Set<UInt32>()
        var stack: [UInt32] = [entries.first?.child ?? CompoundFile.free]
        while let i = stack.popLast() {
            guard Int(i) < entries.count, seen.insert(i).inserted else { continue }
            let e = entries[Int(i)]
            names.append(e.name)
            stack.append(e.left)
            stack.append(e.right)
        }
        return names
    }

    /// A stream of the root storage by name (case-insensitive, as OLE2 compares names), or nil.
    public func stream(_ name: String) throws(ContainerError) -> [UInt8]? {
        var seen = Set<UInt32>()
        var stack: [UInt32] = [entries.first?.child ?? CompoundFile.free]
        while let i = stack.popLast() {
            guard Int(i) < entries.count, seen.insert(i).inserted else { continue }
            let e = entries[Int(i)]
            if e.type == 2 && e.name.uppercased() == name.uppercased() {
                guard e.size <= bytes.count else { throw ContainerError("the \(name) stream claims \(e.size) bytes, more than the file holds") }
                if e.size < miniCutoff {
                    return try read(start: e.start, size: e.size, table: miniFat, unit: miniSectorSize, from: miniStream, what: "\(name) stream")
                }
                return try read(start: e.start, size: e.size, table: fat, unit: sectorSize, from: nil, what: "\(name) stream")
            }
            stack.append(e.left)
            stack.append(e.right)
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integers at a byte offset; nil past the end (input-derived offsets are never trusted).
    @inline(__always) func u16(_ o: Int) -> UInt16? {
        guard o >= 0, o <= count - 2 else { return nil }
        return UInt16(self[o]) | UInt16(self[o + 1]) << 8
    }

    @inline(__always) func u32(_ o: Int) -> UInt32? {
        guard o >= 0, o <= count - 4 else { return nil }
        return UInt32(self[o]) | UInt32(self[o + 1]) << 8 | UInt32(self[o + 2]) << 16 | UInt32(self[o + 3]) << 24
    }

    @inline(__always) func u8(_ o: Int) -> UInt8? { o >= 0 && o < count ? self[o] : nil }
}

extension CompoundFile {
    /// Why a compound file that holds neither a WordDocument nor a Workbook stream is not read.
    public static func unreadable(_ bytes: [UInt8]) -> ContainerError {
        let file: CompoundFile
        do { file = try CompoundFile(bytes: bytes) } catch {
            return ContainerError("\(error.description): if Word, Excel or WPS opens it, save it as .docx/.xlsx")
        }
        let names = Set(file.rootNames.map { $0.uppercased() })
        if names.contains("ENCRYPTEDPACKAGE") {
            return ContainerError("a password-protected Office file: open it, remove the password and save it as .docx or .xlsx")
        }
        if names.contains("CONTENTS") || names.contains("POWERPOINT DOCUMENT") || names.contains("WKSSTREAM") {
            return ContainerError("an OLE2 file that is neither a Word document nor an Excel workbook (a Works/WPS .wps, a presentation, …): open it and save it as .docx (or .xlsx for tables)")
        }
        return ContainerError("an OLE2 file with neither a WordDocument nor a Workbook stream (a WPS .et/.wps in its own format, or another program's file): open it and save it as .docx or .xlsx")
    }
}
