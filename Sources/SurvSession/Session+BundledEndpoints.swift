import SurvData
import SurvLanguage
import SurvResults

/// The endpoints a bundled data set declares when it is loaded.
extension Session {
    /// Declares the endpoints the bundled data set `name` carries, as `endpoint NAME = TIME, EVENT` would,
    /// and puts the first in use; one line each, then which is in use.
    func declareBundledEndpoints(_ name: String) throws(Diagnostic) -> [String] {
        let declared = BundledDatasets.endpoints(name)
        guard let first = declared.first else { return [] }
        var lines: [String] = []
        for endpoint in declared {
            guard case .message(let text) = try defineEndpoint(EndpointPlan(name: endpoint.name, time: endpoint.time, event: endpoint.event)) else { continue }
            lines.append(text)
        }
        currentEndpoint = first.name
        let others = declared.dropFirst().map(\.name)
        lines.append("endpoint in use: \(first.name)" + (others.isEmpty ? "" : " (switch with: endpoint \(others.joined(separator: ", endpoint ")))"))
        return lines
    }
}
