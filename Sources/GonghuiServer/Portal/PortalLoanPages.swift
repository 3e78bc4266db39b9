import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 我的贷款 in the portal: the member's small guaranteed loans, where each stands, what is due
/// next and the whole schedule with what was repaid.
extension PortalPages {
    func registerLoans(on router: RouterGroup<WorkerPageContext>) {
        router.get("my/loans", use: myLoans)
    }

    func myLoans(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let loans = try await store.loans.memberLoans(memberID: context.worker.session.memberID)
        let today = CivilDate.today()
        let items = loans.map { PortalLoanViews.Item(loan: $0.loan, schedule: $0.schedule, repayments: $0.repayments) }
        let f = try await frame(UI.PortalLoans.title, context)
        return Web.page(PortalLoanViews.home(f, items, today: today))
    }
}
