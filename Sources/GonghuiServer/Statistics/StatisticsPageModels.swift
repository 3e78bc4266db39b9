import Foundation
import GonghuiDomain
import GonghuiStore

/// A node's annual statistics as of a date with the same figures a year earlier: what the
/// statistics page and the dashboard show.
struct StatisticsSummary: Sendable {
    var report: AnnualReport
    var yearEarlier: AnnualFigures

    static func load(_ store: Store, code: String, asOf: CivilDate, actor: Actor) async throws -> StatisticsSummary {
        async let now = store.statistics.annualReport(code: code, asOf: asOf, depth: 1, actor: actor)
        async let before = store.statistics.annualReport(code: code, asOf: asOf.adding(years: -1), depth: 0, actor: actor)
        return StatisticsSummary(report: try await now, yearEarlier: try await before.root.figures)
    }

    var figures: AnnualFigures { report.root.figures }
    var children: [AnnualReportRow] { report.rows.filter { $0.level == 1 } }

    /// 入会率: members over employees, nil without employees.
    static func rate(_ f: AnnualFigures) -> Double? { f.employees > 0 ? Double(f.members) / Double(f.employees) : nil }
}

/// What the dashboard shows, computed together and kept for a minute.
struct DashboardData: Sendable {
    var figures: DashboardFigures
    var statistics: StatisticsSummary
    /// Members at the end of each of the last five years and today.
    var overTime: [(date: CivilDate, members: Int)]
    /// The node's dispute work: open and overdue cases, this year's recovered amount.
    var disputes: DisputeSummary

    /// The figures of the node `code` (the actor's own node when empty).
    static func load(_ store: Store, code: String, actor: Actor) async throws -> DashboardData {
        let figures = try await store.dashboard.figures(code: code.isEmpty ? nil : code, actor: actor)
        let today = CivilDate.today()
        async let statistics = StatisticsSummary.load(store, code: figures.org.code, asOf: today, actor: actor)
        let dates = (1...5).reversed().map { CivilDate.endOfYear(today.year - $0) } + [today]
        async let overTime = store.statistics.membersOverTime(code: figures.org.code, dates: dates, actor: actor)
        async let disputes = store.disputes.summary(code: figures.org.code, today: today, actor: actor)
        return DashboardData(figures: figures, statistics: try await statistics, overTime: try await overTime, disputes: try await disputes)
    }
}

/// The dashboard page: its figures and when they were computed.
struct DashboardPageModel {
    var data: DashboardData
    var computedAt: Int64
    /// The unclosed risk alerts in the officer's subtree: read at every visit, never cached.
    var alerts = RiskAlertSummary()
}

/// The statistics page of a node on a date.
struct StatisticsPageModel {
    var summary: StatisticsSummary
    /// The node and the nodes above it, for the breadcrumbs.
    var crumbs: [Organization]
    /// Why the date asked for was not taken.
    var dateError: String?
    var computedAt: Int64
    var today: CivilDate = .today()

    var report: AnnualReport { summary.report }

    /// A node's page on a date (today's without the parameter).
    func link(_ code: String, _ date: CivilDate) -> String {
        "/stats/\(URLText.component(code))" + (date == today ? "" : "?asOf=\(date.iso)")
    }
}

/// The form recording a collective contract for a union.
struct ContractFormPageModel {
    var org: Organization
    var form: ContractForm
    var errors: FieldErrors
    var csrf: String?
}

/// The contracts section of a union's page.
struct ContractsSectionModel {
    var org: Organization
    var contracts: [CollectiveContract]
    /// Whether the officer may record a contract for this union.
    var mayAdd: Bool
    var today: CivilDate

    init(org: Organization, contracts: [CollectiveContract], actor: Actor, today: CivilDate = .today()) {
        self.org = org
        self.contracts = contracts
        mayAdd = actor.role.mayEditRegistry && org.status == .active
        self.today = today
    }
}
