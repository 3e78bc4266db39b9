import Foundation
import GonghuiDomain
import GonghuiStore

/// The audit log page: the filter, the entries it found and the last check of the hash chain.
struct AuditPageModel {
    var form: AuditFilterForm
    var entries: [AuditEntry]
    /// How many entries the filter matches, the list's pages together.
    var total: Int
    var errors: FieldErrors
    /// The last verification of the chain and when it was made.
    var verification: (AuditVerification, Int64)
    var csrf: String?
}
