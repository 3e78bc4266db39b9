import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// 工作台: the figures of the officer's subtree, as SVG charts drawn here with the numbers
/// in tables beside them.
struct DashboardPage {
    let store: Store
    let cache = TimedCache<DashboardData>()

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("/", use: dashboard)
    }

    func dashboard(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let code = PageQuery(request).string("org", maxLength: 64)
        let store = self.store
        let (data, at) = try await cache.value(actor.scope.path + "|" + code) {
            try await DashboardData.load(store, code: code, actor: actor)
        }
        let model = DashboardPageModel(data: data, computedAt: at, alerts: try await store.warnings.summary(actor: actor))
        return Web.page(Layout.page(UI.Statistics.dashboardTitle(data.figures.org.name), actor: actor, csrf: context.csrf, section: .home,
                                    StatisticsViews.dashboard(model)))
    }
}
