/// What a person does at a session.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case participant, facilitator, musician, volunteer
    case careStaff = "care-staff"
    case teacher
}
