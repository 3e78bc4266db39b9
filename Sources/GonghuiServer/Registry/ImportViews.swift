import Foundation
import GonghuiDomain
import GonghuiStore

/// The batch import's markup: the upload form, the check report, progress and result.
enum ImportViews {
    typealias W = UI.Registry

    static func upload(_ m: ImportUploadPageModel) -> HTML {
        let errors = m.errors
        let body: HTML = """
        \(Layout.formErrors(errors))
        <form method="post" action="/import/check" enctype="multipart/form-data" class="card">
        \(Layout.csrfField(m.csrf))
        \(Layout.select(W.importKind, name: "kind", options: [("members", W.memberRoster), ("orgs", W.orgRoster)], selected: "members", error: errors["kind"]))
        <div class="field\(errors["file"] != nil ? " has-error" : "")">
        <label for="f-file">\(W.importFile)</label>
        <input type="file" id="f-file" name="file" accept=".csv,.xlsx,.txt"\(Layout.describedBy("file", error: errors["file"], hint: nil))>
        \(Layout.errorNote("file", errors["file"]))
        </div>
        <button type="submit">\(W.uploadAndCheck)</button>
        <p class="hint">\(W.checkFirst)</p>
        </form>
        <section class="card" aria-labelledby="h-t"><h2 id="h-t">\(W.templates)</h2>
        <ul>
        <li>\(W.templatesOf(W.memberRoster))<a href="/import/template/members.xlsx">\(W.xlsxTemplate)</a> · <a href="/import/template/members.csv">\(W.csvTemplate)</a></li>
        <li>\(W.templatesOf(W.orgRoster))<a href="/import/template/orgs.xlsx">\(W.xlsxTemplate)</a> · <a href="/import/template/orgs.csv">\(W.csvTemplate)</a></li>
        </ul>
        <p class="hint">\(W.headerNote(required: m.requiredMemberColumns))</p>
        </section>
        """
        return Layout.page(W.importTitle, actor: m.actor, csrf: m.csrf, section: .imports, body)
    }

    static func status(_ m: ImportStatusPageModel) -> HTML {
        Layout.page(W.importFileTitle(m.entry.file.fileName), actor: m.actor, csrf: m.csrf, section: .imports, statusBody(m))
    }

    static func statusBody(_ m: ImportStatusPageModel) -> HTML {
        switch m.entry.state {
        case .checked(let r):
            return checked(m, r)
        case .running(let phase, let rows):
            return """
            <p role="status">\(W.running(phase: phase, rows: Layout.number(rows)))</p>
            <p class="muted">\(W.refreshNote)</p>
            """
        case .done(let r):
            return """
            <div class="flash" role="status">\(W.importDone)</div>
            <p>\(r.summary)</p>
            <div class="actions">\(r.rejected > 0 ? rejectLinks(m.token, W.downloadRemainingRejects) : .empty)<a class="button" href="/import">\(W.importMore)</a></div>
            """
        case .failed(let message):
            return "<div class=\"alert\" role=\"alert\"><p>\(W.importFailedWith(message))</p></div><p><a href=\"/import\">\(W.back)</a></p>"
        }
    }

    /// The check's report: all good and ready to import, or the problems row by row.
    static func checked(_ m: ImportStatusPageModel, _ r: ImportReport) -> HTML {
        let token = m.token, csrf = m.csrf
        let good = r.rowsTotal - r.rejected
        let header: HTML = "<p>\(W.checkedFile(m.isOrgs ? W.orgRoster : W.memberRoster, file: "<strong>\(m.entry.file.fileName)</strong>", rows: Layout.number(r.rowsTotal), good: Layout.number(good), inserted: Layout.number(r.inserted), updated: Layout.number(r.updated), unchanged: Layout.number(r.unchanged), rejected: Layout.number(r.rejected)))</p>"
        if r.problems.isEmpty {
            return """
            <div class="flash" role="status">\(W.checkPassed)</div>
            \(header)
            <form method="post" action="/import/\(token)/commit" class="actions">\(Layout.csrfField(csrf))<button type="submit">\(W.confirmImport)</button><a href="/import">\(UI.cancel)</a></form>
            """
        }
        let headerProblem = r.problems.contains { $0.row == 1 }
        return """
        <div class="alert" role="alert"><p>\(W.fileHasErrors(mayImportGoodRows: !headerProblem))</p></div>
        \(header)
        <div class="actions">
        \(m.entry.rejects.isEmpty ? HTML.empty : rejectLinks(token, W.downloadRejects))
        \(headerProblem || good == 0 ? HTML.empty : "<form method=\"post\" action=\"/import/\(token)/commit\" class=\"inline\">\(Layout.csrfField(csrf))<input type=\"hidden\" name=\"skip_invalid\" value=\"1\"><button type=\"submit\">\(W.importGoodRows(Layout.number(good)))</button></form>")
        <a class="button secondary" href="/import">\(W.uploadAgain)</a>
        </div>
        \(problemTable(r))
        """
    }

    static func problemTable(_ report: ImportReport) -> HTML {
        let shown = report.problems.prefix(500)
        let rows = shown.map { p -> HTML in
            "<tr class=\"row-bad\"><td class=\"num\">\(String(p.row))</td><td>\(p.column)</td><td>\(p.value)</td><td>\(p.reason)</td></tr>"
        }
        return """
        <h2>\(W.problemCount(report.problems.count))</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col" class="num">\(W.rowNumber)</th><th scope="col">\(W.column)</th><th scope="col">\(W.value)</th><th scope="col">\(W.problem)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(report.problems.count > shown.count ? HTML("<p>\(W.first500Only)</p>") : .empty)
        """
    }

    /// The rejected rows to correct: XLSX first (IDs kept whole in Excel), CSV beside it.
    static func rejectLinks(_ token: String, _ label: String) -> HTML {
        "<a class=\"button secondary\" href=\"/import/\(token)/rejects.xlsx\">\(label)</a> <a href=\"/import/\(token)/rejects.csv\">\(W.rejectsAsCSV)</a>"
    }
}
