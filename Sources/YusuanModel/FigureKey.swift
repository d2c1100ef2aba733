/// Canonical figure names (DESIGN.md, contract). Amounts are in 万元; counts are plain numbers.
public enum FigureKey {
    /// The canonical keys in the order DESIGN.md lists them; output follows this order.
    public static let canonical: [String] = [
        "revenue.total", "revenue.general_public_budget", "revenue.government_fund", "revenue.state_capital",
        "revenue.special_account", "revenue.other", "revenue.carryover",
        "expenditure.total", "expenditure.basic", "expenditure.basic.personnel", "expenditure.basic.public",
        "expenditure.project",
        "change.expenditure.total", "change.expenditure.basic", "change.expenditure.project",
        "operating_costs",
        "three_public.total", "three_public.overseas_travel", "three_public.vehicles",
        "three_public.vehicles.purchase", "three_public.vehicles.operation", "three_public.reception",
        "procurement.total",
        "assets.total", "assets.vehicles.count", "assets.vehicles.value", "assets.equipment_over_200k.count",
        "assets.equipment_over_200k.value", "assets.other.count", "assets.other.value", "assets.planned_purchases",
    ]

    private static let rank: [String: Int] = Dictionary(
        uniqueKeysWithValues: canonical.enumerated().map { ($1, $0) })

    /// Canonical keys first in contract order, then any additional keys (changes of other figures,
    /// stated percentages) alphabetically, so output is stable.
    public static func sorted<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
        // Each key's rank looked up once, not in every comparison.
        keys.map { (rank: rank[$0] ?? Int.max, key: $0) }
            .sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.key < $1.key }
            .map(\.key)
    }

    /// Keys whose value is a count of things rather than an amount of money.
    public static func isCount(_ key: String) -> Bool { key.hasSuffix(".count") }

    /// Keys whose value is a percentage (stated year-on-year changes).
    public static func isPercent(_ key: String) -> Bool { key.hasPrefix("change_pct.") }
}
