import Foundation

/// A document before it is written in a format: paragraphs and tables in order.
enum SynthBlock {
    case paragraph(String)
    case table([[String]])
}

/// Writers for the formats yusuan reads, all from the same blocks.
enum SynthWriters {
    /// Text in the Tika layout.
    static func tika(_ blocks: [SynthBlock]) -> String {
        var out: [String] = [""]
        for b in blocks {
            switch b {
            case .paragraph(let p): out.append(p)
            case .table(let rows):
                out.append("")
                for r in rows {
                    for c in r {
                        let parts = c.split(separator: "\n", omittingEmptySubsequences: false)
                        out.append("\t" + (parts.first.map(String.init) ?? ""))
                        out += parts.dropFirst().map(String.init)
                    }
                    out.append("")
                }
                out.append("")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func xmlEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func html(_ blocks: [SynthBlock], title: String, charset: String) -> String {
        var out = "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(charset)\"><title>\(xmlEscape(title))</title>"
        out += "<script>var stat = 1;</script></head><body><nav><a href=\"/\">首页</a> &gt; 信息公开</nav><div class=\"article\">\n"
        for b in blocks {
            switch b {
            case .paragraph(let p): out += "<p>\(xmlEscape(p))</p>\n"
            case .table(let rows):
                out += "<table border=\"1\">\n"
                for r in rows { out += "<tr>" + r.map { "<td>" + $0.split(separator: "\n").map { xmlEscape(String($0)) }.joined(separator: "<br>") + "</td>" }.joined() + "</tr>\n" }
                out += "</table>\n"
            }
        }
        return out + "</div><footer>示例数据 · yusuan synth</footer></body></html>\n"
    }

    static let docxTypes = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
    static let docxRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"

    static func docx(_ blocks: [SynthBlock]) throws -> Data {
        func para(_ t: String) -> String {
            let parts = t.split(separator: "\n", omittingEmptySubsequences: false)
            return "<w:p>" + parts.enumerated().map { i, p in (i > 0 ? "<w:r><w:br/></w:r>" : "") + "<w:r><w:t xml:space=\"preserve\">\(xmlEscape(String(p)))</w:t></w:r>" }.joined() + "</w:p>"
        }
        var body = ""
        for b in blocks {
            switch b {
            case .paragraph(let p): body += para(p)
            case .table(let rows):
                let width = rows.map(\.count).max() ?? 1
                body += "<w:tbl><w:tblGrid>" + String(repeating: "<w:gridCol/>", count: width) + "</w:tblGrid>"
                for r in rows {
                    body += "<w:tr>" + r.enumerated().map { j, c in
                        let span = j == r.count - 1 && r.count < width ? "<w:tcPr><w:gridSpan w:val=\"\(width - r.count + 1)\"/></w:tcPr>" : ""
                        return "<w:tc>\(span)\(para(c))</w:tc>"
                    }.joined() + "</w:tr>"
                }
                body += "</w:tbl>"
            }
        }
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(body)<w:sectPr/></w:body></w:document>"
        return try Zip.make([("[Content_Types].xml", docxTypes), ("_rels/.rels", docxRels), ("word/document.xml", doc)])
    }

    /// A workbook with one sheet per table; strings inline (t="inlineStr"), numbers as numbers.
    static func xlsx(_ sheets: [(name: String, rows: [[String]])]) throws -> Data {
        func col(_ i: Int) -> String {
            var n = i + 1, s = ""
            while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
            return s
        }
        var files: [(String, String)] = []
        var sheetList = "", rels = "", overrides = ""
        for (i, sheet) in sheets.enumerated() {
            var data = ""
            for (r, row) in sheet.rows.enumerated() {
                data += "<row r=\"\(r + 1)\">"
                for (c, v) in row.enumerated() where !v.isEmpty {
                    let ref = "\(col(c))\(r + 1)"
                    if Double(v) != nil && !v.hasPrefix("0") || v == "0" {
                        data += "<c r=\"\(ref)\"><v>\(v)</v></c>"
                    } else {
                        data += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(xmlEscape(v))</t></is></c>"
                    }
                }
                data += "</row>"
            }
            files.append(("xl/worksheets/sheet\(i + 1).xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(data)</sheetData></worksheet>"))
            sheetList += "<sheet name=\"\(xmlEscape(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            overrides += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        files.insert(("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>\(sheetList)</sheets></workbook>"), at: 0)
        files.insert(("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"), at: 0)
        files.insert(("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"), at: 0)
        files.insert(("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\(overrides)</Types>"), at: 0)
        return try Zip.make(files)
    }
}
