import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 我的维权 in the portal: the worker's cases with each step and the next deadline, a short form
/// to complain or ask for mediation from the phone, the agreement to download, the rating once
/// closed; and the worker's inbox (消息).
extension PortalPages {
    func registerDisputes(on router: RouterGroup<WorkerPageContext>) {
        router.get("my/disputes", use: myDisputes)
        router.get("my/disputes/new", use: disputeForm)
        router.post("my/disputes/new", use: fileDispute)
        router.get("my/disputes/:id", use: myDispute)
        router.post("my/disputes/:id/rate", use: rateDispute)
        router.post("my/disputes/:id/papers", use: addPaper)
        router.get("my/disputes/:id/agreement", use: agreement)
        router.get("my/legal-aid/new", use: legalAidForm)
        router.post("my/legal-aid/new", use: applyForLegalAid)
        router.get("my/inbox", use: inbox)
        router.post("my/inbox/read", use: markRead)
    }

    func frame(_ title: String, _ context: WorkerPageContext, flash: String? = nil) async throws -> WorkerFrame {
        let s = context.worker.session
        return WorkerFrame(title: title, member: try await store.portal.membership(memberID: s.memberID).member, csrf: s.csrf, flash: flash)
    }

    func myDisputes(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let cases = try await store.disputes.portalCases(memberID: context.worker.session.memberID)
        let legalAid = try await store.legalAid.portalApplications(memberID: context.worker.session.memberID)
        let f = try await frame(UI.PortalDisputes.listTitle, context, flash: PageQuery(request).string("ok"))
        return Web.page(PortalDisputeViews.list(f, cases: cases, legalAid: legalAid, today: .today()))
    }

    func disputeForm(_ request: Request, context: WorkerPageContext) async throws -> Response {
        Web.page(PortalDisputeViews.form(try await frame(UI.PortalDisputes.newTitle, context), PortalDisputeForm(), errors: FieldErrors()))
    }

    func fileDispute(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let form = PortalDisputeForm(try await WebForm.read(request))
        var errors = FieldErrors()
        let f = try await frame(UI.PortalDisputes.newTitle, context)
        let filing = form.parse(into: &errors)
        // A paper sent with the filing is checked before anything is filed.
        let paper = form.paper
        if let paper {
            for p in PaperFile.check(filename: paper.name, data: paper.data).problems { errors.add("file", p.reason) }
        }
        guard let filing, errors.isEmpty else {
            return Web.page(PortalDisputeViews.form(f, form, errors: errors), status: .unprocessableContent)
        }
        do {
            let memberID = context.worker.session.memberID
            let c = try await store.disputes.file(filing, memberID: memberID)
            if let paper {
                do {
                    _ = try await store.disputes.addPortalPaper(caseID: c.id, memberID: memberID, kind: paper.kind, filename: paper.name, data: paper.data)
                } catch is StoreError {
                    return Web.redirect("/my/disputes/\(c.id)?ok=filed_paper_failed#papers")
                }
            }
            return Web.redirect("/my/disputes/\(c.id)?ok=filed")
        } catch let e as StoreError {
            if case .notFound = e { throw e }
            errors.add(e, fields: PortalDisputeForm.fields)
            return Web.page(PortalDisputeViews.form(f, form, errors: errors), status: .unprocessableContent)
        }
    }

    /// 申请法律援助: the matter, what for, and one of the worker's own cases or none.
    func legalAidForm(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let cases = try await store.disputes.portalCases(memberID: context.worker.session.memberID)
        let values = ["case_id": PageQuery(request).string("case", maxLength: 18)]
        return Web.page(PortalDisputeViews.legalAidForm(try await frame(UI.LegalAid.portalFormTitle, context), cases: cases, values: values, errors: FieldErrors()))
    }

    func applyForLegalAid(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let values = ["matter": form["matter"], "request": form["request"], "case_id": form["case_id"]]
        var errors = FieldErrors()
        let matter = LegalAidMatter(rawValue: form["matter"])
        if matter == nil { errors.add("matter", UI.LegalAid.unknownMatter) }
        if let matter, errors.isEmpty {
            do {
                _ = try await store.legalAid.applyFromPortal(memberID: context.worker.session.memberID, matter: matter, request: form["request"],
                                                             caseID: Int64(form["case_id"]))
                return Web.redirect("/my/disputes?ok=la_portal_applied")
            } catch let e as StoreError {
                if case .notFound = e { throw e }
                errors.add(e, fields: ["request", "case_id", "matter"])
            }
        }
        let cases = try await store.disputes.portalCases(memberID: context.worker.session.memberID)
        return Web.page(PortalDisputeViews.legalAidForm(try await frame(UI.LegalAid.portalFormTitle, context), cases: cases, values: values, errors: errors),
                        status: .unprocessableContent)
    }

    func myDispute(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let c = try await store.disputes.portalCase(id: try context.pathInt("id"), memberID: context.worker.session.memberID)
        let f = try await frame(UI.PortalDisputes.caseTitle(c.caseNo), context, flash: PageQuery(request).string("ok"))
        let papers = try await store.disputes.portalPapers(caseID: c.id, memberID: context.worker.session.memberID)
        return Web.page(PortalDisputeViews.detail(f, c, papers: papers, today: .today()))
    }

    func addPaper(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let id = try context.pathInt("id"), memberID = context.worker.session.memberID
        let form = try await WebForm.read(request)
        var problem = UI.Disputes.paperMissing
        if let kind = DisputePaperKind(rawValue: form["kind"]), let file = form.files["file"], !file.data.isEmpty {
            do {
                _ = try await store.disputes.addPortalPaper(caseID: id, memberID: memberID, kind: kind, filename: file.fileName, data: [UInt8](file.data))
                return Web.redirect("/my/disputes/\(id)?ok=paper#papers")
            } catch let e as StoreError {
                if case .notFound = e { throw e }
                problem = e.message
            }
        }
        let c = try await store.disputes.portalCase(id: id, memberID: memberID)
        let f = try await frame(UI.PortalDisputes.caseTitle(c.caseNo), context)
        let papers = try await store.disputes.portalPapers(caseID: id, memberID: memberID)
        return Web.page(PortalDisputeViews.detail(f, c, papers: papers, today: .today(), paperError: problem), status: .unprocessableContent)
    }

    func rateDispute(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let id = try context.pathInt("id"), memberID = context.worker.session.memberID
        let form = try await WebForm.read(request)
        do {
            _ = try await store.disputes.rate(caseID: id, memberID: memberID, score: Int(form["score"]) ?? 0, comment: String(form["comment"].prefix(600)))
            return Web.redirect("/my/disputes/\(id)?ok=rated")
        } catch let e as StoreError {
            if case .notFound = e { throw e }
            let c = try await store.disputes.portalCase(id: id, memberID: memberID)
            let f = try await frame(UI.PortalDisputes.caseTitle(c.caseNo), context)
            let papers = try await store.disputes.portalPapers(caseID: id, memberID: memberID)
            return Web.page(PortalDisputeViews.detail(f, c, papers: papers, today: .today(), ratingError: e.message), status: .unprocessableContent)
        }
    }

    func agreement(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let dossier = try await store.disputes.portalDossier(caseID: try context.pathInt("id"), memberID: context.worker.session.memberID)
        guard let doc = MediationDocument.compose(.agreement, dossier) else { throw WebError.notFound }
        return Web.download(try MediationDocumentFiles.docx(doc), fileName: MediationDocumentFiles.fileName(doc, caseNo: dossier.dispute.caseNo),
                            contentType: MediationDocumentFiles.contentType)
    }

    func inbox(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let (items, unread) = try await store.notifications.inbox(memberID: context.worker.session.memberID)
        let f = try await frame(UI.Inbox.title, context)
        return Web.page(PortalViews.page(f, InboxViews.list(items, unread: unread, csrf: f.csrf, action: "/my/inbox/read")))
    }

    func markRead(_ request: Request, context: WorkerPageContext) async throws -> Response {
        _ = try await WebForm.read(request)
        try await store.notifications.markRead(ids: nil, memberID: context.worker.session.memberID)
        return Web.redirect("/my/inbox")
    }
}

/// The filing form as typed, and its parse into a filing with every problem beside its field.
struct PortalDisputeForm {
    static let fields: Set<String> = ["kind", "employer_name", "employer_credit_code", "types", "amount", "facts", "learned_on", "employment_ended_on"]
    var values: [String: String] = [:]
    var types: Set<String> = []
    /// A paper sent with the filing (a member's form only).
    var paper: (kind: DisputePaperKind, name: String, data: [UInt8])?

    init() {}

    init(_ f: WebForm) {
        for key in Self.fields.union(["name", "id_number", "phone", "org_code"]) { values[key] = f[key] }
        if let file = f.files["file"], !file.data.isEmpty {
            paper = (DisputePaperKind(rawValue: f["paper_kind"]) ?? .evidence, file.fileName, [UInt8](file.data))
        }
        for t in DisputeType.allCases where f["type_\(t.rawValue)"] == "1" { types.insert(t.rawValue) }
        values["confidential"] = f["confidential"]
        values["mediation"] = f["mediation"]
    }

    subscript(_ key: String) -> String { values[key] ?? "" }

    func parse(into errors: inout FieldErrors, today: CivilDate = .today()) -> PortalDisputeFiling? {
        let kind = self["kind"] == DisputeRequestKind.request.rawValue ? DisputeRequestKind.request : .complaint
        let employer = self["employer_name"].trimmingCharacters(in: .whitespaces)
        if employer.isEmpty { errors.add("employer_name", UI.PortalDisputes.employerRequired) }
        let chosen = DisputeType.allCases.filter { types.contains($0.rawValue) }
        if chosen.isEmpty { errors.add("types", UI.PortalDisputes.typesRequired) }
        var amount = Money.zero
        if !self["amount"].isEmpty {
            if let m = DisputeIntakeForm.money(self["amount"]), m.fen >= 0 { amount = m } else { errors.add("amount", UI.Disputes.amountInvalid) }
        }
        let facts = self["facts"].trimmingCharacters(in: .whitespacesAndNewlines)
        if facts.count < 10 { errors.add("facts", UI.PortalDisputes.factsRequired) }
        func date(_ key: String) -> CivilDate? {
            guard !self[key].isEmpty else { return nil }
            guard let d = try? CivilDate(parsing: self[key]), d <= today else { errors.add(key, UI.Disputes.dateInvalid); return nil }
            return d
        }
        let learned = date("learned_on"), ended = date("employment_ended_on")
        let code = self["employer_credit_code"].trimmingCharacters(in: .whitespaces)
        guard errors.isEmpty else { return nil }
        return PortalDisputeFiling(kind: kind, employerName: employer, employerCreditCode: code.isEmpty ? nil : code, types: chosen, amountClaimed: amount,
                                   facts: facts, learnedOn: learned, employmentEndedOn: ended, confidential: self["confidential"] == "1",
                                   wantsMediation: self["mediation"] == "1")
    }
}
