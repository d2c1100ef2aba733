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

    public static func looksTraditional(_ s: String) -> Bool {
        var n = 0
        for u in s.unicodeScalars where u.value >= 0x4E00 && markerScalars.contains(u.value) { n += 1; if n >= 3 { return true } }
        return false
    }

    /// Lines converted when the text is traditional, with the originals; the lines unchanged and nil otherwise.
    public static func simplified(_ lines: [String]) -> (lines: [String], originals: [String]?) {
        guard looksTraditional(lines.prefix(400).joined()) else { return (lines, nil) }
        let converted = lines.map { toSimplified($0) ?? $0 }
        return converted == lines ? (lines, nil) : (converted, lines)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var handles: [String: opencc_t] = [:]

    /// The simplified text, or nil when OpenCC is not available.
    public static func toSimplified(_ s: String) -> String? { convert(s, config: "t2s.json") }

    /// The traditional text (for making test documents), or nil when OpenCC is not available.
    public static func toTraditional(_ s: String) -> String? { convert(s, config: "s2t.json") }

    static func convert(_ s: String, config: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if handles[config] == nil {
            let h = opencc_open(config)
            if h != opencc_t(bitPattern: -1), let h { handles[config] = h }
        }
        guard let h = handles[config] else { return nil }
        var bytes = Array(s.utf8)
        guard !bytes.isEmpty else { return "" }
        let converted: UnsafeMutablePointer<CChar>? = bytes.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { opencc_convert_utf8(h, $0, buf.count) }
            }
        }
        guard let converted else { return nil }
        defer { opencc_convert_utf8_free(converted) }
        return String(cString: converted)
    }
}
