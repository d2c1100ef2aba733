/// Escapes markup over UTF-8 bytes. The characters markup cares about are ASCII, and in UTF-8 a byte below 0x80 is
/// never part of another character, so no Character (grapheme) work is needed; text with nothing to escape comes
/// back as it is, without a copy.
struct ByteEscaper: Sendable {
    private let table: [[UInt8]?]

    init(_ replacements: [Unicode.Scalar: String]) {
        var t = [[UInt8]?](repeating: nil, count: 128)
        for (c, r) in replacements where c.isASCII { t[Int(c.value)] = Array(r.utf8) }
        table = t
    }

    func callAsFunction(_ s: String) -> String {
        var s = s
        let escaped: String? = s.withUTF8 { buf in
            guard let first = buf.firstIndex(where: { $0 < 0x80 && table[Int($0)] != nil }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(buf.count + buf.count / 8 + 8)
            out.append(contentsOf: buf[..<first])
            for b in buf[first...] {
                if b < 0x80, let r = table[Int(b)] { out.append(contentsOf: r) } else { out.append(b) }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? s
    }
}
