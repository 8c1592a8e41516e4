import Foundation
import SurvLanguage
import SurvResults

/// Writes a figure to a file (`plot km to "km.svg"`). Drawing SVG is a renderer's job, in a target above
/// the session, so the session reaches it through this protocol, supplied by whoever creates the session,
/// as it reaches notebook files. The URL has been resolved by the session's `FileAccessPolicy`.
public protocol FigureFileWriter: AnyObject {
    func write(_ figure: FigureReport, to url: URL, path: String) throws(Diagnostic)
}
