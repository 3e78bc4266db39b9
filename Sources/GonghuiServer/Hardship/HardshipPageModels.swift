import Foundation
import GonghuiDomain
import GonghuiStore

// What each hardship page shows, read from the store here (or in the handler) and nowhere in
// the views.

/// The tabs of the worklist: all archives, one per stage, and those due for their yearly recheck.
enum HardshipTab: String, CaseIterable {
    case all, building, publicNotice = "public_notice", recheck, approval, filed, due, closed

    var title: String {
        switch self {
        case .all: UI.Hardship.tabAll
        case .due: UI.Hardship.tabDue
        default: HardshipArchiveStage(rawValue: rawValue)?.title ?? rawValue
        }
    }
    var stage: HardshipArchiveStage? { HardshipArchiveStage(rawValue: rawValue) }
}

/// The worklist (困难职工档案) with its tabs, filters and one page of archives.
struct HardshipListPageModel {
    static let pageSize = 30

    struct TabCount {
        var tab: HardshipTab
        var count: Int
        var overdue: Int
    }

    var actor: Actor
    var csrf: String?
    var flash: String?
    var query: HardshipListQuery
    var today: CivilDate
    var items: [HardshipArchiveSummary]
    var total: Int
    var tabs: [TabCount]
    /// The problem with the organization code filtered by, if any.
    var orgError: String?
    var mayBuild: Bool
    /// The unions a typed name matched, to choose from.
    var orgChoices: [OrgChoice] = []

    static func load(store: Store, query: HardshipListQuery, actor: Actor, csrf: String?, flash: String?) async throws -> HardshipListPageModel {
        let today = CivilDate.today()
        var query = query
        let picked = try await OrgPicker.filter(query.org, store: store, actor: actor)
        query.org = picked.code
        var orgError = picked.problem
        var found: HardshipPage?
        if picked.choices.isEmpty && orgError == nil {
            do {
                found = try await store.hardship.list(query.filter(today: today), actor: actor, limit: pageSize, offset: query.offset)
            } catch StoreError.notFound {
                orgError = UI.Hardship.orgNotFound(query.org)
            }
        }
        let counts = try await store.hardship.stageCounts(actor: actor, today: today)
        var dueFilter = HardshipFilter()
        dueFilter.today = today
        dueFilter.dueForReverification = true
        let dueCount = try await store.hardship.list(dueFilter, actor: actor, limit: 1).total
        let tabs = HardshipTab.allCases.map { t -> TabCount in
            switch t {
            case .all: TabCount(tab: t, count: counts.values.reduce(0) { $0 + $1.total }, overdue: 0)
            case .due: TabCount(tab: t, count: dueCount, overdue: 0)
            default: TabCount(tab: t, count: t.stage.flatMap { counts[$0]?.total } ?? 0, overdue: t.stage.flatMap { counts[$0]?.overdue } ?? 0)
            }
        }
        return HardshipListPageModel(actor: actor, csrf: csrf, flash: flash, query: query, today: today, items: found?.items ?? [],
                                     total: found?.total ?? 0, tabs: tabs, orgError: orgError, mayBuild: actor.role.mayEditRegistry, orgChoices: picked.choices)
    }
}

/// One archive with its arithmetic, papers, history and the workflow steps the actor may take.
struct HardshipArchivePageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var archive: HardshipArchive
    var events: [HardshipEvent]
    var papers: [HardshipAttachment]
    var today: CivilDate
    /// The problem of the last step or upload, shown beside its form.
    var problem: ActionProblem?
    var mayEdit: Bool
    var mayReview: Bool
    /// The actor belongs to a union above the archive's (or to the system).
    var isUpper: Bool
    /// The actor is at a level with a 帮扶中心 (county or above). The store decides in the end.
    var isCenter: Bool

    static func load(store: Store, id: Int64, actor: Actor, csrf: String?, flash: String?, problem: ActionProblem?) async throws -> HardshipArchivePageModel {
        async let archive = store.hardship.archive(id: id, actor: actor)
        async let history = store.hardship.history(id: id, actor: actor)
        async let papers = store.hardship.attachments(archiveID: id, actor: actor)
        let a = try await archive
        let events = try await history
        let files = try await papers
        var isCenter = actor.isSystem
        if !isCenter, let code = actor.orgCode, let kind = (try? await store.orgs.org(code: code, actor: actor))?.kind {
            isCenter = kind == .province || kind == .city || kind == .county
        }
        return HardshipArchivePageModel(actor: actor, csrf: csrf, flash: flash, archive: a, events: events, papers: files, today: CivilDate.today(),
                                        problem: problem, mayEdit: actor.role.mayEditRegistry, mayReview: actor.role.mayDecideTransfers,
                                        isUpper: actor.isSystem || actor.orgCode != a.orgCode, isCenter: isCenter)
    }

    /// The message of the problem when it belongs beside `field` of the form of `action`.
    func problem(_ action: String, field: String) -> String? {
        guard let problem, problem.action == action, problem.field == field else { return nil }
        return problem.message
    }
}

/// The archive form, new (for a member or a non-member) or revising an archive.
struct HardshipFormPageModel {
    var actor: Actor
    var csrf: String?
    /// The archive revised; nil for a new one.
    var archive: HardshipArchive?
    /// The member a new archive is for.
    var member: Member?
    var values: HardshipForm
    var errors = FieldErrors()
    /// The unions a typed name matched, to choose from (a person who is not a member).
    var orgChoices: [OrgChoice] = []

    var title: String { archive.map { UI.Hardship.reviseTitle($0.name) } ?? UI.Hardship.buildTitle }
}

/// Instead of a new form: the member's family already has an open archive (one per family).
struct HardshipAlreadyOpenPageModel {
    var actor: Actor
    var csrf: String?
    var member: Member
    var open: HardshipArchiveSummary
}

/// What `GET /hardship/new` shows.
enum HardshipNewPage {
    case form(HardshipFormPageModel)
    case alreadyOpen(HardshipAlreadyOpenPageModel)

    static func load(store: Store, memberID: Int64?, actor: Actor, csrf: String?) async throws -> HardshipNewPage {
        guard let id = memberID else {
            let values = HardshipForm.new(appliedOn: .today(), member: nil, regionCode: "", orgCode: actor.orgCode ?? "")
            return .form(HardshipFormPageModel(actor: actor, csrf: csrf, values: values))
        }
        let m = try await store.members.member(id: id, actor: actor)
        if let open = try await store.hardship.openArchive(memberID: id, actor: actor) {
            return .alreadyOpen(HardshipAlreadyOpenPageModel(actor: actor, csrf: csrf, member: m, open: open))
        }
        let region = (try? await store.orgs.org(code: m.orgCode, actor: actor))?.regionCode ?? ""
        let values = HardshipForm.new(appliedOn: .today(), member: m, regionCode: region, orgCode: "")
        return .form(HardshipFormPageModel(actor: actor, csrf: csrf, member: m, values: values))
    }
}

/// The province's 低保 table and the days of public notice.
struct SubsistenceLinesPageModel {
    struct Row {
        var line: SubsistenceLine
        var regionName: String?
        var inForce: Bool
    }

    var actor: Actor
    var csrf: String?
    var flash: String?
    var today: CivilDate
    var lines: [SubsistenceLine]
    var rows: [Row]
    var noticeDays: Int
    /// The actor may keep the table (the system administrator, or an editor of the province).
    var editor: Bool
    var values: [String: String]
    var errors: FieldErrors

    static func load(store: Store, actor: Actor, csrf: String?, flash: String?, values: [String: String], errors: FieldErrors) async throws -> SubsistenceLinesPageModel {
        async let lines = store.hardship.subsistenceLines()
        async let days = store.hardship.noticeDays()
        let all = try await lines
        let noticeDays = try await days
        let editor = await store.isProvinceEditor(actor)
        let today = CivilDate.today()
        let table = SubsistenceTable(all)
        let rows = all.sorted { ($0.regionCode, $1.effectiveFrom) < ($1.regionCode, $0.effectiveFrom) }.map { l in
            Row(line: l, regionName: (try? RegionCode(l.regionCode)).flatMap { RegionCatalog.builtIn.fullName(of: $0) },
                inForce: table.line(for: l.regionCode, on: today) == l)
        }
        return SubsistenceLinesPageModel(actor: actor, csrf: csrf, flash: flash, today: today, lines: all, rows: rows, noticeDays: noticeDays,
                                         editor: editor, values: values, errors: errors)
    }
}
