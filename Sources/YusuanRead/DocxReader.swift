import Foundation
import YusuanModel

/// Word .docx read natively: paragraphs and tables in document order, merged cells (gridSpan, vMerge),
/// line breaks inside cells, tracked deletions skipped, mc:AlternateContent read once, field codes dropped.
/// It yields the same Tika-style text as an extraction would, so the same extractor serves it.
public enum DocxReader {
    public static func read(bytes: [UInt8]) throws(ContainerError) -> TextDocument {
        var zip = try OfficeZip(bytes: bytes)
        guard let xml = try zip.read("word/document.xml") else { throw ContainerError("a zip without word/document.xml is not a .docx") }
        let root = try SafeXML.parse(xml, what: "word/document.xml")
        guard let body = root.first("w:body") else { throw ContainerError("word/document.xml has no body") }
        var out = TikaLines()
        walk(body.children, into: &out)
        try out.checkSize()
        var doc = TikaTextReader.read(text: out.text, encoding: "UTF-8 (docx)")
        doc.warnings = []
        return doc
    }

    static func walk(_ nodes: [XMLNode], into out: inout TikaLines) {
        for n in nodes {
            switch n.name {
            case "w:p": out.paragraph(paragraphText(n))
            case "w:tbl": out.table(tableRows(n))
            case "w:sdt": walk(n.first("w:sdtContent")?.children ?? [], into: &out)
            case "mc:AlternateContent": walk(alternate(n), into: &out)
            default: break
            }
        }
    }

    /// mc:AlternateContent holds the same content twice (a Choice and a Fallback): read one.
    static func alternate(_ n: XMLNode) -> [XMLNode] {
        (n.first("mc:Choice") ?? n.first("mc:Fallback"))?.children ?? []
    }

    /// A paragraph's visible text. Complex fields: the instruction between fldChar begin and separate is
    /// dropped, the result kept; w:instrText is never text; deleted runs (w:del) are skipped.
    static func paragraphText(_ p: XMLNode) -> String {
        var text = ""
        var inInstruction = false
        func runs(_ nodes: [XMLNode]) {
            for n in nodes {
                switch n.name {
                case "w:r":
                    for c in n.children {
                        switch c.name {
                        case "w:fldChar":
                            let t = c.attributes["w:fldCharType"]
                            if t == "begin" { inInstruction = true } else if t == "separate" || t == "end" { inInstruction = false }
                        case "w:t" where !inInstruction: text += c.text
                        case "w:tab" where !inInstruction: text += " "
                        case "w:br", "w:cr": if !inInstruction { text += "\n" }
                        case "w:noBreakHyphen": text += "-"
                        case "mc:AlternateContent": runs(alternate(c))
                        default: break
                        }
                    }
                case "w:del", "w:moveFrom", "w:pPr", "w:rPr": break
                case "w:ins", "w:moveTo", "w:hyperlink", "w:smartTag", "w:fldSimple", "w:customXml", "w:bdo", "w:dir":
                    runs(n.children)
                case "w:sdt": runs(n.first("w:sdtContent")?.children ?? [])
                case "mc:AlternateContent": runs(alternate(n))
                default: break
                }
            }
        }
        runs(p.children)
        return text
    }

    /// Rows of cell texts. A vertically merged continuation cell is empty ("same as above"); a horizontally
    /// merged cell is one cell, as text extraction gives it.
    static func tableRows(_ tbl: XMLNode) -> [[String]] {
        tbl.all("w:tr").map { tr in
            var cells: [String] = []
            for c in tr.children {
                switch c.name {
                case "w:tc": cells.append(cellText(c))
                case "w:sdt": for tc in c.first("w:sdtContent")?.all("w:tc") ?? [] { cells.append(cellText(tc)) }
                default: break
                }
            }
            return cells
        }
    }

    static func cellText(_ tc: XMLNode) -> String {
        if let vm = tc.first("w:tcPr")?.first("w:vMerge"), vm.attributes["w:val"] != "restart" { return "" }
        var parts: [String] = []
        func collect(_ nodes: [XMLNode]) {
            for n in nodes {
                switch n.name {
                case "w:p": parts.append(paragraphText(n))
                case "w:tbl": for row in tableRows(n) { parts.append(row.filter { !$0.isEmpty }.joined(separator: " ")) }
                case "w:sdt": collect(n.first("w:sdtContent")?.children ?? [])
                case "mc:AlternateContent": collect(alternate(n))
                default: break
                }
            }
        }
        collect(tc.children)
        return parts.joined(separator: "\n")
    }
}
