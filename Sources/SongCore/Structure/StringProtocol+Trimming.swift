extension StringProtocol {
    /// The text without leading and trailing spaces and tabs. Pure Swift, so reading files does not go through
    /// Foundation's bridged `trimmingCharacters(in:)`, which was a third of the ChordPro reader's time.
    @inlinable public func trimmingWhitespace() -> String {
        let text = Substring(self)
        let u = text.utf8
        guard let first = u.firstIndex(where: { $0 != 32 && $0 != 9 }) else { return "" }
        let last = u.lastIndex(where: { $0 != 32 && $0 != 9 })!
        return String(text[first...last])
    }

    /// Whether the text is empty or only spaces and tabs.
    @inlinable public var isBlank: Bool { utf8.allSatisfy { $0 == 32 || $0 == 9 } }
}
