/// How a case reached the union (来源渠道).
public enum DisputeChannel: String, CaseIterable, Codable, Sendable {
    /// 12351 热线
    case hotline
    /// 来访
    case visit
    /// 来信
    case letter
    /// 网上: the worker portal.
    case online
    /// 转办: referred by another union or a labor department.
    case referral

    public var title: String {
        switch self {
        case .hotline: "热线"
        case .visit: "来访"
        case .letter: "来信"
        case .online: "网上"
        case .referral: "转办"
        }
    }

    public init?(parsing raw: String) {
        if let c = Self(rawValue: raw.lowercased()) { self = c; return }
        guard let c = Self.allCases.first(where: { $0.title == raw || (raw == "12351" && $0 == .hotline) }) else { return nil }
        self = c
    }
}

/// What the person asks for (诉求类别).
public enum DisputeRequestKind: String, CaseIterable, Codable, Sendable {
    /// 咨询: answered and closed at once.
    case consultation
    /// 求决: asks the union to solve a problem.
    case request
    /// 投诉
    case complaint
    /// 意见建议
    case suggestion

    public var title: String {
        switch self {
        case .consultation: "咨询"
        case .request: "求决"
        case .complaint: "投诉"
        case .suggestion: "意见建议"
        }
    }

    /// Consultations and suggestions are answered, not accepted and handled as disputes.
    public var isAnsweredAtOnce: Bool { self == .consultation || self == .suggestion }

    public init?(parsing raw: String) {
        if let k = Self(rawValue: raw.lowercased()) { self = k; return }
        guard let k = Self.allCases.first(where: { $0.title == raw }) else { return nil }
        self = k
    }
}

/// The types of labor dispute (争议类型); a case may have several.
public enum DisputeType: String, CaseIterable, Codable, Sendable {
    /// 欠薪
    case wageArrears = "wage_arrears"
    /// 解除/终止劳动合同
    case termination
    /// 社会保险
    case socialInsurance = "social_insurance"
    /// 工伤
    case workInjury = "work_injury"
    /// 工时休息休假
    case workingHours = "working_hours"
    /// 未签劳动合同
    case noWrittenContract = "no_written_contract"
    /// 经济补偿/赔偿金
    case compensation
    /// 其他
    case other

    public var title: String {
        switch self {
        case .wageArrears: "欠薪"
        case .termination: "解除/终止劳动合同"
        case .socialInsurance: "社会保险"
        case .workInjury: "工伤"
        case .workingHours: "工时休息休假"
        case .noWrittenContract: "未签劳动合同"
        case .compensation: "经济补偿/赔偿金"
        case .other: "其他"
        }
    }

    /// Claims of these kinds can end in a final award (劳动争议调解仲裁法 art. 47 (1): labor
    /// remuneration, work-injury medical costs, economic compensation or damages) and, once
    /// agreed in mediation and not paid, in a court's payment order (art. 16).
    public var isMoneyClaim: Bool { self == .wageArrears || self == .workInjury || self == .compensation }

    public init?(parsing raw: String) {
        if let t = Self(rawValue: raw.lowercased()) { self = t; return }
        let aliases: [String: DisputeType] = ["解除劳动合同": .termination, "终止劳动合同": .termination, "经济补偿": .compensation,
                                              "赔偿金": .compensation, "拖欠工资": .wageArrears, "工时": .workingHours]
        if let t = aliases[raw] { self = t; return }
        guard let t = Self.allCases.first(where: { $0.title == raw }) else { return nil }
        self = t
    }
}

/// Where a case is (办理状态).
public enum DisputeCaseState: String, CaseIterable, Codable, Sendable {
    /// 待受理: registered; the union must say within the acceptance period whether it takes it.
    case received
    /// 办理中: accepted and being handled.
    case accepted
    /// 调解中: a mediation application was received.
    case mediating
    /// 协议履行中: an agreement was signed; its terms are being performed.
    case performing
    /// 已办结
    case closed

    public var title: String {
        switch self {
        case .received: "待受理"
        case .accepted: "办理中"
        case .mediating: "调解中"
        case .performing: "协议履行中"
        case .closed: "已办结"
        }
    }

    public var isOpen: Bool { self != .closed }
}

/// How a case ended (办结方式 and 调解结果).
public enum DisputeOutcome: String, CaseIterable, Codable, Sendable {
    /// 已答复: a consultation or suggestion answered.
    case answered
    /// 不予受理
    case refused
    /// 协调解决: settled without a mediation.
    case resolved
    /// 达成协议: a mediation agreement, performed.
    case agreement
    /// 未达成协议
    case noAgreement = "no_agreement"
    /// 撤回
    case withdrawn
    /// 转仲裁: the parties went to arbitration (the mediation period ran out or the agreement was not performed).
    case arbitration

    public var title: String {
        switch self {
        case .answered: "已答复"
        case .refused: "不予受理"
        case .resolved: "协调解决"
        case .agreement: "达成协议"
        case .noAgreement: "未达成协议"
        case .withdrawn: "撤回"
        case .arbitration: "转仲裁"
        }
    }

    /// The outcomes that end a mediation (调解), as the year's figures count them.
    public var endsMediation: Bool { [.agreement, .noAgreement, .withdrawn, .arbitration].contains(self) }
}
