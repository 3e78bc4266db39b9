import Foundation
import GonghuiDomain
import GonghuiStore

/// One box of the transfer worklist, with the officer's rights and a refusal's message by transfer.
struct TransferListPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var box: TransferPages.Box
    var items: [MembershipTransfer]
    var offset: Int
    /// Why a decision on a transfer was refused, by the transfer's id.
    var errors: [Int64: String] = [:]
    let mayDecideTransfers: Bool
    let mayEditRegistry: Bool

    static func load(_ box: TransferPages.Box, offset: Int, store: Store, actor: Actor, csrf: String?, flash: String? = nil,
                     errors: [Int64: String] = [:]) async throws -> TransferListPageModel {
        let items = try await list(box, offset: offset, store: store, actor: actor)
        return TransferListPageModel(actor: actor, csrf: csrf, flash: flash, box: box, items: items, offset: offset, errors: errors,
                                     mayDecideTransfers: actor.role.mayDecideTransfers, mayEditRegistry: actor.role.mayEditRegistry)
    }

    static func list(_ box: TransferPages.Box, offset: Int, store: Store, actor: Actor) async throws -> [MembershipTransfer] {
        switch box {
        case .outgoing:
            // Waiting for the releasing union, which is in this subtree.
            return try await store.members.transfers(box: .outgoing, state: .processing, actor: actor, limit: 50, offset: offset).filter { $0.outgoing == .pending }
        case .incoming:
            return try await store.members.transfers(box: .incoming, state: .processing, actor: actor, limit: 50, offset: offset).filter { $0.outgoing == .approved }
        case .all:
            return try await store.members.transfers(box: .all, state: nil, actor: actor, limit: 50, offset: offset)
        }
    }

    /// Whether the officer may decide on this transfer from this box.
    func mayDecide(_ t: MembershipTransfer) -> Bool { t.state == .processing && box != .all && mayDecideTransfers }

    /// The releasing side may withdraw its own request before deciding on it.
    func mayWithdraw(_ t: MembershipTransfer) -> Bool { t.state == .processing && t.outgoing == .pending && box == .outgoing && mayEditRegistry }
}
