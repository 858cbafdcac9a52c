import Foundation

/// Runs blocking C calls (libldap, libkrb5, the resolver, sockets) off Swift's cooperative
/// thread pool, each on a thread of its own, and bridges the result back into async code.
///
/// A thread per call, not a GCD queue: GCD caps a non-overcommitting queue's width at the
/// number of cores, so on a 2-core machine two slow DNS timeouts would stall every other
/// directory call. Discovery and checks bound their own concurrency (task groups), so the number
/// of threads stays small; the mass probes drive their sockets with poll on one thread instead.
enum Blocking {
    /// Stack size of the worker threads; libldap, SASL and libkrb5 are content with 1 MiB.
    private static let stackSize = 1 << 20

    /// Runs `body` on a thread of its own and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            let thread = Thread {
                do { c.resume(returning: try body()) } catch { c.resume(throwing: error) }
            }
            thread.stackSize = stackSize
            thread.name = "trustmap.blocking"
            thread.start()
        }
    }

    /// Runs a non-throwing `body` on a thread of its own.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            let thread = Thread { c.resume(returning: body()) }
            thread.stackSize = stackSize
            thread.name = "trustmap.blocking"
            thread.start()
        }
    }
}
