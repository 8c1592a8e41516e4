import CCommonMark
import SurvRender

/// A notebook's prose as an HTML fragment, rendered by cmark-gfm (CommonMark with GitHub's tables,
/// strikethrough and autolinks) in its safe mode: raw HTML in the prose becomes a comment and links to
/// `javascript:`, `vbscript:`, `file:` or non-image `data:` addresses lose their address, because a
/// notebook may come from anyone and its page must show the text, never act on it.
enum ProseMarkdown {
    static func html(from markdown: String) -> String {
        // Control characters are shown as escapes (`\x1b`) before rendering: cmark passes them through, and a
        // page must show what a hostile notebook holds, as the terminal does.
        let markdown = TerminalText.escapingControls(markdown)
        if ProseBudget.allows(markdown), let html = render(markdown) { return html }
        // Prose cmark-gfm cannot render in proportion to its length is still worth reading as written.
        return "<pre class=\"prose-source\"><code>\(HTMLExporter.escape(markdown))</code></pre>\n"
    }

    private static func render(_ markdown: String) -> String? {
        var text = markdown
        return text.withUTF8 { bytes -> String? in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return "" }
            let html = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                ccm_markdown_to_html($0, bytes.count)
            }
            guard let html else { return nil }
            defer { ccm_free(html) }
            return String(cString: html)
        }
    }
}
