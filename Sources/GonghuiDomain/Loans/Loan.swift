import Foundation

/// Where a loan stands (贷款状态).
public enum LoanState: String, CaseIterable, Codable, Sendable {
    /// 已申请: waiting for the union's credit check and feasibility assessment.
    case applied
    /// 已评估: assessed feasible, waiting for the county union's approval.
    case assessed
    /// 不予担保: not feasible, bad credit, or refused at approval, with the reason.
    case refused
    /// 已批准: guarantee issued, the county's quota held, waiting for the bank.
    case approved
    /// 还款中
    case repaying
    /// 已结清
    case closed
    /// 已核销: overdue, the union's guarantee fund paid the bank what was owed (代偿) and the
    /// loan was written off; what is recovered later is still recorded.
    case writtenOff = "written_off"

    public var title: String {
        switch self {
        case .applied: "待评估"
        case .assessed: "待审批"
        case .refused: "不予担保"
        case .approved: "已批准担保"
        case .repaying: "还款中"
        case .closed: "已结清"
        case .writtenOff: "已核销"
        }
    }

    /// States that hold the member's one loan.
    public static let open: [LoanState] = [.applied, .assessed, .approved, .repaying]
}

/// A guarantor (担保人), typically a public employee.
public struct LoanGuarantor: Equatable, Sendable {
    public var name: String
    public var idNumber: IDNumber?
    public var idMasked: String
    public var employer: String
    public var relation: String
    public var amount: Money

    public init(name: String, idNumber: IDNumber?, idMasked: String, employer: String, relation: String, amount: Money) {
        self.name = name; self.idNumber = idNumber; self.idMasked = idMasked; self.employer = employer; self.relation = relation; self.amount = amount
    }
}

/// What an application is made of.
public struct LoanDraft: Sendable {
    public var basis: LoanBasis
    public var isGraduate: Bool
    /// The partnership's number when the borrower borrows with others (合伙经营).
    public var partnershipNo: String?
    public var projectKind: LoanProjectKind
    public var projectName: String
    public var operatingSince: CivilDate
    public var jobsCreated: Int
    public var amount: Money
    public var guarantors: [LoanGuarantor]

    public init(basis: LoanBasis, isGraduate: Bool, partnershipNo: String?, projectKind: LoanProjectKind, projectName: String, operatingSince: CivilDate,
                jobsCreated: Int, amount: Money, guarantors: [LoanGuarantor]) {
        self.basis = basis; self.isGraduate = isGraduate; self.partnershipNo = partnershipNo; self.projectKind = projectKind; self.projectName = projectName
        self.operatingSince = operatingSince; self.jobsCreated = jobsCreated; self.amount = amount; self.guarantors = guarantors
    }
}

/// The union's feasibility assessment (可行性评估): a checklist, a conclusion, who made it.
public struct LoanFeasibility: Equatable, Codable, Sendable {
    public static let checklist = ["项目合法，符合国家政策法规", "项目连续正常经营一年以上", "经营场所与证照齐全", "收入可覆盖月还款额", "担保人有稳定收入"]
    public var answers: [Bool]
    public var feasible: Bool
    public var note: String
    public var officer: String

    public init(answers: [Bool], feasible: Bool, note: String, officer: String) {
        self.answers = answers; self.feasible = feasible; self.note = note; self.officer = officer
    }
}

/// A loan as the officer reads it.
public struct Loan: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var loanNo: String
    public var memberID: Int64
    public var name: String
    public var orgCode: String
    public var countyCode: String
    public var state: LoanState
    public var basis: LoanBasis
    public var projectKind: LoanProjectKind
    public var projectName: String
    public var amount: Money
    public var approved: Money?
    public var lent: Money?
    public var lentOn: CivilDate?
    public var repaidPrincipal: Money
    public var reason: String?
    public var version: Int
    /// The union officer who follows the project (跟踪责任人).
    public var officer: String?
    /// Jobs the project created (带动就业人数), recorded per project.
    public var jobsCreated: Int = 0
    /// What the guarantee fund paid the bank when the loan was written off.
    public var writtenOff: Money?
    /// What was recovered from the guarantors (担保人代偿).
    public var recovered: Money = .zero

    public init(id: Int64, loanNo: String, memberID: Int64, name: String, orgCode: String, countyCode: String, state: LoanState, basis: LoanBasis,
                projectKind: LoanProjectKind, projectName: String, amount: Money, approved: Money?, lent: Money?, lentOn: CivilDate?, repaidPrincipal: Money,
                reason: String?, version: Int, officer: String? = nil, jobsCreated: Int = 0, writtenOff: Money? = nil, recovered: Money = .zero) {
        self.id = id; self.loanNo = loanNo; self.memberID = memberID; self.name = name; self.orgCode = orgCode; self.countyCode = countyCode; self.state = state
        self.basis = basis; self.projectKind = projectKind; self.projectName = projectName; self.amount = amount; self.approved = approved; self.lent = lent
        self.lentOn = lentOn; self.repaidPrincipal = repaidPrincipal; self.reason = reason; self.version = version
        self.officer = officer; self.jobsCreated = jobsCreated; self.writtenOff = writtenOff; self.recovered = recovered
    }

    /// Principal still owed (what the guarantee still covers); nothing once written off.
    public var outstanding: Money { state == .writtenOff ? .zero : max(.zero, (lent ?? approved ?? .zero) - repaidPrincipal) }
}

/// A follow-up visit to the project (回访), with the officer's notes.
public struct LoanVisit: Equatable, Sendable {
    public var visitedOn: CivilDate
    public var officer: String
    public var note: String
    public var recordedBy: String

    public init(visitedOn: CivilDate, officer: String, note: String, recordedBy: String) {
        self.visitedOn = visitedOn; self.officer = officer; self.note = note; self.recordedBy = recordedBy
    }
}

/// Who repaid (还款来源): the borrower, or a guarantor recovering for the fund.
public enum LoanRepaymentSource: String, CaseIterable, Codable, Sendable {
    case borrower, guarantor

    public var title: String { self == .borrower ? "借款人还款" : "担保人代偿" }
}

/// A repayment as recorded.
public struct LoanRepayment: Equatable, Sendable {
    public var paidOn: CivilDate
    public var principal: Money
    public var interest: Money
    public var reference: String
    public var source: LoanRepaymentSource
    /// The guarantor's name when a guarantor paid.
    public var payer: String?

    public init(paidOn: CivilDate, principal: Money, interest: Money, reference: String, source: LoanRepaymentSource, payer: String?) {
        self.paidOn = paidOn; self.principal = principal; self.interest = interest; self.reference = reference; self.source = source; self.payer = payer
    }
}

/// One row of the bank's repayment file (还款明细), as read: the loan's number, the day, the
/// principal and interest, the bank's reference; `row` is the file's line for errors.
public struct LoanRepaymentRow: Equatable, Sendable {
    public var row: Int
    public var loanNo: String
    public var name: String?
    public var paidOn: CivilDate
    public var principal: Money
    public var interest: Money
    public var reference: String

    public init(row: Int, loanNo: String, name: String?, paidOn: CivilDate, principal: Money, interest: Money, reference: String) {
        self.row = row; self.loanNo = loanNo; self.name = name; self.paidOn = paidOn; self.principal = principal; self.interest = interest; self.reference = reference
    }
}

/// Everything on a loan's page beside the loan itself.
public struct LoanDetails: Sendable {
    public var schedule: [LoanInstalment]
    public var repayments: [LoanRepayment]
    public var guarantors: [LoanGuarantor]
    public var feasibility: LoanFeasibility?
    public var officer: String?
    public var visits: [LoanVisit]
    public var writtenOffOn: CivilDate?
    public var writeOffReason: String?

    public init(schedule: [LoanInstalment], repayments: [LoanRepayment], guarantors: [LoanGuarantor], feasibility: LoanFeasibility?, officer: String?,
                visits: [LoanVisit], writtenOffOn: CivilDate?, writeOffReason: String?) {
        self.schedule = schedule; self.repayments = repayments; self.guarantors = guarantors; self.feasibility = feasibility; self.officer = officer
        self.visits = visits; self.writtenOffOn = writtenOffOn; self.writeOffReason = writeOffReason
    }
}
