import Dispatch
import Foundation

/// Work spread over the machine's cores, one element of an array per call, the calls sharing no
/// mutable state: each reaches only its own element.
public enum Concurrently {
    /// How many calls can truly run at once.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body` on every element, several at a time. Elements are reached through a pointer, so a
    /// call may consume its element (freeing its memory at once) without the array being copied and
    /// without the calls contending for the array.
    static func forEach<Element>(_ elements: inout [Element], _ body: (inout Element) -> Void) {
        elements.withUnsafeMutableBufferPointer { buffer in
            run(buffer.count) { index in body(&buffer[index]) }
        }
    }

    /// `transform` of every element, in order, several at a time (elements reached as in `forEach`).
    public static func map<Element, Result>(_ elements: inout [Element], _ transform: (inout Element) -> Result) -> [Result] {
        var results = [Result?](repeating: nil, count: elements.count)
        elements.withUnsafeMutableBufferPointer { input in
            results.withUnsafeMutableBufferPointer { output in
                run(input.count) { index in output[index] = transform(&input[index]) }
            }
        }
        return results.compactMap { $0 }
    }

    /// `body(0)`, …, `body(count - 1)`, each exactly once, several at a time; returns when all are done.
    private static func run(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let shared = SharedClosure(body: body)
            DispatchQueue.concurrentPerform(iterations: count) { index in shared.body(index) }
        }
    }
}

/// Hands a closure to the calls of `concurrentPerform`. Sound because every call is given a distinct
/// index, the closure only touches what belongs to its index, and all calls end before it is released.
private struct SharedClosure: @unchecked Sendable {
    let body: (Int) -> Void
}
