import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// 统计年报 in the console: a page per node and date, drilling down the tree, with charts and
/// the spreadsheet to download.
struct StatisticsPages {
    let store: Store
    let cache = TimedCache<StatisticsSummary>()

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("stats", use: ownStatistics)
        router.get("stats/:code", use: statistics)
        router.get("stats/:code/download", use: download)
    }

    /// The officer's own node (the tree's root for users above every node).
    func ownStatistics(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let code: String
        if let own = actor.orgCode { code = own } else {
            guard let root = try await store.orgs.root(actor: actor).first else { throw WebError.notFound }
            code = root.code
        }
        return Web.redirect("/stats/\(URLText.component(code))")
    }

    func statistics(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let code = try context.pathCode("code")
        let (asOf, dateError) = StatisticsDate(PageQuery(request).string("asOf", maxLength: 20)).parse()
        let store = self.store
        let (summary, at) = try await cache.value("\(actor.scope.path)|\(code)|\(asOf.iso)") {
            try await StatisticsSummary.load(store, code: code, asOf: asOf, actor: actor)
        }
        let crumbs = try await store.orgs.breadcrumbs(code: code, actor: actor)
        let model = StatisticsPageModel(summary: summary, crumbs: crumbs, dateError: dateError, computedAt: at)
        return Web.page(Layout.page(UI.Statistics.statisticsTitle(summary.report.root.orgName), actor: actor, csrf: context.csrf, section: .stats,
                                    StatisticsViews.statistics(model)))
    }

    /// The report as XLSX or CSV, of the node and its children or of its whole subtree.
    func download(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let q = PageQuery(request)
        let (asOf, dateError) = StatisticsDate(q.string("asOf", maxLength: 20)).parse()
        if let dateError { throw WebError.badRequest(dateError) }
        let format: AnnualReportFiles.Format = q.string("format") == "csv" ? .csv : .xlsx
        let depth: Int? = q.string("depth") == "all" ? nil : 1
        let report = try await store.statistics.annualReport(code: try context.pathCode("code"), asOf: asOf, depth: depth, actor: actor)
        return Web.download(try AnnualReportFiles.render(report, format: format, englishKeys: q.string("keys") == "en"), fileName: AnnualReportFiles.fileName(report, format: format),
                            contentType: format.contentType)
    }
}
