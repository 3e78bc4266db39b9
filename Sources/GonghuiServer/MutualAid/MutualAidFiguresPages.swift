import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// A round's figures in the console (互助统计): the node's tiles (enrolled, received, paid, the
/// payout ratio), charts of the ratio by child and of benefits by item and diagnosis, the table
/// of children each leading to its own figures, and the same as Excel or CSV.
extension MutualAidPages {
    func registerFigures(on router: RouterGroup<OfficerPageContext>) {
        router.get("mutual-aid/rounds/:id/figures", use: figures)
    }

    func figures(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let q = PageQuery(request)
        let asked = q.string("org")
        guard let org = asked.isEmpty ? context.actor.orgCode : asked else { throw WebError.notFound }
        let report = try await store.mutualAid.report(roundID: id, orgCode: org, actor: context.actor)
        switch q.string("format") {
        case "xlsx":
            return Web.download(try MutualAidFiles.report(report, format: .xlsx), fileName: "mutual-aid-\(report.roundID)-\(report.orgCode).xlsx",
                                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        case "csv":
            return Web.download(try MutualAidFiles.report(report, format: .csv), fileName: "mutual-aid-\(report.roundID)-\(report.orgCode).csv",
                                contentType: "text/csv; charset=utf-8")
        default:
            return Web.page(MutualAidFiguresViews.page(actor: context.actor, csrf: context.csrf, report: report))
        }
    }
}
