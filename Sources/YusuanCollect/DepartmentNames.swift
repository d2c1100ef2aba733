import Foundation
import Yams
import YusuanModel

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
