import Foundation
import GonghuiDomain

private typealias Words = UI.Programs

/// The page of a payment batch and the report of a cycle.
enum BatchViews {
    // MARK: Batch

    static func batch(_ m: BatchPageModel) -> HTML {
        let b = m.batch, lines = m.lines, yuan = ProgramViews.yuan
        let paid = lines.filter { $0.result == "paid" }, failed = lines.filter { $0.result == "failed" }
        let summary: HTML = m.recorded.map { r -> HTML in
            "<p class=\"flash\" role=\"status\">\(Words.resultsRecorded(paid: r.paid, failed: r.failed, already: r.already))</p>"
        } ?? .empty
        let body: HTML = """
        \(ProgramViews.breadcrumbs([m.parent], current: "<li aria-current=\"page\">\(b.batchNo)</li>"))
        \(summary)
        <ul class="kpis">
        <li><span class="n">\(Words.count(Layout.number(b.lineCount)))</span>\(Words.linesTotal(yuan(b.total)))</li>
        <li><span class="n">\(Words.count(Layout.number(paid.count)))</span>\(Words.paidTotal(yuan(paid.map(\.amount).sum())))</li>
        <li><span class="n">\(Words.count(Layout.number(failed.count)))</span>\(Words.failedTotal(yuan(failed.map(\.amount).sum())))</li>
        <li><span class="n">\(Words.batchState(b.state))</span>\(Words.createdBy(b.createdBy, Layout.time(b.createdAt)))\
        \(b.approvedBy.map { who -> HTML in "<br>\(Words.approvedBy(who, Layout.time(b.approvedAt ?? 0)))" } ?? .empty)</li>
        </ul>
        \(failed.isEmpty ? HTML.empty : HTML("<p class=\"notice\">\(Words.failedNotice)</p>"))
        \(b.state == "open" ? approval(m) : .empty)
        \(m.mayPay ? downloads(m) : .empty)
        \(pendingResults(m))
        \(m.mayRecordResults ? upload(m) : .empty)
        <section aria-labelledby="h-lines"><h2 id="h-lines">\(Words.batchLines)</h2>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col" class="num">\(Words.lineNo)</th><th scope="col">\(Words.personName)</th><th scope="col">\(Words.bankName)</th><th scope="col">\(Words.account)</th><th scope="col" class="num">\(Words.amountYuan)</th><th scope="col">\(Words.reference)</th><th scope="col">\(Words.result)</th><th scope="col">\(Words.failureReason)</th></tr></thead>
        <tbody>\(lines.enumerated().map { i, l in line(l, number: i + 1) })</tbody>
        <tfoot><tr><th scope="row" colspan="4">\(Words.lineTotal(Layout.number(lines.count)))</th><td class="num">\(yuan(lines.map(\.amount).sum()))</td><td colspan="3"></td></tr></tfoot></table></div>
        </section>
        """
        return Layout.page(Words.batchTitle(b.batchNo), actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }

    static func line(_ l: PaymentLineView, number: Int) -> HTML {
        let result: HTML = switch l.result {
        case "paid": "<span class=\"tag ok\">\(Words.resultPaid)</span>"
        case "failed": "<span class=\"tag bad\">\(Words.resultFailed)</span>"
        default: "<span class=\"tag warn\">\(Words.resultPending)</span>"
        }
        return """
        <tr><td class="num" data-label="\(Words.lineNo)">\(number)</td><td data-label="\(Words.personName)"><a href="\(l.claimID.map { "/mutual-aid/claims/\($0)" } ?? "/grants/\(l.grantID ?? 0)")">\(l.name)</a></td><td data-label="\(Words.bankName)">\(l.bankName)</td>
        <td data-label="\(Words.account)">\(l.accountMasked)</td><td class="num" data-label="\(Words.amountYuan)">\(ProgramViews.yuan(l.amount))</td><td data-label="\(Words.reference)"><code>\(l.reference)</code></td>
        <td data-label="\(Words.result)">\(result)</td><td data-label="\(Words.failureReason)">\(l.failureReason ?? "")</td></tr>
        """
    }

    static func downloads(_ m: BatchPageModel) -> HTML {
        let id = String(m.batch.id)
        return """
        <section class="card" aria-labelledby="h-file"><h2 id="h-file">\(Words.bankFile)</h2>
        <p>\(Words.bankFileExplained)</p>
        <div class="actions"><a class="button" href="/batches/\(id)/file?format=xlsx" download>\(Words.downloadXLSX)</a>
        <a class="button secondary" href="/batches/\(id)/file?format=csv" download>\(Words.downloadCSV)</a>
        <a class="button secondary" href="/batches/\(id)/file?format=csv&amp;encoding=gbk" download>\(Words.downloadGBK)</a></div>
        </section>
        """
    }

    /// A batch made and not yet approved: the approval, offered to anyone but its maker.
    static func approval(_ m: BatchPageModel) -> HTML {
        let problem: HTML = m.decisionProblem.map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" } ?? .empty
        let action: HTML = !m.actor.role.mayDecideTransfers ? .empty : m.madeIt ? "<p class=\"muted\">\(Words.awaitsOtherApprover)</p>" : """
            <form method="post" action="/batches/\(String(m.batch.id))/approve">\(Layout.csrfField(m.csrf))<button type="submit">\(Words.approveBatch)</button></form>
            """
        return """
        <section class="card" aria-labelledby="h-approve"><h2 id="h-approve">\(Words.approveBatchTitle)</h2>
        <p>\(Words.approveBatchExplained(m.batch.createdBy))</p>\(problem)\(action)</section>
        """
    }

    /// Bank results one officer recorded, waiting for another to confirm or send them back.
    static func pendingResults(_ m: BatchPageModel) -> HTML {
        guard let p = m.batch.pendingResults else { return .empty }
        let problem: HTML = m.decisionProblem.map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" } ?? .empty
        let action: HTML = !m.actor.role.mayDecideTransfers ? .empty : m.recordedResults ? "<p class=\"muted\">\(Words.awaitsOtherConfirmer)</p>" : """
            <div class="steps">
            <form method="post" action="/batches/\(String(m.batch.id))/results/confirm" class="step">\(Layout.csrfField(m.csrf))<input type="hidden" name="decision" value="confirm">\
            <button type="submit">\(Words.confirmResults)</button></form>
            <form method="post" action="/batches/\(String(m.batch.id))/results/confirm" class="card">\(Layout.csrfField(m.csrf))<input type="hidden" name="decision" value="return">\
            \(Layout.textarea(Words.returnNote, name: "note"))<button type="submit" class="secondary">\(Words.returnResults)</button></form>
            </div>
            """
        return """
        <section class="card" aria-labelledby="h-pending"><h2 id="h-pending">\(Words.pendingResultsTitle)</h2>
        <p>\(Words.pendingResultsLine(p.recordedBy, Layout.time(p.recordedAt), file: p.fileName, paid: p.paid, failed: p.failed, paidTotal: p.paidTotal.groupedYuan))</p>
        \(problem)\(action)</section>
        """
    }

    static func upload(_ m: BatchPageModel) -> HTML {
        let uploadProblems = m.uploadProblems
        let problemRows = uploadProblems.map { p -> HTML in
            "<tr><td data-label=\"\(Words.problemPlace)\">\(p.field.isEmpty ? UI.none : p.field)</td><td data-label=\"\(Words.problemValue)\">\(p.value.isEmpty ? UI.none : p.value)</td><td data-label=\"\(Words.problem)\">\(p.reason)</td></tr>"
        }
        let problems: HTML = uploadProblems.isEmpty ? .empty : """
        <div class="alert" role="alert"><p>\(Words.resultsProblems(uploadProblems.count))<strong>\(Words.nothingRecorded)</strong>\(Words.fixAndUploadAgain)</p></div>
        <div class="table-wrap"><table class="stack narrow" id="upload-problems"><thead><tr><th scope="col">\(Words.problemPlace)</th><th scope="col">\(Words.problemValue)</th><th scope="col">\(Words.problem)</th></tr></thead><tbody>\(problemRows)</tbody></table></div>
        """
        return """
        <section class="card" aria-labelledby="h-results"><h2 id="h-results">\(Words.recordResults)</h2>
        <p>\(Words.recordResultsExplained)</p>
        \(problems)
        <form method="post" action="/batches/\(String(m.batch.id))/results" enctype="multipart/form-data">\(Layout.csrfField(m.csrf))
        \(Layout.field(Words.resultsFile, name: "file", type: "file", error: uploadProblems.isEmpty ? nil : Words.resultsFileWrong, attributes: " accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\""))
        <button type="submit">\(Words.uploadResults)</button>
        </form></section>
        """
    }

    // MARK: Report

    static func report(_ m: CycleReportPageModel) -> HTML {
        let c = m.cycle, r = m.report
        let base = "/cycles/\(c.id)/report"
        let orgCrumbs = m.crumbs.map { o -> HTML in
            o.code == r.orgCode ? "<li aria-current=\"page\">\(o.name)</li>" : "<li><a href=\"\(URLText.with(base, [("org", o.code)]))\">\(o.name)</a></li>"
        }
        let childRows = r.byChild.map { row -> HTML in
            let label: HTML = row.key == r.orgCode ? "\(row.label)" : "<a href=\"\(URLText.with(base, [("org", row.key)]))\">\(row.label)</a>"
            return "<tr><th scope=\"row\" data-label=\"\(Words.unit)\">\(label)</th>\(cells(row))</tr>"
        }
        let categoryRows = r.byCategory.map { row -> HTML in "<tr><th scope=\"row\" data-label=\"\(Words.category)\">\(row.label)</th>\(cells(row))</tr>" }
        let head: HTML = "<th scope=\"col\" class=\"num\">\(Words.approvedPeople)</th><th scope=\"col\" class=\"num\">\(Words.approvedYuan)</th><th scope=\"col\" class=\"num\">\(Words.paidPeople)</th><th scope=\"col\" class=\"num\">\(Words.paidYuan)</th>"
        let total: HTML = "<tfoot><tr><th scope=\"row\">\(Words.total)</th>\(cells(r.total))</tr></tfoot>"
        let fileQuery: [(String, String?)] = [("org", r.orgCode)]
        let crumbs = ProgramViews.breadcrumbs([("/cycles/\(String(c.id))", c.name)], current: "<li>\(Words.report)</li>\(orgCrumbs)")
        let body: HTML = """
        \(crumbs)
        <p class="headline" id="headline">\(AssistanceFiles.headline(r))</p>
        <p class="muted">\(Words.reportExplained)</p>
        <div class="actions"><a class="button secondary" href="\(URLText.with(base + "/file", fileQuery + [("format", "csv")]))" download>\(Words.downloadCSV)</a>
        <a class="button secondary" href="\(URLText.with(base + "/file", fileQuery + [("format", "xlsx")]))" download>\(Words.downloadXLSX)</a></div>
        <section class="card" aria-labelledby="h-by-child"><h2 id="h-by-child">\(Words.byUnit)</h2>
        <div class="chart-table">
        <div>\(childChart(r))</div>
        <div class="table-wrap scroll"><table class="stats stack"><thead><tr><th scope="col">\(Words.unit)</th>\(head)</tr></thead><tbody>\(childRows)</tbody>\(total)</table></div>
        </div></section>
        <section class="card" aria-labelledby="h-by-category"><h2 id="h-by-category">\(Words.byCategory)</h2>
        <div class="chart-table">
        <div>\(categoryChart(r))</div>
        <div class="table-wrap scroll"><table class="stats stack"><thead><tr><th scope="col">\(Words.category)</th>\(head)</tr></thead><tbody>\(categoryRows)</tbody>\(total)</table></div>
        </div></section>
        """
        return Layout.page(Words.titled(c.name, r.orgName), actor: m.actor, csrf: m.csrf, section: .programs, body)
    }

    static func cells(_ row: AssistanceReport.Row) -> HTML {
        """
        <td class="num" data-label="\(Words.approvedPeople)">\(Layout.number(row.approvedPeople))</td><td class="num" data-label="\(Words.approvedYuan)">\(ProgramViews.yuan(row.approved))</td>
        <td class="num" data-label="\(Words.paidPeople)">\(Layout.number(row.paidPeople))</td><td class="num" data-label="\(Words.paidYuan)">\(ProgramViews.yuan(row.paid))</td>
        """
    }

    static func childChart(_ r: AssistanceReport) -> HTML {
        let shown = r.byChild.filter { $0.approvedPeople > 0 }.sorted { $0.approved > $1.approved }.prefix(15)
        if shown.isEmpty { return "<p class=\"muted\">\(Words.noApproved)</p>" }
        return Charts.bars(shown.map { ($0.label, Int($0.approved.fen)) }, title: Words.approvedByUnit, horizontal: true, format: { Money(fen: Int64($0)).groupedYuan })
    }

    static func categoryChart(_ r: AssistanceReport) -> HTML {
        if r.total.approvedPeople == 0 { return .empty }
        return Charts.bars(r.byCategory.filter { $0.approvedPeople > 0 }.map { ($0.label, $0.approvedPeople) }, title: Words.approvedPeopleByCategory, horizontal: true)
    }
}
