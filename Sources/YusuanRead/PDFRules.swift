/// A horizontal rule drawn on a page (a table's row border), in the coordinates of pdftotext's word boxes:
/// points, y growing down from the top of the page.
public struct PDFRule: Sendable, Equatable {
    public var y: Double
    public var x0: Double
    public var x1: Double
    public init(y: Double, x0: Double, x1: Double) { self.y = y; self.x0 = x0; self.x1 = x1 }
}

/// A vertical rule (a column border), in the same coordinates.
public struct PDFColumnRule: Sendable, Equatable {
    public var x: Double
    public var top: Double
    public var bottom: Double
    public init(x: Double, top: Double, bottom: Double) { self.x = x; self.top = top; self.bottom = bottom }
}

/// The borders drawn on one page.
public struct PDFPageRules: Sendable, Equatable {
    public var rows: [PDFRule] = []
    public var columns: [PDFColumnRule] = []
    public init(rows: [PDFRule] = [], columns: [PDFColumnRule] = []) { self.rows = rows; self.columns = columns }
}

/// The row and column borders of tables, read from `pdftocairo -svg` (poppler-utils): stroked straight segments and thin
/// filled rectangles (Word and WPS draw borders either way) that run level or plumb. pdftotext gives words only;
/// these rules are what pdfplumber's "lines" strategy uses: they settle which lines of a table make one row where
/// cells wrap and are centred vertically, and where narrow columns part. Glyphs, clip paths and curves are skipped. Bytes in, no XML tree.
enum PDFRules {
    /// Rules per page, in page order. Anything unreadable gives no rules (the table finder then uses the text alone).
    static func parse(svg: [UInt8]) -> [PDFPageRules] {
        var pages: [PDFPageRules] = []
        var stack: [Affine] = [.identity]
        var inClip = 0, inDefs = 0
        var i = 0
        let n = svg.count
        while i < n {
            guard svg[i] == 0x3C else { i += 1; continue }  // "<"
            var j = i + 1
            while j < n, svg[j] != 0x3E { j += 1 }          // ">"
            guard j < n else { break }
            let tag = svg[(i + 1)..<j]
            i = j + 1
            let closing = tag.first == 0x2F                 // "/"
            let selfClosing = tag.last == 0x2F
            let name = Array(tag.drop(while: { $0 == 0x2F }).prefix(while: { $0 != 0x20 && $0 != 0x2F && $0 != 0x0A }))
            switch name {
            case Array("page".utf8) where !closing:
                pages.append(PDFPageRules())
            case Array("g".utf8):
                if closing { if stack.count > 1 { stack.removeLast() } }
                else if !selfClosing { stack.append(stack[stack.count - 1].then(attribute("transform", in: tag).flatMap(Affine.parse) ?? .identity)) }
            case Array("clipPath".utf8), Array("mask".utf8), Array("pattern".utf8):
                if !selfClosing { inClip += closing ? -1 : 1 }
            case Array("defs".utf8), Array("symbol".utf8):
                if !selfClosing { inDefs += closing ? -1 : 1 }
            case Array("path".utf8) where !closing && inClip <= 0 && inDefs <= 0 && !pages.isEmpty:
                guard let d = attribute("d", in: tag) else { continue }
                let style = attribute("style", in: tag).map { String(decoding: $0, as: UTF8.self) } ?? ""
                let m = stack[stack.count - 1].then(attribute("transform", in: tag).flatMap(Affine.parse) ?? .identity)
                let found = rules(d: d, style: style, transform: m)
                pages[pages.count - 1].rows += found.rows
                pages[pages.count - 1].columns += found.columns
            default:
                break
            }
        }
        return pages
    }

    /// The level and plumb rules one path draws: its straight stroked segments, or its thin rectangles when filled.
    static func rules(d: ArraySlice<UInt8>, style: String, transform m: Affine) -> PDFPageRules {
        let stroked = style.contains("stroke:") && !style.contains("stroke:none")
        let filled = !style.contains("fill:none")
        var out = PDFPageRules()
        guard stroked || filled else { return out }
        func add(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
            if abs(y1 - y0) < 0.6, abs(x1 - x0) >= 3 { out.rows.append(PDFRule(y: (y0 + y1) / 2, x0: min(x0, x1), x1: max(x0, x1))) }
            else if abs(x1 - x0) < 0.6, abs(y1 - y0) >= 3 { out.columns.append(PDFColumnRule(x: (x0 + x1) / 2, top: min(y0, y1), bottom: max(y0, y1))) }
        }
        for sub in subpaths(d) where !sub.curved && sub.points.count >= 2 {
            let pts = sub.points.map { m.apply($0) }
            if stroked {
                for (a, b) in zip(pts, pts.dropFirst()) { add(a.x, a.y, b.x, b.y) }
            } else if (4...5).contains(sub.points.count) {
                let xs = pts.map(\.x), ys = pts.map(\.y)
                guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { continue }
                // Only axis-aligned corners: every point on the box's edges.
                let boxy = pts.allSatisfy { (abs($0.x - x0) < 0.3 || abs($0.x - x1) < 0.3) && (abs($0.y - y0) < 0.3 || abs($0.y - y1) < 0.3) }
                guard boxy else { continue }
                if y1 - y0 <= 2.5 { add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2) }
                else if x1 - x0 <= 2.5 { add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1) }
            }
        }
        return out
    }

    struct Point { var x, y: Double }
    struct Subpath { var points: [Point] = []; var curved = false }

    /// "M x y L x y … Z" into subpaths of points; a subpath with curves (C, Q, A …) is marked and skipped.
    static func subpaths(_ d: ArraySlice<UInt8>) -> [Subpath] {
        var out: [Subpath] = []
        var current = Subpath()
        var command: UInt8 = 0
        var numbers: [Double] = []
        func flush() {
            switch command {
            case UInt8(ascii: "M"):
                if current.points.count >= 1 { out.append(current) }
                current = Subpath()
                for k in stride(from: 0, to: numbers.count - 1, by: 2) { current.points.append(Point(x: numbers[k], y: numbers[k + 1])) }
            case UInt8(ascii: "L"):
                for k in stride(from: 0, to: numbers.count - 1, by: 2) { current.points.append(Point(x: numbers[k], y: numbers[k + 1])) }
            case UInt8(ascii: "Z"), UInt8(ascii: "z"), 0:
                break
            default:
                current.curved = true
            }
            numbers.removeAll(keepingCapacity: true)
        }
        var k = d.startIndex
        while k < d.endIndex {
            let c = d[k]
            if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A), c != UInt8(ascii: "e"), c != UInt8(ascii: "E") {
                flush()
                command = c
                k += 1
            } else if c == 0x2D || c == 0x2E || (c >= 0x30 && c <= 0x39) {
                var e = k + 1
                while e < d.endIndex, d[e] == 0x2E || d[e] == 0x65 || d[e] == 0x45 || (d[e] >= 0x30 && d[e] <= 0x39)
                        || ((d[e] == 0x2D || d[e] == 0x2B) && (d[e - 1] == 0x65 || d[e - 1] == 0x45)) { e += 1 }
                if let v = Double(String(decoding: d[k..<e], as: UTF8.self)), v.isFinite { numbers.append(v) }
                k = e
            } else {
                k += 1
            }
        }
        flush()
        if current.points.count >= 1 { out.append(current) }
        return out
    }

    /// The value of `name="…"` inside a tag's bytes.
    static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let key = Array((" " + name + "=\"").utf8)
        var k = tag.startIndex
        while k + key.count <= tag.endIndex {
            if tag[k] == key[0], tag[k..<(k + key.count)].elementsEqual(key) {
                let start = k + key.count
                guard let end = tag[start...].firstIndex(of: 0x22) else { return nil }
                return tag[start..<end]
            }
            k += 1
        }
        return nil
    }

    /// An SVG transform: matrix(a,b,c,d,e,f) or translate/scale, as cairo writes them.
    struct Affine {
        var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0
        static let identity = Affine()

        func apply(_ p: Point) -> Point { Point(x: a * p.x + c * p.y + e, y: b * p.x + d * p.y + f) }

        /// This transform applied after `inner` (an element's own transform inside its group's).
        func then(_ inner: Affine) -> Affine {
            Affine(a: a * inner.a + c * inner.b, b: b * inner.a + d * inner.b,
                   c: a * inner.c + c * inner.d, d: b * inner.c + d * inner.d,
                   e: a * inner.e + c * inner.f + e, f: b * inner.e + d * inner.f + f)
        }

        static func parse(_ bytes: ArraySlice<UInt8>) -> Affine? {
            let s = String(decoding: bytes, as: UTF8.self)
            guard let open = s.firstIndex(of: "("), let close = s.firstIndex(of: ")") , open < close else { return nil }
            let values = s[s.index(after: open)..<close].split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }.filter(\.isFinite)
            switch s[..<open].trimmingSpaces() {
            case "matrix" where values.count == 6:
                return Affine(a: values[0], b: values[1], c: values[2], d: values[3], e: values[4], f: values[5])
            case "translate" where !values.isEmpty:
                return Affine(e: values[0], f: values.count > 1 ? values[1] : 0)
            case "scale" where !values.isEmpty:
                return Affine(a: values[0], d: values.count > 1 ? values[1] : values[0])
            default:
                return nil
            }
        }
    }
}
