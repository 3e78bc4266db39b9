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

    func register(on router: Router<AppRequestContext>) {
        router.get("assets/gonghui.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        AccountPages(store: store, cache: cache, throttle: throttle, secureCookies: secureCookies).register(on: router)
        DashboardPage(store: store).register(on: router)
        OrgPages(store: store).register(on: router)
        MemberPages(store: store).register(on: router)
        TransferPages(store: store).register(on: router)
        HardshipPages(store: store).register(on: router)
        ProgramPages(store: store).register(on: router)
        StatisticsPages(store: store).register(on: router)
        ContractPages(store: store).register(on: router)
        PortalPages(store: store, throttle: throttle, secureCookies: secureCookies).register(on: router)
        ImportPages(store: store, stash: ImportStash()).register(on: router)
        AuditPages(store: store).register(on: router)
    }
}
