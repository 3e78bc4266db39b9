import Foundation
import GonghuiDomain
import SQLKit

extension AssistanceService {
    /// The lines of a batch in the actor's scope, accounts masked.
    public func batchLines(id: Int64, actor: Actor) async throws -> [PaymentLineView] {
        try await database.read { db in
            _ = try await Self.batch(id: id, scope: actor.scope, on: db)
            return try await db.raw("SELECT grant_id, reference, name, bank_name, account_masked, amount_fen, result, failure_reason FROM payment_lines WHERE batch_id = \(bind: id) ORDER BY id").all().map { row in
                PaymentLineView(grantID: try row.decode(column: "grant_id", as: Int64.self), reference: try row.decode(column: "reference", as: String.self),
                                name: try row.decode(column: "name", as: String.self), bankName: try row.decode(column: "bank_name", as: String.self),
                                accountMasked: try row.decode(column: "account_masked", as: String.self),
                                amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)), result: try row.decode(column: "result", as: String.self),
                                failureReason: try row.decode(column: "failure_reason", as: String?.self))
            }
        }
    }
}
