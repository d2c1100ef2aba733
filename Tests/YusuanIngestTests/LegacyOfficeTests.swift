import Foundation
import Testing
import YusuanIngest
import YusuanModel
import YusuanRead

/// .xls and .doc (made from the .xlsx/.docx fixtures by scripts/make-legacy-fixtures.py with LibreOffice) read
/// into the same lines and figures as the files they were saved from.
@Suite("Legacy Office formats")
struct LegacyOfficeTests {
    static func lines(_ name: String) throws -> [String] {
        switch Ingest.read(bytes: fixture(name), path: name) {
        case .success(let (doc, _)): return Array(doc.lines)
        case .failure(let f): throw f
        }
    }

    @Test(".xls of the standard tables: the same lines and figures as the workbook saved as .xlsx")
    func xls() throws {
        let xls = try read("standard-tables.xls"), xlsx = try read("standard-tables.xlsx")
        #expect(xls.source.format == "xls")
        #expect(try Self.lines("standard-tables.xls") == Self.lines("standard-tables.xlsx"))
        #expect(xls.figures.count >= 10)
        #expect(xls.figures.mapValues(\.value) == xlsx.figures.mapValues(\.value))
        #expect(xls.figures.mapValues(\.provenance) == xlsx.figures.mapValues(\.provenance))
        #expect(xls.lineItems == xlsx.lineItems)
    }

    @Test(".doc of an explanation: the same lines, figures and tables as its .docx; field instructions and deletions are not text")
    func doc() throws {
        let doc = try read("explanation.doc"), docx = try read("explanation.docx")
        #expect(doc.source.format == "doc")
        #expect(try Self.lines("explanation.doc") == Self.lines("explanation.docx"))
        #expect(doc.figures.count >= 15)
        #expect(doc.figures.mapValues(\.value) == docx.figures.mapValues(\.value))
        #expect(doc.procurement == docx.procurement && doc.procurement.count == 2)
        #expect(doc.figures["three_public.vehicles"]?.value == Decimal(string: "8.4"))
        // Neither the hyperlink's instruction nor the tracked deletion (预算999.99万元) is text.
        #expect(!(try Self.lines("explanation.doc")).contains { $0.contains("1999") || $0.contains("HYPERLINK") || $0.contains("999.99") })
        #expect(try Self.lines("explanation.doc").contains { $0.contains("（详见附表）") })
    }

    @Test("the format is told from the streams inside, whatever the name (.wps, .et, .bin)")
    func detection() throws {
        #expect(try read("explanation.doc", as: "explanation.wps").source.format == "doc")
        #expect(try read("standard-tables.xls", as: "tables.et").source.format == "xls")
        #expect(try read("standard-tables.xls", as: "download.bin").source.format == "xls")
    }

    @Test("an OLE2 file with neither stream says what to save it as")
    func otherCompoundFile() throws {
        var b = fixture("standard-tables.xls")
        let at = try #require(Hostile.find(b, "Workbook"))
        b[at] = UInt8(ascii: "X")     // the stream is now "Xorkbook"
        let f = try #require(failure(Ingest.ingest(bytes: b, path: "x.et")))
        #expect(f.message.contains("save it as .docx or .xlsx"), "\(f.message)")
    }
}

/// Damaged and hostile compound files, built by editing the fixtures where their structures are.
enum Hostile {
    static let sector = 512

    static func find(_ b: [UInt8], _ name: String) -> Int? {
        let pattern = Array(name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        guard b.count >= pattern.count else { return nil }
        return (0...(b.count - pattern.count)).first { Array(b[$0..<($0 + pattern.count)]) == pattern }
    }

    static func u32(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 | Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24 }

    static func put(_ b: inout [UInt8], _ o: Int, _ v: UInt32) {
        for i in 0..<4 { b[o + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
    }

    /// (start sector, size, directory entry offset) of a stream.
    static func stream(_ b: [UInt8], _ name: String) -> (start: Int, size: Int, entry: Int)? {
        guard let e = find(b, name) else { return nil }
        return (u32(b, e + 116), u32(b, e + 120), e)
    }

    /// File offset of a (big) stream's first sector.
    static func firstSector(_ b: [UInt8], _ name: String) -> Int? { stream(b, name).map { ($0.start + 1) * sector } }

    /// File offset of the FAT entry for a sector (the fixtures have one FAT sector).
    static func fatEntry(_ b: [UInt8], _ s: Int) -> Int { (u32(b, 0x4C) + 1) * sector + 4 * s }
}

@Suite("Hostile compound files")
struct HostileCompoundTests {
    static let cases: [(String, String)] = [("standard-tables.xls", "Workbook"), ("explanation.doc", "WordDocument")]

    func refused(_ b: [UInt8], _ hint: String, _ what: String) {
        guard case .failure(let f) = Ingest.ingest(bytes: b, path: what) else { Issue.record("\(what): read"); return }
        #expect(f.message.contains(hint), "\(what): \(f.message)")
    }

    @Test("a cyclic FAT chain is an error, not a hang", arguments: cases)
    func cyclicFAT(name: String, stream: String) throws {
        var b = fixture(name)
        let s = try #require(Hostile.stream(b, stream))
        Hostile.put(&b, Hostile.fatEntry(b, s.start), UInt32(s.start))
        refused(b, "loops", "\(name) cyclic")
    }

    @Test("a cyclic directory chain and a looping DIFAT are errors", arguments: cases)
    func cyclicDirectoryAndDIFAT(name: String, stream: String) throws {
        var dir = fixture(name)
        let d = Hostile.u32(dir, 0x30)
        Hostile.put(&dir, Hostile.fatEntry(dir, d), UInt32(d))
        refused(dir, "loops", "\(name) directory")

        // More FAT sectors than the header lists (so a DIFAT chain must hold them), in a DIFAT sector that names
        // itself as the next one; padding makes the claimed count fit the file.
        var difat = fixture(name)
        let x = difat.count / Hostile.sector + 4
        difat += [UInt8](repeating: 0, count: 300 * Hostile.sector)
        Hostile.put(&difat, 0x2C, 240)
        Hostile.put(&difat, 0x44, UInt32(x))
        Hostile.put(&difat, (x + 2) * Hostile.sector - 4, UInt32(x))
        refused(difat, "DIFAT chain loops", "\(name) DIFAT")

        var claims = fixture(name)
        Hostile.put(&claims, 0x2C, 5000)
        refused(claims, "more than the file holds", "\(name) FAT count")
    }

    @Test("a stream size past the end of the file or of its chain", arguments: cases)
    func sizePastEnd(name: String, stream: String) throws {
        var huge = fixture(name)
        let s = try #require(Hostile.stream(huge, stream))
        Hostile.put(&huge, s.entry + 120, 0x7FFF_FFF0)
        refused(huge, "more than the file holds", "\(name) huge size")

        var longer = fixture(name)
        Hostile.put(&longer, s.entry + 120, UInt32(s.size + 4 * Hostile.sector))
        refused(longer, "size past the end", "\(name) size past chain")

        var sectorPastEnd = fixture(name)
        Hostile.put(&sectorPastEnd, s.entry + 116, 0x00FF_FFF0)
        refused(sectorPastEnd, "past the allocation table", "\(name) start past end")
    }

    @Test("a BIFF record whose length runs past the end of the stream")
    func hugeRecord() throws {
        var b = fixture("standard-tables.xls")
        // The second record of the Workbook stream (after the 4-byte header and data of the BOF).
        let first = try #require(Hostile.firstSector(b, "Workbook"))
        let bofLength = Int(b[first + 2]) | Int(b[first + 3]) << 8
        b[first + 4 + bofLength + 2] = 0xFF
        b[first + 4 + bofLength + 3] = 0xFF
        refused(b, "past the end of the stream", "huge record")
    }

    @Test("a .doc whose piece table points past its text stream")
    func piecePastEnd() throws {
        var b = fixture("explanation.doc")
        let fib = try #require(Hostile.firstSector(b, "WordDocument"))
        Hostile.put(&b, fib + 0x4C, 0x00FF_FFFF)    // ccpText: far more text than the pieces hold is cut at the pieces
        if case .failure(let f) = Ingest.ingest(bytes: b, path: "ccp") { #expect(!f.message.isEmpty) }
        var clx = fixture("explanation.doc")
        Hostile.put(&clx, fib + 0x1A2, 0x7FFF_0000) // fcClx past the table stream
        refused(clx, "piece table", "fcClx")
    }

    @Test("truncations at every 97th byte", arguments: cases)
    func truncated(name: String, stream: String) {
        let b = fixture(name)
        for cut in stride(from: 0, to: b.count, by: 97) {
            switch Ingest.ingest(bytes: Array(b.prefix(cut)), path: "\(name)@\(cut)") {
            case .success(let d): #expect(d.source.path == "\(name)@\(cut)")
            case .failure(let f): #expect(!f.message.isEmpty)
            }
        }
    }

    @Test("2,000 mutations of each never trap or hang", arguments: ["standard-tables.xls", "explanation.doc"])
    func mutations(name: String) {
        let original = fixture(name)
        var g = SplitMix(seed: 0x01E2 &+ UInt64(name.count))
        var outcomes = 0
        for n in 0..<2000 {
            var bytes = MutationTests.mutate(original, &g)
            // Half the time, also overwrite a 32-bit field inside the streams (sizes, offsets, counts).
            if n % 2 == 1, bytes.count > 1024 {
                let o = 512 + g.below(bytes.count - 516)
                Hostile.put(&bytes, o, g.below(3) == 0 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: g.next()))
            }
            switch Ingest.ingest(bytes: bytes, path: "\(name)#\(n)") {
            case .success(let d): #expect(d.source.path == "\(name)#\(n)"); outcomes += 1
            case .failure(let f): #expect(f.path == "\(name)#\(n)" && !f.message.isEmpty); outcomes += 1
            }
        }
        #expect(outcomes == 2000)
    }
}
