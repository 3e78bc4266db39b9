import Foundation
import GonghuiDomain

extension TransferPages {
    /// The worklist's boxes (tabs): waiting for this side's release, for its acceptance, or all.
    enum Box: String, CaseIterable {
        case outgoing, incoming, all
        var title: String {
            switch self {
            case .outgoing: UI.Registry.boxOutgoing
            case .incoming: UI.Registry.boxIncoming
            case .all: UI.Registry.boxAll
            }
        }
    }
}

/// The worklist's query string: which box, which page.
struct TransferListForm {
    var box: TransferPages.Box = .outgoing
    var offset = 0
    /// The flash message's key after a POST.
    var flash: String?

    init(_ q: PageQuery) {
        box = TransferPages.Box(rawValue: q.string("box")) ?? .outgoing
        offset = q.int("offset", default: 0, range: 0...1_000_000)
        flash = q.string("ok")
    }
}

/// A decision on a transfer: approve or refuse, with the reason, from one box of the worklist.
struct TransferDecisionForm {
    var approve: Bool
    var box: TransferPages.Box
    var reason: String

    init(_ f: WebForm) {
        approve = f["decision"] == "approve"
        box = TransferPages.Box(rawValue: f["box"]) ?? .outgoing
        reason = String(f["reason"].prefix(500))
    }
}
