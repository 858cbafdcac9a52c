import Foundation
import Testing
import TrustMapAnalysis

@Suite struct RecordsFileTests {
    func issues(_ records: [AuthenticationRecord]) -> [RecordIssue] { RecordsFile(records: records).validate() }

    func codes(_ r: AuthenticationRecord) -> [RecordIssue.Code] { issues([r]).map(\.code) }

    @Test func userAtDomainInANetBIOSRecord() {
        let i = issues([
            AuthenticationRecord(title: "n", kind: .netbiosServiceSelected, domain: "CORP", userName: "bob@corp.test")
        ])
        #expect(
            i == [RecordIssue(record: "n", field: "userName", code: .userAtInNetBIOS, message: i.first?.message ?? "")])
    }

    @Test func anIPInTwoRecordsNamesBoth() {
        let i = issues([
            AuthenticationRecord(title: "one", kind: .local, userName: "admin", ips: ["10.0.0.0/24"]),
            AuthenticationRecord(
                title: "two", kind: .netbiosUserSelected, domain: "CORP", userName: "u", ips: ["10.0.1.1", "10.0.0.7"]),
        ])
        #expect(i.count == 1)
        #expect(i.first?.record == "two")
        #expect(i.first?.field == "ips[1]")
        #expect(i.first?.code == .ipInTwoRecords)
        #expect(i.first?.message.contains("\"one\"") == true)
    }

    @Test func rangesOverlapping() {
        let i = issues([
            AuthenticationRecord(title: "a", kind: .local, userName: "x", ips: ["10.0.0.1-10.0.0.20"]),
            AuthenticationRecord(title: "b", kind: .local, userName: "x", ips: ["10.0.0.16/28"]),
            AuthenticationRecord(title: "c", kind: .local, userName: "x", ips: ["10.0.0.32/28", "fd00::1"]),
        ])
        #expect(i.map(\.record) == ["b"])
    }

    @Test func netbiosNamesThatAreNotOne() {
        let long = AuthenticationRecord(
            title: "l", kind: .netbiosServiceSelected, domain: "ABCDEFGHIJKLMNOP", userName: "u")
        #expect(codes(long) == [.invalidNetBIOSName])
        let bad = AuthenticationRecord(title: "b", kind: .netbiosServiceSelected, domain: "CO*RP", userName: "u")
        #expect(codes(bad) == [.invalidNetBIOSName])
        let user = AuthenticationRecord(title: "u", kind: .netbiosServiceSelected, domain: "CORP", userName: "A:B\\u")
        #expect(codes(user) == [.invalidNetBIOSName])
    }

    @Test func dnsNameInANetBIOSRecordAndTheReverse() {
        let n = AuthenticationRecord(title: "n", kind: .netbiosServiceSelected, domain: "corp.test", userName: "u")
        #expect(codes(n) == [.dnsNameInNetBIOSRecord])
        let a = AuthenticationRecord(title: "a", kind: .activeDirectory, domain: "CORP", userName: "u")
        #expect(codes(a) == [.netbiosNameInADRecord])
        let au = AuthenticationRecord(title: "au", kind: .activeDirectory, domain: "corp.test", userName: "u@CORP")
        #expect(codes(au) == [.netbiosNameInADRecord])
        let bs = AuthenticationRecord(title: "bs", kind: .activeDirectory, domain: "corp.test", userName: "CORP\\u")
        #expect(codes(bs) == [.invalidUserName])
    }

    @Test func followTrustsOnANetBIOSRecord() {
        let r = AuthenticationRecord(
            title: "f", kind: .netbiosServiceSelected, domain: "CORP", userName: "u", followTrusts: true)
        #expect(issues([r]).map(\.field) == ["followTrusts"])
        #expect(codes(r) == [.followTrustsNotAD])
    }

    @Test func kindSpecificFields() {
        #expect(codes(AuthenticationRecord(title: "l", kind: .local, userName: "u")) == [.ipsField])
        #expect(
            codes(AuthenticationRecord(title: "l", kind: .local, domain: "CORP", userName: "u", ips: ["10.1.1.1"]))
                == [.domainField])
        #expect(
            codes(
                AuthenticationRecord(
                    title: "l", kind: .local, userName: "u", protocols: [.kerberosAES, .ntlmv2], ips: ["10.1.1.1"]))
                == [.protocolsField])
        #expect(
            codes(
                AuthenticationRecord(
                    title: "s", kind: .netbiosServiceSelected, domain: "C", userName: "u", ips: ["10.1.1.1"]))
                == [.ipsField])
        #expect(codes(AuthenticationRecord(title: "a", kind: .activeDirectory, userName: "u")) == [.domainField])
        #expect(
            codes(AuthenticationRecord(title: "x", kind: .local, userName: "u", ips: ["10.1.1.300"])) == [.invalidIP])
        #expect(
            codes(
                AuthenticationRecord(
                    title: "v", kind: .activeDirectory, domain: "c.test", userName: "u",
                    passwordSource: PasswordSource(kind: .vault))) == [.vaultReference])
        #expect(
            codes(AuthenticationRecord(title: "", kind: .activeDirectory, domain: "c.test", userName: "u")) == [
                .invalidTitle
            ])
        #expect(
            issues([
                AuthenticationRecord(title: "t", kind: .activeDirectory, domain: "c.test", userName: "u"),
                AuthenticationRecord(title: "t", kind: .activeDirectory, domain: "d.test", userName: "u"),
            ]).map(\.code) == [.invalidTitle])
    }

    @Test func defaultsLeaveNTLMv1Off() throws {
        let r = AuthenticationRecord(title: "a", kind: .activeDirectory, domain: "c.test", userName: "u")
        #expect(r.enabledProtocols == [.kerberosAES, .kerberosRC4, .ntlmv2])
        #expect(
            AuthenticationRecord(title: "l", kind: .local, userName: "u", ips: ["10.0.0.1"]).enabledProtocols == [
                .ntlmv2
            ])
    }

    @Test func aPasswordFieldIsRefusedNamingTheRecord() {
        let json =
            #"{"schemaVersion":1,"records":[{"title":"x","kind":"local","userName":"u","ips":["10.0.0.1"],"#
            + #""password":"hunter2"}]}"#
        do {
            _ = try RecordsFile.load(Data(json.utf8))
            Issue.record("a password was accepted")
        } catch {
            #expect(error.issues.map(\.code) == [.passwordField])
            #expect(error.issues.first?.record == "x")
            #expect(error.issues.first?.field == "password")
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func malformedJSONNamesTheField() {
        let json = #"{"schemaVersion":1,"records":[{"title":"y","kind":"ntlm","userName":"u"}]}"#
        do {
            _ = try RecordsFile.load(Data(json.utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.issues.first?.record == "y")
            #expect(error.issues.first?.field == "kind")
            #expect(error.issues.first?.code == .malformed)
        }
        for bad in ["", "{", "[]", #"{"records":[]}"#, #"{"schemaVersion":1,"records":[{"title":"t"}]}"#] {
            #expect(throws: RecordsFileError.self) { try RecordsFile.load(Data(bad.utf8)) }
        }
    }

    @Test func unsupportedSchemaVersion() {
        #expect(throws: RecordsFileError.self) {
            try RecordsFile.load(Data(#"{"schemaVersion":2,"records":[]}"#.utf8))
        }
    }

    @Test func roundTrip() throws {
        let f = try Fixtures.records("records-usecases")
        let again = try RecordsFile.load(try JSONEncoder().encode(f))
        #expect(again == f)
    }
}
