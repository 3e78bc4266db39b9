import Foundation
import GonghuiDomain
import GonghuiStore

/// Orgs found by name or code.
struct OrgSearchPageModel {
    var actor: Actor
    var csrf: String?
    var query: OrgSearchForm
    var found: [Organization]
}

/// An org's page: its figures, fields, children, history, and (for a union) its contracts.
struct OrgPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String
    var summary: OrgSummary
    /// The org and the orgs above it, from the officer's own.
    var crumbs: [Organization]
    var children: [OrgSummary]
    var history: [OrgEvent]
    var offset: Int
    var showEnded: Bool
    /// The collective contracts of a grassroots union or a federation; nil for other kinds.
    var contracts: [CollectiveContract]?
    let mayEdit: Bool

    var org: Organization { summary.org }
    /// Children's head counts of provinces and cities are kept for a minute.
    var childCountsCached: Bool { [.province, .city].contains(org.kind) }
    /// Moves, mergers and dissolutions are offered on the unions below the officer's own.
    var mayChangeTree: Bool { mayEdit && org.status == .active && org.parentID != nil && org.id != actor.orgID }

    static func load(code: String, query: OrgPageForm, store: Store, childCache: TimedCache<[OrgSummary]>, actor: Actor, csrf: String?) async throws -> OrgPageModel {
        let offset = query.offset, showEnded = query.showEnded
        let summary = try await store.orgs.summary(code: code, actor: actor)
        async let crumbs = store.orgs.breadcrumbs(code: code, actor: actor)
        let cacheKey = "\(code)|\(showEnded)|\(offset)"
        let cached = [.province, .city].contains(summary.org.kind) ? await childCache.get(cacheKey)?.0 : nil
        async let fresh = cached == nil ? store.orgs.children(of: code, actor: actor, includeEnded: showEnded, limit: 100, offset: offset) : []
        let children: [OrgSummary]
        if let cached { children = cached } else {
            children = try await fresh
            if [.province, .city].contains(summary.org.kind) { _ = await childCache.put(cacheKey, children) }
        }
        async let history = store.orgs.history(code: code, actor: actor)
        let hasContracts = [.grassroots, .federation].contains(summary.org.kind)
        async let contracts = hasContracts ? store.statistics.contracts(orgCode: code, actor: actor) : []
        return OrgPageModel(actor: actor, csrf: csrf, flash: query.flash, summary: summary, crumbs: try await crumbs, children: children,
                            history: try await history, offset: offset, showEnded: showEnded, contracts: hasContracts ? try await contracts : nil,
                            mayEdit: actor.role.mayEditRegistry)
    }
}

/// The form editing an org's fields.
struct OrgEditPageModel {
    var actor: Actor
    var csrf: String?
    var org: Organization
    var form: OrgForm
    var errors = FieldErrors()
}

/// The first step of a move, merge or dissolution.
struct OrgActionPageModel {
    var actor: Actor
    var csrf: String?
    var org: Organization
    var form: OrgActionForm
    var errors = FieldErrors()

    var action: OrgAction { form.action }
}

/// What a move, merge or dissolution will do, to be confirmed.
struct OrgConfirmPageModel {
    var actor: Actor
    var csrf: String?
    var action: OrgAction
    var summary: OrgSummary
    var target: OrgSummary?
    var date: CivilDate
    var reason: String
}
