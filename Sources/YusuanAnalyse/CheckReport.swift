import YusuanCollect

/// What `check` tells the user: the findings, and the little of the panel that printing them needs (the names of
/// the departments they are about, how many documents were checked, which could not be placed). A plain value, so
/// that a check of an unchanged folder can be kept whole and printed again without reading a document.
public struct CheckReport: Sendable, Equatable {
    public var findings: [Finding]
    /// Department id → the name shown, for the departments the findings name.
    public var departmentNames: [String: String]
    public var documentsChecked: Int
    public var unplaced: [Unplaced]

    public init(findings: [Finding], departmentNames: [String: String], documentsChecked: Int, unplaced: [Unplaced]) {
        self.findings = findings
        self.departmentNames = departmentNames
        self.documentsChecked = documentsChecked
        self.unplaced = unplaced
    }

    /// `findings` of `panel` (all of them, or one department's in a report).
    public init(findings: [Finding], panel: Panel) {
        var names: [String: String] = [:]
        for id in Set(findings.compactMap(\.department)) { names[id] = panel.department(id)?.name }
        self.init(findings: findings, departmentNames: names, documentsChecked: panel.disclosures.count,
                  unplaced: panel.unplaced)
    }
}
