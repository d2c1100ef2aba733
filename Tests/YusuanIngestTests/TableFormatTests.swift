import Foundation
import Testing
import YusuanIngest
import YusuanModel

/// The 三公 table of two documents of our own in every format a department publishes it in
/// (scripts/make-table-fixtures.py): the same figures and identity must come out of each.
@Suite("The 三公 table in every format")
struct TableFormatTests {
    static func read(_ name: String) throws -> Disclosure {
        switch Ingest.ingest(bytes: fixture("tables/" + name), path: name) {
        case .success(let d): return d
        case .failure(let f): throw f
        }
    }

    static func threePublic(_ d: Disclosure) -> [String: Decimal] {
        d.figures.filter { $0.key.hasPrefix("three_public.") || $0.key.hasPrefix("budget.three_public.") }.mapValues(\.value)
    }

    @Test("final accounts, row form with 预算数 and 决算数", arguments: ["txt", "docx", "xlsx", "doc", "xls", "pdf"])
    func finalAccounts(format: String) throws {
        let d = try Self.read("three-public-final." + format)
        #expect(d.identity.department == "某县档案馆" && d.identity.fiscalYear == 2023 && d.identity.kind == .finalAccounts)
        let expected: [String: Decimal] = [
            "three_public.total": Decimal(string: "27.45")!, "three_public.reception": Decimal(string: "5.2")!,
            "three_public.vehicles": Decimal(string: "22.25")!, "three_public.vehicles.operation": Decimal(string: "12.25")!,
            "three_public.vehicles.purchase": 10,
            "budget.three_public.total": 36, "budget.three_public.overseas_travel": 6, "budget.three_public.reception": 8,
            "budget.three_public.vehicles": 22, "budget.three_public.vehicles.operation": 12, "budget.three_public.vehicles.purchase": 10,
        ]
        #expect(Self.threePublic(d) == expected, "\(format): \(Self.threePublic(d))")
        // The blank 决算 cell of 因公出国（境）费 is not stated: absent, not 0.
        #expect(d.figures["three_public.overseas_travel"] == nil)
    }

    @Test("budget, column form with the vehicles column split", arguments: ["txt", "docx", "xlsx", "doc", "xls", "pdf"])
    func budget(format: String) throws {
        let d = try Self.read("three-public-budget." + format)
        #expect(d.identity.department == "某县档案馆" && d.identity.fiscalYear == 2024 && d.identity.kind == .budget)
        let expected: [String: Decimal] = [
            "three_public.total": Decimal(string: "18.5")!, "three_public.overseas_travel": 3, "three_public.vehicles": 12,
            "three_public.vehicles.purchase": 4, "three_public.vehicles.operation": 8, "three_public.reception": Decimal(string: "3.5")!,
        ]
        #expect(Self.threePublic(d) == expected, "\(format): \(Self.threePublic(d))")
    }
}
