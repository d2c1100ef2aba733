import Foundation
import YusuanCollect
import YusuanModel

/// Everything `yusuan compare` shows for one department and kind.
public struct DepartmentComparison: Sendable {
    public var department: DepartmentInfo
    public var kind: DisclosureKind
    public var years: [Int]
    /// Years for which no document was read: their figures come from the next year's 比上年 sentences.
    public var derivedYears: Set<Int>
    public var growth: [GrowthSeries]
    public var mix: [Mix.Row]
    public var unitCosts: [UnitCost]
    /// Project spending per village / community … for each year, when denominators were given.
    public var perUnit: [(year: Int, label: String, value: Decimal)]
    public var execution: [ExecutionRate]
}

public struct Comparison: Sendable {
    public var departments: [DepartmentComparison]
    public var figures: [String]
    public var deflators: Deflators?
    public var denominators: Denominators?
}

public enum Compare {
    public static let defaultFigures = ["expenditure.total", "expenditure.basic", "expenditure.project",
                                        "expenditure.basic.personnel", "expenditure.basic.public", "three_public.total", "operating_costs"]

    public static func run(_ panel: Panel, figures: [String] = defaultFigures, deflators: Deflators? = nil,
                           denominators: Denominators? = nil) -> Comparison {
        let execution = Execution.rates(panel)
        var out: [DepartmentComparison] = []
        for dept in panel.departments {
            for kind in [DisclosureKind.budget, .finalAccounts] {
                let allYears = panel.years(dept.id, kind: kind)
                guard !allYears.isEmpty else { continue }
                let allCells = allYears.compactMap { panel.cells[PanelKey(department: dept.id, year: $0, kind: kind)] }
                let growth = figures.map { Growth.series(panel, department: dept.id, kind: kind, figure: $0, deflators: deflators) }
                    .filter { !$0.points.isEmpty }
                let mix = Mix.rows(panel, department: dept.id, kind: kind)
                var unit: [UnitCost] = []
                for c in allCells { for i in c.documents { unit += UnitCosts.from(panel.disclosures[i], department: dept.id) } }
                var perUnit: [(Int, String, Decimal)] = []
                if let den = denominators {
                    for c in allCells { for (e, v) in den.perUnit(c) { perUnit.append((c.key.year, e.label, v)) } }
                }
                // A year with no document of its own is shown only when something compared here was derived for it:
                // a derived figure outside them (an income line, say) would make a column of dashes.
                let shown = Set(growth.flatMap { $0.points.map(\.year) } + mix.map(\.year) + perUnit.map(\.0))
                let cells = allCells.filter { !$0.isDerivedOnly || shown.contains($0.key.year) }
                guard !cells.isEmpty else { continue }
                out.append(DepartmentComparison(
                    department: dept, kind: kind, years: cells.map(\.key.year), derivedYears: Set(cells.filter(\.isDerivedOnly).map(\.key.year)),
                    growth: growth, mix: mix, unitCosts: unit, perUnit: perUnit,
                    execution: kind == .budget ? execution.filter { $0.department == dept.id } : []))
            }
        }
        return Comparison(departments: out, figures: figures, deflators: deflators, denominators: denominators)
    }
}
