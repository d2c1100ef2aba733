#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YusuanModel

/// A strict reader of UTF-8 XML on the bytes, for office parts: it gives a sink the same events as libxml2's SAX2
/// parser would (element starts with their attributes, ends, character data with references replaced and line ends
/// normalised), and refuses what libxml2 refuses as not well-formed: bad UTF-8 or characters, bad names, a tag
/// that does not match, a duplicate attribute, an undeclared entity (no DTD is ever read), "]]>" in text, "--" in
/// a comment, more than one root, nesting deeper than libxml2 allows. Parts in another encoding are left to libxml2.
/// Every read is bounds-checked: `at` gives 0 past the end, and 0 is never allowed in XML, so it stops every scan.
struct XMLScanner {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var i = 0
    private let malformed: ContainerError
    /// Open elements' qualified names, as offsets into the part.
    private var open: [(start: Int, count: Int)] = []
    private var attributes: [XMLAttribute] = []
    /// Every attribute name of the tag being read, namespace declarations included, for the duplicate check.
    private var attributeNames: [Range<Int>] = []
    /// Bytes given as text that the part does not hold as such (a reference's character, an LF for a CR).
    private var scratch: [UInt8] = []

    /// libxml2's limits without XML_PARSE_HUGE: open elements, name length, attribute value length.
    static let maxDepth = 256, maxName = 50_000, maxValue = 10_000_000

    private init(_ p: UnsafePointer<UInt8>, _ n: Int, what: String) {
        self.p = p
        self.n = n
        malformed = ContainerError("\(what) is not well-formed XML")
    }

    /// Whether a part is UTF-8 as far as its start tells (no other byte order mark, no NUL, no other declared
    /// encoding): only such parts are read here.
    static func isUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { k = 3 }
        guard k < b.count, b[k] == 0x3C, !b.prefix(4).contains(0) else { return false }
        let decl = Array("<?xml".utf8)
        guard b[k...].starts(with: decl), k + 5 < b.count, isSpace(b[k + 5]) else { return true }
        // The declaration ends at the first "?>"; its encoding, if any, must name UTF-8.
        var end = k + 5
        while end + 1 < b.count, !(b[end] == 0x3F && b[end + 1] == 0x3E) { end += 1 }
        let text = Array(b[k..<end])
        guard let e = text.firstRange(of: Array("encoding".utf8)) else { return true }
        var j = e.upperBound
        while j < text.count, text[j] != 0x22, text[j] != 0x27 { j += 1 }
        guard j < text.count else { return true }
        let quote = text[j]
        let name = text[(j + 1)...].prefix { $0 != quote }.map { $0 | 0x20 }
        return name.elementsEqual("utf-8".utf8) || name.elementsEqual("utf8".utf8)
    }

    /// Reads a whole part into `sink`: throws the sink's first error, or `not well-formed`, where libxml2 would stop.
    static func scan<S: XMLSink>(_ b: UnsafeBufferPointer<UInt8>, what: String, into sink: inout S) throws(ContainerError) {
        guard let base = b.baseAddress else { throw ContainerError("\(what) is not well-formed XML") }
        var s = XMLScanner(base, b.count, what: what)
        try s.document(&sink)
    }

    @inline(__always) private func at(_ k: Int) -> UInt8 { k < n ? p[k] : 0 }
    @inline(__always) private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    private mutating func skipSpaces() { while Self.isSpace(at(i)) { i += 1 } }

    private mutating func document<S: XMLSink>(_ sink: inout S) throws(ContainerError) {
        if at(0) == 0xEF, at(1) == 0xBB, at(2) == 0xBF { i = 3 }
        if starts("<?xml"), Self.isSpace(at(i + 5)) { try declaration() }
        var sawRoot = false
        while true {
            skipSpaces()
            // libxml2 takes a NUL where the document may end as its end.
            if i >= n || (sawRoot && at(i) == 0) { break }
            guard at(i) == 0x3C else { throw malformed }
            switch at(i + 1) {
            case 0x3F: try instruction()
            case 0x21:
                guard starts("<!--") else { throw malformed }
                try comment()
            default:
                // One root element only.
                guard !sawRoot else { throw malformed }
                sawRoot = true
                try element(&sink)
            }
        }
        guard sawRoot else { throw malformed }
    }

    private func starts(_ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= n else { return false }
        let q = s.utf8Start
        for k in 0..<count where p[i + k] != q[k] { return false }
        return true
    }

    /// `<?xml version="1.x" (encoding="…")? (standalone="yes|no")? ?>`, in that order.
    private mutating func declaration() throws(ContainerError) {
        i += 5
        skipSpaces()
        guard try pseudoAttribute("version") else { throw malformed }
        // "1." then digits, perhaps none (libxml2 refuses other versions).
        let v = try quoted()
        guard v.count >= 2, p[v.lowerBound] == 0x31, p[v.lowerBound + 1] == 0x2E,
              v.dropFirst(2).allSatisfy({ p[$0] >= 0x30 && p[$0] <= 0x39 }) else { throw malformed }
        var spaced = Self.isSpace(at(i))
        skipSpaces()
        if spaced, try pseudoAttribute("encoding") {
            // EncName: a letter, then letters, digits, ".", "_", "-" (isUTF8 has checked that it names UTF-8).
            let e = try quoted()
            guard !e.isEmpty, Self.isLetter(p[e.lowerBound]),
                  e.allSatisfy({ Self.isLetter(p[$0]) || Self.isDigit(p[$0]) || p[$0] == 0x2E || p[$0] == 0x5F || p[$0] == 0x2D })
            else { throw malformed }
            // libxml2 wants no space before standalone after a UTF-8 encoding.
            spaced = true
            skipSpaces()
        }
        if spaced, try pseudoAttribute("standalone") {
            let s = try quoted()
            let word = Array(UnsafeBufferPointer(start: p + s.lowerBound, count: s.count))
            guard word == Array("yes".utf8) || word == Array("no".utf8) else { throw malformed }
            skipSpaces()
        }
        guard starts("?>") else { throw malformed }
        i += 2
    }

    /// `name` S? "=" S?, if the declaration goes on with it.
    private mutating func pseudoAttribute(_ name: StaticString) throws(ContainerError) -> Bool {
        guard starts(name) else { return false }
        i += name.utf8CodeUnitCount
        skipSpaces()
        guard at(i) == 0x3D else { throw malformed }
        i += 1
        skipSpaces()
        return true
    }

    /// A quoted value of the declaration (ASCII only): its range, without the quotes.
    private mutating func quoted() throws(ContainerError) -> Range<Int> {
        let q = at(i)
        guard q == 0x22 || q == 0x27 else { throw malformed }
        let start = i + 1
        i = start
        while at(i) != q {
            guard at(i) >= 0x20, at(i) < 0x80 else { throw malformed }
            i += 1
        }
        i += 1
        return start..<(i - 1)
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `<?target …?>` outside the declaration: skipped. The target "xml" (any case) is reserved.
    private mutating func instruction() throws(ContainerError) {
        i += 2
        let name = try self.name()
        if name.count == 3, (p[name.lowerBound] | 0x20) == 0x78, (p[name.lowerBound + 1] | 0x20) == 0x6D,
           (p[name.lowerBound + 2] | 0x20) == 0x6C { throw malformed }
        if starts("?>") { i += 2; return }
        guard Self.isSpace(at(i)) else { throw malformed }
        while !starts("?>") { try character() }
        i += 2
    }

    /// `<!-- … -->`: skipped; "--" may only end it.
    private mutating func comment() throws(ContainerError) {
        i += 4
        while true {
            if at(i) == 0x2D, at(i + 1) == 0x2D {
                guard at(i + 2) == 0x3E else { throw malformed }
                i += 3
                return
            }
            try character()
        }
    }

    /// Steps over one allowed character (a Char of XML 1.0 in valid UTF-8), or throws.
    @inline(__always) private mutating func character() throws(ContainerError) {
        let c = at(i)
        if c >= 0x20 && c < 0x80 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1; return }
        i += try multibyte(c, at: i)
    }

    /// The length of the valid UTF-8 sequence at `i` whose lead byte `c` is not ASCII, if it is an allowed
    /// character (not a surrogate, U+FFFE or U+FFFF).
    @inline(__always) private func multibyte(_ c: UInt8, at i: Int) throws(ContainerError) -> Int {
        @inline(__always) func cont(_ k: Int) -> Bool { at(i + k) & 0xC0 == 0x80 }
        switch c {
        case 0xE1...0xEC, 0xEE:
            // Most of CJK text: any two continuation bytes (tested first, as it is most of the characters).
            if cont(1), cont(2) { return 3 }
        case 0xC2...0xDF:
            if cont(1) { return 2 }
        case 0xE0...0xEF:
            let c1 = at(i + 1)
            let ok: Bool
            switch c {
            case 0xE0: ok = c1 >= 0xA0 && c1 <= 0xBF
            case 0xED: ok = c1 >= 0x80 && c1 <= 0x9F
            case 0xEF: ok = c1 & 0xC0 == 0x80 && !(c1 == 0xBF && at(i + 2) >= 0xBE && at(i + 2) <= 0xBF)
            default: ok = c1 & 0xC0 == 0x80
            }
            if ok, cont(2) { return 3 }
        case 0xF0...0xF4:
            let c1 = at(i + 1)
            let ok = c == 0xF0 ? c1 >= 0x90 && c1 <= 0xBF : c == 0xF4 ? c1 >= 0x80 && c1 <= 0x8F : c1 & 0xC0 == 0x80
            if ok, cont(2), cont(3) { return 4 }
        default: break
        }
        throw malformed
    }

    /// A Name at `i` (XML 1.0 fifth edition), its range. (Inlined: it is read for every tag and attribute.)
    @inline(__always) private mutating func name() throws(ContainerError) -> Range<Int> {
        // A local index: the loop runs per byte of every name.
        let start = i
        var k = i
        while k < n {
            let c = p[k]
            if c < 0x80 {
                // Letters, "_", ":" anywhere; digits, "-", "." after the first.
                if (c | 0x20) &- 0x61 < 26 || c == 0x5F || c == 0x3A {
                } else if k > start, c &- 0x30 < 10 || c == 0x2D || c == 0x2E {
                } else {
                    break
                }
                k += 1
            } else {
                let len = try multibyte(c, at: k)
                guard Self.isNameChar(scalar(len, at: k), first: k == start) else { break }
                k += len
            }
        }
        i = k
        guard k > start, k - start <= Self.maxName else { throw malformed }
        return start..<k
    }

    /// An element's or attribute's name, qualified as written. A Name that is not prefix:local (":a", "a:b:c")
    /// is taken as it stands, as libxml2 takes it (with a namespace warning only).
    private mutating func qualifiedName() throws(ContainerError) -> Range<Int> { try name() }

    private func scalar(_ len: Int, at i: Int) -> UInt32 {
        var v = UInt32(at(i)) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len { v = v << 6 | UInt32(at(i + k) & 0x3F) }
        return v
    }

    /// NameStartChar and NameChar beyond ASCII.
    private static func isNameChar(_ v: UInt32, first: Bool) -> Bool {
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F,
             0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        case 0xB7, 0x300...0x36F, 0x203F...0x2040:
            return !first
        default:
            return false
        }
    }

    /// An element and its content, from its "<" to the end of its end tag.
    private mutating func element<S: XMLSink>(_ sink: inout S) throws(ContainerError) {
        try startTag(&sink)
        while !open.isEmpty {
            let c = at(i)
            if c == 0x3C {
                switch at(i + 1) {
                case 0x2F: try endTag(&sink)
                case 0x21:
                    if starts("<!--") { try comment() } else if starts("<![CDATA[") { try cdata(&sink) } else { throw malformed }
                case 0x3F: try instruction()
                default: try startTag(&sink)
                }
            } else if c == 0x26 {
                try reference(&sink)
            } else {
                try text(&sink)
            }
        }
    }

    /// `<name attributes>` or `<name attributes/>`: the start, and for the latter the end at once.
    private mutating func startTag<S: XMLSink>(_ sink: inout S) throws(ContainerError) {
        // libxml2 refuses an element once this many are open around it (when more than maxDepth are).
        guard open.count <= Self.maxDepth else { throw malformed }
        i += 1
        let name = try qualifiedName()
        // The arrays keep their elements from tag to tag, overwritten: only the first counts are this tag's.
        var count = 0, names = 0
        while true {
            let spaced = Self.isSpace(at(i))
            skipSpaces()
            let c = at(i)
            if c == 0x3E || (c == 0x2F && at(i + 1) == 0x3E) { break }
            guard spaced else { throw malformed }
            let a = try qualifiedName()
            skipSpaces()
            guard at(i) == 0x3D else { throw malformed }
            i += 1
            skipSpaces()
            let (value, plain) = try attributeValue()
            let aName = UnsafeBufferPointer(start: p + a.lowerBound, count: a.count)
            for k in 0..<names where attributeNames[k].count == a.count && same(attributeNames[k].lowerBound, a.lowerBound, a.count) {
                throw malformed
            }
            Self.put(a, at: names, in: &attributeNames)
            names += 1
            if !isNamespaceDeclaration(a) {
                let v = XMLAttribute(name: aName, value: UnsafeBufferPointer(start: p + value.lowerBound, count: value.count), raw: !plain)
                Self.put(v, at: count, in: &attributes)
                count += 1
            }
        }
        let empty = at(i) == 0x2F
        i += empty ? 2 : 1
        open.append((name.lowerBound, name.count))
        let qualified = UnsafeBufferPointer(start: p + name.lowerBound, count: name.count)
        if count == 0 {
            // Most tags: no attributes, so no access to the array (which would hold on to its buffer).
            try sink.start(XMLStart(name: qualified, attributes: UnsafeBufferPointer(start: nil, count: 0)))
        } else {
            try attributes.withUnsafeBufferPointer { (a) throws(ContainerError) in
                try sink.start(XMLStart(name: qualified, attributes: UnsafeBufferPointer(start: a.baseAddress, count: min(count, a.count))))
            }
        }
        if empty {
            open.removeLast()
            try sink.end()
        }
    }

    /// Sets element `k` of `a`, which holds at least `k` elements: overwritten, or appended.
    @inline(__always) private static func put<T>(_ x: T, at k: Int, in a: inout [T]) {
        if k < a.count { a[k] = x } else { a.append(x) }
    }

    /// "xmlns", or "xmlns:" and an NCName: not an attribute to SAX2. (libxml2 reads a name whose part after its
    /// colon does not start as a name does, "xmlns:-a", as a plain attribute.)
    private func isNamespaceDeclaration(_ a: Range<Int>) -> Bool {
        guard a.count >= 5, memcmp(p + a.lowerBound, "xmlns", 5) == 0 else { return false }
        if a.count == 5 { return true }
        guard a.count > 6, p[a.lowerBound + 5] == 0x3A else { return false }
        let c = p[a.lowerBound + 6]
        if c < 0x80 { return (c | 0x20) &- 0x61 < 26 || c == 0x5F }
        return Self.isNameChar(UTF8Text.scalar(UnsafeBufferPointer(start: p, count: n), at: a.lowerBound + 6), first: true)
    }

    /// A quoted attribute value, checked: its range without the quotes, and whether it is its own value (no
    /// reference, no TAB, LF or CR to normalise).
    private mutating func attributeValue() throws(ContainerError) -> (Range<Int>, Bool) {
        let q = at(i)
        guard q == 0x22 || q == 0x27 else { throw malformed }
        i += 1
        let start = i
        var plain = true
        // A local index for the characters (a reference is rare: read from `i`).
        var k = i
        while true {
            let c = at(k)
            if c == q { break }
            if c >= 0x80 {
                k += try multibyte(c, at: k)
            } else if c >= 0x20 {
                if c == 0x3C { throw malformed }
                if c == 0x26 {
                    plain = false
                    i = k
                    _ = try referencedCharacter()
                    k = i
                } else {
                    k += 1
                }
            } else if c == 0x09 || c == 0x0A || c == 0x0D {
                plain = false
                k += 1
            } else {
                throw malformed
            }
        }
        i = k
        guard i - start <= Self.maxValue else { throw malformed }
        i += 1
        return (start..<(i - 1), plain)
    }

    /// The character a reference at `i` ("&…;") stands for: one of the five predefined entities or a character
    /// reference to an allowed character. Anything else is refused (no DTD declares entities).
    private mutating func referencedCharacter() throws(ContainerError) -> UInt32 {
        i += 1
        if at(i) == 0x23 {
            i += 1
            var v: UInt32 = 0
            var digits = 0
            let hex = at(i) == 0x78
            if hex { i += 1 }
            while true {
                let c = at(i)
                let d: UInt32
                if Self.isDigit(c) { d = UInt32(c - 0x30) }
                else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
                else { break }
                // libxml2 stops counting at 0x110000 (then refuses it): no overflow.
                v = min(v * (hex ? 16 : 10) + d, 0x110000)
                digits += 1
                i += 1
            }
            guard digits > 0, at(i) == 0x3B else { throw malformed }
            i += 1
            switch v {
            case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return v
            default: throw malformed
            }
        }
        let v: UInt32
        if starts("lt;") { v = 0x3C; i += 3 }
        else if starts("gt;") { v = 0x3E; i += 3 }
        else if starts("amp;") { v = 0x26; i += 4 }
        else if starts("apos;") { v = 0x27; i += 5 }
        else if starts("quot;") { v = 0x22; i += 5 }
        else { throw malformed }
        return v
    }

    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800: out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18 & 0x07)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// A reference in content, given as text.
    private mutating func reference<S: XMLSink>(_ sink: inout S) throws(ContainerError) {
        let v = try referencedCharacter()
        scratch.removeAll(keepingCapacity: true)
        Self.appendUTF8(v, to: &scratch)
        try scratch.withUnsafeBufferPointer { (b) throws(ContainerError) in try sink.text(b) }
    }

    /// Character data up to the next "<" or "&", given in pieces: a CR (alone or before an LF) is given as an LF.
    private mutating func text<S: XMLSink>(_ sink: inout S) throws(ContainerError) {
        // A local index: the loop runs per character of the text.
        var start = i
        var k = i
        while true {
            let c = at(k)
            if c >= 0x80 {
                k += try multibyte(c, at: k)
            } else if c >= 0x20 {
                if c == 0x3C || c == 0x26 { break }
                if c == 0x5D, at(k + 1) == 0x5D, at(k + 2) == 0x3E { throw malformed }
                k += 1
            } else if c == 0x0A || c == 0x09 {
                k += 1
            } else if c == 0x0D {
                try give(start, k, &sink)
                try give(lineFeed, &sink)
                k += at(k + 1) == 0x0A ? 2 : 1
                start = k
            } else {
                // NUL, other controls, or the end of the part inside the root element.
                throw malformed
            }
        }
        i = k
        try give(start, k, &sink)
    }

    /// `<![CDATA[ … ]]>`: its content as text, line ends normalised.
    private mutating func cdata<S: XMLSink>(_ sink: inout S) throws(ContainerError) {
        i += 9
        var start = i
        while !(at(i) == 0x5D && at(i + 1) == 0x5D && at(i + 2) == 0x3E) {
            if at(i) == 0x0D {
                try give(start, i, &sink)
                try give(lineFeed, &sink)
                i += at(i + 1) == 0x0A ? 2 : 1
                start = i
            } else {
                try character()
            }
        }
        try give(start, i, &sink)
        i += 3
    }

    /// An LF in static storage, given for a CR.
    private var lineFeed: UnsafeBufferPointer<UInt8> {
        let s: StaticString = "\n"
        return UnsafeBufferPointer(start: s.utf8Start, count: 1)
    }

    private func give<S: XMLSink>(_ from: Int, _ to: Int, _ sink: inout S) throws(ContainerError) {
        if to > from { try sink.text(UnsafeBufferPointer(start: p + from, count: to - from)) }
    }

    private func give<S: XMLSink>(_ b: UnsafeBufferPointer<UInt8>, _ sink: inout S) throws(ContainerError) { try sink.text(b) }

    /// Whether the `count` bytes at `a` and at `b` (both within the part) are the same: names are short, so a loop
    /// beats memcmp's call.
    @inline(__always) private func same(_ a: Int, _ b: Int, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            if p[a + k] != p[b + k] { return false }
            k += 1
        }
        return true
    }

    /// `</name S?>`, which must close the innermost open element.
    private mutating func endTag<S: XMLSink>(_ sink: inout S) throws(ContainerError) {
        i += 2
        guard let top = open.last, top.start + top.count <= n, i + top.count <= n, same(i, top.start, top.count) else { throw malformed }
        i += top.count
        skipSpaces()
        guard at(i) == 0x3E else { throw malformed }
        i += 1
        open.removeLast()
        try sink.end()
    }
}

/// An attribute as the scanner or libxml2 found it: its qualified name as written and its value, either as the
/// part holds it (`raw`: references to replace, TAB/LF/CR to make spaces) or already as it reads.
struct XMLAttribute {
    let name: UnsafeBufferPointer<UInt8>
    let value: UnsafeBufferPointer<UInt8>
    let raw: Bool

    /// The value as it reads (attribute-value normalisation of XML 1.0 for CDATA attributes).
    var string: String {
        guard raw else { return String(decoding: value, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var k = 0
        while k < value.count {
            let c = value[k]
            if c == 0x26, let semi = value[k...].firstIndex(of: 0x3B) {
                Self.appendReference(value[(k + 1)..<semi], to: &out)
                k = semi + 1
            } else if c == 0x0D {
                // CR LF is one line end, given as one space.
                out.append(0x20)
                k += k + 1 < value.count && value[k + 1] == 0x0A ? 2 : 1
            } else {
                out.append(c == 0x09 || c == 0x0A ? 0x20 : c)
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character of a reference the scanner has checked ("lt", "#38", "#x26" …).
    private static func appendReference(_ r: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
        let word = String(decoding: UnsafeBufferPointer(rebasing: r), as: UTF8.self)
        let v: UInt32?
        switch word {
        case "lt": v = 0x3C
        case "gt": v = 0x3E
        case "amp": v = 0x26
        case "apos": v = 0x27
        case "quot": v = 0x22
        default:
            if word.hasPrefix("#x") { v = UInt32(word.dropFirst(2), radix: 16) }
            else if word.hasPrefix("#") { v = UInt32(word.dropFirst(), radix: 10) }
            else { v = nil }
        }
        guard let v, let scalar = Unicode.Scalar(v) else { return }
        out.append(contentsOf: String(Character(scalar)).utf8)
    }
}
