import Foundation
public import TrustMapModel

/// How a discovery run ended.
public enum DiscoveryStatus: String, Sendable {
    /// Every domain followed was read completely.
    case complete
    /// Some domain or DC could not be read; the snapshot says which and why.
    case partial
    /// The starting domain could not be reached at all.
    case failed
}

/// The result of a discovery run.
public struct DiscoveryOutcome: Sendable {
    /// The snapshot.
    public var snapshot: Snapshot
    /// Complete, partial or failed.
    public var status: DiscoveryStatus
    /// True when the starting domain refused the credentials.
    public var credentialsRefused: Bool
    /// LDAP operations sent, per domain.
    public var ldapOperations: [DNSName: Int]
    /// What each domain that was started cost in requests, and which DC it was read from.
    public var statistics: [DNSName: DomainStatistics] = [:]
}

/// The requests discovery sent for one domain (not part of the snapshot, which stays the same
/// from run to run).
public struct DomainStatistics: Sendable, Equatable {
    /// LDAP requests (rootDSE, bind steps, StartTLS, each page of each search).
    public var ldapOperations: Int
    /// LDAP pings (CLDAP exchanges), one per address tried.
    public var ldapPings: Int
    /// DNS lookups (one name and record type asked of one server; A and AAAA count as one).
    public var dnsLookups: Int
    /// The DC whose LDAP answers were used, when one answered.
    public var readFrom: String?

    /// Creates statistics.
    public init(ldapOperations: Int = 0, ldapPings: Int = 0, dnsLookups: Int = 0, readFrom: String? = nil) {
        self.ldapOperations = ldapOperations
        self.ldapPings = ldapPings
        self.dnsLookups = dnsLookups
        self.readFrom = readFrom
    }
}

/// Builds the forest and trust graph of a live directory from DNS SRV records, LDAP pings and
/// LDAP, following trusts across forests under a concurrency bound, per-operation timeouts and
/// an overall deadline.
public struct Discovery: Sendable {
    /// The options of this run.
    public let options: DiscoveryOptions

    /// Creates a discovery run.
    public init(options: DiscoveryOptions) { self.options = options }

    /// How a domain was reached.
    enum Via: Sendable {
        case start, forestMember, withinForestTrust, forestTrust, externalTrust
    }

    private struct Pending: Sendable {
        var name: DNSName
        var depth: Int
        var via: Via
        var forestTrustHop: Bool { via == .forestTrust }
    }

    /// Runs discovery; never throws: everything that went wrong is in the snapshot's diagnostics.
    public func run(events: @escaping @Sendable (DiscoveryEvent) -> Void = { _ in }) async -> DiscoveryOutcome {
        let started = Date()
        let deadline = ContinuousClock.now + .milliseconds(Int(options.deadline * 1000))
        var results: [DNSName: DomainResult] = [:]
        var queued: Set<DNSName> = [options.startDomain]
        var pending: [Pending] = [Pending(name: options.startDomain, depth: 0, via: .start)]
        var notFollowed: [DNSName: (depth: Int, reason: String)] = [:]
        var forestHop: [DNSName: Bool] = [:]

        await withTaskGroup(of: DomainResult.self) { group in
            var running = 0
            func startNext() {
                while running < options.concurrency, !pending.isEmpty {
                    let next = pending.removeFirst()
                    forestHop[next.name] = next.forestTrustHop
                    events(.domainStarted(next.name, depth: next.depth))
                    let collector = DomainCollector(name: next.name, depth: next.depth, options: options)
                    group.addTask {
                        await withDeadline(deadline, collector.name, next.depth) { await collector.collect() }
                    }
                    running += 1
                }
            }
            startNext()
            while let r = await group.next() {
                running -= 1
                results[r.domain.dnsName] = r
                for d in r.diagnostics { events(.diagnostic(d)) }
                events(.domainFinished(r.domain.dnsName, r.domain.status, summary: Self.summary(r)))
                // What to follow next: other domains of the forest, then trust partners.
                for next in followUps(of: r) where !queued.contains(next.name) {
                    if let reason = refusal(next) {
                        notFollowed[next.name] = notFollowed[next.name] ?? (next.depth, reason)
                        continue
                    }
                    if ContinuousClock.now >= deadline {
                        notFollowed[next.name] = (
                            next.depth, "deadline of \(Int(options.deadline)) s reached before it was started"
                        )
                        continue
                    }
                    queued.insert(next.name)
                    notFollowed[next.name] = nil
                    pending.append(next)
                }
                startNext()
            }
        }

        let snapshot = assemble(results: results, notFollowed: notFollowed, forestHop: forestHop, started: started)
        let start = results[options.startDomain]
        let status: DiscoveryStatus
        if start == nil || start!.domain.status == .unreachable {
            status = .failed
        } else if results.values.contains(where: { $0.domain.status != .complete })
            || results.values.contains(where: { $0.domain.domainControllers.contains { !$0.answered } })
        {
            status = .partial
        } else {
            status = .complete
        }
        return DiscoveryOutcome(
            snapshot: snapshot, status: status, credentialsRefused: start?.credentialsRefused ?? false,
            ldapOperations: results.mapValues(\.ldapOperations),
            statistics: results.mapValues {
                DomainStatistics(
                    ldapOperations: $0.ldapOperations, ldapPings: $0.ldapPings, dnsLookups: $0.dnsLookups,
                    readFrom: $0.readFrom)
            })
    }

    /// The domains a finished domain leads to.
    private func followUps(of r: DomainResult) -> [Pending] {
        var out: [Pending] = []
        for ref in r.crossRefs where ref.isDomain && ref.dnsRoot != r.domain.dnsName {
            out.append(Pending(name: ref.dnsRoot, depth: r.domain.depth, via: .forestMember))
        }
        for t in r.trusts where t.direction != .disabled {
            guard let partner = t.partnerDNSName, t.type != .mit else { continue }
            let via: Via
            switch t.kind {
            case .forest: via = .forestTrust
            case .parentChild, .treeRoot, .shortcut: via = .withinForestTrust
            default: via = .externalTrust
            }
            out.append(Pending(name: partner, depth: r.domain.depth + 1, via: via))
        }
        return out
    }

    /// Why a domain is not followed, or nil when it is.
    private func refusal(_ p: Pending) -> String? {
        if p.depth > options.maxDepth { return "beyond --max-depth \(options.maxDepth)" }
        switch options.followTrusts {
        case .none:
            return "--follow-trusts none"
        case .forest:
            return p.via == .externalTrust ? "--follow-trusts forest: reached only by an external trust" : nil
        case .all:
            return nil
        }
    }

    static func summary(_ r: DomainResult) -> String {
        let d = r.domain
        let answered = d.domainControllers.filter(\.answered).count
        var s =
            "\(d.netbiosName?.value ?? "?") \(d.status.rawValue): \(d.domainControllers.count) DC(s), \(answered) answered, \(r.trusts.count) trust(s)"
        if let reason = d.statusReason { s += " (\(reason))" }
        return s
    }
}

/// Runs `body`, giving up at `deadline` with an unreachable result for the domain. Blocking
/// C calls cannot be interrupted, so the abandoned work finishes on its own (each operation has
/// its own timeout) and its result is dropped.
private func withDeadline(
    _ deadline: ContinuousClock.Instant, _ name: DNSName, _ depth: Int,
    _ body: @escaping @Sendable () async -> DomainResult
) async -> DomainResult {
    let timedOut = DomainResult(
        domain: Domain(
            dnsName: name, status: .unreachable, statusReason: "deadline reached before the domain answered",
            depth: depth),
        diagnostics: [
            Diagnostic(category: .timeout, domain: name, operation: "discover", message: "overall deadline reached")
        ])
    return await withCheckedContinuation { (c: CheckedContinuation<DomainResult, Never>) in
        let once = ResumeOnce(c)
        let timer = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            once.resume(timedOut)
        }
        Task {
            let r = await body()
            once.resume(r)
            timer.cancel()
        }
    }
}

/// Resumes a continuation exactly once, whichever side gets there first.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?
    init(_ c: CheckedContinuation<T, Never>) { continuation = c }
    func resume(_ value: T) {
        lock.lock()
        let c = continuation
        continuation = nil
        lock.unlock()
        c?.resume(returning: value)
    }
}
