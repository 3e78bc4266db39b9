import Foundation
import GonghuiDomain
import GonghuiStore

/// The org search's query string.
struct OrgSearchForm {
    var text: String
    var offset: Int

    init(_ q: PageQuery) {
        text = q.string("q", maxLength: 100)
        offset = q.int("offset", default: 0, range: 0...100_000)
    }
}

/// The query string of an org's page: the page of its children, and whether ended ones are listed.
struct OrgPageForm {
    var offset: Int
    var showEnded: Bool
    /// The flash message's key after a POST.
    var flash: String

    init(_ q: PageQuery) {
        offset = q.int("offset", default: 0, range: 0...1_000_000)
        showEnded = q.string("ended") == "1"
        flash = q.string("ok")
    }
}

/// The org edit form's values as typed, so they can be shown again beside their errors.
struct OrgForm {
    static let fieldNames: Set<String> = ["name", "kind", "credit_code", "region_code", "unit_nature", "economic_type", "industry", "employees",
                                          "women_employees", "migrant_employees", "founded_on", "chair_name", "chair_phone", "full_time_staff", "approval", "code", "parent_code"]
    var name = "", kind = "", creditCode = "", regionCode = "", unitNature = "", economicType = "", industry = ""
    var employees = "", womenEmployees = "", migrantEmployees = "", foundedOn = "", chairName = "", chairPhone = "", fullTimeStaff = "", approval = ""
    var flags = OrgFlags()

    init(_ o: Organization) {
        name = o.name; kind = o.kind.rawValue; creditCode = o.creditCode ?? ""; regionCode = o.regionCode ?? ""
        unitNature = o.unitNature?.rawValue ?? ""; economicType = o.economicType ?? ""; industry = o.industry ?? ""
        employees = String(o.employees); womenEmployees = String(o.womenEmployees); migrantEmployees = String(o.migrantEmployees)
        foundedOn = o.foundedOn?.iso ?? ""; chairName = o.chairName ?? ""; fullTimeStaff = String(o.fullTimeStaff)
        approval = o.approval.rawValue; flags = o.flags
    }

    init(_ f: WebForm) {
        name = f["name"]; kind = f["kind"]; creditCode = f["credit_code"]; regionCode = f["region_code"]; unitNature = f["unit_nature"]
        economicType = f["economic_type"]; industry = f["industry"]; employees = f["employees"]; womenEmployees = f["women_employees"]
        migrantEmployees = f["migrant_employees"]; foundedOn = f["founded_on"]; chairName = f["chair_name"]; chairPhone = f["chair_phone"]
        fullTimeStaff = f["full_time_staff"]; approval = f["approval"]
        flags = OrgFlags(womenCommittee: f.has("women_committee"), fundsAuditCommittee: f.has("funds_audit_committee"), workersCongress: f.has("workers_congress"),
                         factoryAffairsOpenness: f.has("factory_affairs_openness"), laborProtectionCommittee: f.has("labor_protection_committee"),
                         mediationCommittee: f.has("mediation_committee"))
    }

    /// The org as edited (its code and parent unchanged); usable only when `errors` stayed empty.
    func parse(code: String, parentCode: String?, into errors: inout FieldErrors) -> OrganizationDraft? {
        func count(_ field: String, _ text: String) -> Int {
            if text.isEmpty { return 0 }
            guard let n = Int(text), n >= 0 else { errors.add(field, UI.Registry.countInvalid); return 0 }
            return n
        }
        guard let kind = OrgKind(rawValue: kind) else { errors.add("kind", UI.Registry.kindMissing); return nil }
        var credit: CreditCode?, region: RegionCode?, founded: CivilDate?, phone: PhoneNumber?
        if !creditCode.isEmpty { do { credit = try CreditCode(creditCode) } catch { errors.add("credit_code", error.message) } }
        if !regionCode.isEmpty { do { region = try RegionCode(regionCode) } catch { errors.add("region_code", error.message) } }
        if !foundedOn.isEmpty { do { founded = try CivilDate(parsing: foundedOn) } catch { errors.add("founded_on", error.message) } }
        if !chairPhone.isEmpty { do { phone = try PhoneNumber(chairPhone) } catch { errors.add("chair_phone", error.message) } }
        let nature = unitNature.isEmpty ? nil : UnitNature(rawValue: unitNature)
        if !unitNature.isEmpty && nature == nil { errors.add("unit_nature", UI.Registry.unitNatureInvalid) }
        return OrganizationDraft(
            code: code, name: name, parentCode: parentCode, kind: kind, creditCode: credit, regionCode: region, unitNature: nature,
            economicType: economicType.isEmpty ? nil : economicType, industry: industry.isEmpty ? nil : industry,
            employees: count("employees", employees), womenEmployees: count("women_employees", womenEmployees),
            migrantEmployees: count("migrant_employees", migrantEmployees), foundedOn: founded, chairName: chairName.isEmpty ? nil : chairName,
            chairPhone: phone, fullTimeStaff: count("full_time_staff", fullTimeStaff), approval: FoundingApproval(rawValue: approval) ?? .approved, flags: flags)
    }
}

/// A change to the tree, confirmed before it is done.
enum OrgAction: String, CaseIterable {
    case move, merge, dissolve

    var title: String {
        switch self {
        case .move: UI.Registry.moveTitle
        case .merge: UI.Registry.mergeTitle
        case .dissolve: UI.Registry.dissolveTitle
        }
    }

    /// The field naming the other org: the new parent, or the org merged into.
    var targetField: String { self == .move ? "parent_code" : "into_code" }

    /// The flash message's key once done.
    var flash: String { self == .move ? "moved" : self == .merge ? "merged" : "dissolved" }
}

/// The form of a move, merge or dissolution: the other org, the date and the reason.
struct OrgActionForm {
    var action: OrgAction
    var target = "", date = "", reason = ""
    /// Whether this is the confirmation of what the first step showed.
    var confirmed = false

    /// The empty form, dated `date`.
    init(_ action: OrgAction, date: CivilDate) {
        self.action = action
        self.date = date.iso
    }

    init(_ action: OrgAction, _ f: WebForm) {
        self.action = action
        target = f[action.targetField]; reason = f["reason"]; date = f["date"]
        confirmed = f["step"] == "confirmed"
    }

    var needsTarget: Bool { action != .dissolve }

    /// The fields a refusal of the store may name.
    var fieldNames: Set<String> { [action.targetField, "date", "reason"] }

    /// The effective date; nil when the form has a problem.
    func parse(into errors: inout FieldErrors) -> CivilDate? {
        var on = CivilDate.today()
        do { on = try CivilDate(parsing: date) } catch { errors.add("date", error.message) }
        if on > .today() { errors.add("date", UI.Registry.dateAfterToday) }
        if needsTarget && target.isEmpty { errors.add(action.targetField, UI.Registry.targetCodeMissing) }
        return errors.isEmpty ? on : nil
    }
}
