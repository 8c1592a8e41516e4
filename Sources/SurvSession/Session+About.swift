import SurvData
import SurvLanguage
import SurvResults

/// What a bundled data set is.
extension Session {
    func about(_ name: String?) throws(Diagnostic) -> Report {
        guard let name = name ?? bundledName else {
            throw Diagnostic(table == nil ? "no dataset is loaded, and 'about' without a name describes the bundled dataset loaded"
                                          : "the data in use were not loaded from a bundled dataset",
                             hint: Suggestions.listing("about DATASET names one; bundled datasets", BundledDatasets.names))
        }
        guard let about = BundledDatasets.about(name) else {
            throw Diagnostic("no bundled dataset named '\(name)'", hint: Suggestions.listing("bundled datasets", BundledDatasets.names))
        }
        let endpoints = BundledDatasets.endpoints(name).map {
            AboutReport.DeclaredEndpoint(name: $0.name, time: $0.time, event: $0.event)
        }
        return .about(AboutReport(dataset: name, about: about, endpoints: endpoints, dictionary: BundledDatasets.dictionary(name)))
    }
}
