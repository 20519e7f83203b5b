import Cryptography
import Testing

@Suite("Cryptography (OpenSSL)")
struct CryptographyTests {
    @Test("SHA-256 and SHA-512 match the FIPS 180 test vectors, in one piece and streamed")
    func digests() throws {
        #expect(Hex.encode(try Digest.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(try Digest.sha256([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.encode(try Digest.sha512(Array("abc".utf8))) ==
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        var digest = try Digest(.sha256)
        for chunk in stride(from: 0, to: message.count, by: 7) {
            try digest.update(message[chunk..<min(chunk + 7, message.count)])
        }
        #expect(Hex.encode(try digest.finalize()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("HMAC-SHA256 matches RFC 4231 test case 2, and verification is exact")
    func hmac() throws {
        let key = Array("Jefe".utf8)
        let message = Array("what do ya want for nothing?".utf8)
        let mac = try HMAC.sha256(key: key, message)
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(try HMAC.isValid(mac, for: message, key: key))
        var tampered = mac
        tampered[31] ^= 1
        #expect(try !HMAC.isValid(tampered, for: message, key: key))
        #expect(try !HMAC.isValid(Array(mac.prefix(16)), for: message, key: key))
    }

    @Test("constant-time comparison")
    func constantTime() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
        #expect(ConstantTime.equals([], []))
    }

    @Test("random tokens are 256-bit, URL-safe and distinct")
    func tokens() throws {
        var seen = Set<String>()
        for _ in 0..<1_000 {
            let token = try SecureRandom.token()
            #expect(token.count == 43)
            #expect(Base64URL.decode(token)?.count == 32)
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            seen.insert(token)
        }
        #expect(seen.count == 1_000)
        #expect(try SecureRandom.bytes(0).isEmpty)
    }

    @Test("base64url and hex round-trip and reject garbage")
    func encodings() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
            #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        }
        #expect(Base64URL.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("a+b") == nil)
        #expect(Base64URL.decode("a") == nil)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}

@Suite("scrypt (OpenSSL)")
struct ScryptTests {
    @Test("matches the RFC 7914 test vectors")
    func vectors() throws {
        let first = try Scrypt.derive(password: Array("password".utf8), salt: Array("NaCl".utf8), parameters: .init(logN: 10, r: 8, p: 16), length: 64)
        #expect(Hex.encode(first) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
        let second = try Scrypt.derive(password: Array("pleaseletmein".utf8), salt: Array("SodiumChloride".utf8), parameters: .init(logN: 14, r: 8, p: 1), length: 64)
        #expect(Hex.encode(second) == "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")
    }

    @Test("out-of-range parameters are refused")
    func refused() {
        #expect(throws: CryptographyError.self) { try Scrypt.derive(password: [1], salt: [1], parameters: .init(logN: 0, r: 8, p: 1)) }
        #expect(throws: CryptographyError.self) { try Scrypt.derive(password: [1], salt: [1], parameters: .init(logN: 10, r: 8, p: 1), length: 0) }
    }
}
