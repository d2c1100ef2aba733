import Foundation
import Testing
import YusuanExtract
import YusuanModel

/// Small documents of our own: real disclosures word the same figure many ways.
@Suite("Wording variants")
struct WordingVariantTests {
    static let title = "某县农业农村局\n2023年部门预算公开说明\n"

    @Test("revenue total", arguments: [
        "2023年收入预算1,200.5万元。", "2023年预算收入1200.5万元。", "本年收入总计为1200.5万元。",
        "收入合计1200.5万元。", "我局2023年部门收入预算总额为1200.5万元。", "2023年度收入共计1200.5万元，其中：一般公共预算拨款收入1200.5万元。",
    ])
    func revenueTotal(sentence: String) throws {
        let d = try extract(Self.title + sentence)
        #expect(figure(d, "revenue.total") == dec("1200.5"), "\(sentence) → \(d.figures.keys.sorted())")
    }

    @Test("expenditure total", arguments: [
        "2023年支出预算800万元。", "2023年预算支出800万元。", "支出总计800万元。", "本年支出合计800万元。", "部门支出预算总额为800万元。",
    ])
    func expenditureTotal(sentence: String) throws {
        let d = try extract(Self.title + sentence)
        #expect(figure(d, "expenditure.total") == 800, "\(sentence)")
        #expect(figure(d, "revenue.total") == nil)
    }

    @Test("personnel", arguments: ["人员经费", "人员类经费", "人员支出", "人员类支出"])
    func personnel(label: String) throws {
        let d = try extract(Self.title + "基本支出500万元，其中\(label)420.25万元，公用经费79.75万元。")
        #expect(figure(d, "expenditure.basic") == 500)
        #expect(figure(d, "expenditure.basic.personnel") == dec("420.25"), "\(label)")
        #expect(figure(d, "expenditure.basic.public") == dec("79.75"))
    }

    @Test("public use", arguments: ["公用经费", "运转类公用经费", "日常公用经费", "日常公用支出"])
    func publicUse(label: String) throws {
        let d = try extract(Self.title + "基本支出500万元，包括人员经费420.25万元和\(label)79.75万元。")
        #expect(figure(d, "expenditure.basic.public") == dec("79.75"), "\(label)")
    }

    @Test("project", arguments: ["项目支出", "运转类其他及特定目标类项目支出", "特定目标类项目支出", "项目经费"])
    func project(label: String) throws {
        let d = try extract(Self.title + "支出预算900万元，其中基本支出300万元；\(label)600万元。")
        #expect(figure(d, "expenditure.project") == 600, "\(label)")
        #expect(figure(d, "expenditure.basic") == 300)
        #expect(figure(d, "expenditure.total") == 900)
    }

    @Test func increasesAndDecreases() throws {
        let d = try extract(Self.title + "2023年支出预算900万元，比上年增加100万元，增长12.5%。其中：基本支出300万元，比上年减少20万元，下降6.25%；项目支出600万元，较上年增长120万元。")
        #expect(figure(d, "change.expenditure.total") == 100)
        #expect(figure(d, "change_pct.expenditure.total") == dec("12.5"))
        #expect(figure(d, "change.expenditure.basic") == -20)
        #expect(figure(d, "change_pct.expenditure.basic") == dec("-6.25"))
        #expect(figure(d, "change.expenditure.project") == 120)
        #expect(figure(d, "expenditure.basic") == 300 && figure(d, "expenditure.project") == 600)
    }

    @Test("分别为: a list of labels, then the amounts in the same order")
    func respectively() throws {
        let d = try extract(Self.title + "2023年支出预算900万元，其中基本支出和项目支出分别为300万元、600万元；基本支出中人员经费、公用经费分别为250万元和50万元。与上年相比，基本支出和项目支出分别增加10万元、减少20万元。")
        #expect(figure(d, "expenditure.basic") == 300 && figure(d, "expenditure.project") == 600)
        #expect(figure(d, "expenditure.basic.personnel") == 250 && figure(d, "expenditure.basic.public") == 50)
        #expect(figure(d, "change.expenditure.basic") == 10 && figure(d, "change.expenditure.project") == -20)
        #expect(d.figures["change.expenditure.total"] == nil)
        #expect(d.warnings.isEmpty, "\(d.warnings)")
    }

    @Test("a sentence that goes on with 其中 keeps the comparison of the sentence before")
    func continuedSentence() throws {
        let d = try extract(Self.title + "2023年支出预算900万元，其中基本支出300万元，项目支出600万元。2023年支出预算比上年增加50万元，增长5.9%。其中：基本支出减少10万元，项目支出增加60万元。")
        #expect(figure(d, "expenditure.basic") == 300 && figure(d, "expenditure.project") == 600)
        #expect(figure(d, "change.expenditure.basic") == -10 && figure(d, "change.expenditure.project") == 60)
        #expect(d.warnings.isEmpty, "\(d.warnings)")
        // Without a comparison before it, 其中 lists this year's amounts.
        let e = try extract(Self.title + "2023年支出预算900万元。其中：基本支出300万元，项目支出600万元。")
        #expect(figure(e, "expenditure.basic") == 300 && e.figures["change.expenditure.basic"] == nil)
    }

    @Test("下降 and 减少 are negative; a change named before its number", arguments: [
        ("与2022年相比，基本支出下降30万元。", "-30"), ("基本支出较2022年减少30万元。", "-30"),
        ("基本支出同比增加30万元。", "30"), ("基本支出比上年度上升30万元。", "30"),
    ])
    func changeVerbs(sentence: String, want: String) throws {
        let d = try extract(Self.title + "基本支出300万元。" + sentence)
        #expect(figure(d, "change.expenditure.basic") == dec(want), "\(sentence) → \(d.figures.keys.sorted())")
        #expect(figure(d, "expenditure.basic") == 300, "the changed amount is not this year's figure")
    }

    @Test("持平 means a stated change of zero", arguments: [
        "“三公”经费预算1.5万元，与上年持平。", "“三公”经费预算1.5万元。与2022年相比持平，无增减变化。", "“三公”经费预算1.5万元，与上年度预算保持不变。",
    ])
    func flat(sentence: String) throws {
        let d = try extract(Self.title + sentence)
        #expect(figure(d, "three_public.total") == dec("1.5"))
        #expect(figure(d, "change.three_public.total") == 0, "\(sentence)")
    }

    @Test("持平 inside a clause belongs to the clause's figure")
    func flatClause() throws {
        let d = try extract(Self.title + "2023年“三公”经费预算数为18.50万元，较上年减少1.50万元，其中：因公出国（境）费0万元，与上年持平；公务接待费6.50万元，较上年减少0.50万元。")
        #expect(figure(d, "change.three_public.overseas_travel") == 0)
        #expect(figure(d, "change.three_public.total") == dec("-1.5") && figure(d, "change.three_public.reception") == dec("-0.5"))
    }

    @Test("元, 万元 and 亿元 become 万元, with separators and full-width digits", arguments: [
        ("收入预算92,505,300元。", "9250.53"), ("收入预算92505300.00元。", "9250.53"), ("收入预算１２３４．５６万元。", "1234.56"),
        ("收入预算1.2亿元。", "12000"), ("收入预算 3 万元。", "3"), ("收入预算９，２５０．５３万元。", "9250.53"), ("收入预算500万。", "500"),
    ])
    func units(sentence: String, want: String) throws {
        let d = try extract(Self.title + sentence)
        #expect(figure(d, "revenue.total") == dec(want), "\(sentence)")
    }

    @Test("其中 lists of revenue sources, in 元")
    func revenueList() throws {
        let d = try extract(Self.title + "2023年收入预算12,000,000元，其中：一般公共预算拨款收入10,000,000元、政府性基金预算拨款收入1,500,000元、国有资本经营预算拨款收入0元、财政专户管理资金收入200,000元、单位资金300,000元、上年结转资金0元。")
        #expect(figure(d, "revenue.total") == 1200)
        #expect(figure(d, "revenue.general_public_budget") == 1000)
        #expect(figure(d, "revenue.government_fund") == 150)
        #expect(figure(d, "revenue.state_capital") == 0)
        #expect(figure(d, "revenue.special_account") == 20)
        #expect(figure(d, "revenue.other") == 30)
        #expect(figure(d, "revenue.carryover") == 0)
    }

    @Test("三公 parts worded differently")
    func threePublic() throws {
        let d = try extract(Self.title + "2023年“三公”经费财政拨款预算为12.3万元，其中：因公出国（境）费用0万元，公务接待费2.3万元，公务用车购置及运行维护费10万元（其中公务用车购置费6万元、公务用车运行维护费4万元）。")
        #expect(figure(d, "three_public.total") == dec("12.3"))
        #expect(figure(d, "three_public.overseas_travel") == 0)
        #expect(figure(d, "three_public.reception") == dec("2.3"))
        #expect(figure(d, "three_public.vehicles") == 10)
        #expect(figure(d, "three_public.vehicles.purchase") == 6)
        #expect(figure(d, "three_public.vehicles.operation") == 4)
    }

    @Test("operating costs, procurement and assets in prose")
    func otherProse() throws {
        let d = try extract(Self.title + """
        2023年机关运行经费预算为45.6万元，比上年减少1.2万元。
        2023年度政府采购预算总额120万元。
        截至2022年12月31日，本部门共有固定资产原值2,345.67万元。本年度拟购置固定资产80万元。
        """)
        #expect(figure(d, "operating_costs") == dec("45.6"))
        #expect(figure(d, "change.operating_costs") == dec("-1.2"))
        #expect(figure(d, "procurement.total") == 120)
        #expect(figure(d, "assets.total") == dec("2345.67"))
        #expect(figure(d, "assets.planned_purchases") == 80)
    }

    @Test("words that look like totals but are not")
    func notTotals() throws {
        let d = try extract(Self.title + "事业收入50万元。其他支出30万元。一般公共服务支出700万元。较上年预算数9000万元有所增加。单价在20万元以上的设备3台。")
        #expect(figure(d, "revenue.total") == nil)
        #expect(figure(d, "expenditure.total") == nil)
        #expect(d.figures.isEmpty, "\(d.figures.keys.sorted())")
    }

    @Test("a figure the text does not state stays absent; a stated 0 is 0")
    func absentVersusZero() throws {
        let d = try extract(Self.title + "2023年收入预算100万元，其中：一般公共预算收入100万元，政府性基金收入0万元。")
        #expect(figure(d, "revenue.government_fund") == 0)
        #expect(d.figures["revenue.special_account"] == nil)
        #expect(d.figures["three_public.total"] == nil)
    }

    @Test("two statements of one figure that disagree give a warning naming both lines")
    func conflicting() throws {
        let d = try extract(Self.title + "基本支出300万元。\n基本支出310万元。")
        #expect(figure(d, "expenditure.basic") == 300)
        #expect(d.warnings.contains { $0.contains("expenditure.basic") && $0.contains("line 3") && $0.contains("line 4") })
    }

    @Test("a flattened table with its unit in 元")
    func flattenedTable() throws {
        let d = try extract(Self.title + """
        收支总表
        \t单位：元

        \t收入总计
        \t12,345,600
        \t支出总计
        \t12,345,600

        \t基本支出
        \t2,000,000
        \t项目支出
        \t10,345,600


        """)
        #expect(figure(d, "revenue.total") == dec("1234.56"))
        #expect(figure(d, "expenditure.total") == dec("1234.56"))
        #expect(figure(d, "expenditure.basic") == 200)
        #expect(figure(d, "expenditure.project") == dec("1034.56"))
        #expect(d.figures["expenditure.basic"]?.provenance.line == 12)
    }

    @Test("a column table with whole-number amounts and classification codes")
    func columnTableIntegers() throws {
        let d = try extract(Self.title + """
        部门支出总表
        单位：万元

        \t科目编码
        \t科目名称
        \t合计
        \t基本支出
        \t项目支出

        \t
        \t合计
        \t1250
        \t420
        \t830

        \t2130101
        \t行政运行
        \t420
        \t420
        \t0


        """)
        #expect(figure(d, "expenditure.total") == 1250 && figure(d, "expenditure.basic") == 420 && figure(d, "expenditure.project") == 830)
        #expect(d.lineItems.first?.code == "2130101" && d.lineItems.first?.values["expenditure.basic"] == 420)
    }

    @Test("final accounts worded another way: 均为, 各增加, 比年初预算, procurement by kind")
    func finalAccountsOtherTemplate() throws {
        let d = try extract("""
        上海市某区卫生健康委员会
        2022年度部门决算
        2022年度收入、支出决算总计均为5,432.10万元。与2021年度相比，收入、支出决算总计各增加321.00万元，增长6.3%。
        2022年度“三公”经费财政拨款支出决算为12.34万元，比年初预算减少3.21万元。其中：因公出国（境）费支出决算为0万元；公务接待费支出决算为4.34万元。
        本部门2022年度政府采购支出总额234.56万元，其中：政府采购货物支出100.00万元、政府采购工程支出34.56万元、政府采购服务支出100.00万元。
        """)
        #expect(d.identity.kind == .finalAccounts && d.identity.department == "上海市某区卫生健康委员会")
        #expect(figure(d, "revenue.total") == dec("5432.1") && figure(d, "expenditure.total") == dec("5432.1"))
        #expect(figure(d, "change.expenditure.total") == 321 && figure(d, "change.revenue.total") == 321)
        #expect(figure(d, "change_pct.expenditure.total") == dec("6.3"))
        #expect(figure(d, "vs_budget.three_public.total") == dec("-3.21"))
        #expect(d.figures["change.three_public.total"] == nil, "a comparison with the budget is not a change on last year")
        #expect(figure(d, "procurement.total") == dec("234.56") && figure(d, "procurement.goods") == 100 && figure(d, "procurement.works") == dec("34.56"))
        #expect(d.warnings.isEmpty, "\(d.warnings)")
    }

    @Test("final accounts are told from the title")
    func finalAccounts() throws {
        let d = try extract("某县农业农村局2022年度部门决算公开说明\n2022年度本年支出合计860万元。")
        #expect(d.identity.kind == .finalAccounts)
        #expect(d.identity.fiscalYear == 2022)
        #expect(d.identity.department == "某县农业农村局")
        #expect(figure(d, "expenditure.total") == 860)
    }

    @Test("identity from the body when the title has no name")
    func identityFromBody() throws {
        let d = try extract("部门预算公开\n现将中共某某县委宣传部2024年部门预算公开如下：\n支出预算10万元。")
        #expect(d.identity.department == "中共某某县委宣传部")
        #expect(d.identity.fiscalYear == 2024)
        #expect(d.identity.kind == .budget)
    }
}

@Suite("Indicator values")
struct IndicatorValueTests {
    @Test(arguments: [
        ("≤5个", "≤", "5", "个"), ("≥1000人次", "≥", "1000", "人次"), ("149个", "=", "149", "个"), ("100%", "=", "100", "%"),
        ("≥90百分之", "≥", "90", "%"), ("不少于3个", "≥", "3", "个"), ("不超过500万元", "≤", "500", "万元"), ("3个以上", "≥", "3", "个"),
        ("＞95%", ">", "95", "%"), ("≥ 20 人", "≥", "20", "人"), ("百分之90", "=", "90", "%"),
    ])
    func numeric(raw: String, op: String, value: String, unit: String) throws {
        let d = try extract(performanceDoc(value: raw))
        let i = try #require(d.performanceTables.first?.indicators.first)
        #expect(i.op == op && i.value == dec(value) && i.unit == unit, "\(raw) → \(String(describing: i.op)) \(String(describing: i.value)) \(String(describing: i.unit))")
        #expect(i.raw == raw)
    }

    @Test(arguments: ["及时", "有效控制", "及"])
    func textual(raw: String) throws {
        let d = try extract(performanceDoc(value: raw))
        let i = try #require(d.performanceTables.first?.indicators.first)
        #expect(i.op == nil && i.value == nil && i.unit == nil && i.raw == raw)
    }

    @Test("blank level cells inherit from the row above; the project comes from the title")
    func inheritance() throws {
        let d = try extract(performanceDoc(value: "5个") + "\n\t\n\t质量指标\n\t合格率\n\t描述\n\t≥95%\n\t文件\n\n\t\n\t\n\t及时性\n\t描述\n\t及时\n\t文件\n\n")
        let t = try #require(d.performanceTables.first)
        #expect(t.project == "农田建设项目")
        #expect(t.indicators.map(\.level1) == ["产出指标", "产出指标", "产出指标"])
        #expect(t.indicators.map(\.level2) == ["数量指标", "质量指标", "质量指标"])
    }

    func performanceDoc(value: String) -> String {
        """
        某县农业农村局
        2023年部门预算公开说明
        3.农田建设项目绩效目标表

        \t一级指标
        \t二级指标
        \t三级指标
        \t绩效指标描述
        \t指标值
        \t指标值确定依据

        \t产出指标
        \t数量指标
        \t建设数量
        \t建成数量
        \t\(value)
        \t县农发〔2022〕1号

        """
    }
}

@Suite("Procurement tables")
struct ProcurementVariantTests {
    @Test("one header row, amounts in 元")
    func simpleHeader() throws {
        let d = try extract("""
        某县教育局
        2023年部门预算公开说明
        政府采购预算表
        \t单位：元

        \t采购项目名称
        \t品目编码
        \t计量单位
        \t数量
        \t单价
        \t金额

        \t台式计算机
        \tA02010104
        \t台
        \t20
        \t5,000
        \t100,000

        \t合计
        \t
        \t
        \t
        \t
        \t100,000


        """)
        #expect(d.procurement.count == 1)
        let p = try #require(d.procurement.first)
        #expect(p.item == "台式计算机" && p.catalogCode == "A02010104" && p.unit == "台")
        #expect(p.quantity == 20 && p.unitPrice == dec("0.5") && p.amount == 10)
    }
}
