using System.Globalization;
using FabricEvidence.Chaincode.Testing;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class ArgumentTests : IAsyncLifetime
{
    private readonly ContractTestHost _host = Hosts.Assets();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("Bool", "TRUE", "true")]
    [InlineData("Bool", "false", "false")]
    [InlineData("Int", "-2147483648", "-2147483648")]
    [InlineData("Int", "+42", "42")]
    [InlineData("Long", "9223372036854775807", "9223372036854775807")]
    [InlineData("Short", "-7", "-7")]
    [InlineData("Byte", "255", "255")]
    [InlineData("ULong", "18446744073709551615", "18446744073709551615")]
    [InlineData("Double", "1.5e3", "1500")]
    [InlineData("Double", "0.1", "0.1")]
    [InlineData("Double", "-0.000001", "-0.000001")]
    [InlineData("Double", "1e21", "1e+21")]
    [InlineData("Double", "0.0000001", "1e-7")]
    [InlineData("Float", "3.25", "3.25")]
    [InlineData("Decimal", "12.50", "12.5")]
    [InlineData("Decimal", "-1e-3", "-0.001")]
    [InlineData("Time", "2024-05-01T12:00:00Z", "2024-05-01T12:00:00+00:00")]
    [InlineData("Time", "2024-05-01T12:00:00.25+02:00", "2024-05-01T12:00:00.25+02:00")]
    [InlineData("Guid", "6f9619ff-8b86-d011-b42d-00c04fc964ff", "6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("State", "Retired", "Retired")]
    [InlineData("Text", "naïve ✓ 😀", "naïve ✓ 😀")]
    [InlineData("Text", "", "")]
    [InlineData("Text", "a\u0000b", "a\u0000b")]
    [InlineData("Array", "[\"b\",\"a\"]", "[\"b\",\"a\"]")]
    [InlineData("Map", "{\"z\":1,\"a\":2,\"é\":3}", "{\"a\":2,\"z\":1,\"é\":3}")]
    [InlineData("ValueTaskOf", "9", "9")]
    public async Task Typed_arguments_are_parsed_and_results_written_in_the_plain_form(string transaction, string argument, string expected)
    {
        var result = await _host.EvaluateAsync("TypesContract:" + transaction, [argument]);

        Assert.Equal(expected, result.EnsureSuccess().PayloadText);
    }

    [Fact]
    public async Task Numbers_are_invariant_culture_whatever_the_thread_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var parsed = await _host.EvaluateAsync("TypesContract:Double", ["1.5"]);
            var rejected = await _host.EvaluateAsync("TypesContract:Double", ["1,5"]);

            Assert.Equal("1.5", parsed.EnsureSuccess().PayloadText);
            Assert.False(rejected.IsSuccess);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Byte_array_arguments_and_results_are_raw_bytes_even_when_not_UTF8()
    {
        byte[] raw = [0xFF, 0x00, 0xC3, 0x28];

        var result = await _host.InvokeAsync(new TestTransaction { Function = "TypesContract:Bytes", RawArgs = [raw], Submit = false });

        Assert.Equal(raw, result.EnsureSuccess().Response.Payload);
    }

    [Fact]
    public async Task Object_argument_is_read_from_JSON_and_result_written_as_sorted_camel_case_JSON()
    {
        var result = await _host.SubmitAsync("assets:Put", ["{\"owner\":\"Org1MSP\",\"size\":5,\"id\":\"a1\",\"color\":\"blue\",\"appraisedValue\":10.5}"]);

        Assert.Equal("{\"appraisedValue\":10.5,\"color\":\"blue\",\"id\":\"a1\",\"owner\":\"Org1MSP\",\"size\":5,\"state\":\"Active\"}", result.EnsureSuccess().PayloadText);
        Assert.Equal(result.PayloadText, _host.Ledger.GetStateText("a1"));
    }

    [Fact]
    public async Task List_of_objects_round_trips()
    {
        const string json = "[{\"color\":\"red\",\"id\":\"a\",\"owner\":\"o\",\"size\":1,\"state\":\"Retired\"},{\"color\":\"blue\",\"id\":\"b\",\"owner\":\"o\",\"size\":2,\"state\":\"Active\"}]";

        var result = await _host.EvaluateAsync("TypesContract:Assets", [json]);

        Assert.Equal(json, result.EnsureSuccess().PayloadText);
    }

    [Fact]
    public async Task Property_attribute_renames_and_requires_a_property()
    {
        var ok = await _host.EvaluateAsync("TypesContract:Receipt", ["{\"tx\":\"t1\",\"at\":\"2024-01-01T00:00:00+00:00\"}"]);
        var missing = await _host.EvaluateAsync("TypesContract:Receipt", ["{\"at\":\"2024-01-01T00:00:00+00:00\"}"]);

        Assert.Equal("{\"at\":\"2024-01-01T00:00:00+00:00\",\"tx\":\"t1\"}", ok.EnsureSuccess().PayloadText);
        Assert.False(missing.IsSuccess);
        Assert.Contains("'value'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("tx", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_result_is_an_empty_payload()
    {
        var result = await _host.EvaluateAsync("TypesContract:Nothing");

        Assert.Empty(result.EnsureSuccess().Response.Payload);
    }

    [Fact]
    public async Task Void_returning_transaction_has_an_empty_payload()
    {
        var result = await _host.SubmitAsync("TypesContract:ValueTaskVoid");

        Assert.Empty(result.EnsureSuccess().Response.Payload);
    }

    [Theory]
    [InlineData("Int", "12x", "Transaction 'TypesContract:Int': argument 1 ('value') is not an integer from -2147483648 to 2147483647; got '12x'.")]
    [InlineData("Int", "2147483648", "is not an integer from -2147483648 to 2147483647")]
    [InlineData("Int", " 1", "is not an integer")]
    [InlineData("Int", "1.0", "is not an integer")]
    [InlineData("Byte", "-1", "is not an integer from 0 to 255")]
    [InlineData("Bool", "yes", "argument 1 ('value') is not 'true' or 'false'")]
    [InlineData("Double", "NaN", "is not a finite number")]
    [InlineData("Double", "Infinity", "is not a finite number")]
    [InlineData("Double", "1e400", "is not a finite number")]
    [InlineData("Double", "", "is not a finite number")]
    [InlineData("Decimal", "1e40", "is not a decimal number")]
    [InlineData("Time", "2024-05-01T12:00:00", "is not an ISO 8601 date and time with an offset")]
    [InlineData("Time", "01/05/2024", "is not an ISO 8601 date and time with an offset")]
    [InlineData("Guid", "not-a-guid", "is not a GUID")]
    [InlineData("State", "1", "is not one of Active, Retired")]
    [InlineData("State", "retired", "is not one of Active, Retired")]
    [InlineData("State", "Active,Retired", "is not one of Active, Retired")]
    [InlineData("Array", "[\"a\",", "is not JSON for String[]")]
    [InlineData("Array", "null", "is not JSON for String[]: the JSON is null.")]
    [InlineData("Map", "{\"a\":1,\"a\":2}", "twice")]
    [InlineData("Note", "{\"text\":\"t\",\"tags\":[],\"counts\":{},\"extra\":1}", "extra")]
    [InlineData("Note", "{\"text\":null,\"tags\":[],\"counts\":{}}", "text")]
    [InlineData("Note", "{\"tags\":[],\"counts\":{}}", "text")]
    [InlineData("Note", "{\"text\":\"t\",\"tags\":[],\"counts\":{\"a\":\"1\"}}", "is not JSON for Note")]
    [InlineData("Note", "{\"text\":\"t\",\"tags\":[],\"counts\":{},}", "is not JSON for Note")]
    [InlineData("Note", "{\"text\":\"t\",\"text\":\"u\",\"tags\":[],\"counts\":{}}", "text")]
    public async Task Malformed_argument_fails_naming_the_parameter_and_the_expected_form(string transaction, string argument, string expected)
    {
        var result = await _host.EvaluateAsync("TypesContract:" + transaction, [argument]);

        Assert.Equal(500, result.Status);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_argument_is_quoted_with_control_characters_escaped_and_long_values_cut()
    {
        var control = await _host.EvaluateAsync("TypesContract:Int", ["1\n"]);
        var longValue = await _host.EvaluateAsync("TypesContract:Int", [new string('9', 100)]);

        Assert.EndsWith("; got '1\\u000A'.", control.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; got '{new string('9', 64)}'….", longValue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task String_argument_that_is_not_UTF8_is_rejected()
    {
        var result = await _host.InvokeAsync(new TestTransaction { Function = "TypesContract:Text", RawArgs = [[0xC3, 0x28]], Submit = false });

        Assert.Equal("Transaction 'TypesContract:Text': argument 1 ('value') is not UTF-8 text: the bytes are not valid UTF-8.", result.Message);
    }

    [Theory]
    [InlineData(new string[0], "takes 3 arguments (id, color, size) but was given 0")]
    [InlineData(new[] { "a1", "red" }, "takes 3 arguments (id, color, size) but was given 2")]
    [InlineData(new[] { "a1", "red", "1", "extra" }, "takes 3 arguments (id, color, size) but was given 4")]
    public async Task Wrong_argument_count_fails_before_anything_is_written(string[] args, string expected)
    {
        var result = await _host.SubmitAsync("assets:Create", args);

        Assert.Equal("Transaction 'assets:Create' " + expected + ".", result.Message);
        Assert.Null(result.ValidationCode);
        Assert.Empty(_host.Ledger.GetAllState());
    }

    [Fact]
    public async Task Bad_argument_runs_no_hook_and_no_transaction_code()
    {
        var log = new CallLog();
        await using var host = Hosts.Assets(log);

        var result = await host.SubmitAsync("HookedContract:Run", ["a", "b"]);

        Assert.False(result.IsSuccess);
        Assert.Empty(log.Entries);
    }

    [Theory]
    [InlineData("NotANumber", "The transaction returned the non-finite number NaN, which has no portable text form.")]
    [InlineData("Undefined", "The transaction returned 42, which is not a named value of AssetState.")]
    [InlineData("LoneSurrogate", "The transaction returned a string with a lone surrogate, which has no UTF-8 form.")]
    public async Task Result_without_a_deterministic_encoding_fails_the_transaction(string transaction, string expected)
    {
        var result = await _host.EvaluateAsync("TypesContract:" + transaction);

        Assert.Equal(500, result.Status);
        Assert.Equal(expected, result.Message);
    }

    [Fact]
    public async Task Arguments_with_U0000_reach_the_contract_unchanged()
    {
        var result = await _host.SubmitAsync("assets:PutRaw", ["k\u0000ey", "v\u0000"]);

        Assert.True(result.EnsureSuccess().Committed);
        Assert.Equal("v\u0000", _host.Ledger.GetStateText("k\u0000ey"));
    }

    [Fact]
    public async Task Key_with_a_lone_surrogate_fails_and_nothing_is_written()
    {
        var result = await _host.SubmitAsync("assets:PutKeyWithLoneSurrogate", ["prefix"]);

        Assert.Equal(500, result.Status);
        Assert.Contains("lone surrogate (U+D800)", result.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Ledger.GetAllState());
    }

    [Fact]
    public async Task Composite_key_attribute_containing_U0000_fails_and_nothing_is_written()
    {
        var result = await _host.SubmitAsync("assets:PutComposite", ["type", "a\u0000b"]);

        Assert.Equal(500, result.Status);
        Assert.Contains("contains U+0000", result.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Ledger.GetAllState());
    }

    [Fact]
    public async Task Argument_bytes_are_decoded_strictly_so_an_encoded_surrogate_is_rejected()
    {
        // CESU-8 style encoding of U+D800: not valid UTF-8.
        var result = await _host.InvokeAsync(new TestTransaction { Function = "TypesContract:Text", RawArgs = [[0xED, 0xA0, 0x80]], Submit = false });

        Assert.Contains("is not UTF-8 text", result.Message, StringComparison.Ordinal);
    }
}
