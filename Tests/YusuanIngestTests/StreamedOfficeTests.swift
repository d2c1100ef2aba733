import Foundation
import Testing
import YusuanIngest
import YusuanRead

/// .docx and .xlsx parts are read as streams: what a tree made easy (the first Choice even after a Fallback, a
/// cell's merge mark after its text, the first of several parts) must still hold. The expected lines are the ones
/// the earlier tree reader gave for the same files.
@Suite("Streamed office parts")
struct StreamedOfficeTests {
    static func docx(_ body: String) throws -> [UInt8] {
        try HostileInputTests.deflatedZip([
            "word/document.xml": Array("<w:document xmlns:w=\"w\" xmlns:mc=\"mc\"><w:body>\(body)</w:body></w:document>".utf8),
        ])
    }
    static func p(_ t: String) -> String { "<w:p><w:r><w:t>\(t)</w:t></w:r></w:p>" }
    static func tc(_ t: String) -> String { "<w:tc>\(p(t))</w:tc>" }

    static func lines(_ bytes: [UInt8]) throws -> [String] {
        switch Ingest.read(bytes: bytes, path: "streamed") {
        case .success(let (doc, _)): return Array(doc.lines)
        case .failure(let f): throw f
        }
    }

    @Test("an alternate's Choice replaces a Fallback read before it; field instructions, deletions, nested elements of w:t are not text")
    func alternatesAndFields() throws {
        let body = Self.p("前言")
            + "<mc:AlternateContent><mc:Fallback>\(Self.p("备用"))</mc:Fallback><mc:Choice>\(Self.p("选用"))</mc:Choice>"
            + "<mc:Fallback>\(Self.p("又一备用"))</mc:Fallback></mc:AlternateContent>"
            + "<mc:AlternateContent><mc:Fallback>\(Self.p("只有备用"))</mc:Fallback><mc:Fallback>\(Self.p("第二备用"))</mc:Fallback></mc:AlternateContent>"
            + "<w:p><w:r><w:t>收入</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
            + "<w:r><w:t>指令</w:t></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>12</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:del><w:r><w:t>删</w:t></w:r></w:del><w:ins><w:r><w:t>万元</w:t></w:r></w:ins></w:p>"
            // A Fallback that opens a field: once the Choice replaces it, the field is not open.
            + "<w:p><w:r><mc:AlternateContent><mc:Fallback><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:t>旧</w:t></w:r></mc:Fallback>"
            + "<mc:Choice><w:r><w:t>新</w:t></w:r></mc:Choice></mc:AlternateContent><w:t>文<w:x>不是</w:x>字</w:t></w:r></w:p>"
        #expect(try Self.lines(Self.docx(body)) == ["前言", "选用", "只有备用", "收入12万元", "新文字"])
    }

    @Test("a merge mark after a cell's text, a second w:tcPr, a table inside a cell, content controls holding cells")
    func tables() throws {
        let body = "<w:tbl><w:tr>" + Self.tc("项目") + Self.tc("金额") + "</w:tr>"
            + "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" + Self.p("合计") + "</w:tc>" + Self.tc("100") + "</w:tr>"
            + "<w:tr><w:tc>" + Self.p("续") + "<w:tcPr><w:vMerge/></w:tcPr></w:tc>"
            + "<w:tc><w:tcPr/>" + Self.p("50") + "<w:tcPr><w:vMerge/></w:tcPr></w:tc></w:tr>"
            + "<w:tr><w:tc>" + Self.p("上") + "<w:tbl><w:tr>" + Self.tc("a") + "<w:tc/>" + Self.tc("b") + "</w:tr></w:tbl></w:tc>"
            + "<w:sdt><w:sdtContent>" + Self.tc("x") + "<w:sdt><w:sdtContent>" + Self.tc("不读") + "</w:sdtContent></w:sdt></w:sdtContent>"
            + "<w:sdtContent>" + Self.tc("第二内容") + "</w:sdtContent></w:sdt>" + Self.tc("y") + "</w:tr></w:tbl>"
        #expect(try Self.lines(Self.docx(body))
                == ["\t项目", "\t金额", "", "\t合计", "\t100", "", "\t", "\t50", "", "\t上", "a b", "\tx", "\ty", ""])
    }

    @Test("attribute values with references, the first <sheets>, the last of duplicate relationship ids, shared strings from runs, inline strings, the first <v>")
    func workbook() throws {
        let bytes = try HostileInputTests.deflatedZip([
            // The name's "&" written three ways, and a literal "&#38;" after it.
            "xl/workbook.xml": Array(("<workbook xmlns:r=\"r\"><sheets><sheet name=\"收&amp;支&#38;表&#x26;#38;\" r:id=\"rId1\"/></sheets>"
                                      + "<sheets><sheet name=\"不读\" r:id=\"rId1\"/></sheets></workbook>").utf8),
            "xl/_rels/workbook.xml.rels": Array(("<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/nope.xml\"/>"
                                                 + "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>").utf8),
            "xl/sharedStrings.xml": Array(("<sst><si><r><t>甲</t></r><r><rPr/></r><r><t>乙</t><t>丙</t></r></si>"
                                           + "<si><r><t>x</t></r><t>直接</t><t>第二</t></si><foo><t>不是</t></foo><si/></sst>").utf8),
            "xl/worksheets/sheet1.xml": Array(("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                                               + "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row><row r=\"2\">"
                                               + "<c r=\"A2\" t=\"inlineStr\"><is><r><t>行</t></r><r/><r><t>内</t></r></is></c><c r=\"B2\"><v>1.5E-3</v></c>"
                                               + "<c r=\"C2\" t=\"inlineStr\"><is><t>直</t></is></c><c r=\"D2\"><v>7</v><v>8</v></c></row></sheetData></worksheet>").utf8),
        ])
        #expect(try Self.lines(bytes) == ["收&支&表&#38;", "", "\t甲乙", "\t直接", "", "\t行内", "\t0.0015", "\t直", "\t7", ""])
    }

    @Test("libxml2 refuses nesting deeper than 256 elements, with the part named")
    func deepNesting() throws {
        let deep = String(repeating: "<w:sdt><w:sdtContent>", count: 130) + Self.p("深") + String(repeating: "</w:sdtContent></w:sdt>", count: 130)
        guard case .failure(let f) = Ingest.read(bytes: try Self.docx(deep), path: "deep.docx") else { Issue.record("read"); return }
        #expect(f.message.contains("word/document.xml is not well-formed XML"), "\(f.message)")
        let shallow = String(repeating: "<w:sdt><w:sdtContent>", count: 100) + Self.p("深") + String(repeating: "</w:sdtContent></w:sdt>", count: 100)
        #expect(try Self.lines(Self.docx(shallow)) == ["深"])
    }
}
