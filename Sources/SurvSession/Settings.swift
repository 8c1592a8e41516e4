import SurvCore
import SurvLanguage
import SurvResults

/// The conventions in force. Profiles set several at once so that numbers match a reference system.
public struct Settings: Equatable, Sendable {
    public var transform: ConfidenceTransform = .log
    public var ties: TiesMethod = .efron
    public var level: Double = 0.95
    public var digits: Int = 3
    /// How medians are read off a curve; follows the profile (R's midpoint rule, or Stata's smallest time).
    public var quantileRule: QuantileRule = .r
    /// "r", "stata", or "custom" once a single convention departs from the chosen profile.
    public var profileName: String = "r"
    /// Columns of a figure in a notebook or script; fixed, so outputs replay byte for byte.
    public var plotWidth: Int = 72
    /// Plain ASCII figures instead of braille, for terminals without Unicode.
    public var plotASCII = false

    public init() {}

    public mutating func apply(_ change: SettingChange) {
        switch change {
        case .confidenceTransform(let t): transform = t
        case .ties(let t): ties = t
        case .level(let l): level = l
        case .digits(let d): digits = d
        case .plotWidth(let w): plotWidth = w
        case .plotASCII(let ascii): plotASCII = ascii
        case .profile(.r):
            transform = .log
            ties = .efron
            quantileRule = .r
        case .profile(.stata):
            transform = .logLog
            ties = .breslow
            quantileRule = .smallestTime
        }
        profileName = {
            switch (transform, ties, quantileRule) {
            case (.log, .efron, .r): return "r"
            case (.logLog, .breslow, .smallestTime): return "stata"
            default: return "custom"
            }
        }()
    }

    public var presentation: Presentation {
        Presentation(digits: digits, plotWidth: plotWidth, plotASCII: plotASCII)
    }

    public var conventions: Conventions {
        Conventions(profile: profileName, transform: transform, level: level, ties: ties, quantileRule: quantileRule)
    }
}

/// The settings that decide how a result prints, not what it is: kept with each result of the transcript,
/// so a notebook cell is drawn as it was when its command ran.
public struct Presentation: Equatable, Sendable {
    public var digits: Int
    /// Columns of a figure in a notebook or script.
    public var plotWidth: Int
    public var plotASCII: Bool
    public init(digits: Int = 3, plotWidth: Int = 72, plotASCII: Bool = false) {
        self.digits = digits
        self.plotWidth = plotWidth
        self.plotASCII = plotASCII
    }
}
