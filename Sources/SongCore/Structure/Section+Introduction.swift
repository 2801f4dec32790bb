extension Section {
    /// Whether the section is an introduction: marked as one (`{start_of_intro}`), an instrumental, or a chord grid
    /// labelled as one (`{start_of_grid: Intro}`, the way songwriters usually write a band's introduction).
    public var isIntroduction: Bool {
        switch kind {
        case .intro, .instrumental: true
        case .grid: label?.lowercased().hasPrefix("intro") == true
        default: false
        }
    }
}
