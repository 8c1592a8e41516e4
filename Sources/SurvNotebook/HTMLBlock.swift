/// CommonMark's HTML blocks (spec 0.30, §4.6), as far as a notebook needs them: the lines from a block's
/// start to its end are raw HTML, so a ```` ```surv ```` fence among them is not a cell. A Markdown viewer
/// shows no code block there — inside `<!-- … -->` it shows nothing at all — so running it would let a
/// notebook hide a `where` that changes every number after it.
enum HTMLBlock {
    /// The index of the block's last line when `lines[index]` starts an HTML block, else nil.
    /// `interruptsParagraph`: the line follows paragraph text (the seventh kind cannot start there).
    static func lastLine(startingAt index: Int, in lines: [String], interruptsParagraph: Bool) -> Int? {
        let line = lines[index]
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard rest.first == "<" else { return nil }
        let lower = rest.lowercased()
        if let end = endMarker(lower) {
            // Ends at the first line (this one included) that holds the end marker, or at the end of the file.
            var i = index
            while i < lines.count {
                if lines[i].lowercased().contains(end) { return i }
                i += 1
            }
            return lines.count - 1
        }
        if startsBlockTag(lower) || (!interruptsParagraph && isLoneTag(String(rest))) {
            var i = index
            while i + 1 < lines.count, !lines[i + 1].allSatisfy({ $0 == " " || $0 == "\t" }) { i += 1 }
            return i
        }
        return nil
    }

    /// Whether `line`, read as prose, leaves a paragraph open for the next line. A blank line, an ATX
    /// heading, a thematic break or a setext underline does not; nor does a line indented as code outside
    /// a paragraph. Other text opens or continues one (inside a list item or quote too, as a lazy line).
    static func continuesParagraph(_ line: String, after inParagraph: Bool) -> Bool {
        let indent = line.prefix { $0 == " " || $0 == "\t" }.count
        let rest = line.dropFirst(indent)
        if rest.isEmpty { return false }
        if indent >= 4 { return inParagraph }
        if rest.first == "#" {
            let hashes = rest.prefix { $0 == "#" }.count
            let after = rest.dropFirst(hashes).first
            if hashes <= 6 && (after == nil || after == " " || after == "\t") { return false }
        }
        let compact = rest.filter { $0 != " " && $0 != "\t" }
        if let first = compact.first, "*-_".contains(first), compact.count >= 3, compact.allSatisfy({ $0 == first }) { return false }
        if inParagraph, let first = compact.first, first == "=" || first == "-",
           rest.trimmingCharacters(in: .whitespaces).allSatisfy({ $0 == first }) { return false }
        return true
    }

    /// Kinds 1–5: the end marker of the kind this line starts, if it starts one.
    private static func endMarker(_ lower: String) -> String? {
        for tag in ["script", "pre", "style", "textarea"] where lower.hasPrefix("<" + tag) {
            let after = lower.dropFirst(tag.count + 1).first
            if after == nil || after == " " || after == "\t" || after == ">" { return "</\(tag)>" }
        }
        if lower.hasPrefix("<!--") { return "-->" }
        if lower.hasPrefix("<?") { return "?>" }
        if lower.hasPrefix("<![cdata[") { return "]]>" }
        if lower.hasPrefix("<!"), let letter = lower.dropFirst(2).first, letter.isASCII, letter.isLetter { return ">" }
        return nil
    }

    /// Kind 6: one of the block-level tag names, opening or closing.
    private static func startsBlockTag(_ lower: String) -> Bool {
        var name = lower.dropFirst()
        if name.first == "/" { name = name.dropFirst() }
        let tag = name.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard blockTags.contains(String(tag)) else { return false }
        let after = name.dropFirst(tag.count)
        return after.isEmpty || after.first == " " || after.first == "\t" || after.first == ">" || after.hasPrefix("/>")
    }

    /// Kind 7: a complete opening or closing tag, alone on its line.
    private static func isLoneTag(_ text: String) -> Bool {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        guard s.hasPrefix("<"), s.hasSuffix(">") else { return false }
        s = s.dropFirst().dropLast()
        let closing = s.first == "/"
        if closing { s = s.dropFirst() }
        guard let first = s.first, first.isASCII, first.isLetter else { return false }
        let name = s.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        if ["script", "style", "pre", "textarea"].contains(name.lowercased()) { return false }
        let attributes = s.dropFirst(name.count)
        // Attributes are not parsed in full: anything without a line break or an unmatched quote will do.
        if closing { return attributes.allSatisfy { $0 == " " || $0 == "\t" } }
        return attributes.isEmpty || attributes.first == " " || attributes.first == "\t" || attributes.first == "/"
    }

    private static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
        "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option",
        "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
        "track", "ul",
    ]
}
