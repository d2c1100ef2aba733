import Foundation
import Testing
import YusuanIngest
import YusuanModel
import YusuanRead
import ZIPFoundation

/// Inputs made by an attacker or a careless user (issue 14): they end quickly, with an error naming the file.
@Suite("Hostile input")
struct HostileInputTests {
    /// A zip of the given entries, written by hand so that an entry's compressed bytes can be anything.
    static func handZip(_ entries: [(name: String, data: [UInt8], method: UInt16, size: Int, crc: UInt32)]) -> [UInt8] {
        func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        var out: [UInt8] = [], cd: [UInt8] = []
        for e in entries {
            let name = Array(e.name.utf8), offset = out.count
            let common = le(20, 2) + le(0, 2) + le(Int(e.method), 2) + le(0, 4) + le(Int(e.crc), 4) + le(e.data.count, 4) + le(e.size, 4) + le(name.count, 2) + le(0, 2)
            out += le(0x0403_4B50, 4) + common + name + e.data
            cd += le(0x0201_4B50, 4) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(offset, 4) + name
        }
        let eocd = le(0x0605_4B50, 4) + le(0, 4) + le(entries.count, 2) + le(entries.count, 2) + le(cd.count, 4) + le(out.count, 4) + le(0, 2)
        return out + cd + eocd
    }

    /// A deflate stream of one stored block that is not the last: it never ends.
    static let endless: [UInt8] = [0x00, 0x05, 0x00, 0xFA, 0xFF] + Array("<a/>x".utf8)

    @Test("a deflate stream that never ends is refused at once", arguments: ["word/document.xml", "xl/workbook.xml"])
    func endlessDeflate(part: String) throws {
        let bytes = Self.handZip([(part, Self.endless, 8, 5, 0)]) + Array(repeating: 0, count: 64)
        let began = Date()
        let f = try #require(failure(Ingest.ingest(bytes: bytes, path: "endless")))
        #expect(Date().timeIntervalSince(began) < 2)
        #expect(f.path == "endless" && f.message.contains("cannot be decompressed"), "\(f.message)")
    }

    @Test func entryLargerThanItsDeclaredSizeIsRefused() throws {
        let xml = Array("<w:document xmlns:w=\"w\"><w:body/></w:document>".utf8)
        var zip = try #require(try? OfficeZip(bytes: try Self.deflatedZip(["word/document.xml": xml])))
        #expect(try zip.read("word/document.xml") == xml)
        // The same compressed bytes declared one byte shorter: the output stops there, and it is an error.
        let raw = try Self.rawDeflate(xml)
        let crc = UInt32(truncatingIfNeeded: Self.crc32(xml))
        var short = try OfficeZip(bytes: Self.handZip([("word/document.xml", raw, 8, xml.count - 1, crc)]))
        #expect(throws: ContainerError.self) { _ = try short.read("word/document.xml") }
    }

    static func deflatedZip(_ parts: [String: [UInt8]]) throws -> [UInt8] {
        try ContainerMutationTests.zip(parts.sorted { $0.key < $1.key }.map { ($0.key, Data($0.value)) })
    }

    /// The raw deflate bytes of `data`, taken from a zip ZIPFoundation wrote.
    static func rawDeflate(_ data: [UInt8]) throws -> [UInt8] {
        let zip = try deflatedZip(["x": data])
        let nameLength = Int(zip[26]) | Int(zip[27]) << 8, extra = Int(zip[28]) | Int(zip[29]) << 8
        let size = Int(zip[18]) | Int(zip[19]) << 8 | Int(zip[20]) << 16 | Int(zip[21]) << 24
        let start = 30 + nameLength + extra
        return Array(zip[start..<(start + size)])
    }

    static func crc32(_ data: [UInt8]) -> Int {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return Int(c ^ 0xFFFF_FFFF)
    }

    @Test("a file over its time budget is abandoned with an error, and the folder goes on")
    func timeBudget() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.txt").path
        try Data(seedBytes).write(to: URL(fileURLWithPath: file))
        let f = try #require(failure(Ingest.ingest(file: file, timeLimit: 0)))
        #expect(f.path == file && f.message.contains("longer than"), "\(f.message)")
        #expect(success(Ingest.ingest(file: file, timeLimit: 60)) != nil)
    }

    @Test("an amount beyond any budget is refused with a warning naming its line")
    func implausibleAmount() throws {
        // The seed states its income in prose on one line; that statement made absurd (past Int64 in 万元).
        var lines = String(decoding: seedBytes, as: UTF8.self).components(separatedBy: "\n")
        let i = try #require(lines.firstIndex { $0.contains("年预算收入9250.53万元") })
        lines[i] = lines[i].replacingOccurrences(of: "年预算收入9250.53万元", with: "年预算收入99999999999999999999.00万元")
        let text = lines.joined(separator: "\n")
        let d = try #require(success(Ingest.ingest(bytes: Array(text.utf8), path: "huge.txt")))
        #expect(d.warnings.contains { $0.hasPrefix("line \(i + 1):") && $0.contains("10^12") }, "\(d.warnings)")
        #expect(!d.figures.values.contains { abs($0.value) > Decimal(sign: .plus, exponent: 12, significand: 1) })
    }

    /// A sheet whose cells are given as (reference, text).
    static func workbook(_ cells: [(String, String)]) throws -> [UInt8] {
        let rows = Dictionary(grouping: cells) { ref in Int(ref.0.drop { $0.isLetter }) ?? 0 }
        var sheet = "<worksheet><sheetData>"
        for r in rows.keys.sorted() {
            sheet += "<row r=\"\(r)\">" + rows[r]!.map { "<c r=\"\($0.0)\" t=\"inlineStr\"><is><t>\($0.1)</t></is></c>" }.joined() + "</row>"
        }
        sheet += "</sheetData></worksheet>"
        return try deflatedZip([
            "xl/workbook.xml": Array("<workbook xmlns:r=\"r\"><sheets><sheet name=\"表一\" r:id=\"rId1\"/></sheets></workbook>".utf8),
            "xl/_rels/workbook.xml.rels": Array("<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8),
            "xl/worksheets/sheet1.xml": Array(sheet.utf8),
        ])
    }

    @Test("a cell in column XFD does not pad every row to 16,384 cells")
    func sparseRows() throws {
        var cells: [(String, String)] = [("A1", "2021年部门收支总表"), ("A2", "项目"), ("B2", "金额"), ("XFD2", "备注")]
        for r in 3...400 { cells.append(("A\(r)", "科目\(r)")); cells.append(("B\(r)", "\(r).00")) }
        let bytes = try Self.workbook(cells)
        guard case .success(let (doc, _)) = Ingest.read(bytes: bytes, path: "wide.xlsx") else { Issue.record("not read"); return }
        #expect(doc.lines.count < 4000, "\(doc.lines.count) lines")
        #expect(doc.lines.contains("\t备注"))
    }

    @Test("a sheet laid out over too many cells is refused with a clear error")
    func layoutLimit() throws {
        // A diagonal: each row one cell further right, 2,000 rows × ~2,000 columns once laid out.
        let cells = (1...2000).map { r -> (String, String) in (Self.column(r * 8) + "\(r)", "x") }
        let f = try #require(failure(Ingest.ingest(bytes: try Self.workbook(cells), path: "diag.xlsx")))
        #expect(f.message.contains("lays out more than"), "\(f.message)")
    }

    static func column(_ n: Int) -> String {
        var n = n, s = ""
        repeat { s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s; n = (n - 1) / 26 } while n > 0
        return s
    }
}

@Suite("Folders that cannot be walked")
struct FolderWalkTests {
    @Test("non-UTF-8 names, dangling symlinks and symlink loops are failures naming the path")
    func walkFailures() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-walk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(seedBytes).write(to: URL(fileURLWithPath: dir + "/good.txt"))
        // A name in GB18030 bytes, not UTF-8.
        let bad = Array(dir.utf8) + Array("/".utf8) + [0xB2, 0xBF, 0xC3, 0xC5] + Array(".txt".utf8)
        let fd = bad.withUnsafeBufferPointer { b in (b.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0); close(fd)
        try FileManager.default.createSymbolicLink(atPath: dir + "/gone.txt", withDestinationPath: dir + "/nothing.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/sub/loop", withDestinationPath: dir)
        let (files, failures) = Ingest.expand([dir])
        #expect(files == [dir + "/good.txt"])
        let messages = failures.map(\.description)
        #expect(messages.contains { $0.contains("\\xB2\\xBF") && $0.contains("not UTF-8") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix(dir + "/gone.txt") && $0.contains("symlink to nothing") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix(dir + "/sub/loop") && $0.contains("loop") }, "\(messages)")
        let r = Ingest.run(paths: [dir])
        #expect(r.disclosures.count == 1 && r.failures.count == 3)
    }

    @Test func unlistableFolderIsAFailure() throws {
        guard getuid() != 0 else { return }  // root lists any folder
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-locked-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/locked", withIntermediateDirectories: true)
        defer { chmod(dir + "/locked", 0o755); try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir + "/locked", 0)
        let (_, failures) = Ingest.expand([dir])
        #expect(failures.contains { $0.path == dir + "/locked" && $0.message.contains("cannot list") })
    }
}
