import COpenCC
import Foundation
import YusuanModel

/// Traditional → simplified Chinese with OpenCC's t2s configuration (Debian's libopencc), not a hand-made table.
public enum Traditional {
    /// Characters that only traditional text uses, common in disclosures; three or more mark a traditional text.
    static let markers: Set<Character> = ["預", "經", "費", "萬", "項", "說", "財", "務", "開", "會", "國", "資", "產", "計", "結", "轉",
                                          "額", "決", "門", "類", "體", "員", "關", "運", "這", "為", "與", "總", "報", "區", "縣", "發",
                                          "質", "時", "數", "撥", "級", "個", "對", "應", "業", "單", "購", "辦", "機", "構", "職", "責"]

    static let markerScalars: Set<UInt32> = Set(markers.compactMap { $0.unicodeScalars.first?.value })

    /// How many markers make a text traditional.
    static let markersNeeded = 3

    public static func looksTraditional(_ s: String) -> Bool {
        s.withBytes { markerCount($0) } >= markersNeeded
    }

    /// The markers in `b` (UTF-8), counted up to `markersNeeded`. Every marker is a CJK ideograph (three bytes,
    /// lead E4–E9), looked up in a bitmap.
    static func markerCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        var i = 0
        let count = b.count
        while i + 2 < count {
            let c = b[i]
            if c < 0xE4 || c > 0xE9 { i += 1; continue }
            if isMarker(c, b[i + 1], b[i + 2]) {
                n += 1
                if n >= markersNeeded { return n }
            }
            i += 3
        }
        return n
    }

    /// Whether the three bytes `a m c` encode a marker.
    static func isMarker(_ a: UInt8, _ m: UInt8, _ c: UInt8) -> Bool {
        guard a >= 0xE4 && a <= 0xE9 else { return false }
        let k = (Int(a & 0x0F) << 12 | Int(m & 0x3F) << 6 | Int(c & 0x3F)) - 0x4E00
        return k >= 0 && markerBits[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// One bit per code point from U+4E00 to U+9FFF: set for the markers.
    static let markerBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: (0xA000 - 0x4E00) / 64)
        for v in markerScalars where v >= 0x4E00 && v < 0xA000 {
            let k = Int(v) - 0x4E00
            bits[k >> 6] |= 1 << UInt64(k & 63)
        }
        return bits
    }()

    /// Lines converted when the text is traditional, with the originals; the lines unchanged and nil otherwise.
    /// `unconverted` says why a traditional text was left as it is: OpenCC could not be loaded.
    public static func simplified(_ lines: [String]) -> (lines: [String], originals: [String]?, unconverted: String?) {
        guard looksTraditional(lines.prefix(400).joined()) else { return (lines, nil, nil) }
        if let why = SharedLibrary.openCC.unavailable { return (lines, nil, "traditional characters to convert need \(why)") }
        let converted = lines.map { toSimplified($0) ?? $0 }
        return converted == lines ? (lines, nil, nil) : (converted, lines, nil)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var handles: [String: opencc_t] = [:]

    /// The simplified text, or nil when OpenCC is not available (cannot be loaded, or lacks the configuration).
    public static func toSimplified(_ s: String) -> String? { convert(s, config: "t2s.json") }

    /// The traditional text (for making test documents), or nil when OpenCC is not available.
    public static func toTraditional(_ s: String) -> String? { convert(s, config: "s2t.json") }

    static func convert(_ s: String, config: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if handles[config] == nil, SharedLibrary.openCC.unavailable == nil {
            let h = yusuan_opencc_open(config)
            if h != opencc_t(bitPattern: -1), let h { handles[config] = h }
        }
        guard let h = handles[config] else { return nil }
        var bytes = Array(s.utf8)
        guard !bytes.isEmpty else { return "" }
        let converted: UnsafeMutablePointer<CChar>? = bytes.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { yusuan_opencc_convert_utf8(h, $0, buf.count) }
            }
        }
        guard let converted else { return nil }
        defer { yusuan_opencc_convert_utf8_free(converted) }
        return String(cString: converted)
    }
}
