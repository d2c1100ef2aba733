/// Text for a terminal: control characters from document text (escape sequences that could recolour,
/// retitle or rewrite the screen) are dropped; line breaks and tabs stay.
public enum TerminalText {
    public static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.lazy.filter { !isControl($0) })
        return String(out)
    }

    /// C0 (but \n and \t), DEL and C1 controls.
    static func isControl(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\n" && u != "\t") || (0x7F...0x9F).contains(u.value)
    }
}
