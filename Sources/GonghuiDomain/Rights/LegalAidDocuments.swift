import Foundation

/// The legal-aid papers as the union prints them, composed from the record: the application
/// (法律援助申请表), the decision (审查决定书) and the letter assigning the lawyer (指派函). Printed
/// as DOCX and as a page with the mediation documents' blocks.
public struct LegalAidDocument: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case application, decision, assignment

        public var title: String {
            switch self {
            case .application: "工会法律援助申请表"
            case .decision: "工会法律援助审查决定书"
            case .assignment: "工会法律援助指派函"
            }
        }
    }

    public var kind: Kind
    public var title: String
    public var blocks: [MediationDocument.Block]

    /// Why the document cannot be printed yet, or nil.
    public static func unavailable(_ kind: Kind, for a: LegalAidCase) -> String? {
        switch kind {
        case .application: nil
        case .decision: a.decidedOn == nil ? "申请还没有审查决定" : nil
        case .assignment: a.lawyer == nil ? "还没有指派律师" : nil
        }
    }

    /// The document of `kind` for the application; `idNumber` and `phone` are what the reader may
    /// see (in full for the handler, masked otherwise).
    public static func compose(_ kind: Kind, _ a: LegalAidCase, idNumber: String, phone: String?) -> LegalAidDocument? {
        guard unavailable(kind, for: a) == nil else { return nil }
        var blocks: [MediationDocument.Block] = [.subtitle("编号：\(a.applicationNo)")]
        switch kind {
        case .application:
            blocks.append(.fields([("申请人", a.name), ("身份证号", idNumber), ("联系电话", phone ?? ""), ("申请日期", a.appliedOn.chineseDate),
                                   ("援助事项", a.matter.title), ("所属案件", a.caseNo ?? "无")]))
            blocks.append(.heading("申请事项和理由"))
            blocks.append(.paragraph(a.request))
            blocks.append(.paragraph("本人保证所提供的情况和材料真实，如有虚假，愿承担相应责任。"))
            blocks.append(.signatures(["申请人（签名）：＿＿＿＿＿＿", a.appliedOn.chineseDate]))
            blocks.append(.note("受理工会：\(a.orgName)"))
        case .decision:
            let approved = a.state != .refused
            blocks.append(.paragraph("\(a.name)（身份证号 \(idNumber)）于 \(a.appliedOn.chineseDate) 申请工会法律援助（\(a.matter.title)）。经审查，按下列规则："))
            blocks.append(.table(header: ["规则", "结果", "情况", "依据"], rows: a.assessment.checks.map { [$0.rule, $0.passed ? "符合" : "不符合", $0.detail, $0.source] }))
            if !a.assessment.priorities.isEmpty { blocks.append(.paragraph("属于优先援助情形：\(a.assessment.priorities.joined(separator: "、"))。")) }
            blocks.append(.paragraph(approved ? "决定给予工会法律援助，并将指派律师承办。" : "决定不予工会法律援助。理由：\(a.decisionNote ?? "")。"))
            if approved, let note = a.decisionNote { blocks.append(.paragraph(note)) }
            blocks.append(.signatures(["\(a.orgName)（盖章）", a.decidedOn?.chineseDate ?? ""]))
        case .assignment:
            let lawyer = a.lawyer!
            blocks.append(.paragraph("\(lawyer.firm)："))
            blocks.append(.paragraph("经审查，\(a.name) 申请的工会法律援助（\(a.matter.title)\(a.caseNo.map { "，案件 \($0)" } ?? "")）符合援助条件。"
                                     + "现指派贵所 \(lawyer.name) 律师（执业证号 \(lawyer.licenceNo)）承办，请依法履行职责，维护受援职工的合法权益，并在结案后将结果及时告知本会。"))
            blocks.append(.fields([("受援人", a.name), ("联系电话", phone ?? ""), ("援助事项", a.matter.title), ("指派日期", a.assignedOn?.chineseDate ?? "")]))
            blocks.append(.heading("援助事项和理由"))
            blocks.append(.paragraph(a.request))
            blocks.append(.signatures(["\(a.orgName)（盖章）", a.assignedOn?.chineseDate ?? ""]))
        }
        return LegalAidDocument(kind: kind, title: kind.title, blocks: blocks)
    }
}
