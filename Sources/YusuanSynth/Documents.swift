import Foundation
import YusuanModel
import YusuanRead

/// One synthetic budget disclosure, rendered in its variant; returns the bytes, the file extension and the
/// figures the document states.
struct BudgetDocument {
    var department: String
    var year: Int
    var cur: Year
    var prev: Year
    var counted: String
    var variant: Variant
    var plant: String?

    func amount(_ v: Decimal) -> String {
        if variant == .yuan { return grouped(v * 10000) + "元" }
        return String(format: "%.2f", v.double) + "万元"
    }

    func grouped(_ v: Decimal) -> String {
        let s = String(format: "%.2f", v.double)
        let parts = s.split(separator: ".")
        var whole = String(parts[0]), out = ""
        let neg = whole.hasPrefix("-")
        if neg { whole.removeFirst() }
        while whole.count > 3 { out = "," + whole.suffix(3) + out; whole = String(whole.dropLast(3)) }
        return (neg ? "-" : "") + whole + out + "." + parts[1]
    }

    func render() throws(SynthError) -> (Data, String, [String: Decimal]) {
        if variant == .xlsx { return try xlsx() }
        var f: [String: Decimal] = [:]
        let y = year
        var b: [SynthBlock] = []
        b.append(.paragraph(department))
        b.append(.paragraph("\(y)年部门预算公开说明\(Synth.syntheticMark)"))
        b.append(.paragraph("一、部门职责及机构设置"))
        b.append(.paragraph("部门职责：负责本区相关领域的政策执行与公共服务（示例文字）。机构设置：机关内设科室若干，无下属单位。"))
        b.append(.paragraph("二、收支预算总体情况"))
        f["revenue.total"] = cur.total
        f["revenue.general_public_budget"] = cur.total - cur.fund
        f["revenue.government_fund"] = cur.fund
        b.append(.paragraph("\(y)年收入预算\(amount(cur.total))，其中：一般公共预算拨款收入\(amount(cur.total - cur.fund))，政府性基金预算拨款收入\(amount(cur.fund))。"))
        let statedTotal = plant == "sum.expenditure" ? cur.total + 10 : cur.total
        f["expenditure.total"] = statedTotal
        f["expenditure.basic"] = cur.basic
        f["expenditure.basic.personnel"] = cur.personnel
        f["expenditure.basic.public"] = cur.publicUse
        f["expenditure.project"] = cur.project
        b.append(.paragraph("\(y)年支出预算\(amount(statedTotal))，其中基本支出\(amount(cur.basic))，包括人员经费\(amount(cur.personnel))和公用经费\(amount(cur.publicUse))；项目支出\(amount(cur.project))。"))
        b.append(.paragraph("三、比上年增减情况"))
        let dT = cur.total - prev.total, dB = cur.basic - prev.basic, dP = cur.project - prev.project
        var pct = (dT.double / prev.total.double * 1000).rounded() / 10
        if plant == "pct.recomputed" { pct += 8 }
        func move(_ d: Decimal) -> String { (d < 0 ? "减少" : "增加") + amount(d.magnitude) }
        f["change.expenditure.total"] = dT
        f["change_pct.expenditure.total"] = Decimal(string: String(format: "%.1f", pct)) ?? 0
        f["change.expenditure.basic"] = dB
        f["change.expenditure.project"] = dP
        b.append(.paragraph("\(y)年支出预算比上年\(move(dT))，\(pct < 0 ? "下降" : "增长")\(String(format: "%.1f", abs(pct)))%。其中：基本支出\(move(dB))，项目支出\(move(dP))。"))
        b.append(.paragraph("四、机关运行经费"))
        f["operating_costs"] = cur.publicUse
        b.append(.paragraph("\(y)年机关运行经费预算\(amount(cur.publicUse))。"))
        b.append(.paragraph("五、“三公”经费预算情况"))
        let reception = plant == "sum.three_public" ? cur.reception + Decimal(string: "0.5")! : cur.reception
        f["three_public.total"] = cur.tpTotal
        f["three_public.overseas_travel"] = cur.overseas
        f["three_public.vehicles"] = cur.vehicles
        f["three_public.vehicles.purchase"] = 0
        f["three_public.vehicles.operation"] = cur.vehicles
        f["three_public.reception"] = reception
        b.append(.paragraph("\(y)年“三公”经费预算\(amount(cur.tpTotal))，其中：因公出国（境）费\(amount(cur.overseas))，公务用车购置及运行维护费\(amount(cur.vehicles))（其中：公务用车购置费\(amount(0))，公务用车运行维护费\(amount(cur.vehicles))），公务接待费\(amount(reception))。"))
        b.append(.paragraph("六、政府采购预算情况"))
        let q1 = Decimal(2 + year % 5), q2 = Decimal(1 + year % 3)
        let p1 = Decimal(string: "0.55")!, p2 = Decimal(string: "0.32")!
        let a1 = plant == "procurement.line_total" ? p1 : q1 * p1
        let a2 = q2 * p2
        f["procurement.total"] = a1 + a2
        b.append(.paragraph("\(y)年政府采购预算\(amount(a1 + a2))。"))
        let unitNote = variant == .yuan ? "单位：元" : "单位：万元"
        let money = { (v: Decimal) in self.variant == .yuan ? self.grouped(v * 10000) : String(format: "%.2f", v.double) }
        b.append(.paragraph("部门政府采购预算表"))
        b.append(.table([[unitNote], ["采购项目名称", "品目编码", "计量单位", "数量", "单价", "金额"],
                         ["台式计算机", "A02010104", "台", "\(q1)", money(p1), money(a1)],
                         ["打印机", "A02021001", "台", "\(q2)", money(p2), money(a2)]]))
        b.append(.paragraph("七、绩效目标"))
        b.append(.paragraph("1.\(counted)服务保障经费绩效目标表"))
        let cost = (cur.project.double * 0.08).rounded2
        b.append(.table([["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
                         ["产出指标", "数量指标", "覆盖\(counted)数量", "覆盖\(counted)数量不少于\(cur.servicesCount)个", "≥\(cur.servicesCount)个", "区政府文件"],
                         ["", "质量指标", "资金到位率", "资金足额到位", "≥95%", "区政府文件"],
                         ["", "时效指标", "拨付及时性", "按时拨付资金", "及时", "区政府文件"],
                         ["", "成本指标", "经费控制", "经费不超过预算", "≤\(String(format: "%.2f", cost))万元", "预算批复"],
                         ["效果指标", "满意度指标", "服务对象满意度", "满意度不低于90%", "≥90%", "问卷调查"]]))
        b.append(.paragraph("八、名词解释"))
        b.append(.paragraph("基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"))

        let title = "\(department)\(y)年部门预算公开说明"
        switch variant {
        case .text, .yuan: return (Data(SynthWriters.tika(b).utf8), "txt", f)
        case .traditional:
            guard let t = Traditional.toTraditional(SynthWriters.tika(b)) else { throw SynthError(description: "OpenCC is not available to write traditional characters") }
            return (Data(t.utf8), "txt", f)
        case .docx:
            do { return (try SynthWriters.docx(b), "docx", f) } catch { throw SynthError(description: "cannot write a .docx: \(error)") }
        case .html: return (Data(SynthWriters.html(b, title: title, charset: "utf-8").utf8), "html", f)
        case .htmlGB:
            let text = SynthWriters.html(b, title: title, charset: "gb2312")
            guard let bytes = TextDecoding.convert(Array(text.utf8), from: "UTF-8", to: "GB18030") else { throw SynthError(description: "iconv cannot write GB18030") }
            return (Data(bytes), "html", f)
        case .xlsx: return try xlsx()
        }
    }

    /// The standard tables only: 部门收支总表 and the 三公 table.
    func xlsx() throws(SynthError) -> (Data, String, [String: Decimal]) {
        func n(_ v: Decimal) -> String { v.plain }
        let f: [String: Decimal] = [
            "revenue.total": cur.total, "revenue.general_public_budget": cur.total - cur.fund, "revenue.government_fund": cur.fund,
            "expenditure.total": cur.total, "expenditure.basic": cur.basic, "expenditure.project": cur.project,
            "three_public.total": cur.tpTotal, "three_public.overseas_travel": cur.overseas, "three_public.vehicles": cur.vehicles,
            "three_public.reception": cur.reception,
        ]
        let sheets: [(name: String, rows: [[String]])] = [
            ("部门收支总表", [["\(department)\(year)年部门收支总表\(Synth.syntheticMark)"], ["单位：万元"], ["收入", "预算数", "支出", "预算数"],
                          ["一般公共预算拨款收入", n(cur.total - cur.fund), "基本支出", n(cur.basic)],
                          ["政府性基金预算拨款收入", n(cur.fund), "项目支出", n(cur.project)],
                          ["收入总计", n(cur.total), "支出总计", n(cur.total)]]),
            ("三公经费支出表", [["\(department)\(year)年一般公共预算“三公”经费支出表"], ["单位：万元"],
                           ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
                           [n(cur.tpTotal), n(cur.overseas), n(cur.vehicles), n(cur.reception)]]),
        ]
        do { return (try SynthWriters.xlsx(sheets), "xlsx", f) } catch { throw SynthError(description: "cannot write an .xlsx: \(error)") }
    }
}

/// A synthetic final-accounts disclosure for a department-year that also has a budget.
struct FinalAccountsDocument {
    var department: String
    var year: Int
    var budget: Year
    var rate: Double

    func render() -> (Data, [String: Decimal]) {
        let e = Year.d(budget.total.double * rate)
        let bf = min(budget.basic, Year.d(budget.basic.double * min(1, rate + 0.02)))
        let pf = e - bf
        let pct = Decimal(string: String(format: "%.1f", (e.double / budget.total.double * 1000).rounded() / 10)) ?? 0
        let w = { (v: Decimal) in String(format: "%.2f", v.double) + "万元" }
        let text = SynthWriters.tika([
            .paragraph(department), .paragraph("\(year)年度部门决算公开说明\(Synth.syntheticMark)"),
            .paragraph("一、收入支出决算总体情况说明"),
            .paragraph("\(year)年度收入总计\(w(e))，其中：本年收入合计\(w(e))，年初结转和结余\(w(0))。\(year)年度支出总计\(w(e))，其中：本年支出合计\(w(e))，年末结转和结余\(w(0))。"),
            .paragraph("二、支出决算情况说明"),
            .paragraph("\(year)年度支出决算\(w(e))，完成预算的\(pct.plain)%，其中：基本支出决算\(w(bf))，项目支出决算\(w(pf))。"),
        ])
        let f: [String: Decimal] = ["revenue.total": e, "revenue.current_year": e, "revenue.carryover": 0, "expenditure.total": e,
                                    "expenditure.grand_total": e, "carryover.end": 0, "expenditure.basic": bf, "expenditure.project": pf,
                                    "completion_pct.expenditure.total": pct]
        return (Data(text.utf8), f)
    }
}
