import Foundation
import GonghuiDomain
import GonghuiStore

/// The upload: what the file holds (members or orgs) and the file.
struct ImportUploadForm {
    var kind: String
    var file: WebForm.File?

    init(_ f: WebForm) {
        kind = f["kind"]
        file = f.files["file"]
    }

    /// The kind and the file; nil when either is missing.
    func parse(into errors: inout FieldErrors) -> (kind: String, file: WebForm.File)? {
        if kind != "members" && kind != "orgs" { errors.add("kind", UI.Registry.importKindMissing) }
        if file == nil || file!.data.isEmpty { errors.add("file", UI.Registry.importFileMissing) }
        guard let file, errors.isEmpty else { return nil }
        return (kind, file)
    }
}

/// A template's name in its URL: `members.csv`, `orgs.xlsx` …
struct ImportTemplateName {
    enum Format: String { case csv, xlsx }
    var columns: ImportColumns
    var title: String
    var format: Format

    init?(_ name: String) {
        let parts = name.split(separator: ".")
        guard parts.count == 2, let columns = parts[0] == "members" ? ImportColumns.members : parts[0] == "orgs" ? ImportColumns.orgs : nil,
              let format = Format(rawValue: String(parts[1])) else { return nil }
        self.columns = columns
        self.title = parts[0] == "members" ? UI.Registry.memberTemplate : UI.Registry.orgTemplate
        self.format = format
    }
}

/// The confirmation of a checked upload: whether to import the good rows of a file with errors.
struct ImportCommitForm {
    var skipInvalid: Bool

    init(_ f: WebForm) { skipInvalid = f["skip_invalid"] == "1" }
}
