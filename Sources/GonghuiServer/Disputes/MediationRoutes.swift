import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// A case's mediation over the API: its record (particulars, sessions, the agreement's number
/// and which documents can be printed), sessions, particulars, and the documents as DOCX.
struct MediationRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("disputes/:id/mediation", use: mediation)
        api.post("disputes/:id/sessions", use: recordSession)
        api.post("disputes/:id/particulars", use: setParticulars)
        api.get("disputes/:id/documents/:kind", use: document)
        api.get("disputes/:id/papers", use: papers)
        api.post("disputes/:id/papers", use: addPaper)
        api.get("disputes/:id/papers/:pid", use: paper)
        api.get("disputes/:id/arbitration", use: arbitration)
        api.post("disputes/:id/arbitration", use: recordArbitration)
    }

    // GET disputes/:id/arbitration
    func arbitration(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        guard let record = try await store.disputes.arbitration(caseID: id, actor: context.actor) else {
            throw StoreError.notFound(entity: "仲裁记录", key: String(id))
        }
        return try JSONResponse.make(API.Arbitration(record, policy: try await store.disputes.policy()))
    }

    // POST disputes/:id/arbitration
    func recordArbitration(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let commission = body.string("commission", required: true, maxLength: 100)
        let applied = body.date("appliedOn", required: true)
        let accepted = body.date("acceptedOn")
        let extended = body.bool("extended") ?? false
        let awarded = body.date("awardedOn")
        let result = body.string("result", maxLength: 1000) ?? ""
        try body.check()
        let record = ArbitrationRecord(commission: commission!, appliedOn: applied!, acceptedOn: accepted, extended: extended, awardedOn: awarded, result: result)
        let saved = try await store.disputes.recordArbitration(caseID: id, record, actor: context.actor)
        return try JSONResponse.make(API.Arbitration(saved, policy: try await store.disputes.policy()))
    }

    // GET disputes/:id/papers
    func papers(_ request: Request, context: APIOfficerContext) async throws -> Response {
        try JSONResponse.make(ItemsJSON(items: try await store.disputes.papers(caseID: try context.pathID("id"), actor: context.actor).map(API.DisputePaper.init)))
    }

    // POST disputes/:id/papers
    func addPaper(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var q = QueryReader(request)
        let kind = q.choice("kind", allowed: DisputePaperKind.allCases.map(\.rawValue)) { DisputePaperKind(rawValue: $0) }
        let filename = q.string("filename", maxLength: 200)
        if kind == nil && !q.problems.contains(where: { $0.field == "kind" }) { q.problems.append(FieldProblem(field: "kind", value: "", reason: "必填")) }
        if filename == nil { q.problems.append(FieldProblem(field: "filename", value: "", reason: "必填")) }
        try q.check()
        var request = request
        let buffer = try await request.collectBody(upTo: PaperFile.maxBytes + 1)
        let saved = try await store.disputes.addPaper(caseID: id, kind: kind!, filename: filename!, data: Array(buffer.readableBytesView), actor: context.actor)
        return try JSONResponse.created(API.DisputePaper(saved), at: "/api/v1/disputes/\(id)/papers/\(saved.id)")
    }

    // GET disputes/:id/papers/:pid
    func paper(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let (meta, bytes) = try await store.disputes.paperData(caseID: try context.pathID("id"), paperID: try context.pathID("pid"), actor: context.actor)
        var headers = HTTPFields()
        headers[.contentType] = meta.contentType
        headers[.contentDisposition] = Web.contentDisposition(meta.filename)
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // GET disputes/:id/mediation
    func mediation(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        async let record = store.disputes.mediation(id: id, actor: context.actor)
        async let dispute = store.disputes.find(id: id, actor: context.actor)
        return try JSONResponse.make(API.MediationRecord(try await record, dispute: try await dispute))
    }

    // POST disputes/:id/sessions
    func recordSession(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let heldOn = body.date("heldOn", required: true)
        let place = body.string("place", required: true, maxLength: 100)
        let attendees = body.string("attendees", required: true, maxLength: 500)
        let notes = body.string("notes", required: true, maxLength: 5000)
        try body.check()
        let record = try await store.disputes.recordSession(caseID: id, MediationSession(heldOn: heldOn!, place: place!, attendees: attendees!, notes: notes!),
                                                            actor: context.actor)
        return try JSONResponse.make(API.MediationRecord(record, dispute: try await store.disputes.find(id: id, actor: context.actor)))
    }

    // POST disputes/:id/particulars
    func setParticulars(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let particulars = MediationParticularsReader.read(&body) ?? MediationParticulars()
        try body.check()
        let record = try await store.disputes.setParticulars(caseID: id, particulars, actor: context.actor)
        return try JSONResponse.make(API.MediationRecord(record, dispute: try await store.disputes.find(id: id, actor: context.actor)))
    }

    // GET disputes/:id/documents/:kind
    func document(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        guard let kind = context.parameters.get("kind").flatMap(MediationDocument.Kind.init(rawValue:)) else {
            throw APIError.validation([FieldProblem(field: "kind", value: context.parameters.get("kind") ?? "",
                                                    reason: "应为以下之一：\(MediationDocument.Kind.allCases.map(\.rawValue).joined(separator: "、"))")])
        }
        let dossier = try await store.disputes.dossier(id: id, document: kind.title, actor: context.actor)
        guard let doc = MediationDocument.compose(kind, dossier) else {
            throw StoreError.conflict(code: "workflow", message: MediationDocument.unavailable(kind, for: dossier) ?? "")
        }
        return Web.download(try MediationDocumentFiles.docx(doc), fileName: MediationDocumentFiles.fileName(doc, caseNo: dossier.dispute.caseNo),
                            contentType: MediationDocumentFiles.contentType)
    }
}

/// The mediation's particulars from a JSON body (with a step, or on their own); nil when none
/// of their fields is there.
enum MediationParticularsReader {
    static func read(_ body: inout BodyReader) -> MediationParticulars? {
        let p = MediationParticulars(
            mediator: body.string("mediator", maxLength: 50) ?? "", employerRepresentative: body.string("employerRepresentative", maxLength: 50) ?? "",
            employerAgent: body.string("employerAgent", maxLength: 100) ?? "", workerAgent: body.string("workerAgent", maxLength: 100) ?? "",
            paymentMethod: body.string("paymentMethod", maxLength: 200) ?? "", claimsWaived: body.string("claimsWaived", maxLength: 500) ?? "")
        return p.isEmpty ? nil : p
    }
}

extension API.Arbitration {
    init(_ r: ArbitrationRecord, policy: PolicyBook) {
        self.init(commission: r.commission, appliedOn: r.appliedOn.iso, acceptedOn: r.acceptedOn?.iso, extended: r.extended, awardedOn: r.awardedOn?.iso,
                  result: r.result, acceptanceDue: r.acceptanceDue(policy: policy).iso, awardDue: r.awardDue(policy: policy)?.iso)
    }
}

extension API.DisputePaper {
    init(_ p: DisputePaper) {
        self.init(id: p.id, kind: contractValue(p.kind.rawValue), kindLabel: p.kind.title, filename: p.filename, contentType: contractValue(p.contentType),
                  size: p.size, sha256: p.sha256, uploadedBy: p.uploadedBy, uploadedAt: p.uploadedAt)
    }
}

extension API.MediationRecord {
    init(_ r: DisputeService.MediationRecord, dispute: DisputeCase) {
        let dossier = DisputeDossier(dispute: dispute, parties: [], particulars: r.particulars, sessions: r.sessions, agreementNo: r.agreementNo,
                                     agreementSignedOn: r.agreementSignedOn, mediationRecordedAt: nil)
        let p = r.particulars
        self.init(mediator: p.mediator, employerRepresentative: p.employerRepresentative, employerAgent: p.employerAgent, workerAgent: p.workerAgent,
                  paymentMethod: p.paymentMethod, claimsWaived: p.claimsWaived, agreementNo: r.agreementNo, agreementSignedOn: r.agreementSignedOn?.iso,
                  sessions: r.sessions.map { API.MediationSession(heldOn: $0.heldOn.iso, place: $0.place, attendees: $0.attendees, notes: $0.notes, recordedBy: $0.recordedBy) },
                  documents: MediationDocument.Kind.allCases.map { kind in
                      let reason = MediationDocument.unavailable(kind, for: dossier)
                      return API.MediationDocumentLink(kind: contractValue(kind.rawValue), title: kind.title, available: reason == nil, reason: reason)
                  })
    }
}
