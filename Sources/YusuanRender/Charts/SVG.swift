import Foundation

/// Estimated text widths for layout without a font engine: CJK and full-width glyphs one em, digits and
/// Latin letters about 0.56 em, narrow punctuation less.
public enum TextMetrics {
    public static func width(_ s: String, size: Double) -> Double {
        var em = 0.0
        for u in s.unicodeScalars {
            let v = u.value
            if TextTable.width(String(u)) == 2 || (0x2E80...0xFFEF).contains(v) { em += 1.0 }
            else if " .,:;'|!il".unicodeScalars.contains(u) { em += 0.3 }
            else if "()[]-+−/·".unicodeScalars.contains(u) { em += 0.4 }
            else if "%MW@".unicodeScalars.contains(u) { em += 0.85 }
            else { em += 0.58 }
        }
        return em * size
    }
}

/// A text element's estimated box, kept so tests can check that nothing leaves the canvas or overlaps.
public struct TextBox: Sendable, Equatable {
    public var text: String
    public var x: Double, y: Double, width: Double, height: Double
    /// Whether overlapping with other labels matters (axis ticks may touch the axis title; data labels may not).
    public var isLabel: Bool

    public func intersects(_ o: TextBox) -> Bool {
        x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height
    }
}

/// A minimal SVG writer: deterministic numbers (two decimals at most), escaped text, and a record of every
/// text box for layout checks.
public struct SVGCanvas {
    public let width: Double
    public private(set) var height: Double
    private var elements: [String] = []
    public private(set) var boxes: [TextBox] = []

    public static let fontStack = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
    public static let okabeIto = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    /// For lines and text on white: Okabe–Ito without the yellow, which is too light to read.
    public static let lineColours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#7f7f7f"]
    public static let ink = "#1a1a1a", muted = "#666666", grid = "#e3e3e3", negative = "#D55E00", positive = "#0072B2"
    /// Attributes that outline text in the background colour, so that a line drawn across it does not strike it through.
    public static let halo = "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    public mutating func setHeight(_ h: Double) { height = h }

    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        return Format.fixed(v, 2).trimmedZeros
    }

    static let escape = ByteEscaper(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"])

    public enum Anchor: String { case start, middle, end }

    /// Draws text with its baseline at y. Returns its box.
    @discardableResult
    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, weight: Int = 400, anchor: Anchor = .start,
                              fill: String = SVGCanvas.ink, isLabel: Bool = true, extra: String = "") -> TextBox {
        let w = TextMetrics.width(s, size: size)
        let left = anchor == .start ? x : anchor == .middle ? x - w / 2 : x - w
        let box = TextBox(text: s, x: left, y: y - size * 0.88, width: w, height: size * 1.1, isLabel: isLabel)
        boxes.append(box)
        var attrs = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\""
        if weight != 400 { attrs += " font-weight=\"\(weight)\"" }
        if anchor != .start { attrs += " text-anchor=\"\(anchor.rawValue)\"" }
        if fill != Self.ink { attrs += " fill=\"\(fill)\"" }
        if !extra.isEmpty { attrs += " " + extra }
        elements.append("<text \(attrs)>\(Self.escape(s))</text>")
        return box
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                              dash: Bool = false, title: String? = nil) {
        var attrs = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { attrs += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
        if dash { attrs += " stroke-dasharray=\"4 3\"" }
        if let title { elements.append("<rect \(attrs)><title>\(Self.escape(title))</title></rect>") } else { elements.append("<rect \(attrs)/>") }
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: Bool = false) {
        var attrs = "x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\""
        if width != 1 { attrs += " stroke-width=\"\(Self.n(width))\"" }
        if dash { attrs += " stroke-dasharray=\"4 3\"" }
        elements.append("<line \(attrs)/>")
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2.5) {
        let p = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(p)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, title: String? = nil) {
        var attrs = "cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
        if let stroke { attrs += " stroke=\"\(stroke)\" stroke-width=\"2\"" }
        if let title { elements.append("<circle \(attrs)><title>\(Self.escape(title))</title></circle>") } else { elements.append("<circle \(attrs)/>") }
    }

    /// The whole document: role="img", <title> and <desc> referenced by aria-labelledby, a viewBox so it scales.
    public func render(title: String, description: String, id: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"\(Self.fontStack)\">\n"
        out += "<title id=\"\(id)-title\">\(Self.escape(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(Self.escape(description))</desc>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += elements.joined(separator: "\n") + "\n</svg>\n"
        return out
    }
}

/// Axis scales with "nice" ticks (1, 2, 2.5, 5 × 10^k).
public struct LinearScale {
    public var domain: (Double, Double)
    public var range: (Double, Double)

    public func callAsFunction(_ v: Double) -> Double {
        let (d0, d1) = domain, (r0, r1) = range
        return d1 == d0 ? r0 : r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }

    /// A domain that contains lo…hi, starts at zero when asked, and ends on nice ticks.
    public static func nice(_ lo: Double, _ hi: Double, includeZero: Bool, ticks: Int = 5) -> (domain: (Double, Double), ticks: [Double]) {
        var a = includeZero ? min(0, lo) : lo, b = includeZero ? max(0, hi) : hi
        if a == b { b = a == 0 ? 1 : a + abs(a) * 0.1; if !includeZero { a -= abs(a) * 0.1 } }
        let step = niceStep((b - a) / Double(ticks))
        let start = (a / step).rounded(.down) * step, end = (b / step).rounded(.up) * step
        var t: [Double] = []
        var v = start
        while v <= end + step * 1e-9 { t.append(abs(v) < step * 1e-9 ? 0 : v); v += step }
        return ((start, end), t)
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where raw <= m * p { return m * p }
        return 10 * p
    }
}
