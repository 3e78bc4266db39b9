import Foundation
import GonghuiDomain

/// Following loans up, rendered: the visits and the forms for a visit, a guarantor's payment and
/// the write-off on a loan's page; the repayment file's page; a node's figures. Pure.
extension LoanViews {
    static func followUp(_ m: LoanPageModel) -> HTML {
        let l = m.loan, e = m.errors, d = m.details
        guard [.approved, .repaying, .closed, .writtenOff].contains(l.state) else { return .empty }
        let visits = d.visits.isEmpty ? HTML("<p class=\"muted\">\(T.noVisits)</p>")
            : "<ul class=\"plain\">\(d.visits.map { "<li>\(T.visitLine($0))</li>" as HTML })</ul>"
        let visitForm: HTML = !m.actor.role.mayEditRegistry ? .empty : """
            <form method="post" action="/loans/\(String(l.id))/visit" class="form" novalidate>\(Layout.csrfField(m.csrf))
            <div class="grid three">
            \(Layout.field(T.visitOn, name: "visited_on", value: m.value("visited_on", m.today.iso), type: "date", error: e["visited_on"], required: true))
            \(Layout.field(T.visitOfficer, name: "officer", value: m.value("officer", d.officer ?? m.actor.displayName), error: e["officer"], required: true))
            </div>
            \(Layout.textarea(T.visitNote, name: "note", value: m.value("note"), error: e["note"], hint: T.visitHint, required: true))
            <button type="submit">\(T.visitButton)</button></form>
            """
        var out: HTML = """
        <section class="card" aria-labelledby="h-visits"><h2 id="h-visits">\(T.visitsTitle)</h2>\(visits)\(visitForm)</section>
        """
        guard m.actor.role.mayDecideTransfers, l.state == .repaying || l.state == .writtenOff else { return out }
        let guarantors = d.guarantors.map { ($0.name, $0.name) }
        out = out + """
            <form method="post" action="/loans/\(String(l.id))/recover" class="card form" novalidate><h2>\(T.recoverTitle)</h2>\(Layout.csrfField(m.csrf))
            <p>\(T.recoverHint)</p>
            \(Layout.select(T.guarantorPick, name: "guarantor", options: guarantors, selected: m.value("guarantor", guarantors.first?.0 ?? ""), error: e["guarantor"]))
            <div class="grid three">
            \(Layout.field(T.paidOn, name: "paid_on", value: m.value("paid_on", m.today.iso), type: "date", error: e["paid_on"], required: true))
            \(Layout.field(T.principal, name: "principal", value: m.value("principal"), error: e["principal"], required: true, attributes: "inputmode=\"decimal\""))
            \(Layout.field(T.interest, name: "interest", value: m.value("interest"), error: e["interest"], attributes: "inputmode=\"decimal\""))
            </div>
            \(Layout.field(T.reference, name: "reference", value: m.value("reference"), error: e["reference"], required: true))
            <button type="submit">\(T.recoverButton)</button></form>
            """
        guard l.state == .repaying else { return out }
        return out + """
            <form method="post" action="/loans/\(String(l.id))/write-off" class="card form" novalidate><h2>\(T.writeOffTitle)</h2>\(Layout.csrfField(m.csrf))
            <p>\(T.writeOffHint(m.overdue.days))</p>
            \(Layout.field(T.writtenOffOn, name: "written_off_on", value: m.value("written_off_on", m.today.iso), type: "date", error: e["written_off_on"], required: true))
            \(Layout.textarea(T.writeOffReason, name: "write_off_reason", value: m.value("write_off_reason"), error: e["write_off_reason"], hint: T.writeOffReasonHint, required: true))
            <button type="submit" class="danger">\(T.writeOffButton)</button></form>
            """
    }

    static func repaymentsFile(actor: Actor, csrf: String?, done: String?, problems: [FieldProblem]) -> HTML {
        let rows = problems.map { p -> HTML in
            "<tr><td data-label=\"\(UI.Programs.problemPlace)\">\(p.field.isEmpty ? UI.none : p.field)</td><td data-label=\"\(UI.Programs.problemValue)\">\(p.value.isEmpty ? UI.none : p.value)</td><td data-label=\"\(UI.Programs.problem)\">\(p.reason)</td></tr>"
        }
        let refused: HTML = problems.isEmpty ? .empty : """
            <div class="alert" role="alert"><p>\(T.fileRefused(problems.count))</p></div>
            <div class="table-wrap"><table class="stack narrow" id="upload-problems"><thead><tr><th scope="col">\(UI.Programs.problemPlace)</th>\
            <th scope="col">\(UI.Programs.problemValue)</th><th scope="col">\(UI.Programs.problem)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let body: HTML = """
        \(crumbs(T.fileTitle))
        <p>\(T.fileIntro)</p>
        \(done.map { "<div class=\"flash\" role=\"status\"><p>\($0)</p></div>" as HTML } ?? .empty)
        \(refused)
        <form method="post" action="/loans/repayments" enctype="multipart/form-data" class="card form">\(Layout.csrfField(csrf))
        \(Layout.field(T.fileField, name: "file", type: "file", error: problems.isEmpty ? nil : UI.Programs.resultsFileWrong,
                       attributes: " accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\""))
        <button type="submit">\(T.fileButton)</button></form>
        """
        return Layout.page(T.fileTitle, actor: actor, csrf: csrf, section: .programs, body)
    }

    static func figures(actor: Actor, csrf: String?, figures f: LoanFigures) -> HTML {
        let node = f.total
        let base = "/loans/figures?year=\(f.year)"
        func yuan(_ fen: Int64) -> String { Money(fen: fen).groupedYuan }
        func rate(_ r: String?) -> String { r.flatMap { Rate.percent(fourPlaces: $0) } ?? UI.none }
        let tiles: [HTML] = [
            "<li><span class=\"n\">\(Layout.number(node.grantedLoans))</span>\(T.colGranted)</li>",
            "<li><span class=\"n\">\(yuan(node.grantedFen))</span>\(T.colGrantedAmount)</li>",
            "<li><span class=\"n\">\(Layout.number(node.peopleHelped))</span>\(T.colPeople)</li>",
            "<li><span class=\"n\">\(Layout.number(node.jobsCreated))</span>\(T.colJobs)</li>",
            "<li><span class=\"n\">\(yuan(node.outstandingFen))</span>\(T.colOutstandingAmount)</li>",
            "<li><span class=\"n\">\(rate(node.overdueRate))</span>\(T.colOverdueRate)</li>",
        ]
        // Children without a loan, a loss or a quota are counted, not listed.
        let children = f.rows.dropFirst().filter { $0.grantedLoans > 0 || $0.outstandingLoans > 0 || $0.writtenOffFen > 0 || $0.quotaFen > 0 }
        let hidden = f.rows.count - 1 - children.count
        let rows = ([node] + children).enumerated().map { i, r -> HTML in
            let name: HTML = i == 0 ? "\(r.orgName)" : "<a href=\"\(base)&amp;org=\(r.orgCode)\">\(r.orgName)</a>"
            return """
            <tr\(i == 0 ? HTML(raw: " class=\"total\"") : .empty)><td data-label="\(T.colOrg)">\(name)</td>\
            <td class="num" data-label="\(T.colGranted)">\(Layout.number(r.grantedLoans))</td><td class="num" data-label="\(T.colGrantedAmount)">\(yuan(r.grantedFen))</td>\
            <td class="num" data-label="\(T.colPeople)">\(Layout.number(r.peopleHelped))</td><td class="num" data-label="\(T.colJobs)">\(Layout.number(r.jobsCreated))</td>\
            <td class="num" data-label="\(T.colOutstandingLoans)">\(Layout.number(r.outstandingLoans))</td><td class="num" data-label="\(T.colOutstandingAmount)">\(yuan(r.outstandingFen))</td>\
            <td class="num" data-label="\(T.colOverdueRate)">\(rate(r.overdueRate))</td><td class="num" data-label="\(T.colWrittenOff)">\(yuan(r.writtenOffFen))</td>\
            <td class="num" data-label="\(T.colQuota)">\(T.quotaCell(yuan(r.quotaUsedFen), yuan(r.quotaFen)))</td></tr>
            """
        }
        let buckets = LoanOverdueBucket.allCases.map { b -> HTML in
            "<tr><td>\(b.title)</td><td class=\"num\">\(Layout.number(node.overdueLoans[b.rawValue] ?? 0))</td><td class=\"num\">\(yuan(node.overdueFen[b.rawValue] ?? 0))</td></tr>"
        }
        let years = (max(2014, f.year - 5)...max(f.year, CivilDate.today().year)).reversed().map { ("\($0)", "\($0)") }
        let body: HTML = """
        \(crumbs(T.figuresLink))
        <p>\(T.figuresIntro(f.asOf.iso))</p>
        <form method="get" action="/loans/figures" class="filters-form"><input type="hidden" name="org" value="\(f.orgCode)">
        \(Layout.select(T.year, name: "year", options: years, selected: String(f.year)))<button type="submit">\(T.show)</button></form>
        <ul class="kpis" aria-label="\(T.figuresTitle(f.orgName, f.year))">\(tiles)</ul>
        <p class="actions"><a href="\(base)&amp;org=\(f.orgCode)&amp;format=xlsx">\(T.download) Excel</a> <a href="\(base)&amp;org=\(f.orgCode)&amp;format=csv">\(T.download) CSV</a></p>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colOrg)</th><th scope="col" class="num">\(T.colGranted)</th>\
        <th scope="col" class="num">\(T.colGrantedAmount)</th><th scope="col" class="num">\(T.colPeople)</th><th scope="col" class="num">\(T.colJobs)</th>\
        <th scope="col" class="num">\(T.colOutstandingLoans)</th><th scope="col" class="num">\(T.colOutstandingAmount)</th><th scope="col" class="num">\(T.colOverdueRate)</th>\
        <th scope="col" class="num">\(T.colWrittenOff)</th><th scope="col" class="num">\(T.colQuota)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(hidden > 0 ? HTML("<p class=\"muted\">\(T.childrenWithout(hidden))</p>") : .empty)
        <section class="card" aria-labelledby="h-exposure"><h2 id="h-exposure">\(T.exposureTitle)</h2><p>\(T.exposureHint)</p>
        \(Charts.bars(LoanOverdueBucket.allCases.map { ($0.title, Int((node.overdueFen[$0.rawValue] ?? 0) / 100)) }, title: T.bucketsTitle, horizontal: true))
        <div class="table-wrap"><table class="narrow"><thead><tr><th scope="col">\(T.colBucket)</th><th scope="col" class="num">\(T.colLoans)</th>\
        <th scope="col" class="num">\(T.colPrincipal)</th></tr></thead><tbody>\(buckets)\
        <tr class="total"><td>\(T.total)</td><td class="num">\(Layout.number(node.overdueTotalLoans))</td><td class="num">\(yuan(node.overdueTotalFen))</td></tr></tbody></table></div>
        </section>
        """
        return Layout.page(T.figuresTitle(f.orgName, f.year), actor: actor, csrf: csrf, section: .programs, body)
    }
}
