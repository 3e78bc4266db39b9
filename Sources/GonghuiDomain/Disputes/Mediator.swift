/// A mediator on a union's roster (调解员名册): an officer of the union's mediation committee, a
/// lawyer or a volunteer the union calls on. A case's mediation names one or more of them (or an
/// officer not on the roster); the roster says who the union can call and what they know.
public struct Mediator: Equatable, Codable, Sendable {
    public var id: Int64
    /// The union whose roster lists them.
    public var orgCode: String
    public var orgName: String
    public var name: String
    /// What they are: a role from `MediatorRole`.
    public var role: MediatorRole
    /// Their mobile phone, for officers to call; nil when not given.
    public var phone: String?
    /// The dispute types they know best.
    public var specialties: [DisputeType]
    public var note: String
    /// Still on the roster; a mediator who leaves stays in the history, inactive.
    public var active: Bool
    public var version: Int
    /// Cases of the roster's union that name them as mediator: being mediated now, and ended with an agreement.
    public var mediating: Int
    public var agreements: Int

    public init(id: Int64, orgCode: String, orgName: String, name: String, role: MediatorRole, phone: String?, specialties: [DisputeType],
                note: String, active: Bool, version: Int, mediating: Int = 0, agreements: Int = 0) {
        self.id = id; self.orgCode = orgCode; self.orgName = orgName; self.name = name; self.role = role; self.phone = phone
        self.specialties = specialties; self.note = note; self.active = active; self.version = version
        self.mediating = mediating; self.agreements = agreements
    }
}

/// What a roster's mediator is (调解员身份).
public enum MediatorRole: String, Codable, Sendable, CaseIterable {
    /// 工会干部: an officer of the union.
    case officer
    /// 专职调解员: a full-time mediator of the union's mediation committee.
    case fullTime = "full_time"
    /// 律师: a lawyer (often from the union's legal-aid roster).
    case lawyer
    /// 兼职调解员: a part-time or volunteer mediator (retired judges, labor inspectors, worker representatives).
    case partTime = "part_time"

    public var title: String {
        switch self {
        case .officer: "工会干部"
        case .fullTime: "专职调解员"
        case .lawyer: "律师"
        case .partTime: "兼职调解员"
        }
    }
}

/// A mediator as entered: the fields an officer fills in to add one to the roster or correct one.
public struct MediatorDraft: Equatable, Sendable {
    public var name: String
    public var role: MediatorRole
    public var phone: PhoneNumber?
    public var specialties: [DisputeType]
    public var note: String
    public var active: Bool

    public init(name: String, role: MediatorRole, phone: PhoneNumber? = nil, specialties: [DisputeType] = [], note: String = "", active: Bool = true) {
        self.name = name; self.role = role; self.phone = phone; self.specialties = specialties; self.note = note; self.active = active
    }

    /// Every field problem at once, each named by its field.
    public func problems() -> [FieldProblem] {
        var out: [FieldProblem] = []
        let n = name.trimmed
        if n.isEmpty || n.count > 30 { out.append(FieldProblem(field: "name", value: n, reason: "请填写调解员姓名（最多 30 字）")) }
        if n.contains("、") || n.contains(",") || n.contains("，") {
            out.append(FieldProblem(field: "name", value: n, reason: "每位调解员单独登记，姓名中不能有顿号或逗号"))
        }
        if note.trimmed.count > 200 { out.append(FieldProblem(field: "note", value: String(note.trimmed.prefix(20)), reason: "备注最多 200 字")) }
        return out
    }
}

extension MediationParticulars {
    /// The names the mediator field holds: one or more, separated by 、 or commas.
    public var mediatorNames: [String] {
        mediator.split(whereSeparator: { "、,，;；/ ".contains($0) }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }
}
