import Foundation
import GonghuiDomain
import GonghuiStore

/// The archive page: notices, the workflow steps, the facts and their arithmetic, the family,
/// the papers and the history.
extension HardshipViews {
    static func archive(_ m: HardshipArchivePageModel) -> HTML {
        let a = m.archive, t = UI.Hardship.self
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(t.breadcrumbs)"><ol><li><a href="/hardship">\(t.listTitle)</a></li><li aria-current="page">\(a.archiveNo)</li></ol></nav>
        \(archiveNotices(m))
        \(stepsSection(m))
        <div class="grid two">
        \(basicSection(m))
        \(categorySection(m))
        </div>
        \(familyFactsSection(m))
        \(familySection(m))
        \(papersSection(m))
        \(historySection(m))
        """
        return Layout.page(t.archiveTitle(a.name), actor: m.actor, csrf: m.csrf, section: .hardship, flash: m.flash, body)
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1024 { return String(format: "%.0f KB", Double(bytes) / 1024) }
        return UI.Hardship.bytes(bytes)
    }

    static func row(_ label: String, _ value: String?) -> HTML { "<dt>\(label)</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? UI.none)</dd>" }
    static func yesNo(_ b: Bool) -> String { b ? UI.yes : UI.no }

    /// The region's full name in brackets, or nothing for a code not in the catalog.
    static func regionName(_ code: String) -> String {
        guard let name = (try? RegionCode(code)).flatMap({ RegionCatalog.builtIn.fullName(of: $0) }) else { return "" }
        return UI.Hardship.parenthesized(name)
    }

    // MARK: Notices

    /// The problem of the last step, the reason it was sent back, the overdue deadline and the closing.
    static func archiveNotices(_ m: HardshipArchivePageModel) -> HTML {
        let a = m.archive, w = a.workflow, t = UI.Hardship.self
        let generalProblem: HTML = m.problem.map { p -> HTML in
            p.field == nil ? "<div class=\"alert\" role=\"alert\"><p>\(p.message)</p></div>" : "<div class=\"alert\" role=\"alert\"><p>\(UI.formHasErrors)</p></div>"
        } ?? .empty
        let returned: HTML = (w.stage == .building ? w.returnReason : nil).map { reason -> HTML in
            """
            <div class="alert returned" role="alert"><h2>\(t.returnedTitle)</h2><p><strong>\(t.returnedReasonLabel)</strong>\(reason)</p><p>\(t.returnedAdvice)</p></div>
            """
        } ?? .empty
        let late: HTML = w.isOverdue(on: m.today) ? (w.dueOn.map { due -> HTML in
            let what = w.stage == .filed ? t.reverification : t.building
            return "<p class=\"late\" role=\"status\"><strong>\(t.overdueDays(due.days(until: m.today)))</strong>\(t.overdueDeadline(what, due.iso))</p>"
        } ?? .empty) : .empty
        let closing: HTML = a.closingReason.map { r -> HTML in
            "<p class=\"notice\">\(t.closedNote(on: w.closedOn?.iso ?? "", reason: r.title, note: a.closingNote))</p>"
        } ?? .empty
        return """
        \(generalProblem)
        \(returned)
        \(late)
        \(closing)
        """
    }

    // MARK: Workflow steps

    static func stepsSection(_ m: HardshipArchivePageModel) -> HTML {
        let (waitingFor, steps) = stepForms(m)
        return """
        <section class="card" aria-labelledby="h-steps"><h2 id="h-steps">\(UI.Hardship.stepsTitle)</h2>
        <p>\(UI.Hardship.currentStage(stageTag(m.archive.workflow.stage), waitingFor))</p>
        \(steps.isEmpty ? HTML("<p class=\"muted\">\(UI.Hardship.notYours)</p>") : "<div class=\"steps\">\(steps)</div>")
        </section>
        """
    }

    /// What the archive waits for, and the steps the actor may take now.
    static func stepForms(_ m: HardshipArchivePageModel) -> (String, [HTML]) {
        let a = m.archive, w = a.workflow, t = UI.Hardship.self
        let edit: HTML = "<a class=\"button secondary\" href=\"/hardship/\(String(a.id))/edit\">\(t.editButton)</a>"
        var steps: [HTML] = []
        switch w.stage {
        case .building:
            if m.mayEdit {
                steps = [simpleStep(m, "submit", t.submitButton, hint: t.noticeDaysHint(w.noticeDays)), edit, closeStep(m)]
            }
            return (t.waitingBuilding, steps)
        case .publicNotice:
            if m.mayEdit { steps = [simpleStep(m, "end_notice", t.endNoticeButton, hint: w.dueOn.map { t.noticePeriodUntil($0.iso) }), sendBackStep(m)] }
            return (t.waitingNotice, steps)
        case .recheck:
            if m.mayReview && m.isUpper { steps = [simpleStep(m, "recheck", t.recheckButton), sendBackStep(m)] }
            return (t.waitingRecheck, steps)
        case .approval:
            if m.mayReview && m.isCenter { steps = [simpleStep(m, "approve", t.approveButton), sendBackStep(m)] }
            return (t.waitingApproval, steps)
        case .filed:
            if m.mayEdit { steps = [simpleStep(m, "reverify", t.reverification, hint: w.dueOn.map { t.reverifyBy($0.iso) }), edit] }
            if m.mayReview && m.isCenter { steps.append(closeStep(m)) }
            return (t.waitingFiled, steps)
        case .closed:
            return (t.waitingClosed, steps)
        }
    }

    /// The opening of a step's form: where it posts, the CSRF token and the version shown.
    static func stepFormOpening(_ m: HardshipArchivePageModel, class cls: String?) -> HTML {
        let classHTML: HTML = cls.map { " class=\"\($0)\"" } ?? .empty
        return """
        <form method="post" action="/hardship/\(String(m.archive.id))/act"\(classHTML)>\(Layout.csrfField(m.csrf))<input type="hidden" name="version" value="\(String(m.archive.version))">
        """
    }

    static func simpleStep(_ m: HardshipArchivePageModel, _ action: String, _ label: String, secondary: Bool = false, hint: String? = nil) -> HTML {
        """
        \(stepFormOpening(m, class: "step"))
        <button type="submit" name="action" value="\(action)"\(secondary ? HTML(raw: " class=\"secondary\"") : .empty)>\(label)</button>\(hint.map { "<span class=\"muted\">\($0)</span>" } ?? .empty)</form>
        """
    }

    static func sendBackStep(_ m: HardshipArchivePageModel) -> HTML {
        let t = UI.Hardship.self
        return """
        \(stepFormOpening(m, class: "step card"))
        \(Layout.field(t.sendBackReasonLabel, name: "reason", error: m.problem("send_back", field: "reason"), hint: t.sendBackReasonHint, attributes: " maxlength=\"500\""))
        <button type="submit" name="action" value="send_back" class="danger">\(t.sendBackButton)</button></form>
        """
    }

    static func closeStep(_ m: HardshipArchivePageModel) -> HTML {
        let t = UI.Hardship.self
        let reasons = [("", t.pleaseChoose)] + HardshipClosingReason.allCases.map { ($0.rawValue, $0.title) }
        // Tucked away (a disclosure works without scripts) unless it is being filled in.
        let open = m.problem?.action == "close"
        return """
        <details class="step card"\(open ? HTML(raw: " open") : .empty)><summary>\(t.closeSummary)</summary>
        \(stepFormOpening(m, class: nil))
        \(Layout.select(t.closingReasonLabel, name: "closing_reason", options: reasons, selected: "", error: m.problem("close", field: "closing_reason")))
        \(Layout.field(t.closingNoteLabel, name: "note", error: m.problem("close", field: "note"), hint: t.closingNoteRequired, attributes: " maxlength=\"500\""))
        <button type="submit" name="action" value="close" class="danger">\(t.closeButton)</button></form></details>
        """
    }

    // MARK: Facts

    static func basicSection(_ m: HardshipArchivePageModel) -> HTML {
        let a = m.archive, d = a.details, w = a.workflow, t = UI.Hardship.self
        let member: HTML = a.memberID.map { id -> HTML in "<dt>\(t.memberLabel)</dt><dd><a href=\"/members/\(String(id))\">\(t.viewMember)</a></dd>" }
            ?? "<dt>\(t.memberLabel)</dt><dd>\(t.nonMember)</dd>"
        return """
        <section class="card" aria-labelledby="h-basic"><h2 id="h-basic">\(t.basicTitle)</h2>
        <dl class="fields">
        \(row(t.colArchiveNo, a.archiveNo))\(row(t.colName, a.name))\(row(t.idNumberLabel, a.idNumberMasked))\(row(t.phoneLabel, a.phoneMasked))
        <dt>\(t.colUnion)</dt><dd><a href="/orgs/\(URLText.component(a.orgCode))">\(a.orgName)</a></dd>\(member)
        \(row(t.appliedOnLabel, w.appliedOn.iso))\(row(t.colStage, w.stage.title))\(row(t.colDue, w.dueOn.map { $0.iso }))
        \(row(t.builtBy, a.builtBy))\(row(t.bankNameLabel, d.bankName))\(row(t.bankAccountLabel, a.bankAccountMasked))
        </dl></section>
        """
    }

    static func categorySection(_ m: HardshipArchivePageModel) -> HTML {
        let a = m.archive, t = UI.Hardship.self
        let overrideHTML: HTML = a.overrideReason.map { reason -> HTML in
            """
            <p><span class="tag warn">\(t.manualCategory)</span> \(t.overrideNote(category: a.category?.title ?? "", computed: a.computedCategory?.title ?? t.categoryNone, reason: reason))</p>
            """
        } ?? .empty
        let steps: [HTML] = a.assessment.steps.map { "<li>\($0)</li>" }
        return """
        <section class="card" aria-labelledby="h-category"><h2 id="h-category">\(t.categoryTitle)</h2>
        <p class="category">\(a.category?.title ?? t.categoryNone)\(a.isHardshipMigrant(on: m.today) ? HTML("\(t.migrantSuffix)") : .empty)</p>
        \(overrideHTML)
        <p>\(t.appliedLine(a.line.regionCode + regionName(a.line.regionCode), from: a.line.effectiveFrom.iso, monthly: a.line.monthly.groupedYuan))</p>
        <h3>\(t.arithmeticTitle)</h3>
        <ol class="arithmetic">\(steps)</ol>
        </section>
        """
    }

    static func familyFactsSection(_ m: HardshipArchivePageModel) -> HTML {
        let a = m.archive, d = a.details, t = UI.Hardship.self
        let secondary = d.causes.secondary.map(\.title).joined(separator: t.listSeparator)
        return """
        <section class="card" aria-labelledby="h-family-facts"><h2 id="h-family-facts">\(t.familyFactsTitle)</h2>
        <dl class="fields wide">
        \(row(t.familyRegion, d.regionCode + regionName(d.regionCode)))
        \(row(t.householdSize, t.persons(d.finances.householdSize)))\(row(t.annualIncome, t.yuan(d.finances.annualIncome.groupedYuan)))
        \(row(t.rigidExpenses, t.yuan(d.finances.rigidExpenses.groupedYuan)))\(row(t.suddenCosts, t.yuan(d.finances.suddenCosts.groupedYuan)))
        \(row(t.ownMonthlyIncome, t.yuan(d.ownMonthlyIncome.groupedYuan)))\(row(t.perCapitaMonthly, t.yuan(a.assessment.perCapitaMonthly.groupedYuan)))
        \(row(t.colMainCause, d.causes.main.title))\(row(t.secondaryCause, secondary))
        \(row(t.healthLabel, d.health + (d.majorIllness.map { t.parenthesized($0) } ?? "")))\(row(t.disabilityLabel, d.disabilityGrade))
        \(row(t.housingLabel, d.housing))\(row(t.maritalLabel, d.maritalStatus))\(row(t.singleParent, yesNo(d.singleParent)))
        \(row(t.registrationLabel, d.householdRegistration))\(row(t.insuranceLabel, d.medicalInsurance))\(row(t.canSelfHelp, yesNo(d.canSelfHelp)))
        \(row(t.zeroEmployment, yesNo(d.zeroEmployment)))\(row(t.migrantWorker, yesNo(d.isMigrantWorker)))\(row(t.livesInCity, yesNo(d.livesInCity)))
        \(row(t.laborRelationSince, d.laborRelationSince?.iso))\(row(t.noteLabel, d.note))
        </dl></section>
        """
    }

    static func familySection(_ m: HardshipArchivePageModel) -> HTML {
        let t = UI.Hardship.self
        let rows = m.archive.family.map { f -> HTML in
            """
            <tr><td data-label="\(t.colName)">\(f.name)</td><td data-label="\(t.relationLabel)">\(f.relation)</td><td data-label="\(t.idNumberLabel)">\(f.idNumberMasked ?? UI.none)</td>
            <td data-label="\(t.healthLabel)">\(f.health)</td><td data-label="\(t.monthlyIncomeLabel)" class="num">\(f.monthlyIncome.groupedYuan)</td><td data-label="\(t.colSchoolOrWork)">\(f.schoolOrWork.isEmpty ? UI.none : f.schoolOrWork)</td></tr>
            """
        }
        return """
        <section aria-labelledby="h-family"><h2 id="h-family">\(t.familyTitle)</h2>
        \(m.archive.family.isEmpty ? HTML("<p>\(t.noFamily)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.colName)</th><th scope="col">\(t.relationLabel)</th><th scope="col">\(t.idNumberLabel)</th><th scope="col">\(t.healthLabel)</th><th scope="col" class="num">\(t.monthlyIncomeLabel)</th><th scope="col">\(t.colSchoolOrWork)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """)
        </section>
        """
    }

    // MARK: Papers and history

    static func papersSection(_ m: HardshipArchivePageModel) -> HTML {
        let a = m.archive, t = UI.Hardship.self
        let rows = m.papers.map { p -> HTML in
            """
            <tr><td data-label="\(t.colCategory)">\(p.kind.title)</td><td data-label="\(t.colFile)"><a href="/hardship/\(String(a.id))/attachments/\(String(p.id))" download>\(p.filename)</a></td>
            <td data-label="\(t.colSize)" class="num">\(size(p.size))</td><td data-label="\(t.colUploaded)">\(t.uploadedByAt(p.uploadedBy, Layout.time(p.uploadedAt)))</td></tr>
            """
        }
        let upload: HTML = m.mayEdit && a.workflow.stage != .closed ? """
        <form method="post" action="/hardship/\(String(a.id))/attachments" enctype="multipart/form-data" class="card">
        \(Layout.csrfField(m.csrf))
        \(Layout.select(t.paperKindLabel, name: "kind", options: HardshipAttachmentKind.allCases.map { ($0.rawValue, $0.title) }, selected: HardshipAttachmentKind.application.rawValue))
        \(Layout.field(t.colFile, name: "file", type: "file", error: m.problem("upload", field: "file"), hint: t.uploadHint, attributes: " accept=\"application/pdf,image/jpeg,image/png\""))
        <button type="submit" class="secondary">\(t.uploadButton)</button>
        </form>
        """ : .empty
        return """
        <section aria-labelledby="h-papers"><h2 id="h-papers">\(t.papersTitle)</h2>
        \(m.papers.isEmpty ? HTML("<p>\(t.noPapers)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.colCategory)</th><th scope="col">\(t.colFile)</th><th scope="col" class="num">\(t.colSize)</th><th scope="col">\(t.colUploaded)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """)
        \(upload)
        </section>
        """
    }

    static func historySection(_ m: HardshipArchivePageModel) -> HTML {
        let t = UI.Hardship.self
        let timeline = m.events.map { e -> HTML in
            let cls = e.kind == "sent_back" ? "sent-back" : "event"
            return """
            <li class="\(cls)"><p><time datetime="\(e.onDate.iso)">\(e.onDate.iso)</time> <strong>\(t.eventTitle(e.kind))</strong> <span class="muted">\(t.parenthesized(e.stage.title))</span></p>
            <p>\(e.detail)</p><p class="muted">\(t.handledBy(e.actor, at: Layout.time(e.recordedAt)))</p></li>
            """
        }
        return """
        <section aria-labelledby="h-history"><h2 id="h-history">\(t.historyTitle)</h2>
        <ol class="timeline">\(timeline)</ol>
        </section>
        """
    }
}
