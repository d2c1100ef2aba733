import YusuanModel

extension Completeness {
    /// One thing a disclosure must contain, and the ways documents show it.
    public struct Item: Sendable {
        /// The name findings use.
        public var name: String
        /// Headings or table titles that show it. "…" stands for any text: "三公…决算…表" takes
        /// 财政拨款“三公”经费支出决算表 as well as 一般公共预算财政拨款“三公”经费支出决算表.
        /// Matched with spaces and quotes removed.
        public var titles: [String] = []
        /// A title holding any of these is another item's (财政拨款收支总表 is not 部门收支总表).
        public var excluding: [String] = []
        /// Figures that show it: any one group with all its keys stated. "change.*" is any key so prefixed.
        public var figures: [[String]] = []
        /// Rows of a kind that show it.
        public var content: [Content] = []
    }

    public enum Content: Sendable { case procurement, assets, performance }

    /// What both budgets and final accounts state (财预〔2016〕143号).
    public static let common: [Item] = [
        Item(name: "部门职责", titles: ["职责", "职能"]),
        Item(name: "机构设置", titles: ["机构设置", "机构情况", "内设机构", "所属单位", "单位构成", "部门构成"]),
        Item(name: "收支总体情况", titles: ["总体情况"], figures: [["revenue.total", "expenditure.total"]]),
        Item(name: "增减变化", titles: ["增减"], figures: [["change.*"]]),
        Item(name: "机关运行经费", figures: [["operating_costs"]]),
        Item(name: "“三公”经费总额", figures: [["three_public.total"]]),
        Item(name: "因公出国（境）费", figures: [["three_public.overseas_travel"]]),
        Item(name: "公务用车购置及运行费",
             figures: [["three_public.vehicles"], ["three_public.vehicles.purchase", "three_public.vehicles.operation"]]),
        Item(name: "公务接待费", figures: [["three_public.reception"]]),
        Item(name: "政府采购", figures: [["procurement.total"]], content: [.procurement]),
        Item(name: "国有资产占用", titles: ["国有资产占有使用情况", "国有资产占用情况"], figures: [["assets.total"]], content: [.assets]),
        Item(name: "绩效目标", titles: ["绩效目标"], content: [.performance]),
        Item(name: "名词解释", titles: ["名词解释", "名词解析", "专业名词"]),
    ]

    /// The eight budget tables, under the names provinces give them.
    public static let budgetTables: [Item] = [
        Item(name: "部门收支总表", titles: ["收支总表", "收支预算总表", "部门财务收支预算总表"], excluding: ["财政拨款"]),
        Item(name: "部门收入总表", titles: ["收入总表", "收入预算总表", "收入预算表"], excluding: ["财政拨款", "收支", "支出"]),
        Item(name: "部门支出总表", titles: ["支出总表", "支出预算总表", "部门支出预算表"],
             excluding: ["财政拨款", "收支", "收入", "一般公共预算", "政府性基金", "国有资本", "三公"]),
        Item(name: "财政拨款收支总表", titles: ["财政拨款收支…表"]),
        Item(name: "一般公共预算支出表", titles: ["一般公共预算…支出…表", "功能分类…表"],
             excluding: ["基本支出", "三公", "经济分类", "收支"]),
        Item(name: "一般公共预算基本支出表", titles: ["一般公共预算…基本支出…表", "经济分类…表"], excluding: ["三公"]),
        Item(name: "一般公共预算三公经费支出表", titles: ["三公…表"], excluding: ["决算"]),
        Item(name: "政府性基金预算支出表", titles: ["政府性基金…支出…表"]),
    ]

    /// The nine final-accounts tables, under the names provinces give them.
    public static let finalAccountsTables: [Item] = [
        Item(name: "收入支出决算总表", titles: ["收入支出决算总表", "收支决算总表"], excluding: ["财政拨款"]),
        Item(name: "收入决算表", titles: ["收入决算表"], excluding: ["财政拨款", "支出"]),
        Item(name: "支出决算表", titles: ["支出…决算…表"],
             excluding: ["财政拨款", "收入", "收支", "一般公共预算", "政府性基金", "国有资本", "三公", "基本支出", "项目支出"]),
        Item(name: "财政拨款收入支出决算总表", titles: ["财政拨款收入支出决算总表", "财政拨款收支决算总表"]),
        Item(name: "一般公共预算财政拨款支出决算表", titles: ["一般公共预算…支出…决算…表", "功能分类…决算…表"],
             excluding: ["基本支出", "三公", "经济分类", "收入支出"]),
        Item(name: "一般公共预算财政拨款基本支出决算表", titles: ["一般公共预算…基本支出…决算…表", "经济分类…决算…表"],
             excluding: ["三公"]),
        Item(name: "一般公共预算财政拨款三公经费支出决算表", titles: ["三公…决算…表"]),
        Item(name: "政府性基金预算财政拨款收入支出决算表", titles: ["政府性基金…决算…表"]),
        Item(name: "国有资本经营预算财政拨款支出决算表", titles: ["国有资本经营…决算…表"]),
    ]

    /// What a statement of the 三公 expenses alone must contain: the total and its three parts.
    public static let threePublicItems: [Item] = common.filter { item in
        ["“三公”经费总额", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"].contains(item.name)
    }

    /// The items a document of this kind must contain.
    public static func items(for kind: DisclosureKind?) -> [Item] {
        common + (kind == .finalAccounts ? finalAccountsTables : budgetTables)
    }
}
