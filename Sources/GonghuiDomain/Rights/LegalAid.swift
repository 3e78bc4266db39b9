import Foundation

/// What legal aid (工会法律援助) pays a lawyer for.
public enum LegalAidMatter: String, CaseIterable, Codable, Sendable {
    /// 仲裁代理
    case arbitration
    /// 诉讼代理
    case litigation
    /// 法律意见书
    case opinion
    /// 代写法律文书
    case drafting

    public var title: String {
        switch self {
        case .arbitration: "劳动仲裁代理"
        case .litigation: "诉讼代理"
        case .opinion: "出具法律意见书"
        case .drafting: "代写法律文书"
        }
    }

    /// The policy key that says whether the province's legal aid covers it (1) or not (0).
    public var coverageKey: String { "legal_aid.covers_\(rawValue)" }
}

/// Where an application is: applied, then approved or refused; an approved one is assigned a
/// lawyer and concluded with its outcome.
public enum LegalAidState: String, CaseIterable, Codable, Sendable {
    case applied, approved, refused, assigned, concluded

    public var title: String {
        switch self {
        case .applied: "待审查"
        case .approved: "已批准，待指派"
        case .refused: "不予援助"
        case .assigned: "已指派律师"
        case .concluded: "已结案"
        }
    }

    public var isOpen: Bool { [.applied, .approved, .assigned].contains(self) }
}

/// How the matter ended for the worker.
public enum LegalAidOutcome: String, CaseIterable, Codable, Sendable {
    case won, partlyWon = "partly_won", lost, settled, withdrawn

    public var title: String {
        switch self {
        case .won: "胜诉（仲裁请求全部支持）"
        case .partlyWon: "部分支持"
        case .lost: "败诉（请求未获支持）"
        case .settled: "调解或和解结案"
        case .withdrawn: "撤诉（撤回申请）"
        }
    }
}

/// The province's rules for legal aid, as policy numbers with their sources: whether the
/// applicant must be a member in good standing, and which matters are covered.
public enum LegalAidPolicy {
    public static let requireMember = "legal_aid.require_member"

    public static let defaults = PolicyBook([
        rule(requireMember, 1, "中华全国总工会《工会法律援助办法》：工会法律援助的对象为合法权益受到侵害的职工（会员）；本平台默认须为在会会员，本省可放宽"),
    ] + LegalAidMatter.allCases.map { m in
        rule(m.coverageKey, 1, "中华全国总工会《工会法律援助办法》：援助形式包括代写法律文书、代理劳动争议仲裁和诉讼等；本平台默认全部纳入，本省可调整")
    })

    public static func title(_ key: String) -> String {
        if key == requireMember { return "须为在会会员（1 是，0 否）" }
        if let m = LegalAidMatter.allCases.first(where: { $0.coverageKey == key }) { return "援助范围：\(m.title)（1 是，0 否）" }
        return key
    }

    private static func rule(_ key: String, _ value: Int, _ source: String) -> PolicyRule {
        PolicyRule(key: key, value: value, effectiveFrom: CivilDate(year: 2026, month: 1, day: 1)!, source: source)
    }
}

/// What the rules say of an application: each rule checked with its result and its source, the
/// priorities that apply, and whether it is eligible. The decision shows it as it was.
public struct LegalAidAssessment: Sendable, Equatable, Codable {
    public struct Check: Sendable, Equatable, Codable {
        public var rule: String
        public var passed: Bool
        public var detail: String
        public var source: String
        public init(rule: String, passed: Bool, detail: String, source: String) {
            self.rule = rule; self.passed = passed; self.detail = detail; self.source = source
        }
    }

    public var checks: [Check]
    /// 优先援助: a filed hardship archive, a collective case, a work injury, wage arrears.
    public var priorities: [String]

    public var eligible: Bool { checks.allSatisfy(\.passed) }
    /// The first rule that refused it, or nil when it is eligible.
    public var decidingRule: Check? { checks.first { !$0.passed } }

    public init(checks: [Check], priorities: [String]) { self.checks = checks; self.priorities = priorities }

    /// The facts the rules read, gathered by the store.
    public struct Facts: Sendable, Equatable {
        public var memberInGoodStanding: Bool
        public var isMember: Bool
        public var filedHardshipArchive: Bool
        public var collectiveCase: Bool
        public var workInjury: Bool
        public var wageArrears: Bool
        public init(memberInGoodStanding: Bool, isMember: Bool, filedHardshipArchive: Bool, collectiveCase: Bool, workInjury: Bool, wageArrears: Bool) {
            self.memberInGoodStanding = memberInGoodStanding; self.isMember = isMember; self.filedHardshipArchive = filedHardshipArchive
            self.collectiveCase = collectiveCase; self.workInjury = workInjury; self.wageArrears = wageArrears
        }
    }

    /// The rules in force on `day` applied to the facts of an application for `matter`.
    public static func assess(_ facts: Facts, matter: LegalAidMatter, on day: CivilDate, policy: PolicyBook) -> LegalAidAssessment {
        var checks: [Check] = []
        let member = policy.rule(LegalAidPolicy.requireMember, on: day)
        if (member?.value ?? 1) != 0 {
            checks.append(Check(rule: "须为在会会员", passed: facts.memberInGoodStanding,
                                detail: facts.memberInGoodStanding ? "申请人为在会会员" : facts.isMember ? "申请人会籍不在会（保留会籍、退会或已故）" : "申请人不是本系统登记的会员",
                                source: member?.source ?? ""))
        }
        let covered = policy.rule(matter.coverageKey, on: day)
        checks.append(Check(rule: "援助范围", passed: (covered?.value ?? 1) != 0,
                            detail: (covered?.value ?? 1) != 0 ? "\(matter.title)属于援助范围" : "本省法律援助不含\(matter.title)",
                            source: covered?.source ?? ""))
        var priorities: [String] = []
        if facts.filedHardshipArchive { priorities.append("在档困难职工") }
        if facts.collectiveCase { priorities.append("集体劳动争议") }
        if facts.workInjury { priorities.append("工伤") }
        if facts.wageArrears { priorities.append("欠薪") }
        return LegalAidAssessment(checks: checks, priorities: priorities)
    }
}

/// An application for legal aid as it is recorded (the applicant's identifiers sealed in the
/// store, shown masked).
public struct LegalAidDraft: Sendable, Equatable {
    public var name: String
    public var idNumber: IDNumber
    public var phone: PhoneNumber?
    public var matter: LegalAidMatter
    public var request: String
    /// The case it belongs to, if any.
    public var caseID: Int64?
    /// The union that handles it (the officer's own when nil).
    public var orgCode: String?
    public var appliedOn: CivilDate

    public init(name: String, idNumber: IDNumber, phone: PhoneNumber?, matter: LegalAidMatter, request: String, caseID: Int64?, orgCode: String?, appliedOn: CivilDate) {
        self.name = name; self.idNumber = idNumber; self.phone = phone; self.matter = matter; self.request = request
        self.caseID = caseID; self.orgCode = orgCode; self.appliedOn = appliedOn
    }

    public func problems(today: CivilDate) -> [FieldProblem] {
        var out: [FieldProblem] = []
        let n = name.trimmingCharacters(in: .whitespaces)
        if n.isEmpty || n.count > 50 { out.append(FieldProblem(field: "name", value: n, reason: "请填写申请人姓名（最多 50 字）")) }
        let r = request.trimmingCharacters(in: .whitespacesAndNewlines)
        if r.isEmpty || r.count > 2000 { out.append(FieldProblem(field: "request", value: "", reason: "请写明申请援助的事项和理由（最多 2000 字）")) }
        if appliedOn > today { out.append(FieldProblem(field: "applied_on", value: appliedOn.iso, reason: "申请日期不能晚于今天")) }
        return out
    }
}

/// A lawyer on a union's legal-aid roster (法律援助律师名册).
public struct LegalAidLawyer: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var orgID: Int64
    public var orgCode: String
    public var name: String
    public var firm: String
    public var licenceNo: String
    public var phoneMasked: String?
    public var specialties: String
    public var active: Bool

    public init(id: Int64, orgID: Int64, orgCode: String, name: String, firm: String, licenceNo: String, phoneMasked: String?, specialties: String, active: Bool) {
        self.id = id; self.orgID = orgID; self.orgCode = orgCode; self.name = name; self.firm = firm; self.licenceNo = licenceNo
        self.phoneMasked = phoneMasked; self.specialties = specialties; self.active = active
    }
}

/// A lawyer to add to a roster.
public struct LegalAidLawyerDraft: Sendable, Equatable {
    public var name: String
    public var firm: String
    public var licenceNo: String
    public var phone: PhoneNumber?
    public var specialties: String

    public init(name: String, firm: String, licenceNo: String, phone: PhoneNumber?, specialties: String) {
        self.name = name; self.firm = firm; self.licenceNo = licenceNo; self.phone = phone; self.specialties = specialties
    }

    /// 律师执业证号: 17 digits (司法部《律师执业证管理办法》).
    public func problems() -> [FieldProblem] {
        var out: [FieldProblem] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 50 { out.append(FieldProblem(field: "name", value: name, reason: "请填写律师姓名（最多 50 字）")) }
        if firm.trimmingCharacters(in: .whitespaces).isEmpty || firm.count > 100 { out.append(FieldProblem(field: "firm", value: firm, reason: "请填写所在律师事务所（最多 100 字）")) }
        let licence = licenceNo.trimmingCharacters(in: .whitespaces)
        if licence.count != 17 || !licence.allSatisfy(\.isASCII) || !licence.allSatisfy(\.isNumber) {
            out.append(FieldProblem(field: "licence_no", value: licence, reason: "律师执业证号应为 17 位数字"))
        }
        return out
    }
}

/// One legal-aid application with its decision, lawyer and outcome.
public struct LegalAidCase: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var applicationNo: String
    public var orgID: Int64
    public var orgCode: String
    public var orgName: String
    public var name: String
    public var idMasked: String
    public var phoneMasked: String?
    public var memberID: Int64?
    public var caseID: Int64?
    public var caseNo: String?
    public var matter: LegalAidMatter
    public var request: String
    public var appliedOn: CivilDate
    public var state: LegalAidState
    public var assessment: LegalAidAssessment
    public var decidedBy: String?
    public var decidedOn: CivilDate?
    public var decisionNote: String?
    public var lawyer: LegalAidLawyer?
    public var assignedOn: CivilDate?
    public var outcome: LegalAidOutcome?
    public var obtained: Money
    public var fee: Money
    public var concludedOn: CivilDate?
    public var outcomeNote: String?
    public var version: Int

    public init(id: Int64, applicationNo: String, orgID: Int64, orgCode: String, orgName: String, name: String, idMasked: String, phoneMasked: String?,
                memberID: Int64?, caseID: Int64?, caseNo: String?, matter: LegalAidMatter, request: String, appliedOn: CivilDate, state: LegalAidState,
                assessment: LegalAidAssessment, decidedBy: String?, decidedOn: CivilDate?, decisionNote: String?, lawyer: LegalAidLawyer?, assignedOn: CivilDate?,
                outcome: LegalAidOutcome?, obtained: Money, fee: Money, concludedOn: CivilDate?, outcomeNote: String?, version: Int) {
        self.id = id; self.applicationNo = applicationNo; self.orgID = orgID; self.orgCode = orgCode; self.orgName = orgName; self.name = name
        self.idMasked = idMasked; self.phoneMasked = phoneMasked; self.memberID = memberID; self.caseID = caseID; self.caseNo = caseNo; self.matter = matter
        self.request = request; self.appliedOn = appliedOn; self.state = state; self.assessment = assessment; self.decidedBy = decidedBy; self.decidedOn = decidedOn
        self.decisionNote = decisionNote; self.lawyer = lawyer; self.assignedOn = assignedOn; self.outcome = outcome; self.obtained = obtained; self.fee = fee
        self.concludedOn = concludedOn; self.outcomeNote = outcomeNote; self.version = version
    }
}
