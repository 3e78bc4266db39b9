import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// The officer's inbox (消息): to-dos (a new case, a case transferred in, a deadline passed) and
/// reminders (a deadline coming), each leading to its case.
struct InboxPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("inbox", use: inbox)
        router.post("inbox/read", use: markRead)
    }

    func inbox(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard let userID = context.actor.userID else { throw WebError.notFound }
        let (items, unread) = try await store.notifications.inbox(userID: userID)
        return Web.page(Layout.page(UI.Inbox.title, actor: context.actor, csrf: context.csrf, section: .home,
                                    InboxViews.list(items, unread: unread, csrf: context.csrf, action: "/inbox/read")))
    }

    func markRead(_ request: Request, context: OfficerPageContext) async throws -> Response {
        _ = try await WebForm.read(request)
        guard let userID = context.actor.userID else { throw WebError.notFound }
        try await store.notifications.markRead(ids: nil, userID: userID)
        return Web.redirect("/inbox")
    }
}
