import Foundation

/// Money for people: 万元 with thousands separators; 亿元 from 10,000 万元 up.
public enum Money {
    public struct Unit: Sendable { public var divisor: Double; public var zh: String; public var en: String }
    public static let wan = Unit(divisor: 1, zh: "万元", en: "10,000 yuan")
    public static let yi = Unit(divisor: 10000, zh: "亿元", en: "100 million yuan")

    /// 亿元 when the largest magnitude reaches 10,000 万元.
    public static func unit(forMax m: Double) -> Unit { abs(m) >= 10000 ? yi : wan }

    /// "9,250.53": as precise as documents state amounts (two decimals, trailing zeros dropped) unless told.
    public static func format(_ v: Double, unit: Unit = wan, digits: Int? = nil, signed: Bool = false) -> String {
        let x = v / unit.divisor
        let d = digits ?? (abs(x) >= 100_000 ? 0 : 2)
        var s = Format.fixed(abs(x), d)
        if d > 0 { s = s.trimmedZeros }
        let parts = s.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 { grouped = "," + whole.suffix(3) + grouped; whole = String(whole.dropLast(3)) }
        grouped = whole + grouped
        let body = parts.count > 1 ? grouped + "." + parts[1] : grouped
        let sign = x < 0 && body != "0" ? "−" : (signed && x > 0 ? "+" : "")
        return sign + body
    }
}

/// Lays out the parts every chart has: a title that states the finding, a subtitle with the unit, an optional
/// "synthetic data" banner, notes and a source line, all wrapped to the canvas.
struct ChartFrame {
    static let width = 720.0
    static let margin = 24.0

    var canvas = SVGCanvas(width: ChartFrame.width, height: 400)
    var y = 0.0

    /// Splits text into lines that fit `maxWidth` (CJK may break anywhere; Latin text at spaces).
    static func wrap(_ s: String, size: Double, maxWidth: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for c in s {
            let candidate = current + String(c)
            if TextMetrics.width(candidate, size: size) > maxWidth, !current.isEmpty {
                if c != " ", let space = current.lastIndex(of: " "), current.distance(from: space, to: current.endIndex) < 40 {
                    lines.append(String(current[..<space]))
                    current = String(current[current.index(after: space)...]) + String(c)
                } else {
                    lines.append(current)
                    current = c == " " ? "" : String(c)
                }
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    mutating func header(title: String, subtitle: String, synthetic: Bool, language: Language) {
        y = 12
        if synthetic {
            let label = language.pick("示例数据 · 由 yusuan synth 生成，不是真实政府数据", "SYNTHETIC EXAMPLE DATA · made by yusuan synth, not a real government's figures")
            canvas.rect(x: 0, y: 0, width: ChartFrame.width, height: 26, fill: "#E69F00")
            canvas.text(label, x: ChartFrame.margin, y: 18, size: 12, weight: 700, fill: "#000000")
            y = 38
        }
        for line in ChartFrame.wrap(title, size: 20, maxWidth: ChartFrame.width - 2 * ChartFrame.margin) {
            y += 26
            canvas.text(line, x: ChartFrame.margin, y: y, size: 20, weight: 700)
        }
        for line in ChartFrame.wrap(subtitle, size: 13, maxWidth: ChartFrame.width - 2 * ChartFrame.margin) {
            y += 19
            canvas.text(line, x: ChartFrame.margin, y: y, size: 13, fill: SVGCanvas.muted)
        }
        y += 16
    }

    mutating func footer(notes: [String], source: String) {
        y += 8
        for note in notes {
            for line in ChartFrame.wrap(note, size: 12, maxWidth: ChartFrame.width - 2 * ChartFrame.margin) {
                y += 17
                canvas.text(line, x: ChartFrame.margin, y: y, size: 12, fill: SVGCanvas.ink, isLabel: false)
            }
        }
        y += 4
        for line in ChartFrame.wrap(source, size: 11, maxWidth: ChartFrame.width - 2 * ChartFrame.margin) {
            y += 15
            canvas.text(line, x: ChartFrame.margin, y: y, size: 11, fill: SVGCanvas.muted, isLabel: false)
        }
        canvas.setHeight((y + 14).rounded(.up))
    }

    /// Shortens a label to fit `maxWidth`, ending it with "…".
    static func fit(_ s: String, size: Double, maxWidth: Double) -> String {
        if TextMetrics.width(s, size: size) <= maxWidth { return s }
        var t = s
        while !t.isEmpty && TextMetrics.width(t + "…", size: size) > maxWidth { t.removeLast() }
        return t + "…"
    }

    /// Moves labels apart vertically so none overlaps: positions sorted, then pushed down by `gap`, then
    /// the whole run shifted back up if it ran past `maxY`.
    static func spread(_ ys: [Double], gap: Double, minY: Double, maxY: Double) -> [Double] {
        let order = ys.indices.sorted { ys[$0] < ys[$1] }
        var placed = [Double](repeating: 0, count: ys.count)
        var last = -Double.infinity
        for i in order {
            let y = max(ys[i], last + gap, minY)
            placed[i] = y
            last = y
        }
        if let top = order.last, placed[top] > maxY {
            let shift = placed[top] - maxY
            for i in order { placed[i] -= shift }
            var next = Double.infinity
            for i in order.reversed() { placed[i] = min(placed[i], next - gap); next = placed[i] }
        }
        return placed
    }
}
