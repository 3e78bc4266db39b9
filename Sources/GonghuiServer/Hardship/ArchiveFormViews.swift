import Foundation
import GonghuiDomain
import GonghuiStore

/// The archive form (new or revising) and the notice shown instead of it when the member's
/// family already has an open archive.
extension HardshipViews {
    static func alreadyOpen(_ m: HardshipAlreadyOpenPageModel) -> HTML {
        let link: HTML = "<a href=\"/hardship/\(String(m.open.id))\">\(m.open.archiveNo)</a>"
        let body: HTML = """
        <div class="notice" role="status"><p>\(UI.Hardship.openArchiveNotice(m.member.name, m.member.idNumberMasked, link: link, stage: m.open.stage.title))</p></div>
        <p><a href="/members/\(String(m.member.id))">\(UI.Hardship.backToMember)</a></p>
        """
        return Layout.page(UI.Hardship.buildTitle, actor: m.actor, csrf: m.csrf, section: .hardship, body)
    }

    static func options(_ list: [String], empty: String? = nil) -> [(String, String)] {
        (empty.map { [("", $0)] } ?? []) + list.map { ($0, $0) }
    }

    static func archiveForm(_ m: HardshipFormPageModel) -> HTML {
        let a = m.archive, v = m.values, errors = m.errors, t = UI.Hardship.self
        let action = a.map { "/hardship/\($0.id)/edit" } ?? "/hardship/new"
        let cancel = a.map { "/hardship/\($0.id)" } ?? m.member.map { "/members/\($0.id)" } ?? "/hardship"
        let body: HTML = """
        \(Layout.formErrors(errors))
        <form method="post" action="\(action)" class="card hardship-form">
        \(Layout.csrfField(m.csrf))
        <input type="hidden" name="family_rows" value="\(String(v.family.count))">
        <fieldset><legend>\(t.applicantLegend)</legend>
        \(applicantFields(m))
        </fieldset>
        \(financesFieldset(v, errors))
        \(causesFieldset(v, errors))
        \(circumstancesFieldset(v, errors))
        <fieldset><legend>\(t.bankLegend)</legend>
        \(Layout.field(t.bankNameLabel, name: "bank_name", value: v.bankName, error: errors["bank_name"], required: true))
        \(Layout.field(t.bankAccountLabel, name: "bank_account", value: v.bankAccount, error: errors["bank_account"], hint: a.map { t.keepIfEmpty($0.bankAccountMasked) } ?? t.bankAccountHint, required: a == nil, autocomplete: "off", attributes: " inputmode=\"numeric\""))
        </fieldset>
        <fieldset><legend>\(t.familyLegend)</legend>
        <p class="hint">\(t.familyHint)</p>
        \(errors["family"].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty)
        <div class="family">\(familyRows(v, errors))</div>
        </fieldset>
        \(overrideFieldset(v, errors))
        \(Layout.textarea(t.noteLabel, name: "note", value: v.note, error: errors["note"]))
        <div class="actions"><button type="submit">\(UI.save)</button><a href="\(cancel)">\(UI.cancel)</a></div>
        </form>
        """
        return Layout.page(m.title, actor: m.actor, csrf: m.csrf, section: .hardship, body)
    }

    /// Who the archive is for: the archive revised, the member, or a non-member's particulars.
    static func applicantFields(_ m: HardshipFormPageModel) -> HTML {
        let v = m.values, errors = m.errors, t = UI.Hardship.self
        if let a = m.archive {
            return """
            <p>\(t.revisingApplicant(a.name, a.idNumberMasked, org: a.orgName, archiveNo: a.archiveNo, appliedOn: a.workflow.appliedOn.iso))</p>
            <input type="hidden" name="version" value="\(String(a.version))">
            \(a.workflow.stage == .filed ? HTML("<p class=\"notice\">\(t.filedRevisionNote)</p>") : .empty)
            """
        }
        let appliedOn = Layout.field(t.appliedOnLabel, name: "applied_on", value: v.appliedOn, type: "date", error: errors["applied_on"], hint: t.appliedOnHint, required: true)
        if let member = m.member {
            let link: HTML = "<a href=\"/members/\(String(member.id))\">\(member.name)</a>"
            return """
            <p>\(t.memberApplicant(link, member.idNumberMasked, org: member.orgName))</p>
            <input type="hidden" name="member_id" value="\(String(member.id))">
            \(appliedOn)
            """
        }
        return """
        <p class="hint">\(t.nonMemberIntro)</p>
        \(Layout.field(t.colName, name: "name", value: v.name, error: errors["name"], required: true))
        \(Layout.field(t.idNumberLabel, name: "id_number", value: v.idNumber, error: errors["id_number"], hint: t.idNumberHint, required: true, autocomplete: "off"))
        \(Layout.field(t.phoneLabel, name: "phone", value: v.phone, type: "tel", error: errors["phone"], autocomplete: "off"))
        \(OrgPicker.inScope.field(t.orgCodeLabel, name: "org_code", value: v.orgCode, error: errors["org_code"], hint: t.orgCodeHint, required: true,
                                      choices: m.orgChoices))
        \(appliedOn)
        """
    }

    static func financesFieldset(_ v: HardshipForm, _ errors: FieldErrors) -> HTML {
        let t = UI.Hardship.self
        let money = " inputmode=\"decimal\""
        return """
        <fieldset><legend>\(t.financesLegend)</legend>
        \(RegionPicker.field(t.familyRegionCode, name: "region_code", value: v.regionCode, error: errors["region_code"], hint: t.familyRegionCodeHint, required: true))
        \(Layout.field(t.annualIncomeYuan, name: "annual_income", value: v.annualIncome, error: errors["annual_income"], required: true, attributes: money))
        \(Layout.field(t.rigidExpensesYuan, name: "rigid_expenses", value: v.rigidExpenses, error: errors["rigid_expenses"], hint: t.rigidExpensesHint, required: true, attributes: money))
        \(Layout.field(t.householdSizePersons, name: "household_size", value: v.householdSize, type: "number", error: errors["household_size"], hint: t.householdSizeHint, required: true, attributes: " min=\"1\" max=\"21\""))
        \(Layout.field(t.suddenCostsYuan, name: "sudden_costs", value: v.suddenCosts, error: errors["sudden_costs"], hint: t.suddenCostsHint, attributes: money))
        \(Layout.field(t.ownMonthlyIncomeYuan, name: "own_monthly_income", value: v.ownMonthlyIncome, error: errors["own_monthly_income"], attributes: money))
        </fieldset>
        """
    }

    static func causesFieldset(_ v: HardshipForm, _ errors: FieldErrors) -> HTML {
        let t = UI.Hardship.self
        let causes = [("", t.pleaseChoose)] + HardshipCause.allCases.map { (String($0.rawValue), "\($0.rawValue). \($0.title)") }
        let secondaryError = errors["secondary_causes"]
        let secondaryClass = secondaryError != nil ? "has-error" : "secondary"
        let described: HTML = secondaryError != nil ? " aria-describedby=\"secondary_causes-error\" aria-invalid=\"true\"" : .empty
        let secondary = HardshipCause.allCases.map { c -> HTML in
            let id = "f-secondary-\(c.rawValue)"
            return """
            <div class="check"><input type="checkbox" id="\(id)" name="secondary_causes" value="\(String(c.rawValue))"\(v.secondaryCauses.contains(c.rawValue) ? HTML(raw: " checked") : .empty)\(described)><label for="\(id)">\(c.title)</label></div>
            """
        }
        return """
        <fieldset><legend>\(t.causesLegend)</legend>
        \(Layout.select(t.colMainCause, name: "main_cause", options: causes, selected: v.mainCause, error: errors["main_cause"]))
        <fieldset class="\(secondaryClass)"><legend>\(t.secondaryCausesLegend)</legend>
        \(secondary)
        \(Layout.errorNote("secondary_causes", secondaryError))
        </fieldset>
        </fieldset>
        """
    }

    static func circumstancesFieldset(_ v: HardshipForm, _ errors: FieldErrors) -> HTML {
        let t = UI.Hardship.self
        return """
        <fieldset><legend>\(t.circumstancesLegend)</legend>
        \(Layout.select(t.healthLabel, name: "health", options: options(HardshipVocab.health), selected: v.health, error: errors["health"]))
        \(Layout.select(t.majorIllnessLabel, name: "major_illness", options: options(HardshipVocab.majorIllnesses, empty: t.noneChoice), selected: v.majorIllness, error: errors["major_illness"], hint: t.majorIllnessHint))
        \(Layout.select(t.disabilityLabel, name: "disability_grade", options: options(HardshipVocab.disabilityGrades, empty: t.noneChoice), selected: v.disabilityGrade, error: errors["disability_grade"]))
        \(Layout.select(t.housingLabel, name: "housing", options: options(HardshipVocab.housing), selected: v.housing, error: errors["housing"]))
        \(Layout.select(t.maritalLabel, name: "marital_status", options: options(HardshipVocab.marital), selected: v.maritalStatus, error: errors["marital_status"]))
        \(Layout.select(t.registrationLabel, name: "household_registration", options: options(HardshipVocab.householdRegistration), selected: v.householdRegistration, error: errors["household_registration"]))
        \(Layout.select(t.insuranceLabel, name: "medical_insurance", options: options(HardshipVocab.medicalInsurance), selected: v.medicalInsurance, error: errors["medical_insurance"]))
        \(Layout.checkbox(t.singleParent, name: "single_parent", checked: v.singleParent))
        \(Layout.checkbox(t.canSelfHelp, name: "can_self_help", checked: v.canSelfHelp))
        \(Layout.checkbox(t.zeroEmployment, name: "zero_employment", checked: v.zeroEmployment))
        \(Layout.checkbox(t.migrantWorker, name: "is_migrant", checked: v.isMigrant))
        \(Layout.checkbox(t.livesInCity, name: "lives_in_city", checked: v.livesInCity))
        \(Layout.field(t.laborRelationSinceLabel, name: "labor_relation_since", value: v.laborRelationSince, type: "date", error: errors["labor_relation_since"], hint: t.laborRelationSinceHint))
        </fieldset>
        """
    }

    static func familyRows(_ v: HardshipForm, _ errors: FieldErrors) -> [HTML] {
        let t = UI.Hardship.self
        return v.family.enumerated().map { i, f -> HTML in
            let n = i + 1, p = "family\(n)_"
            let idHint: String? = f.maskedOnFile.map { t.keepIfEmpty($0) }
            return """
            <fieldset class="family-row"><legend>\(t.familyMemberLegend(n))</legend>
            \(Layout.field(t.colName, name: p + "name", value: f.name, error: errors[p + "name"]))
            \(Layout.select(t.relationLabel, name: p + "relation", options: options(HardshipVocab.relations, empty: t.pleaseChoose), selected: f.relation, error: errors[p + "relation"]))
            \(Layout.field(t.idNumberLabel, name: p + "id_number", value: f.idNumber, error: errors[p + "id_number"], hint: idHint, autocomplete: "off"))
            \(Layout.select(t.healthLabel, name: p + "health", options: options(HardshipVocab.health), selected: f.health, error: errors[p + "health"]))
            \(Layout.field(t.monthlyIncomeLabel, name: p + "monthly_income", value: f.monthlyIncome, error: errors[p + "monthly_income"], attributes: " inputmode=\"decimal\""))
            \(Layout.field(t.schoolOrWorkLabel, name: p + "school_or_work", value: f.schoolOrWork, error: errors[p + "school_or_work"]))
            </fieldset>
            """
        }
    }

    static func overrideFieldset(_ v: HardshipForm, _ errors: FieldErrors) -> HTML {
        let t = UI.Hardship.self
        let categories = [("", t.byComputation)] + HardshipCategory.allCases.map { ($0.rawValue, $0.title) }
        return """
        <fieldset><legend>\(t.overrideLegend)</legend>
        <p class="hint">\(t.overrideHint)</p>
        \(Layout.select(t.overrideCategoryLabel, name: "category_override", options: categories, selected: v.categoryOverride, error: errors["category_override"]))
        \(Layout.textarea(t.overrideReasonLabel, name: "override_reason", value: v.overrideReason, error: errors["override_reason"]))
        </fieldset>
        """
    }
}
