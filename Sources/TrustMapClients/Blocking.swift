import Dispatch

/// Runs blocking C calls (libldap, libkrb5, the resolver, sockets) off Swift's cooperative
/// thread pool, on threads of their own, and bridges the result back into async code.
enum Blocking {
    /// A concurrent queue whose threads may block; GCD grows it as calls block.
    private static let queue = DispatchQueue(label: "trustmap.blocking", qos: .userInitiated, attributes: .concurrent)

    /// Runs `body` on a blocking-capable thread and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            queue.async {
                do { c.resume(returning: try body()) } catch { c.resume(throwing: error) }
            }
        }
    }

    /// Runs a non-throwing `body` on a blocking-capable thread.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            queue.async { c.resume(returning: body()) }
        }
    }
}
