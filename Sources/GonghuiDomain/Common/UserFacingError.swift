/// An error whose `message` can be shown to a user as it is.
///
/// Every message is in Simplified Chinese; the enum case itself stays the stable,
/// machine-readable part (it is what the API maps to a problem `code`).
public protocol UserFacingError: Error {
    /// The explanation for the person who typed or imported the value, in Chinese.
    var message: String { get }
}
