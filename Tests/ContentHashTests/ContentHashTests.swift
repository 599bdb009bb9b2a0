import Foundation
import Testing
@testable import ContentHash

struct ContentHashTests {
    struct Config: Codable { var b: Int; var a: String; var nested: [String: Double] }

    @Test func canonicalJSONSortsKeysAtEveryLevel() throws {
        let text = try CanonicalJSON.string(Config(b: 1, a: "x/y", nested: ["z": 1.5, "c": 2]))
        #expect(text == #"{"a":"x/y","b":1,"nested":{"c":2,"z":1.5}}"#)
    }

    @Test func knownSHA256Vector() {
        #expect(ContentDigest.sha256Hex("abc")
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func idIsIndependentOfKeyInsertionOrder() throws {
        let one = try ContentDigest.id(of: ["alpha": 1, "beta": 2, "gamma": 3])
        let two = try ContentDigest.id(of: ["gamma": 3, "alpha": 1, "beta": 2])
        #expect(one == two)
    }

    @Test func fileDigestMatchesInMemoryDigest() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ch-\(UUID()).bin")
        let data = Data((0..<10_000).map { UInt8($0 % 251) })
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ContentDigest.sha256Hex(fileAt: url) == ContentDigest.sha256Hex(data))
    }
}
