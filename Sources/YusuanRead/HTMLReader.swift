import CLibXML2
import Foundation
import YusuanModel

/// Government web pages through libxml2's HTML parser: charset from the BOM, the meta tag or the bytes;
/// tables kept as tables; scripts, styles, navigation, headers and footers dropped.
public enum HTMLReader {
    public static let maxBytes = 20 * 1024 * 1024

    public static func read(bytes: [UInt8]) throws(ContainerError) -> TextDocument {
        if bytes.count > maxBytes {
            throw ContainerError("the page is \(bytes.count / 1_048_576) MB; yusuan reads HTML disclosures up to \(maxBytes / 1_048_576) MB")
        }
        try SharedLibrary.libxml2.require(for: "an HTML page")
        let (text, encoding) = try decode(bytes)
        var utf8 = Array(text.utf8)
        if utf8.isEmpty { throw ContainerError("the page is empty") }
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let doc: htmlDocPtr? = utf8.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { yusuan_htmlReadMemory($0, Int32(buf.count), "page.html", "UTF-8", options) }
            }
        }
        guard let doc else { throw ContainerError("the HTML could not be parsed") }
        defer { yusuan_xmlFreeDoc(doc) }
        guard let root = yusuan_xmlDocGetRootElement(doc) else { throw ContainerError("the HTML has no root element") }
        var out = TikaLines()
        var walker = Walker()
        walker.walk(root, into: &out)
        walker.flush(into: &out)
        try out.checkSize()
        return TikaTextReader.read(text: out.text, encoding: encoding + " (html)")
    }

    /// The charset: a BOM, then `<meta charset>` / `http-equiv` in the first 4 KB, then detection.
    static func decode(_ bytes: [UInt8]) throws(ContainerError) -> (String, String) {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        var declared: String?
        if let r = head.byteRange(of: "charset=") {
            let rest = head[r.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
            let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if !name.isEmpty { declared = String(name) }
        }
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !hasBOM, let d = declared, ["gb2312", "gbk", "gb18030", "x-gbk", "cp936"].contains(d), let s = TextDecoding.iconv(bytes, from: "GB18030") {
            return (s, "GB18030")
        }
        do {
            let t = try TextDecoding.decode(bytes)
            return (t.text, t.encoding)
        } catch {
            throw ContainerError("the page's text could not be decoded")
        }
    }

    struct Walker {
        var paragraph = ""
        static let skip: Set<String> = ["script", "style", "nav", "header", "footer", "noscript", "iframe", "head", "button", "select", "form", "svg"]
        static let blocks: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "main", "ul", "ol",
                                          "blockquote", "pre", "center", "dd", "dt", "dl", "body", "html", "caption", "figure"]

        mutating func flush(into out: inout TikaLines) {
            let t = paragraph.trimmingSpaces()
            if !t.isEmpty { out.paragraph(t) }
            paragraph = ""
        }

        static func name(_ n: xmlNodePtr) -> String {
            guard let p = n.pointee.name else { return "" }
            return String(cString: p).lowercased()
        }

        mutating func walk(_ node: xmlNodePtr, into out: inout TikaLines) {
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                switch c.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = c.pointee.content { paragraph += String(cString: content).replacingAll("\n", with: " ") }
                case XML_ELEMENT_NODE:
                    let name = Walker.name(c)
                    if Walker.skip.contains(name) { continue }
                    if name == "br" { flush(into: &out); continue }
                    if name == "table" {
                        flush(into: &out)
                        out.table(Walker.rows(c))
                        continue
                    }
                    let block = Walker.blocks.contains(name)
                    if block { flush(into: &out) }
                    walk(c, into: &out)
                    if block { flush(into: &out) }
                default: break
                }
            }
        }

        /// Rows of a table (its own rows, not those of tables nested in cells).
        static func rows(_ table: xmlNodePtr) -> [[String]] {
            var rows: [[String]] = []
            func visit(_ n: xmlNodePtr) {
                var child = n.pointee.children
                while let c = child {
                    defer { child = c.pointee.next }
                    guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                    let name = Walker.name(c)
                    if name == "tr" {
                        var cells: [String] = []
                        var cell = c.pointee.children
                        while let td = cell {
                            defer { cell = td.pointee.next }
                            let n = Walker.name(td)
                            if td.pointee.type == XML_ELEMENT_NODE && (n == "td" || n == "th") { cells.append(text(td)) }
                        }
                        rows.append(cells)
                    } else if ["thead", "tbody", "tfoot"].contains(name) {
                        visit(c)
                    }
                }
            }
            visit(table)
            return rows
        }

        /// A cell's text: <br> and block elements become line breaks.
        static func text(_ n: xmlNodePtr) -> String {
            var out = ""
            func visit(_ n: xmlNodePtr) {
                var child = n.pointee.children
                while let c = child {
                    defer { child = c.pointee.next }
                    switch c.pointee.type {
                    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                        if let content = c.pointee.content { out += String(cString: content).replacingAll("\n", with: " ") }
                    case XML_ELEMENT_NODE:
                        let name = Walker.name(c)
                        if skip.contains(name) { continue }
                        if name == "br" { out += "\n"; continue }
                        let block = blocks.contains(name) || name == "table" || name == "tr"
                        if block && !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
                        visit(c)
                        if block && !out.hasSuffix("\n") { out += "\n" }
                    default: break
                    }
                }
            }
            visit(n)
            return out
        }
    }
}
