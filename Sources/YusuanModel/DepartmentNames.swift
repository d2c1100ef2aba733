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
        let (regions, core) = split(name)
        return (regions.last ?? "") + "|" + core
    }
}

