import Foundation

/// A price-change table: year → % change on the previous year (e.g. national CPI). Turns nominal amounts
/// into prices of a base year.
public struct Deflators: Sendable, Equatable {
    public var changes: [Int: Double]
    /// Where the numbers come from, for the report's sources section.
    public var source: String

    public init(changes: [Int: Double], source: String) {
        self.changes = changes
        self.source = source
    }

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// CSV with a header; columns `year` and a % change (`cpi_change_pct`, or the second column).
    /// Lines starting with `#` are comments; the first comment line is taken as the source.
    public static func parse(csv: String, path: String) throws -> Deflators {
        var changes: [Int: Double] = [:]
        var source = path
        var header: [String]?
        for (i, raw) in csv.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if source == path { source = line.dropFirst().trimmingCharacters(in: .whitespaces) }
                continue
            }
            let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if header == nil { header = cells; continue }
            guard cells.count >= 2, let year = Int(cells[0]), let pct = Double(cells[1]), pct.isFinite, pct > -100 else {
                throw ParseError(description: "\(path):\(i + 1): expected `year,percent`, got “\(line)”")
            }
            changes[year] = pct
        }
        if changes.isEmpty { throw ParseError(description: "\(path): no rows") }
        return Deflators(changes: changes, source: source)
    }

    public static func load(path: String) throws -> Deflators {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ParseError(description: "\(path): cannot read the deflator table")
        }
        return try parse(csv: text, path: path)
    }

    /// Price level of `year` relative to `base` (1 at the base year); nil when a year in between is missing.
    public func priceLevel(_ year: Int, base: Int) -> Double? {
        var level = 1.0
        if year > base {
            for y in (base + 1)...year { guard let c = changes[y] else { return nil }; level *= 1 + c / 100 }
        } else if year < base {
            for y in (year + 1)...base { guard let c = changes[y] else { return nil }; level /= 1 + c / 100 }
        }
        return level
    }

    /// An amount of `year` in prices of `base`.
    public func real(_ nominal: Double, year: Int, base: Int) -> Double? {
        priceLevel(year, base: base).map { nominal / $0 }
    }
}
