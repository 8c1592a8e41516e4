import SurvCore
import SurvLanguage
import SurvRender

/// The conventions in force. Profiles set several at once so that numbers match a reference system.
public struct Settings: Equatable, Sendable {
    public var transform: ConfidenceTransform = .log
    public var ties: TiesMethod = .efron
    public var level: Double = 0.95
    public var digits: Int = 3
    /// "r", "stata", or "custom" once a single convention departs from the chosen profile.
    public var profileName: String = "r"

    public init() {}

    public mutating func apply(_ change: SettingChange) {
        switch change {
        case .confidenceTransform(let t): transform = t
        case .ties(let t): ties = t
        case .level(let l): level = l
        case .digits(let d): digits = d
        case .profile(.r):
            transform = .log
            ties = .efron
        case .profile(.stata):
            transform = .logLog
            ties = .breslow
        }
        profileName = {
            switch (transform, ties) {
            case (.log, .efron): return "r"
            case (.logLog, .breslow): return "stata"
            default: return "custom"
            }
        }()
    }

    public var conventions: Conventions {
        Conventions(profile: profileName, transform: transform, level: level, ties: ties)
    }
}
