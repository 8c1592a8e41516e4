/// The characters a terminal acts on rather than shows: C0 and C1 controls but newline and tab, DEL, and
/// the bidirectional overrides and isolates, which reorder what is shown after them. The session refuses
/// them in a command line; the renderers escape them in anything drawn from a file.
public enum ControlScalars {
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
