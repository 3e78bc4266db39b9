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

    public var title: String {
        switch self {
        case .applied: "待评估"
        case .assessed: "待审批"
        case .refused: "不予担保"
        case .approved: "已批准担保"
        case .repaying: "还款中"
        case .closed: "已结清"
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

    public init(id: Int64, loanNo: String, memberID: Int64, name: String, orgCode: String, countyCode: String, state: LoanState, basis: LoanBasis,
                projectKind: LoanProjectKind, projectName: String, amount: Money, approved: Money?, lent: Money?, lentOn: CivilDate?, repaidPrincipal: Money,
                reason: String?, version: Int) {
        self.id = id; self.loanNo = loanNo; self.memberID = memberID; self.name = name; self.orgCode = orgCode; self.countyCode = countyCode; self.state = state
        self.basis = basis; self.projectKind = projectKind; self.projectName = projectName; self.amount = amount; self.approved = approved; self.lent = lent
        self.lentOn = lentOn; self.repaidPrincipal = repaidPrincipal; self.reason = reason; self.version = version
    }

    /// Principal still owed (what the guarantee still covers).
    public var outstanding: Money { max(.zero, (lent ?? approved ?? .zero) - repaidPrincipal) }
}
