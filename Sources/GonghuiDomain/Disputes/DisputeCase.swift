import Foundation

/// A worker in a case: one for an individual complaint, each of a group for a collective one,
/// some of them its representatives (代表).
public struct DisputeWorker: Equatable, Codable, Sendable {
    public var name: String
    public var idNumberMasked: String?
    public var phoneMasked: String?
    public var isRepresentative: Bool
    /// A member of the registry, when the ID number is one's.
    public var memberID: Int64?

    public init(name: String, idNumberMasked: String?, phoneMasked: String?, isRepresentative: Bool, memberID: Int64? = nil) {
        self.name = name; self.idNumberMasked = idNumberMasked; self.phoneMasked = phoneMasked
        self.isRepresentative = isRepresentative; self.memberID = memberID
    }
}

/// The employer a case is against (用人单位).
public struct DisputeEmployer: Equatable, Codable, Sendable {
    public var name: String
    public var creditCode: String?
    public var regionCode: String?
    public var industry: String?
    /// Its grassroots union, when it is in the registry.
    public var unionCode: String?

    public init(name: String, creditCode: String?, regionCode: String?, industry: String?, unionCode: String?) {
        self.name = name; self.creditCode = creditCode; self.regionCode = regionCode; self.industry = industry; self.unionCode = unionCode
    }
}

/// A claim (诉求) with its amount.
public struct DisputeClaim: Equatable, Codable, Sendable {
    public var type: DisputeType
    public var description: String
    public var amount: Money

    public init(type: DisputeType, description: String, amount: Money) {
        self.type = type; self.description = description; self.amount = amount
    }
}

/// A labor-dispute case (劳动争议案件): a petition, a 12351 call, a walk-in or a letter, from
/// intake to its end, on the law's clocks.
public struct DisputeCase: Equatable, Sendable {
    public var id: Int64
    /// "（2026）HB010203调字第 000123 号" style numbers are printed on documents; this is the
    /// register's number, "JF2026-000123".
    public var caseNo: String
    public var channel: DisputeChannel
    public var handlingOrgCode: String
    public var handlingOrgName: String
    public var workers: [DisputeWorker]
    /// Workers involved: at least the listed ones (a group may be listed in part at intake).
    public var workersInvolved: Int
    public var employer: DisputeEmployer
    public var types: [DisputeType]
    public var claims: [DisputeClaim]
    public var facts: String
    public var learnedOn: CivilDate?
    public var employmentEndedOn: CivilDate?
    /// The worker asked that the employer not learn their name (信访工作条例 art. 30).
    public var confidential: Bool
    /// Shown masked to the viewer (an officer of the employer's own union on a confidential case).
    public var namesWithheld: Bool
    public var workflow: DisputeWorkflow
    public var limitationEndsOn: CivilDate?
    public var collective: Bool
    public var version: Int

    public init(id: Int64, caseNo: String, channel: DisputeChannel, handlingOrgCode: String, handlingOrgName: String, workers: [DisputeWorker],
                workersInvolved: Int, employer: DisputeEmployer, types: [DisputeType], claims: [DisputeClaim], facts: String,
                learnedOn: CivilDate?, employmentEndedOn: CivilDate?, confidential: Bool, namesWithheld: Bool = false,
                workflow: DisputeWorkflow, limitationEndsOn: CivilDate?, collective: Bool, version: Int) {
        self.id = id; self.caseNo = caseNo; self.channel = channel; self.handlingOrgCode = handlingOrgCode; self.handlingOrgName = handlingOrgName
        self.workers = workers; self.workersInvolved = workersInvolved; self.employer = employer; self.types = types; self.claims = claims
        self.facts = facts; self.learnedOn = learnedOn; self.employmentEndedOn = employmentEndedOn; self.confidential = confidential
        self.namesWithheld = namesWithheld; self.workflow = workflow; self.limitationEndsOn = limitationEndsOn; self.collective = collective
        self.version = version
    }

    public var amountClaimed: Money { claims.reduce(.zero) { $0 + $1.amount } }

    /// Whether an award on `claim` would be final for the employer (art. 47 (1)), measured
    /// against the minimum wage of the employer's region when the case was received; nil when
    /// the region or its minimum wage is not known.
    public func finalAward(_ claim: DisputeClaim, wages: MinimumWageTable, policy: PolicyBook) -> Bool? {
        guard let region = employer.regionCode, let wage = wages.wage(for: region, on: workflow.receivedOn) else { return nil }
        return DisputeClocks.isFinalAward(type: claim.type, amount: claim.amount, minimumWage: wage.monthly, on: workflow.receivedOn, policy: policy)
    }

    /// The case with every worker's name and identifiers hidden, as an officer of the employer's
    /// own union sees a confidential case.
    public func withheld() -> DisputeCase {
        var c = self
        c.namesWithheld = true
        c.workers = workers.enumerated().map { i, _ in
            DisputeWorker(name: DisputeCase.withheldName(i), idNumberMasked: nil, phoneMasked: nil, isRepresentative: false)
        }
        return c
    }

    public static func withheldName(_ index: Int) -> String { "职工\(index + 1)（保密）" }
}

/// A dated step of a case with its actor (案件流转记录).
public struct DisputeEvent: Equatable, Codable, Sendable {
    public var kind: String
    public var onDate: CivilDate
    public var state: DisputeCaseState
    public var detail: String
    public var actor: String
    public var recordedAt: Int64

    public init(kind: String, onDate: CivilDate, state: DisputeCaseState, detail: String, actor: String, recordedAt: Int64) {
        self.kind = kind; self.onDate = onDate; self.state = state; self.detail = detail; self.actor = actor; self.recordedAt = recordedAt
    }
}

/// A worker as recorded at intake: the name, and the ID number and phone when given.
public struct DisputeWorkerDraft: Equatable, Sendable {
    public var name: String
    public var idNumber: IDNumber?
    public var phone: PhoneNumber?
    public var isRepresentative: Bool

    public init(name: String, idNumber: IDNumber?, phone: PhoneNumber?, isRepresentative: Bool = false) {
        self.name = name; self.idNumber = idNumber; self.phone = phone; self.isRepresentative = isRepresentative
    }
}

/// What an officer (or a worker on the portal) records at intake (登记).
public struct DisputeIntake: Equatable, Sendable {
    public var channel: DisputeChannel
    public var kind: DisputeRequestKind
    public var receivedOn: CivilDate
    public var workers: [DisputeWorkerDraft]
    public var workersInvolved: Int
    public var employer: DisputeEmployer
    public var types: [DisputeType]
    public var claims: [DisputeClaim]
    public var facts: String
    public var learnedOn: CivilDate?
    public var employmentEndedOn: CivilDate?
    public var confidential: Bool
    /// The union that takes the case; by default the actor's own (routing rules in the store).
    public var handlingOrgCode: String?

    public init(channel: DisputeChannel, kind: DisputeRequestKind, receivedOn: CivilDate, workers: [DisputeWorkerDraft], workersInvolved: Int? = nil,
                employer: DisputeEmployer, types: [DisputeType], claims: [DisputeClaim] = [], facts: String, learnedOn: CivilDate? = nil,
                employmentEndedOn: CivilDate? = nil, confidential: Bool = false, handlingOrgCode: String? = nil) {
        self.channel = channel; self.kind = kind; self.receivedOn = receivedOn; self.workers = workers
        self.workersInvolved = workersInvolved ?? workers.count; self.employer = employer; self.types = types; self.claims = claims
        self.facts = facts; self.learnedOn = learnedOn; self.employmentEndedOn = employmentEndedOn; self.confidential = confidential
        self.handlingOrgCode = handlingOrgCode
    }

    public static let maxWorkers = 500

    /// Every field problem at once, each named by its field.
    public func problems(today: CivilDate) -> [FieldProblem] {
        var out: [FieldProblem] = []
        func fail(_ field: String, _ value: String, _ reason: String) { out.append(FieldProblem(field: field, value: value, reason: reason)) }
        if receivedOn > today { fail("received_on", receivedOn.iso, "登记日期不能晚于今天") }
        if workers.isEmpty { fail("workers", "", "请至少登记一名职工") }
        if workers.count > Self.maxWorkers { fail("workers", String(workers.count), "一次最多登记 \(Self.maxWorkers) 名职工") }
        if workersInvolved < workers.count { fail("workers_involved", String(workersInvolved), "涉及人数不能少于登记的职工人数（\(workers.count)）") }
        var seen = Set<String>()
        for (i, w) in workers.enumerated() {
            let name = w.name.trimmed
            if name.isEmpty || name.count > 50 { fail("workers[\(i + 1)].name", name, "请填写职工姓名（最多 50 字）") }
            if let id = w.idNumber, !seen.insert(id.value).inserted { fail("workers[\(i + 1)].id_number", id.masked, "同一职工登记了两次") }
        }
        let employerName = employer.name.trimmed
        if employerName.isEmpty || employerName.count > 100 { fail("employer.name", employerName, "请填写用人单位名称（最多 100 字）") }
        if !kind.isAnsweredAtOnce && types.isEmpty { fail("types", "", "请选择至少一种争议类型") }
        for (i, c) in claims.enumerated() {
            if c.amount.fen < 0 { fail("claims[\(i + 1)].amount", c.amount.description, "金额不能为负数") }
            if c.description.trimmed.count > 500 { fail("claims[\(i + 1)].description", "", "诉求说明最多 500 字") }
            if !types.contains(c.type) { fail("claims[\(i + 1)].type", c.type.title, "诉求的争议类型应在案件的争议类型之中") }
        }
        let factText = facts.trimmed
        if factText.isEmpty { fail("facts", "", "请填写主要事实和诉求") }
        if factText.count > 5000 { fail("facts", "", "事实和诉求最多 5000 字") }
        if let learnedOn, learnedOn > receivedOn { fail("learned_on", learnedOn.iso, "知道权利受侵害的日期不能晚于登记日期") }
        if let ended = employmentEndedOn, ended > receivedOn { fail("employment_ended_on", ended.iso, "劳动关系终止日期不能晚于登记日期") }
        return out
    }

    /// A duplicate of an open case (DOMAIN.md §9): the same employer (by credit code, else by
    /// name), a dispute type in common, received within the window before this one.
    public func duplicates(_ open: DisputeCase, policy: PolicyBook) -> Bool {
        guard open.workflow.state.isOpen, !kind.isAnsweredAtOnce else { return false }
        let sameEmployer: Bool
        if let a = employer.creditCode, let b = open.employer.creditCode { sameEmployer = a == b }
        else { sameEmployer = employer.name.trimmed == open.employer.name.trimmed }
        guard sameEmployer, !Set(types).isDisjoint(with: open.types) else { return false }
        let window = DisputeClocks.days(DisputePolicy.duplicateWindowDays, on: receivedOn, policy)
        let gap = open.workflow.receivedOn.days(until: receivedOn)
        return gap >= 0 && gap <= window
    }
}
