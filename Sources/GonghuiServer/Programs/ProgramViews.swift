import Foundation
import GonghuiDomain

private typealias Words = UI.Programs

/// The page of programmes and cycles, and the pieces every assistance page shares: rules in
/// words, the state of a grant, amounts, the breadcrumbs.
enum ProgramViews {
    static func programs(_ m: ProgramsPageModel) -> HTML {
        let body: HTML = """
        <div class="actions"><a class="button secondary" href="/mutual-aid">\(UI.MutualAid.link)</a><a class="button secondary" href="/loans">\(UI.Loans.link)</a><a class="button secondary" href="/cards">\(UI.Cards.link)</a></div>
        <section aria-labelledby="h-cycles"><h2 id="h-cycles">\(Words.cyclesTitle)</h2>
        \(m.cycles.isEmpty ? HTML("<p>\(Words.noCycles)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(Words.program)</th><th scope="col">\(Words.cycle)</th><th scope="col">\(Words.acceptancePeriod)</th><th scope="col">\(Words.state)</th><th scope="col">\(Words.ownerOrg)</th></tr></thead>
        <tbody>\(m.cycles.map(cycleRow))</tbody></table></div>
        """)
        </section>
        \(m.mayEstablish ? establishForms(m) : HTML("<p class=\"muted\">\(Words.setByProvince)</p>"))
        <section aria-labelledby="h-programs"><h2 id="h-programs">\(Words.programsTitle)</h2>
        \(m.programs.isEmpty ? HTML("<p>\(Words.noPrograms)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(Words.code)</th><th scope="col">\(Words.name)</th><th scope="col">\(Words.kind)</th><th scope="col">\(Words.description)</th></tr></thead>
        <tbody>\(m.programs.map(programRow))</tbody></table></div>
        """)
        </section>
        """
        return Layout.page(Words.programsTitle, actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }

    static func cycleRow(_ c: ProgramCycle) -> HTML {
        """
        <tr><td data-label="\(Words.program)">\(c.programName)</td><td data-label="\(Words.cycle)"><a href="/cycles/\(String(c.id))">\(c.name)</a></td>
        <td data-label="\(Words.acceptancePeriod)">\(Words.period(c.startsOn.iso, c.endsOn.iso))</td>
        <td data-label="\(Words.state)">\(c.isOpen ? HTML("<span class=\"tag ok\">\(Words.accepting)</span>") : HTML("<span class=\"tag\">\(Words.ended)</span>"))</td>
        <td data-label="\(Words.ownerOrg)">\(c.ownerOrgName)</td></tr>
        """
    }

    static func programRow(_ p: AssistanceProgram) -> HTML {
        """
        <tr><td data-label="\(Words.code)">\(p.code)</td><td data-label="\(Words.name)">\(p.name)</td><td data-label="\(Words.kind)">\(p.kind.title)</td>
        <td data-label="\(Words.description)">\(p.description.isEmpty ? UI.none : p.description)</td></tr>
        """
    }

    /// The province's forms: a new cycle (with the preset rules of each programme) and a new programme.
    static func establishForms(_ m: ProgramsPageModel) -> HTML {
        """
        <div class="grid two">
        \(newCycleForm(m))
        \(newProgramForm(m))
        </div>
        """
    }

    static func newCycleForm(_ m: ProgramsPageModel) -> HTML {
        let cv = m.cycleValues, errors = m.cycleErrors
        let programOptions = [("", Words.choose)] + m.programs.map { ($0.code, Words.parenthesized($0.name, $0.kind.title)) }
        let presets = Set(m.programs.map(\.kind)).sorted { $0.rawValue < $1.rawValue }.map { k -> HTML in
            "<h3>\(k.title)</h3>\(rulesList(GrantRules.preset(k)))"
        }
        return """
        <section class="card" aria-labelledby="h-new-cycle"><h2 id="h-new-cycle">\(Words.openCycleTitle)</h2>
        \(Layout.formErrors(errors))
        <form method="post" action="/cycles">\(Layout.csrfField(m.csrf))
        \(Layout.select(Words.programField, name: "program", options: programOptions, selected: cv["program"] ?? "", error: errors["program"]))
        \(Layout.field(Words.cycleName, name: "name", value: cv["name"] ?? "", error: errors["name"], hint: Words.cycleNameHint, required: true, attributes: " maxlength=\"100\""))
        \(Layout.field(Words.startsOn, name: "starts_on", value: cv["starts_on"] ?? "", type: "date", error: errors["starts_on"], required: true))
        \(Layout.field(Words.endsOn, name: "ends_on", value: cv["ends_on"] ?? "", type: "date", error: errors["ends_on"], required: true))
        \(Layout.field(Words.budgetTotal, name: "budget", value: cv["budget"] ?? "", error: errors["budget"], hint: Words.budgetHint, required: true, attributes: " inputmode=\"decimal\""))
        \(Layout.textarea(Words.rulesField, name: "rules", value: cv["rules"] ?? "", error: errors["rules"], hint: Words.rulesHint))
        <details><summary>\(Words.rulesExample)</summary><pre class="json">\(rulesJSON(GrantRules.preset(.warmth)))</pre></details>
        <button type="submit">\(Words.openCycleButton)</button>
        </form>
        <h3>\(Words.presetRules)</h3>
        \(presets.isEmpty ? HTML("<p class=\"muted\">\(Words.noProgramsYet)</p>") : HTML.join(presets))
        </section>
        """
    }

    static func newProgramForm(_ m: ProgramsPageModel) -> HTML {
        let v = m.programValues, errors = m.programErrors
        let kinds = [("", Words.choose)] + ProgramKind.allCases.map { ($0.rawValue, $0.title) }
        return """
        <section class="card" aria-labelledby="h-new-program"><h2 id="h-new-program">\(Words.newProgramTitle)</h2>
        \(Layout.formErrors(errors))
        <form method="post" action="/programs">\(Layout.csrfField(m.csrf))
        \(Layout.field(Words.programCode, name: "code", value: v["code"] ?? "", error: errors["code"], hint: Words.programCodeHint, required: true, attributes: " maxlength=\"32\""))
        \(Layout.field(Words.programName, name: "name", value: v["name"] ?? "", error: errors["name"], required: true, attributes: " maxlength=\"50\""))
        \(Layout.select(Words.programKind, name: "kind", options: kinds, selected: v["kind"] ?? "", error: errors["kind"], hint: Words.programKindHint))
        \(Layout.textarea(Words.description, name: "description", value: v["description"] ?? ""))
        <button type="submit" class="secondary">\(Words.newProgramButton)</button>
        </form>
        </section>
        """
    }

    // MARK: Shared pieces

    static func rulesList(_ rules: GrantRules) -> HTML {
        if rules.rules.isEmpty { return "<p>\(Words.noRules)</p>" }
        let items = rules.rules.map { r -> HTML in
            let conditions = r.conditions.isEmpty ? Words.unconditional : r.conditions.map(Words.condition).joined(separator: Words.conditionsJoiner)
            return "<li><strong>\(r.name)</strong>\(Words.colon)\(conditions) → \(Words.amount(r.amount))</li>"
        }
        return "<ol class=\"rules\">\(items)</ol><p class=\"muted\">\(Words.rulesOrder)</p>"
    }

    static func rulesJSON(_ rules: GrantRules) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(rules.rules)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func stateTag(_ s: GrantState) -> HTML {
        let cls = switch s {
        case .paid: "ok"
        case .failed, .rejected: "bad"
        case .submitted, .reviewed: "warn"
        case .approved, .inBatch: "info"
        case .withdrawn: "muted"
        }
        return "<span class=\"tag \(cls)\">\(s.title)</span>"
    }

    static func yuan(_ m: Money) -> String { m.groupedYuan }

    /// The breadcrumbs from the programmes page: links, then the current page's name.
    static func breadcrumbs(_ links: [(String, String)], current: HTML) -> HTML {
        let items = links.map { href, label -> HTML in "<li><a href=\"\(href)\">\(label)</a></li>" }
        return "<nav class=\"breadcrumbs\" aria-label=\"\(Words.breadcrumbs)\"><ol><li><a href=\"/programs\">\(Words.programsTitle)</a></li>\(items)\(current)</ol></nav>"
    }
}
