import Foundation
import Testing
import YusuanIngest
import YusuanRead

/// Small compound files built byte by byte, for what LibreOffice's files do not contain: BIFF5 text in a codepage,
/// a shared string split across CONTINUE records, RK hundredths, formula results; compressed 8-bit .doc pieces and
/// tables without paragraph properties.
enum Build {
    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) } }
    static func record(_ type: Int, _ data: [UInt8]) -> [UInt8] { le16(type) + le16(data.count) + data }
    static func utf16(_ s: String) -> [UInt8] { s.utf16.flatMap { le16(Int($0)) } }

    /// A compound file, version 3 (512-byte sectors) or 4 (4096): FAT in sector 0, directory in sector 1, then
    /// each stream in its own sectors. The mini-stream cutoff is 0, so every stream is in the FAT (the fixtures
    /// cover the mini stream).
    static func compoundFile(_ streams: [(String, [UInt8])], version: Int = 3) -> [UInt8] {
        let size = version == 4 ? 4096 : 512
        var fat: [UInt32] = [0xFFFF_FFFD, 0xFFFF_FFFE]
        var data: [UInt8] = []
        var dir: [UInt8] = []
        func entry(_ name: String, type: UInt8, right: UInt32, child: UInt32, start: UInt32, size: Int) -> [UInt8] {
            var e = utf16(name) + [0, 0]
            let nameBytes = e.count
            e += [UInt8](repeating: 0, count: 64 - e.count)
            e += le16(nameBytes) + [type, 1] + le32(0xFFFF_FFFF) + le32(right) + le32(child)
            e += [UInt8](repeating: 0, count: 36) + le32(start) + le32(UInt32(size)) + [0, 0, 0, 0]
            return e
        }
        dir += entry("Root Entry", type: 5, right: 0xFFFF_FFFF, child: 1, start: 0xFFFF_FFFE, size: 0)
        for (i, (name, bytes)) in streams.enumerated() {
            let start = fat.count, n = max(1, (bytes.count + size - 1) / size)
            for k in 0..<n { fat.append(k == n - 1 ? 0xFFFF_FFFE : UInt32(start + k + 1)) }
            data += bytes + [UInt8](repeating: 0, count: n * size - bytes.count)
            dir += entry(name, type: 2, right: i + 1 < streams.count ? UInt32(i + 2) : 0xFFFF_FFFF, child: 0xFFFF_FFFF, start: UInt32(start), size: bytes.count)
        }
        precondition(fat.count <= size / 4 && dir.count <= size)
        var header: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
        header += le16(0x3E) + le16(version) + le16(0xFFFE) + le16(version == 4 ? 12 : 9) + le16(6) + [UInt8](repeating: 0, count: 6)
        header += le32(version == 4 ? 1 : 0) + le32(1) + le32(1) + le32(0) + le32(0) + le32(0xFFFF_FFFE) + le32(0) + le32(0xFFFF_FFFE) + le32(0)
        header += le32(0) + (1..<109).flatMap { _ in le32(0xFFFF_FFFF) }
        header += [UInt8](repeating: 0, count: size - header.count)
        let fatSector = fat.flatMap(le32) + (fat.count..<(size / 4)).flatMap { _ in le32(0xFFFF_FFFF) }
        return header + fatSector + dir + [UInt8](repeating: 0, count: size - dir.count) + data
    }

    /// A .doc of text pieces (UTF-16 or compressed 8-bit), with no paragraph or character properties.
    static func doc(_ pieces: [(String, Bool)], version: Int = 3) -> [UInt8] {
        var text: [UInt8] = []
        var cps: [UInt32] = [0], pcds: [UInt8] = []
        for (s, compressed) in pieces {
            let fc = 1536 + text.count
            pcds += le16(0) + le32(compressed ? UInt32(fc * 2) | 0x4000_0000 : UInt32(fc)) + le16(0)
            text += compressed ? s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } : utf16(s)
            cps.append((cps.last ?? 0) + UInt32(s.utf16.count))
        }
        let clx: [UInt8] = [2] + le32(UInt32(cps.count * 4 + pcds.count)) + cps.flatMap(le32) + pcds
        var fib = le16(0xA5EC) + le16(0x00C1) + [0, 0, 0, 0, 0, 0] + le16(0x0200) + [UInt8](repeating: 0, count: 20)
        fib += le16(14) + [UInt8](repeating: 0, count: 28) + le16(22)
        var lw = [UInt8](repeating: 0, count: 88)
        lw.replaceSubrange(12..<16, with: le32(cps.last ?? 0))
        fib += lw + le16(93)
        var fcLcb = [UInt8](repeating: 0, count: 93 * 8)
        fcLcb.replaceSubrange(264..<272, with: le32(0) + le32(UInt32(clx.count)))
        fib += fcLcb
        let word = fib + [UInt8](repeating: 0, count: 1536 - fib.count) + text
        return compoundFile([("WordDocument", word), ("1Table", clx)], version: version)
    }

    static func lines(_ bytes: [UInt8]) throws -> TextDocument {
        switch Ingest.read(bytes: bytes, path: "hand-made") {
        case .success(let (doc, _)): return doc
        case .failure(let f): throw f
        }
    }

    static func tables(_ doc: TextDocument) -> [[[String]]] {
        doc.blocks.compactMap { if case .table(let t) = $0 { return t.rows.map { $0.cells.map(\.text) } } else { return nil } }
    }
}

@Suite("Hand-made legacy files")
struct HandMadeOfficeTests {
    @Test("BIFF5 (Excel 95): sheet names and labels in the workbook's codepage (936), numbers and RK values")
    func biff5() throws {
        let gbk = { (s: String) in try #require(TextDecoding.convert(Array(s.utf8), from: "UTF-8", to: "GB18030")) }
        let name = try gbk("部门收支总表"), label = try gbk("一般公共预算拨款收入"), total = try gbk("收入总计")
        let bof = Build.record(0x0809, Build.le16(0x0500) + Build.le16(0x0005) + [0, 0, 0, 0])
        var globals = bof + Build.record(0x0042, Build.le16(936))
        let sheetPlaceholder = globals.count
        globals += Build.record(0x0085, Build.le32(0) + [0, 0, UInt8(name.count)] + name) + Build.record(0x000A, [])
        var sheet = Build.record(0x0809, Build.le16(0x0500) + Build.le16(0x0010) + [0, 0, 0, 0])
        sheet += Build.record(0x0204, Build.le16(0) + Build.le16(0) + Build.le16(0) + Build.le16(label.count) + label)
        sheet += Build.record(0x027E, Build.le16(0) + Build.le16(1) + Build.le16(0) + Build.le32(UInt32(118050 << 2 | 3)))   // 1180.50 as RK hundredths
        sheet += Build.record(0x0204, Build.le16(1) + Build.le16(0) + Build.le16(0) + Build.le16(total.count) + total)
        let d = 1250.5.bitPattern
        sheet += Build.record(0x0203, Build.le16(1) + Build.le16(1) + Build.le16(0) + Build.le32(UInt32(d & 0xFFFF_FFFF)) + Build.le32(UInt32(d >> 32)))
        sheet += Build.record(0x000A, [])
        // The BOUNDSHEET's offset of the sheet's BOF.
        let offset = Build.le32(UInt32(globals.count))
        globals.replaceSubrange((sheetPlaceholder + 4)..<(sheetPlaceholder + 8), with: offset)
        let doc = try Build.lines(Build.compoundFile([("Book", globals + sheet)]))
        #expect(doc.lines.first == "部门收支总表")
        #expect(Build.tables(doc) == [[["一般公共预算拨款收入", "1180.5"], ["收入总计", "1250.5"]]])
        #expect(doc.encoding.contains("BIFF5") && doc.encoding.contains("GB18030"))
    }

    @Test("BIFF8: a shared string split across CONTINUE (UTF-16, then compressed), MULRK, formula results, BOOLERR, merged header")
    func biff8() throws {
        let bof = Build.record(0x0809, Build.le16(0x0600) + Build.le16(0x0005) + [UInt8](repeating: 0, count: 12))
        let sheetName = Build.utf16("表一")
        // SST: 2 strings; the second, "收支ABC", starts in UTF-16 and continues compressed in a CONTINUE record.
        let first = Build.le16(2) + [1] + Build.utf16("项目")
        let sst = Build.record(0x00FC, Build.le32(3) + Build.le32(2) + first + Build.le16(5) + [1] + Build.utf16("收支"))
            + Build.record(0x003C, [0] + Array("ABC".utf8))
        var globals = bof + sst
        let at = globals.count
        globals += Build.record(0x0085, Build.le32(0) + [0, 0, 2, 1] + sheetName) + Build.record(0x000A, [])
        func cell(_ r: Int, _ c: Int) -> [UInt8] { Build.le16(r) + Build.le16(c) + Build.le16(0) }
        var sheet = Build.record(0x0809, Build.le16(0x0600) + Build.le16(0x0010) + [UInt8](repeating: 0, count: 12))
        sheet += Build.record(0x00FD, cell(0, 0) + Build.le32(0))                                  // 项目 (merged over A1:B1)
        sheet += Build.record(0x00FD, cell(0, 2) + Build.le32(1))                                  // 收支ABC
        sheet += Build.record(0x00FD, cell(1, 0) + Build.le32(7))                                  // index past the SST: ignored
        // MULRK on row 2: 12.34 (hundredths), -5 (integer), 0.25 (double's high bits)
        let quarter = UInt32(truncatingIfNeeded: 0.25.bitPattern >> 32)
        sheet += Build.record(0x00BD, Build.le16(2) + Build.le16(0) + Build.le16(0) + Build.le32(1234 << 2 | 3)
                              + Build.le16(0) + Build.le32(UInt32(bitPattern: Int32(-5) << 2) | 2) + Build.le16(0) + Build.le32(quarter) + Build.le16(2))
        let n = 99.5.bitPattern
        sheet += Build.record(0x0006, cell(3, 0) + Build.le32(UInt32(n & 0xFFFF_FFFF)) + Build.le32(UInt32(n >> 32)) + [0, 0, 0, 0, 0, 0])
        sheet += Build.record(0x0006, cell(3, 1) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + [0, 0, 0, 0, 0, 0])
        sheet += Build.record(0x0207, Build.le16(2) + [1] + Build.utf16("合计"))
        sheet += Build.record(0x0205, cell(3, 2) + [0x07, 1])                                      // #DIV/0!
        sheet += Build.record(0x00E5, Build.le16(1) + Build.le16(0) + Build.le16(0) + Build.le16(0) + Build.le16(1))
        sheet += Build.record(0x000A, [])
        globals.replaceSubrange((at + 4)..<(at + 8), with: Build.le32(UInt32(globals.count)))
        let doc = try Build.lines(Build.compoundFile([("Workbook", globals + sheet)]))
        #expect(doc.lines.first == "表一")
        #expect(Build.tables(doc) == [[["项目", "项目", "收支ABC"], ["12.34", "-5", "0.25"], ["99.5", "合计", "#DIV/0!"]]])
    }

    @Test(".doc: a UTF-16 piece and a compressed 8-bit piece, a field, a table without paragraph properties (compound file v3 and v4)", arguments: [3, 4])
    func doc(version: Int) throws {
        let doc = try Build.lines(Build.doc([
            ("说明\r", false),
            ("Total 12.5 \u{93}ok\u{94}\r", true),
            ("见\u{13} HYPERLINK \"x\" \u{14}附表\u{15}\r甲\u{07}乙\u{07}\u{07}丙\u{07}丁\u{07}\u{07}结束\r", false),
        ], version: version))
        #expect(Array(doc.lines.prefix(3)) == ["说明", "Total 12.5 \u{201C}ok\u{201D}", "见附表"])
        #expect(Build.tables(doc) == [[["甲", "乙"], ["丙", "丁"]]])
        #expect(doc.lines.last == "结束")
    }

    @Test(".doc: 20,000 nested field instructions are skipped in linear time, the text after them kept")
    func nestedFields() throws {
        let start = Date()
        let nested = String(repeating: "\u{13}a", count: 20_000) + String(repeating: "\u{15}", count: 20_000)
        let doc = try Build.lines(Build.doc([(nested + "\rEND\r", true)]))
        #expect(!doc.lines.contains { $0.contains("a") } && doc.lines.last == "END")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test(".xls: thousands of sheets pointing into one another are refused, not read again and again")
    func overlappingSheets() throws {
        let bof = Build.record(0x0809, Build.le16(0x0600) + Build.le16(0x0005) + [UInt8](repeating: 0, count: 12))
        let sheets = 2_500
        let globalsSize = bof.count + sheets * 13 + 4
        var globals = bof
        for _ in 0..<sheets { globals += Build.record(0x0085, Build.le32(UInt32(globalsSize)) + [0, 0, 1, 0, UInt8(ascii: "S")]) }
        globals += Build.record(0x000A, [])
        var sheet = Build.record(0x0809, Build.le16(0x0600) + Build.le16(0x0010) + [UInt8](repeating: 0, count: 12))
        for r in 0..<1_000 { sheet += Build.record(0x027E, Build.le16(r) + Build.le16(0) + Build.le16(0) + Build.le32(UInt32(r << 2 | 2))) }
        sheet += Build.record(0x000A, [])
        let f = try #require(failure(Ingest.ingest(bytes: Build.compoundFile([("Workbook", globals + sheet)]), path: "sheets.xls")))
        #expect(f.message.contains("overlap"), "\(f.message)")
    }
}
