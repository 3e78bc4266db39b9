import Foundation
import GonghuiDomain

/// 我的贷款 rendered. Phone-sized first.
enum PortalLoanViews {
    typealias P = UI.PortalLoans

    struct Item {
        var loan: Loan
        var schedule: [LoanInstalment]
        var repayments: [LoanRepayment]

        var repaidInterest: Money { repayments.reduce(Money.zero) { $0 + $1.interest } }
        var next: LoanInstalment? { LoanSchedule.firstUnpaid(schedule, repaidPrincipal: loan.repaidPrincipal, repaidInterest: repaidInterest) }
        func overdueDays(_ today: CivilDate) -> Int {
            loan.state == .repaying ? LoanOverdueBucket.daysOverdue(schedule, repaidPrincipal: loan.repaidPrincipal, repaidInterest: repaidInterest, today: today) : 0
        }
    }

    /// The schedule as the borrower reads it on a phone: the day, what they pay and of it the
    /// principal; the instalments their repayments cover marked paid.
    static func schedule(_ item: Item) -> HTML {
        let next = item.next?.seq ?? Int.max
        let rows = item.schedule.map { i -> HTML in
            """
            <tr><td class="num" data-label="\(P.colSeq)">\(i.seq)</td><td data-label="\(P.colDue)">\(i.dueOn.iso)</td>\
            <td class="num" data-label="\(P.colPays)">\(i.borrowerPays.groupedYuan)</td><td class="num" data-label="\(P.colPrincipal)">\(i.principal.groupedYuan)</td>\
            <td data-label="\(P.colState)">\(i.seq < next ? P.paid : "")</td></tr>
            """
        }
        let paid = item.repayments.map { "<li>\(UI.Loans.repaymentLine($0))</li>" as HTML }
        return """
        <div class="table-wrap"><table class="narrow"><thead><tr><th scope="col" class="num">\(P.colSeq)</th><th scope="col">\(P.colDue)</th>\
        <th scope="col" class="num">\(P.colPays)</th><th scope="col" class="num">\(P.colPrincipal)</th><th scope="col">\(P.colState)</th></tr></thead>\
        <tbody>\(rows)</tbody></table></div>
        <p class="muted">\(P.subsidyNote)</p>
        \(item.repayments.isEmpty ? HTML.empty : "<h3>\(UI.Loans.repaymentsTitle)</h3><ul class=\"plain\">\(paid)</ul>")
        """
    }

    static func home(_ frame: WorkerFrame, _ items: [Item], today: CivilDate) -> HTML {
        let cards = items.map { item -> HTML in
            let l = item.loan
            var lines: [String] = [P.amountLine(l.projectKind.title, l.projectName, (l.lent ?? l.approved ?? l.amount).groupedYuan)]
            if let on = l.lentOn { lines.append(P.lentLine(on.iso, l.outstanding.groupedYuan)) }
            if l.state == .refused, let r = l.reason { lines.append(P.refusedLine(r)) }
            if l.state == .repaying, let n = item.next { lines.append(P.nextLine(n.dueOn.iso, n.borrowerPays.groupedYuan)) }
            let overdue: HTML = item.overdueDays(today) > 0 ? "<p class=\"alert\" role=\"alert\">\(P.overdueLine(item.overdueDays(today)))</p>" : .empty
            return """
            <li class="card"><strong>\(l.loanNo)</strong> \(LoanViews.stateTag(l.state))<br>\
            \(HTML.join(lines.map { "<span class=\"muted\">\($0)</span>" as HTML }, separator: "<br>"))
            \(overdue)
            \(item.schedule.isEmpty ? HTML.empty : "<details><summary>\(P.scheduleSummary(item.schedule.count))</summary>\(schedule(item))</details>")
            </li>
            """
        }
        let body: HTML = """
        <p>\(P.intro)</p>
        \(items.isEmpty ? HTML("<p class=\"muted\">\(P.none)</p>") : "<ul class=\"plain\">\(cards)</ul>")
        """
        return PortalViews.page(frame, body)
    }
}
