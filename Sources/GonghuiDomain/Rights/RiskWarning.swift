import Foundation

/// A rule of the labor-relation risk warning (劳动关系风险预警): what raises an alert.
public enum WarningRule: String, CaseIterable, Codable, Sendable {
    /// A case with at least the configured number of workers (集体劳动争议).
    case collectiveCase = "collective_case"
    /// A case whose claims reach the configured amount.
    case largeClaim = "large_claim"
    /// A case an officer marked as a mass incident or an extreme act (群体性/极端).
    case markedCase = "marked_case"
    /// An employer with the configured number of cases within the configured days.
    case employerRepeat = "employer_repeat"
    /// A region whose cases this week exceed its mean of the weeks before by more than k σ.
    case regionSurge = "region_surge"
    /// The same for an industry.
    case industrySurge = "industry_surge"
    /// Wage-arrears cases before the Spring Festival above the same days of last year.
    case festivalArrears = "festival_arrears"

    public var title: String {
        switch self {
        case .collectiveCase: "集体劳动争议"
        case .largeClaim: "请求金额重大"
        case .markedCase: "群体性/极端事件"
        case .employerRepeat: "同一用人单位案件频发"
        case .regionSurge: "地区案件激增"
        case .industrySurge: "行业案件激增"
        case .festivalArrears: "春节前欠薪案件上升"
        }
    }

    /// Raised the moment a case is recorded, rather than by the daily run.
    public var isImmediate: Bool { [.collectiveCase, .largeClaim, .markedCase].contains(self) }
}

/// What an officer marks a case as when it may break out (群体性事件 or 极端行为).
public enum RiskMark: String, CaseIterable, Codable, Sendable {
    case massIncident = "mass_incident"
    case extremeAct = "extreme_act"

    public var title: String { self == .massIncident ? "群体性事件" : "极端行为" }
}

/// Where an alert is in its handling: raised, acknowledged with a note, closed with what was done.
public enum RiskAlertState: String, CaseIterable, Codable, Sendable {
    case open, acknowledged, closed

    public var title: String {
        switch self {
        case .open: "待处理"
        case .acknowledged: "已知悉"
        case .closed: "已办结"
        }
    }
}

/// One alert (风险预警): the rule that fired, the numbers that fired it, the union it concerns
/// (the handling union of a case, or the lowest union that holds all of a trend's cases), and
/// its handling.
public struct RiskAlert: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var rule: WarningRule
    public var state: RiskAlertState
    public var orgID: Int64
    public var orgCode: String
    public var orgName: String
    public var caseID: Int64?
    public var caseNo: String?
    /// The employer, region or industry it is about (a case's employer for a case's alert).
    public var subject: String
    /// The rule and the numbers that fired it, in one sentence.
    public var summary: String
    public var raisedOn: CivilDate
    public var raisedAt: Int64
    public var acknowledgedBy: String?
    public var acknowledgedAt: Int64?
    public var acknowledgeNote: String?
    public var closedBy: String?
    public var closedAt: Int64?
    public var closeNote: String?
    public var version: Int

    public init(id: Int64, rule: WarningRule, state: RiskAlertState, orgID: Int64, orgCode: String, orgName: String, caseID: Int64?, caseNo: String?,
                subject: String, summary: String, raisedOn: CivilDate, raisedAt: Int64, acknowledgedBy: String? = nil, acknowledgedAt: Int64? = nil,
                acknowledgeNote: String? = nil, closedBy: String? = nil, closedAt: Int64? = nil, closeNote: String? = nil, version: Int = 1) {
        self.id = id; self.rule = rule; self.state = state; self.orgID = orgID; self.orgCode = orgCode; self.orgName = orgName
        self.caseID = caseID; self.caseNo = caseNo; self.subject = subject; self.summary = summary; self.raisedOn = raisedOn; self.raisedAt = raisedAt
        self.acknowledgedBy = acknowledgedBy; self.acknowledgedAt = acknowledgedAt; self.acknowledgeNote = acknowledgeNote
        self.closedBy = closedBy; self.closedAt = closedAt; self.closeNote = closeNote; self.version = version
    }

    /// Days since it was raised.
    public func ageDays(today: CivilDate) -> Int { max(0, today.daysSinceEpoch - raisedOn.daysSinceEpoch) }
}

/// A union's open alerts in its subtree, for the dashboard.
public struct RiskAlertSummary: Sendable, Equatable {
    public var open: Int
    public var acknowledged: Int
    /// The oldest unclosed alert's raising day.
    public var oldestOpenSince: CivilDate?

    public init(open: Int = 0, acknowledged: Int = 0, oldestOpenSince: CivilDate? = nil) {
        self.open = open; self.acknowledged = acknowledged; self.oldestOpenSince = oldestOpenSince
    }
}

/// What a daily run of the trend rules found.
public struct WarningRunReport: Sendable, Equatable {
    public var on: CivilDate
    /// The alerts raised (one already raised for the same thing is not raised again).
    public var raised: [RiskAlert] = []
    /// What the run could not check, and why (a year the holiday calendar lacks).
    public var notes: [String] = []

    public init(on: CivilDate) { self.on = on }
}

/// An officer on duty for the risk warning (预警值班人员) at a union: alerts reach them by SMS and
/// e-mail.
public struct WarningDuty: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var orgID: Int64
    public var orgCode: String
    public var name: String
    public var phoneMasked: String
    public var emailMasked: String?

    public init(id: Int64, orgID: Int64, orgCode: String, name: String, phoneMasked: String, emailMasked: String?) {
        self.id = id; self.orgID = orgID; self.orgCode = orgCode; self.name = name; self.phoneMasked = phoneMasked; self.emailMasked = emailMasked
    }
}

/// An officer to put on duty.
public struct WarningDutyDraft: Sendable, Equatable {
    public var name: String
    public var phone: PhoneNumber
    /// Empty when none.
    public var email: String

    public init(name: String, phone: PhoneNumber, email: String = "") { self.name = name; self.phone = phone; self.email = email }

    public func problems() -> [FieldProblem] {
        var out: [FieldProblem] = []
        let n = name.trimmingCharacters(in: .whitespaces)
        if n.isEmpty || n.count > 50 { out.append(FieldProblem(field: "name", value: n, reason: "请填写值班人员姓名（最多 50 字）")) }
        let e = email.trimmingCharacters(in: .whitespaces)
        if !e.isEmpty {
            let parts = e.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || parts[1].hasPrefix(".") || parts[1].hasSuffix(".") || e.count > 100 || e.contains(" ") {
                out.append(FieldProblem(field: "email", value: e, reason: "电子邮箱格式不正确，例如 zhiban@hbgh.org.cn"))
            }
        }
        return out
    }

    /// "z***@hbgh.org.cn".
    public static func masked(email: String) -> String {
        guard let at = email.firstIndex(of: "@") else { return "***" }
        return String(email[..<at].prefix(1)) + "***" + email[at...]
    }
}
