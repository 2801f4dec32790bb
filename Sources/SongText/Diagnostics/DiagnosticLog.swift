import SongCore
/// Collects diagnostics while reading, with a cap so a file of garbage cannot produce millions of them.
struct DiagnosticLog: Sendable {
    /// Beyond this many errors reading stops adding more (one last note says so).
    static let maximumErrors = 100

    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var errorCount = 0

    init(source: SourceText) { self.source = source }

    var hasErrors: Bool { errorCount > 0 }
    var isFull: Bool { errorCount >= DiagnosticLog.maximumErrors }
    var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }

    /// Records a diagnostic at `lineIndex` (into `source.lines`) and a column given in UTF-8 bytes or characters.
    mutating func add(_ severity: Diagnostic.Severity, _ message: String, expected: String? = nil, lineIndex: Int, utf8Offset: Int) {
        guard lineIndex >= 0, lineIndex < source.lines.count else { return }
        // Past the cap nothing is recorded, so the column is not worked out: counting characters up to it on a
        // long line for each of thousands of errors made one bad 100 KB tune take minutes to refuse.
        let dropped = severity == .error ? errorCount >= DiagnosticLog.maximumErrors : diagnostics.count > 4 * DiagnosticLog.maximumErrors
        if dropped { return add(severity, message, expected: expected, lineIndex: lineIndex, column: 1) }
        let line = source.lines[lineIndex]
        let utf8 = line.utf8
        let clamped = min(max(0, utf8Offset), utf8.count)
        let idx = utf8.index(utf8.startIndex, offsetBy: clamped)
        let column = line[..<idx].count + 1
        add(severity, message, expected: expected, lineIndex: lineIndex, column: column)
    }

    /// Records a diagnostic at a 1-based character column.
    mutating func add(_ severity: Diagnostic.Severity, _ message: String, expected: String? = nil, lineIndex: Int, column: Int) {
        let source = self.source, lineNumber = source.lineNumber(lineIndex)
        let text = { lineIndex < source.lines.count ? String(source.lines[lineIndex]) : "" }
        guard admits(isError: severity == .error, line: lineNumber, sourceLine: text) else { return }
        diagnostics.append(Diagnostic(severity: severity, message: message, expected: expected, file: source.name,
                                      line: lineNumber, column: column, sourceLine: text()))
    }

    /// Records a diagnostic found by another log over the same source (a part of a tunebook read on another
    /// thread), under this log's caps, as if it had been found here; once the errors are full, reading would have
    /// stopped, so no warning is taken either.
    mutating func replay(_ d: Diagnostic) {
        guard d.isError || !isFull, admits(isError: d.isError, line: d.line, sourceLine: { d.sourceLine }) else { return }
        diagnostics.append(d)
    }

    /// The caps, in one place: every error is counted, the hundred-and-first adds one note that reporting stopped
    /// (at `line`) and later ones are dropped; warnings are dropped past four hundred diagnostics.
    private mutating func admits(isError: Bool, line: Int, sourceLine: () -> String) -> Bool {
        guard isError else { return diagnostics.count <= 4 * DiagnosticLog.maximumErrors }
        errorCount += 1
        if errorCount == DiagnosticLog.maximumErrors + 1 {
            diagnostics.append(Diagnostic(severity: .error, message: "too many errors; stopped reporting", file: source.name,
                                          line: line, column: 1, sourceLine: sourceLine()))
        }
        return errorCount <= DiagnosticLog.maximumErrors
    }

    /// Notes, as warnings, the characters the source took out as it was read (`OneLineText.isUnsafe`): a text with a
    /// bell or a terminal's escape in it still reads, and says what was left out and where.
    mutating func noteRemovals() {
        for removal in source.removed {
            let code = "U+" + OneLineText.hex(removal.scalar.value)
            let what = OneLineText.isDirectionControl(removal.scalar)
                ? "a text-direction control (\(code)), which would reorder the text after it," : "a control character (\(code))"
            add(.warning, "\(what) was left out", lineIndex: removal.lineIndex, column: removal.column)
        }
        if let last = source.removed.last, source.removedCount > source.removed.count {
            add(.warning, "\(source.removedCount - source.removed.count) more such characters were left out", lineIndex: last.lineIndex, column: last.column)
        }
    }

    /// Throws all diagnostics if there was an error.
    func check() throws(DiagnosticError) {
        if hasErrors { throw DiagnosticError(diagnostics) }
    }
}
