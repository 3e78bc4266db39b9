import Foundation
import GonghuiDomain
import GonghuiStore

/// The upload form, with the problems of the last try.
struct ImportUploadPageModel {
    var actor: Actor
    var csrf: String?
    var errors = FieldErrors()
    /// The columns a member roster must have, by their Chinese names.
    var requiredMemberColumns: [String] { ImportColumns.members.columns.filter(\.required).map(\.chinese) }
}

/// An upload's page: its check report, the import's progress, or its result.
struct ImportStatusPageModel {
    var actor: Actor
    var csrf: String?
    var token: String
    var entry: ImportStash.Entry

    var isOrgs: Bool { entry.kind == "orgs" }
    var isRunning: Bool {
        if case .running = entry.state { return true }
        return false
    }
}
