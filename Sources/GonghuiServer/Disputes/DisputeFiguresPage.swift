import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// 维权统计: the year's dispute figures of a node and its children for a period, with charts, a
/// drill-down to each child and the Excel file; the same figures as `gonghui report disputes`.
struct DisputeFiguresPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("disputes/figures", use: figures)
        router.get("disputes/figures.xlsx", use: download)
    }

    func figures(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let query = DisputeFiguresQuery(PageQuery(request), actor: context.actor)
        let model = try await DisputeFiguresPageModel.load(store: store, query: query, actor: context.actor, csrf: context.csrf)
        return Web.page(DisputeFiguresViews.page(model), status: model.problems.isEmpty ? .ok : .unprocessableContent)
    }

    func download(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let query = DisputeFiguresQuery(PageQuery(request), actor: context.actor)
        let (from, to, problems) = query.period()
        if let p = problems.first { throw WebError.badRequest(p.reason) }
        let report = try await store.disputes.report(code: query.org, from: from, to: to, depth: query.all ? nil : 1, actor: context.actor)
        return Web.download(try DisputeReportFiles.render(report, format: .xlsx), fileName: DisputeReportFiles.fileName(report),
                            contentType: AnnualReportFiles.Format.xlsx.contentType)
    }
}

/// The figures page's query: the node (the actor's own by default) and the period (this year to
/// today by default).
struct DisputeFiguresQuery {
    var org: String
    var from: String
    var to: String
    /// The Excel file of the whole subtree rather than the node and its children.
    var all: Bool

    init(_ q: PageQuery, actor: Actor) {
        let org = q.string("org", maxLength: 64)
        self.org = org.isEmpty ? (actor.orgCode ?? "") : org
        from = q.string("from", maxLength: 20)
        to = q.string("to", maxLength: 20)
        all = q.string("depth") == "all"
    }

    /// The period asked for, or the problems with it.
    func period(today: CivilDate = .today()) -> (from: CivilDate, to: CivilDate, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        func parse(_ raw: String, _ field: String, _ fallback: CivilDate) -> CivilDate {
            guard !raw.isEmpty else { return fallback }
            do { return try CivilDate(parsing: raw) } catch {
                problems.append(FieldProblem(field: field, value: raw, reason: UI.Disputes.figuresBadDate))
                return fallback
            }
        }
        let from = parse(self.from, "from", today.startOfYear), to = parse(self.to, "to", today)
        if problems.isEmpty && from > to { problems.append(FieldProblem(field: "from", value: self.from, reason: UI.Disputes.figuresFromAfterTo)) }
        return (from, to, problems)
    }

    func link(org code: String, from: CivilDate, to: CivilDate) -> String {
        "/disputes/figures?org=\(URLText.component(code))&from=\(from.iso)&to=\(to.iso)"
    }
}

/// What the figures page shows.
struct DisputeFiguresPageModel {
    var actor: Actor
    var csrf: String?
    var query: DisputeFiguresQuery
    var from: CivilDate
    var to: CivilDate
    var report: DisputeReport?
    /// The node and those above it within the actor's view, for the breadcrumbs.
    var crumbs: [(code: String, name: String)]
    var problems: [FieldProblem]
    /// The workers' ratings of the period's cases: how many, and the average score.
    var satisfaction: (rated: Int, average: String?) = (0, nil)
    /// The risk alerts and legal aid of the node and period.
    var rights = RightsFigures()
    /// The regions one level below, for the map (empty with fewer than two).
    var incidence: [RegionIncidence] = []

    static func load(store: Store, query: DisputeFiguresQuery, actor: Actor, csrf: String?) async throws -> DisputeFiguresPageModel {
        var query = query
        let (from, to, dateProblems) = query.period()
        var problems = dateProblems
        // The union by name or code: several by a name are named beside the field.
        let picked = try await OrgPicker.inScope.settleInline(query.org, store: store, actor: actor)
        if let code = picked.code { query.org = code }
        if let problem = picked.problem { problems.append(FieldProblem(field: "org", value: query.org, reason: problem)) }
        var model = DisputeFiguresPageModel(actor: actor, csrf: csrf, query: query, from: from, to: to, report: nil, crumbs: [], problems: problems)
        guard problems.isEmpty else { return model }
        do {
            model.report = try await store.disputes.report(code: query.org, from: from, to: to, depth: 1, actor: actor)
            model.satisfaction = try await store.disputes.satisfaction(code: query.org, from: from, to: to, actor: actor)
            model.rights = try await store.rightsFigures(code: query.org, from: from, to: to, actor: actor)
            // The map of the regions below: their cases against their members at the period's end.
            if let report = model.report, report.rows.dropFirst().filter({ [.city, .county, .township].contains($0.kind) }).count >= 2 {
                let annual = try await store.statistics.annualReport(code: query.org, asOf: to, depth: 1, actor: actor)
                let members = Dictionary(annual.rows.map { ($0.orgCode, $0.figures.members) }, uniquingKeysWith: { a, _ in a })
                // Regions only (cities, counties, townships): a county's enterprises are not a map.
                let regions: Set<OrgKind> = [.city, .county, .township]
                model.incidence = report.rows.dropFirst().filter { $0.level == report.rows[0].level + 1 && regions.contains($0.kind) }
                    .map { RegionIncidence(code: $0.orgCode, name: $0.orgName, cases: $0.figures.casesReceived, members: members[$0.orgCode] ?? 0) }
            }
            model.crumbs = try await store.orgs.breadcrumbs(code: query.org, actor: actor).map { ($0.code, $0.name) }
        } catch StoreError.notFound {
            model.problems = [FieldProblem(field: "org", value: query.org, reason: UI.Disputes.orgNotFound(query.org))]
        }
        return model
    }
}
