import Foundation
import YusuanCollect
import YusuanModel

/// Text a user reads, in Chinese (the default) and English.
public struct LocalizedText: Sendable, Equatable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

/// A line a finding rests on.
public struct Evidence: Sendable, Equatable {
    public var path: String
    public var line: Int
    public var page: Int?
    public var text: String
    /// The figure quoted, so that a long line is shown where the figure stands, not from its start. Not part of
    /// equality: two figures quoted from one line are one piece of evidence.
    public var focus: Focus?

    /// A figure as its line writes it ("46621.39万元") and its canonical key (its name tells two equal amounts
    /// on one line apart).
    public struct Focus: Sendable, Hashable {
        public var raw: String
        public var key: String
        public init(raw: String, key: String) {
            self.raw = raw
            self.key = key
        }
    }

    public init(path: String, line: Int, page: Int? = nil, text: String, focus: Focus? = nil) {
        self.path = path
        self.line = line
        self.page = page
        self.text = text
        self.focus = focus
    }

    /// The line figure `key` was read from.
    init(_ v: SourcedValue, _ key: String) {
        self.init(path: v.path, line: v.line, page: v.page, text: v.text, focus: Focus(raw: v.raw, key: key))
    }

    public static func == (a: Evidence, b: Evidence) -> Bool {
        a.path == b.path && a.line == b.line && a.page == b.page && a.text == b.text
    }
}

public struct Finding: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case error, warning, info
        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// Stable rule id, e.g. "sum.expenditure"; see `Rules.all`.
    public var rule: String
    public var severity: Severity
    public var department: String?
    public var year: Int?
    public var kind: DisclosureKind?
    public var message: LocalizedText
    public var evidence: [Evidence]

    public init(rule: String, severity: Severity, department: String?, year: Int?, kind: DisclosureKind?,
                message: LocalizedText, evidence: [Evidence]) {
        self.rule = rule
        self.severity = severity
        self.department = department
        self.year = year
        self.kind = kind
        self.message = message
        self.evidence = evidence
    }
}

/// The tolerance policy, written once. All in exact decimals.
///
/// - A sum identity holds when |total − Σ parts| ≤ ½ display step of the total + ½ display step of each part:
///   every stated number may carry half a step of rounding. A derived value carries the steps of both
///   numbers it was computed from.
/// - A stated percentage holds when it is within 0.5 percentage points, or 1 % of itself, of the recomputed one.
/// - Quantity × unit price holds within ½ step of the amount plus quantity × ½ step of the price.
public enum Tolerance {
    /// Used when a value's step is unknown (0): half of 0.01 万元, the usual display step.
    static let fallbackHalfStep = Decimal(string: "0.005")!

    /// Times ½ rather than divided by 2: the same exact value, and Decimal division is ten times slower.
    static func halfStep(_ step: Decimal) -> Decimal { step > 0 ? step * half : fallbackHalfStep }
    static let half = Decimal(sign: .plus, exponent: -1, significand: 5)

    public static func sum(_ total: SourcedValue, _ parts: [SourcedValue]) -> Decimal {
        parts.reduce(halfStep(total.step)) { $0 + halfStep($1.step) }
    }

    /// Two numbers that should agree (or one that must not exceed the other): half a step of each.
    /// A step of 0 (unknown, e.g. a table cell) counts as the usual 0.01.
    public static func pair(_ step: Decimal, _ other: Decimal) -> Decimal { halfStep(step) + halfStep(other) }

    public static func percent(stated: Decimal) -> Decimal {
        max(Decimal(string: "0.5")!, stated.magnitude / 100)
    }

    /// A stated share of `total` held by `part` (both rounded amounts): the percentage tolerance plus what
    /// half a step of rounding in each amount can move part / total × 100.
    public static func share(stated: Decimal, part: (value: Decimal, step: Decimal), total: (value: Decimal, step: Decimal)) -> Decimal {
        guard total.value != 0 else { return percent(stated: stated) }
        let t = total.value.magnitude
        let moved = (halfStep(part.step) / t + part.value.magnitude * halfStep(total.step) / (t * t)) * 100
        return percent(stated: stated) + moved
    }
}

