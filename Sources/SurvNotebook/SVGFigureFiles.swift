import Foundation
import SurvLanguage
import SurvRender
import SurvResults
import SurvSession

/// Writes `plot ... to "FILE.svg"`: the figure as SVG, through the same safe write as a notebook (no
/// following a symbolic link, no executable bits, no half-written file).
public final class SVGFigureFiles: FigureFileWriter {
    public init() {}

    public func write(_ figure: FigureReport, to url: URL, path: String) throws(Diagnostic) {
        do {
            try AtomicFile.write(Data(SVGFigure.svg(figure).utf8), to: url)
        } catch {
            throw Diagnostic("cannot write '\(path)': \(error.reason)", hint: "choose another file name or folder")
        }
    }
}
