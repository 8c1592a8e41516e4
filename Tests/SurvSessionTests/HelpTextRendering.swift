import SurvRender
import SurvResults
@testable import SurvSession

extension HelpText {
    /// The help as the terminal shows it: the session's value through the text renderer.
    static func text(for topic: String?) -> String {
        TextRenderer().render(.help(report(for: topic)))
    }
}
