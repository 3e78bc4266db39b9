import Foundation
import GonghuiDomain
import GonghuiStore

/// The member search: a page of members, the result of an exact look-up, or the prompt to narrow
/// a search too broad to list.
struct MemberSearchPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var query: MemberSearchForm
    var items: [Member] = []
    var total = 0
    var limit = 20
    var offset = 0
    /// Why the exact look-up found nobody.
    var lookupError: String?
    /// The number as typed, kept beside its error.
    var lookupKey = ""
    /// Shown instead of "none found" when nothing was searched.
    var prompt: String?
    /// The unions a typed union name matched, to choose from; or why none did.
    var orgChoices: [OrgChoice] = []
    var orgError: String?
    let mayRegister: Bool

    init(actor: Actor, csrf: String?, query: MemberSearchForm) {
        self.actor = actor
        self.csrf = csrf
        self.query = query
        flash = query.flash
        mayRegister = actor.role.mayEditRegistry
    }

    static func load(_ query: MemberSearchForm, store: Store, actor: Actor, csrf: String?, pageSize: Int = 20) async throws -> MemberSearchPageModel {
        var query = query
        var model = MemberSearchPageModel(actor: actor, csrf: csrf, query: query)
        // The union filter takes a name or a code: several unions by that name are offered first.
        switch try await OrgPicker.inScope.resolve(query.org, store: store, actor: actor) {
        case .code(let code): query.org = code; model.query.org = code
        case .choices(let found): model.orgChoices = found; return model
        case .problem(let text): model.orgError = text; return model
        case .empty: break
        }
        // A province or a city holds hundreds of thousands of members: nobody pages through
        // them, and sorting them all costs a second. Above the county, ask for a name or a union.
        var broad = actor.orgCode == nil
        if let own = actor.orgCode, !query.hasCriteria {
            broad = [.province, .city].contains(try await store.orgs.org(code: own, actor: actor).kind)
        }
        if broad && !query.hasCriteria {
            model.prompt = UI.Registry.broadScopePrompt
            return model
        }
        let page = try await store.members.search(name: query.name, orgCode: query.org.isEmpty ? nil : query.org, status: MemberStatus(rawValue: query.status),
                                                  actor: actor, limit: pageSize, offset: query.offset, sort: query.sort)
        model.items = page.items
        model.total = page.total
        model.limit = page.limit
        model.offset = page.offset
        return model
    }

    /// The members found by phone number (none, or several sharing it), or why nobody was found.
    static func lookup(_ found: [Member], error: String?, key: String = "", actor: Actor, csrf: String?) -> MemberSearchPageModel {
        var model = MemberSearchPageModel(actor: actor, csrf: csrf, query: MemberSearchForm())
        model.items = found
        model.total = found.count
        model.limit = 50
        model.lookupError = error
        if error != nil { model.lookupKey = key }
        return model
    }
}

/// A member's page: the fields, the history, the portal account and what the officer may do.
struct MemberPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var member: Member
    var history: [MemberEvent]
    var hasPortalAccount: Bool
    /// The household's open hardship archive, if any.
    var openArchive: HardshipArchiveSummary?
    /// The full identifiers, once asked for (and audited).
    var revealed: MemberIdentifiers?
    /// A portal activation code just issued, shown once.
    var activation: ActivationCode?
    /// The member's transfer in progress (转接办理中), if any.
    var openTransfer: MembershipTransfer?
    /// When an activation code already given out runs out, while it waits to be used.
    var activationPending: Int64?
    /// Where workers activate their account, as they would type it (for the printed slip).
    var portalAddress = "/my/activate"
    let mayEdit: Bool
    let maySeeIdentifiers: Bool

    var mayTransfer: Bool { mayEdit && isInUnion && openTransfer == nil }
    var mayBuildArchive: Bool { mayEdit && isInUnion }
    var mayReveal: Bool { maySeeIdentifiers && revealed == nil }
    private var isInUnion: Bool { member.status == .active || member.status == .retained }

    static func load(id: Int64, store: Store, actor: Actor, csrf: String?, flash: String? = nil, revealed: MemberIdentifiers? = nil,
                     activation: ActivationCode? = nil) async throws -> MemberPageModel {
        async let member = store.members.member(id: id, actor: actor)
        async let history = store.members.history(id: id, actor: actor)
        async let hasAccount = store.portal.hasAccount(memberID: id)
        async let hardship = store.hardship.openArchive(memberID: id, actor: actor)
        async let transfer = store.members.openTransfer(memberID: id, actor: actor)
        async let pending = store.portal.pendingActivation(memberID: id)
        let m = try await member
        let events = try await history
        let portal = try await hasAccount
        let openArchive = try await hardship
        return MemberPageModel(actor: actor, csrf: csrf, flash: flash, member: m, history: events, hasPortalAccount: portal, openArchive: openArchive,
                               revealed: revealed, activation: activation, openTransfer: try await transfer, activationPending: try await pending, mayEdit: actor.role.mayEditRegistry, maySeeIdentifiers: actor.role.maySeeIdentifiers)
    }
}

/// The form registering a member (no member yet) or editing one.
struct MemberFormPageModel {
    var actor: Actor
    var csrf: String?
    var member: Member?
    var form: MemberForm
    var errors = FieldErrors()
    /// The units a typed union name matched, to choose from.
    var choices: [OrgChoice] = []

    var title: String { member.map { UI.Registry.editTitle($0.name) } ?? UI.Registry.registerTitle }
}

/// The form changing a member's status.
struct MemberStatusPageModel {
    var actor: Actor
    var csrf: String?
    var member: Member
    var form: MemberStatusForm
    var errors = FieldErrors()

    /// The statuses the member may change to from the present one.
    var choices: [MemberStatus] { MemberStatus.allCases.filter { MemberStatusRule.mayChange(from: member.status, to: $0) } }
}

/// The form requesting a member's transfer to another union.
struct MemberTransferPageModel {
    var actor: Actor
    var csrf: String?
    var member: Member
    var form: MemberTransferForm
    var errors = FieldErrors()
    /// The unions a typed name matched, to choose from.
    var choices: [OrgChoice] = []
}
