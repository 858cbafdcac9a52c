import Foundation
import Testing
import TrustMapClients

/// Parses `ldapsearch -LLL -o ldif-wrap=no` output into entries (dn, attribute -> values).
enum LDIFText {
    static func entries(_ text: String) -> [(dn: String, attributes: [String: [String]])] {
        var result: [(dn: String, attributes: [String: [String]])] = []
        for block in text.components(separatedBy: "\n\n") {
            var dn: String?
            var attributes: [String: [String]] = [:]
            for line in block.split(separator: "\n").map(String.init) where !line.hasPrefix("#") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = String(line[..<colon])
                var value = String(line[line.index(after: colon)...])
                if value.hasPrefix(":") {
                    let b64 = value.dropFirst().trimmingCharacters(in: .whitespaces)
                    value = Data(base64Encoded: b64).map { String(decoding: $0, as: UTF8.self) } ?? b64
                } else {
                    value = value.trimmingCharacters(in: .whitespaces)
                }
                if name == "dn" { dn = value } else { attributes[name.lowercased(), default: []].append(value) }
            }
            if let dn { result.append((dn, attributes)) }
        }
        return result
    }
}

@Suite(.enabled(if: Lab.isAvailable), .serialized)
struct LDAPLabTests {
    let corpNC = "DC=corp,DC=example,DC=test"
    let aliceUPN = "alice@corp.example.test"

    /// Attributes whose values change between two reads.
    let volatile: Set<String> = ["currenttime", "highestcommittedusn"]

    @Test(arguments: Lab.dcs.map(\.host))
    func anonymousRootDSEMatchesLdapsearch(host: String) async throws {
        let dc = Lab.dc(host)
        let connection = LDAPConnection(host: dc.ip, transport: .plain, timeout: 10)
        try await connection.bind(.anonymous)
        let entry = try await connection.rootDSE()
        let reference = try KrbLab.run([
            "ldapsearch", "-x", "-LLL", "-o", "ldif-wrap=no", "-H", "ldap://\(dc.ip)",
            "-b", "", "-s", "base",
        ])
        #expect(reference.status == 0, "\(reference.err)")
        let expected = try #require(LDIFText.entries(reference.out).first)
        #expect(Set(entry.attributeNames) == Set(expected.attributes.keys))
        for (name, values) in expected.attributes where !volatile.contains(name) {
            #expect(Set(entry.strings(name)) == Set(values), "\(host) \(name)")
        }
        // The facts the rest of TrustMap relies on, present and consistent with the lab.
        #expect(entry.string("dnsHostName")?.lowercased() == host)
        #expect(
            entry.string("defaultNamingContext")?.lowercased() == "dc="
                + dc.domain.split(separator: ".").joined(separator: ",dc="))
        #expect(entry.string("serverName")?.contains("CN=Sites,CN=Configuration") == true)
        #expect(entry.int("domainFunctionality") != nil)
        #expect(entry.int("forestFunctionality") != nil)
        #expect(entry.int("domainControllerFunctionality") != nil)
        #expect(connection.operationCount == 2)
    }

    @Test func gssapiBindWithAMemoryCache() async throws {
        #expect(ProcessInfo.processInfo.environment["KRB5CCNAME"] == nil)
        // Without a bind, the DC refuses to search its domain: what follows needs the GSSAPI bind.
        let anonymous = LDAPConnection(host: "dc1.corp.example.test", transport: .plain, timeout: 10)
        await #expect(throws: LDAPError.self) {
            _ = try await anonymous.search(
                base: corpNC, scope: .subtree, filter: "(sAMAccountName=alice)", attributes: [])
        }
        let before = KrbLab.credentialFilesInTmp()
        let creds = try await KerberosCredentials.obtain(
            principal: "alice@CORP.EXAMPLE.TEST", password: KrbLab.password("corp", "alice"))
        for host in ["dc1.corp.example.test", "dc2.corp.example.test"] {
            let connection = LDAPConnection(host: host, transport: .plain, timeout: 10)
            try await connection.bind(.gssapi(creds))
            let mine = try await connection.search(
                base: corpNC, scope: .subtree, filter: "(sAMAccountName=alice)",
                attributes: ["sAMAccountName", "userPrincipalName", "objectSid"])
            #expect(mine.count == 1, "\(host)")
            #expect(mine.first?.string("sAMAccountName") == "alice")
            #expect(mine.first?.string("userPrincipalName")?.lowercased() == aliceUPN)
            #expect(mine.first?.bytes("objectSid")?.count == 28)
            let rootDSE = try await connection.rootDSE()
            #expect(rootDSE.string("dnsHostName")?.lowercased() == host)
        }
        // The default ccache (no KRB5CCNAME) is not where alice's tickets came from.
        let klist = try KrbLab.run(["klist"])
        #expect(
            klist.status != 0 || !klist.out.contains("Default principal: alice@CORP.EXAMPLE.TEST"),
            "the default cache holds alice: the memory cache is not proven")
        #expect(KrbLab.credentialFilesInTmp().subtracting(before).isEmpty)
    }

    @Test func gssapiAcrossTheForestTrust() async throws {
        let alice = try await KerberosCredentials.obtain(
            principal: "alice@CORP.EXAMPLE.TEST", password: KrbLab.password("corp", "alice"))
        let bob = try await KerberosCredentials.obtain(
            principal: "bob@PARTNER.EXAMPLE.TEST", password: KrbLab.password("partner", "bob"))
        // alice (CORP) reads PARTNER's directory; bob (PARTNER) reads CORP's; both at once, each
        // connection with its own cache.
        let toPartner = LDAPConnection(host: "dc1.partner.example.test", transport: .plain, timeout: 10)
        let toCorp = LDAPConnection(host: "dc1.corp.example.test", transport: .plain, timeout: 10)
        async let a: Void = toPartner.bind(.gssapi(alice))
        async let b: Void = toCorp.bind(.gssapi(bob))
        _ = try await (a, b)
        let partnerDomain = try await toPartner.search(
            base: "DC=partner,DC=example,DC=test", scope: .base, filter: "(objectClass=domain)",
            attributes: ["objectSid", "name"])
        #expect(partnerDomain.first?.string("name") == "partner")
        let bobSeen = try await toCorp.search(
            base: corpNC, scope: .subtree, filter: "(sAMAccountName=alice)", attributes: ["sAMAccountName"])
        #expect(bobSeen.first?.string("sAMAccountName") == "alice")
        // The cross-realm tickets the binds used sit in each object's own cache.
        let referral = try await alice.serviceTicket(for: "ldap/dc1.partner.example.test")
        #expect(referral.realmsTraversed == ["CORP.EXAMPLE.TEST", "PARTNER.EXAMPLE.TEST"])
    }

    @Test func simpleBindOverLDAPSAndStartTLS() async throws {
        let host = "dc1.corp.example.test"
        for transport in [LDAPTransport.ldaps, .startTLS] {
            let connection = LDAPConnection(host: host, transport: transport, caFile: KrbLab.caFile(host), timeout: 10)
            try await connection.bind(.simple(user: aliceUPN, password: KrbLab.password("corp", "alice")))
            let mine = try await connection.search(
                base: corpNC, scope: .subtree, filter: "(userPrincipalName=\(aliceUPN))", attributes: ["sAMAccountName"]
            )
            #expect(mine.first?.string("sAMAccountName") == "alice", "\(transport)")
            #expect(connection.operationCount == (transport == .startTLS ? 3 : 2))
        }
    }

    @Test func wrongCAFailsVerification() async throws {
        let host = "dc1.corp.example.test"
        let wrongCA = KrbLab.caFile("dc1.partner.example.test")
        #expect(
            FileManager.default.contents(atPath: wrongCA) != FileManager.default.contents(atPath: KrbLab.caFile(host)))
        let password = try KrbLab.password("corp", "alice")
        for transport in [LDAPTransport.ldaps, .startTLS] {
            let connection = LDAPConnection(host: host, transport: transport, caFile: wrongCA, timeout: 10)
            do {
                try await connection.bind(.simple(user: aliceUPN, password: password))
                Issue.record("\(transport): bound although the certificate does not verify")
            } catch {
                #expect(error.isTLSFailure, "\(transport): \(error)")
                #expect(!error.isUnreachable, "\(transport): \(error)")
                #expect(!error.isCredentialsRefused)
            }
        }
    }

    @Test func simpleBindOverCleartextIsRefusedBeforeSending() async throws {
        // An address where nothing listens: had TrustMap sent anything, this would be "server down".
        let password = try KrbLab.password("corp", "alice")
        for host in ["127.0.0.99", "dc1.corp.example.test"] {
            let connection = LDAPConnection(host: host, transport: .plain, timeout: 5)
            do {
                try await connection.bind(.simple(user: aliceUPN, password: password))
                Issue.record("simple bind over cleartext was sent")
            } catch {
                #expect(error.isRefusedLocally)
                #expect(!error.isUnreachable)
                #expect(error.description.contains("--ldaps") && error.description.contains("--starttls"))
            }
            #expect(connection.operationCount == 0)
        }
    }

    @Test func pagedSearchCountsLikeLdapsearch() async throws {
        let host = "dc1.corp.example.test"
        let ca = KrbLab.caFile(host)
        let connection = LDAPConnection(host: host, transport: .ldaps, caFile: ca, timeout: 20)
        try await connection.bind(.simple(user: aliceUPN, password: KrbLab.password("corp", "alice")))
        let sent = connection.operationCount
        let entries = try await connection.search(
            base: corpNC, scope: .subtree, filter: "(objectClass=*)", attributes: ["1.1"], pageSize: 5)
        let pages = connection.operationCount - sent
        #expect(entries.count > 5)
        #expect(
            pages == (entries.count + 4) / 5 || pages == (entries.count + 4) / 5 + 1,
            "\(pages) pages for \(entries.count)")
        #expect(Set(entries.map(\.dn)).count == entries.count)

        let reference = try KrbLab.run(
            [
                "ldapsearch", "-x", "-LLL", "-o", "ldif-wrap=no", "-H", "ldaps://\(host)", "-D", aliceUPN,
                "-y", Lab.passwordFile("corp", "alice"), "-E", "pr=1000/noprompt", "-b", corpNC, "(objectClass=*)",
                "1.1",
            ],
            environment: ["LDAPTLS_CACERT": ca])
        #expect(reference.status == 0, "\(reference.err)")
        let expected = LDIFText.entries(reference.out).map(\.dn)
        #expect(entries.count == expected.count)
        #expect(Set(entries.map { $0.dn.lowercased() }) == Set(expected.map { $0.lowercased() }))
    }

    @Test func noSuchObjectCarriesTheServerDiagnostic() async throws {
        let host = "dc1.corp.example.test"
        let connection = LDAPConnection(host: host, transport: .ldaps, caFile: KrbLab.caFile(host), timeout: 10)
        try await connection.bind(.simple(user: aliceUPN, password: KrbLab.password("corp", "alice")))
        let base = "OU=NoSuchOU,\(corpNC)"
        do {
            _ = try await connection.search(base: base, scope: .base, filter: "(objectClass=*)", attributes: [])
            Issue.record("search under a missing base succeeded")
        } catch {
            #expect(error.code == 32)
            #expect(error.resultName == "noSuchObject")
            #expect(error.operation == "search")
            let reference = try KrbLab.run(
                [
                    "ldapsearch", "-x", "-o", "ldif-wrap=no", "-H", "ldaps://\(host)", "-D", aliceUPN,
                    "-y", Lab.passwordFile("corp", "alice"), "-b", base, "-s", "base", "(objectClass=*)",
                ],
                environment: ["LDAPTLS_CACERT": KrbLab.caFile(host)])
            let lines = reference.out.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("result: 32 ") })
            // Samba 4.17 sends no matched DN here (acl_read fails first); whatever it sends, we carry.
            let matched = lines.first { $0.hasPrefix("matchedDN: ") }.map { String($0.dropFirst("matchedDN: ".count)) }
            let text = lines.first { $0.hasPrefix("text: ") }.map { String($0.dropFirst("text: ".count)) }
            #expect(error.matchedDN == matched)
            #expect(error.diagnosticMessage == text)
            #expect(text != nil)
            #expect(error.description.contains(text ?? "-"))
        }
    }

    @Test func wrongPasswordCarriesTheServerMessage() async throws {
        let host = "dc1.corp.example.test"
        let ca = KrbLab.caFile(host)
        let wrong = "Wrong-\(UUID().uuidString)"
        let connection = LDAPConnection(host: host, transport: .ldaps, caFile: ca, timeout: 10)
        var caught: LDAPError?
        do {
            try await connection.bind(.simple(user: aliceUPN, password: Secret(wrong)))
            Issue.record("a wrong password bound")
        } catch { caught = error }
        let error = try #require(caught)
        #expect(error.code == 49)
        #expect(error.isCredentialsRefused)
        #expect(error.diagnosticMessage?.hasPrefix("80090308") == true, "\(error)")
        #expect(!error.description.contains(wrong))
        // ldapsearch prints the same server text; its password comes from a private file, not argv.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trustmap-ldap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pw").path
        _ = FileManager.default.createFile(
            atPath: file, contents: Data(wrong.utf8), attributes: [.posixPermissions: 0o600])
        let reference = try KrbLab.run(
            ["ldapwhoami", "-x", "-H", "ldaps://\(host)", "-D", aliceUPN, "-y", file],
            environment: ["LDAPTLS_CACERT": ca])
        #expect(reference.status == 49)
        let info = reference.err.split(separator: "\n").first { $0.contains("additional info: ") }
        #expect(info.map { $0.hasSuffix(error.diagnosticMessage ?? "-") } == true, "\(reference.err)")
    }

    @Test func unreachableDCFailsWithinTheTimeout() async throws {
        let start = Date()
        let connection = LDAPConnection(host: "127.0.0.99", transport: .plain, timeout: 3)
        do {
            _ = try await connection.rootDSE()
            Issue.record("an unused address answered")
        } catch {
            #expect(error.isUnreachable, "\(error)")
            #expect(!error.isCredentialsRefused)
        }
        #expect(Date().timeIntervalSince(start) < 3)
    }

    @Test func silentServerHitsTheTimeout() async throws {
        // A TCP port that completes the handshake (listen backlog) but never answers.
        let silent = try #require(Lab.silentSocket(tcp: true))
        defer { close(silent.fd) }
        let port = silent.port
        let start = Date()
        let connection = LDAPConnection(host: "127.0.0.1", port: port, transport: .plain, timeout: 1.5)
        do {
            _ = try await connection.rootDSE()
            Issue.record("a silent server answered")
        } catch {
            #expect(error.isTimeout, "\(error)")
            #expect(!error.isUnreachable)
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func gssapiWithUnknownServiceIsNotACredentialProblem() async throws {
        let creds = try await KerberosCredentials.obtain(
            principal: "alice@CORP.EXAMPLE.TEST", password: KrbLab.password("corp", "alice"))
        // By address: the service name becomes ldap/127.0.0.11, which no KDC knows.
        let connection = LDAPConnection(host: "127.0.0.11", transport: .plain, timeout: 10)
        do {
            try await connection.bind(.gssapi(creds))
            Issue.record("GSSAPI by address bound")
        } catch {
            #expect(error.isServicePrincipalUnknown, "\(error)")
            #expect(!error.isCredentialsRefused, "\(error)")
        }
    }
}

/// Connections to an address found by TrustMap's own DNS lookup, with the host name kept for
/// GSSAPI and the certificate check (what `--dns-server-for` needs when the system resolver
/// does not know the DC).
@Suite(.enabled(if: Lab.isAvailable)) struct LDAPAddressLabTests {
    @Test func gssapiBindThroughAnAddress() async throws {
        let creds = try await KerberosCredentials.obtain(
            principal: "alice@CORP.EXAMPLE.TEST", password: Secret(try Lab.password("corp", "alice")))
        for dc in Lab.dcs where dc.domain != Lab.legacy {
            let connection = LDAPConnection(host: dc.host, transport: .plain, timeout: 10, address: dc.ip)
            try await connection.bind(.gssapi(creds))
            let root = try await connection.rootDSE()
            #expect(root.string("dnsHostName")?.lowercased() == dc.host, "\(dc.host) at \(dc.ip)")
        }
    }

    @Test func ldapsThroughAnAddressVerifiesTheHostName() async throws {
        let dc = Lab.dc("dc1.corp.example.test")
        let password = Secret(try Lab.password("corp", "alice"))
        let good = LDAPConnection(host: dc.host, transport: .ldaps, caFile: Lab.caFile(dc), timeout: 10, address: dc.ip)
        try await good.bind(.simple(user: "alice@corp.example.test", password: password))
        // The certificate names dc1, so connecting to dc1's address under dc2's name must fail.
        let wrongName = LDAPConnection(
            host: "dc2.corp.example.test", transport: .ldaps, caFile: Lab.caFile(dc), timeout: 10, address: dc.ip)
        await #expect(throws: LDAPError.self) {
            try await wrongName.bind(.simple(user: "alice@corp.example.test", password: password))
        }
    }

    @Test func nothingListeningAtTheAddress() async throws {
        let start = ContinuousClock.now
        let connection = LDAPConnection(
            host: "dc1.corp.example.test", transport: .plain, timeout: 2, address: "127.0.0.99")
        do {
            _ = try await connection.rootDSE()
            Issue.record("a rootDSE from an address where nothing listens")
        } catch {
            #expect(error.isUnreachable, "\(error)")
            #expect(error.description.contains("127.0.0.99"))
        }
        #expect(ContinuousClock.now - start < .seconds(3))
    }
}
