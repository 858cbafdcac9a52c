/// A Kerberos encryption type: its number (RFC 3961 registry) and MIT's name for it.
public struct KerberosEncryptionType: Sendable, Hashable, CustomStringConvertible {
    /// The enctype number, e.g. 18 for aes256-cts-hmac-sha1-96, 23 for arcfour-hmac (RC4).
    public let number: Int32
    /// MIT's canonical name, e.g. "aes256-cts-hmac-sha1-96"; "enctype-<number>" when unknown.
    public let name: String

    /// Creates an encryption type from its number and name.
    public init(number: Int32, name: String) {
        self.number = number
        self.name = name
    }

    /// True for the AES enctypes (17, 18, 19, 20).
    public var isAES: Bool { (17...20).contains(number) }

    /// True for RC4-HMAC (23, 24), which Windows hardening is retiring.
    public var isRC4: Bool { number == 23 || number == 24 }

    /// "aes256-cts-hmac-sha1-96 (18)".
    public var description: String { "\(name) (\(number))" }
}
