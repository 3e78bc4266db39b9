import Foundation
import GonghuiDomain
import GonghuiStore

/// The system page, rendered from its model.
enum SystemViews {
    typealias O = UI.Operations

    static func page(_ m: SystemPageModel) -> HTML {
        """
        <section class="card"><h2>\(O.database)</h2>
        <dl class="fields">
        <dt>\(O.engine)</dt><dd>\(O.engineName(m.engine))</dd>
        <dt>\(O.location)</dt><dd><code>\(m.location)</code></dd>
        <dt>\(O.schema)</dt><dd>\(O.schemaText(applied: m.readiness.appliedVersion, program: m.readiness.expectedVersion))</dd>
        <dt>\(O.fingerprint)</dt><dd><code>\(m.fingerprint)</code><br><span class="muted">\(O.fingerprintHint)</span></dd>
        </dl></section>
        \(backups(m))
        \(retention(m))
        """
    }

    static func backups(_ m: SystemPageModel) -> HTML {
        let last: HTML
        if let b = m.lastBackup {
            last = """
            <dt>\(O.lastBackup)</dt><dd>\(O.backupLine(time: Layout.time(b.at), size: bytes(b.size), trigger: O.trigger(b.trigger), hoursAgo: m.backupAgeHours ?? 0))</dd>
            <dt>\(O.backupDirectory)</dt><dd><code>\(b.directory)</code></dd>
            """
        } else {
            last = "<dt>\(O.lastBackup)</dt><dd>\(O.noBackup)</dd>"
        }
        let stale: HTML = (m.backupAgeHours ?? 0) > 48 ? "<div class=\"alert\" role=\"alert\">\(O.staleBackup)</div>" : .empty
        let schedule: String
        if let dir = m.configuration.backupDirectory {
            let minute = m.configuration.backupMinute
            schedule = O.scheduleText(directory: dir, time: String(format: "%02d:%02d", minute / 60, minute % 60), keep: m.configuration.backupKeep)
        } else {
            schedule = O.noSchedule
        }
        let next: HTML = m.nextBackup.map { "<dt>\(O.nextBackup)</dt><dd>\(Layout.time(Int64($0.timeIntervalSince1970 * 1000)))</dd>" } ?? .empty
        return """
        <section class="card"><h2>\(O.backups)</h2>
        \(stale)
        <dl class="fields">\(last)<dt>\(O.schedule)</dt><dd>\(schedule)</dd>\(next)</dl>
        <p class="muted">\(O.restoreHint)</p>
        </section>
        """
    }

    static func retention(_ m: SystemPageModel) -> HTML {
        let rows = m.due.lines.map { line -> HTML in
            """
            <tr><td>\(RetentionPolicy.title(line.key))</td><td class="num">\(String(line.value))</td><td>\(Layout.day(line.cutoff))</td>\
            <td>\(O.dueCounts(line.counts.map { ($0.what, Layout.number($0.count)) }))</td><td>\(line.source)</td></tr>
            """
        }
        let action: HTML = m.due.total == 0 ? "<p>\(O.nothingDue)</p>" : """
            <details><summary>\(O.applyNow)</summary><p>\(O.applyConfirm)</p>\
            <form method="post" action="/system/retention" class="actions">\(Layout.csrfField(m.csrf))<button type="submit" class="danger">\(O.applyYes)</button></form></details>
            """
        return """
        <section class="card"><h2>\(O.retention)</h2>
        <p>\(O.retentionIntro)</p>
        <div class="table-wrap"><table><thead><tr><th scope="col">\(O.rule)</th><th scope="col" class="num">\(O.period)</th><th scope="col">\(O.cutoff)</th>\
        <th scope="col">\(O.due)</th><th scope="col">\(O.source)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        <dl class="fields"><dt>\(O.daily)</dt><dd>\(O.dailyText(m.configuration.retentionDaily))</dd></dl>
        \(action)
        <p class="muted">\(O.policyHint)</p>
        </section>
        """
    }

    /// 1,234,567 bytes as "1.2 MB".
    static func bytes(_ n: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(n), unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}
