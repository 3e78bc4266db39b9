import Foundation
import GonghuiDomain

/// 我的互助 rendered: cover, claims, the claim form and one claim. Phone-sized first.
enum PortalMutualAidViews {
    typealias P = UI.PortalMutualAid

    static func home(_ frame: WorkerFrame, cover: [MutualAidCoverView], claims: [MutualAidClaim], today: CivilDate) -> HTML {
        let rounds = cover.map { c -> HTML in
            let from: String = c.coveredFrom.map { P.coveredLine($0.iso, c.coveredTo.iso) } ?? P.notYetCovered
            let waiting: HTML = c.waitingEnds.map { "<br><span class=\"muted\">\(P.waitingLine($0.iso))</span>" } ?? .empty
            let left = c.benefits.map { b -> HTML in
                "<li><strong>\(b.benefit.title)</strong><br><span class=\"muted\">\(P.leftLine(b.benefit.perRoundCap.groupedYuan, b.left.groupedYuan))</span></li>"
            }
            let open = c.round.contains(today) || today <= c.round.endsOn.adding(days: c.round.terms.claimLimitDays)
            return """
            <li class="card"><strong>\(c.plan.name) · \(c.round.name)</strong><br>\(from)\(waiting)
            <ul class="plain">\(left)</ul>
            \(open ? HTML("<a class=\"button\" href=\"/my/mutual-aid/rounds/\(c.round.id)/claim\">\(P.claimButton)</a>") : .empty)</li>
            """
        }
        let items = claims.map { c -> HTML in
            """
            <li class="card"><a href="/my/mutual-aid/claims/\(String(c.id))"><strong>\(c.claimNo)</strong></a> \(MutualAidClaimViews.stateTag(c.state))<br>
            <span class="muted">\(P.claimLine(c.benefitTitle, c.filedOn.iso, c.amount.groupedYuan))</span>\
            \(c.state == .refused ? "<br>" + HTML(stringLiteral: P.refusedLine(c.reason ?? "")) : .empty)</li>
            """
        }
        let body: HTML = """
        <p>\(P.intro)</p>
        <h2>\(P.coverTitle)</h2>
        \(cover.isEmpty ? HTML("<p class=\"muted\">\(P.notEnrolled)</p>") : "<ul class=\"plain\">\(rounds)</ul>")
        <h2>\(P.claimsTitle)</h2>
        \(claims.isEmpty ? HTML("<p class=\"muted\">\(P.noClaims)</p>") : "<ul class=\"plain\">\(items)</ul>")
        """
        return PortalViews.page(frame, body)
    }

    static func claimForm(_ frame: WorkerFrame, cover: MutualAidCoverView, form f: MutualAidClaimForm) -> HTML {
        let body: HTML = """
        <p>\(P.formIntro(cover.plan.name, cover.round.name, cover.round.terms.claimLimitDays))</p>
        \(Layout.formErrors(f.errors))
        <form method="post" action="/my/mutual-aid/rounds/\(cover.round.id)/claim" class="card form" enctype="multipart/form-data" novalidate>
        \(Layout.csrfField(frame.csrf))
        \(f.body(round: cover.round))
        <button type="submit">\(P.submit)</button>
        </form>
        """
        return PortalViews.page(frame, body)
    }

    static func claim(_ frame: WorkerFrame, _ c: MutualAidClaim) -> HTML {
        var facts: [(String, String)] = [(P.round, "\(c.planName) \(c.roundName)"), (P.benefit, c.benefitTitle), (P.event, MutualAidClaimViews.eventLine(c.event)),
                                         (P.filed, c.filedOn.iso), (P.account, "\(c.bankName) \(c.accountMasked)")]
        if c.state == .refused, let r = c.reason { facts.append((P.reason, r)) }
        if let p = c.paidOn { facts.append((P.paidOn, p.iso)) }
        if c.state == .failed { facts.append((P.failed, c.failureReason ?? "")) }
        let dl = facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" as HTML }
        let lines = c.lines.map { "<li>\($0)</li>" as HTML }
        let body: HTML = """
        <p>\(MutualAidClaimViews.stateTag(c.state)) \(P.stateNote(c.state))</p>
        <section class="card"><dl class="fields">\(dl)</dl></section>
        <section class="card"><h2>\(P.arithmetic)</h2><ol>\(lines)</ol></section>
        <p><a href="/my/mutual-aid">\(P.back)</a></p>
        """
        return PortalViews.page(frame, body)
    }
}
