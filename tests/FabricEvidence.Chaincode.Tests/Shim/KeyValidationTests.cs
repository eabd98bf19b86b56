using System.Text;
using FabricEvidence.Chaincode.Internal;
using FabricEvidence.Chaincode.Internal.Shim;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class KeyValidationTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("\\uD800")]
    [InlineData("ab\\uDC00")]
    [InlineData("x\\uD83D")]
    public async Task Keys_with_lone_surrogates_are_rejected_before_anything_is_sent(string escaped)
    {
        // Theory data travels through UTF-8 (which would replace a lone surrogate with U+FFFD), so it comes escaped.
        var key = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var failures = new List<Exception>();
        await using var h = await Harness.StartAsync(async stub =>
        {
            failures.Add(await Assert.ThrowsAsync<ArgumentException>(() => stub.PutStateAsync(key, U("v"))));
            failures.Add(await Assert.ThrowsAsync<ArgumentException>(() => stub.GetStateAsync(key)));
            failures.Add(await Assert.ThrowsAsync<ArgumentException>(() => stub.PutPrivateDataAsync("c", key, U("v"))));
            failures.Add(Assert.Throws<ArgumentException>(() => stub.GetStateByRange(key, "")));
            failures.Add(Assert.Throws<ArgumentException>(() => stub.CreateCompositeKey("t", [key])));
            return Harness.Ok();
        });

        var result = await h.InvokeAsync("x");

        Assert.Equal(200, result.Status);
        Assert.Equal(5, failures.Count);
        Assert.All(failures, f => Assert.Contains("lone surrogate", f.Message, StringComparison.Ordinal));
        Assert.Equal(2, result.Transcript.Count);
        Assert.StartsWith("cc->peer COMPLETED", result.Transcript[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_failure_fails_the_transaction_with_500_and_nothing_is_written()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            await stub.GetStateAsync("before");
            await stub.PutStateAsync("ok\uDFFF", U("v"));
            await stub.PutStateAsync("never", U("v"));
            return Harness.Ok();
        });

        var result = await h.InvokeAsync("x");
        var next = await h.InvokeAsync("y");

        Assert.Equal(500, result.Status);
        Assert.Contains("lone surrogate (U+DFFF) at index 2", result.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Transcript, l => l.Contains("PUT_STATE", StringComparison.Ordinal));
        Assert.Contains(result.Transcript, l => l.Contains("GET_STATE", StringComparison.Ordinal));
        Assert.Equal(0, h.Ledger.Count());
        Assert.Equal(500, next.Status);
        Assert.True(next.IsCompleted, "the connection keeps serving after a failed transaction");
    }

    [Fact]
    public async Task Range_bounds_in_the_composite_key_namespace_and_empty_keys_are_rejected()
    {
        var failures = new List<Exception>();
        await using var h = await Harness.StartAsync(async stub =>
        {
            failures.Add(Assert.Throws<ArgumentException>(() => stub.GetStateByRange("\0a", "")));
            failures.Add(Assert.Throws<ArgumentException>(() => stub.GetStateByRange("", "\0z")));
            failures.Add(Assert.Throws<ArgumentException>(() => stub.GetPrivateDataByRange("c", "\0a", "")));
            failures.Add(await Assert.ThrowsAsync<ArgumentException>(() => stub.PutStateAsync("", U("v"))));
            failures.Add(await Assert.ThrowsAsync<ArgumentException>(() => stub.GetPrivateDataAsync("", "k")));
            failures.Add(await Assert.ThrowsAsync<ArgumentNullException>(() => stub.PutStateAsync("k", null!)));
            return Harness.Ok();
        });

        var result = await h.InvokeAsync("x");

        Assert.Equal(6, failures.Count);
        Assert.StartsWith("first character of the key [\\u0000a] contains a null character which is not allowed", failures[0].Message, StringComparison.Ordinal);
        Assert.Equal("endKey", ((ArgumentException)failures[1]).ParamName);
        Assert.Contains("key must not be empty", failures[3].Message, StringComparison.Ordinal);
        Assert.Contains("collection name must not be empty", failures[4].Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Transcript.Count);
    }

    [Fact]
    public void CreateCompositeKey_joins_type_and_attributes_with_U0000()
    {
        Assert.Equal("\0asset\0red\01\0", KeyRules.CreateCompositeKey("asset", ["red", "1"], "t", "a"));
        Assert.Equal("\0asset\0", KeyRules.CreateCompositeKey("asset", [], "t", "a"));
    }

    [Fact]
    public void CreateCompositeKey_allows_empty_attributes_as_the_Go_shim_does()
    {
        var key = KeyRules.CreateCompositeKey("asset", ["", "x"], "t", "a");

        Assert.Equal("\0asset\0\0x\0", key);
        var (objectType, attributes) = KeyRules.SplitCompositeKey(key, "k");
        Assert.Equal("asset", objectType);
        Assert.Equal(new[] { "", "x" }, attributes);
    }

    [Theory]
    [InlineData("", "an object type")]
    [InlineData("a\0b", "U+0000")]
    [InlineData("a\U0010FFFF", "U+10FFFF")]
    [InlineData("a\\uD800", "lone surrogate")]
    public void CreateCompositeKey_rejects_invalid_object_types(string escaped, string expected)
    {
        var objectType = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var ex = Assert.Throws<ArgumentException>(() => KeyRules.CreateCompositeKey(objectType, [], "objectType", "attributes"));

        Assert.Equal("objectType", ex.ParamName);
        Assert.Contains(expected == "an object type" ? "must not be empty" : expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\\u0000b", "U+0000")]
    [InlineData("\\uDBFF\\uDFFF", "U+10FFFF")]
    [InlineData("\\uDBFF", "lone surrogate")]
    public void CreateCompositeKey_rejects_invalid_attributes(string escaped, string expected)
    {
        var attribute = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var ex = Assert.Throws<ArgumentException>(() => KeyRules.CreateCompositeKey("t", ["ok", attribute], "objectType", "attributes"));

        Assert.Equal("attributes", ex.ParamName);
        Assert.Contains("attribute 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Supplementary_characters_are_valid_in_keys_and_composite_parts()
    {
        var key = KeyRules.CreateCompositeKey("emoji\U0001F600", ["\U0001F4A9"], "t", "a");

        KeyRules.Key(key, "key");
        Assert.Equal(-1, KeyRules.IndexOfInvalidUtf16("\U0001F600\U0010FFFE"));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("\0no-trailing-separator")]
    [InlineData("\0")]
    public void SplitCompositeKey_rejects_keys_that_are_not_composite(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => KeyRules.SplitCompositeKey(key, "compositeKey"));

        Assert.Contains("is not a composite key", ex.Message, StringComparison.Ordinal);
    }
}
