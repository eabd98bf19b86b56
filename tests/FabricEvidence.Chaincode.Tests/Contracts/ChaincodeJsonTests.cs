using System.Text;
using System.Text.Json;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class ChaincodeJsonTests
{
    public sealed class Declared
    {
        public string Zebra { get; set; } = "z";

        public int Alpha { get; set; } = 1;

        public string Mid { get; set; } = "m";

        public string? Missing { get; set; }
    }

    public sealed record Numbers(double Small, double Large, double Third, float Single, decimal Money, long Big);

    [Fact]
    public void Same_value_serializes_to_the_same_bytes_every_time()
    {
        var value = new Note("text", ["b", "a"], new Dictionary<string, int> { ["y"] = 1, ["x"] = 2 });

        var first = ChaincodeJson.Serialize(value);
        var second = ChaincodeJson.Serialize(new Note("text", ["b", "a"], new Dictionary<string, int> { ["x"] = 2, ["y"] = 1 }));

        Assert.Equal(first, second);
        Assert.Equal("""{"counts":{"x":2,"y":1},"tags":["b","a"],"text":"text"}""", Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void Properties_are_written_in_ordinal_order_of_their_JSON_names_and_nulls_are_omitted()
    {
        var json = Encoding.UTF8.GetString(ChaincodeJson.Serialize(new Declared()));

        Assert.Equal("""{"alpha":1,"mid":"m","zebra":"z"}""", json);
    }

    [Fact]
    public void Dictionary_keys_are_ordered_by_UTF8_bytes_not_UTF16_code_units()
    {
        // U+FFFD is EF BF BD in UTF-8 and sorts before U+1F600 (F0 9F 98 80), although its UTF-16 unit is larger than a surrogate.
        var map = new Dictionary<string, int> { ["\U0001F600"] = 1, ["\uFFFD"] = 2, ["B"] = 3, ["a"] = 4 };

        var json = Encoding.UTF8.GetString(ChaincodeJson.Serialize(map));

        Assert.Equal("{\"B\":3,\"a\":4,\"\uFFFD\":2,\"\U0001F600\":1}", json);
        Assert.True(string.CompareOrdinal("\uFFFD", "\U0001F600") > 0);
    }

    [Fact]
    public void Numbers_use_their_shortest_round_trip_digits_in_JavaScript_notation()
    {
        var json = Encoding.UTF8.GetString(ChaincodeJson.Serialize(new Numbers(1e-7, 1e21, 1.0 / 3, 0.1f, 12.50m, long.MaxValue)));

        Assert.Equal("""{"big":9223372036854775807,"large":1e+21,"money":12.5,"single":0.1,"small":1e-7,"third":0.3333333333333333}""", json);
    }

    [Fact]
    public void Non_ASCII_text_is_written_as_UTF8_without_escapes()
    {
        var json = Encoding.UTF8.GetString(ChaincodeJson.Serialize(new Dictionary<string, string> { ["k"] = "naïve <tag> & 'quote' 😀" }));

        Assert.Equal("{\"k\":\"naïve <tag> & 'quote' 😀\"}", json);
    }

    [Fact]
    public void Only_quotes_backslashes_and_control_characters_are_escaped_with_the_escapes_of_JSON_stringify()
    {
        var json = Encoding.UTF8.GetString(ChaincodeJson.Serialize(new Dictionary<string, string> { ["k\""] = "a\"b\\c\u0001\n\t\u001F\u007F\u2028\uFFFF\U0010FFFF" }));

        Assert.Equal("{\"k\\\"\":\"a\\\"b\\\\c\\u0001\\n\\t\\u001f\u007F\u2028\uFFFF\U0010FFFF\"}", json);
    }

    [Fact]
    public void String_with_a_lone_surrogate_cannot_be_serialized()
    {
        var text = "a" + (char)0xD800;

        var error = Assert.Throws<ArgumentException>(() => ChaincodeJson.Serialize(new Dictionary<string, string> { ["k"] = text }));

        Assert.Contains("lone surrogate (U+D800 at index 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_numbers_are_rejected() =>
        Assert.Throws<ArgumentException>(() => ChaincodeJson.Serialize(new Numbers(double.NaN, 0, 0, 0, 0, 0)));

    [Fact]
    public void Sets_are_rejected_because_their_order_is_not_defined() =>
        Assert.Contains("no stable iteration order", Assert.Throws<NotSupportedException>(() => ChaincodeJson.Serialize(new HashSet<string> { "a" })).Message, StringComparison.Ordinal);

    [Fact]
    public void Deserialize_rejects_unknown_properties()
    {
        var error = Assert.Throws<JsonException>(() => ChaincodeJson.Deserialize<Declared>("""{"alpha":1,"beta":2}"""u8));

        Assert.Contains("beta", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_rejects_numbers_written_as_strings() =>
        Assert.Throws<JsonException>(() => ChaincodeJson.Deserialize<Declared>("""{"alpha":"1"}"""u8));

    [Fact]
    public void Deserialize_rejects_null_at_the_top() =>
        Assert.Throws<JsonException>(() => ChaincodeJson.Deserialize<Declared>("null"u8));

    [Fact]
    public void Deserialize_reads_what_Serialize_wrote()
    {
        var asset = new Asset("a1", "red", 3, "Org1MSP", AssetState.Retired, 1.25m);

        Assert.Equal(asset, ChaincodeJson.Deserialize<Asset>(ChaincodeJson.Serialize(asset)));
    }

    [Fact]
    public void Options_are_read_only() =>
        Assert.Throws<InvalidOperationException>(() => ChaincodeJson.Options.WriteIndented = true);
}
