#if canImport(Glibc)
import Glibc
#endif

/// Hands memory that has been freed back to the system.
///
/// glibc keeps freed blocks for reuse, and raises its threshold for serving large blocks from their own
/// mappings each time such a block is freed; after that, blocks of a few megabytes come from its heaps,
/// and freeing them lowers nothing the system sees. Joining a column's chunks frees as much as it
/// allocates, so without this the reader's peak would count the column twice. `malloc_trim` is looked up
/// rather than declared because it is glibc's alone; elsewhere this does nothing.
enum FreedMemory {
    static func release() {
        #if canImport(Glibc)
        if let trim = mallocTrim { _ = trim(0) }
        #endif
    }

    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let mallocTrim: Trim? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
    }()
    #endif
}
