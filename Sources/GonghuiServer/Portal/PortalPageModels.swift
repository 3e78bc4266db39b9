import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes

/// What every page of a signed-in worker shows around its body: the title, the worker's name,
/// the session's form token and a message after a POST (`?ok=` key).
struct WorkerFrame {
    var title: String
    var member: Member
    var csrf: String
    var flash: String?
}

// MARK: Before signing in

struct ActivatePageModel {
    var csrf: String
    var values: [String: String]
    var errors: FieldErrors
}

struct WorkerLoginPageModel {
    var csrf: String
    var idNumber: String
    var errors: FieldErrors
    var flash: String?
}

// MARK: The worker's membership

struct MembershipPageModel {
    var frame: WorkerFrame
    var membership: WorkerMembership
    /// The transfer being processed, if any.
    var openTransfer: MembershipTransfer?
    /// Applications for assistance neither paid nor refused.
    var assistanceInProgress: Int

    static func load(_ store: Store, session: WorkerSession, flash: String?) async throws -> MembershipPageModel {
        let m = try await store.portal.membership(memberID: session.memberID)
        let grants = try await store.assistance.grants(memberID: session.memberID).map(\.0)
        return MembershipPageModel(frame: WorkerFrame(title: UI.Portal.membershipTitle, member: m.member, csrf: session.csrf, flash: flash),
                                   membership: m, openTransfer: m.transfers.first { $0.state == .processing },
                                   assistanceInProgress: grants.filter { ![.paid, .rejected].contains($0.state) }.count)
    }
}

struct PhonePageModel {
    var frame: WorkerFrame
    var value: String
    var errors: FieldErrors

    static func load(_ store: Store, session: WorkerSession, value: String = "", errors: FieldErrors = FieldErrors()) async throws -> PhonePageModel {
        let m = try await store.portal.membership(memberID: session.memberID).member
        return PhonePageModel(frame: WorkerFrame(title: UI.Portal.phoneTitle, member: m, csrf: session.csrf), value: value, errors: errors)
    }
}

struct TransferPageModel {
    var frame: WorkerFrame
    /// The search for the new employer's union, and the grassroots unions it found.
    var query = ""
    var found: [Organization] = []
    var form = TransferRequestForm()
    var errors = FieldErrors()
    /// The unions a typed name matched, to choose from.
    var choices: [OrgChoice] = []

    static func load(_ store: Store, session: WorkerSession) async throws -> TransferPageModel {
        let m = try await store.portal.membership(memberID: session.memberID).member
        return TransferPageModel(frame: WorkerFrame(title: UI.Portal.transferTitle, member: m, csrf: session.csrf))
    }
}

// MARK: Assistance

struct AssistanceHomeModel {
    var frame: WorkerFrame
    var archive: HardshipArchiveSummary?
    var cycles: [ProgramCycle]
    var grants: [Grant]
    var today: CivilDate
    /// What the records say of the worker (membership, archive, category), before any form.
    var recorded = GrantFacts()

    static func load(_ store: Store, session: WorkerSession, today: CivilDate = .today()) async throws -> AssistanceHomeModel {
        let m = try await store.portal.membership(memberID: session.memberID).member
        let archive = try await store.hardship.openArchive(memberID: session.memberID, actor: .system("portal"))
        let cycles = try await store.assistance.portalCycles(memberID: session.memberID)
        let mine = try await store.assistance.grants(memberID: session.memberID).map(\.0)
        let recorded = try await store.assistance.portalFacts(memberID: session.memberID, declaration: .init()).facts
        return AssistanceHomeModel(frame: WorkerFrame(title: UI.Portal.applyForAssistance, member: m, csrf: session.csrf),
                                   archive: archive, cycles: cycles, grants: mine, today: today, recorded: recorded)
    }

    /// The worker's application to `cycle` that holds it, if any.
    func application(to cycle: ProgramCycle) -> Grant? { grants.first { $0.cycleID == cycle.id && $0.state.holdsTheCycle } }
}

struct MyApplicationsModel {
    struct Item {
        var grant: Grant
        var cycle: ProgramCycle
        var events: [PortalGrantEvent]
    }

    var frame: WorkerFrame
    var items: [Item]

    static func load(_ store: Store, session: WorkerSession, flash: String?) async throws -> MyApplicationsModel {
        let m = try await store.portal.membership(memberID: session.memberID).member
        var items: [Item] = []
        for (g, c) in try await store.assistance.grants(memberID: session.memberID) {
            items.append(Item(grant: g, cycle: c, events: try await store.assistance.portalGrantHistory(grantID: g.id, memberID: session.memberID)))
        }
        return MyApplicationsModel(frame: WorkerFrame(title: UI.Portal.myApplications, member: m, csrf: session.csrf, flash: flash), items: items)
    }
}

/// Why the worker cannot apply to a cycle now.
enum ApplicationRefusal {
    /// Closed or not started yet, with the sentence that says so.
    case closed(String)
    /// The worker holds an application to the cycle already.
    case alreadyApplied
    /// The records show the worker cannot be granted anything in the cycle: what it needs.
    case needs([String], union: String)

    var status: HTTPResponse.Status { .conflict }

    /// The cycle of the path, if the worker may apply to it at all: another city's cycle is
    /// "not found"; a closed one is shown as closed by ``check(_:memberID:store:today:)``.
    static func applicable(_ store: Store, cycleID id: Int64, memberID: Int64) async throws -> (Member, ProgramCycle) {
        let m = try await store.portal.membership(memberID: memberID).member
        let cycle = try await store.assistance.portalCycle(id: id, memberID: memberID)
        let open = try await store.assistance.portalCycles(memberID: memberID)
        if open.contains(where: { $0.id == id }) { return (m, cycle) }
        // Closed or past its end: shown as closed.
        if !cycle.isOpen || cycle.endsOn < .today() { return (m, cycle) }
        throw WebError.notFound
    }

    /// Why the worker cannot apply to the cycle now, if so: closed, not started, or already applied.
    static func check(_ cycle: ProgramCycle, memberID: Int64, store: Store, today: CivilDate = .today()) async throws -> ApplicationRefusal? {
        if !cycle.isOpen || today > cycle.endsOn {
            return .closed(UI.Portal.cycleEnded(cycle.name, from: cycle.startsOn.iso, to: cycle.endsOn.iso))
        }
        if today < cycle.startsOn {
            return .closed(UI.Portal.cycleNotStarted(cycle.name, startsOn: cycle.startsOn.iso))
        }
        let mine = try await store.assistance.grants(memberID: memberID).map(\.0)
        if mine.contains(where: { $0.cycleID == cycle.id && $0.state.holdsTheCycle }) { return .alreadyApplied }
        let recorded = try await store.assistance.portalFacts(memberID: memberID, declaration: .init()).facts
        if let needs = cycle.rules.unmetOnRecord(recorded) {
            let m = try await store.portal.membership(memberID: memberID).member
            return .needs(needs, union: m.orgName)
        }
        return nil
    }
}

/// The application form of a cycle, again with the problems of its fields, or with the
/// conditions the worker does not meet (`refused`).
struct ApplyPageModel {
    var cycle: ProgramCycle
    var asks: AssistanceApplicationForm.Asks
    var applicant: PortalApplicantFacts
    var values: [String: String] = [:]
    var errors = FieldErrors()
    var refused: GrantDecision?
    var csrf: String

    init(cycle: ProgramCycle, applicant: PortalApplicantFacts, values: [String: String] = [:], errors: FieldErrors = FieldErrors(),
         refused: GrantDecision? = nil, csrf: String) {
        self.cycle = cycle; asks = .init(cycle); self.applicant = applicant
        self.values = values; self.errors = errors; self.refused = refused; self.csrf = csrf
    }
}

/// What the rules give and why, before the worker submits.
struct ConfirmationModel {
    var cycle: ProgramCycle
    var decision: GrantDecision
    var applicant: PortalApplicantFacts
    var declaration: AssistanceService.Declaration
    /// Whether the form asked about outdoor work (then "no" is said too).
    var asksOutdoor: Bool
    var values: [String: String]
    var csrf: String

    /// How the amount is computed, in the rule's own words.
    var how: String {
        cycle.rules.rules.first { $0.name == decision.ruleName }.map { $0.amount.amount(for: applicant.facts).1 } ?? ""
    }
}
