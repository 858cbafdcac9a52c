/// A DNS lookup that gave no usable answer: what kind of failure, for which query, at which server.
public struct DNSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. The response codes (NXDOMAIN, SERVFAIL, REFUSED) and a timeout are distinct.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The name does not exist (response code NXDOMAIN).
        case nxdomain
        /// The name exists but has no record of the asked type (NOERROR with an empty answer).
        case noData
        /// The server could not answer (response code SERVFAIL), or answered uselessly (a lame answer).
        case servfail
        /// The server refused to answer (response code REFUSED).
        case refused
        /// Another response code (FORMERR, NOTIMP, ...): see `responseCode`.
        case otherResponseCode
        /// No answer arrived within the timeout, after every attempt.
        case timeout
        /// The UDP answer was truncated and the retry over TCP failed.
        case truncated
        /// The answer could not be parsed; the detail names the record and offset.
        case malformed
        /// The server could not be reached (connection refused, unreachable, ...).
        case network
        /// The resolver could not be set up: a bad server address, an unreadable /etc/resolv.conf.
        case configuration
        /// The name to look up is not a valid DNS name.
        case invalidName
    }

    /// What went wrong.
    public let kind: Kind
    /// The name that was looked up, if the failure concerns a query.
    public let name: String?
    /// The record type that was asked for, if the failure concerns a query.
    public let recordType: DNSRecordType?
    /// The server that was asked, if known.
    public let server: DNSServer?
    /// The DNS response code of the answer, when there was one.
    public let responseCode: Int?
    /// What the resolver library or the answer said, in a few words (for example `res_nsend: Connection refused`).
    public let detail: String

    /// Creates an error.
    public init(
        _ kind: Kind, name: String? = nil, recordType: DNSRecordType? = nil, server: DNSServer? = nil,
        responseCode: Int? = nil, detail: String
    ) {
        self.kind = kind
        self.name = name
        self.recordType = recordType
        self.server = server
        self.responseCode = responseCode
        self.detail = detail
    }

    /// A sentence: the query, the server, what happened and the library's own words.
    public var description: String {
        var subject = "DNS"
        if let recordType { subject += " \(recordType)" }
        subject += " lookup"
        if let name { subject += " of \(name)" }
        if let server { subject += " at \(server)" }
        let what: String =
            switch kind {
            case .nxdomain: "the name does not exist (NXDOMAIN)"
            case .noData: "the name exists but has no \(recordType?.rawValue ?? "such") record"
            case .servfail: "the server failed to answer (SERVFAIL)"
            case .refused: "the server refused the query (REFUSED)"
            case .otherResponseCode: "the server answered with response code \(responseCode.map(String.init) ?? "?")"
            case .timeout: "no answer before the timeout"
            case .truncated: "the answer was truncated and could not be fetched over TCP"
            case .malformed: "the answer could not be parsed"
            case .network: "the server could not be reached"
            case .configuration: "the resolver is misconfigured"
            case .invalidName: "the name is not a valid DNS name"
            }
        return "\(subject) failed: \(what) (\(detail))"
    }

    /// This error with the query it concerns filled in.
    func about(name: String, recordType: DNSRecordType, server: DNSServer) -> DNSError {
        DNSError(
            kind, name: name, recordType: recordType, server: server, responseCode: responseCode, detail: detail)
    }
}
