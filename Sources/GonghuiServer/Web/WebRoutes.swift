import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The web side: the officers' console at `/` and the workers' portal at `/my/`, server-rendered
/// HTML that works without JavaScript.
struct WebRoutes {
    let store: Store
    let cache: TokenCache
    let throttle: LoginThrottle
    let secureCookies: Bool
    /// The schedule the system page shows.
    var configuration = AppConfiguration()

    func register(on router: Router<AppRequestContext>) {
        router.get("assets/gonghui.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        router.get("assets/gonghui.js") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: PickerScript.js)))
        }
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        // Pages for officers and for signed-in workers get contexts made after WebMiddleware
        // resolved the session, which cannot exist without one (off to the login page).
        let officers = router.group(context: OfficerPageContext.self)
        let workers = router.group(context: WorkerPageContext.self)
        AccountPages(store: store, cache: cache, throttle: throttle, secureCookies: secureCookies).register(on: router, officers: officers)
        DashboardPage(store: store).register(on: officers)
        let store = self.store
        officers.get("pick/orgs") { request, context in try await OrgPicker.suggestions(request, store: store, actor: context.actor) }
        OrgPages(store: store).register(on: officers)
        MemberPages(store: store).register(on: officers)
        TransferPages(store: store).register(on: officers)
        HardshipPages(store: store).register(on: officers)
        DisputeFiguresPages(store: store).register(on: officers)
        DisputeSettingsPages(store: store).register(on: officers)
        MediatorPages(store: store).register(on: officers)
        WarningPages(store: store).register(on: officers)
        LegalAidPages(store: store).register(on: officers)
        SupervisionPages(store: store).register(on: officers)
        MutualAidPages(store: store).register(on: officers)
        LoanPages(store: store).register(on: officers)
        CardPages(store: store).register(on: officers)
        DisputePages(store: store).register(on: officers)
        MediationPages(store: store).register(on: officers)
        InboxPages(store: store).register(on: officers)
        ProgramPages(store: store).register(on: officers)
        StatisticsPages(store: store).register(on: officers)
        ContractPages(store: store).register(on: officers)
        PortalPages(store: store, throttle: throttle, secureCookies: secureCookies).register(on: router, workers: workers)
        ImportPages(store: store, stash: ImportStash()).register(on: officers)
        AuditPages(store: store).register(on: officers)
        SystemPages(store: store, configuration: configuration).register(on: officers)
    }
}
