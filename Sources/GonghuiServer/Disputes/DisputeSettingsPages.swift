import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 期限与标准: the numbers the case clocks read — the policy rules, the minimum wages and the
/// holiday calendar — for every officer to read, and for the province to keep. The store decides
/// who may change them; the page offers the forms to those it would let.
struct DisputeSettingsPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("disputes/settings", use: settings)
        router.post("disputes/settings/policy", use: savePolicy)
        router.post("disputes/settings/minimum-wage", use: saveWage)
        router.post("disputes/settings/calendar", use: saveDay)
    }

    func settings(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        return try await page(context, year: Int(q.string("year", maxLength: 4)), flash: q.string("ok"))
    }

    func savePolicy(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = PolicyRuleForm(try await WebForm.read(request))
        return try await save(form.values, fields: PolicyRuleForm.fields, flash: "ds_policy", context: context, year: nil) { errors in
            guard let rule = form.parse(into: &errors) else { return false }
            try await store.disputes.setPolicyRule(rule, actor: context.actor)
            return true
        }
    }

    func saveWage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = MinimumWageForm(try await WebForm.read(request))
        return try await save(form.values, fields: MinimumWageForm.fields, flash: "ds_wage", context: context, year: nil) { errors in
            guard let wage = form.parse(into: &errors) else { return false }
            try await store.disputes.setMinimumWage(wage, actor: context.actor)
            return true
        }
    }

    func saveDay(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = CalendarDayForm(try await WebForm.read(request))
        let year = (try? CivilDate(parsing: form.date))?.year
        return try await save(form.values, fields: CalendarDayForm.fields, flash: "ds_calendar", context: context, year: year) { errors in
            guard let (date, kind) = form.parse(into: &errors) else { return false }
            try await store.disputes.setCalendarDay(date, kind: kind, name: form.name, source: form.source, actor: context.actor)
            return true
        }
    }

    /// Parses and saves one form; back to the page with the flash, or the form's values and
    /// errors beside its fields. A refusal of the actor's level is the forbidden page.
    func save(_ values: [String: String], fields: Set<String>, flash: String, context: OfficerPageContext, year: Int?,
              _ write: (inout FieldErrors) async throws -> Bool) async throws -> Response {
        var errors = FieldErrors()
        do {
            if try await write(&errors) {
                return Web.redirect("/disputes/settings?ok=\(flash)" + (year.map { "&year=\($0)" } ?? "") + "#\(flash)")
            }
        } catch let e as StoreError {
            if case .forbidden = e { throw e }
            errors.add(e, fields: fields)
        }
        return try await page(context, year: year, values: values, errors: errors, status: .unprocessableContent)
    }

    func page(_ context: OfficerPageContext, year: Int?, flash: String? = nil, values: [String: String] = [:], errors: FieldErrors = FieldErrors(),
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = try await DisputeSettingsPageModel.load(store: store, actor: context.actor, csrf: context.csrf, year: year, flash: flash,
                                                            values: values, errors: errors)
        return Web.page(DisputeSettingsViews.page(model), status: status)
    }
}

/// What the settings page shows.
struct DisputeSettingsPageModel {
    struct RuleRow {
        var rule: PolicyRule
        var status: Status
        var builtIn: Bool
    }

    struct WageRow {
        var wage: MinimumWage
        var regionName: String?
        var status: Status
    }

    enum Status { case inForce, notYet, superseded }

    /// A festival of the year as the notice reads: its days off as runs of dates, its make-up workdays.
    struct Festival {
        var name: String
        var holidays: [(first: CivilDate, last: CivilDate)]
        var workdays: [CivilDate]
        var sources: [String]
    }

    var actor: Actor
    var csrf: String?
    var flash: String?
    var today: CivilDate
    var rules: [RuleRow]
    var wages: [WageRow]
    var year: Int
    var days: [HolidayCalendar.Day]
    var festivals: [Festival] { Self.festivals(days) }
    /// The years the shipped calendar covers.
    var shippedYears: [Int]
    /// A year the clocks will soon count in with no day of its notice recorded (this year, or
    /// next year from November, when the State Council publishes it).
    var missingYear: Int?
    /// The actor may keep the numbers (the system administrator, or an editor of the province).
    var editor: Bool
    var values: [String: String]
    var errors: FieldErrors

    static func load(store: Store, actor: Actor, csrf: String?, year: Int?, flash: String?, values: [String: String],
                     errors: FieldErrors) async throws -> DisputeSettingsPageModel {
        let today = CivilDate.today()
        let book = try await store.disputes.listedRules()
        let table = try await store.disputes.minimumWages()
        let calendar = try await store.disputes.calendar()
        let editor = await store.isProvinceEditor(actor)
        let rules = book.rules.map { r in
            RuleRow(rule: r, status: book.rule(r.key, on: today) == r ? .inForce : r.effectiveFrom > today ? .notYet : .superseded,
                    builtIn: ProvinceRules.builtIn.contains(r) || r == DutySeparation.rule)
        }
        let wages = table.wages.sorted { ($0.regionCode, $1.effectiveFrom) < ($1.regionCode, $0.effectiveFrom) }.map { w in
            WageRow(wage: w, regionName: (try? RegionCode(w.regionCode)).flatMap { RegionCatalog.builtIn.fullName(of: $0) },
                    status: table.wage(for: w.regionCode, on: today) == w ? .inForce : w.effectiveFrom > today ? .notYet : .superseded)
        }
        let shown = (year.map { (2000...2100).contains($0) ? $0 : today.year }) ?? today.year
        return DisputeSettingsPageModel(actor: actor, csrf: csrf, flash: flash, today: today, rules: rules, wages: wages, year: shown,
                                        days: calendar.days.values.filter { $0.date.year == shown }.sorted { $0.date < $1.date },
                                        shippedYears: HolidayCalendar.shipped.years.sorted(), missingYear: missingYear(calendar, today: today),
                                        editor: editor, values: values, errors: errors)
    }

    /// The days grouped by festival in the order of their first day, consecutive days off joined.
    static func festivals(_ days: [HolidayCalendar.Day]) -> [Festival] {
        var out: [Festival] = []
        for d in days.sorted(by: { $0.date < $1.date }) {
            var i = out.firstIndex { $0.name == d.name } ?? out.endIndex
            if i == out.endIndex { out.append(Festival(name: d.name, holidays: [], workdays: [], sources: [])); i = out.count - 1 }
            if d.kind == .holiday {
                if let last = out[i].holidays.last, last.last.adding(days: 1) == d.date { out[i].holidays[out[i].holidays.count - 1].last = d.date }
                else { out[i].holidays.append((d.date, d.date)) }
            } else {
                out[i].workdays.append(d.date)
            }
            if !out[i].sources.contains(d.source) { out[i].sources.append(d.source) }
        }
        return out
    }

    static func missingYear(_ calendar: HolidayCalendar, today: CivilDate) -> Int? {
        let years = calendar.years
        if !years.contains(today.year) { return today.year }
        if today.month >= 11 && !years.contains(today.year + 1) { return today.year + 1 }
        return nil
    }

    /// The keys in the order the page lists them (the law's clocks first).
    static let keys = [DisputePolicy.acceptanceDays, DisputePolicy.handlingDays, DisputePolicy.extensionDays, DisputePolicy.mediationDays,
                       DisputePolicy.limitationYears, DisputePolicy.limitationWarningDays, DisputePolicy.arbitrationAcceptanceDays,
                       DisputePolicy.arbitrationAwardDays, DisputePolicy.arbitrationExtensionDays, DisputePolicy.finalAwardMonths,
                       DisputePolicy.collectiveWorkers, DisputePolicy.duplicateWindowDays, DisputePolicy.reminderDays, DutySeparation.key]
        + WarningPolicy.defaults.rules.map(\.key) + LegalAidPolicy.defaults.rules.map(\.key) + SupervisionPolicy.defaults.rules.map(\.key) + RetentionPolicy.defaults.rules.map(\.key) + LoanPolicy.defaults.rules.map(\.key) + CardPolicy.defaults.rules.map(\.key)
}

/// A policy number from a date, with its source.
struct PolicyRuleForm {
    static let fields: Set<String> = ["key", "value", "effective_from", "source"]
    var key: String, value: String, workingDays: Bool, effectiveFrom: String, source: String

    init(_ f: WebForm) {
        key = f["key"]; value = f["value"]; workingDays = f["working_days"] == "1"; effectiveFrom = f["effective_from"]; source = f["source"]
    }

    var values: [String: String] {
        ["key": key, "value": value, "working_days": workingDays ? "1" : "", "effective_from": effectiveFrom, "source": source]
    }

    func parse(into errors: inout FieldErrors) -> PolicyRule? {
        let number = Int(value.trimmingCharacters(in: .whitespaces))
        if number == nil { errors.add("value", UI.DisputeSettings.valueInvalid) }
        let from = errors.date("effective_from", effectiveFrom)
        guard let number, let from, errors.isEmpty else { return nil }
        return PolicyRule(key: key, value: number, effectiveFrom: from, source: source, workingDays: workingDays)
    }
}

/// A region's monthly minimum wage from a date, with the notice that set it.
struct MinimumWageForm {
    static let fields: Set<String> = ["region_code", "effective_from", "monthly", "source"]
    var regionCode: String, effectiveFrom: String, monthly: String, source: String

    init(_ f: WebForm) {
        regionCode = f["region_code"]; effectiveFrom = f["effective_from"]; monthly = f["monthly"]; source = f["source"]
    }

    var values: [String: String] { ["region_code": regionCode, "effective_from": effectiveFrom, "monthly": monthly, "source": source] }

    func parse(into errors: inout FieldErrors) -> MinimumWage? {
        if regionCode.isEmpty { errors.add("region_code", UI.DisputeSettings.regionMissing) } else {
            do { _ = try RegionCatalog.builtIn.validate(regionCode) } catch { errors.add("region_code", error.message) }
        }
        let from = errors.date("effective_from", effectiveFrom)
        let amount = errors.money("monthly", monthly, missing: UI.DisputeSettings.monthlyMissing)
        guard let from, let amount, errors.isEmpty else { return nil }
        return MinimumWage(regionCode: regionCode, effectiveFrom: from, monthly: amount, source: source)
    }
}

/// A day of the holiday calendar: a day off, a make-up workday, or an ordinary day again.
struct CalendarDayForm {
    static let fields: Set<String> = ["date", "kind", "name", "source"]
    var date: String, kind: String, name: String, source: String

    init(_ f: WebForm) { date = f["date"]; kind = f["kind"]; name = f["name"]; source = f["source"] }

    var values: [String: String] { ["date": date, "kind": kind, "name": name, "source": source] }

    /// The date and the kind (nil: an ordinary day again).
    func parse(into errors: inout FieldErrors) -> (CivilDate, HolidayCalendar.DayKind?)? {
        let day = errors.date("date", date)
        let dayKind: HolidayCalendar.DayKind??
        switch kind {
        case "normal": dayKind = .some(nil)
        default: dayKind = HolidayCalendar.DayKind(rawValue: kind).map { .some($0) }
        }
        if dayKind == nil { errors.add("kind", UI.DisputeSettings.kindInvalid) }
        guard let day, let dayKind, errors.isEmpty else { return nil }
        return (day, dayKind)
    }
}
