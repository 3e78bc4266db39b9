/// The rules every uploaded paper (证明材料) follows, whatever it is kept with: PDF, JPEG or PNG
/// recognised by its bytes (not by what the browser claimed), at most 10 MiB, a plain file name.
public enum PaperFile {
    public static let maxBytes = 10 * 1024 * 1024
    /// Papers a worker may add to one case from the portal (a limit of the platform against
    /// misuse, not a policy number): more go through the handling union.
    public static let maxPerWorker = 20
    public static let types = ["application/pdf", "image/jpeg", "image/png"]

    /// The type the bytes are, by their signature.
    public static func sniff(_ data: [UInt8]) -> String? {
        if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    /// The file's name as kept: its last path component, without control characters or quotes
    /// (it ends up in headers).
    public static func cleanName(_ filename: String) -> String {
        String(String(filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
            .unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0.value != 0x7F }).trimmed
    }

    /// The kept name and type, or every problem with the file (named `file`).
    public static func check(filename: String, data: [UInt8]) -> (name: String, type: String?, problems: [FieldProblem]) {
        let name = cleanName(filename)
        var problems: [FieldProblem] = []
        if name.isEmpty || name.count > 200 { problems.append(FieldProblem(field: "file", value: name, reason: "文件名不能为空，最多 200 字")) }
        if data.isEmpty { problems.append(FieldProblem(field: "file", value: name, reason: "文件是空的")) }
        if data.count > maxBytes { problems.append(FieldProblem(field: "file", value: name, reason: "文件不能超过 10 MB")) }
        let type = sniff(data)
        if type == nil && !data.isEmpty { problems.append(FieldProblem(field: "file", value: name, reason: "只能上传 PDF、JPEG 或 PNG 文件")) }
        return (name, type, problems)
    }
}
