import YusuanModel
/// Line-level clean-up that every reader applies before extraction. It never joins or splits lines,
/// so line numbers stay those of the decoded file.
public enum TextNormalization {
    /// Splits on LF, CRLF or a lone CR.
    public static func lines(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var lastWasCR = false
        for u in text.unicodeScalars {
            if u == "\r" {
                out.append(String(current)); current = .init(); lastWasCR = true
                continue
            }
            if u == "\n" {
                if !lastWasCR { out.append(String(current)); current = .init() }
                lastWasCR = false
                continue
            }
            lastWasCR = false
            current.append(u)
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// Normalises one line: drops Word noise (`[bookmark: …]`, field codes such as `{ TC … }`), folds
    /// full-width digits, letters and number punctuation to ASCII, and turns exotic spaces into plain ones.
    public static func normalize(_ line: String) -> String {
        // Most lines need nothing: no Word noise and none of the code points below (their UTF-8 lead bytes
        // are C2 for NBSP/soft hyphen, E2 for the spaces, zero-widths and minus, E3 for the ideographic space,
        // EF for full-width forms and the BOM).
        if !line.utf8.contains(where: { $0 == 0x5B || $0 == 0x7B || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }) {
            return line
        }
        let scalars = Array(stripNoise(line).unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        func isDigit(_ i: Int) -> Bool {
            guard i >= 0, i < scalars.count else { return false }
            let v = scalars[i].value
            return (0x30...0x39).contains(v) || (0xFF10...0xFF19).contains(v)
        }
        for (i, u) in scalars.enumerated() {
            let v = u.value
            switch v {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                out.append(Unicode.Scalar(v - 0xFEE0)!)
            case 0xFF05: out.append("%")
            case 0xFF0E where isDigit(i - 1) && isDigit(i + 1): out.append(".")
            case 0xFF0C where isDigit(i - 1) && isDigit(i + 1) && isDigit(i + 3) && !isDigit(i + 4) && isDigit(i + 2):
                // "9，250.53": a full-width comma inside a digit group is a thousands separator.
                out.append(",")
            case 0xFF0D, 0x2212 where isDigit(i + 1): out.append("-")
            case 0xFF0B where isDigit(i + 1): out.append("+")
            case 0x00A0, 0x3000, 0x2002...0x200A, 0x202F, 0x205F: out.append(" ")
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD: continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Removes `[bookmark: …]` markers and Word field codes (`{ TC … }`, `{ PAGE }`, `{ HYPERLINK … }` …).
    /// A field code cut off by the end of the line is removed to the end of the line.
    static func stripNoise(_ line: String) -> String {
        guard line.includes("[bookmark:") || line.utf8.contains(0x7B) else { return line }
        var s = Substring(line)
        var out = ""
        while let open = s.firstIndex(where: { $0 == "[" || $0 == "{" }) {
            out += s[..<open]
            let rest = s[open...]
            if rest.hasPrefix("[bookmark:") {
                if let close = rest.firstIndex(of: "]") { s = rest[rest.index(after: close)...] } else { s = "" }
                continue
            }
            if rest.hasPrefix("{"), isFieldCode(rest.dropFirst()) {
                if let close = rest.firstIndex(of: "}") { s = rest[rest.index(after: close)...] } else { s = "" }
                continue
            }
            out.append(rest.first!)
            s = rest.dropFirst()
        }
        out += s
        return out
    }

    private static let fieldNames = ["TC", "TOC", "PAGE", "PAGEREF", "HYPERLINK", "REF", "SEQ", "NUMPAGES",
                                     "MERGEFORMAT", "FORMTEXT", "XE", "INCLUDEPICTURE", "EMBED", "SYMBOL", "DATE"]

    private static func isFieldCode(_ s: Substring) -> Bool {
        let t = s.drop(while: { $0 == " " })
        let word = t.prefix(while: { $0.isASCII && $0.isLetter })
        return fieldNames.contains(String(word).uppercased()) && (word.count < t.count ? t[t.index(t.startIndex, offsetBy: word.count)] == " " || t[t.index(t.startIndex, offsetBy: word.count)] == "}" : true)
    }
}
