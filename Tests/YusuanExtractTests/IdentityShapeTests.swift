import Foundation
import Testing
import YusuanExtract
import YusuanModel
import YusuanRead

/// Small documents of our own in the shapes real disclosures give their identity: who, which year, which kind.
@Suite("Identity shapes")
struct IdentityShapeTests {
    static let body = "\n一、收入支出预算总体情况\n收入预算100万元。\n"

    func identity(_ text: String, path: String = "test.txt") throws -> Identity {
        try extract(text, path: path).identity
    }

    @Test("cover title over two or three lines", arguments: [
        ("某市河道管理站\n2023年度一般公共预算财政拨款\n“三公”经费决算情况说明\n三公经费决算5万元。", "某市河道管理站" as String?, DisclosureKind.finalAccounts),
        ("某县档案馆\n关于财政拨款“三公”经费预算\n2022年情况的说明\n某县档案馆财政拨款“三公”经费预算2022年情况如下：\n公务接待费2万元。", "某县档案馆", .budget),
        ("2021年度中国共产党某县委员会\n宣传部部门决算\n收入合计100万元。", nil, .finalAccounts),
    ])
    func splitTitle(_ c: (String, String?, DisclosureKind)) throws {
        let id = try identity(c.0)
        if let name = c.1 { #expect(id.department == name, "\(c.0)") }
        #expect(id.kind == c.2, "\(c.0)")
        #expect(id.fiscalYear != nil)
    }

    @Test("the whole title over several lines: the name above, the lines below, across a blank line, 三公 above the year", arguments: [
        ("某市河道管理站\n2023年度一般公共预算财政拨款\n“三公”经费决算情况说明\n三公经费决算5万元。",
         "某市河道管理站2023年度一般公共预算财政拨款“三公”经费决算情况说明"),
        ("某县档案馆2022年一般公共预算财政拨款\n\n“三公”经费预算情况说明\n三公经费预算5万元。",
         "某县档案馆2022年一般公共预算财政拨款“三公”经费预算情况说明"),
        ("某县文化馆财政拨款“三公”经费\n2021年度决算情况说明\n三公经费决算5万元。", "某县文化馆财政拨款“三公”经费2021年度决算情况说明"),
        ("某县统计局2023年部门预算\n及“三公”经费预算情况说明\n收入预算100万元。", "某县统计局2023年部门预算及“三公”经费预算情况说明"),
    ])
    func wholeTitle(_ c: (String, String)) throws {
        #expect(try identity(c.0).title == c.1)
    }

    @Test("a title ends where the body begins: a numbered heading, a contents page, a sentence, a year, a line that ends it, furniture", arguments: [
        ("某县统计局2023年部门预算\n一、“三公”经费预算情况说明\n收入预算100万元。", nil as String?),
        ("某县统计局2023年部门预算\n目 录\n“三公”经费预算表\n收入预算100万元。", nil),
        ("某县统计局2023年部门预算\n三公经费预算5万元，比上年减少1万元。", nil),
        ("某县统计局\n2023年部门预算\n2023年3月\n“三公”经费预算表", "某县统计局2023年部门预算"),
        ("某县统计局2023年部门预算公开说明\n“三公”经费预算表\n收入预算100万元。", nil),
        ("某县统计局2023年部门预算公开说明\n收入预算100万元。", nil),
        // A publisher's line is not the title's, nor is the line that ends a title of its own above.
        ("来源：\n某县统计局\n2023年部门预算\n收入预算100万元。", nil),
        ("某县统计局部门预算情况说明\n2023年部门预算\n收入预算100万元。", nil),
        // Lines without a Chinese character are a page's furniture, not the title's.
        ("| |  |\n某县统计局2023年部门预算\n• 2023-03-01\n收入预算100万元。", nil),
    ])
    func titleEnds(_ c: (String, String?)) throws {
        let title = try identity(c.0).title
        #expect(title == c.1, "\(c.0): \(title ?? "nil")")
    }

    @Test("labelled names", arguments: ["预算主管部门：某县水利局", "编制单位:某县水利局    单位：万元", "单位名称：某县水利局", "部门（单位）名称：某县水利局"])
    func labelled(label: String) throws {
        let id = try identity("2022年部门预算公开\n\(label)\n收入预算100万元。")
        #expect(id.department == "某县水利局", "\(label)")
        #expect(id.fiscalYear == 2022)
    }

    @Test("titles prefixed with 第X部分 and list numbers, and headings ending in 概况", arguments: [
        "第二部分 某县司法局2020年部门决算情况说明", "二、某县司法局2020年度部门决算公开表", "一、某县司法局概况\n2020年度部门决算",
    ])
    func prefixed(title: String) throws {
        let id = try identity(title + Self.body)
        #expect(id.department == "某县司法局", "\(title)")
        #expect(id.fiscalYear == 2020)
        #expect(id.kind == .finalAccounts)
    }

    @Test("table titles name the department after the year", arguments: [
        ("2015年某区统计局部门“三公”经费情况统计表", "某区统计局"), ("2016年市国资委财政拨款“三公”经费预算表", "市国资委"),
        ("2018年度中国共产党某县委员会组织部“三公”经费决算公开", "中国共产党某县委员会组织部"), ("2019年某镇人民政府(本级)“三公”经费决算情况说明", "某镇人民政府(本级)"),
    ])
    func tableTitles(_ c: (String, String)) throws {
        let id = try identity(c.0 + "\n公务接待费2万元。")
        #expect(id.department == c.1, "\(c.0)")
    }

    @Test("a name that first appears in the body", arguments: [
        "按照有关规定，现将某县林业局2016年度部门决算公开如下：", "某县林业局2016年度“三公”经费支出决算为8万元。",
        "某县林业局财政拨款“三公”经费决算2016年情况如下：", "2016年某县林业局财政拨款资金安排“三公”经费决算8万元。",
        "某县林业局是县政府工作部门。2016年度部门决算如下。",
    ])
    func body(sentence: String) throws {
        let id = try identity("一、基本情况\n" + sentence + "\n支出决算合计8万元。")
        #expect(id.department == "某县林业局", "\(sentence)")
        #expect(id.fiscalYear == 2016)
    }

    @Test func htmlTitleNotTheBreadcrumb() throws {
        let html = """
        <html><head><title>某县交通运输局2021年部门预算公开</title></head><body>
        <div>当前位置：首页&gt;政务公开&gt;某县财政局&gt;2020年部门决算</div>
        <h1>某县交通运输局2021年部门预算公开</h1><p>收入预算300万元。</p></body></html>
        """
        let doc = try HTMLReader.read(bytes: Array(html.utf8))
        let d = try Extractor.extract(doc, source: SourceInfo(path: "a.html", format: "html", sha256: "", encoding: "UTF-8"))
        #expect(d.identity.department == "某县交通运输局")
        #expect(d.identity.fiscalYear == 2021)
        #expect(d.identity.kind == .budget)
    }

    @Test("the disclosure's year, not a regulation's or a comparison's", arguments: [
        "根据《某省预决算公开操作规程(2022年修订)》，现将某县民政局2023年部门预算公开如下：",
        "某县民政局2023年部门预算\n支出预算较2022年度增加5万元。",
        "2023年某县民政局部门预算，比2022年增加5万元。",
        "某县民政局2023年部门预算（2024年3月15日发布）",
    ])
    func year(sentence: String) throws {
        let id = try identity(sentence + "\n收入预算100万元。")
        #expect(id.fiscalYear == 2023, "\(sentence)")
        #expect(id.kind == .budget)
    }

    @Test("final accounts from 决算 wording in the title or the 情况说明", arguments: [
        "某乡2015年三公经费支出说明\n公务接待费9万元，较2014年决算数下降5%。",
        "根据《中华人民共和国预算法》，2017年某市市本级部门“三公”经费支出总额为300万元，比预算数减少20万元。",
        "某县农业局2019年一般公共预算财政拨款“三公”经费决算情况\n支出5万元。",
    ])
    func finalAccounts(text: String) throws {
        #expect(try identity(text).kind == .finalAccounts, "\(text)")
    }

    @Test func exporterSpacesDoNotHideTheIdentity() throws {
        let id = try identity("某县 卫生健康局\n2024 年度部门决算\n本年支出合计 2.55 万元，较 2023 年度决算数增加 0.5 万元。")
        #expect(id.fiscalYear == 2024)
        #expect(id.kind == .finalAccounts)
    }

    @Test func noNameInTheTextTakesTheFileName() throws {
        let d = try extract("我院2014年三公经费开支5万元。", path: "docs/某县人民法院/2014年三公经费.txt")
        #expect(d.identity.department == "某县人民法院")
        #expect(d.warnings.contains { $0.includes("file or folder name") })
        #expect(d.identity.kind == .finalAccounts)
        let fromFile = try extract("我院2014年三公经费开支5万元。", path: "某县人民检察院2014年三公经费.txt")
        #expect(fromFile.identity.department == "某县人民检察院")
        let none = try extract("我院2014年三公经费开支5万元。", path: "a/b.txt")
        #expect(none.identity.department == nil)
    }

    @Test func publishersAndCitationsAreNotTheDepartment() throws {
        // A whole level's figures published by the finance department; a law cited in the body.
        #expect(try identity("近期，某省财政厅晒出2016年省级“三公”经费决算。\n支出5万元。").department == nil)
        #expect(try identity("2016年“三公”经费决算\n根据国务院关于预算公开的要求公开如下。\n支出5万元。").department == nil)
        #expect(try identity("发布机构\n某市财政局\n某市2017年“三公”经费预算情况说明\n预算5万元。").department == nil)
    }

    @Test func pinyinGlossesAndTraditionalText() throws {
        let id = try identity("某縣政務(wù)服務(wù)中心2023年度部門決算公開說明\n本年收入合計5萬元。")
        #expect(id.department == "某县政务服务中心")
        #expect(id.kind == .finalAccounts)
    }
}

/// The text repairs seen through extraction: figures are read from the repaired line, quoted from the original.
@Suite("Exporter text")
struct ExporterTextTests {
    @Test func spacedNumbersAreReadAndQuotedAsWritten() throws {
        let d = try extract("某县卫生健康局\n2024 年度部门决算\n本 年 支 出 合 计 2.55 万元，较 2023 年度决算数增加 0.25 万元。\n")
        #expect(d.identity.fiscalYear == 2024 && d.identity.kind == .finalAccounts)
        let total = try #require(d.figures["expenditure.total"])
        #expect(total.value == dec("2.55"))
        #expect(total.provenance.text == "本 年 支 出 合 计 2.55 万元，较 2023 年度决算数增加 0.25 万元。")
        #expect(figure(d, "change.expenditure.total") == dec("0.25"))
    }

    @Test func glossedTraditionalTextReadsLikeSimplified() throws {
        let d = try extract("某縣政務(wù)服務(wù)中心\n2023年度部門決算\n本年支出合計(jì)434.16萬(wàn)元。\n")
        #expect(d.identity.department == "某县政务服务中心")
        #expect(figure(d, "expenditure.total") == dec("434.16"))
        #expect(d.figures["expenditure.total"]?.provenance.text == "本年支出合計(jì)434.16萬(wàn)元。")
    }
}

extension IdentityShapeTests {
    @Test("a news report shows itself in its opening lines: a dateline or a reporter", arguments: [
        "新京报快讯(记者 王某)市财政局今日公布了2021年市级决算。",
        "本报讯 (记者 李某) 日前,省政府网站公开了部门预算。",
        "某某时间网讯 昨日,记者从市财政局了解到,市本级“三公”决算公布。",
        "长江商报消息 某省45个省级部门公布2022年预算。",
        "某新网7月18日电 某部2014年度部门决算近日公布。",
        "新华社北京3月5日电 某部门公开2023年部门预算。",
        "北京晚报记者梳理发现,大多部门的“三公”经费决算均低于预算。",
        "记者注意到,某局2019年公务接待费比上年下降。",
        "本 报 讯 （记者 某某）某省公开了2022年部门预算。",
        "  某新网7月18日电\u{3000}某部2014年度部门决算近日公布。",
    ])
    func newsReport(line: String) throws {
        let id = try identity("某部门公开2022年部门预算\n\n" + line + "\n公务接待费10万元。")
        #expect(id.newsReport?.line == 3, "\(line)")
    }

    @Test("a department's own text is no news report, though it names 记者 or a date", arguments: [
        "负责新闻记者证的审核申报工作。",
        "组织新闻记者开展采访报道的服务保障。",
        "2023年3月15日电费支出2.1万元。",
        "截至2023年12月31日电费已全部结清。",
        "本部门2022年度部门决算公开如下。",
    ])
    func notNewsReport(line: String) throws {
        let id = try identity("某县委宣传部2022年部门决算\n" + line + Self.body)
        #expect(id.newsReport == nil, "\(line)")
    }
}
