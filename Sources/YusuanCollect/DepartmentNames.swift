import Foundation
import Yams
import YusuanModel

/// Rules that make one department out of the names it goes by: 中国共产党廊坊市广阳区委员会组织部 =
/// 中共廊坊市广阳区委组织部 = 广阳区委组织部.
public enum DepartmentNames {
    /// 中国共产党 → 中共, 委员会 → 委, no spaces, quotes or "(本级)".
    public static func normalize(_ name: String) -> String {
        var s = String(name.filter { !$0.isWhitespace && !"“”\"《》「」".contains($0) })
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
            guard let i = chars.indices.first(where: { $0 >= 2 && regionSuffixes.contains(chars[$0]) }),
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

/// An optional YAML file that maps name variants to a stable department id:
///
///     departments:
///       - id: guangyang-organization
///         name: 中国共产党廊坊市广阳区委员会组织部
///         aliases: [中共廊坊市广阳区委组织部, 广阳区委组织部]
public struct AliasTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var name: String
        public var aliases: [String]
    }
    public var entries: [Entry]
    private var byNormalized: [String: Int] = [:]
    private var byKey: [String: Int] = [:]

    public init(entries: [Entry]) {
        self.entries = entries
        for (i, e) in entries.enumerated() {
            for n in [e.name] + e.aliases {
                byNormalized[DepartmentNames.normalize(n)] = byNormalized[DepartmentNames.normalize(n)] ?? i
                byKey[DepartmentNames.matchKey(n)] = byKey[DepartmentNames.matchKey(n)] ?? i
            }
        }
    }

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public static func load(path: String) throws -> AliasTable {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ParseError(description: "\(path): cannot read the aliases file")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ yaml: String, path: String = "aliases") throws -> AliasTable {
        let root: Any?
        do { root = try Yams.load(yaml: yaml) } catch { throw ParseError(description: "\(path): not valid YAML: \(error)") }
        guard let dict = root as? [String: Any], let list = dict["departments"] as? [Any] else {
            throw ParseError(description: "\(path): expected a top-level `departments:` list")
        }
        var entries: [Entry] = []
        for (i, item) in list.enumerated() {
            guard let d = item as? [String: Any], let id = d["id"].map({ "\($0)" }), let name = d["name"] as? String else {
                throw ParseError(description: "\(path): department \(i + 1) needs `id` and `name`")
            }
            let aliases = (d["aliases"] as? [Any])?.map { "\($0)" } ?? []
            entries.append(Entry(id: id, name: name, aliases: aliases))
        }
        return AliasTable(entries: entries)
    }

    /// The entry a name belongs to, by its normalised form first, then by the matching key.
    public func entry(for name: String) -> Entry? {
        if let i = byNormalized[DepartmentNames.normalize(name)] { return entries[i] }
        if let i = byKey[DepartmentNames.matchKey(name)] { return entries[i] }
        return nil
    }
}
