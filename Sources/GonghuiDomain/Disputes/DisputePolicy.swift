/// The numbers the law sets for labor disputes and petitions, as policy rules with their sources
/// (DOMAIN.md §9). A province adds its own rules (a later date, another number, its own source)
/// to the store's `policy_rules`; these are the ones in force when it has not.
public enum DisputePolicy {
    /// Days to tell the person whether a petition or complaint is accepted.
    public static let acceptanceDays = "disputes.acceptance_days"
    /// Days to handle an accepted petition.
    public static let handlingDays = "disputes.handling_days"
    /// The longest single extension of the handling period, in days.
    public static let extensionDays = "disputes.extension_days"
    /// Days a mediation may take before either party may go to arbitration.
    public static let mediationDays = "disputes.mediation_days"
    /// The limitation period for arbitration, in years.
    public static let limitationYears = "disputes.limitation_years"
    /// Days before the limitation ends at which the case warns.
    public static let limitationWarningDays = "disputes.limitation_warning_days"
    /// Days an arbitration commission has to accept an application.
    public static let arbitrationAcceptanceDays = "disputes.arbitration_acceptance_days"
    /// Days an arbitration commission has to decide, and the one extension.
    public static let arbitrationAwardDays = "disputes.arbitration_award_days"
    public static let arbitrationExtensionDays = "disputes.arbitration_extension_days"
    /// Months of the local minimum wage up to which a money claim's award is final for the employer.
    public static let finalAwardMonths = "disputes.final_award_months"
    /// Workers with a common claim from which a case is collective (集体劳动争议).
    public static let collectiveWorkers = "disputes.collective_workers"
    /// Days within which a new complaint against the same employer about the same type is offered
    /// as a worker to add to the open case.
    public static let duplicateWindowDays = "disputes.duplicate_window_days"
    /// Days before a deadline at which the handling union is reminded of it.
    public static let reminderDays = "disputes.reminder_days"

    /// In force since the laws took effect (信访工作条例 2022-05-01; 劳动争议调解仲裁法 2008-05-01).
    public static let defaults = PolicyBook([
        rule(acceptanceDays, 15, "2022-05-01", "《信访工作条例》第二十二条、第二十三条：收到信访事项之日起15日内告知是否受理"),
        rule(handlingDays, 60, "2022-05-01", "《信访工作条例》第三十四条：自受理之日起60日内办结"),
        rule(extensionDays, 30, "2022-05-01", "《信访工作条例》第三十四条：情况复杂的，经批准可适当延长，延长期限不得超过30日"),
        rule(mediationDays, 15, "2008-05-01", "《劳动争议调解仲裁法》第十四条：自收到调解申请之日起15日内未达成调解协议的，当事人可以依法申请仲裁"),
        rule(limitationYears, 1, "2008-05-01", "《劳动争议调解仲裁法》第二十七条：仲裁时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算"),
        rule(limitationWarningDays, 30, "2008-05-01", "本平台：仲裁时效届满前30日提醒"),
        rule(arbitrationAcceptanceDays, 5, "2008-05-01", "《劳动争议调解仲裁法》第二十九条：收到仲裁申请之日起5日内决定是否受理"),
        rule(arbitrationAwardDays, 45, "2008-05-01", "《劳动争议调解仲裁法》第四十三条：自受理仲裁申请之日起45日内结束"),
        rule(arbitrationExtensionDays, 15, "2008-05-01", "《劳动争议调解仲裁法》第四十三条：经批准可以延期，延长期限不得超过15日"),
        rule(finalAwardMonths, 12, "2008-05-01", "《劳动争议调解仲裁法》第四十七条：不超过当地月最低工资标准十二个月金额的争议，裁决为终局裁决"),
        rule(collectiveWorkers, 10, "2008-05-01", "《劳动争议调解仲裁法》第七条：劳动者一方在十人以上并有共同请求的"),
        rule(duplicateWindowDays, 30, "2026-01-01", "本平台：同一用人单位、同一争议类型30日内的在办案件提示合并"),
        rule(reminderDays, 3, "2026-01-01", "本平台：期限届满前3日提醒办理工会"),
    ])

    private static func rule(_ key: String, _ value: Int, _ from: String, _ source: String) -> PolicyRule {
        PolicyRule(key: key, value: value, effectiveFrom: CivilDate(from)!, source: source)
    }
}

/// A region's monthly minimum wage (月最低工资标准), effective from a date: the measure of a final
/// award (art. 47). Looked up like the 低保 lines: the county's, else the city's, else the province's.
public struct MinimumWage: Equatable, Codable, Sendable, RegionallyEffective {
    public var regionCode: String
    public var effectiveFrom: CivilDate
    public var monthly: Money
    /// The province's notice that set it (e.g. "省人民政府关于调整全省最低工资标准的通知").
    public var source: String

    public init(regionCode: String, effectiveFrom: CivilDate, monthly: Money, source: String = "") {
        self.regionCode = regionCode
        self.effectiveFrom = effectiveFrom
        self.monthly = monthly
        self.source = source
    }
}

/// The regions' minimum wages: a place's is its county's, else its city's, else its province's.
public struct MinimumWageTable: Sendable {
    public private(set) var wages: [MinimumWage]

    public init(_ wages: [MinimumWage]) { self.wages = wages }

    public func wage(for regionCode: String, on date: CivilDate) -> MinimumWage? {
        wages.inForce(for: regionCode, on: date)
    }
}
