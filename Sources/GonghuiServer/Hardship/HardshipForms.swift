import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes

// The forms of the hardship pages: each keeps the values as typed (to show them again) and
// turns them into the store's types, filing every problem under its field. Pure: no store, no
// request.

/// The filters of the worklist, read from the query string.
struct HardshipListQuery {
    var tab: HardshipTab
    var name: String, org: String, category: String, cause: String
    var overdue: Bool
    var offset: Int

    init(_ q: PageQuery) {
        tab = HardshipTab(rawValue: q.string("tab", maxLength: 20)) ?? .all
        name = q.string("name", maxLength: 50)
        org = OrgPicker.typed(q, "org")
        category = q.string("category", maxLength: 20)
        cause = q.string("cause", maxLength: 4)
        overdue = q.string("overdue", maxLength: 2) == "1"
        offset = q.int("offset", default: 0, range: 0...1_000_000)
    }

    /// The store's filter for the list of the tab, as of `today`.
    func filter(today: CivilDate) -> HardshipFilter {
        var filter = HardshipFilter()
        filter.today = today
        filter.name = name.isEmpty ? nil : name
        filter.orgCode = org.isEmpty ? nil : org
        filter.category = HardshipCategory(rawValue: category)
        filter.cause = Int(cause).flatMap(HardshipCause.init(rawValue:))
        filter.overdueOnly = overdue
        if let stage = tab.stage { filter.stages = [stage] }
        if tab == .due { filter.dueForReverification = true }
        return filter
    }

    /// The filters other than the tab, for the links of the tabs and the pager.
    var linkQuery: [(String, String?)] {
        [("name", name), ("org", org), ("category", category), ("cause", cause), ("overdue", overdue ? "1" : nil)]
    }
}

/// A line of the 低保 table, as the province types it.
struct SubsistenceLineForm {
    static let fields: Set<String> = ["region_code", "effective_from", "monthly"]
    var regionCode: String, effectiveFrom: String, monthly: String

    init(_ f: WebForm) {
        regionCode = RegionPicker.typed(f, "region_code"); effectiveFrom = f["effective_from"]; monthly = f["monthly"]
    }

    var values: [String: String] { ["region_code": regionCode, "effective_from": effectiveFrom, "monthly": monthly] }

    func parse(into errors: inout FieldErrors) -> SubsistenceLine? {
        if regionCode.isEmpty { errors.add("region_code", UI.Hardship.regionCodeMissing) } else {
            do { _ = try RegionCatalog.builtIn.validate(regionCode) } catch { errors.add("region_code", error.message) }
        }
        let from = errors.date("effective_from", effectiveFrom)
        let amount = errors.money("monthly", monthly, missing: UI.Hardship.monthlyMissing)
        guard let from, let amount, errors.isEmpty else { return nil }
        return SubsistenceLine(regionCode: regionCode, effectiveFrom: from, monthly: amount)
    }
}

/// The days an archive is shown publicly before it goes up for recheck.
struct NoticeDaysForm {
    var days: String

    init(_ f: WebForm) { days = f["notice_days"] }

    var values: [String: String] { ["notice_days": days] }

    func parse(into errors: inout FieldErrors) -> Int? {
        guard let n = Int(days) else {
            errors.add("notice_days", UI.Hardship.noticeDaysInvalid)
            return nil
        }
        return n
    }
}

/// A workflow step posted from the archive page.
struct HardshipActionForm {
    var step: String, reason: String, closingReason: String, note: String
    var version: Int?

    init(_ f: WebForm) {
        step = f["action"]; reason = f["reason"]; closingReason = f["closing_reason"]; note = f["note"]; version = Int(f["version"])
    }

    enum Parsed {
        case action(HardshipArchiveAction)
        case problem(ActionProblem)
    }

    /// The step asked for; an unknown step is a bad request.
    func parse() throws -> Parsed {
        switch step {
        case "submit": return .action(.submitForNotice)
        case "end_notice": return .action(.endNotice)
        case "recheck": return .action(.passRecheck)
        case "approve": return .action(.approve)
        case "send_back": return .action(.sendBack(reason: String(reason.prefix(500))))
        case "reverify": return .action(.reverify)
        case "close":
            guard let why = HardshipClosingReason(rawValue: closingReason) else {
                return .problem(ActionProblem(action: step, field: "closing_reason", message: UI.Hardship.closingReasonMissing))
            }
            return .action(.close(why, note: String(note.prefix(500))))
        default:
            throw WebError.badRequest(UI.Hardship.unknownStep)
        }
    }

    /// The page's answer to the store refusing the step, or nil when the error is shown as
    /// an error page.
    func problem(for e: StoreError) -> (HTTPResponse.Status, ActionProblem)? {
        var problem = ActionProblem(action: step, field: nil, message: e.message)
        switch e {
        case .forbidden: return (.forbidden, problem)
        case .staleVersion:
            problem.message = UI.Hardship.staleArchive(e.message)
            return (.conflict, problem)
        case .conflict(let code, let message, _):
            if code == "reason_required" {
                problem.field = step == "close" ? "note" : "reason"
                problem.message = step == "close" ? UI.Hardship.closingNoteRequired : UI.Hardship.sendBackReasonRequired
            } else { problem.message = message }
            return (.unprocessableContent, problem)
        case .invalid(let ps):
            problem.message = ps.map(\.reason).joined(separator: UI.Hardship.reasonSeparator)
            return (.unprocessableContent, problem)
        default:
            return nil
        }
    }
}

/// A paper uploaded to an archive.
struct HardshipAttachmentForm {
    var kind: HardshipAttachmentKind?
    var file: WebForm.File?

    init(_ f: WebForm) {
        kind = HardshipAttachmentKind(rawValue: f["kind"])
        file = f.files["file"].flatMap { $0.data.isEmpty ? nil : $0 }
    }

    /// The kind and the file, or the message to show beside the file field.
    func parse() -> Result<(HardshipAttachmentKind, WebForm.File), UploadProblem> {
        guard let kind else { return .failure(UploadProblem(message: UI.Hardship.attachmentKindMissing)) }
        guard let file else { return .failure(UploadProblem(message: UI.Hardship.attachmentFileMissing)) }
        return .success((kind, file))
    }

    struct UploadProblem: Error { var message: String }

    /// The store's refusal of the paper, in words.
    static func message(for e: StoreError) -> String {
        if case .invalid(let ps) = e { return ps.map(\.reason).joined(separator: UI.Hardship.reasonSeparator) }
        return e.message
    }
}

/// The archive form's values as typed.
struct HardshipForm {
    /// Family rows shown on a new form; an archive with more members shows one empty row more.
    static let familyRows = 6

    /// The first choice of each list the form starts with (values of the Domain's vocabulary).
    enum Default {
        static let health = HardshipVocab.health[0]
        static let housing = HardshipVocab.housing[0]
        static let maritalStatus = HardshipVocab.marital[1]
        static let householdRegistration = HardshipVocab.householdRegistration[0]
        static let medicalInsurance = HardshipVocab.medicalInsurance[0]
    }

    struct FamilyRow {
        var name = "", relation = "", idNumber = "", health = Default.health, monthlyIncome = "", schoolOrWork = ""
        /// The masked ID number on file, when revising.
        var maskedOnFile: String?
        var isEmpty: Bool { name.isEmpty && relation.isEmpty && idNumber.isEmpty && monthlyIncome.isEmpty && schoolOrWork.isEmpty }
    }

    var memberID = "", name = "", idNumber = "", phone = "", orgCode = "", appliedOn = ""
    var regionCode = "", annualIncome = "", rigidExpenses = "", householdSize = "1", suddenCosts = "", ownMonthlyIncome = ""
    var mainCause = "", secondaryCauses: Set<Int> = []
    var health = Default.health, majorIllness = "", disabilityGrade = "", housing = Default.housing, maritalStatus = Default.maritalStatus
    var householdRegistration = Default.householdRegistration
    var medicalInsurance = Default.medicalInsurance
    var singleParent = false, canSelfHelp = false, zeroEmployment = false, isMigrant = false, livesInCity = true
    var laborRelationSince = "", bankName = "", bankAccount = "", note = ""
    var categoryOverride = "", overrideReason = ""
    var family = Array(repeating: FamilyRow(), count: HardshipForm.familyRows)

    init() {}

    init(_ a: HardshipArchive) {
        let d = a.details
        appliedOn = a.workflow.appliedOn.iso
        regionCode = d.regionCode
        annualIncome = d.finances.annualIncome.yuanString; rigidExpenses = d.finances.rigidExpenses.yuanString
        householdSize = String(d.finances.householdSize); suddenCosts = d.finances.suddenCosts.yuanString
        ownMonthlyIncome = d.ownMonthlyIncome.yuanString
        mainCause = String(d.causes.main.rawValue); secondaryCauses = Set(d.causes.secondary.map(\.rawValue))
        health = d.health; majorIllness = d.majorIllness ?? ""; disabilityGrade = d.disabilityGrade ?? ""; housing = d.housing
        maritalStatus = d.maritalStatus; householdRegistration = d.householdRegistration; medicalInsurance = d.medicalInsurance
        singleParent = d.singleParent; canSelfHelp = d.canSelfHelp; zeroEmployment = d.zeroEmployment; isMigrant = d.isMigrantWorker
        livesInCity = d.livesInCity; laborRelationSince = d.laborRelationSince?.iso ?? ""; bankName = d.bankName; note = d.note
        categoryOverride = a.overrideReason != nil ? (a.category?.rawValue ?? "") : ""
        overrideReason = a.overrideReason ?? ""
        family = a.family.map { f in
            FamilyRow(name: f.name, relation: f.relation, idNumber: "", health: f.health, monthlyIncome: f.monthlyIncome.yuanString,
                      schoolOrWork: f.schoolOrWork, maskedOnFile: f.idNumberMasked)
        }
        let shown = min(HardshipArchiveDraft.maxFamily, max(Self.familyRows, family.count + 1))
        family += Array(repeating: FamilyRow(), count: max(0, shown - family.count))
    }

    init(_ f: WebForm) {
        memberID = f["member_id"]; name = f["name"]; idNumber = f["id_number"]; phone = f["phone"]; orgCode = OrgPicker.typed(f, "org_code"); appliedOn = f["applied_on"]
        regionCode = RegionPicker.typed(f, "region_code"); annualIncome = f["annual_income"]; rigidExpenses = f["rigid_expenses"]; householdSize = f["household_size"]
        suddenCosts = f["sudden_costs"]; ownMonthlyIncome = f["own_monthly_income"]
        mainCause = f["main_cause"]
        secondaryCauses = Set(f.raw("secondary_causes").split(separator: ",").compactMap { Int($0) })
        health = f["health"]; majorIllness = f["major_illness"]; disabilityGrade = f["disability_grade"]; housing = f["housing"]
        maritalStatus = f["marital_status"]; householdRegistration = f["household_registration"]; medicalInsurance = f["medical_insurance"]
        singleParent = f.has("single_parent"); canSelfHelp = f.has("can_self_help"); zeroEmployment = f.has("zero_employment")
        isMigrant = f.has("is_migrant"); livesInCity = f.has("lives_in_city")
        laborRelationSince = f["labor_relation_since"]; bankName = f["bank_name"]; bankAccount = f["bank_account"]; note = f["note"]
        categoryOverride = f["category_override"]; overrideReason = f["override_reason"]
        let count = min(HardshipArchiveDraft.maxFamily, max(Self.familyRows, Int(f["family_rows"]) ?? 0))
        family = (1...count).map { n in
            let p = "family\(n)_"
            return FamilyRow(name: f[p + "name"], relation: f[p + "relation"], idNumber: f[p + "id_number"],
                             health: f.has(p + "health") ? f[p + "health"] : Default.health,
                             monthlyIncome: f[p + "monthly_income"], schoolOrWork: f[p + "school_or_work"])
        }
    }

    /// A new form: for a member (with the member's region) or, without one, for the officer's union.
    static func new(appliedOn: CivilDate, member: Member?, regionCode: String, orgCode: String) -> HardshipForm {
        var values = HardshipForm()
        values.appliedOn = appliedOn.iso
        if let member {
            values.memberID = String(member.id)
            values.isMigrant = member.isMigrant
            values.regionCode = regionCode
        } else {
            values.orgCode = orgCode
        }
        return values
    }

    /// Shows the masked ID numbers on file beside the rows still naming the same person.
    mutating func keepHints(from a: HardshipArchive) {
        appliedOn = a.workflow.appliedOn.iso
        for i in family.indices {
            family[i].maskedOnFile = a.family.first(where: { $0.name == family[i].name })?.idNumberMasked
        }
    }

    struct Parsed {
        var person: HardshipArchiveDraft.Person?
        var appliedOn: CivilDate?
        var details: HardshipDetails
        var bankAccount: BankAccountNumber?
        var family: [HardshipFamilyMemberDraft]
        /// The form row (1-based) of each family member sent, for the store's `family[k]` fields.
        var rows: [Int]
        var override: HardshipCategory?
    }

    func optional(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// The values as the store's types; every problem found is filed under its field.
    func parse(into errors: inout FieldErrors, isNew: Bool) -> Parsed? {
        var person: HardshipArchiveDraft.Person?
        var applied: CivilDate?
        if isNew {
            person = parsePerson(into: &errors)
            applied = errors.date("applied_on", appliedOn)
        }
        if regionCode.isEmpty { errors.add("region_code", UI.Hardship.familyRegionMissing) }
        let income = errors.money("annual_income", annualIncome, missing: UI.Hardship.amountMissing)
        let rigid = errors.money("rigid_expenses", rigidExpenses, missing: UI.Hardship.amountMissing)
        let sudden = errors.money("sudden_costs", suddenCosts, missing: nil)
        let own = errors.money("own_monthly_income", ownMonthlyIncome, missing: nil)
        let size = Int(householdSize)
        if size == nil { errors.add("household_size", householdSize.isEmpty ? UI.Hardship.householdSizeMissing : UI.Hardship.householdSizeNotInteger) }
        let main = Int(mainCause).flatMap(HardshipCause.init(rawValue:))
        if main == nil { errors.add("main_cause", UI.Hardship.mainCauseMissing) }
        let secondary = HardshipCause.allCases.filter { secondaryCauses.contains($0.rawValue) }
        var since: CivilDate?
        if !laborRelationSince.isEmpty { since = errors.date("labor_relation_since", laborRelationSince) }
        var account: BankAccountNumber?
        if bankAccount.isEmpty {
            if isNew { errors.add("bank_account", UI.Hardship.bankAccountMissing) }
        } else {
            do { account = try BankAccountNumber(bankAccount) } catch { errors.add("bank_account", error.message) }
        }
        var override: HardshipCategory?
        if !categoryOverride.isEmpty {
            override = HardshipCategory(rawValue: categoryOverride)
            if override == nil { errors.add("category_override", UI.Hardship.categoryMissing) }
        }
        if overrideReason.count > 500 { errors.add("override_reason", UI.Hardship.overrideReasonTooLong) }
        let (drafts, rows) = parseFamily(into: &errors)
        guard let income, let rigid, let size, let main else { return nil }
        let details = HardshipDetails(
            regionCode: regionCode, finances: HouseholdFinances(annualIncome: income, rigidExpenses: rigid, householdSize: size, suddenCosts: sudden ?? .zero),
            ownMonthlyIncome: own ?? .zero, causes: HardshipCauses(main: main, secondary: secondary), health: health, majorIllness: optional(majorIllness),
            disabilityGrade: optional(disabilityGrade), housing: housing, maritalStatus: maritalStatus, singleParent: singleParent,
            householdRegistration: householdRegistration, medicalInsurance: medicalInsurance, canSelfHelp: canSelfHelp, zeroEmployment: zeroEmployment,
            isMigrantWorker: isMigrant, livesInCity: livesInCity, laborRelationSince: since, bankName: bankName, note: note)
        return Parsed(person: person, appliedOn: applied, details: details, bankAccount: account, family: drafts, rows: rows, override: override)
    }

    /// The person of a new archive: a member by id, or a non-member by name, ID number and union.
    func parsePerson(into errors: inout FieldErrors) -> HardshipArchiveDraft.Person? {
        if let id = Int64(memberID), id > 0 { return .member(id: id) }
        var id: IDNumber?, ph: PhoneNumber?
        if name.isEmpty { errors.add("name", UI.Hardship.nameMissing) } else if name.count > 50 { errors.add("name", UI.Hardship.nameTooLong) }
        do { id = try IDNumber(idNumber) } catch { errors.add("id_number", idNumber.isEmpty ? UI.Hardship.idNumberMissing : error.message) }
        if !phone.isEmpty { do { ph = try PhoneNumber(phone) } catch { errors.add("phone", error.message) } }
        if orgCode.isEmpty { errors.add("org_code", UI.Hardship.orgCodeMissing) }
        guard let id else { return nil }
        return .nonMember(name: name, idNumber: id, phone: ph, orgCode: orgCode)
    }

    /// The family rows filled in, with the form row of each.
    func parseFamily(into errors: inout FieldErrors) -> ([HardshipFamilyMemberDraft], [Int]) {
        var drafts: [HardshipFamilyMemberDraft] = [], rows: [Int] = []
        for (i, f) in family.enumerated() where !f.isEmpty {
            let p = "family\(i + 1)_"
            var id: IDNumber?
            if !f.idNumber.isEmpty { do { id = try IDNumber(f.idNumber) } catch { errors.add(p + "id_number", error.message) } }
            let income = errors.money(p + "monthly_income", f.monthlyIncome, missing: nil)
            if f.name.count > 50 { errors.add(p + "name", UI.Hardship.nameTooLong) }
            if f.schoolOrWork.count > 200 { errors.add(p + "school_or_work", UI.Hardship.schoolOrWorkTooLong) }
            drafts.append(HardshipFamilyMemberDraft(name: f.name, relation: f.relation, idNumber: id, health: f.health, monthlyIncome: income ?? .zero,
                                                    schoolOrWork: f.schoolOrWork))
            rows.append(i + 1)
        }
        return (drafts, rows)
    }

    /// A new archive from parsed values, when nothing it needs is missing.
    func draft(_ parsed: Parsed) -> HardshipArchiveDraft? {
        guard let person = parsed.person, let appliedOn = parsed.appliedOn, let account = parsed.bankAccount else { return nil }
        return HardshipArchiveDraft(person: person, appliedOn: appliedOn, details: parsed.details, bankAccount: account, family: parsed.family,
                                    categoryOverride: parsed.override, overrideReason: overrideReason)
    }

    /// A revision of an archive from parsed values.
    func revision(_ parsed: Parsed, expectedVersion: Int?) -> HardshipRevision {
        HardshipRevision(details: parsed.details, bankAccount: parsed.bankAccount, family: parsed.family,
                         categoryOverride: parsed.override, overrideReason: overrideReason, expectedVersion: expectedVersion)
    }

    /// Fields of the form that the store's problems can name directly.
    static let fieldNames: Set<String> = [
        "name", "id_number", "phone", "org_code", "applied_on", "region_code", "annual_income", "rigid_expenses", "household_size", "sudden_costs",
        "own_monthly_income", "main_cause", "secondary_causes", "health", "major_illness", "disability_grade", "housing", "marital_status",
        "household_registration", "medical_insurance", "labor_relation_since", "bank_name", "bank_account", "note", "category_override", "override_reason",
    ]

    /// The store names family members `family[k].field` by their place among the rows sent, the
    /// override `category`; the form names them by row (`family3_relation`) and `category_override`.
    func formField(_ field: String, rows: [Int], isMember: Bool) -> String? {
        if field.hasPrefix("family["), let close = field.firstIndex(of: "]"),
           let k = Int(field[field.index(field.startIndex, offsetBy: 7)..<close]), k >= 1, k <= rows.count {
            let rest = field[field.index(after: close)...].drop(while: { $0 == "." })
            return "family\(rows[k - 1])_" + rest
        }
        if field == "category" { return "category_override" }
        if field == "monthly_income" { return nil }
        if isMember && ["name", "id_number", "phone", "org_code"].contains(field) { return nil }
        return Self.fieldNames.contains(field) ? field : nil
    }

    func file(_ error: StoreError, rows: [Int], into errors: inout FieldErrors, isMember: Bool) {
        switch error {
        case .invalid(let problems):
            for p in problems {
                if let f = formField(p.field, rows: rows, isMember: isMember) { errors.add(f, p.reason) } else { errors.general.append(p.reason) }
            }
        case .conflict(_, let message, let field):
            if let field, let f = formField(field, rows: rows, isMember: isMember) { errors.add(f, message) } else { errors.general.append(message) }
        default:
            errors.general.append(error.message)
        }
    }
}
