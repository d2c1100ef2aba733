import Foundation
import Testing
import YusuanCollect
import YusuanIngest
import YusuanModel
import YusuanPipeline

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedPath = "datasets/guangyang/2021/organization-department.budget.txt"

/// The seed read with a path relative to the repository, so outputs do not depend on where the checkout is.
func seedWorkspace() throws -> Workspace {
    let bytes = [UInt8](try Data(contentsOf: repoRoot.appendingPathComponent(seedPath)))
    guard case .success(let d) = Ingest.ingest(bytes: bytes, path: seedPath) else { throw CocoaError(.fileReadCorruptFile) }
    return Workspace(panel: PanelBuilder.build([d]), failures: [], aliases: nil, aliasesPath: nil, denominators: nil, denominatorsPath: nil)
}

/// A small district of our own: 8 departments × 2019–2022, one department far out of line in 2022. `halving`: a
/// department whose 2022 total is halved, a second outlier that falls.
func districtWorkspace(halving: String? = nil) throws -> Workspace {
    let departments: [(String, Double, Double)] = [
        ("某某区教育局", 52000, 0.72), ("某某区卫生健康局", 21000, 0.45), ("某某区农业农村局", 9800, 0.30), ("某某区财政局", 4100, 0.55),
        ("中共某某区委办公室", 1600, 0.80), ("中共某某区委组织部", 2300, 0.35), ("某某区民政局", 6200, 0.40), ("某某区住房和城乡建设局", 7000, 0.25),
    ]
    var docs: [Disclosure] = []
    for (i, (name, scale, basicShare)) in departments.enumerated() {
        for (k, year) in (2019...2022).enumerated() {
            var total = scale * (1 + 0.04 * Double(k) + 0.01 * Double(i % 3) * Double(k))
            if name.contains("住房") && year == 2022 { total *= 6 }   // the planted outlier
            if let halving, name.contains(halving), year == 2022 { total /= 2 }
            let basic = (total * basicShare * 100).rounded() / 100
            let project = ((total - basic) * 100).rounded() / 100
            let personnel = (basic * 0.82 * 100).rounded() / 100
            let publicUse = ((basic - personnel) * 100).rounded() / 100
            let tp = (basic * 0.004 * 100).rounded() / 100
            let reception = (tp * 0.3 * 100).rounded() / 100, vehicles = ((tp - reception) * 100).rounded() / 100
            func f(_ v: Double) -> String { String(format: "%.2f", v) }
            let text = """
            \(name)
            \(year)年部门预算公开说明
            一、部门职责
            二、\(year)年部门预算安排的总体情况
            \(year)年支出预算\(f(basic + project))万元，其中基本支出\(f(basic))万元，包括人员经费\(f(personnel))万元和公用经费\(f(publicUse))万元；项目支出\(f(project))万元。
            三、机关运行经费
            \(year)年机关运行经费\(f(publicUse))万元。
            四、“三公”经费
            \(year)年“三公”经费预算\(f(tp))万元，其中：因公出国（境）费0.00万元，公务用车购置及运行维护费\(f(vehicles))万元，公务接待费\(f(reception))万元。
            1.基层服务经费绩效目标表

            \t一级指标
            \t二级指标
            \t三级指标
            \t绩效指标描述
            \t指标值
            \t指标值确定依据

            \t产出指标
            \t数量指标
            \t服务社区数量
            \t覆盖社区数量
            \t\(20 + i)个
            \t文件

            \t
            \t成本指标
            \t经费控制
            \t经费不超过预算
            \t≤\(f(Double(40 + 7 * i)))万元
            \t文件


            """
            guard case .success(let d) = Ingest.ingest(bytes: Array(text.utf8), path: "district/\(year)/\(i).txt") else { continue }
            docs.append(d)
        }
    }
    return Workspace(panel: PanelBuilder.build(docs), failures: [], aliases: nil, aliasesPath: nil, denominators: nil, denominatorsPath: nil)
}

/// Compares `text` with the committed file `__Snapshots__/name`. A missing snapshot is written and the test
/// fails (commit it after looking at it); set YUSUAN_RECORD=1 to rewrite snapshots on purpose.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__/\(name)")
    let record = ProcessInfo.processInfo.environment["YUSUAN_RECORD"] == "1"
    guard !record, let stored = try? String(contentsOf: url, encoding: .utf8) else {
        try? text.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded snapshot \(name); check it and run again", sourceLocation: sourceLocation)
        return
    }
    if stored != text {
        let a = stored.split(separator: "\n", omittingEmptySubsequences: false), b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let i = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
        Issue.record("snapshot \(name) differs at line \(i + 1):\n- \(i < a.count ? String(a[i]) : "(end)")\n+ \(i < b.count ? String(b[i]) : "(end)")",
                     sourceLocation: sourceLocation)
    }
}
