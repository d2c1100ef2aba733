import Foundation
import Testing
import YusuanExtract
import YusuanModel

/// Numbers near a label that are not the figure: budget beside final, another year, a part, an average,
/// a change. Sentences of our own in the wordings departments use.
@Suite("Roles of numbers in prose")
struct ProseRoleTests {
    static let finalTitle = "某县人民法院2022年度部门决算公开说明\n"
    static let budgetTitle = "某县人民法院2023年部门预算公开说明\n"

    @Test("final accounts: the 决算 amount is the figure, the 预算 one is kept apart", arguments: [
        "2022年度一般公共预算财政拨款“三公”经费支出预算为60万元，支出决算为45.5万元，完成预算的75.83%。",
        "2022年“三公”经费年初预算60万元，决算数45.5万元。",
        "“三公”经费支出调整预算数为60万元，实际支出决算45.5万元，完成预算的75.83%。",
    ])
    func budgetBesideFinal(sentence: String) throws {
        let d = try extract(Self.finalTitle + sentence)
        #expect(figure(d, "three_public.total") == dec("45.5"), "\(sentence)")
        #expect(figure(d, "budget.three_public.total") == 60, "\(sentence)")
        #expect(figure(d, "expenditure.total") == nil, "\(sentence)")
    }

    @Test("another year's amount beside this year's is not this year's")
    func otherYear() throws {
        let d = try extract(Self.budgetTitle + "“三公”经费2023年预算20万元，2022年预算26.5万元；其中公务接待费2023年预算8万元，2022年预算9.5万元。")
        #expect(figure(d, "three_public.total") == 20)
        #expect(figure(d, "three_public.reception") == 8)
    }

    @Test("averages and amounts reserved for small firms are not figures", arguments: [
        "全年车均运行维护费支出2.5万元。", "人均因公出国（境）费用2.4万元。", "面向中小企业预留采购份额120万元。",
    ])
    func notLevels(sentence: String) throws {
        let d = try extract(Self.finalTitle + sentence)
        #expect(d.figures.keys.filter { !$0.hasPrefix("budget.") }.isEmpty, "\(sentence) → \(d.figures.keys.sorted())")
    }

    @Test("a change with nothing to compare with is never a level", arguments: [
        "“三公”经费支出减少3.3亿元。", "“三公”经费决算增加12万元，增长8%。",
    ])
    func changeNotLevel(sentence: String) throws {
        let d = try extract(Self.finalTitle + sentence)
        #expect(figure(d, "three_public.total") == nil, "\(sentence)")
    }

    @Test("economic classes are parts of personnel and public use, not the whole")
    func economicClasses() throws {
        let d = try extract(Self.budgetTitle + "基本支出500万元，其中：工资福利支出300万元，对个人和家庭的补助120万元，商品和服务支出80万元。")
        #expect(figure(d, "expenditure.basic") == 500)
        #expect(figure(d, "expenditure.basic.personnel") == nil)
        #expect(figure(d, "expenditure.basic.public") == nil)
        #expect(figure(d, "expenditure.basic.wages") == 300)
        #expect(figure(d, "expenditure.basic.goods_services") == 80)
        #expect(figure(d, "expenditure.basic.household_transfers") == 120)
        let both = try extract(Self.budgetTitle + "人员经费420万元，其中工资福利支出300万元。")
        #expect(figure(both, "expenditure.basic.personnel") == 420)
    }

    @Test("财政拨款 totals are the appropriation's, not the unit's")
    func appropriationTotals() throws {
        let d = try extract(Self.finalTitle + "2022年度财政拨款收、支总计1500万元。本年收入合计1800万元。")
        #expect(figure(d, "revenue.total") == nil)
        #expect(figure(d, "appropriation.revenue.total") == 1500)
        #expect(figure(d, "appropriation.expenditure.total") == 1500)
        let income = try extract(Self.finalTitle + "2022年度财政拨款收入1200万元。")
        #expect(figure(income, "revenue.total") == nil)
        #expect(figure(income, "appropriation.revenue.total") == 1200)
    }

    @Test("vehicle parts without 车 under a vehicles figure", arguments: [
        "公务用车购置及运行费12万元，其中：购置费0万元、运行费12万元。",
        "公务用车购置及运行维护费12万元，其中购置费0万元，运行维护费12万元。",
        "公车购置及运行维护费12万元，其中：购置经费0万元，运行维护费12万元。",
    ])
    func vehicleParts(sentence: String) throws {
        let d = try extract(Self.budgetTitle + sentence)
        #expect(figure(d, "three_public.vehicles") == 12, "\(sentence)")
        #expect(figure(d, "three_public.vehicles.purchase") == 0, "\(sentence)")
        #expect(figure(d, "three_public.vehicles.operation") == 12, "\(sentence)")
    }

    @Test("a rounded headline gives way to the exact figure stated later")
    func roundedHeadline() throws {
        let d = try extract(Self.finalTitle + "公务接待费8万元。\n全年公务接待费支出8.27万元，主要用于业务交流。")
        #expect(figure(d, "three_public.reception") == dec("8.27"))
    }

    @Test("final accounts: a change of the 收支 pair is the 总计's, not 支出合计's")
    func pairChange() throws {
        let d = try extract(Self.finalTitle + "2022年度收入总计1,500.20万元，支出总计1,500.20万元。收支较上年决算数增加100.5万元。2022年度支出合计1,320.00万元，较上年决算数增加80.25万元。")
        #expect(figure(d, "change.expenditure.total") == dec("80.25"))
        #expect(figure(d, "change.expenditure.grand_total") == dec("100.5"))
        #expect(figure(d, "expenditure.total") == 1320)
    }

    @Test("a thousands group broken by a stray space")
    func brokenThousands() throws {
        let d = try extract(Self.finalTitle + "公务用车运行维护费1, 537.4万元。")
        #expect(figure(d, "three_public.vehicles.operation") == dec("1537.4"))
    }

    @Test("a change goes with the figure just named unless its own words name another thing", arguments: [
        "2023年“三公”经费预算数为20.1万元，与上年相比减少0.2万元，下降0.99%。",
        "2023年“三公”经费预算20.1万元，2022年“三公”经费预算20.3万元，与上年对比减少0.2万元。",
        "2023年“三公”经费预算20.1万元，比上年减少0.2万元，主要原因是资本性支出减少1.5万元。",
    ])
    func changeSubject(sentence: String) throws {
        let d = try extract(Self.budgetTitle + sentence)
        #expect(figure(d, "three_public.total") == dec("20.1"), "\(sentence)")
        #expect(figure(d, "change.three_public.total") == dec("-0.2"), "\(sentence)")
    }

    @Test("final accounts: a comparison with this year's budget is not a change on last year")
    func sameYearBudgetComparison() throws {
        let d = try extract(Self.finalTitle + "公务接待费支出决算1.52万元，与2022年度预算相比，减少0.28万元，下降15%。")
        #expect(figure(d, "three_public.reception") == dec("1.52"))
        #expect(figure(d, "change.three_public.reception") == nil)
        #expect(figure(d, "vs_budget.three_public.reception") == dec("-0.28"))
    }

    @Test("final accounts: 收入合计 is this year's revenue, 收入总计 adds the carry-over")
    func revenueCurrentYear() throws {
        let d = try extract(Self.finalTitle + "2022年度收入总计500万元。2022年度收入合计450万元，较上年决算数增加45万元，增长11.1%。")
        #expect(figure(d, "revenue.total") == 500)
        #expect(figure(d, "revenue.current_year") == 450)
        #expect(figure(d, "change.revenue.current_year") == 45)
    }

    @Test("parts under a budget sentence are budget amounts")
    func partsOfBudgetSentence() throws {
        let d = try extract(Self.finalTitle + "其中：因公出国（境）费80万元，公务接待费5万元。\n2022年本部门“三公”经费预算100万元，其中：因公出国（境）费90万元，公务接待费10万元。")
        #expect(figure(d, "three_public.overseas_travel") == 80)
        #expect(figure(d, "budget.three_public.total") == 100)
        #expect(figure(d, "budget.three_public.overseas_travel") == 90)
        #expect(figure(d, "budget.three_public.reception") == 10)
    }

    @Test("shares go with the amount just before them, and only with one of ours")
    func shares() throws {
        let d = try extract(Self.finalTitle + "“三公”经费支出决算中，因公出国（境）费支出决算0万元，占0%；公务接待费支出决算5.21万元，占67.75%；公务用车购置及运行维护费支出决算2.48万元，占32.25%。本年收入中，事业单位经营收入0万元，占0%；其他收入3万元，占1.5%。")
        #expect(figure(d, "share_pct.three_public.overseas_travel") == 0)
        #expect(figure(d, "share_pct.three_public.reception") == dec("67.75"))
        #expect(figure(d, "share_pct.three_public.vehicles") == dec("32.25"))
        #expect(figure(d, "share_pct.revenue.other") == dec("1.5"))
        #expect(d.figures.keys.filter { $0.hasPrefix("share_pct.") }.count == 4)
    }

    @Test("last year's amounts are kept as prior-year figures")
    func priorYear() throws {
        let d = try extract(Self.budgetTitle + "“三公”经费2023年预算20万元，2022年预算26.5万元。公务接待费8万元，较上年9.5万元减少1.5万元。")
        #expect(figure(d, "three_public.total") == 20)
        #expect(figure(d, "prior.three_public.total") == dec("26.5"))
        #expect(figure(d, "prior.three_public.reception") == dec("9.5"))
        #expect(figure(d, "change.three_public.reception") == dec("-1.5"))
    }

    @Test("final against budget in words", arguments: [
        ("“三公”经费支出决算12万元，决算数小于预算数的主要原因是压减开支。", -1),
        ("“三公”经费支出决算12万元，决算数大于预算数的主要原因是新增任务。", 1),
    ])
    func comparisonWords(sentence: String, sign: Int) throws {
        let d = try extract(Self.finalTitle + sentence)
        #expect(figure(d, "comparison.three_public.total") == Decimal(sign))
    }

    @Test("template residue saying both is no comparison")
    func comparisonResidue() throws {
        let d = try extract(Self.finalTitle + "“三公”经费支出决算12万元，决算数大小于预算数的主要原因是压减开支。")
        #expect(figure(d, "comparison.three_public.total") == nil)
    }

    @Test("决算数与预算数持平 is against the budget, not a change on last year")
    func flatAgainstBudget() throws {
        let d = try extract(Self.finalTitle + "公务接待费支出决算3万元，决算数与预算数基本持平。")
        #expect(figure(d, "change.three_public.reception") == nil)
        #expect(figure(d, "vs_budget.three_public.reception") == 0)
    }

    @Test("a 三公 part stated as none is a stated 0; another year's none is not", arguments: [
        ("本年度未安排因公出国（境）经费预算。", "three_public.overseas_travel"),
        ("本年度无公务接待费支出。", "three_public.reception"),
        ("2023年没有安排公务用车购置费。", "three_public.vehicles.purchase"),
    ])
    func statedNone(sentence: String, key: String) throws {
        let d = try extract(Self.budgetTitle + sentence)
        #expect(figure(d, key) == 0, "\(sentence)")
        let other = try extract(Self.budgetTitle + "2021年也未安排因公出国（境）经费预算。")
        #expect(figure(other, "three_public.overseas_travel") == nil)
        let regulation = try extract(Self.budgetTitle + "根据《关于严禁超预算或无预算安排支出的通知》和《公务接待管理规定》的要求开展自查。")
        #expect(figure(regulation, "three_public.reception") == nil)
    }

    @Test("a paragraph about another unit is not this unit's")
    func otherUnit() throws {
        let d = try extract("某市文化和旅游局\n2022年度部门决算公开说明\n市文旅局2022年“三公”经费决算数40万元。\n市卫生健康委2022年“三公”经费决算数90万元，比年初预算减少10万元。")
        #expect(figure(d, "three_public.total") == 40)
        #expect(figure(d, "vs_budget.three_public.total") == nil)
        #expect(d.warnings.contains { $0.contains("市卫生健康委") })
    }

    @Test("a sentence about last year: its parts are last year's too")
    func priorSentence() throws {
        let d = try extract(Self.finalTitle + "上年度“三公”经费支出20.5万元，其中公务用车运行维护费12.5万元、公务接待费8万元。本年“三公”经费支出9.75万元，其中公务用车运行维护费6万元、公务接待费3.75万元。")
        #expect(figure(d, "three_public.total") == dec("9.75"))
        #expect(figure(d, "three_public.reception") == dec("3.75"))
        #expect(figure(d, "prior.three_public.reception") == 8)
        #expect(figure(d, "prior.three_public.vehicles.operation") == dec("12.5"))
    }

    @Test("the figure restated after its budget is the final one")
    func restatedAfterBudget() throws {
        let d = try extract(Self.finalTitle + "2022年三公经费预算数8.96万元，2022年度“三公”经费支出8.61万元，完成预算的96.1%，其中：公务接待费支出4.95万元。")
        #expect(figure(d, "budget.three_public.total") == dec("8.96"))
        #expect(figure(d, "three_public.total") == dec("8.61"))
        #expect(figure(d, "three_public.reception") == dec("4.95"))
    }

    @Test("a source of funds after a named figure qualifies it")
    func sourceOfFunds() throws {
        let d = try extract(Self.budgetTitle + "2023年本级的机关运行经费，当年一般公共预算拨款6.83万元，比2022年预算减少2.69万元。")
        #expect(figure(d, "operating_costs") == dec("6.83"))
        #expect(figure(d, "revenue.general_public_budget") == nil)
    }

    @Test("收、支总计各是A、B: one amount each, in order; 各减少A、B the same for changes")
    func eachRespectively() throws {
        let d = try extract(Self.budgetTitle + "2023年收、支总计各是520万元、510万元。与上年相比，收、支总计各减少20万元、15万元。")
        #expect(figure(d, "revenue.total") == 520)
        #expect(figure(d, "expenditure.total") == 510)
        #expect(figure(d, "change.revenue.total") == -20)
        #expect(figure(d, "change.expenditure.total") == -15)
        let same = try extract(Self.budgetTitle + "2023年收入、支出预算总计均为520万元。")
        #expect(figure(same, "revenue.total") == 520 && figure(same, "expenditure.total") == 520)
    }

    @Test("what a total includes does not change what it is", arguments: [
        "本部门（含下属单位）总收入600万元。", "本部门(含二级单位)总收入600万元。",
    ])
    func inclusions(sentence: String) throws {
        #expect(figure(try extract(Self.budgetTitle + sentence), "revenue.total") == 600, "\(sentence)")
    }

    @Test("vehicle counts", arguments: [
        ("2023年初公务用车保有量为34辆。", 34), ("本单位共有车辆5辆，均为执法执勤用车。", 5), ("年末车辆保有量3台。", 3),
    ])
    func vehicleCounts(sentence: String, count: Int) throws {
        let d = try extract(Self.budgetTitle + sentence)
        #expect(figure(d, "assets.vehicles.count") == Decimal(count), "\(sentence)")
        #expect(d.figures.keys.filter { $0.hasPrefix("three_public.") }.isEmpty)
    }

    @Test("分别 after the figures just named: their changes in order")
    func respectivelyAfterFigures() throws {
        let d = try extract(Self.finalTitle + "公务用车购置及运行费1.41亿元，包括公务用车购置费0.14亿元和公务用车运行费1.27亿元，与上年相比，分别减少0.18亿元和0.56亿元。")
        #expect(figure(d, "change.three_public.vehicles.purchase") == -1800)
        #expect(figure(d, "change.three_public.vehicles.operation") == -5600)
        #expect(figure(d, "change.three_public.vehicles") == nil)
        let pct = try extract(Self.finalTitle + "“三公”经费2.29亿元，比上年减少0.88亿元，下降27.8%；公务用车购置及运行费1.41亿元，包括公务用车购置费0.14亿元和公务用车运行费1.27亿元，与上年相比，分别减少0.18亿元和0.56亿元，下降56.25%和30.6%。")
        #expect(figure(pct, "change_pct.three_public.total") == dec("-27.8"))
        #expect(figure(pct, "change_pct.three_public.vehicles.purchase") == dec("-56.25"))
        #expect(figure(pct, "change_pct.three_public.vehicles.operation") == dec("-30.6"))
    }

    @Test("a numbered heading names the figure of the paragraph under it")
    func headingSubject() throws {
        let d = try extract(Self.budgetTitle + "一、因公出国（境）费\n2023年预算安排12万元，较2022年预算下降20%。\n二、公务接待费\n2023年预算安排5万元。\n三、其他说明\n2023年预算安排9万元。")
        #expect(figure(d, "three_public.overseas_travel") == 12)
        #expect(figure(d, "three_public.reception") == 5)
        #expect(d.figures.values.filter { $0.value == 9 }.isEmpty)
    }

    @Test("numbering in front of a label", arguments: ["（一）收入预算，2023年年初预算数120.5万元。", "(一)收入预算,2023年年初预算数120.5万元。"])
    func numberedLabel(sentence: String) throws {
        #expect(figure(try extract(Self.budgetTitle + sentence), "revenue.total") == dec("120.5"), "\(sentence)")
    }

    @Test("the performance section's amount is not 项目支出", arguments: [
        "2023年本部门共有12个项目实行绩效目标管理，涉及项目预算资金860.5万元。", "实行绩效目标管理的项目共5个，涉及资金860.5万元。",
    ])
    func performanceFunds(sentence: String) throws {
        let d = try extract(Self.budgetTitle + sentence)
        #expect(figure(d, "expenditure.project") == nil, "\(sentence)")
        #expect(figure(d, "performance.project_funds") == dec("860.5"), "\(sentence)")
    }

    @Test("分别 over labels joined by 及/和 inside one label")
    func listWithInnerJoiner() throws {
        let d = try extract(Self.budgetTitle + "因公出国（境）经费与公务用车购置及运行维护费分别为0.34亿元和4.23亿元。人员经费、公用经费及项目支出分别为10万元、5万元和20万元。")
        #expect(figure(d, "three_public.overseas_travel") == 3400)
        #expect(figure(d, "three_public.vehicles") == 42300)
        #expect(figure(d, "three_public.vehicles.purchase") == nil)
        #expect(figure(d, "expenditure.basic.public") == 5 && figure(d, "expenditure.project") == 20)
    }

    @Test("一般公共预算财政拨款支出 is one source's spending, a part of the unit's, with its change", arguments: [
        "2023年一般公共预算财政拨款支出980.2万元，比上年增加35.1万元，增长3.7%。",
        "一般公共预算支出预算数为980.20万元，较2022年增加35.10万元。",
        "本年度一般公共预算拨款支出980.2万元。与上年相比，一般公共预算财政拨款增加35.1万元。",
    ])
    func generalPublicBudgetSpending(sentence: String) throws {
        let d = try extract(Self.budgetTitle + sentence)
        #expect(figure(d, "gpb.expenditure.total") == dec("980.2"), "\(sentence)")
        #expect(figure(d, "change.gpb.expenditure.total") == dec("35.1"), "\(sentence)")
        #expect(figure(d, "expenditure.total") == nil && figure(d, "change.expenditure.total") == nil, "\(sentence)")
        #expect(figure(d, "revenue.general_public_budget") == nil, "\(sentence)")
    }

    @Test("the parts a 其中 lists under that source's basic spending are that source's; a part named after it is the unit's")
    func generalPublicBudgetParts() throws {
        let d = try extract(Self.finalTitle + "2022年度一般公共预算财政拨款基本支出1,520.3万元，其中：人员经费1,300.1万元，主要用于工资；公用经费220.2万元。"
            + "2022年度支出合计2,000万元，其中一般公共预算财政拨款支出1,900万元，基本支出1,600万元。")
        #expect(figure(d, "gpb.expenditure.basic") == dec("1520.3"))
        #expect(figure(d, "gpb.expenditure.basic.personnel") == dec("1300.1"))
        #expect(figure(d, "gpb.expenditure.basic.public") == dec("220.2"))
        #expect(figure(d, "expenditure.basic.personnel") == nil)
        #expect(figure(d, "gpb.expenditure.total") == 1900)
        #expect(figure(d, "expenditure.basic") == 1600)
        #expect(figure(d, "expenditure.total") == 2000)
    }

    @Test("一般公共预算 revenue and the source named alone keep their old meaning")
    func generalPublicBudgetRevenue() throws {
        let d = try extract(Self.budgetTitle + "2023年收入预算1,000万元，其中一般公共预算拨款收入900万元。一般公共预算财政拨款减少20万元。")
        #expect(figure(d, "revenue.general_public_budget") == 900)
        #expect(figure(d, "change.gpb.expenditure.total") == nil && figure(d, "change.revenue.general_public_budget") == nil)
    }

    @Test("a clause after ；that names its figure and then states the amount after neutral words")
    func clauseSubject() throws {
        let d = try extract(Self.finalTitle + "分项看，公务接待费降幅最大，决算数2352万元，比年初预算减少3848万元；因公出国（境）次之，共1.2亿元，比年初预算减少0.3亿元。")
        #expect(figure(d, "three_public.reception") == 2352)
        #expect(figure(d, "three_public.overseas_travel") == 12000)
        #expect(figure(d, "vs_budget.three_public.overseas_travel") == -3000)
    }
}
