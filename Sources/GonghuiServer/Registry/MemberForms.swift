import Foundation
import GonghuiDomain
import GonghuiStore

/// The member search's query string: name, union and status, and the page.
struct MemberSearchForm {
    var name = "", org = "", status = ""
    var sort = MemberSort.name
    var offset = 0
    /// The flash message's key after a POST.
    var flash: String?

    init() {}

    init(_ q: PageQuery) {
        name = q.string("name", maxLength: 50)
        org = q.string("org" + OrgPicker.againSuffix, maxLength: 64)
        if org.isEmpty { org = q.string("org", maxLength: 64) }
        status = q.string("status", maxLength: 20)
        offset = q.int("offset", default: 0, range: 0...10_000_000)
        sort = MemberSort(rawValue: q.string("sort", maxLength: 10)) ?? .name
        flash = q.string("ok")
    }

    var hasCriteria: Bool { !name.isEmpty || !org.isEmpty }

    /// The search in words, for the printed list and the audit log.
    var summary: String {
        var parts: [String] = []
        if !name.isEmpty { parts.append(UI.Registry.criterionName(name)) }
        if !org.isEmpty { parts.append(UI.Registry.criterionOrg(org)) }
        if let s = MemberStatus(rawValue: status) { parts.append(UI.Registry.criterionStatus(s.label)) }
        parts.append(sort.label)
        return parts.joined(separator: UI.reasonSeparator)
    }

    /// The query string of this search (without the page), for links that keep it.
    var query: [(String, String?)] {
        [("name", name), ("org", org), ("status", status), ("sort", sort == .name ? nil : sort.rawValue)]
    }
}

/// The exact look-up by a full ID number or phone number, which travel in the body, never in a URL.
struct MemberLookupForm {
    enum Key {
        case idNumber(IDNumber)
        case phone(PhoneNumber)
    }

    var key: String

    init(_ f: WebForm) { key = f["key"] }

    /// The number typed (spaces anywhere, as people group the digits), or nil with the reason in
    /// `error`: what is wrong with an ID number that has an ID number's shape (a wrong check
    /// character says so), else the prompt for a full number.
    func parse(into error: inout String?) -> Key? {
        let compact = String(key.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) })
        if let phone = try? PhoneNumber(key) { return .phone(phone) }
        do { return .idNumber(try IDNumber(compact)) } catch let idError {
            // Seventeen or fourteen digits and one more: an ID number, mistyped.
            let digits = compact.prefix(compact.count - 1)
            if (compact.count == 18 || compact.count == 15) && digits.allSatisfy({ $0.isASCII && $0.isNumber }) { error = idError.message; return nil }
        }
        error = key.isEmpty ? UI.Registry.lookupKeyMissing : UI.Registry.lookupKeyInvalid
        return nil
    }
}

/// The member form's values as typed.
struct MemberForm {
    static let fieldNames: Set<String> = ["id_number", "org_code", "name", "phone", "joined_on", "employment_type", "is_migrant", "ethnicity", "education",
                                          "skill_level", "household_type", "political_status", "workplace", "card_number", "status"]
    var idNumber = "", orgCode = "", name = "", phone = "", joinedOn = "", employmentType = EmploymentType.openEnded.rawValue, isMigrant = false
    var ethnicity = "", education = "", skillLevel = "", householdType = "", politicalStatus = "", workplace = "", cardNumber = ""

    init() {}

    /// An empty registration for a union, joining today.
    init(orgCode: String, joinedOn: CivilDate) {
        self.orgCode = orgCode
        self.joinedOn = joinedOn.iso
    }

    init(_ m: Member) {
        name = m.name; joinedOn = m.joinedOn.iso; employmentType = m.employmentType.rawValue; isMigrant = m.isMigrant
        ethnicity = m.ethnicity ?? ""; education = m.education ?? ""; skillLevel = m.skillLevel ?? ""; householdType = m.householdType ?? ""
        politicalStatus = m.politicalStatus ?? ""; workplace = m.workplace ?? ""; cardNumber = m.cardNumber ?? ""
    }

    init(_ f: WebForm) {
        idNumber = f["id_number"]; orgCode = OrgPicker.typed(f, "org_code"); name = f["name"]; phone = f["phone"]; joinedOn = f["joined_on"]
        employmentType = f["employment_type"]; isMigrant = f.has("is_migrant"); ethnicity = f["ethnicity"]; education = f["education"]
        skillLevel = f["skill_level"]; householdType = f["household_type"]; politicalStatus = f["political_status"]; workplace = f["workplace"]
        cardNumber = f["card_number"]
    }

    func optional(_ s: String) -> String? { s.isEmpty ? nil : s }

    func lengths(_ errors: inout FieldErrors) {
        for (field, value, limit) in [("name", name, 50), ("ethnicity", ethnicity, 50), ("education", education, 50), ("skill_level", skillLevel, 50),
                                      ("household_type", householdType, 50), ("political_status", politicalStatus, 50), ("workplace", workplace, 200),
                                      ("card_number", cardNumber, 50)] where value.count > limit {
            errors.add(field, UI.Registry.tooLong(limit))
        }
    }

    /// A new member; nil when a required field is missing or malformed (the problems go to `errors`).
    func parseDraft(into errors: inout FieldErrors) -> MemberDraft? {
        var id: IDNumber?, ph: PhoneNumber?, joined: CivilDate?
        do { id = try IDNumber(idNumber) } catch { errors.add("id_number", idNumber.isEmpty ? UI.Registry.idNumberMissing : error.message) }
        if !phone.isEmpty { do { ph = try PhoneNumber(phone) } catch { errors.add("phone", error.message) } }
        do { joined = try CivilDate(parsing: joinedOn) } catch { errors.add("joined_on", joinedOn.isEmpty ? UI.Registry.joinedOnMissing : error.message) }
        if name.isEmpty { errors.add("name", UI.Registry.nameMissing) }
        if orgCode.isEmpty { errors.add("org_code", UI.Registry.unionCodeMissing) }
        let type = EmploymentType(rawValue: employmentType)
        if type == nil { errors.add("employment_type", UI.Registry.employmentTypeMissing) }
        lengths(&errors)
        guard let id, let joined, let type else { return nil }
        return MemberDraft(idNumber: id, name: name, phone: ph, orgCode: orgCode, joinedOn: joined, employmentType: type, isMigrant: isMigrant,
                           ethnicity: optional(ethnicity), education: optional(education), skillLevel: optional(skillLevel),
                           householdType: optional(householdType), politicalStatus: optional(politicalStatus), workplace: optional(workplace),
                           cardNumber: optional(cardNumber))
    }

    /// The changes to a member; usable only when `errors` stayed empty.
    func parsePatch(into errors: inout FieldErrors) -> MemberPatch {
        var p = MemberPatch()
        if name.isEmpty { errors.add("name", UI.Registry.nameMissing) } else { p.name = name }
        if !phone.isEmpty { do { p.phone = .some(try PhoneNumber(phone)) } catch { errors.add("phone", error.message) } }
        do { p.joinedOn = try CivilDate(parsing: joinedOn) } catch { errors.add("joined_on", error.message) }
        if let t = EmploymentType(rawValue: employmentType) { p.employmentType = t } else { errors.add("employment_type", UI.Registry.employmentTypeMissing) }
        p.isMigrant = isMigrant
        p.ethnicity = .some(optional(ethnicity)); p.education = .some(optional(education)); p.skillLevel = .some(optional(skillLevel))
        p.householdType = .some(optional(householdType)); p.politicalStatus = .some(optional(politicalStatus))
        p.workplace = .some(optional(workplace)); p.cardNumber = .some(optional(cardNumber))
        lengths(&errors)
        return p
    }
}

/// A change of a member's status: the new status, from when, and why.
struct MemberStatusForm {
    static let fieldNames: Set<String> = ["status", "date", "reason"]
    var status = "", date = "", reason = ""

    struct Parsed {
        var status: MemberStatus
        var date: CivilDate
        var reason: String
    }

    /// The empty form, dated `date`.
    init(date: CivilDate) { self.date = date.iso }

    init(_ f: WebForm) { status = f["status"]; date = f["date"]; reason = f["reason"] }

    func parse(into errors: inout FieldErrors) -> Parsed? {
        let parsed = MemberStatus(rawValue: status)
        if parsed == nil { errors.add("status", UI.Registry.statusMissing) }
        let on = errors.date("date", date) ?? .today()
        guard let parsed, errors.isEmpty else { return nil }
        return Parsed(status: parsed, date: on, reason: String(reason.prefix(500)))
    }
}

/// A request to move a member to another union.
struct MemberTransferForm {
    static let fieldNames: Set<String> = ["to_org_code", "date", "reason"]
    var toOrgCode = "", date = "", reason = ""

    struct Parsed {
        var toOrgCode: String
        var date: CivilDate
        var reason: String
    }

    /// The empty form, dated `date`.
    init(date: CivilDate) { self.date = date.iso }

    init(_ f: WebForm) { toOrgCode = OrgPicker.typed(f, "to_org_code"); date = f["date"]; reason = f["reason"] }

    func parse(into errors: inout FieldErrors) -> Parsed? {
        if toOrgCode.isEmpty { errors.add("to_org_code", UI.Registry.transferTargetMissing) }
        let on = errors.date("date", date) ?? .today()
        guard errors.isEmpty else { return nil }
        return Parsed(toOrgCode: toOrgCode, date: on, reason: String(reason.prefix(500)))
    }
}
