import CLibXML2
import Foundation
import YusuanModel

/// What a streamed office part is told, in document order: element starts and ends, and character data directly
/// inside the innermost open element (text, CDATA and whitespace, possibly in several pieces).
protocol XMLSink {
    mutating func start(_ element: XMLStart) throws(ContainerError)
    mutating func end() throws(ContainerError)
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(ContainerError)
}

/// An element's start as libxml2's SAX2 parser reports it: valid only during the call.
struct XMLStart {
    fileprivate let local: UnsafePointer<xmlChar>
    fileprivate let prefix: UnsafePointer<xmlChar>?
    /// Five pointers per attribute: local name, prefix, URI, value start, value end.
    fileprivate let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    fileprivate let attributeCount: Int

    /// The value of the attribute with this qualified name ("w:val": prefix as written, then the local name).
    func attribute(_ name: String) -> String? {
        guard let attributes else { return nil }
        for i in 0..<attributeCount {
            let a = attributes + 5 * i
            guard let local = a[0], let value = a[3], let end = a[4], Self.matches(a[1], local, name) else { continue }
            return Self.unescape(UnsafeBufferPointer(start: value, count: end - value))
        }
        return nil
    }

    /// libxml2 hands SAX2 an attribute's "&" (from &amp; or a character reference) as "&#38;", for the tree
    /// builder to turn back; any other reference is already replaced, and a bare "&" is not well-formed.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(0x26) else { return String(decoding: raw, as: UTF8.self) }
        let escaped = Array("&#38;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == 0x26, i + escaped.count <= raw.count, raw[i..<(i + escaped.count)].elementsEqual(escaped) {
                out.append(0x26)
                i += escaped.count
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the element is named `name` (qualified as written).
    func named(_ name: String) -> Bool { Self.matches(prefix, local, name) }

    /// Whether prefix ":" local (or local alone) spells `name`.
    static func matches(_ prefix: UnsafePointer<xmlChar>?, _ local: UnsafePointer<xmlChar>, _ name: String) -> Bool {
        var i = name.utf8.makeIterator()
        func consume(_ s: UnsafePointer<xmlChar>) -> Bool {
            var p = s
            while p.pointee != 0 { guard i.next() == p.pointee else { return false }; p += 1 }
            return true
        }
        if let prefix { guard consume(prefix), i.next() == UInt8(ascii: ":") else { return false } }
        return consume(local) && i.next() == nil
    }
}

/// Element names of interest as codes. libxml2 interns the names of one parse, so each distinct name is compared
/// with the table once and then found by its address, in a small direct-mapped cache (a collision only costs a
/// comparison again). Qualified names are matched as written ("w:p"), as office files always write the same
/// prefixes; one instance serves one parse only.
struct XMLNames<Tag> {
    private let table: [(name: String, tag: Tag)]
    private struct Slot { var prefix: UnsafeRawPointer?, local: UnsafeRawPointer?, tag: Tag? }
    private var slots = [Slot](repeating: Slot(prefix: nil, local: nil, tag: nil), count: 256)

    init(_ table: [(String, Tag)]) { self.table = table.map { (name: $0.0, tag: $0.1) } }

    mutating func tag(_ e: XMLStart) -> Tag? {
        let local = UnsafeRawPointer(e.local), prefix = e.prefix.map(UnsafeRawPointer.init)
        let key = UInt(bitPattern: local) &+ UInt(bitPattern: prefix) &* 31
        let h = Int((key &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if slots[h].local == local && slots[h].prefix == prefix { return slots[h].tag }
        let t = table.first { e.named($0.name) }?.tag
        slots[h] = Slot(prefix: prefix, local: local, tag: t)
        return t
    }
}

extension XMLNames where Tag: RawRepresentable & CaseIterable, Tag.RawValue == String {
    init() { self.init(Tag.allCases.map { ($0.rawValue, $0) }) }
}

/// Office XML read as a stream with libxml2's SAX2 parser: nothing is built, so memory follows what the sink keeps.
/// (Foundation's XMLParser was seen to trap on some malformed input.) Refuses what OOXML never contains: a DOCTYPE
/// or entity declarations (entity bombs). Entities are never substituted, the network is never touched, libxml2
/// refuses nesting deeper than 256, and a part with any well-formedness error is refused.
public enum SafeXML {
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// What every part must pass before libxml2 sees it.
    static func precheck(_ bytes: [UInt8], what: String) throws(ContainerError) {
        if bytes.isEmpty { throw ContainerError("\(what) is empty") }
        if bytes.includesBytes(Array("<!DOCTYPE".utf8)) || bytes.includesBytes(Array("<!ENTITY".utf8)) {
            throw ContainerError("\(what) declares a DOCTYPE or entities, which office files never do: refused (possible entity bomb)")
        }
        guard bytes.count < Int(Int32.max) else { throw ContainerError("\(what) is too large") }
        // Start tags counted before parsing, so that libxml2 never walks a part that is too big.
        if startTags(bytes) > maxElements { throw tooMany(what) }
    }

    /// libxml2's global state set up once, before any parse on any thread.
    static let initialized: Void = xmlInitParser()

    /// Streams a checked part through `sink` and gives it back. An error the sink throws stops the parse and is rethrown.
    static func parse<S: XMLSink>(_ bytes: [UInt8], what: String, _ sink: consuming S) throws(ContainerError) -> S {
        try precheck(bytes, what: what)
        _ = initialized
        let box = SAXBox(sink)
        let wellFormed: Bool = bytes.withUnsafeBufferPointer { buf in
            // The same parser as a tree would use (xmlReadMemory's), with callbacks in place of the tree builder.
            guard let base = buf.baseAddress,
                  let ctxt = base.withMemoryRebound(to: CChar.self, capacity: buf.count, { xmlCreateMemoryParserCtxt($0, Int32(buf.count)) })
            else { return false }
            defer { xmlFreeParserCtxt(ctxt) }
            ctxt.pointee.sax.pointee = handler
            ctxt.pointee.userData = Unmanaged.passUnretained(box as SAXTarget).toOpaque()
            box.context = ctxt
            xmlCtxtUseOptions(ctxt, options)
            xmlParseDocument(ctxt)
            box.context = nil
            return ctxt.pointee.wellFormed != 0
        }
        if let e = box.error { throw e }
        guard wellFormed else { throw ContainerError("\(what) is not well-formed XML") }
        return box.sink
    }

    /// Callbacks only (C function pointers), never written after it is made.
    nonisolated(unsafe) private static let handler: xmlSAXHandler = {
        var h = xmlSAXHandler()
        h.initialized = UInt32(XML_SAX2_MAGIC)
        h.startElementNs = { ctx, local, prefix, _, _, _, count, _, attributes in
            guard let ctx, let local else { return }
            Unmanaged<SAXTarget>.fromOpaque(ctx).takeUnretainedValue()
                .start(XMLStart(local: local, prefix: prefix, attributes: attributes, attributeCount: Int(count)))
        }
        h.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            Unmanaged<SAXTarget>.fromOpaque(ctx).takeUnretainedValue().end()
        }
        let characters: charactersSAXFunc = { ctx, bytes, count in
            guard let ctx, let bytes, count > 0 else { return }
            Unmanaged<SAXTarget>.fromOpaque(ctx).takeUnretainedValue().text(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        h.characters = characters
        h.ignorableWhitespace = characters
        h.cdataBlock = characters
        return h
    }()

    static func tooMany(_ what: String) -> ContainerError {
        ContainerError("\(what) has more than \(maxElements) XML elements: refused (a disclosure has far fewer)")
    }

    /// "<" followed by a name: an upper bound on the elements (CDATA aside, which office parts do not use).
    static func startTags(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, b.count > 1 else { return 0 }
            var n = 0
            var i = 0
            // memchr jumps from "<" to "<": text between tags is most of a part.
            while let hit = memchr(base + i, 0x3C, b.count - 1 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let next = b[i + 1]
                if next != 0x2F, next != 0x3F, next != 0x21 { n += 1 }
                i += 1
            }
            return n
        }
    }

    /// Elements per part: real parts hold well under a tenth of this.
    public static let maxElements = 1_000_000
}

/// The receiver libxml2's C callbacks reach through their context pointer: a class, as C cannot call a generic.
private class SAXTarget {
    var error: ContainerError?
    var context: xmlParserCtxtPtr?
    func start(_ e: XMLStart) {}
    func end() {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The first error stops the parse; libxml2 calls nothing more after it.
    func stop(_ e: ContainerError) {
        if error == nil { error = e }
        if let context { xmlStopParser(context) }
    }
}

private final class SAXBox<S: XMLSink>: SAXTarget {
    // Reached only from libxml2's callbacks, one at a time: no access can overlap, so none is checked.
    @exclusivity(unchecked) var sink: S
    init(_ sink: S) { self.sink = sink }
    override func start(_ e: XMLStart) {
        guard error == nil else { return }
        do { try sink.start(e) } catch { stop(error) }
    }
    override func end() {
        guard error == nil else { return }
        do { try sink.end() } catch { stop(error) }
    }
    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard error == nil else { return }
        do { try sink.text(bytes) } catch { stop(error) }
    }
}

extension Array where Element == UInt8 {
    func includesBytes(_ needle: [UInt8]) -> Bool {
        withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { TextSearch.find(h, $0) != nil } }
    }
}
