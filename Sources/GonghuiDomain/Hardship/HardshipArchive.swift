import Foundation

/// The choices of an archive's descriptive fields, as on the national archive form. Values are
/// stored as the Chinese words shown, so exports and old records read the same.
public enum HardshipVocab {
    public static let health = ["健康", "一般", "体弱多病", "患大病", "残疾", "丧失劳动能力"]
    public static let disabilityGrades = ["一级", "二级", "三级", "四级"]
    public static let housing = ["自有住房", "公租房或廉租房", "租住私房", "借住", "无固定住所"]
    public static let marital = ["未婚", "已婚", "离异", "丧偶"]
    public static let householdRegistration = ["城镇", "农村"]
    public static let medicalInsurance = ["职工医保", "城乡居民医保", "未参保"]
    public static let relations = ["配偶", "子女", "父母", "配偶父母", "兄弟姐妹", "祖父母", "孙子女", "其他"]
    /// The serious illnesses of the province's list (大病目录) recognised for 患大病.
    public static let majorIllnesses = ["恶性肿瘤", "尿毒症", "器官移植", "白血病", "重症肝炎", "脑卒中后遗症", "重性精神疾病", "系统性红斑狼疮",
                                        "再生障碍性贫血", "血友病", "先天性心脏病", "耐药结核", "其他重大疾病"]
}

/// A person in the household of an archive (家庭成员), as entered by the officer.
public struct HardshipFamilyMemberDraft: Equatable, Sendable {
    public var name: String
    public var relation: String
    /// Optional for small children without one on file; when given it locks the household.
    public var idNumber: IDNumber?
    public var health: String
    public var monthlyIncome: Money
    /// School and grade, or workplace (就学或就业情况).
    public var schoolOrWork: String

    public init(name: String, relation: String, idNumber: IDNumber? = nil, health: String = "健康", monthlyIncome: Money = .zero, schoolOrWork: String = "") {
        self.name = name; self.relation = relation; self.idNumber = idNumber
        self.health = health; self.monthlyIncome = monthlyIncome; self.schoolOrWork = schoolOrWork
    }
}

/// A household member as stored and shown: the ID number only masked.
public struct HardshipFamilyMember: Equatable, Codable, Sendable {
    public var name: String
    public var relation: String
    public var idNumberMasked: String?
    public var health: String
    public var monthlyIncome: Money
    public var schoolOrWork: String

    public init(name: String, relation: String, idNumberMasked: String?, health: String, monthlyIncome: Money, schoolOrWork: String) {
        self.name = name; self.relation = relation; self.idNumberMasked = idNumberMasked
        self.health = health; self.monthlyIncome = monthlyIncome; self.schoolOrWork = schoolOrWork
    }
}

/// What the union records about the family when it builds or re-verifies an archive (DOMAIN.md §4).
public struct HardshipDetails: Equatable, Codable, Sendable {
    /// The family's region (GB/T 2260, six digits): decides which 低保 line applies.
    public var regionCode: String
    public var finances: HouseholdFinances
    /// The worker's own monthly income (本人月收入).
    public var ownMonthlyIncome: Money
    public var causes: HardshipCauses
    public var health: String
    /// The listed serious illness, when health is 患大病.
    public var majorIllness: String?
    public var disabilityGrade: String?
    public var housing: String
    public var maritalStatus: String
    public var singleParent: Bool
    public var householdRegistration: String
    public var medicalInsurance: String
    /// The family can partly help itself (有一定自救能力).
    public var canSelfHelp: Bool
    /// No one in the family of working age is employed (零就业家庭).
    public var zeroEmployment: Bool
    public var isMigrantWorker: Bool
    public var livesInCity: Bool
    /// Since when the worker has had a labor relation with the employer (for 困难农民工).
    public var laborRelationSince: CivilDate?
    /// The bank of the worker's own account for payments; the account itself travels separately.
    public var bankName: String
    public var note: String

    public init(regionCode: String, finances: HouseholdFinances, ownMonthlyIncome: Money = .zero, causes: HardshipCauses,
                health: String = "健康", majorIllness: String? = nil, disabilityGrade: String? = nil, housing: String = "自有住房",
                maritalStatus: String = "已婚", singleParent: Bool = false, householdRegistration: String = "城镇",
                medicalInsurance: String = "职工医保", canSelfHelp: Bool = false, zeroEmployment: Bool = false,
                isMigrantWorker: Bool = false, livesInCity: Bool = true, laborRelationSince: CivilDate? = nil, bankName: String, note: String = "") {
        self.regionCode = regionCode; self.finances = finances; self.ownMonthlyIncome = ownMonthlyIncome; self.causes = causes
        self.health = health; self.majorIllness = majorIllness; self.disabilityGrade = disabilityGrade; self.housing = housing
        self.maritalStatus = maritalStatus; self.singleParent = singleParent; self.householdRegistration = householdRegistration
        self.medicalInsurance = medicalInsurance; self.canSelfHelp = canSelfHelp; self.zeroEmployment = zeroEmployment
        self.isMigrantWorker = isMigrantWorker; self.livesInCity = livesInCity; self.laborRelationSince = laborRelationSince
        self.bankName = bankName; self.note = note
    }

    /// Everything wrong with the details, each naming its field.
    public var problems: [FieldProblem] {
        var out = finances.problems + causes.problems
        func check(_ field: String, _ value: String, in allowed: [String], label: String) {
            if !allowed.contains(value) { out.append(FieldProblem(field: field, value: value, reason: "\(label)应为：\(allowed.joined(separator: "、"))")) }
        }
        if regionCode.count != 6 || !regionCode.allSatisfy({ $0.isASCII && $0.isNumber }) {
            out.append(FieldProblem(field: "region_code", value: regionCode, reason: "家庭所在地区应为 6 位行政区划代码"))
        }
        if ownMonthlyIncome.isNegative { out.append(FieldProblem(field: "own_monthly_income", value: ownMonthlyIncome.yuanString, reason: "本人月收入不能为负数")) }
        check("health", health, in: HardshipVocab.health, label: "健康状况")
        if health == "患大病" {
            if let ill = majorIllness, !ill.isEmpty { check("major_illness", ill, in: HardshipVocab.majorIllnesses, label: "大病名称") } else {
                out.append(FieldProblem(field: "major_illness", value: "", reason: "健康状况为“患大病”时请选择大病名称"))
            }
        }
        if let grade = disabilityGrade, !grade.isEmpty { check("disability_grade", grade, in: HardshipVocab.disabilityGrades, label: "残疾等级") }
        check("housing", housing, in: HardshipVocab.housing, label: "住房状况")
        check("marital_status", maritalStatus, in: HardshipVocab.marital, label: "婚姻状况")
        check("household_registration", householdRegistration, in: HardshipVocab.householdRegistration, label: "户籍类型")
        check("medical_insurance", medicalInsurance, in: HardshipVocab.medicalInsurance, label: "医疗保险")
        if bankName.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(FieldProblem(field: "bank_name", value: "", reason: "请填写本人银行账户的开户行（帮扶资金只发到本人账户）"))
        }
        if note.count > 2000 { out.append(FieldProblem(field: "note", value: "", reason: "备注最多 2000 字")) }
        return out
    }
}

/// A bank account number for payments (本人银行账户): 12 to 30 digits, spaces ignored.
public struct BankAccountNumber: Equatable, Sendable {
    public let value: String

    public init(_ raw: String) throws(BankAccountError) {
        let digits = raw.filter { !$0.isWhitespace && $0 != "-" }
        guard (12...30).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .malformed(raw) }
        value = digits
    }

    /// The last four digits, as on a bank slip.
    public var masked: String { "**** **** " + value.suffix(4) }
}

public enum BankAccountError: Error, Equatable, Sendable, UserFacingError {
    case malformed(String)
    public var message: String {
        switch self { case .malformed: "银行账号应为 12 至 30 位数字" }
    }
}

/// Building or rebuilding an archive: who it is for and what the union recorded. For a member the
/// person comes from the registry; for an unemployed or flexible worker held by a street or
/// community union, the name and ID number are given here.
public struct HardshipArchiveDraft: Equatable, Sendable {
    public enum Person: Equatable, Sendable {
        case member(id: Int64)
        case nonMember(name: String, idNumber: IDNumber, phone: PhoneNumber?, orgCode: String)
    }

    public var person: Person
    public var appliedOn: CivilDate
    public var details: HardshipDetails
    public var bankAccount: BankAccountNumber
    public var family: [HardshipFamilyMemberDraft]
    /// A category other than the computed one, recorded only with a reason.
    public var categoryOverride: HardshipCategory?
    public var overrideReason: String

    public init(person: Person, appliedOn: CivilDate, details: HardshipDetails, bankAccount: BankAccountNumber,
                family: [HardshipFamilyMemberDraft] = [], categoryOverride: HardshipCategory? = nil, overrideReason: String = "") {
        self.person = person; self.appliedOn = appliedOn; self.details = details; self.bankAccount = bankAccount
        self.family = family; self.categoryOverride = categoryOverride; self.overrideReason = overrideReason
    }

    public static let maxFamily = 20

    public func problems(today: CivilDate) -> [FieldProblem] {
        var out = Self.recordProblems(details: details, family: family, categoryOverride: categoryOverride, overrideReason: overrideReason)
        if appliedOn > today { out.append(FieldProblem(field: "applied_on", value: appliedOn.iso, reason: "申请日期不能晚于今天")) }
        if case .nonMember(_, let own, _, _) = person {
            for (i, f) in family.enumerated() where f.idNumber == own {
                out.append(FieldProblem(field: "family[\(i + 1)].id_number", value: own.masked, reason: "家庭成员不能是申请人本人"))
            }
        }
        return out
    }

    /// What is wrong with what the union records about the family, when an archive is built and
    /// whenever it is revised: the details, the family members and the category override.
    public static func recordProblems(details: HardshipDetails, family: [HardshipFamilyMemberDraft], categoryOverride: HardshipCategory?,
                                      overrideReason: String) -> [FieldProblem] {
        var out = details.problems
        if family.count > maxFamily { out.append(FieldProblem(field: "family", value: String(family.count), reason: "家庭成员最多 \(maxFamily) 人")) }
        if details.finances.householdSize < family.count + 1 {
            out.append(FieldProblem(field: "household_size", value: String(details.finances.householdSize),
                                    reason: "家庭人口（\(details.finances.householdSize) 人）少于本人加登记的家庭成员（\(family.count + 1) 人）"))
        }
        var seen = Set<String>()
        for (i, f) in family.enumerated() {
            let field = "family[\(i + 1)]"
            if f.name.trimmingCharacters(in: .whitespaces).isEmpty { out.append(FieldProblem(field: field + ".name", value: "", reason: "请填写家庭成员姓名")) }
            if !HardshipVocab.relations.contains(f.relation) {
                out.append(FieldProblem(field: field + ".relation", value: f.relation, reason: "与本人关系应为：\(HardshipVocab.relations.joined(separator: "、"))"))
            }
            if !HardshipVocab.health.contains(f.health) {
                out.append(FieldProblem(field: field + ".health", value: f.health, reason: "健康状况应为：\(HardshipVocab.health.joined(separator: "、"))"))
            }
            if f.monthlyIncome.isNegative { out.append(FieldProblem(field: field + ".monthly_income", value: f.monthlyIncome.yuanString, reason: "月收入不能为负数")) }
            if let id = f.idNumber, !seen.insert(id.value).inserted {
                out.append(FieldProblem(field: field + ".id_number", value: id.masked, reason: "家庭成员身份证号重复"))
            }
        }
        if categoryOverride != nil && overrideReason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            out.append(FieldProblem(field: "override_reason", value: "", reason: "认定类别与计算结果不同时，必须填写理由"))
        }
        return out
    }
}

/// A hardship archive (困难职工档案, 一户一档) as stored and shown.
public struct HardshipArchive: Equatable, Codable, Sendable {
    public var id: Int64
    /// The archive's number, e.g. `KN2026-000123`.
    public var archiveNo: String
    public var orgID: Int64
    public var orgCode: String
    public var orgName: String
    public var memberID: Int64?
    public var name: String
    public var idNumberMasked: String
    public var phoneMasked: String?
    public var details: HardshipDetails
    public var bankAccountMasked: String
    public var family: [HardshipFamilyMember]
    /// What the rules give for the family's figures; nil when they do not qualify.
    public var computedCategory: HardshipCategory?
    /// What the archive holds: the computed category, or the officer's with a reason.
    public var category: HardshipCategory?
    public var overrideReason: String?
    public var line: SubsistenceLine
    public var workflow: HardshipWorkflow
    public var closingReason: HardshipClosingReason?
    public var closingNote: String?
    public var builtBy: String
    public var version: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: Int64, archiveNo: String, orgID: Int64, orgCode: String, orgName: String, memberID: Int64?, name: String, idNumberMasked: String,
                phoneMasked: String?, details: HardshipDetails, bankAccountMasked: String, family: [HardshipFamilyMember],
                computedCategory: HardshipCategory?, category: HardshipCategory?, overrideReason: String?, line: SubsistenceLine,
                workflow: HardshipWorkflow, closingReason: HardshipClosingReason?, closingNote: String?, builtBy: String, version: Int,
                createdAt: Int64, updatedAt: Int64) {
        self.id = id; self.archiveNo = archiveNo; self.orgID = orgID; self.orgCode = orgCode; self.orgName = orgName; self.memberID = memberID
        self.name = name; self.idNumberMasked = idNumberMasked; self.phoneMasked = phoneMasked; self.details = details
        self.bankAccountMasked = bankAccountMasked; self.family = family; self.computedCategory = computedCategory; self.category = category
        self.overrideReason = overrideReason; self.line = line; self.workflow = workflow; self.closingReason = closingReason
        self.closingNote = closingNote; self.builtBy = builtBy; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// The computation, step by step, as the officer sees it.
    public var assessment: HardshipAssessment { HardshipAssessment.assess(details.finances, line: line) }

    public var isOpen: Bool { workflow.stage != .closed }

    /// 困难农民工 on `date`.
    public func isHardshipMigrant(on date: CivilDate) -> Bool {
        isHardshipMigrantWorker(category: category, isMigrant: details.isMigrantWorker, livesInCity: details.livesInCity,
                                laborRelationSince: details.laborRelationSince, on: date)
    }
}

/// An entry of an archive's history (档案记录).
public struct HardshipEvent: Equatable, Codable, Sendable {
    public var kind: String
    public var onDate: CivilDate
    public var stage: HardshipArchiveStage
    public var detail: String
    public var actor: String
    public var recordedAt: Int64

    public init(kind: String, onDate: CivilDate, stage: HardshipArchiveStage, detail: String, actor: String, recordedAt: Int64) {
        self.kind = kind; self.onDate = onDate; self.stage = stage; self.detail = detail; self.actor = actor; self.recordedAt = recordedAt
    }
}

/// The kinds of papers kept with an archive (附件).
public enum HardshipAttachmentKind: String, CaseIterable, Codable, Sendable {
    /// 帮扶申请书, signed.
    case application
    /// 家庭经济状况核对授权委托书
    case authorization
    /// 单位证明
    case employerCertificate = "employer_certificate"
    /// 医疗、残疾、灾害等证明
    case evidence
    case other

    public var title: String {
        switch self {
        case .application: "帮扶申请书"
        case .authorization: "家庭经济状况核对授权委托书"
        case .employerCertificate: "单位证明"
        case .evidence: "病情、残疾或灾害证明"
        case .other: "其他材料"
        }
    }
}

public struct HardshipAttachment: Equatable, Codable, Sendable {
    public var id: Int64
    public var kind: HardshipAttachmentKind
    public var filename: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Int64

    public init(id: Int64, kind: HardshipAttachmentKind, filename: String, contentType: String, size: Int, sha256: String, uploadedBy: String, uploadedAt: Int64) {
        self.id = id; self.kind = kind; self.filename = filename; self.contentType = contentType; self.size = size
        self.sha256 = sha256; self.uploadedBy = uploadedBy; self.uploadedAt = uploadedAt
    }
}
