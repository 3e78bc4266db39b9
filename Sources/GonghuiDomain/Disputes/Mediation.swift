/// A mediation session (调解过程记录): when and where the parties met, who came, what was said.
public struct MediationSession: Equatable, Codable, Sendable {
    public var heldOn: CivilDate
    public var place: String
    public var attendees: String
    public var notes: String
    public var recordedBy: String

    public init(heldOn: CivilDate, place: String, attendees: String, notes: String, recordedBy: String = "") {
        self.heldOn = heldOn; self.place = place; self.attendees = attendees; self.notes = notes; self.recordedBy = recordedBy
    }

    /// Every field problem at once, each named by its field.
    public func problems(receivedOn: CivilDate, today: CivilDate) -> [FieldProblem] {
        var out: [FieldProblem] = []
        if heldOn < receivedOn { out.append(FieldProblem(field: "held_on", value: heldOn.iso, reason: "调解日期不能早于案件登记日期 \(receivedOn.iso)")) }
        if heldOn > today { out.append(FieldProblem(field: "held_on", value: heldOn.iso, reason: "调解日期不能晚于今天")) }
        if place.trimmed.isEmpty || place.trimmed.count > 100 { out.append(FieldProblem(field: "place", value: place.trimmed, reason: "请填写调解地点（最多 100 字）")) }
        if attendees.trimmed.isEmpty || attendees.trimmed.count > 500 { out.append(FieldProblem(field: "attendees", value: "", reason: "请填写参加人员（最多 500 字）")) }
        if notes.trimmed.isEmpty || notes.trimmed.count > 5000 { out.append(FieldProblem(field: "notes", value: "", reason: "请填写调解情况（最多 5000 字）")) }
        return out
    }
}

/// What the mediation documents need beyond the case: the mediator, the employer's legal
/// representative and the parties' agents, and the agreement's method of payment and the claims
/// the worker gives up once it is performed. Recorded with the mediation or the agreement, and
/// corrected until the documents are signed.
public struct MediationParticulars: Equatable, Codable, Sendable {
    /// 调解员: one or more names.
    public var mediator: String
    /// 法定代表人 of the employer.
    public var employerRepresentative: String
    /// 委托代理人 of the employer.
    public var employerAgent: String
    /// 委托代理人 of the worker(s).
    public var workerAgent: String
    /// How the employer pays (transfer to the worker's account, cash at the union…).
    public var paymentMethod: String
    /// The claims the worker gives up once the agreement is performed (放弃的其他请求).
    public var claimsWaived: String

    public init(mediator: String = "", employerRepresentative: String = "", employerAgent: String = "", workerAgent: String = "",
                paymentMethod: String = "", claimsWaived: String = "") {
        self.mediator = mediator; self.employerRepresentative = employerRepresentative; self.employerAgent = employerAgent
        self.workerAgent = workerAgent; self.paymentMethod = paymentMethod; self.claimsWaived = claimsWaived
    }

    public var isEmpty: Bool { self == MediationParticulars() }

    /// Every field trimmed; the problems with their lengths.
    public func cleaned() -> (MediationParticulars, [FieldProblem]) {
        var out: [FieldProblem] = []
        func field(_ name: String, _ value: String, _ max: Int) -> String {
            let v = value.trimmed
            if v.count > max { out.append(FieldProblem(field: name, value: String(v.prefix(20)), reason: "最多 \(max) 字")) }
            return v
        }
        let p = MediationParticulars(
            mediator: field("mediator", mediator, 50), employerRepresentative: field("employer_representative", employerRepresentative, 50),
            employerAgent: field("employer_agent", employerAgent, 100), workerAgent: field("worker_agent", workerAgent, 100),
            paymentMethod: field("payment_method", paymentMethod, 200), claimsWaived: field("claims_waived", claimsWaived, 500))
        return (p, out)
    }

    /// The fields given in `other` over these (a later step adds what it knows).
    public func updated(with other: MediationParticulars) -> MediationParticulars {
        func pick(_ a: String, _ b: String) -> String { b.trimmed.isEmpty ? a : b.trimmed }
        return MediationParticulars(
            mediator: pick(mediator, other.mediator), employerRepresentative: pick(employerRepresentative, other.employerRepresentative),
            employerAgent: pick(employerAgent, other.employerAgent), workerAgent: pick(workerAgent, other.workerAgent),
            paymentMethod: pick(paymentMethod, other.paymentMethod), claimsWaived: pick(claimsWaived, other.claimsWaived))
    }
}

/// A party as the documents print it: the full ID number and phone, which only the union that
/// handles the case reads, and only to print.
public struct DocumentParty: Equatable, Sendable {
    public var name: String
    public var idNumber: String?
    public var phone: String?
    public var isRepresentative: Bool

    public init(name: String, idNumber: String?, phone: String?, isRepresentative: Bool) {
        self.name = name; self.idNumber = idNumber; self.phone = phone; self.isRepresentative = isRepresentative
    }

    /// 男 or 女 from the ID number's 17th digit; nil without a number.
    public var sex: String? {
        guard let id = idNumber, id.count == 18, let d = id.dropLast().last?.wholeNumberValue else { return nil }
        return d % 2 == 1 ? "男" : "女"
    }
}

/// Everything the documents of a case print from (案卷): the case, its parties in full, the
/// mediation's particulars and sessions, and the agreement's number.
public struct DisputeDossier: Equatable, Sendable {
    public var dispute: DisputeCase
    public var parties: [DocumentParty]
    public var particulars: MediationParticulars
    public var sessions: [MediationSession]
    /// "（2026）K01调字第 3 号", given when the agreement is recorded.
    public var agreementNo: String?
    public var agreementSignedOn: CivilDate?
    /// When the oral application was recorded (milliseconds), for its record.
    public var mediationRecordedAt: Int64?

    public init(dispute: DisputeCase, parties: [DocumentParty], particulars: MediationParticulars, sessions: [MediationSession], agreementNo: String?,
                agreementSignedOn: CivilDate?, mediationRecordedAt: Int64?) {
        self.dispute = dispute; self.parties = parties; self.particulars = particulars; self.sessions = sessions; self.agreementNo = agreementNo
        self.agreementSignedOn = agreementSignedOn; self.mediationRecordedAt = mediationRecordedAt
    }

    /// The committee that mediates: the handling union's labor-dispute mediation committee.
    public var committee: String { dispute.handlingOrgName + "劳动争议调解委员会" }

    /// The agreement's number as the register gives it: the year, the handling union's code and
    /// the committee's sequence of that year.
    public static func agreementNumber(year: Int, orgCode: String, sequence: Int) -> String {
        "（\(year)）\(orgCode)调字第 \(sequence) 号"
    }
}

/// What a paper kept with a case is (案件材料).
public enum DisputePaperKind: String, CaseIterable, Codable, Sendable {
    /// 申请书 or the worker's written complaint
    case application
    /// 劳动合同
    case contract
    /// 工资条、考勤 and other proof of wages and hours
    case wages
    /// 证据 of another kind (photos, messages)
    case evidence
    /// 身份证明 or a power of attorney
    case identity
    case other

    public var title: String {
        switch self {
        case .application: "申请书或投诉材料"
        case .contract: "劳动合同"
        case .wages: "工资、考勤凭证"
        case .evidence: "其他证据"
        case .identity: "身份证明或授权委托书"
        case .other: "其他材料"
        }
    }
}

/// A paper kept with a case, encrypted; its bytes are read only through an audited download.
public struct DisputePaper: Equatable, Codable, Sendable {
    public var id: Int64
    public var kind: DisputePaperKind
    public var filename: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Int64

    public init(id: Int64, kind: DisputePaperKind, filename: String, contentType: String, size: Int, sha256: String, uploadedBy: String, uploadedAt: Int64) {
        self.id = id; self.kind = kind; self.filename = filename; self.contentType = contentType; self.size = size; self.sha256 = sha256
        self.uploadedBy = uploadedBy; self.uploadedAt = uploadedAt
    }
}
