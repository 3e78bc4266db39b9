import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// 系统运维 for the system administrator: the database, the last backup and the schedule, and
/// what the retention rules find due, with a button to apply them.
struct SystemPages {
    let store: Store
    let configuration: AppConfiguration

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("system", use: page)
        router.post("system/retention", use: applyRetention)
    }

    func page(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = try admin(context)
        async let readiness = store.database.readiness()
        async let figures = store.watchedFigures()
        async let due = store.applyRetention(dryRun: true, actor: actor)
        let model = SystemPageModel(
            engine: store.database.engine, location: store.database.location.description, readiness: try await readiness,
            fingerprint: store.cipher.fingerprint, lastBackup: try await figures.lastBackup, configuration: configuration,
            nextBackup: configuration.backupDirectory == nil ? nil : OperationsJobs.nextRun(after: Date(), minuteOfDay: configuration.backupMinute),
            due: try await due, csrf: context.csrf, flash: PageQuery(request).string("ok"))
        return Web.page(Layout.page(UI.Operations.title, actor: actor, csrf: context.csrf, section: .system, flash: model.flash, SystemViews.page(model)))
    }

    func applyRetention(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = try admin(context)
        _ = try await store.applyRetention(dryRun: false, actor: actor)
        return Web.redirect("/system?ok=retention")
    }

    func admin(_ context: OfficerPageContext) throws -> Actor {
        guard context.actor.role == .systemAdmin else { throw WebError.forbidden(UI.Operations.mayNot) }
        return context.actor
    }
}

struct SystemPageModel {
    var engine: SQLEngine
    var location: String
    var readiness: Readiness
    var fingerprint: String
    var lastBackup: BackupRecord?
    var configuration: AppConfiguration
    var nextBackup: Date?
    var due: RetentionReport
    var csrf: String?
    var flash: String?

    /// Hours since the last backup's snapshot.
    var backupAgeHours: Int? { lastBackup.map { Int((Date().timeIntervalSince1970 * 1000 - Double($0.at)) / 3_600_000) } }
}
