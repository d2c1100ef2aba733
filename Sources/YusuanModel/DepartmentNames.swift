/// Rules that make one department out of the names it goes by: 中国共产党廊坊市广阳区委员会组织部 =
/// 中共廊坊市广阳区委组织部 = 广阳区委组织部.
public enum DepartmentNames {
    /// 中国共产党 → 中共, 委员会 → 委, no spaces, quotes or "(本级)".
    public static func normalize(_ name: String) -> String {
        // Most names hold no space and no quote, and need no filtering: only the bytes ASCII space and controls,
        // '"', and the lead bytes C2, E1, E2, E3 (of the other spaces and of the quotes) can start one.
        let mayFilter = name.utf8.contains { $0 <= 0x20 || $0 == 0x22 || $0 == 0xC2 || ($0 >= 0xE1 && $0 <= 0xE3) }
        var s = mayFilter ? String(name.filter { !$0.isWhitespace && !"“”\"《》「」".contains($0) }) : name
        for (long, short) in [("中国共产党", "中共"), ("委员会", "委"), ("（本级）", ""), ("(本级)", ""), ("（机关）", ""), ("(机关)", "")] {
            if s.includes(long) { s = s.replacingAll(long, with: short) }
        }
        return s
    }

    static let regionSuffixes: Set<Character> = ["省", "市", "州", "盟", "区", "县", "旗"]

    /// The name split into its region prefixes and the rest: "中共廊坊市广阳区委组织部" →
    /// (["廊坊市", "广阳区"], "委组织部").
    public static func split(_ name: String) -> (regions: [String], core: String) {
        var s = Substring(normalize(name))
        for p in ["中共", "中国"] where s.hasPrefix(p) { s = s.dropFirst(p.count); break }
        var regions: [String] = []
        while true {
            let chars = Array(s.prefix(7))
            // "自治区" is one suffix; otherwise the first region suffix after at least two characters.
            if let r = s.byteRange(of: "自治区"), s.distance(from: s.startIndex, to: r.lowerBound) >= 2,
               s.distance(from: s.startIndex, to: r.lowerBound) <= 8 {
                regions.append(String(s[..<r.upperBound])); s = s[r.upperBound...]; continue
            }
            // One character is enough before 县 and 旗 (沛县, 丰县); 省, 市, 区 need two ("社区…", "市场…" are not regions).
            guard let i = chars.indices.first(where: { ($0 >= 2 && regionSuffixes.contains(chars[$0])) || ($0 == 1 && (chars[$0] == "县" || chars[$0] == "旗")) }),
                  s.count > i + 1 else { break }
            regions.append(String(chars[0...i]))
            s = s.dropFirst(i + 1)
        }
        return (regions, String(s))
    }

    /// Names that denote the same department share this key: the last region level and the core.
    public static func matchKey(_ name: String) -> String {
        if let key = SimpleName.matchKey(name) { return key }
        let (regions, core) = split(name)
        return (regions.last ?? "") + "|" + core
    }
}

/// `matchKey` over Unicode scalars, for names made only of scalars that are each a whole Character with no
/// canonical equivalent (ASCII but CR, CJK ideographs, CJK and full-width punctuation, quotes): for those,
/// Character counts, comparisons and searches are scalar ones, so the result is the same as `split`'s, at a
/// fraction of the cost (a panel of 100,000 departments matches every name once). Other names return nil.
public enum SimpleName {
    static func isSimple(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0x09, 0x0A: return true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        case 0x3000...0x3029, 0x3030...0x303F: return true
        case 0x2010...0x2027, 0x2030...0x205E: return true
        case 0xFF01...0xFF60, 0xFFE0...0xFFEE: return true
        default: return false
        }
    }

    /// `Unicode.Scalar.Properties.isWhitespace` of a simple scalar, without the property table: of the
    /// scalars `isSimple` admits, only tab, line feed, space and the ideographic space are white space.
    static func isSimpleWhitespace(_ v: UInt32) -> Bool { v == 0x20 || v == 0x3000 || v == 0x09 || v == 0x0A }

    /// Every scalar of `s` is simple: then String equality on `s` and another simple string is byte equality.
    public static func isSimple(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { isSimple($0.value) } }

    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
    // Seven scalars: a linear search beats hashing each scalar of each name.
    static let quotes = scalars("“”\"《》「」")
    static let replacements = [("中国共产党", "中共"), ("委员会", "委"), ("（本级）", ""), ("(本级)", ""), ("（机关）", ""), ("(机关)", "")]
        .map { (scalars($0.0), scalars($0.1)) }
    static let prefixes = [scalars("中共"), scalars("中国")]
    static let autonomousRegion = scalars("自治区")
    static let suffixes = DepartmentNames.regionSuffixes.map { $0.unicodeScalars.first!.value }
    static let county = Unicode.Scalar("县").value, banner = Unicode.Scalar("旗").value

    static func matchKey(_ name: String) -> String? {
        var u: [UInt32] = []
        u.reserveCapacity(name.utf8.count)
        for sc in name.unicodeScalars {
            guard isSimple(sc.value) else { return nil }
            if isSimpleWhitespace(sc.value) || quotes.contains(sc.value) { continue }
            u.append(sc.value)
        }
        for (long, short) in replacements { replaceAll(&u, long, short) }
        var start = 0
        for p in prefixes where u.count - start >= p.count && u[start..<(start + p.count)].elementsEqual(p) { start += p.count; break }
        var lastRegion: Range<Int>?
        while true {
            let n = u.count - start
            if let r = find(u, autonomousRegion, from: start), r - start >= 2, r - start <= 8 {
                lastRegion = start..<(r + autonomousRegion.count)
                start = r + autonomousRegion.count
                continue
            }
            guard let i = (0..<min(7, n)).first(where: { ($0 >= 2 && suffixes.contains(u[start + $0])) || ($0 == 1 && (u[start + $0] == county || u[start + $0] == banner)) }),
                  n > i + 1 else { break }
            lastRegion = start..<(start + i + 1)
            start += i + 1
        }
        func string(_ r: Range<Int>) -> String {
            var s = String.UnicodeScalarView()
            for v in u[r] { if let sc = Unicode.Scalar(v) { s.append(sc) } }
            return String(s)
        }
        return (lastRegion.map(string) ?? "") + "|" + string(start..<u.count)
    }

    static func find(_ u: [UInt32], _ needle: [UInt32], from: Int) -> Int? {
        guard needle.count > 0, u.count - from >= needle.count else { return nil }
        for i in from...(u.count - needle.count) where u[i] == needle[0] && u[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }

    /// Left to right, without overlaps, as `String.replacingAll`.
    static func replaceAll(_ u: inout [UInt32], _ target: [UInt32], _ replacement: [UInt32]) {
        guard find(u, target, from: 0) != nil else { return }
        var out: [UInt32] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if i + target.count <= u.count, u[i] == target[0], u[i..<(i + target.count)].elementsEqual(target) {
                out += replacement
                i += target.count
            } else {
                out.append(u[i])
                i += 1
            }
        }
        u = out
    }
}

