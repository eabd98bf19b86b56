using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FabricEvidence.TestSupport;

namespace FabricEvidence.Chaincode.Tests.Contracts;

/// <summary>
/// <see cref="ChaincodeJson"/> writes what JavaScript's <c>JSON.stringify</c> writes for the same values (checked against
/// Node itself, tests/testassets/node/chaincode/json-stringify.js), and its canonical form is RFC 8785's.
/// </summary>
public sealed class JsonInteroperabilityTests
{
    // IEEE 754 bit patterns from RFC 8785's number test data (Appendix B) and its edge cases: subnormals, the largest
    // double, the switch to exponents at 1e21 and 1e-7, and digits that a naive formatter rounds differently.
    private static readonly ulong[] Rfc8785Numbers =
    [
        0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x8000000000000001, 0x7fefffffffffffff,
        0xffefffffffffffff, 0x4340000000000000, 0xc340000000000000, 0x4430000000000000, 0x44b52d02c7e14af5,
        0x44b52d02c7e14af6, 0x44b52d02c7e14af7, 0x444b1ae4d6e2ef4e, 0x444b1ae4d6e2ef4f, 0x444b1ae4d6e2ef50,
        0x3eb0c6f7a0b5ed8c, 0x3eb0c6f7a0b5ed8d, 0x41b3de4355555553, 0x41b3de4355555554, 0x41b3de4355555555,
        0x41b3de4355555556, 0x41b3de4355555557, 0xbecbf647612f3696, 0x43143ff3c1cb0959,
    ];

    [Fact]
    public async Task Doubles_are_written_exactly_as_JSON_stringify_writes_them()
    {
        var random = new Random(20261204);
        var values = new List<double>(Rfc8785Numbers.Select(BitConverter.UInt64BitsToDouble))
        {
            0.1, 1e20, 1e21, 123456789012345680000.0, 1e-6, 1e-7, 1.5e-7, -0.000001, 5e-324, double.MaxValue, 1.0 / 3,
            100, -100.5, 4.35, 0.30000000000000004,
        };
        for (var i = 0; i < 2000; i++)
        {
            // Random bit patterns cover every exponent; scaled values cover the plain-notation range densely.
            var bits = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            var value = BitConverter.UInt64BitsToDouble(bits);
            values.Add(double.IsFinite(value) ? value : random.NextDouble());
            values.Add(Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-9, 24)), random.Next(0, 12)));
        }

        var expected = await StringifyAsync(values.Select(v => (JsonNode)new JsonObject { ["number"] = Hex(v) }));

        for (var i = 0; i < values.Count; i++)
        {
            var ours = Encoding.UTF8.GetString(ChaincodeJson.Serialize(values[i]));
            Assert.True(expected[i] == ours, $"{Hex(values[i])} ({values[i]:R}): JSON.stringify wrote {expected[i]}, we wrote {ours}");
        }
    }

    [Fact]
    public async Task Strings_are_escaped_exactly_as_JSON_stringify_escapes_them()
    {
        // Every control character, the characters JSON requires escaping, and characters other encoders escape.
        var strings = Enumerable.Range(0, 0x20).Select(c => ((char)c).ToString()).ToList();
        strings.AddRange(["\"", "\\", "/", "\u007F", "\u0080", "\u2028", "\u2029", "\uFEFF", "<>&'", "naïve 证据 😀", "\U0010FFFF", "a\tb\nc\rd\be\ff"]);

        var expected = await StringifyAsync(strings.Select(s => (JsonNode)new JsonObject { ["string"] = new JsonArray(s.Select(c => (JsonNode)(int)c).ToArray()) }));

        for (var i = 0; i < strings.Count; i++)
        {
            Assert.Equal(expected[i], Encoding.UTF8.GetString(ChaincodeJson.Serialize(strings[i])));
        }
    }

    [Fact]
    public async Task The_canonical_form_matches_a_JavaScript_RFC_8785_canonicalization()
    {
        var documents = new[]
        {
            """{"b":2,"a":{"z":[1,{"y":1e30,"x":null}],"\u00e9":true},"A":"\u0001\n"}""",
            """{"\u20ac":"Euro","\r":"CR","\ufb33":"Dalet","1":"One","\ud83d\ude00":"Emoji","\u0080":"Control","\u00f6":"o"}""",
            """[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001,-0,100,1e21,1e20]""",
        };

        var expected = await StringifyAsync(documents.Select(d => (JsonNode)new JsonObject { ["canonical"] = JsonNode.Parse(d) }));

        for (var i = 0; i < documents.Length; i++)
        {
            Assert.Equal(expected[i], Encoding.UTF8.GetString(ChaincodeJson.Canonicalize(Encoding.UTF8.GetBytes(documents[i]))));
        }
    }

    [Fact]
    public void The_canonical_form_of_RFC_8785_section_3_2_2_is_the_one_the_RFC_prints()
    {
        var input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        var canonical = Encoding.UTF8.GetString(ChaincodeJson.Canonicalize(Encoding.UTF8.GetBytes(input)));

        Assert.Equal("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""", canonical);
    }

    [Fact]
    public void The_canonical_form_sorts_members_by_UTF16_code_units_as_RFC_8785_section_3_2_3_requires()
    {
        var input = """{"\u20ac":1,"\r":2,"\ufb33":3,"1":4,"\ud83d\ude00":5,"\u0080":6,"\u00f6":7}""";

        var canonical = Encoding.UTF8.GetString(ChaincodeJson.Canonicalize(Encoding.UTF8.GetBytes(input)));

        Assert.Equal("{\"\\r\":2,\"1\":4,\"\u0080\":6,\"\u00f6\":7,\"\u20ac\":1,\"\U0001F600\":5,\"\ufb33\":3}", canonical);
    }

    [Fact]
    public void SerializeCanonical_sorts_nested_records_and_dictionaries_alike()
    {
        var value = new Dictionary<string, object> { ["zeta"] = new Dictionary<string, int> { ["b"] = 1, ["a"] = 2 }, ["alpha"] = 0.5m };

        Assert.Equal("""{"alpha":0.5,"zeta":{"a":2,"b":1}}""", Encoding.UTF8.GetString(ChaincodeJson.SerializeCanonical(value)));
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":1e400}""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("not json")]
    public void Canonicalize_rejects_what_RFC_8785_cannot_represent(string input)
    {
        Assert.ThrowsAny<JsonException>(() => ChaincodeJson.Canonicalize(Encoding.UTF8.GetBytes(input)));
    }

    private static string Hex(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return Convert.ToHexStringLower(bytes);
    }

    private static async Task<List<string>> StringifyAsync(IEnumerable<JsonNode> cases)
    {
        var output = await NodeRunner.RunAsync("chaincode", "json-stringify.js", [], new JsonArray(cases.ToArray()).ToJsonString());
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<string>(line)!).ToList();
    }
}
