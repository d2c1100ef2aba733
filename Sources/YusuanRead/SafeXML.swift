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

/// An element's start: valid only during the call.
struct XMLStart {
    /// The qualified name as written ("w:p").
    let name: UnsafeBufferPointer<UInt8>
    /// Its attributes, namespace declarations aside.
    let attributes: UnsafeBufferPointer<XMLAttribute>

    /// The value of the attribute with this qualified name ("w:val", with the prefix as written).
    func attribute(_ name: String) -> String? {
        for a in attributes where Self.equal(a.name, name) { return a.string }
        return nil
    }

    /// Whether the element is named `name` (qualified as written).
    func named(_ name: String) -> Bool { Self.equal(self.name, name) }

    static func equal(_ b: UnsafeBufferPointer<UInt8>, _ s: String) -> Bool {
        var s = s
        return s.withUTF8 { Self.equal(b, $0) }
    }

    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }
}

/// Element names of interest as codes. Each distinct name is compared with the table once, then found in a small
/// direct-mapped cache keyed by its bytes (a collision only costs a comparison again). Qualified names are matched
/// as written ("w:p"), as office files always write the same prefixes.
struct XMLNames<Tag> {
    private let table: [(name: String, tag: Tag)]
    /// A name of up to 16 bytes packed into two words, with its length: the cache compares it in place of the
    /// bytes. Names are never empty, so the empty key marks a free slot.
    private struct Key: Equatable { var low: UInt64 = 0, high: UInt64 = 0, count = 0 }
    private struct Slot { var key = Key(), tag: Tag? }
    private var slots = [Slot](repeating: Slot(tag: nil), count: 256)

    init(_ table: [(String, Tag)]) { self.table = table.map { (name: $0.0, tag: $0.1) } }

    mutating func tag(_ e: XMLStart) -> Tag? {
        guard let key = Self.key(e.name) else { return find(e) }
        // The top byte of a multiplicative hash of the words.
        let h = Int(truncatingIfNeeded: ((key.low ^ (key.high &* 0x0100_0000_01B3) ^ UInt64(key.count)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if slots[h].key == key { return slots[h].tag }
        let t = find(e)
        slots[h] = Slot(key: key, tag: t)
        return t
    }

    private func find(_ e: XMLStart) -> Tag? { table.first { e.named($0.name) }?.tag }

    /// The key of a name that is not empty and at most 16 bytes long.
    private static func key(_ b: UnsafeBufferPointer<UInt8>) -> Key? {
        guard !b.isEmpty, b.count <= 16 else { return nil }
        // Bytes taken from the last: each shifts the ones before it up (little-endian words).
        var low: UInt64 = 0, high: UInt64 = 0
        var k = b.count
        while k > 8 { k -= 1; high = high << 8 | UInt64(b[k]) }
        while k > 0 { k -= 1; low = low << 8 | UInt64(b[k]) }
        return Key(low: low, high: high, count: b.count)
    }
}

extension XMLNames where Tag: RawRepresentable & CaseIterable, Tag.RawValue == String {
    init() { self.init(Tag.allCases.map { ($0.rawValue, $0) }) }
}

/// Office XML read as a stream: nothing is built, so memory follows what the sink keeps. UTF-8 parts (all that
/// office software writes) go through XMLScanner, others through libxml2's SAX2 parser, with the same events and
/// the same refusals. (Foundation's XMLParser was seen to trap on some malformed input.) Refuses what OOXML never
/// contains: a DOCTYPE or entity declarations (entity bombs). Entities are never substituted, the network is never
/// touched, nesting deeper than 256 is refused, and so is a part with any well-formedness error.
public enum SafeXML {
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// What every part must pass before libxml2 sees it.
    static func precheck(_ bytes: [UInt8], what: String) throws(ContainerError) {
        if bytes.isEmpty { throw ContainerError("\(what) is empty") }
        if declaresDTD(bytes) {
            throw ContainerError("\(what) declares a DOCTYPE or entities, which office files never do: refused (possible entity bomb)")
        }
        guard bytes.count < Int(Int32.max) else { throw ContainerError("\(what) is too large") }
        // Start tags counted before parsing, so that libxml2 never walks a part that is too big. Each one counted
        // is a "<" with a byte after it: a part of at most maxElements + 1 bytes cannot have too many.
        if bytes.count > maxElements + 1, startTags(bytes) > maxElements { throw tooMany(what) }
    }

    /// Streams a checked part through `sink` and gives it back. An error the sink throws stops the parse and is rethrown.
    static func parse<S: XMLSink>(_ bytes: [UInt8], what: String, _ sink: consuming S) throws(ContainerError) -> S {
        try precheck(bytes, what: what)
        var sink = sink
        if try bytes.withUnsafeBufferPointer({ (b) throws(ContainerError) -> Bool in
            guard XMLScanner.isUTF8(b) else { return false }
            try XMLScanner.scan(b, what: what, into: &sink)
            return true
        }) {
            return sink
        }
        return try parseWithLibxml2(bytes, what: what, sink)
    }

    /// The same through libxml2, for parts in another encoding (and to compare the scanner with, in tests).
    static func parseWithLibxml2<S: XMLSink>(_ bytes: [UInt8], what: String, _ sink: consuming S) throws(ContainerError) -> S {
        try precheck(bytes, what: what)
        try SharedLibrary.libxml2.require(for: "\(what) (not UTF-8)")
        let box = SAXBox(sink)
        let wellFormed: Bool = bytes.withUnsafeBufferPointer { buf in
            // The same parser as a tree would use (xmlReadMemory's), with callbacks in place of the tree builder.
            guard let base = buf.baseAddress,
                  let ctxt = base.withMemoryRebound(to: CChar.self, capacity: buf.count, { yusuan_xmlCreateMemoryParserCtxt($0, Int32(buf.count)) })
            else { return false }
            defer { yusuan_xmlFreeParserCtxt(ctxt) }
            ctxt.pointee.sax.pointee = handler
            ctxt.pointee.userData = Unmanaged.passUnretained(box as SAXTarget).toOpaque()
            box.context = ctxt
            yusuan_xmlCtxtUseOptions(ctxt, options)
            yusuan_xmlParseDocument(ctxt)
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
            Unmanaged<SAXTarget>.fromOpaque(ctx).takeUnretainedValue().start(local, prefix, attributes, Int(count))
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

    /// "<!DOCTYPE" or "<!ENTITY" anywhere, found from each "!" (rare in office XML).
    static func declaresDTD(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            func follows(_ k: Int, _ word: String) -> Bool { b[k...].starts(with: word.utf8) }
            var i = 1
            while i < b.count, let hit = memchr(base + i, 0x21, b.count - i) {
                let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if b[k - 1] == 0x3C, follows(k + 1, "DOCTYPE") || follows(k + 1, "ENTITY") { return true }
                i = k + 1
            }
            return false
        }
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
    func start(_ local: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?,
               _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ count: Int) {}
    func end() {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The first error stops the parse; libxml2 calls nothing more after it.
    func stop(_ e: ContainerError) {
        if error == nil { error = e }
        if let context { yusuan_xmlStopParser(context) }
    }
}

private final class SAXBox<S: XMLSink>: SAXTarget {
    // Reached only from libxml2's callbacks, one at a time: no access can overlap, so none is checked.
    @exclusivity(unchecked) var sink: S
    init(_ sink: S) { self.sink = sink }
    /// Names and values copied into one buffer: "prefix:local", then each attribute's name and value.
    private var names: [UInt8] = []
    private var attributes: [(name: Range<Int>, value: Range<Int>)] = []
    private var views: [XMLAttribute] = []

    /// Five pointers per attribute: local name, prefix, URI, value start, value end.
    override func start(_ local: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?,
                        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ count: Int) {
        guard error == nil else { return }
        names.removeAll(keepingCapacity: true)
        self.attributes.removeAll(keepingCapacity: true)
        func qualified(_ prefix: UnsafePointer<xmlChar>?, _ local: UnsafePointer<xmlChar>) -> Range<Int> {
            let start = names.count
            if let prefix {
                names.append(contentsOf: UnsafeBufferPointer(start: prefix, count: strlen(prefix)))
                names.append(0x3A)
            }
            names.append(contentsOf: UnsafeBufferPointer(start: local, count: strlen(local)))
            return start..<names.count
        }
        let name = qualified(prefix, local)
        if let attributes {
            for k in 0..<count {
                let a = attributes + 5 * k
                guard let aLocal = a[0], let value = a[3], let end = a[4] else { continue }
                let n = qualified(a[1], aLocal)
                let start = names.count
                Self.unescape(UnsafeBufferPointer(start: value, count: end - value), into: &names)
                self.attributes.append((n, start..<names.count))
            }
        }
        names.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            views.removeAll(keepingCapacity: true)
            for a in self.attributes {
                views.append(XMLAttribute(name: UnsafeBufferPointer(rebasing: b[a.name]),
                                          value: UnsafeBufferPointer(start: base + a.value.lowerBound, count: a.value.count), raw: false))
            }
            views.withUnsafeBufferPointer { v in
                do throws(ContainerError) { try sink.start(XMLStart(name: UnsafeBufferPointer(start: base + name.lowerBound, count: name.count), attributes: v)) }
                catch { stop(error) }
            }
        }
    }

    /// libxml2 hands SAX2 an attribute's "&" (from &amp; or a character reference) as "&#38;", for the tree
    /// builder to turn back; any other reference is already replaced, and a bare "&" is not well-formed.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let escaped: [UInt8] = Array("&#38;".utf8)
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
