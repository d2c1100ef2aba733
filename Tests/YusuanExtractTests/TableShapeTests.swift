import Foundation
import Testing
import YusuanExtract
import YusuanModel
import YusuanRead

/// The "三公" table as text dumps of web pages carry it: "|"-separated rows, or one cell per line.
/// Documents of our own, in the shapes seen on departments' sites.
@Suite("Table shapes in text")
struct TableShapeTests {
    static let finalTitle = "某县文化旅游局2022年度一般公共预算财政拨款“三公”经费支出决算情况说明\n"
    static let budgetTitle = "某县水利局2023年“三公”经费预算情况说明\n"

    @Test("one row per line with budget and final columns: final accounts take 决算, keep 预算")
    func rowPerLineFinal() throws {
        let d = try extract(Self.finalTitle + """
        2022年度“三公”经费支出决算表
        单位:万元
        项 目 | 预 算 数 | 决 算 数 |
        合 计 | 12.5 | 10.25 |
        1.因公出国(境)费 | ||
        2.公务接待费 | 2.5 | 1.75 |
        3.公务用车购置及运行维护费 | 10 | 8.5 |
        其中:(1)公务用车运行维护费 | 10 | 8.5 |
        (2)公务用车购置费 | 0 | 0 |
        """)
        #expect(figure(d, "three_public.total") == dec("10.25"))
        #expect(figure(d, "budget.three_public.total") == dec("12.5"))
        #expect(figure(d, "three_public.reception") == dec("1.75"))
        #expect(figure(d, "three_public.vehicles") == dec("8.5"))
        #expect(figure(d, "three_public.vehicles.operation") == dec("8.5"))
        #expect(figure(d, "three_public.vehicles.purchase") == 0)
        // Blank cells are not stated: absent, never 0.
        #expect(figure(d, "three_public.overseas_travel") == nil)
        #expect(d.figures["three_public.total"]?.provenance.line == 5)
    }

    @Test("one cell per line, rows broken by a lone \"|\"")
    func cellPerLineWithBreaks() throws {
        let cells = ["|", "项 目 |", "预 算 数 |", "决 算 数 |", "|", "合 计 |", "30 |", "21.4 |", "|", "因公出国(境)费 |", "0 |", "0 |",
                     "|", "公务接待费 |", "5 |", "3.4 |", "|", "公务用车购置及运行维护费 |", "25 |", "18 |"]
        let d = try extract(Self.finalTitle + "单位:万元\n" + cells.joined(separator: "\n") + "\n二、情况说明\n")
        #expect(figure(d, "three_public.total") == dec("21.4"))
        #expect(figure(d, "three_public.overseas_travel") == 0)
        #expect(figure(d, "three_public.reception") == dec("3.4"))
        #expect(figure(d, "three_public.vehicles") == 18)
        #expect(figure(d, "budget.three_public.vehicles") == 25)
    }

    @Test("one cell per line, a lone \"|\" is an empty cell")
    func cellPerLineWithEmptyCells() throws {
        let cells = ["项 目 |", "预 算 数 |", "决 算 数 |", "合 计 |", "40 |", "6.5 |", "因公出国(境)费 |", "20 |", "|",
                     "公务接待费 |", "10 |", "4 |", "公务用车购置及运行维护费 |", "10 |", "2.5 |"]
        let d = try extract(Self.finalTitle + cells.joined(separator: "\n") + "\n二、情况说明\n")
        #expect(figure(d, "three_public.total") == dec("6.5"))
        #expect(figure(d, "three_public.overseas_travel") == nil)
        #expect(figure(d, "budget.three_public.overseas_travel") == 20)
        #expect(figure(d, "three_public.vehicles") == dec("2.5"))
    }

    @Test("prior-year, current and change columns with a two-row header")
    func priorCurrentChange() throws {
        let d = try extract(Self.finalTitle + """
        某县2022年“三公”经费决算情况统计表 | ||||
        单位:万元 | ||||
        项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |
        增、减金额 | 增、减幅度 | |||
        合计 | 100.5 | 90 | -10.5 | -10.45% |
        1.因公出国(境)费 | 10 | 5 | -5 | -50% |
        2.公务接待费 | 40.5 | 45 | 4.5 | 11.11% |
        3.公务用车购置及运行费 | 50 | 40 | -10 | -20% |
        """)
        #expect(figure(d, "three_public.total") == 90)
        #expect(figure(d, "three_public.overseas_travel") == 5)
        #expect(figure(d, "three_public.reception") == 45)
        #expect(figure(d, "change.three_public.total") == dec("-10.5"))
        #expect(figure(d, "three_public.vehicles") == 40)
    }

    @Test("two budget years: the document's own year, never the year before")
    func twoBudgetYears() throws {
        let d = try extract(Self.budgetTitle + """
        单位:万元 |
        项 目 |
        2022年预算数 |
        2023年预算数 |
        合计 |
        30 |
        28 |
        因公出国(境)费 |
        0 |
        0 |
        公务接待费 |
        12 |
        11 |
        """)
        #expect(figure(d, "three_public.total") == 28)
        #expect(figure(d, "three_public.reception") == 11)
        #expect(figure(d, "three_public.overseas_travel") == 0)
    }

    @Test("a flattened header that cannot be laid out is not read as a table")
    func headerOnlyValues() throws {
        let cells = ["“三公”经费合计 |", "因公出国(境)费 |", "公务用车购置及运行费 |", "公务接待费 |", "||", "小计 |", "购置费 |", "运行费 |",
                     "|||", "20 |", "0 |", "15 |", "5 |", "10 |", "5 |"]
        let d = try extract(Self.budgetTitle + cells.joined(separator: "\n") + "\n二、情况说明\n")
        #expect(figure(d, "three_public.vehicles.purchase") == nil)
        #expect(figure(d, "three_public.vehicles.operation") == nil)
    }

    @Test("pipe lines in a site banner are not a table")
    func notAPipeTable() {
        #expect(!PipeTables.isPipeLine("www某某网,某某中文|某某字幕"))
        #expect(PipeTables.isPipeLine("合 计 | 46 |"))
        #expect(PipeTables.isPipeLine("|"))
    }

    @Test("收支总表 one cell per line with 行次: the row number is not the amount")
    func rowNumbers() throws {
        let cells = ["收入支出决算总表 | ||||", "金额单位:万元 | |||", "项 目 |", "行次 |", "决算数 |", "项 目 |", "行次 |", "决算数 | |||",
                     "栏 次 |", "1 |", "栏 次 |", "2 | |||", "一、一般公共预算财政拨款收入 |", "1 |", "1,250.40 |", "一、一般公共服务支出 |", "31 |",
                     "980.10 | |||", "二、政府性基金预算财政拨款收入 |", "2 |", "0.00 |", "二、外交支出 |", "32 |", "0.00 | |||"]
        let d = try extract("某县档案馆2022年度部门决算\n" + cells.joined(separator: "\n") + "\n")
        #expect(figure(d, "revenue.general_public_budget") == dec("1250.40"))
        #expect(figure(d, "revenue.government_fund") == 0)
    }

    @Test("column form: parts across, the vehicles column split by a second header level")
    func columnForm() throws {
        let d = try extract(Self.budgetTitle + """
        某县水利局2023年“三公”经费预算财政拨款情况表 | |||||||
        | | | | | 单位:万元 | ||
        合 计 | 因公出国(境)费 | 公务用车费 | 公务接待费 | ||||
        小 计 | 公务用车运行维护费 | 公务用车购置费 | |||||
        12.6 | 0 | 10 | 8 | 2 | 2.6 | ||
        """)
        #expect(figure(d, "three_public.total") == dec("12.6"))
        #expect(figure(d, "three_public.overseas_travel") == 0)
        #expect(figure(d, "three_public.vehicles") == 10)
        #expect(figure(d, "three_public.vehicles.operation") == 8)
        #expect(figure(d, "three_public.vehicles.purchase") == 2)
        #expect(figure(d, "three_public.reception") == dec("2.6"))
    }

    @Test("column form with amounts missing from the dump is not laid out")
    func columnFormShifted() throws {
        let d = try extract(Self.finalTitle + """
        “三公”经费 | 机关运行经费决算数 | ||||
        合计 | 因公出国(境)费 | 公务用车购置及运行费 | 公务接待费 | ||||
        小计 | 公务用车购置费 | 公务用车运行费 | |||
        预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 300.5 |
        20.00 | 8.70 | 14.00 | 8.40 | 14.00 | 8.40 | 6.00 | 0.30 |
        """)
        #expect(d.figures.keys.filter { $0.hasPrefix("three_public.") }.isEmpty, "\(d.figures.keys.sorted())")
    }

    @Test("one cell per line with a blank line after each, under the table's title")
    func blankSeparatedCells() throws {
        let cells = ["项目", "决算数", "合计", "21.5", "因公出国(境)费", "0", "公务接待费", "6.5", "公务用车购置及运行维护费", "15",
                     "其中:公务用车运行维护费", "15", "公务用车购置费", "0"]
        let body = "一、2022年度“三公”经费支出决算表\n\n单位:万元\n\n" + cells.joined(separator: "\n\n") + "\n\n二、情况说明\n"
        let d = try extract(Self.finalTitle + body)
        #expect(figure(d, "three_public.total") == dec("21.5"))
        #expect(figure(d, "three_public.reception") == dec("6.5"))
        #expect(figure(d, "three_public.vehicles.operation") == 15)
        #expect(figure(d, "three_public.vehicles.purchase") == 0)
        // Prose with blank lines between paragraphs is not a table.
        let prose = try extract(Self.finalTitle + "单位:万元\n\n本年度公务接待费6.5万元。\n\n主要用于业务交流。\n\n比上年减少1万元。\n")
        #expect(figure(prose, "three_public.reception") == dec("6.5"))
    }

    @Test("one cell per line, empty cells as lines of spaces (&nbsp;): laid out by position, short text after it kept")
    func blankSeparatedWithEmptyCells() throws {
        // Two columns: the header's label cell and the 合计 row's label are empty; three budget parts under it.
        let cells = [" ", "预 算 数", " ", "40.5", "因公出国(境)费", "10.5", "公务接待费", "6", "公务用车购置及运行费", "24",
                     "  其中:公务用车运行维护费", "20", "        公务用车购置", "4", " "]
        let body = "一、2016年“三公”经费支出预算表\n\n单位:万元\n\n" + cells.joined(separator: "\n\n") + "\n\n二、说明\n\n本局“三公”经费预算40.5万元。\n"
        let d = try extract(Self.budgetTitle + body)
        #expect(figure(d, "three_public.overseas_travel") == dec("10.5"))
        #expect(figure(d, "three_public.vehicles.operation") == 20 && figure(d, "three_public.vehicles.purchase") == 4)
        // The unlabelled 合计 row is nobody's; the total comes from the sentence after the table.
        #expect(figure(d, "three_public.total") == dec("40.5") && d.figures["three_public.total"]?.origin == .prose)
        // With the empty cells lost, the cells cannot be laid out: nothing is read from them.
        let lost = try extract(Self.budgetTitle + "一、2016年“三公”经费支出预算表\n\n单位:万元\n\n"
            + cells.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "\n\n") + "\n")
        #expect(figure(lost, "three_public.overseas_travel") == nil && figure(lost, "three_public.reception") == nil)
    }

    @Test("a spreadsheet dumped as text: cells apart by runs of spaces, labels spaced over their cell")
    func spacedRows() throws {
        let d = try extract(Self.finalTitle + """
        2022年度“三公”经费支出决算表
        单位:万元
        项  目                     预算数      决算数
        合  计                      36.00       27.45
        因公出国（境）费             6.00
        公务接待费                   8.00        5.20
        公务用车购置及运行维护费      22.00       22.25
        二、情况说明
        """)
        #expect(figure(d, "three_public.total") == dec("27.45"))
        #expect(figure(d, "budget.three_public.total") == 36)
        #expect(figure(d, "three_public.reception") == dec("5.2"))
        #expect(figure(d, "three_public.vehicles") == dec("22.25"))
        // A row short of a cell cannot say which one is missing: nothing is read from it.
        #expect(figure(d, "three_public.overseas_travel") == nil && figure(d, "budget.three_public.overseas_travel") == nil)
    }

    @Test("parts under the vehicles row that drop the 车")
    func vehiclePartsInTable() throws {
        let d = try extract(Self.finalTitle + """
        项目 | 决算数 |
        合计 | 20 |
        公务接待费 | 2.1 |
        公务用车购置及运行维护费 | 17.9 |
        其中:购置经费 | 0 |
        运行维护经费 | 17.9 |
        """)
        #expect(figure(d, "three_public.vehicles.purchase") == 0)
        #expect(figure(d, "three_public.vehicles.operation") == dec("17.9"))
    }
}
