import Foundation
import YusuanCollect
import YusuanModel

/// Where a budget and the final accounts exist for the same department-year: how much of each budgeted
/// figure was executed.
public struct ExecutionRate: Sendable {
    public var department: String
    public var year: Int
    public var figure: String
    public var budget: SourcedValue
    public var final: SourcedValue
    /// final / budget × 100; nil when the budget is 0.
    public var percent: Decimal?
}

public enum Execution {
    public static func rates(_ panel: Panel) -> [ExecutionRate] {
        var out: [ExecutionRate] = []
        for key in panel.sortedKeys where key.kind == .budget {
            guard let b = panel.cells[key],
                  let f = panel.cells[PanelKey(department: key.department, year: key.year, kind: .finalAccounts)] else { continue }
            for k in FigureKey.sorted(b.own.keys) where !k.hasPrefix("change") {
                guard let bv = b.own[k], let fv = f.own[k] else { continue }
                out.append(ExecutionRate(department: key.department, year: key.year, figure: k, budget: bv, final: fv,
                                         percent: bv.value == 0 ? nil : (fv.value / bv.value * 100).rounded(2)))
            }
        }
        return out
    }
}
