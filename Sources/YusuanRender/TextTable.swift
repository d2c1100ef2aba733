/// Plain-text tables aligned by display width (East Asian Width: CJK and full-width characters take two columns).
public struct TextTable {
    public enum Align { case left, right }
    public var header: [String]
    public var align: [Align]
    public var rows: [[String]] = []

    public init(header: [String], align: [Align]) {
        self.header = header
        self.align = align
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public func render(indent: String = "  ") -> String {
        let all = [header] + rows
        let cols = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: cols)
        for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], TextTable.width(c)) } }
        var out = ""
        for (n, r) in all.enumerated() {
            var line = indent
            for i in 0..<cols {
                let c = i < r.count ? r[i] : ""
                let pad = String(repeating: " ", count: widths[i] - TextTable.width(c))
                let a = i < align.count ? align[i] : .left
                line += (a == .right ? pad + c : c + (i == cols - 1 ? "" : pad)) + (i == cols - 1 ? "" : "  ")
            }
            out += line.replacingTrailingSpaces() + "\n"
            if n == 0 {
                out += indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return out
    }

    /// Terminal columns of `s`.
    public static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            if u.properties.generalCategory == .nonspacingMark || v == 0x200B { return w }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return w + (wide ? 2 : 1)
        }
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Number formatting shared by the text renderers.
enum Format {
    static func pct(_ v: Double?, digits: Int = 1, signed: Bool = true) -> String {
        guard let v, v.isFinite else { return "—" }
        let s = fixed(v, digits)
        return (signed && v > 0 ? "+" : "") + s + "%"
    }

    static func pp(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        return (v > 0 ? "+" : "") + fixed(v, 1) + "pp"
    }

    /// Fixed decimals without Foundation's locale-dependent formatting.
    static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return "—" }
        // Past 10^15 a Double holds no useful fraction, and Int(_:) traps near 9.2e18: C's %f, which never traps
        // and (without a locale argument) never localises.
        guard abs(v) < 1e15 else { return String(format: "%.\(max(0, digits))f", v) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (abs(v) * scale).rounded() / scale
        let neg = v < 0 && r != 0
        var whole = String(Int(r.rounded(.down)))
        if digits > 0 {
            var frac = String(Int(((r - r.rounded(.down)) * scale).rounded()))
            if frac.count > digits { whole = String(Int(r.rounded(.down)) + 1); frac = String(repeating: "0", count: digits) }
            whole += "." + String(repeating: "0", count: digits - frac.count) + frac
        }
        return (neg ? "-" : "") + whole
    }
}
