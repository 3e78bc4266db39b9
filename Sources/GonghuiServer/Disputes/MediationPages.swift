import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The mediation's record on the case page (sessions, particulars) and its documents: a page for
/// the printer and the DOCX file, both from the one composition, every printing audited.
struct MediationPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.post("disputes/:id/session", use: recordSession)
        router.post("disputes/:id/particulars", use: setParticulars)
        router.get("disputes/:id/documents/:kind", use: documentPage)
        router.get("disputes/:id/documents/:kind/docx", use: documentFile)
        router.post("disputes/:id/papers", use: uploadPaper)
        router.post("disputes/:id/confirm-identity", use: confirmIdentity)
        router.post("disputes/:id/arbitration", use: recordArbitration)
        router.get("disputes/:id/papers/:pid", use: downloadPaper)
    }

    func uploadPaper(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        guard let kind = DisputePaperKind(rawValue: form["kind"]), let file = form.files["file"], !file.data.isEmpty else {
            return try await casePage(id, context: context, problem: ActionProblem(action: "paper", field: "file", message: UI.Disputes.paperMissing))
        }
        do {
            _ = try await store.disputes.addPaper(caseID: id, kind: kind, filename: file.fileName, data: [UInt8](file.data), actor: context.actor)
            return Web.redirect("/disputes/\(id)?ok=ds_paper#papers")
        } catch let e as StoreError {
            return try await refused(e, id: id, action: "paper", context: context)
        }
    }

    func recordArbitration(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let f = try await WebForm.read(request)
        func refuse(_ field: String) async throws -> Response {
            try await casePage(id, context: context, problem: ActionProblem(action: "arbitration", field: field, message: UI.Disputes.dateInvalid))
        }
        var dates: [String: CivilDate] = [:]
        for key in ["applied_on", "accepted_on", "awarded_on"] where !f[key].isEmpty {
            guard let d = try? CivilDate(parsing: f[key]) else { return try await refuse(key) }
            dates[key] = d
        }
        guard let applied = dates["applied_on"] else { return try await refuse("applied_on") }
        let record = ArbitrationRecord(commission: String(f["commission"].prefix(100)), appliedOn: applied, acceptedOn: dates["accepted_on"],
                                       extended: f["extended"] == "1", awardedOn: dates["awarded_on"], result: String(f["result"].prefix(1000)))
        do {
            _ = try await store.disputes.recordArbitration(caseID: id, record, actor: context.actor)
            return Web.redirect("/disputes/\(id)?ok=ds_arbitration#arbitration")
        } catch let e as StoreError {
            return try await refused(e, id: id, action: "arbitration", context: context)
        }
    }

    func confirmIdentity(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        _ = try await WebForm.read(request)
        try await store.disputes.confirmIdentity(caseID: id, actor: context.actor)
        return Web.redirect("/disputes/\(id)?ok=ds_identity")
    }

    func downloadPaper(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (meta, bytes) = try await store.disputes.paperData(caseID: try context.pathInt("id"), paperID: try context.pathInt("pid"), actor: context.actor)
        return Web.download(Data(bytes), fileName: meta.filename, contentType: meta.contentType)
    }

    func recordSession(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = DisputeStepForm(try await WebForm.read(request))
        guard let session = form.session() else {
            return try await casePage(id, context: context, problem: ActionProblem(action: "session", field: "held_on", message: UI.Disputes.dateInvalid))
        }
        do {
            _ = try await store.disputes.recordSession(caseID: id, session, actor: context.actor)
            return Web.redirect("/disputes/\(id)?ok=ds_session#mediation")
        } catch let e as StoreError {
            return try await refused(e, id: id, action: "session", context: context)
        }
    }

    func setParticulars(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = DisputeStepForm(try await WebForm.read(request))
        do {
            _ = try await store.disputes.setParticulars(caseID: id, form.particulars ?? MediationParticulars(), actor: context.actor)
            return Web.redirect("/disputes/\(id)?ok=ds_particulars#mediation")
        } catch let e as StoreError {
            return try await refused(e, id: id, action: "particulars", context: context)
        }
    }

    func documentPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (id, doc, caseNo) = try await document(context)
        let model = MediationDocumentPageModel(actor: context.actor, csrf: context.csrf, caseID: id, caseNo: caseNo, document: doc)
        return Web.page(DisputeViews.documentPage(model))
    }

    func documentFile(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (_, doc, caseNo) = try await document(context)
        return Web.download(try MediationDocumentFiles.docx(doc), fileName: MediationDocumentFiles.fileName(doc, caseNo: caseNo),
                            contentType: MediationDocumentFiles.contentType)
    }

    /// The document asked for, composed from the case's dossier; a document the case does not
    /// have yet is refused with the reason.
    private func document(_ context: OfficerPageContext) async throws -> (Int64, MediationDocument, String) {
        let id = try context.pathInt("id")
        guard let kind = context.parameters.get("kind").flatMap(MediationDocument.Kind.init(rawValue:)) else { throw WebError.notFound }
        let dossier = try await store.disputes.dossier(id: id, document: kind.title, actor: context.actor)
        guard let doc = MediationDocument.compose(kind, dossier) else {
            throw StoreError.conflict(code: "workflow", message: MediationDocument.unavailable(kind, for: dossier) ?? "")
        }
        return (id, doc, dossier.dispute.caseNo)
    }

    private func refused(_ e: StoreError, id: Int64, action: String, context: OfficerPageContext) async throws -> Response {
        var problem = ActionProblem(action: action, field: nil, message: e.message)
        let status: HTTPResponse.Status
        switch e {
        case .forbidden: throw e
        case .invalid(let ps):
            problem.field = action == "paper" ? "file" : ps.first?.field
            problem.message = ps.map(\.reason).joined(separator: UI.Disputes.reasonSeparator)
            status = .unprocessableContent
        case .conflict: status = .unprocessableContent
        default: throw e
        }
        return try await casePage(id, context: context, problem: problem, status: status)
    }

    private func casePage(_ id: Int64, context: OfficerPageContext, problem: ActionProblem, status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
        let model = try await DisputeCasePageModel.load(store: store, id: id, actor: context.actor, csrf: context.csrf, flash: nil, problem: problem)
        return Web.page(DisputeViews.casePage(model), status: status)
    }
}
