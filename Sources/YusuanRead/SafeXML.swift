import CLibXML2
import Foundation
import YusuanModel

/// A parsed XML element: name (with its prefix, e.g. "w:p"), attributes, children and text, in order.
public final class XMLNode: @unchecked Sendable {
    public let name: String
    public let attributes: [String: String]
    public var children: [XMLNode] = []
    /// Character data directly inside this element (not in children).
    public var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    public func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    public func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Local name without the namespace prefix.
    public var local: String { name.split(separator: ":").last.map(String.init) ?? name }
}

/// Parses office XML into a tree with libxml2 (Foundation's XMLParser was seen to trap on some malformed input).
/// Refuses what OOXML never contains: a DOCTYPE or entity declarations (entity bombs). Entities are never
/// substituted, the network is never touched, and a document with any error is refused.
public enum SafeXML {
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// What every part must pass before libxml2 sees it.
    static func precheck(_ bytes: [UInt8], what: String) throws(ContainerError) {
        if bytes.isEmpty { throw ContainerError("\(what) is empty") }
        if bytes.includesBytes(Array("<!DOCTYPE".utf8)) || bytes.includesBytes(Array("<!ENTITY".utf8)) {
            throw ContainerError("\(what) declares a DOCTYPE or entities, which office files never do: refused (possible entity bomb)")
        }
        guard bytes.count < Int(Int32.max) else { throw ContainerError("\(what) is too large") }
        // Start tags counted before parsing, so that libxml2 never builds or walks a part that is too big.
        if startTags(bytes) > maxElements { throw tooMany(what) }
    }

    /// libxml2 handed the checked bytes of a part.
    static func withLibXML<T>(_ bytes: [UInt8], what: String, _ open: (UnsafePointer<CChar>, Int32) -> T?) throws(ContainerError) -> T {
        try precheck(bytes, what: what)
        let made: T? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in base.withMemoryRebound(to: CChar.self, capacity: buf.count) { open($0, Int32(buf.count)) } }
        }
        guard let made else { throw ContainerError("\(what) is not well-formed XML") }
        return made
    }

    public static func parse(_ bytes: [UInt8], what: String) throws(ContainerError) -> XMLNode {
        let doc = try withLibXML(bytes, what: what) { xmlReadMemory($0, $1, "part.xml", nil, options) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw ContainerError("\(what) has no root element") }
        var budget = maxElements
        guard let tree = build(root, budget: &budget) else { throw tooMany(what) }
        return tree
    }

    /// One step of a streamed part: an element's start (an empty element gets its end right after), its
    /// end, or character data directly inside the innermost open element.
    public enum Event {
        case start(name: String, attributes: [String: String])
        case end(name: String)
        case text(String)
    }

    /// Reads a part as a stream of events (libxml2's xmlTextReader): no tree is built, so memory follows what
    /// the caller keeps. The same refusals as `parse`. Attributes are read only for elements named in `attributesOf`.
    public static func stream(_ bytes: [UInt8], what: String, attributesOf: Set<String>,
                              _ visit: (Event) throws(ContainerError) -> Void) throws(ContainerError) {
        let reader = try withLibXML(bytes, what: what) { xmlReaderForMemory($0, $1, "part.xml", nil, options) }
        defer { xmlFreeTextReader(reader) }
        func string(_ p: UnsafePointer<xmlChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        while true {
            let r = xmlTextReaderRead(reader)
            if r == 0 { return }
            if r < 0 { throw ContainerError("\(what) is not well-formed XML") }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = string(xmlTextReaderConstName(reader))
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                var attributes: [String: String] = [:]
                while attributesOf.contains(name), xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    attributes[string(xmlTextReaderConstName(reader))] = string(xmlTextReaderConstValue(reader))
                }
                try visit(.start(name: name, attributes: attributes))
                if empty { try visit(.end(name: name)) }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                try visit(.end(name: string(xmlTextReaderConstName(reader))))
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                try visit(.text(string(xmlTextReaderConstValue(reader))))
            default: break
            }
        }
    }

    static func tooMany(_ what: String) -> ContainerError {
        ContainerError("\(what) has more than \(maxElements) XML elements: refused (a disclosure has far fewer)")
    }

    /// "<" followed by a name: an upper bound on the elements (CDATA aside, which office parts do not use).
    static func startTags(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { b in
            var n = 0
            var i = 0
            while i + 1 < b.count {
                if b[i] == 0x3C, b[i + 1] != 0x2F, b[i + 1] != 0x3F, b[i + 1] != 0x21 { n += 1 }
                i += 1
            }
            return n
        }
    }

    /// Elements per part. Each costs a few hundred bytes as a tree; real parts hold well under a tenth of this.
    public static let maxElements = 1_000_000

    static func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ ns: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        if let prefix = ns?.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }

    /// The tree below `node`, or nil once more than `budget` elements were built.
    static func build(_ node: xmlNodePtr, budget: inout Int) -> XMLNode? {
        budget -= 1
        if budget < 0 { return nil }
        var attributes: [String: String] = [:]
        var a = node.pointee.properties
        while let attr = a {
            let key = qualifiedName(attr.pointee.name, attr.pointee.ns)
            // An attribute's value is the text of its child nodes (entities are never substituted).
            var value = ""
            var t = attr.pointee.children
            while let n = t {
                if let content = n.pointee.content { value += String(cString: content) }
                t = n.pointee.next
            }
            attributes[key] = value
            a = attr.pointee.next
        }
        let out = XMLNode(name: qualifiedName(node.pointee.name, node.pointee.ns), attributes: attributes)
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                guard let sub = build(c, budget: &budget) else { return nil }
                out.children.append(sub)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { out.text += String(cString: content) }
            default: break
            }
            child = c.pointee.next
        }
        return out
    }
}

extension Array where Element == UInt8 {
    func includesBytes(_ needle: [UInt8]) -> Bool {
        withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { TextSearch.find(h, $0) != nil } }
    }
}
