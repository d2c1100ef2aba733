import Foundation
import YusuanModel
import YusuanRead

/// Figures stated in running text: "2021年支出预算9250.53万元，其中基本支出373.01万元…",
/// changes on the previous year ("较2020年预算增加2298.19万元", "基本支出减少901.2万元", "与上年持平")
/// and stated percentages of change ("增长33.1%").
enum ProseFigures {
    static let increaseVerbs = ["增加了", "增长了", "增加", "增长", "上升", "提高", "上涨", "增幅为", "增幅", "增", "多了", "多"]
    static let decreaseVerbs = ["减少了", "下降了", "减少", "下降", "降低", "缩减", "压减", "减幅为", "减幅", "下滑", "减", "少了", "少"]
    static let flatPhrases = ["持平", "无增减", "没有变化", "无变化", "未发生变化", "保持不变", "没有增减"]
    static let gateWords = WordSet(flatPhrases + Wordings.noneWords + ["辆"])
    /// Every gate word holds one of these characters: text without any of them (most paragraphs without an
    /// amount) is passed over after a memchr-driven search for each, before the word set reads it.
    static let gateCharacters: [[UInt8]] = ["持", "无", "没", "未", "辆"].map { Array($0.utf8) }

    static func mayHoldGateWord(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        gateCharacters.contains { c in c.withUnsafeBufferPointer { TextSearch.find(b, $0) != nil } }
    }

    /// `heading`: the figure the heading above the paragraph names ("一、因公出国（境）费"), for a paragraph whose
    /// first amount names none ("2014年预算安排40万元").
    static func extract(_ p: Paragraph, scope: DocumentScope = DocumentScope(), heading: String? = nil, into c: inout FigureCollector) {
        // Read on the paragraph's own bytes until it is known to hold something: most paragraphs do not, and
        // are passed over without a copy of their bytes.
        let mentions = p.text.withBytes { Numbers.mentions(in: $0) }
        // Without an amount, only a flat change, a stated none or a vehicle count can be read: one pass finds them.
        if mentions.isEmpty && p.text.withBytes({ !mayHoldGateWord($0) || gateWords.present(in: $0).isEmpty }) { return }
        let text = ProseText(p.text)
        let prov = Provenance(line: p.line, page: p.page, text: p.text)

        var paragraphSubject: String?
        var previousSubject: String?      // last labelled amount in the current sentence
        var lastChangeSubject: String?
        var changedInSentence = false
        var sentenceStart = 0
        // "…比上年增加100万元。其中：基本支出增加…" — a sentence that goes on with 其中 keeps the comparison.
        var lastSentenceAnchored = false
        var clauseStart = 0
        // A few keys: a list, without hashing each.
        var clauseSubjects: [String] = []
        var inheritedAnchor = false
        var prevEnd = 0
        var mi = 0
        // "基本支出和项目支出分别为300万元、600万元": labels waiting for the amounts that follow, with the change
        // direction when it is "分别增加/减少".
        var pending: [(keys: [String], sign: Int)] = []
        // Whether the sentence so far compares with an earlier year or with this year's budget, kept up to date
        // as the scan goes on: rebuilding the sentence prefix for every amount would be quadratic.
        var prefix = AnchorScan(scope: scope)
        // "预算为60万元，支出决算为45.5万元": the budget names the subject, the final clause only the measure.
        var budgetSubject: String?
        var sentenceIsBudget = false
        var sentenceIsPrior = false
        // The figure the amount just before was read as (nil when it was none of ours).
        var lastAmountSubject: String?
        // The figures named in this sentence, in order.
        var sentenceSubjects: [String] = []
        // The figures a "分别" list of changes went to, for the percentages that follow it.
        var changedList: [String] = []
        var listPctSign = 0
        // Where the last amount of one source of funds ("一般公共预算财政拨款基本支出700万元") ended: the parts its
        // "其中" lists are that source's too.
        var sourceAmountEnd: Int?

        func closeSentence(upTo end: Int) {
            // The sentence's words and whether it compares with an earlier year are read on the paragraph's bytes;
            // a String of it is made only for the readings below that take one (most sentences need none).
            let words = SentenceWords.set, anchorBits = SentenceWords.anchorBits
            let (present, anchored) = text.bytes.withUnsafeBufferPointer { all in
                let lo = min(max(sentenceStart, 0), all.count)
                let b = UnsafeBufferPointer(rebasing: all[lo..<max(lo, min(end, all.count))])
                let present = words.present(in: b)
                return (present, hasComparisonAnchor(b, namesAnchor: present.intersects(anchorBits)))
            }
            var made: String?
            func sentenceText() -> String {
                if let made { return made }
                let s = text.string(sentenceStart..<end)
                made = s
                return s
            }
            if !changedInSentence, let phrase = SentenceWords.flat.first(where: { present.has($0.index) })?.word {
                let sentence = sentenceText()
                let before = sentence.byteRange(of: phrase).map { String(sentence[..<$0.lowerBound]) } ?? sentence
                let own = FigureLabels.keys(for: labelBeforeComparison(before))
                // "决算数与预算数基本持平" compares with this year's budget, not with last year.
                let againstBudget = scope.kind == .finalAccounts && before.includes("预算")
                if let subject = subjectKey(own) ?? previousSubject ?? paragraphSubject {
                    c.add((againstBudget ? "vs_budget." : "change.") + subject, 0, raw: phrase, step: 0, provenance: prov)
                }
            }
            if scope.kind == .finalAccounts, let subject = previousSubject ?? paragraphSubject, let sign = Wordings.finalAgainstBudget(sentenceText()) {
                c.add("comparison." + subject, Decimal(sign), raw: sentenceText(), step: 0, provenance: prov)
            }
            // Each of these reads nothing from a sentence without its words.
            for (key, phrase) in present.intersects(SentenceWords.noneBits) ? Wordings.statedNone(sentenceText(), fiscalYear: scope.fiscalYear) : [] {
                c.add(key, 0, raw: phrase, step: 0, provenance: prov)
            }
            if present.intersects(SentenceWords.cueBits), let (count, raw) = Wordings.vehicleCount(sentenceText()) {
                c.add("assets.vehicles.count", count, raw: raw, step: 1, provenance: prov)
            }
            lastSentenceAnchored = anchored || (inheritedAnchor && changedInSentence)
            prefix = AnchorScan(start: end, scope: scope)
            budgetSubject = nil
            sentenceIsBudget = false
            sentenceIsPrior = false
            sentenceSubjects = []
            changedList = []
            listPctSign = 0
            sourceAmountEnd = nil
            previousSubject = nil
            lastChangeSubject = nil
            changedInSentence = false
        }

        func startSentence(at i: Int) {
            inheritedAnchor = lastSentenceAnchored && ["其中", "包括", "分别", "具体"].contains(where: { text.has($0, at: i) })
        }


        var i = 0
        while i <= text.count {
            let atEnd = i == text.count
            // The next position to look at: the next mention, clause end or sentence end (nothing happens between).
            defer { i = atEnd ? i + 1 : text.nextMark(after: i, before: mi < mentions.count ? mentions[mi].start : text.count) }
            // Process mentions that start at i.
            while mi < mentions.count, mentions[mi].start == i {
                let m = mentions[mi]
                let raw = text.string(m.start..<m.end)
                prefix.advance(text, to: m.start)
                let context = text.string(max(prevEnd, sentenceStart)..<m.start)
                let segment = lastSegment(context)
                var respectively = false
                // Each word of the two lists below holds 各, 均, 都 or 分别: a segment without them holds none.
                let mayList = m.kind == .amount
                    && (segment.includes("各") || segment.includes("均") || segment.includes("都") || segment.includes("分别"))
                if mayList, pending.isEmpty, let r = ["各是", "各为", "各增加", "各减少", "分别是"].lazy.compactMap({ segment.byteRange(of: $0) }).first {
                    // "收、支总计各是A、B万元": as many amounts as labels, joined by 、: one each, in order.
                    let labels = splitLabels(String(segment[..<r.lowerBound]).replacingAll("收、支", with: "收入、支出"))
                    var count = 1
                    while mi + count < mentions.count, mentions[mi + count].kind == .amount,
                          text.allScalars(mentions[mi + count - 1].end..<mentions[mi + count].start, in: "、和及与 ") { count += 1 }
                    if labels.count >= 2, count == labels.count {
                        let (sign, _) = changeVerb(String(segment[r.lowerBound...]).replacingAll("各", with: "").replacingAll("分别", with: ""))
                        pending = labels.map { (FigureLabels.keys(for: completeLabel($0, labels.last ?? "")), sign) }
                        respectively = true
                    }
                }
                if mayList, !respectively, m.kind == .amount, let r = ["均为", "都为", "各为", "均是", "各增加", "各减少", "均增加", "均减少"].lazy.compactMap({ segment.byteRange(of: $0) }).first {
                    // "收入、支出决算总计均为5,432.10万元": every label in the list gets the amount.
                    let labels = splitLabels(String(segment[..<r.lowerBound]))
                    let (sign, _) = changeVerb(String(segment[r.lowerBound...]).replacingAll("各", with: "").replacingAll("均", with: ""))
                    if labels.count >= 2 {
                        let keys = labels.compactMap { subjectKey(FigureLabels.keys(for: completeLabel($0, labels.last ?? ""))) }
                        for k in keys {
                            if sign != 0 && prefix.comparison {
                                c.add("change." + k, m.value * Decimal(sign), raw: raw, step: m.step, provenance: prov)
                                changedInSentence = true
                                lastChangeSubject = k
                            } else if sign == 0, let own = roleKey(k, segment: segment, scope: scope) {
                                c.add(own, m.value, raw: raw, step: m.step, provenance: prov)
                                previousSubject = k
                                if paragraphSubject == nil { paragraphSubject = k }
                            }
                        }
                        if !keys.isEmpty { prevEnd = m.end; mi += 1; continue }
                    }
                }
                // "分别" opening the segment is stripped as a connector: look at the segment as written too.
                let opensWithRespectively = pending.isEmpty && context.withBytes { b in
                    ProseText.segments(b).last.map { r in
                        let t = UTF8Text.trimmed(b, r.lowerBound, r.upperBound)
                        return ProseText.has("分别", in: b, at: t.lowerBound, before: t.upperBound)
                    } ?? false
                }
                if let r = segment.byteRange(of: "分别") ?? (opensWithRespectively ? segment.startIndex..<segment.startIndex : nil) {
                    // A list of labels, then the amounts in the same order.
                    let labels = splitLabels(String(segment[..<r.lowerBound]))
                    let after = String(segment[r.upperBound...])
                    let (sign, _) = changeVerb(after)
                    if labels.count >= 2 {
                        pending = labels.map { (FigureLabels.keys(for: $0), sign) }
                    } else if sign != 0 {
                        // "包括A 0.14亿元和B 1.27亿元，与2015年相比，分别减少0.18亿元和0.56亿元": the figures just named,
                        // as many as amounts follow joined by 和/、.
                        var count = 1
                        while mi + count < mentions.count, mentions[mi + count].kind == m.kind,
                              text.allScalars(mentions[mi + count - 1].end..<mentions[mi + count].start, in: "和、及与 ") { count += 1 }
                        if count >= 2, sentenceSubjects.count >= count {
                            pending = sentenceSubjects.suffix(count).map { ([$0], sign) }
                        }
                    }
                }
                if !pending.isEmpty {
                    let between = context.filter { !"、，,和及与以及；;：: ".contains($0) }
                    // "…分别增加10万元、减少20万元": a bare verb between amounts changes the direction.
                    let (ownSign, ownLabel) = changeVerb(between)
                    if between.isEmpty || respectively || segment.includes("分别") || opensWithRespectively || (ownSign != 0 && ownLabel.isEmpty) {
                        var next = pending.removeFirst()
                        if ownSign != 0 && ownLabel.isEmpty && !segment.includes("分别") && !respectively && !opensWithRespectively { next.sign = ownSign }
                        if m.kind == .amount, let key = subjectKey(next.keys) {
                            if next.sign != 0 && (prefix.comparison || inheritedAnchor) {
                                c.add("change." + key, m.value * Decimal(next.sign), raw: raw, step: m.step, provenance: prov)
                                changedInSentence = true
                                changedList.append(key)
                            } else if next.sign == 0 {
                                for k in next.keys { if let own = roleKey(k, segment: segment, scope: scope) { c.add(own, m.value, raw: raw, step: m.step, provenance: prov) } }
                                previousSubject = key
                                if paragraphSubject == nil { paragraphSubject = key }
                            }
                        }
                        prevEnd = m.end
                        mi += 1
                        continue
                    }
                    pending = []
                }
                let (verbSign, beforeVerb) = changeVerb(segment)
                let anchored = prefix.comparison || inheritedAnchor
                if m.kind == .percent, ["完成预算", "为预算的", "预算完成率", "完成年初预算", "完成调整预算"].contains(where: { segment.includes($0) }) {
                    // "支出决算1,238.77万元，完成预算的96.8%": execution of the figure just named.
                    if let subject = previousSubject ?? paragraphSubject {
                        c.add("completion_pct." + subject, m.value, raw: raw, step: m.step, provenance: prov)
                    }
                } else if m.kind == .percent, segment.startsWithBytes("占"), verbSign == 0 {
                    // "公务接待费5.21万元，占67.75%": the share of the figure just named in its total.
                    if let subject = lastAmountSubject { c.add("share_pct." + subject, m.value, raw: raw, step: m.step, provenance: prov) }
                } else if m.kind == .percent, verbSign == 0, listPctSign != 0, !changedList.isEmpty,
                          context.allSatisfy({ "和、及与 ".contains($0) }) {
                    // "下降56.25%和30.6%": the next percentage of the list, with the same verb.
                    c.add("change_pct." + changedList.removeFirst(), m.value * Decimal(listPctSign), raw: raw, step: m.step, provenance: prov)
                } else if m.kind == .percent {
                    if verbSign != 0, anchored || lastChangeSubject != nil {
                        // "分别减少A和B，下降x%和y%": the percentages follow the list of changes, in order.
                        let listed: String? = changeOwnKeys(beforeVerb, after: previousSubject ?? paragraphSubject) == [] && !changedList.isEmpty ? changedList.removeFirst() : nil
                        listPctSign = listed == nil ? 0 : verbSign
                        if let own = changeOwnKeys(beforeVerb, after: previousSubject ?? paragraphSubject), let subject = listed ?? subjectKey(own) ?? lastChangeSubject ?? previousSubject {
                            c.add("change_pct." + subject, m.value * Decimal(verbSign), raw: raw, step: m.step, provenance: prov)
                        }
                    }
                } else if verbSign != 0, prefix.budgetComparison {
                    // "比年初预算减少3.21万元": final accounts against this year's budget.
                    if let own = changeOwnKeys(beforeVerb, after: previousSubject ?? paragraphSubject), let subject = subjectKey(own) ?? previousSubject ?? paragraphSubject {
                        c.add("vs_budget." + subject, m.value * Decimal(verbSign), raw: raw, step: m.step, provenance: prov)
                    }
                } else if verbSign != 0 && anchored {
                    var own = changeOwnKeys(beforeVerb, after: previousSubject ?? paragraphSubject)
                    if scope.kind == .finalAccounts, own == ["revenue.total", "expenditure.total"] {
                        // "收支较上年增加…" in final accounts: the 总计 pair, which includes the carry-over.
                        own = ["expenditure.grand_total"]
                    }
                    if let own, let subject = subjectKey(own) ?? previousSubject ?? paragraphSubject {
                        c.add("change." + subject, m.value * Decimal(verbSign), raw: raw, step: m.step, provenance: prov)
                        lastChangeSubject = subject
                        changedInSentence = true
                    }
                } else if hasComparisonAnchor(segment) {
                    // "较上年845.61万元减少…": last year's amount, kept as such for the checks.
                    if m.kind == .amount, endsWithPriorYear(segment, scope: scope),
                       let subject = changeOwnKeys(String(segment), after: previousSubject ?? paragraphSubject).flatMap(subjectKey) ?? previousSubject {
                        c.add("prior." + subject, m.value, raw: raw, step: m.step, provenance: prov)
                    }
                    // A sentence whose subject is last year ("上年度…") speaks of last year throughout.
                    if ["上年", "去年", "上一年"].contains(where: { segment.startsWithBytes($0) }) { sentenceIsPrior = true }
                } else if verbSign != 0 {
                    // "支出减少3.3亿元" with nothing to compare with: a change, never a level.
                } else {
                    var keys = FigureLabels.keys(for: segment)
                    if keys.isEmpty, prevEnd <= max(sentenceStart, clauseStart), FigureLabels.removingNeutral(segment).isEmpty {
                        // "（二）支出预算，2018年年初预算数120.71万元": the subject heads the sentence, the amount's own
                        // segment holds only neutral words.
                        keys = FigureLabels.keys(for: previousSegment(context))
                        if keys.isEmpty, paragraphSubject == nil, let heading { keys = [heading] }
                    }
                    if keys == ["revenue.general_public_budget"], !segment.includes("收入"),
                       let named = FigureLabels.keys(for: previousSegment(context)).first, !named.hasPrefix("revenue.") {
                        // "机关运行经费，当年一般公共预算拨款6.83万元": the source of funds qualifies the figure named before.
                        keys = [named]
                    }
                    if keys.isEmpty, let subject = previousSubject, FigureLabels.removingNeutral(segment).isEmpty,
                       roleKey(subject, segment: segment, scope: scope).map({ $0.hasPrefix("prior.") || $0.hasPrefix("budget.") }) == true {
                        // "2023年预算20万元，2022年预算26.5万元": last year's (or, in final accounts, the budget's) amount of
                        // the figure just named.
                        keys = [subject]
                    }
                    if keys.isEmpty || segment.startsWithBytes("其他"), (previousSubject ?? paragraphSubject)?.hasPrefix("three_public.vehicles") == true {
                        // "公务用车购置及运行费12万元，其中：购置费0万元、运行费12万元": the parts drop the 车; "其他交通工具购置"
                        // is an item beside them, which the vehicles identity then does not cover.
                        keys = segment.startsWithBytes("其他") ? ["three_public.vehicles.other"]
                            : FigureLabels.keys(for: "公务用车" + segment).filter { $0.hasPrefix("three_public.vehicles.") }
                    }
                    if let subject = budgetSubject, segment.includes("决算") || segment.includes("实际"),
                       keys.isEmpty || keys == ["expenditure.total"] || keys == ["revenue.total"] {
                        keys = [subject]
                    }
                    let namesSource = keys.contains { $0.hasPrefix("gpb.") }
                    if let from = sourceAmountEnd, from <= m.start, text.string(from..<m.start).includes("其中") {
                        keys = keys.map { $0.hasPrefix("expenditure.") ? "gpb." + $0 : $0 }
                    }
                    var renamed: String?
                    for k in keys {
                        guard let own = roleKey(k, segment: segment, scope: scope, sentenceIsBudget: sentenceIsBudget,
                                                budgetSubject: budgetSubject, sentenceIsPrior: sentenceIsPrior) else { continue }
                        c.add(own, m.value, raw: raw, step: m.step, provenance: prov)
                        if own.hasPrefix("budget.") { budgetSubject = k; sentenceIsBudget = true }
                        else if !own.hasPrefix("prior.") { sentenceIsBudget = false }
                        if namesSource { sourceAmountEnd = m.end }
                        if own != k, !own.hasPrefix("budget."), !own.hasPrefix("prior.") { renamed = own }
                    }
                    lastAmountSubject = renamed ?? subjectKey(keys)
                    if let s = lastAmountSubject, !sentenceSubjects.contains(s) { sentenceSubjects.append(s) }
                    if let s = renamed ?? subjectKey(keys) {
                        previousSubject = s
                        if !clauseSubjects.contains(s) { clauseSubjects.append(s) }
                        if paragraphSubject == nil { paragraphSubject = s }
                    }
                }
                prevEnd = m.end
                mi += 1
            }
            // "因公出国（境）费0万元，与上年持平；…": 持平 inside a clause is about the clause's own figure.
            let clauseEnd = atEnd ? 0 : text.clauseEndLength(at: i)
            if clauseEnd > 0 {
                let clause = text.string(clauseStart..<i)
                if let subject = previousSubject, clauseStart > sentenceStart || (mi > 0 && mentions[mi - 1].start >= clauseStart),
                   flatPhrases.contains(where: { clause.includes($0) }), hasComparisonAnchor(clause) || clause.includes("持平"),
                   c.figures["change." + subject] == nil, clauseSubjects.contains(subject) {
                    c.add("change." + subject, 0, raw: flatPhrases.first { clause.includes($0) } ?? "持平", step: 0, provenance: prov)
                }
                clauseStart = i + clauseEnd
                clauseSubjects = []
            }
            let sentenceEnd = atEnd ? 0 : text.sentenceEndLength(at: i)
            if atEnd || sentenceEnd > 0 {
                clauseStart = i + sentenceEnd
                clauseSubjects = []
                closeSentence(upTo: i + sentenceEnd)
                sentenceStart = i + sentenceEnd
                if !atEnd { startSentence(at: sentenceStart) }
            }
        }
    }

    /// In "收入、支出决算总计" the first label shares the last one's ending: "收入" → "收入决算总计".
    static func completeLabel(_ label: String, _ last: String) -> String {
        guard label != last, FigureLabels.keys(for: label).isEmpty || label.count <= 2 else { return label }
        for suffix in ["决算总计", "预算总计", "总计", "合计", "决算", "预算"] where last.hasSuffix(suffix) && !label.hasSuffix(suffix) {
            return label + suffix
        }
        return label
    }

    /// "基本支出和项目支出" → ["基本支出", "项目支出"]; "人员经费、公用经费及项目支出" → three labels.
    /// A word joins two labels only where the label before it is whole: "公用经费及项目支出" is two, but
    /// "公务用车购置及运行维护费" is one (购置 is no label of its own).
    static func splitLabels(_ s: String) -> [String] {
        var parts = [FigureLabels.strip(s)]
        for sep in ["、", "以及", "和", "及", "与"] {
            parts = parts.flatMap { part -> [String] in
                let pieces = part.components(separatedBy: sep)
                guard sep != "、", pieces.count > 1 else { return pieces }
                var out: [String] = [pieces[0]]
                for piece in pieces.dropFirst() {
                    if let last = out.last, labelEndings.contains(where: { last.hasSuffix($0) }) { out.append(piece) }
                    else { out[out.count - 1] += sep + piece }
                }
                return out
            }
        }
        return parts.map { FigureLabels.strip($0) }.filter { !$0.isEmpty }
    }

    static let labelEndings = ["费", "支出", "经费", "收入", "合计", "总计", "资金", "拨款", "结余", "结转", "资产", "预算"]

    /// For a change, the figure that changed: expenditure when a label names both totals ("收支").
    static func subjectKey(_ keys: [String]) -> String? {
        keys.contains("expenditure.total") ? "expenditure.total" : keys.first
    }

    /// The words right in front of a number: the last comma/colon-separated piece that still has text.
    static func lastSegment(_ context: String) -> String {
        context.withBytes { b in
            for r in ProseText.segments(b).reversed() {
                let s = FigureLabels.strip(bytes: UnsafeBufferPointer(rebasing: b[r]))
                if !s.isEmpty { return s }
            }
            return ""
        }
    }

    /// "较上年845.61万元", "比2021年预算数26万元": the amount right after names last year's.
    static func endsWithPriorYear(_ segment: String, scope: DocumentScope) -> Bool {
        var s = Substring(segment)
        for tail in ["预算数", "决算数", "预算", "决算", "同期", "的", "度"] where s.endsWithBytes(tail) { s = Substring(s.utf8.dropLast(tail.utf8.count)) }
        if s.endsWithBytes("上年") || s.endsWithBytes("去年") || s.endsWithBytes("上一年") { return true }
        guard let fy = scope.fiscalYear, s.endsWithBytes("年") else { return false }
        return FigureLabels.years(in: String(s)).last == fy - 1
    }

    /// The keys a change's own words name; [] when it names nothing (it goes with the figure just named),
    /// nil when it names something without a key of ours ("资本性支出增加2万元"): then it is no one's change.
    static func changeOwnKeys(_ beforeVerb: String, after subject: String? = nil) -> [String]? {
        let label = labelBeforeComparison(beforeVerb)
        let keys = FigureLabels.keys(for: label)
        if keys.isEmpty, !FigureLabels.removingNeutral(label).isEmpty { return nil }
        // "一般公共预算财政拨款减少…" names a source of funds, not whether revenue or spending changed — unless
        // that source's spending was just named ("一般公共预算财政拨款支出X万元。与上年相比，一般公共预算财政拨款减少…").
        if keys == ["revenue.general_public_budget"], !label.includes("收入") { return subject?.hasPrefix("gpb.") == true ? [] : nil }
        return keys
    }

    /// The piece before the last one that has text: "（二）支出预算，2018年年初预算数" → "（二）支出预算".
    static func previousSegment(_ context: String) -> String {
        let parts = context.withBytes { b in
            ProseText.segments(b).map { FigureLabels.strip(bytes: UnsafeBufferPointer(rebasing: b[$0])) }.filter { !$0.isEmpty }
        }
        return parts.count >= 2 ? parts[parts.count - 2] : ""
    }

    /// (+1, label) for "基本支出增加", (−1, label) for "…减少", (0, segment) when no change verb ends it.
    static func changeVerb(_ segment: String) -> (Int, String) {
        let trailers = changeVerbTrailers, decrease = decreaseVerbBytes, increase = increaseVerbBytes, add = addBytes, new = newBytes
        return segment.withBytes { b in
            func ends(_ end: Int, _ w: [UInt8]) -> Bool { end >= w.count && w.withUnsafeBufferPointer { TextSearch.equal(b, end - w.count, $0) } }
            var end = b.count
            while end > 0 {
                let start = UTF8Text.scalarStart(b, before: end)
                guard trailers.contains(UTF8Text.scalar(b, at: start)) else { break }
                end = start
            }
            for v in decrease where ends(end, v) { return (-1, UTF8Text.string(b, 0, end - v.count)) }
            for v in increase where ends(end, v) {
                // "新增" is an amount, not a change.
                if v == add, ends(end - v.count, new) { continue }
                return (1, UTF8Text.string(b, 0, end - v.count))
            }
            return (0, segment)
        }
    }

    /// The verbs as bytes, compared in place at the end of a segment.
    static let decreaseVerbBytes = decreaseVerbs.map { Array($0.utf8) }
    static let increaseVerbBytes = increaseVerbs.map { Array($0.utf8) }
    static let addBytes = Array("增".utf8), newBytes = Array("新".utf8)

    /// Words after a change verb that say nothing: "增加了", "减少为", "约", "达", "共计".
    static let changeVerbTrailers = ScalarSet("了为约达共计")

    static let anchors = ["比上年", "较上年", "比去年", "较去年", "同比", "与上年", "比上一年", "较上一年", "上年度", "相比", "相较", "比上期"]
    /// Comparisons with this year's own budget (final accounts): not a change on the previous year.
    static let budgetAnchors = ["比年初预算", "较年初预算", "比预算", "较预算", "比调整预算", "较调整预算", "与年初预算相比", "与预算相比"]

    /// "比上年", "较2020年", "与2020年相比" …: the sentence compares with an earlier year.
    static func hasComparisonAnchor(_ s: String) -> Bool { s.withBytes { hasComparisonAnchor($0) } }

    /// `hasComparisonAnchor` on UTF-8 bytes. `namesAnchor`: whether one of `anchors` is in them, when a pass over
    /// a word set holding them has already told (`closeSentence`); else they are looked for here.
    static func hasComparisonAnchor(_ b: UnsafeBufferPointer<UInt8>, namesAnchor: Bool? = nil) -> Bool {
        (namesAnchor ?? !anchorWords.present(in: b).isEmpty) || comparisonYearOffset(b) != nil
    }

    /// `anchors` and `budgetAnchors`, each looked for in one pass rather than one search a word.
    static let anchorWords = WordSet(anchors)
    static let budgetAnchorWords = WordSet(budgetAnchors)

    /// The words a sentence is looked at for when it closes, found in one pass over it rather than one search
    /// each: the flat phrases (in their order), the words stating none, the vehicle cues and the anchors.
    enum SentenceWords {
        static let set = WordSet(flatPhrases + Wordings.noneWords + Wordings.vehicleCues + ProseFigures.anchors)
        static let flat: [(word: String, index: Int)] = flatPhrases.compactMap { w in set.index(of: w).map { (w, $0) } }
        static let noneBits = set.bits(Wordings.noneWords)
        static let cueBits = set.bits(Wordings.vehicleCues)
        static let anchorBits = set.bits(ProseFigures.anchors)
    }

    /// The year of the first "比/较/与 + year" comparison in `s`.
    static func comparisonYear(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let i = comparisonYearOffset(b) else { return nil }
        return (3..<7).reduce(0) { $0 * 10 + Int(b[i + $1]) - 48 }
    }

    /// The byte offset of the first 比/较/与 (E6 AF 94, E8 BE 83, E4 B8 8E) followed by four ASCII digits and 年.
    static func comparisonYearOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        // Text without a "1" or a "2" has never counted as naming a year compared with.
        guard let base = b.baseAddress, memchr(base, 0x31, b.count) != nil || memchr(base, 0x32, b.count) != nil else { return nil }
        // Each 年 (found through memchr, in order) is looked at with the seven bytes before it: the first that
        // completes the pattern is the first comparison, as a scan of every byte finds it.
        let nian = yearCharacter
        var from = 7
        while from < b.count {
            guard let k = nian.withUnsafeBufferPointer({ TextSearch.find(UnsafeBufferPointer(start: base + from, count: b.count - from), $0) })
            else { return nil }
            let i = from + k - 7
            let c = b[i]
            let isWord = (c == 0xE6 && b[i + 1] == 0xAF && b[i + 2] == 0x94) || (c == 0xE8 && b[i + 1] == 0xBE && b[i + 2] == 0x83)
                || (c == 0xE4 && b[i + 1] == 0xB8 && b[i + 2] == 0x8E)
            if isWord, UTF8Text.isDigit(b[i + 3]), UTF8Text.isDigit(b[i + 4]), UTF8Text.isDigit(b[i + 5]), UTF8Text.isDigit(b[i + 6]) {
                return i
            }
            from += k + 3
        }
        return nil
    }

    /// 年, E5 B9 B4.
    static let yearCharacter = Array("年".utf8)

    static let labelCuts = anchors + budgetAnchors + ["上年", "去年", "上一年", "同期", "年初预算"]

    /// "基本支出比上年" → "基本支出"; "较2020年预算" → "".
    static func labelBeforeComparison(_ s: String) -> String {
        s.withBytes { b in
            var cut = b.count
            // The label ends where the comparison starts; a leading "与" may already be stripped ("上年相比").
            for a in labelCuts {
                if let k = a.withBytes({ TextSearch.find(b, $0) }) { cut = min(cut, k) }
            }
            if let i = comparisonYearOffset(b) { cut = min(cut, i) }
            return FigureLabels.strip(cut == b.count ? s : UTF8Text.string(b, 0, cut))
        }
    }

    /// The key a level is recorded under, from the words in front of it, or nil when it is not this
    /// document's figure: another year's ("2015年预算12.5万元"), an average ("车均运行维护费"), the share
    /// reserved for small firms. In final accounts a budget amount ("年初预算为X万元") keeps a key of its own.
    static func roleKey(_ key: String, segment: String, scope: DocumentScope, sentenceIsBudget: Bool = false,
                        budgetSubject: String? = nil, sentenceIsPrior: Bool = false) -> String? {
        let notALevel = Wordings.notALevelWords
        if !segment.withBytes({ notALevel.present(in: $0) }).isEmpty { return nil }
        if let fy = scope.fiscalYear, let other = FigureLabels.years(in: segment).first(where: { $0 != fy }) {
            // "2022年预算26.5万元" in 2023's document: last year's, under a key of its own; other years are dropped.
            let onlyPrior = FigureLabels.years(in: segment).allSatisfy { $0 == fy - 1 }
            return other == fy - 1 && onlyPrior && !key.hasPrefix("prior.") ? "prior." + key : nil
        }
        let s = Wordings.withoutBudgetScopes(segment)
        let namesBudget = s.includes("预算") && !s.includes("决算")
        // "…“三公”经费预算11324.44万元，其中：因公出国（境）费9605.80万元": parts without a measure of their own
        // are of the sentence's measure.
        let inherits = sentenceIsBudget && key != budgetSubject && !["预算", "决算", "实际", "执行"].contains(where: { s.includes($0) })
        // "上年度“三公”经费支出24.67万元，其中公务接待费9.18万元": the parts are last year's too.
        if sentenceIsPrior, !s.includes("本年"), FigureLabels.years(in: segment).isEmpty { return key.hasPrefix("prior.") ? key : "prior." + key }
        switch scope.kind {
        case .finalAccounts? where namesBudget || inherits:
            return key.hasPrefix("budget.") ? key : "budget." + key
        case .finalAccounts? where key == "revenue.total" && s.includes("合计") && !s.includes("总计"):
            // In final accounts 收入合计 is this year's revenue; 收入总计 adds last year's carry-over.
            return "revenue.current_year"
        case .budget? where s.includes("决算"):
            return nil  // a budget quoting a final-accounts amount quotes an earlier year
        default:
            return key
        }
    }

    /// Scans a sentence for comparison anchors as amounts are reached, each character once. Anchors are
    /// short, so the window reaches back a few characters to catch one cut by the previous amount.
    struct AnchorScan {
        var start = 0
        var scanned = 0
        var comparison = false
        var budgetComparison = false
        var scope = DocumentScope()

        init(start: Int = 0, scope: DocumentScope = DocumentScope()) { self.start = start; self.scanned = start; self.scope = scope }

        mutating func advance(_ text: ProseText, to end: Int) {
            guard end > scanned, !(comparison && budgetComparison) else { return }
            let from = text.back(from: scanned, scalars: 8, floor: start)
            let scope = scope, budgetWords = ProseFigures.budgetAnchorWords
            // The window is read on the paragraph's bytes, without a String of its own.
            let (comparison, budgetComparison) = text.bytes.withUnsafeBufferPointer { all -> (Bool, Bool) in
                let lo = min(max(from, 0), all.count)
                let window = UnsafeBufferPointer(rebasing: all[lo..<max(lo, min(end, all.count))])
                // "与2021年度预算相比" in 2021's final accounts compares with this year's budget, not with last year.
                let sameYear = scope.kind == .finalAccounts && scope.fiscalYear != nil && ProseFigures.comparisonYear(window) == scope.fiscalYear
                return (self.comparison || !sameYear && ProseFigures.hasComparisonAnchor(window),
                        self.budgetComparison || sameYear || !budgetWords.present(in: window).isEmpty)
            }
            self.comparison = comparison
            self.budgetComparison = budgetComparison
            scanned = end
        }
    }
}

/// Words that decide what an amount is, as data.
enum Wordings {
    /// "决算数小于预算数" → −1, "大于" → +1, "等于/持平" → 0; nil when the sentence does not say, or says both
    /// ("大小于", template residue).
    static func finalAgainstBudget(_ sentence: String) -> Int? {
        guard sentence.includes("决算"), sentence.includes("预算") else { return nil }
        let less = ["小于", "低于", "少于"].contains(where: { sentence.includes("决算数" + $0) || sentence.includes("决算" + $0) })
        let more = ["大于", "高于", "多于", "超过"].contains(where: { sentence.includes("决算数" + $0) || sentence.includes("决算" + $0) })
        let equal = ["决算数等于预算数", "决算数与预算数相等", "决算与预算相等"].contains(where: { sentence.includes($0) })
        if sentence.includes("大小于") || [less, more, equal].filter({ $0 }).count != 1 { return nil }
        return less ? -1 : (more ? 1 : 0)
    }

    /// "公务用车保有量为34辆", "共有车辆5辆": the number of vehicles the unit holds, with the words stating it.
    static func vehicleCount(_ sentence: String) -> (Decimal, String)? {
        sentence.withBytes { b -> (Decimal, String)? in
            for cue in vehicleCues {
                guard let k = cue.withBytes({ TextSearch.find(b, $0) }) else { continue }
                // Up to three characters between the cue and the number, none of them a digit or a stop.
                var i = k + cue.utf8.count
                var gap = 0
                while i < b.count, !UTF8Text.isDigit(b[i]), gap < 3, !countStops.contains(UTF8Text.scalar(b, at: i)) {
                    i += UTF8Text.scalarLength(lead: b[i])
                    gap += 1
                }
                let first = i
                while i < b.count, UTF8Text.isDigit(b[i]), i - first < 5 { i += 1 }
                guard i > first, i < b.count else { continue }
                let unit = UTF8Text.scalar(b, at: i)
                // 辆 U+8F86, 台 U+53F0.
                guard unit == 0x8F86 || unit == 0x53F0 else { continue }
                let digits = UTF8Text.string(b, first, i)
                guard let n = Decimal(string: digits) else { continue }
                return (n, cue + digits + UTF8Text.string(b, i, i + UTF8Text.scalarLength(lead: b[i])))
            }
            return nil
        }
    }

    static let vehicleCues = ["保有量", "共有车辆", "实有车辆", "现有车辆", "车辆共有", "车辆总数"]

    static let countStops = Set("，,。；;".unicodeScalars.map(\.value))

    /// What ends a clause for `statedNone`: "，,；;。：:".
    static let clauseStops = Set("，,；;。：:".unicodeScalars.map(\.value))

    static let noneWords = ["未安排", "没有安排", "无", "未发生", "未列支", "没有发生"]

    /// "未安排因公出国（境）经费", "无公务接待费支出": a 三公 part stated as none, in a clause without a number
    /// or another year. Each comes back with the words that state it.
    static func statedNone(_ sentence: String, fiscalYear: Int?) -> [(String, String)] {
        guard noneWords.contains(where: { sentence.includes($0) }) else { return [] }
        var out: [(String, String)] = []
        let clauses = sentence.withBytes { b in
            ProseText.pieces(b, at: clauseStops).map { UTF8Text.string(b, $0.lowerBound, $0.upperBound) }
        }
        for clause in clauses {
            let hasDigit = clause.utf8.contains(where: UTF8Text.isDigit)
            guard !hasDigit || FigureLabels.years(in: clause).allSatisfy({ $0 == fiscalYear }),
                  let none = noneWords.first(where: { clause.includes($0) }),
                  let r = clause.byteRange(of: none) else { continue }
            let after = String(clause[r.upperBound...])
            // The part must follow the word closely: "无预算安排支出…《…公务接待标准…》" names a regulation.
            guard after.characterCount <= 14, !clause.includes("《"), !clause.includes("》"),
                  ["费", "经费", "支出", "预算"].contains(where: { after.includes($0) }),
                  let key = FigureLabels.keys(for: after).first, key.hasPrefix("three_public."), key != "three_public.total",
                  !out.contains(where: { $0.0 == key }) else { continue }
            // Only when the clause has no number of its own once the years are gone.
            if hasDigit && FigureLabels.years(in: clause).isEmpty { continue }
            out.append((key, clause))
        }
        return out
    }

    /// In front of an amount, these make it something other than the unit's figure.
    static let notALevel = ["人均", "车均", "平均", "户均", "生均", "次均", "单车", "每人", "每辆", "每车", "中小企业", "预留"]
    /// `notALevel`, looked for in one pass.
    static let notALevelWords = WordSet(notALevel)
    /// "预算" inside these names a scope or a system, not a budget amount.
    static let budgetNotMeasure = ["一般公共预算", "预算单位", "部门预算", "预算管理", "预算绩效", "预算内", "预算公开", "预决算"]
    static let budgetNotMeasureWords = WordSet(budgetNotMeasure)

    /// `segment` with each of `budgetNotMeasure` removed in turn, as `replacingAll` removes it. Only the words
    /// the text still holds are removed; it is looked at again after each removal, which may join a new one.
    static func withoutBudgetScopes(_ segment: String) -> String {
        let words = budgetNotMeasureWords
        var s = segment
        var present = s.withBytes { words.present(in: $0) }
        for (i, w) in budgetNotMeasure.enumerated() where present.has(i) {
            s = s.replacingAll(w, with: "")
            present = s.withBytes { words.present(in: $0) }
        }
        return s
    }
}
