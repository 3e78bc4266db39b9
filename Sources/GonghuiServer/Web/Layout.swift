import Foundation
import GonghuiDomain
import GonghuiStore

/// The page frame of the console and the portal, and the form pieces every page uses.
enum Layout {
    static let cssPath = "/assets/gonghui.css?v=\(Stylesheet.version)"

    enum Section: String { case home, orgs, members, transfers, hardship, programs, disputes, stats, imports, audit, system, account, none }

    static func head(_ title: String) -> HTML {
        """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <link rel="stylesheet" href="\(cssPath)">
        <script src="\(PickerScript.path)" defer></script>
        </head>
        """
    }

    /// A console page for a signed-in officer.
    static func page(_ title: String, actor: Actor, csrf: String?, section: Section, flash: String? = nil, _ body: HTML) -> HTML {
        var nav: [(Section, String, String)] = [
            (.home, "/", UI.navHome), (.orgs, "/orgs", UI.navOrgs), (.members, "/members", UI.navMembers),
            (.transfers, "/transfers", UI.navTransfers), (.hardship, "/hardship", UI.navHardship), (.programs, "/programs", UI.navPrograms),
            (.disputes, "/disputes", UI.navDisputes), (.stats, "/stats", UI.navStats),
        ]
        if actor.role.mayEditRegistry { nav.append((.imports, "/import", UI.navImport)) }
        if actor.role.mayReadAudit { nav.append((.audit, "/audit", UI.navAudit)) }
        if actor.role == .systemAdmin { nav.append((.system, "/system", UI.Operations.nav)) }
        let links = nav.map { s, href, label -> HTML in
            s == section ? "<li><a href=\"\(href)\" aria-current=\"page\">\(label)</a></li>" : "<li><a href=\"\(href)\">\(label)</a></li>"
        }
        let flashHTML: HTML = Layout.flash(flash)
        return """
        \(head(title + " - " + UI.siteName))
        <body>
        <a class="skip" href="#main">\(UI.skipToContent)</a>
        <header class="top">
          <div class="bar">
            <a class="brand" href="/">\(UI.siteName)</a>
            <div class="who">
              <span class="user">\(UI.userWithRole(actor.displayName, actor.role.label))</span>
              <span class="org">\(UI.actsFor)\(UI.colon)\(actor.orgName ?? UI.allOrgs)</span>
              <a href="/inbox">\(UI.Inbox.nav)</a>
              <a href="/account/password">\(UI.navPassword)</a>
              <form method="post" action="/logout" class="inline">\(csrfField(csrf))<button type="submit" class="link">\(UI.logout)</button></form>
            </div>
          </div>
          <nav aria-label="\(UI.mainNavigation)"><ul>\(links)</ul></nav>
        </header>
        <main id="main" tabindex="-1">
        \(flashHTML)
        <h1>\(title)</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    /// A page with no signed-in officer (login, errors for strangers).
    static func bare(_ title: String, portal: Bool = false, _ body: HTML) -> HTML {
        """
        \(head(title + " - " + (portal ? UI.portalName : UI.siteName)))
        <body class="\(portal ? "portal" : "console")">
        <a class="skip" href="#main">\(UI.skipToContent)</a>
        <header class="top"><div class="bar"><a class="brand" href="\(portal ? "/my/" : "/")">\(portal ? UI.portalName : UI.siteName)</a></div></header>
        <main id="main" tabindex="-1" class="narrow">
        <h1>\(title)</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    static func errorPage(status: Int, title: String, message: String, requestID: String, portal: Bool, actor: Actor?, csrf: String?) -> HTML {
        let body: HTML = """
        <div class="error-page">
        <p class="code">\(String(status))</p>
        <p>\(message)</p>
        <p class="muted">\(UI.requestID)\(UI.colon)<code>\(requestID)</code></p>
        <p><a class="button" href="\(portal ? "/my/" : "/")">\(UI.backHome)</a></p>
        </div>
        """
        if let actor { return page(title, actor: actor, csrf: csrf, section: .none, body) }
        return bare(title, portal: portal, body)
    }

    /// The message of a `?ok=` key (`UI.flash`) as a status line, or nothing.
    static func flash(_ key: String?) -> HTML {
        key.flatMap { UI.flash[$0] }.map { "<p class=\"flash\" role=\"status\">\($0)</p>" } ?? .empty
    }

    // MARK: Form pieces

    static func csrfField(_ token: String?) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(token ?? "")\">"
    }

    static func errorNote(_ name: String, _ error: String?) -> HTML {
        guard let error else { return .empty }
        return "<p class=\"field-error\" id=\"\(name)-error\">\(error)</p>"
    }

    static func describedBy(_ name: String, error: String?, hint: String?) -> HTML {
        var ids: [String] = []
        if hint != nil { ids.append("\(name)-hint") }
        if error != nil { ids.append("\(name)-error") }
        if ids.isEmpty { return .empty }
        return " aria-describedby=\"\(ids.joined(separator: " "))\"" + (error != nil ? " aria-invalid=\"true\"" : "")
    }

    static func field(_ label: String, name: String, value: String = "", type: String = "text", error: String? = nil, hint: String? = nil,
                      required: Bool = false, autocomplete: String? = nil, attributes: String = "") -> HTML {
        let req: HTML = required ? " required" : ""
        let ac: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? ""
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? .empty
        let value: HTML = type == "password" ? "" : " value=\"\(value)\""
        return """
        <div class="field\(error != nil ? " has-error" : "")">
          <label for="f-\(name)">\(label)\(required ? HTML(raw: "<span class=\"req\" aria-hidden=\"true\">*</span>") : .empty)</label>
          \(hintHTML)
          <input id="f-\(name)" name="\(name)" type="\(type)"\(value)\(req)\(ac)\(describedBy(name, error: error, hint: hint))\(HTML(raw: attributes))>
          \(errorNote(name, error))
        </div>
        """
    }

    static func textarea(_ label: String, name: String, value: String = "", error: String? = nil, hint: String? = nil, required: Bool = false) -> HTML {
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? .empty
        return """
        <div class="field\(error != nil ? " has-error" : "")">
          <label for="f-\(name)">\(label)</label>
          \(hintHTML)
          <textarea id="f-\(name)" name="\(name)" rows="3"\(required ? HTML(raw: " required") : .empty)\(describedBy(name, error: error, hint: hint))>\(value)</textarea>
          \(errorNote(name, error))
        </div>
        """
    }

    static func select(_ label: String, name: String, options: [(String, String)], selected: String, error: String? = nil, hint: String? = nil) -> HTML {
        select(label, name: name, groups: [(nil, options)], selected: selected, error: error, hint: hint)
    }

    /// A select whose options come in groups (`<optgroup>` for a group with a label).
    static func select(_ label: String, name: String, groups: [(label: String?, options: [(String, String)])], selected: String,
                       error: String? = nil, hint: String? = nil, required: Bool = false) -> HTML {
        let opts = groups.map { group -> HTML in
            let options = group.options.map { v, l -> HTML in
                v == selected ? "<option value=\"\(v)\" selected>\(l)</option>" : "<option value=\"\(v)\">\(l)</option>"
            }
            return group.label.map { "<optgroup label=\"\($0)\">\(options)</optgroup>" } ?? "\(options)"
        }
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? .empty
        return """
        <div class="field\(error != nil ? " has-error" : "")">
          <label for="f-\(name)">\(label)\(required ? HTML(raw: "<span class=\"req\" aria-hidden=\"true\">*</span>") : .empty)</label>
          \(hintHTML)
          <select id="f-\(name)" name="\(name)"\(describedBy(name, error: error, hint: hint))>\(opts)</select>
          \(errorNote(name, error))
        </div>
        """
    }

    static func checkbox(_ label: String, name: String, checked: Bool) -> HTML {
        """
        <div class="check"><input type="checkbox" id="f-\(name)" name="\(name)" value="1"\(checked ? HTML(raw: " checked") : .empty)><label for="f-\(name)">\(label)</label></div>
        """
    }

    static func formErrors(_ errors: FieldErrors) -> HTML {
        if errors.isEmpty { return .empty }
        let general = errors.general.map { m -> HTML in "<p>\(m)</p>" }
        // The prompt to look beside the fields only when some field has a problem.
        return """
        <div class="alert" role="alert">\(errors.byField.isEmpty ? HTML.empty : "<p>\(UI.formHasErrors)</p>")\(general)</div>
        """
    }

    static func pager(base: String, query: [(String, String?)], offset: Int, limit: Int, total: Int?, shown: Int) -> HTML {
        var parts: [HTML] = []
        func link(_ at: Int) -> String { URLText.with(base, query + [("offset", String(at))]) }
        if offset > 0 {
            parts.append("<a rel=\"prev\" href=\"\(link(max(0, offset - limit)))\">\(UI.previousPage)</a>")
        }
        let hasMore = total.map { offset + shown < $0 } ?? (shown == limit)
        if let total {
            // Page numbers: the first, the last, and two either side of this one.
            let pages = max(1, (total + limit - 1) / limit), current = offset / limit + 1
            if pages > 1 {
                var numbers: [HTML] = []
                var last = 0
                for n in 1...pages where n == 1 || n == pages || abs(n - current) <= 2 {
                    if n > last + 1 { numbers.append("<span aria-hidden=\"true\">…</span>") }
                    numbers.append(n == current ? "<a aria-current=\"page\" href=\"\(link((n - 1) * limit))\">\(String(n))</a>"
                                                : "<a href=\"\(link((n - 1) * limit))\" aria-label=\"\(UI.pageNumber(n))\">\(String(n))</a>")
                    last = n
                }
                parts.append("<span class=\"pages\">\(numbers)</span>")
            }
            parts.append("<span>\(UI.pagerRange(from: offset + (shown > 0 ? 1 : 0), to: offset + shown, total: total))</span>")
        }
        if hasMore {
            parts.append("<a rel=\"next\" href=\"\(link(offset + limit))\">\(UI.nextPage)</a>")
        }
        return "<nav class=\"pager\" aria-label=\"\(UI.pager)\">\(parts)</nav>"
    }

    /// Short for chart labels: 123456 → "12.3万", below ten thousand as `number`.
    static func compact(_ n: Int) -> String {
        n.magnitude >= 10_000 ? UI.tenThousands(String(format: "%.1f", Double(n) / 10_000)) : number(n)
    }

    /// 1234567 → "1,234,567" (`Money.thousands`).
    static func number(_ n: Int) -> String { (n < 0 ? "-" : "") + Money.thousands(UInt64(n.magnitude)) }

    /// `part ÷ whole` to one decimal, half up (`Rate.percent`); a dash without a whole.
    static func percent(_ part: Int, of whole: Int) -> String { Rate.percent(part, of: whole) ?? UI.none }


    /// A day in a table cell, kept on one line ("2026-12-07" never breaks at a hyphen).
    static func day(_ d: CivilDate) -> HTML { "<time datetime=\"\(d.iso)\">\(d.iso)</time>" }

    /// An instant as Beijing time, "2026-11-21 11:56" (UTC+8 all year, no daylight saving).
    static func time(_ millis: Int64) -> String {
        let seconds = millis / 1000 + 8 * 3600
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let h = rest / 3600, m = rest % 3600 / 60
        return CivilDate(daysSinceEpoch: days).iso + " " + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
