import Foundation

/// Where a hardship archive is in its life (DOMAIN.md §4): built by the worker's union within
/// five days of the application, publicly noticed (公示), re-checked by the upper-level union,
/// approved and filed by a county-level (or higher) assistance center; re-verified yearly while
/// it is open; closed with a reason, never deleted.
public enum HardshipArchiveStage: String, CaseIterable, Codable, Sendable {
    /// 建档中: the grassroots (or street/community) union is visiting the family and filling it in.
    case building
    /// 公示中
    case publicNotice = "public_notice"
    /// 上级复核
    case recheck
    /// 待审批: with the assistance center (帮扶中心).
    case approval
    /// 在档: approved and filed; help can be given.
    case filed
    /// 已销档
    case closed

    public var title: String {
        switch self {
        case .building: "建档中"
        case .publicNotice: "公示中"
        case .recheck: "上级复核"
        case .approval: "待审批"
        case .filed: "在档"
        case .closed: "已销档"
        }
    }

    /// Stages from which an officer may send the archive back to be rebuilt, with a reason.
    public var mayReturn: Bool { [.publicNotice, .recheck, .approval].contains(self) }
}

/// Why an archive was closed (销档原因).
public enum HardshipClosingReason: String, CaseIterable, Codable, Sendable {
    /// 解困脱困
    case outOfHardship = "out_of_hardship"
    /// 死亡
    case death
    /// 精准识别退出: found not to meet the rules.
    case ineligible
    /// 政府兜底: handed to the government's safety net.
    case governmentSafetyNet = "government_safety_net"

    public var title: String {
        switch self {
        case .outOfHardship: "解困脱困"
        case .death: "死亡"
        case .ineligible: "精准识别退出"
        case .governmentSafetyNet: "政府兜底"
        }
    }
}

/// A step an officer takes on an archive.
public enum HardshipArchiveAction: Equatable, Sendable {
    /// The union has finished the archive and puts it up for public notice.
    case submitForNotice
    /// The notice period is over without objection upheld: on to the upper level.
    case endNotice
    /// The upper-level union confirms it.
    case passRecheck
    /// The assistance center approves and files it.
    case approve
    /// Sent back to be rebuilt, with the reason.
    case sendBack(reason: String)
    /// The yearly re-verification is done; the archive stays open.
    case reverify
    case close(HardshipClosingReason, note: String)
}

/// The dates of an archive's workflow and the rules for moving it on.
public struct HardshipWorkflow: Equatable, Codable, Sendable {
    /// Days the grassroots union has to build the archive after the application.
    public static let buildingDays = 5
    /// Public notice, unless the province configures otherwise.
    public static let defaultNoticeDays = 5

    public private(set) var stage: HardshipArchiveStage
    public private(set) var appliedOn: CivilDate
    /// When the current notice began (set while in `publicNotice`).
    public private(set) var noticeStartedOn: CivilDate?
    public private(set) var noticeDays: Int
    /// When the archive was filed, and when it was last re-verified (or filed).
    public private(set) var filedOn: CivilDate?
    public private(set) var verifiedOn: CivilDate?
    public private(set) var closedOn: CivilDate?
    /// The last reason it was sent back, shown to the union that rebuilds it.
    public private(set) var returnReason: String?

    public init(appliedOn: CivilDate, noticeDays: Int = HardshipWorkflow.defaultNoticeDays) {
        stage = .building
        self.appliedOn = appliedOn
        self.noticeDays = max(1, noticeDays)
    }

    /// The workflow as stored.
    public init(stage: HardshipArchiveStage, appliedOn: CivilDate, noticeStartedOn: CivilDate?, noticeDays: Int, filedOn: CivilDate?,
                verifiedOn: CivilDate?, closedOn: CivilDate?, returnReason: String?) {
        self.stage = stage; self.appliedOn = appliedOn; self.noticeStartedOn = noticeStartedOn; self.noticeDays = max(1, noticeDays)
        self.filedOn = filedOn; self.verifiedOn = verifiedOn; self.closedOn = closedOn; self.returnReason = returnReason
    }

    /// The date by which the current stage should be done, when it has one: building within five
    /// days of the application, notice ending after its days, re-verification a year after the
    /// last one.
    public var dueOn: CivilDate? {
        switch stage {
        case .building: appliedOn.adding(days: Self.buildingDays)
        case .publicNotice: noticeStartedOn.map { $0.adding(days: noticeDays) }
        case .filed: verifiedOn.map { $0.adding(years: 1) }
        case .recheck, .approval, .closed: nil
        }
    }

    /// Overdue on `today`: shown in red in worklists. The notice period is not a deadline.
    public func isOverdue(on today: CivilDate) -> Bool {
        guard stage != .publicNotice, let due = dueOn else { return false }
        return today > due
    }

    /// Takes `action` on `date`, or says why it cannot be taken now.
    public mutating func apply(_ action: HardshipArchiveAction, on date: CivilDate) throws(HardshipWorkflowError) {
        switch (action, stage) {
        case (.submitForNotice, .building):
            stage = .publicNotice
            noticeStartedOn = date
        case (.endNotice, .publicNotice):
            guard let started = noticeStartedOn, date >= started.adding(days: noticeDays) else {
                throw .noticeNotOver(until: (noticeStartedOn ?? date).adding(days: noticeDays))
            }
            stage = .recheck
        case (.passRecheck, .recheck):
            stage = .approval
        case (.approve, .approval):
            stage = .filed
            filedOn = date
            verifiedOn = date
            returnReason = nil
        case (.sendBack(let reason), let s) where s.mayReturn:
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .reasonRequired }
            stage = .building
            noticeStartedOn = nil
            returnReason = trimmed
        case (.reverify, .filed):
            verifiedOn = date
        case (.close(_, let note), .filed), (.close(_, let note), .building):
            if case .close(.ineligible, _) = action, note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw .reasonRequired
            }
            stage = .closed
            closedOn = date
        default:
            throw .notAllowed(action: action.title, stage: stage)
        }
    }
}

extension HardshipArchiveAction {
    public var title: String {
        switch self {
        case .submitForNotice: "提交公示"
        case .endNotice: "结束公示"
        case .passRecheck: "复核通过"
        case .approve: "审批建档"
        case .sendBack: "退回"
        case .reverify: "年度复核"
        case .close(let reason, _): "销档（\(reason.title)）"
        }
    }
}

public enum HardshipWorkflowError: Error, Equatable, Sendable, UserFacingError {
    case notAllowed(action: String, stage: HardshipArchiveStage)
    case noticeNotOver(until: CivilDate)
    case reasonRequired

    public var message: String {
        switch self {
        case .notAllowed(let action, let stage): "档案当前处于“\(stage.title)”，不能\(action)"
        case .noticeNotOver(let until): "公示期到 \(until.iso) 才结束"
        case .reasonRequired: "请填写原因"
        }
    }
}
