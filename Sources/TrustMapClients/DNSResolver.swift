internal import Glibc
import TrustMapWire

/// Looks up SRV, A/AAAA and SOA records through glibc's stub resolver (libresolv), at the system's
/// name servers or at one given server.
///
/// Every lookup uses a resolver state of its own, on a blocking-capable thread (`Blocking.run`), so
/// lookups may run concurrently. UDP first; a truncated answer is fetched again over TCP. Failures
/// are `DNSError`s whose kind tells NXDOMAIN, no data, SERVFAIL, REFUSED and a timeout apart.
/// With `.system` and several name servers, glibc moves on past a server that fails or refuses;
/// the error then describes the last answer received.
public final class DNSResolver: Sendable {
    /// The server asked.
    public let server: DNSServer
    /// Seconds to wait for each UDP answer; glibc counts whole seconds, so this is rounded up (1 to 30).
    public let timeout: Double
    /// How many times a query is sent over UDP before giving up (1 to 10).
    public let attempts: Int

    /// Creates a resolver for `server` (default: the name servers of /etc/resolv.conf).
    public init(server: DNSServer = .system, timeout: Double = 3, attempts: Int = 2) {
        self.server = server
        self.timeout = timeout
        self.attempts = attempts
    }

    /// The SRV records of `name` in the order to try them (RFC 2782: lowest priority first, weighted
    /// random within a priority). Empty when the domain publishes the single target "." (RFC 2782:
    /// the service is decidedly not available).
    public func srv(_ name: String) async throws(DNSError) -> [SRVRecord] {
        let records = try await lookup(name, .srv).compactMap { data -> SRVRecord? in
            if case .srv(let record) = data { record } else { nil }
        }
        if records.count == 1, records[0].target.isEmpty { return [] }
        return SRVOrdering.ordered(records) { SRVOrdering.Key(priority: $0.priority, weight: $0.weight) }
    }

    /// The IPv4 and IPv6 addresses of `host` in text form, IPv4 first, each family in numeric order.
    /// A family with no record is fine; throws `.noData` when neither has one, and any other failure of either.
    public func addresses(_ host: String) async throws(DNSError) -> [String] {
        async let v4 = lookupResult(host, .a)
        async let v6 = lookupResult(host, .aaaa)
        let results = [await v4, await v6]
        var bytes: [[UInt8]] = []
        var noData: DNSError?
        for result in results {
            switch result {
            case .success(let records):
                for case .address(let address) in records { bytes.append(address) }
            case .failure(let error) where error.kind == .noData:
                noData = noData ?? error
            case .failure(let error):
                throw error
            }
        }
        if bytes.isEmpty, let noData {
            throw DNSError(
                .noData, name: host, recordType: .a, server: server, responseCode: 0,
                detail: "NOERROR with neither an A nor an AAAA record (\(noData.detail))")
        }
        let sorted = bytes.sorted { a, b in
            a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
        }
        return sorted.map { DNSServer.ntop($0.count == 4 ? AF_INET : AF_INET6, $0) }
    }

    /// The SOA record of `zone`; `.noData` when `zone` is not a zone apex.
    public func soa(_ zone: String) async throws(DNSError) -> SOARecord {
        for data in try await lookup(zone, .soa) {
            if case .soa(let record) = data { return record }
        }
        throw DNSError(.noData, name: zone, recordType: .soa, server: server, responseCode: 0, detail: "no SOA record")
    }

    /// The name servers (NS records) of `zone`, host names sorted.
    public func nameServers(_ zone: String) async throws(DNSError) -> [String] {
        try await lookup(zone, .ns).compactMap { data -> String? in
            if case .nameServer(let host) = data { host } else { nil }
        }.sorted()
    }

    /// Runs one query on a blocking thread and returns the answer records of `type`.
    func lookup(_ name: String, _ type: DNSRecordType) async throws(DNSError) -> [DNSRecordData] {
        try await lookupResult(name, type).get()
    }

    /// `lookup` as a result, so that concurrent lookups keep their typed error.
    private func lookupResult(_ name: String, _ type: DNSRecordType) async -> Result<[DNSRecordData], DNSError> {
        let server = server
        let retrans = Int32(timeout.isFinite ? min(30, max(1, timeout.rounded(.up))) : 3)
        let retry = Int32(min(10, max(1, attempts)))
        return await Blocking.run { () -> Result<[DNSRecordData], DNSError> in
            do throws(DNSError) {
                guard !name.isEmpty, name.utf8.count <= 254 else {
                    throw DNSError(.invalidName, detail: "a DNS name has 1 to 253 bytes")
                }
                let state = try DNSResolverState(server: server, retrans: retrans, retry: retry)
                let answer = try state.exchange(name: name, type: type)
                return .success(try DNSAnswer.records(in: answer, of: type))
            } catch {
                return .failure(error.about(name: name, recordType: type, server: server))
            }
        }
    }
}
