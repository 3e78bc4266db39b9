import Foundation

/// The three papers of a union's labor-law supervision (工会劳动法律监督“一函两书”): the reminder
/// to the employer (提示函), the supervision opinion naming the violation, its legal basis, the
/// correction required and the date to answer (监督意见书), and, when the employer does not answer
/// or does not correct in time, the supervision proposal to the labor department (监督建议书).
public enum SupervisionLetterKind: String, CaseIterable, Codable, Sendable, Comparable {
    case reminder, opinion, proposal

    public var title: String {
        switch self {
        case .reminder: "工会劳动法律监督提示函"
        case .opinion: "工会劳动法律监督意见书"
        case .proposal: "工会劳动法律监督建议书"
        }
    }

    public var shortTitle: String {
        switch self {
        case .reminder: "提示函"
        case .opinion: "监督意见书"
        case .proposal: "监督建议书"
        }
    }

    /// The letters' number prefix (文号), numbered per union, kind and year: 工监提〔2026〕3号.
    public var numberPrefix: String {
        switch self {
        case .reminder: "工监提"
        case .opinion: "工监意"
        case .proposal: "工监建"
        }
    }

    public func number(year: Int, sequence: Int) -> String { "\(numberPrefix)〔\(year)〕\(sequence)号" }

    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// The policy key of the period the addressee has to answer in; the proposal has none (the
    /// labor department's own rules apply).
    public var answerKey: String? {
        switch self {
        case .reminder: SupervisionPolicy.reminderAnswerDays
        case .opinion: SupervisionPolicy.opinionAnswerDays
        case .proposal: nil
        }
    }
}

/// What the employer's written answer (书面答复) says it did.
public enum SupervisionAnswerResult: String, CaseIterable, Codable, Sendable {
    /// 已整改: the supervision ends there.
    case corrected
    /// 部分整改
    case partly
    /// 拒不整改
    case refused

    public var title: String {
        switch self {
        case .corrected: "已整改"
        case .partly: "部分整改"
        case .refused: "拒不整改"
        }
    }
}

/// What the labor department did with the proposal.
public enum LaborDepartmentDecision: String, CaseIterable, Codable, Sendable {
    /// 责令改正（用人单位已改正）
    case ordered
    /// 立案查处
    case investigated
    /// 行政处罚
    case penalized
    /// 不予处理
    case declined

    public var title: String {
        switch self {
        case .ordered: "责令改正，用人单位已改正"
        case .investigated: "立案查处"
        case .penalized: "作出行政处罚"
        case .declined: "不予处理"
        }
    }

    /// Whether the employer's violation ended corrected.
    public var corrected: Bool { self == .ordered || self == .penalized }
}

/// Where a supervision stands: letters going to the employer, ended by its correction, referred
/// to the labor department by the proposal, decided by the labor department.
public enum SupervisionState: String, CaseIterable, Codable, Sendable {
    case open, corrected, referred, decided

    public var title: String {
        switch self {
        case .open: "监督中"
        case .corrected: "已整改"
        case .referred: "已提请劳动行政部门"
        case .decided: "劳动行政部门已处理"
        }
    }

    public var isOpen: Bool { self == .open || self == .referred }
}

/// The supervision's clocks as policy numbers with their sources: the days the employer has to
/// answer a reminder and an opinion, counted in working days on the holiday calendar by default.
public enum SupervisionPolicy {
    public static let reminderAnswerDays = "supervision.reminder_answer_days"
    public static let opinionAnswerDays = "supervision.opinion_answer_days"

    public static let defaults = PolicyBook([
        PolicyRule(key: reminderAnswerDays, value: 15, effectiveFrom: CivilDate(year: 2021, month: 12, day: 24)!,
                   source: "《中华人民共和国工会法》第二十二条：用人单位应当予以研究处理，并向工会作出答复；本平台默认 15 个工作日，本省可调整", workingDays: true),
        PolicyRule(key: opinionAnswerDays, value: 15, effectiveFrom: CivilDate(year: 2021, month: 12, day: 24)!,
                   source: "中华全国总工会《工会劳动法律监督办法》：用人单位收到监督意见书后 15 个工作日内书面答复", workingDays: true),
    ])

    public static func title(_ key: String) -> String {
        switch key {
        case reminderAnswerDays: "提示函答复期限（天）"
        case opinionAnswerDays: "监督意见书答复期限（天）"
        default: key
        }
    }

    /// The last day to answer a letter of `kind` issued on `issuedOn` (not counted), by the rule in
    /// force that day; nil for a proposal.
    public static func answerDue(_ kind: SupervisionLetterKind, issuedOn: CivilDate, policy: PolicyBook) -> CivilDate? {
        guard let key = kind.answerKey,
              let rule = policy.rule(key, on: issuedOn) ?? defaults.rules.first(where: { $0.key == key }) else { return nil }
        return policy.end(of: rule, from: issuedOn)
    }
}

/// One letter as issued: its number, the day, the addressee, what it says, the answer due, and the
/// employer's written answer once recorded.
public struct SupervisionLetter: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var kind: SupervisionLetterKind
    public var number: String
    public var issuedOn: CivilDate
    public var dueOn: CivilDate?
    public var recipient: String
    public var violation: String
    public var legalBasis: String
    public var correction: String
    public var issuedBy: String
    public var answeredOn: CivilDate?
    public var answerResult: SupervisionAnswerResult?
    public var answer: String?

    public init(id: Int64, kind: SupervisionLetterKind, number: String, issuedOn: CivilDate, dueOn: CivilDate?, recipient: String, violation: String,
                legalBasis: String, correction: String, issuedBy: String, answeredOn: CivilDate?, answerResult: SupervisionAnswerResult?, answer: String?) {
        self.id = id; self.kind = kind; self.number = number; self.issuedOn = issuedOn; self.dueOn = dueOn; self.recipient = recipient
        self.violation = violation; self.legalBasis = legalBasis; self.correction = correction; self.issuedBy = issuedBy
        self.answeredOn = answeredOn; self.answerResult = answerResult; self.answer = answer
    }

    /// Whether it was answered by its due day (an answer on the last day is in time).
    public var answeredInTime: Bool {
        guard let answeredOn else { return false }
        return dueOn.map { answeredOn <= $0 } ?? true
    }
}

/// A supervision of one employer (劳动法律监督事项): the violation found, the letters issued in
/// turn, the employer's answers and the labor department's decision.
public struct SupervisionMatter: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var matterNo: String
    public var orgID: Int64
    public var orgCode: String
    public var orgName: String
    public var employerName: String
    public var employerCreditCode: String?
    public var caseID: Int64?
    public var caseNo: String?
    public var violation: String
    public var legalBasis: String
    public var correction: String
    public var laborDepartment: String?
    public var openedOn: CivilDate
    public var state: SupervisionState
    public var closedOn: CivilDate?
    public var decision: LaborDepartmentDecision?
    public var decisionNote: String?
    public var letters: [SupervisionLetter]
    public var version: Int

    public init(id: Int64, matterNo: String, orgID: Int64, orgCode: String, orgName: String, employerName: String, employerCreditCode: String?,
                caseID: Int64?, caseNo: String?, violation: String, legalBasis: String, correction: String, laborDepartment: String?,
                openedOn: CivilDate, state: SupervisionState, closedOn: CivilDate?, decision: LaborDepartmentDecision?, decisionNote: String?,
                letters: [SupervisionLetter], version: Int) {
        self.id = id; self.matterNo = matterNo; self.orgID = orgID; self.orgCode = orgCode; self.orgName = orgName; self.employerName = employerName
        self.employerCreditCode = employerCreditCode; self.caseID = caseID; self.caseNo = caseNo; self.violation = violation; self.legalBasis = legalBasis
        self.correction = correction; self.laborDepartment = laborDepartment; self.openedOn = openedOn; self.state = state; self.closedOn = closedOn
        self.decision = decision; self.decisionNote = decisionNote; self.letters = letters; self.version = version
    }

    /// The last letter issued.
    public var latest: SupervisionLetter? { letters.last }

    /// What the worklist says of the matter on `today`.
    public func nextStep(today: CivilDate) -> SupervisionNextStep? {
        guard state.isOpen, let latest else { return nil }
        if latest.kind == .proposal {
            return latest.answeredOn == nil ? .awaitingDecision(since: latest.issuedOn, days: latest.issuedOn.days(until: today)) : nil
        }
        let next: SupervisionLetterKind = latest.kind == .reminder ? .opinion : .proposal
        if let result = latest.answerResult {
            return result == .corrected ? nil : .propose(next, because: .notCorrected(result))
        }
        guard let due = latest.dueOn else { return nil }
        if today > due { return .propose(next, because: .notAnswered(due: due, daysLate: due.days(until: today))) }
        return .awaitingAnswer(due: due, daysLeft: today.days(until: due))
    }

    /// The letters that may be issued next: only a kind after the last one; a proposal only once an
    /// opinion was issued, since it reports the opinion that went unheeded.
    public var issuable: [SupervisionLetterKind] {
        guard state == .open else { return [] }
        let after = SupervisionLetterKind.allCases.filter { k in latest.map { k > $0.kind } ?? true }
        return after.filter { $0 != .proposal || letters.contains { $0.kind == .opinion } }
    }
}

/// The worklist's word on a matter.
public enum SupervisionNextStep: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case notAnswered(due: CivilDate, daysLate: Int)
        case notCorrected(SupervisionAnswerResult)
    }

    /// The answer is not due yet.
    case awaitingAnswer(due: CivilDate, daysLeft: Int)
    /// The next letter should go out.
    case propose(SupervisionLetterKind, because: Reason)
    /// The proposal waits for the labor department.
    case awaitingDecision(since: CivilDate, days: Int)

    public var isDue: Bool { if case .propose = self { true } else { false } }
}

/// A supervision to open against an employer, with its first letter.
public struct SupervisionDraft: Sendable, Equatable {
    public var employerName: String
    public var employerCreditCode: CreditCode?
    public var caseID: Int64?
    public var violation: String
    public var legalBasis: String
    public var correction: String
    public var laborDepartment: String
    public var firstLetter: SupervisionLetterKind
    public var issuedOn: CivilDate

    public init(employerName: String, employerCreditCode: CreditCode?, caseID: Int64?, violation: String, legalBasis: String, correction: String,
                laborDepartment: String, firstLetter: SupervisionLetterKind, issuedOn: CivilDate) {
        self.employerName = employerName; self.employerCreditCode = employerCreditCode; self.caseID = caseID; self.violation = violation
        self.legalBasis = legalBasis; self.correction = correction; self.laborDepartment = laborDepartment; self.firstLetter = firstLetter; self.issuedOn = issuedOn
    }

    public func problems(today: CivilDate) -> [FieldProblem] {
        var out: [FieldProblem] = []
        let name = employerName.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 100 { out.append(FieldProblem(field: "employer_name", value: name, reason: "请填写用人单位名称（最多 100 字）")) }
        for (field, text, label) in [("violation", violation, "违法事实"), ("legal_basis", legalBasis, "法律依据"), ("correction", correction, "整改要求")] {
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty || t.count > 2000 { out.append(FieldProblem(field: field, value: "", reason: "请填写\(label)（最多 2000 字）")) }
        }
        if laborDepartment.count > 100 { out.append(FieldProblem(field: "labor_department", value: laborDepartment, reason: "最多 100 字")) }
        if firstLetter == .proposal { out.append(FieldProblem(field: "first_letter", value: firstLetter.rawValue, reason: "监督建议书须在监督意见书之后发出")) }
        if issuedOn > today { out.append(FieldProblem(field: "issued_on", value: issuedOn.iso, reason: "发文日期不能晚于今天")) }
        return out
    }
}

/// An employer as the supervision page finds it, with the cases against it in the actor's subtree.
public struct SupervisionEmployer: Sendable, Equatable {
    public struct Case: Sendable, Equatable {
        public var id: Int64
        public var caseNo: String
        public var receivedOn: CivilDate
        public var stateTitle: String
        public var workers: Int
        public var types: [DisputeType]
        public var amountClaimed: Money
        public init(id: Int64, caseNo: String, receivedOn: CivilDate, stateTitle: String, workers: Int, types: [DisputeType], amountClaimed: Money) {
            self.id = id; self.caseNo = caseNo; self.receivedOn = receivedOn; self.stateTitle = stateTitle; self.workers = workers; self.types = types
            self.amountClaimed = amountClaimed
        }
    }

    public var name: String
    public var creditCode: String?
    public var cases: [Case]
    /// Its supervisions so far (number and state).
    public var matters: [(id: Int64, matterNo: String, state: SupervisionState)]

    public init(name: String, creditCode: String?, cases: [Case], matters: [(id: Int64, matterNo: String, state: SupervisionState)]) {
        self.name = name; self.creditCode = creditCode; self.cases = cases; self.matters = matters
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.creditCode == b.creditCode && a.cases == b.cases && a.matters.map(\.id) == b.matters.map(\.id)
    }
}
