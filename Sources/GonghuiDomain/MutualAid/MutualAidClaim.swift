import Foundation

/// Where a claim (理赔申请) stands.
public enum MutualAidClaimState: String, CaseIterable, Codable, Sendable {
    /// 待审核: filed by the unit or the worker, waiting for the administering union.
    case filed
    /// 待计划所属工会审批: reviewed, the amount above the plan's threshold.
    case awaitingOwner = "awaiting_owner"
    /// 待发放
    case approved
    /// 不予给付, with the reason the worker sees.
    case refused
    /// 发放中: in a payment batch.
    case inBatch = "in_batch"
    /// 已发放
    case paid
    /// 发放失败: the bank returned it; put right and paid in the next batch.
    case failed

    public var title: String {
        switch self {
        case .filed: "待审核"
        case .awaitingOwner: "待计划所属工会审批"
        case .approved: "待发放"
        case .refused: "不予给付"
        case .inBatch: "发放中"
        case .paid: "已发放"
        case .failed: "发放失败"
        }
    }

    /// States whose amount counts against the member's caps for the round.
    public static let holdingMoney: [MutualAidClaimState] = [.awaitingOwner, .approved, .inBatch, .paid, .failed]
    /// States still waiting for a decision.
    public var isOpen: Bool { self == .filed || self == .awaitingOwner }
}

/// The papers a claim carries (理赔材料), as archives keep them.
public enum MutualAidPaperKind: String, CaseIterable, Codable, Sendable {
    /// 出院小结
    case dischargeSummary = "discharge_summary"
    /// 医疗费用发票
    case invoice
    /// 医保结算单
    case settlement
    /// 诊断证明
    case diagnosis
    /// 伤残鉴定或死亡证明
    case certificate
    /// 其他
    case other

    public var title: String {
        switch self {
        case .dischargeSummary: "出院小结"
        case .invoice: "医疗费用发票"
        case .settlement: "医保结算单"
        case .diagnosis: "诊断证明"
        case .certificate: "伤残鉴定或死亡证明"
        case .other: "其他材料"
        }
    }
}

/// A claim for a mutual-aid benefit (互助理赔): the member, the event, the benefit asked for, the
/// amount computed with its arithmetic, the decisions and the payment.
public struct MutualAidClaim: Equatable, Sendable, Identifiable {
    public var id: Int64
    /// 理赔编号, e.g. MA-2026-000012.
    public var claimNo: String
    public var roundID: Int64
    public var planCode: String
    public var planName: String
    public var roundName: String
    public var memberID: Int64
    public var memberName: String
    public var idNumberMasked: String
    public var unitCode: String
    public var unitName: String
    public var benefitCode: String
    public var benefitTitle: String
    public var event: MutualAidEvent
    public var filedOn: CivilDate
    /// `unit` (filed by the union for its member) or `portal` (by the worker).
    public var channel: String
    public var state: MutualAidClaimState
    public var amount: Money
    public var lines: [String]
    public var reason: String?
    public var bankName: String
    public var accountMasked: String
    public var paidOn: CivilDate?
    public var failureReason: String?
    public var recordedBy: String?
    /// The reviewer's username (for the maker-checker rule) and name (for people).
    public var reviewedBy: String?
    public var reviewerName: String?
    public var recorderName: String?
    public var decidedBy: String?
    public var decidedOn: CivilDate?
    public var version: Int

    public init(id: Int64, claimNo: String, roundID: Int64, planCode: String, planName: String, roundName: String, memberID: Int64, memberName: String,
                idNumberMasked: String, unitCode: String, unitName: String, benefitCode: String, benefitTitle: String, event: MutualAidEvent, filedOn: CivilDate,
                channel: String, state: MutualAidClaimState, amount: Money, lines: [String], reason: String?, bankName: String, accountMasked: String,
                paidOn: CivilDate?, failureReason: String?, recordedBy: String?, reviewedBy: String?, reviewerName: String? = nil, recorderName: String? = nil, decidedBy: String?, decidedOn: CivilDate?,
                version: Int) {
        self.id = id; self.claimNo = claimNo; self.roundID = roundID; self.planCode = planCode; self.planName = planName; self.roundName = roundName
        self.memberID = memberID; self.memberName = memberName; self.idNumberMasked = idNumberMasked; self.unitCode = unitCode; self.unitName = unitName
        self.benefitCode = benefitCode; self.benefitTitle = benefitTitle; self.event = event; self.filedOn = filedOn; self.channel = channel; self.state = state
        self.amount = amount; self.lines = lines; self.reason = reason; self.bankName = bankName; self.accountMasked = accountMasked; self.paidOn = paidOn
        self.failureReason = failureReason; self.recordedBy = recordedBy; self.reviewedBy = reviewedBy; self.reviewerName = reviewerName; self.recorderName = recorderName; self.decidedBy = decidedBy; self.decidedOn = decidedOn
        self.version = version
    }

    /// Days from filing to payment, once paid.
    public var daysToPay: Int? { paidOn.map { $0.daysSinceEpoch - filedOn.daysSinceEpoch } }
}

/// What a claim is filed with: the round, the benefit, the event and the account to pay into
/// (the member's own: the payee is always the member's registered name).
public struct MutualAidClaimDraft: Sendable {
    public var roundID: Int64
    public var benefitCode: String
    public var event: MutualAidEvent
    public var bankName: String
    public var bankAccount: String
    public var papers: [(kind: MutualAidPaperKind, filename: String, data: [UInt8])]

    public init(roundID: Int64, benefitCode: String, event: MutualAidEvent, bankName: String, bankAccount: String,
                papers: [(kind: MutualAidPaperKind, filename: String, data: [UInt8])] = []) {
        self.roundID = roundID; self.benefitCode = benefitCode; self.event = event; self.bankName = bankName; self.bankAccount = bankAccount; self.papers = papers
    }
}

/// A member's cover in one round as the portal shows it (我的互助保障): from when to when, and
/// what is left of each benefit's cap.
public struct MutualAidCoverView: Equatable, Sendable {
    public struct Left: Equatable, Sendable {
        public var benefit: MutualAidBenefit
        public var received: Money
        public var left: Money
        public init(benefit: MutualAidBenefit, received: Money, left: Money) { self.benefit = benefit; self.received = received; self.left = left }
    }

    public var plan: MutualAidPlan
    public var round: MutualAidRound
    public var enrolledOn: CivilDate
    /// The first covered day, nil while the unit's contribution is unpaid.
    public var coveredFrom: CivilDate?
    public var coveredTo: CivilDate
    public var waitingEnds: CivilDate?
    public var benefits: [Left]

    public init(plan: MutualAidPlan, round: MutualAidRound, enrolledOn: CivilDate, coveredFrom: CivilDate?, coveredTo: CivilDate, waitingEnds: CivilDate?, benefits: [Left]) {
        self.plan = plan; self.round = round; self.enrolledOn = enrolledOn; self.coveredFrom = coveredFrom; self.coveredTo = coveredTo; self.waitingEnds = waitingEnds
        self.benefits = benefits
    }
}
