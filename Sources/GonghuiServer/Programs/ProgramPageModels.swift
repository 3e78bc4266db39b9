import Foundation
import GonghuiDomain
import GonghuiStore

// What each assistance programme page shows, read from the store by `load` (or given by the
// handler), with the actor's rights worked out as Bools; the views only render these.

/// The programmes and their cycles; the province's forms to set up both.
struct ProgramsPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var programs: [AssistanceProgram]
    var cycles: [ProgramCycle]
    /// Only the province (or the system's administrator) sets up programmes and cycles.
    var mayEstablish: Bool
    var programValues: [String: String] = [:]
    var programErrors = FieldErrors()
    var cycleValues: [String: String] = [:]
    var cycleErrors = FieldErrors()

    static func load(_ store: Store, actor: Actor, csrf: String?, flash: String? = nil) async throws -> ProgramsPageModel {
        async let programsList = store.assistance.programs()
        async let cyclesList = store.assistance.cycles(actor: actor)
        let programs = try await programsList, cycles = try await cyclesList
        return ProgramsPageModel(actor: actor, csrf: csrf, flash: flash, programs: programs, cycles: cycles,
                                 mayEstablish: await store.isProvinceEditor(actor))
    }
}

/// What the forms of the cycle page come back with after a refused POST.
struct CycleFormState {
    var allocate: [String: String] = [:]
    var allocateErrors = FieldErrors()
    var apply: [String: String] = [:]
    var applyErrors = FieldErrors()
    var decision: GrantDecision?
    var batchError: String?
}

/// A cycle: its rules, the grants by state, the budget down the tree, allocating, applying on
/// a worker's behalf, and its payment batches.
struct CyclePageModel {
    var actor: Actor
    var csrf: String?
    var cycle: ProgramCycle
    var budgets: [CycleBudget]
    var batches: [PaymentBatch]
    var counts: [(GrantState, Int)]
    /// The actor's own budget and its union's children, when it may allocate to them.
    var ownBudget: CycleBudget?
    var children: [OrgSummary] = []
    /// The name looked up on the apply form, and the members found (nil when none was asked).
    var who = ""
    var found: MemberPage?
    var member = ""
    var form = CycleFormState()
    var flash: String?
    /// After "generate": how many grants were made and how many people skipped.
    var generated: (made: Int, skipped: Int)?

    var id: Int64 { cycle.id }
    var mayAllocate: Bool { ownBudget != nil && !children.isEmpty }
    var mayApply: Bool { actor.role.mayEditRegistry && cycle.isOpen }
    var mayMakeBatch: Bool { actor.role.mayDecideTransfers }
    var mayGenerate: Bool { actor.role.mayEditRegistry && cycle.isOpen && actor.orgCode != nil }
    var mayClose: Bool { actor.role.mayEditRegistry && cycle.isOpen && (actor.orgCode == cycle.ownerOrgCode || actor.role == .systemAdmin) }

    static func load(_ store: Store, id: Int64, actor: Actor, csrf: String?, who: String, member: String) async throws -> CyclePageModel {
        let cycle = try await store.assistance.cycle(id: id, actor: actor)
        async let budgetsList = store.assistance.budgets(cycleID: id, actor: actor)
        async let batchesList = store.assistance.batches(cycleID: id, actor: actor)
        let budgets = try await budgetsList, batches = try await batchesList
        var counts: [(GrantState, Int)] = []
        for s in GrantState.allCases {
            counts.append((s, try await store.assistance.grants(cycleID: id, state: s, actor: actor, limit: 1000).count))
        }
        var m = CyclePageModel(actor: actor, csrf: csrf, cycle: cycle, budgets: budgets, batches: batches, counts: counts, member: member)
        if actor.role.mayEditRegistry, let own = actor.orgCode, let mine = budgets.first(where: { $0.orgCode == own }) {
            m.ownBudget = mine
            m.children = (try? await store.orgs.children(of: own, actor: actor, limit: 500)) ?? []
        }
        if m.mayApply {
            m.who = who
            if !who.isEmpty { m.found = try await store.members.search(name: who, orgCode: nil, status: .active, actor: actor, limit: 20) }
        }
        return m
    }
}

/// A refused step on a grant, shown beside the grant it concerns.
struct GrantProblem {
    var grantID: Int64
    var action: String
    var field: String?
    var message: String
}

/// The grants of a cycle in one state (or all), a page at a time, with their buttons.
struct WorklistPageModel {
    static let pageSize = 50
    var actor: Actor
    var csrf: String?
    var cycle: ProgramCycle
    var filter: GrantState?
    var offset: Int
    var grants: [Grant]
    var problem: GrantProblem?
    var flash: String?
    /// Who recorded or reviewed a grant may not approve it (`DutySeparation`), today.
    var dutiesSeparated = true

    var mayDecide: Bool { actor.role.mayDecideTransfers }

    static func load(_ store: Store, cycleID: Int64, state: String, offset: Int, actor: Actor, csrf: String?) async throws -> WorklistPageModel {
        let cycle = try await store.assistance.cycle(id: cycleID, actor: actor)
        let filter = GrantState(rawValue: state)
        let grants = try await store.assistance.grants(cycleID: cycleID, state: filter, actor: actor, limit: pageSize, offset: offset)
        var m = WorklistPageModel(actor: actor, csrf: csrf, cycle: cycle, filter: filter, offset: offset, grants: grants)
        m.dutiesSeparated = try await store.assistance.dutiesSeparated()
        return m
    }
}

/// One grant: the rule that applied and why, the applicant, its history, and what may be done.
struct GrantPageModel {
    typealias Event = (kind: String, detail: String, actor: String, at: Int64)
    var actor: Actor
    var csrf: String?
    var grant: Grant
    var cycle: ProgramCycle
    var events: [Event]
    var flash: String?
    var problem: GrantProblem?
    var requeue: (values: [String: String], errors: FieldErrors)?
    /// Who recorded or reviewed a grant may not approve it (`DutySeparation`), today.
    var dutiesSeparated = true

    var mayDecide: Bool { actor.role.mayDecideTransfers }
    /// A second person decides where the money goes (双人复核): an administrator of the paying
    /// union who did not propose the change.
    var mayDecideAccount: Bool {
        guard let proposer = grant.proposedBy else { return false }
        return (actor.role == .orgAdmin || actor.role == .systemAdmin) && actor.username != proposer
            && (actor.orgCode == grant.budgetOrgCode || actor.role == .systemAdmin)
    }

    static func load(_ store: Store, id: Int64, actor: Actor, csrf: String?) async throws -> GrantPageModel {
        let grant = try await store.assistance.grant(id: id, actor: actor)
        let cycle = try await store.assistance.cycle(id: grant.cycleID, actor: actor)
        let events = try await store.assistance.grantHistory(id: id, actor: actor)
        var m = GrantPageModel(actor: actor, csrf: csrf, grant: grant, cycle: cycle, events: events)
        m.dutiesSeparated = try await store.assistance.dutiesSeparated()
        return m
    }
}

/// A payment batch: its lines and their results, the bank's file, and the results upload.
struct BatchPageModel {
    var actor: Actor
    var csrf: String?
    var batch: PaymentBatch
    /// What the batch pays: a programme's cycle, or a mutual-aid round (its page and name).
    var parent: (href: String, title: String)
    var lines: [PaymentLineView]
    var uploadProblems: [FieldProblem] = []
    var flash: String?
    /// After results were recorded: paid, failed and already recorded lines.
    var recorded: (paid: Int, failed: Int, already: Int)?

    /// The file goes to the bank only once the batch is approved.
    var mayPay: Bool { actor.role.mayDecideTransfers && batch.state != "open" }
    var mayRecordResults: Bool { mayPay && batch.state != "reconciled" && batch.pendingResults == nil }
    /// Whether this officer made the batch, or recorded the results waiting: another decides.
    var madeIt: Bool { batch.createdByUser == actor.username }
    var recordedResults: Bool { batch.pendingResults?.recordedByUser == actor.username }
    /// Problems of the approval or the confirmation, shown beside their buttons.
    var decisionProblem: String?

    static func load(_ store: Store, id: Int64, actor: Actor, csrf: String?) async throws -> BatchPageModel {
        let batch = try await store.assistance.batch(id: id, actor: actor)
        let parent: (String, String)
        if let cycleID = batch.cycleID {
            let cycle = try await store.assistance.cycle(id: cycleID, actor: actor)
            parent = ("/cycles/\(cycleID)", cycle.name)
        } else {
            let (plan, round) = try await store.mutualAid.round(id: batch.roundID ?? 0, actor: actor)
            parent = ("/mutual-aid/rounds/\(round.id)", "\(plan.name) \(round.name)")
        }
        let lines = try await store.assistance.batchLines(id: id, actor: actor)
        return BatchPageModel(actor: actor, csrf: csrf, batch: batch, parent: parent, lines: lines)
    }
}

/// The report of a cycle for one union and its children.
struct CycleReportPageModel {
    var actor: Actor
    var csrf: String?
    var cycle: ProgramCycle
    var report: AssistanceReport
    var crumbs: [Organization]

    /// `org` as asked, or the actor's union, or the cycle's owner.
    static func orgCode(asked: String, actor: Actor, cycle: ProgramCycle) -> String {
        asked.isEmpty ? (actor.orgCode ?? cycle.ownerOrgCode) : asked
    }

    static func load(_ store: Store, cycleID: Int64, org asked: String, actor: Actor, csrf: String?) async throws -> CycleReportPageModel {
        let cycle = try await store.assistance.cycle(id: cycleID, actor: actor)
        let code = orgCode(asked: asked, actor: actor, cycle: cycle)
        let report = try await store.assistance.report(cycleID: cycleID, orgCode: code, actor: actor)
        let crumbs = (try? await store.orgs.breadcrumbs(code: code, actor: actor)) ?? []
        return CycleReportPageModel(actor: actor, csrf: csrf, cycle: cycle, report: report, crumbs: crumbs)
    }
}
