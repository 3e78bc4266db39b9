/// A mediation document as the committee prints it, composed from what was recorded: the
/// application (调解申请书), the record of an oral application (口头申请笔录) and the agreement
/// (调解协议书). One composition, printed as a DOCX file and as a page.
public struct MediationDocument: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case application
        case oralRecord = "oral-record"
        case agreement

        public var title: String {
            switch self {
            case .application: "劳动争议调解申请书"
            case .oralRecord: "劳动争议调解口头申请笔录"
            case .agreement: "劳动争议调解协议书"
            }
        }
    }

    /// A piece of the document, in reading order.
    public enum Block: Equatable, Sendable {
        /// A centred line under the title (the number).
        case subtitle(String)
        case heading(String)
        /// Body text, indented by two characters.
        case paragraph(String)
        /// Labelled values, two per row: "姓名 | 张三 | 性别 | 男".
        case fields([(label: String, value: String)])
        /// A table with a header row.
        case table(header: [String], rows: [[String]])
        /// Places to sign, one per line, right-aligned.
        case signatures([String])
        /// A small note at the end.
        case note(String)

        public static func == (a: Block, b: Block) -> Bool {
            switch (a, b) {
            case (.subtitle(let x), .subtitle(let y)), (.heading(let x), .heading(let y)), (.paragraph(let x), .paragraph(let y)), (.note(let x), .note(let y)):
                return x == y
            case (.fields(let x), .fields(let y)): return x.map(\.label) == y.map(\.label) && x.map(\.value) == y.map(\.value)
            case (.table(let h1, let r1), .table(let h2, let r2)): return h1 == h2 && r1 == r2
            case (.signatures(let x), .signatures(let y)): return x == y
            default: return false
            }
        }
    }

    public var kind: Kind
    public var title: String
    public var blocks: [Block]

    /// Why the document cannot be printed yet, or nil.
    public static func unavailable(_ kind: Kind, for d: DisputeDossier) -> String? {
        let w = d.dispute.workflow
        switch kind {
        case .application, .oralRecord:
            if w.mediationAppliedOn == nil { return "案件还没有收到调解申请" }
            if kind == .oralRecord && !w.oralApplication { return "调解申请为书面申请，没有口头申请笔录" }
        case .agreement:
            if w.terms.isEmpty || d.agreementNo == nil { return "案件还没有达成调解协议" }
        }
        return nil
    }

    /// The document of `kind` for the case, or nil when it has none yet (`unavailable`).
    public static func compose(_ kind: Kind, _ d: DisputeDossier) -> MediationDocument? {
        guard unavailable(kind, for: d) == nil else { return nil }
        switch kind {
        case .application: return application(d)
        case .oralRecord: return oralRecord(d)
        case .agreement: return agreement(d)
        }
    }

    // MARK: The parties

    static func workerFields(_ p: DocumentParty) -> Block {
        .fields([("姓名", p.name), ("性别", p.sex ?? ""), ("公民身份号码", p.idNumber ?? ""), ("联系电话", p.phone ?? "")])
    }

    static func employerFields(_ d: DisputeDossier) -> Block {
        let e = d.dispute.employer
        return .fields([("单位名称", e.name), ("统一社会信用代码", e.creditCode ?? ""), ("法定代表人", d.particulars.employerRepresentative),
                        ("委托代理人", d.particulars.employerAgent)])
    }

    /// One worker as fields; a group as a table with the representatives marked.
    static func workers(_ d: DisputeDossier) -> [Block] {
        if d.parties.count == 1 { return [workerFields(d.parties[0])] }
        let rows = d.parties.enumerated().map { i, p in [String(i + 1), p.name, p.sex ?? "", p.idNumber ?? "", p.phone ?? "", p.isRepresentative ? "代表" : ""] }
        var out: [Block] = [.table(header: ["序号", "姓名", "性别", "公民身份号码", "联系电话", "备注"], rows: rows)]
        if d.dispute.workersInvolved > d.parties.count {
            out.append(.note("共涉及职工 \(d.dispute.workersInvolved) 人，上表列出 \(d.parties.count) 人。"))
        }
        return out
    }

    static func claims(_ d: DisputeDossier) -> [String] {
        let c = d.dispute
        if c.claims.isEmpty { return c.types.map { "请求解决\($0.title)争议。" } }
        return c.claims.enumerated().map { i, claim in
            let text = claim.description.trimmed.isEmpty ? claim.type.title : "\(claim.type.title)：\(claim.description.trimmed)"
            return "\(i + 1). \(text)" + (claim.amount.fen > 0 ? "，金额 \(claim.amount.yuanString) 元。" : "。")
        }
    }

    // MARK: The documents

    static func application(_ d: DisputeDossier) -> MediationDocument {
        let c = d.dispute
        var blocks: [Block] = [.heading("申请人")]
        blocks += workers(d)
        blocks += [.heading("被申请人"), employerFields(d), .heading("调解请求")]
        blocks += claims(d).map(Block.paragraph)
        blocks += [.heading("事实和理由"), .paragraph(c.facts.trimmed)]
        blocks += [.paragraph("此致"), .paragraph(d.committee),
                   .signatures(["申请人（签名）：＿＿＿＿＿＿", "\(c.workflow.mediationAppliedOn?.chineseDate ?? "")"])]
        return MediationDocument(kind: .application, title: Kind.application.title, blocks: blocks)
    }

    static func oralRecord(_ d: DisputeDossier) -> MediationDocument {
        let c = d.dispute, w = c.workflow
        var blocks: [Block] = [.fields([("申请时间", w.mediationAppliedOn?.chineseDate ?? ""), ("记录地点", d.committee),
                                       ("案件编号", c.caseNo), ("记录人", d.particulars.mediator)]),
                               .heading("申请人")]
        blocks += workers(d)
        blocks += [.heading("被申请人"), employerFields(d), .heading("申请调解的事项")]
        blocks += claims(d).map(Block.paragraph)
        blocks += [.heading("理由"), .paragraph(c.facts.trimmed)]
        if let note = w.note, !note.trimmed.isEmpty { blocks += [.heading("记录"), .paragraph(note.trimmed)] }
        blocks += [.paragraph("以上记录已向申请人宣读（或由申请人阅看），申请人确认无误。"),
                   .signatures(["申请人（签名）：＿＿＿＿＿＿", "记录人（签名）：＿＿＿＿＿＿", w.mediationAppliedOn?.chineseDate ?? ""])]
        return MediationDocument(kind: .oralRecord, title: Kind.oralRecord.title, blocks: blocks)
    }

    static func agreement(_ d: DisputeDossier) -> MediationDocument {
        let c = d.dispute, p = d.particulars
        var blocks: [Block] = [.subtitle(d.agreementNo ?? ""), .heading("甲方（劳动者）")]
        blocks += workers(d)
        if !p.workerAgent.isEmpty { blocks.append(.fields([("委托代理人", p.workerAgent)])) }
        blocks += [.heading("乙方（用人单位）"), employerFields(d), .heading("争议事项")]
        blocks += claims(d).map(Block.paragraph)
        blocks.append(.paragraph("经\(d.committee)主持调解，双方在查明事实、分清是非的基础上，本着平等自愿的原则，达成如下协议："))
        var n = 0
        for t in c.workflow.terms {
            n += 1
            let method = p.paymentMethod.isEmpty ? "" : "，支付方式：\(p.paymentMethod)"
            blocks.append(.paragraph("\(n). 乙方于 \(t.dueOn.chineseDate) 前向甲方\(t.description.trimmed)，金额 \(t.amount.yuanString) 元（大写：\(t.amount.chineseUppercase)）\(method)。"))
        }
        n += 1
        let waived = p.claimsWaived.isEmpty ? "甲方不再就本次争议向乙方提出其他请求" : "甲方放弃\(p.claimsWaived)"
        blocks.append(.paragraph("\(n). 乙方按期履行上述义务后，\(waived)。"))
        blocks.append(.paragraph("\(n + 1). 乙方未按期履行的，甲方可以依法申请劳动争议仲裁；其中涉及劳动报酬、工伤医疗费、经济补偿或者赔偿金的，甲方可以持本协议书依法向人民法院申请支付令（《劳动争议调解仲裁法》第十五条、第十六条）。"))
        blocks.append(.paragraph("本协议书自双方当事人签名或者盖章、经调解员签名并加盖调解委员会印章后生效，对双方当事人具有约束力，当事人应当履行（《劳动争议调解仲裁法》第十四条）。本协议书一式三份，双方当事人各执一份，调解委员会存档一份。"))
        blocks.append(.signatures(["甲方（签名）：＿＿＿＿＿＿", "乙方（盖章）：＿＿＿＿＿＿", "法定代表人或委托代理人（签名）：＿＿＿＿＿＿",
                                   "调解员（签名）：\(p.mediator.isEmpty ? "＿＿＿＿＿＿" : p.mediator + "　＿＿＿＿＿＿")", "\(d.committee)（印章）",
                                   (d.agreementSignedOn ?? c.workflow.mediationAppliedOn)?.chineseDate ?? ""]))
        return MediationDocument(kind: .agreement, title: Kind.agreement.title, blocks: blocks)
    }
}

extension CivilDate {
    /// "2026年3月1日", as documents date themselves.
    public var chineseDate: String { "\(year)年\(month)月\(day)日" }
}
