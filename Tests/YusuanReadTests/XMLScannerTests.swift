import Foundation
import Testing
import YusuanModel
@testable import YusuanRead

/// XMLScanner against libxml2's SAX2 parser, which it replaces for UTF-8 parts: on hand-picked cases and on
/// byte mutants of office XML, both must refuse, or both must give the same events.
@Suite("XML scanner")
struct XMLScannerTests {
    /// Every event as a line; consecutive character data joined (the two parsers cut it differently).
    struct Recorder: XMLSink {
        var lines: [String] = []
        var text: [UInt8] = []
        mutating func flush() {
            if !text.isEmpty { lines.append("T " + String(decoding: text, as: UTF8.self).debugDescription) }
            text = []
        }
        mutating func start(_ e: XMLStart) throws(ContainerError) {
            flush()
            let attributes = e.attributes.map { String(decoding: $0.name, as: UTF8.self) + "=" + $0.string.debugDescription }
            lines.append("S " + String(decoding: e.name, as: UTF8.self) + " " + attributes.joined(separator: " "))
        }
        mutating func end() throws(ContainerError) {
            flush()
            lines.append("E")
        }
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(ContainerError) { text += bytes }
    }

    /// The events, or "refused: …".
    static func events(_ xml: [UInt8], libxml2: Bool) -> [String] {
        do {
            var r = libxml2 ? try SafeXML.parseWithLibxml2(xml, what: "part", Recorder()) : try SafeXML.parse(xml, what: "part", Recorder())
            r.flush()
            return r.lines
        } catch {
            return ["refused: \(error.description)"]
        }
    }

    static func same(_ xml: [UInt8]) -> Bool { events(xml, libxml2: true) == events(xml, libxml2: false) }

    static let document = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
    <!-- made by hand -->
    <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="urn:mc" mc:Ignorable="w14">
    <w:body><w:p w:rsidR="00AB"><w:r><w:t xml:space="preserve"> 一般公共预算 &amp; 支出 &lt;万元&gt; &#x4E00;&#20108;</w:t></w:r>\r\n<w:r><w:tab/><w:t>a\rb]c]]d</w:t></w:r></w:p>
    <?mso-application progid="Word.Document"?>
    <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val='restart'/></w:tcPr><w:p><w:r><w:t><![CDATA[<合计> & 1\r\n2]]></w:t></w:r></w:p></w:tc></w:tr></w:tbl>
    <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText a="x&#38;y&amp;z&#10;&#9;q\r\n\tr" b="&quot;&apos;">TOC</w:instrText></w:r></w:p>
    <mc:AlternateContent><mc:Choice Requires="w14"><w:p/></mc:Choice><mc:Fallback><w:p></w:p ></mc:Fallback></mc:AlternateContent>
    <w:sectPr/></w:body></w:document>
    <!-- after -->

    """

    @Test("hand-picked parts: the same events or both refused")
    func handPicked() {
        let cases: [String] = [
            Self.document,
            "<a/>", "<a></a>", "<a>x</a>", "\u{FEFF}<a>x</a>", "<?xml version='1.0'?><a/>", "<?xml version=\"1.1\" encoding='utf-8'?><a/>",
            "<a b='1' c=\"2\"/>", "<a b='1'c='2'/>", "<a b='1' b='2'/>", "<a xmlns:p='u' xmlns:p='v'/>", "<a xmlns='u' p:q='1'/>",
            "<a>&unknown;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#x110000;</a>", "<a>&#99999999999999999999;</a>", "<a>&#65</a>",
            "<a>]]></a>", "<a><!-- a -- b --></a>", "<a><!----></a>", "<a><!-- x ---></a>", "<a><?xml x?></a>", "<a><?XML x?></a>",
            "<a><?xml-x y?></a>", "<a><?p?></a>", "<a><?p?x?></a>", "<a></b>", "<a>", "<a/><b/>", "x<a/>", "<a/>x", "<a/>&amp;",
            "<a>\u{1}</a>", "<a>\u{FFFE}</a>", "<a>\u{FFFD}\u{10FFFF}\u{E000}\u{D7FF}</a>", "<a b='<'/>", "<a b='&'/>", "<a b='&amp'/>",
            "<a\tb = 'x' >y</a\t>", "<a b=x/>", "<a b/>", "<1a/>", "<a-b.c_d/>", "<a><b><c/></b></a>", "<é名><ü/></é名>", "<a·b/>",
            "<a><![CDATA[x]]]></a>", "<a><![CDATA[x]]></a>", "<a><![CDATA[x</a>", "<a><!DOCTYPE x></a>", "<a><!x></a>",
            "<?xml version='2.0'?><a/>", "<?xml version='1.'?><a/>", "<?xml version='1'?><a/>", "<?xml version='11.0'?><a/>", "<?xml version='1.0' standalone='maybe'?><a/>", "<?xml version='1.0'encoding='UTF-8'?><a/>",
            "<?xml version='1.0' ?><a/>", "<?xml version='1.0' encoding='utf-8'standalone='no'?><a/>", "<?xml version='1.0'standalone='no'?><a/>", " <?xml version='1.0'?><a/>", "<?xml  version = '1.0' ?><a/>", "<a>\r\n\r</a>",
            "<a b='\r\n'/>", "<a>&#13;&#10;</a>", "<a b='&#13;&#32;'/>", "<a:b xmlns:a='u'><a:c/></a:b>", "<a/>\0", "<a/>\0x", "<a>\0</a>", "<a/><!-- \0 -->",
            "<:a/>", "<a:/>", "<a::b/>", "<a:b:c/>", "<a:1b/>", "<a:-b/>", "<a b:='1'/>", "<a xmlns:b:c='u'/>", "<a xmlns:-b='u'/>", "<a xmlns:='u'/>", "<a xmlns:é='u'/>", "<a xmlnsx='u'/>", "<a:b></a:b >", "<a>\u{85}\u{2028}</a>",
        ]
        for c in cases {
            let xml = Array(c.utf8)
            #expect(Self.events(xml, libxml2: true) == Self.events(xml, libxml2: false), "\(c.debugDescription)")
        }
        // Invalid UTF-8, a lone continuation byte, an overlong form, a surrogate, U+FFFF, a truncated sequence.
        for bad: [UInt8] in [[0xFF], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xE4, 0xB8]] {
            for xml in [Array("<a>".utf8) + bad + Array("</a>".utf8), Array("<a b='".utf8) + bad + Array("'/>".utf8)] {
                #expect(Self.same(xml), "\(xml)")
            }
        }
    }

    /// libxml2's nesting limit: 257 elements open at once are read, 258 are refused, by both.
    @Test("nesting limit as libxml2's")
    func depth() {
        for depth in [256, 257, 258] {
            let xml = Array((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8)
            #expect(Self.same(xml), "depth \(depth)")
        }
    }

    /// Parts in another encoding are left to libxml2, and read.
    @Test("other encodings go to libxml2")
    func otherEncodings() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "<a>预算</a>".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        var r = try SafeXML.parse(utf16, what: "part", Recorder())
        r.flush()
        #expect(r.lines == ["S a ", "T \"预算\"", "E"])
        #expect(!Array("<?xml version='1.0' encoding='GB2312'?><a/>".utf8).withUnsafeBufferPointer { XMLScanner.isUTF8($0) })
    }

    /// Byte mutants of a WordprocessingML part: replaced, inserted, deleted and doubled bytes, drawn from the
    /// characters that matter to XML syntax.
    @Test("mutants: the same events or both refused")
    func mutants() {
        compareMutants(of: Array(Self.document.utf8), count: Int(ProcessInfo.processInfo.environment["YUSUAN_XML_MUTANTS"] ?? "") ?? 3000)
    }

    /// The same on parts of the ingest fixtures: two document.xml (Word-like and LibreOffice), a workbook and a sheet.
    @Test("mutants of real parts: the same events or both refused", arguments: [
        ("seed.docx", "word/document.xml"), ("lo-tables.docx", "word/document.xml"),
        ("standard-tables.xlsx", "xl/workbook.xml"), ("standard-tables.xlsx", "xl/worksheets/sheet1.xml"),
    ])
    func realParts(file: String, part: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../YusuanIngestTests/Fixtures/\(file)")
        var zip = try OfficeZip(bytes: Array(try Data(contentsOf: url)))
        let xml = try #require(try zip.read(part))
        #expect(Self.same(xml))
        compareMutants(of: xml, count: 200)
    }

    /// XMLNames' cache (names of up to 16 bytes packed into words) against the table, on the table's names, near
    /// misses, and random names of 1 to 20 bytes, asked several times in random order so that slots are reused.
    @Test("element names: the cache answers as the table")
    func namesCache() {
        let table = ["w:p", "w:r", "w:t", "w:tbl", "a", "mc:AlternateContent", "x:0123456789abcdef", "x:0123456789abcde", "名字"]
        var names = XMLNames(table.enumerated().map { ($0.element, $0.offset) })
        var candidates = table + ["w:pp", "w:", "p", "w:tb", "mc:AlternateConten", "x:0123456789abcdeg", "x:0123456789abcd", "名", "w:p\0"]
        var g = SplitMix64(seed: 20_261_127)
        let alphabet = Array("w:ptrbl0名".unicodeScalars)
        for _ in 0..<3000 {
            candidates.append(String(String.UnicodeScalarView((0...g.below(12)).map { _ in alphabet[g.below(alphabet.count)] })))
        }
        for _ in 0..<4 {
            for k in candidates.indices.reversed() { candidates.swapAt(k, g.below(k + 1)) }
            for c in candidates {
                let tag = Array(c.utf8).withUnsafeBufferPointer { names.tag(XMLStart(name: $0, attributes: UnsafeBufferPointer(start: nil, count: 0))) }
                #expect(tag == table.firstIndex(of: c), "\(c.debugDescription)")
            }
        }
    }

    func compareMutants(of seed: [UInt8], count mutants: Int) {
        var g = SplitMix64(seed: 20_261_127)
        let alphabet: [UInt8] = Array("<>/&;#x=\"' \r\n\t!?-[]:ab0123456789CDATAw".utf8) + [0x00, 0xE4, 0xB8, 0x80, 0xFF, 0xC2, 0xA0]
        var differing: [String] = [], count = 0
        for _ in 0..<mutants {
            var m = seed
            for _ in 0...g.below(3) {
                let k = g.below(m.count)
                switch g.below(4) {
                case 0: m[k] = alphabet[g.below(alphabet.count)]
                case 1: m.insert(alphabet[g.below(alphabet.count)], at: k)
                case 2: m.remove(at: k)
                default: m.insert(contentsOf: m[k..<min(m.count, k + g.below(12))], at: k)
                }
            }
            if !Self.same(m) {
                count += 1
                if differing.count < 3 { differing.append(String(decoding: m, as: UTF8.self).debugDescription) }
            }
        }
        #expect(differing.isEmpty, "\(count) differ: \(differing)")
    }
}
