import Hummingbird

extension Request {
    /// The body's media type as sent (`Content-Type` without its parameters, lower-cased), if any.
    var mediaType: String? {
        headers[.contentType].flatMap { $0.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces) }
    }
}
