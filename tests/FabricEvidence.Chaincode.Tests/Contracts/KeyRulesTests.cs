using System.Text;
using FabricEvidence.Chaincode.Internal;
using FabricEvidence.Chaincode.Internal.Contracts;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class KeyRulesTests
{
    [Fact]
    public void Utf8_ordinal_comparer_agrees_with_comparing_UTF8_bytes()
    {
        var random = new Random(20240501);
        char[] alphabet = ['a', 'Z', '\u0000', '\u007F', '\u00E9', '\u4E2D', '\uE000', '\uFFFD', '\uFFFF'];
        string[] supplementary = ["\U0001F600", "\U00010000", "\U0010FFFF"];
        string Next()
        {
            var builder = new StringBuilder();
            for (var i = random.Next(0, 5); i > 0; i--)
            {
                if (random.Next(4) == 0)
                {
                    builder.Append(supplementary[random.Next(supplementary.Length)]);
                }
                else
                {
                    builder.Append(alphabet[random.Next(alphabet.Length)]);
                }
            }

            return builder.ToString();
        }

        for (var i = 0; i < 5000; i++)
        {
            var x = Next();
            var y = Next();
            var expected = Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));

            Assert.Equal(expected, Math.Sign(Utf8OrdinalComparer.Instance.Compare(x, y)));
        }
    }

    [Fact]
    public void Composite_key_is_U0000_type_U0000_and_each_attribute_followed_by_U0000()
    {
        var key = KeyRules.CreateCompositeKey("asset", ["org1", "a1"], "objectType", "attributes");

        Assert.Equal("\u0000asset\u0000org1\u0000a1\u0000", key);
    }

    [Fact]
    public void Composite_key_splits_back_into_type_and_attributes_including_empty_ones()
    {
        var key = KeyRules.CreateCompositeKey("asset", ["", "a1", "😀"], "objectType", "attributes");

        var (objectType, attributes) = KeyRules.SplitCompositeKey(key, "compositeKey");

        Assert.Equal("asset", objectType);
        Assert.Equal(["", "a1", "😀"], attributes);
    }

    [Theory]
    [InlineData("a\u0000b", "contains U+0000")]
    [InlineData("a\U0010FFFF", "contains U+10FFFF")]
    public void Composite_key_attribute_with_a_reserved_or_invalid_character_is_rejected(string attribute, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => KeyRules.CreateCompositeKey("asset", ["ok", attribute], "objectType", "attributes"));

        Assert.Contains("attribute 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Composite_key_attribute_with_a_lone_surrogate_is_rejected()
    {
        // Built at run time: test data strings with lone surrogates do not survive test discovery.
        var attribute = new string((char)0xDC00, 1);

        var error = Assert.Throws<ArgumentException>(() => KeyRules.CreateCompositeKey("asset", ["ok", attribute], "objectType", "attributes"));

        Assert.Contains("composite-key attribute 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("lone surrogate (U+DC00) at index 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_key_with_a_lone_surrogate_is_rejected()
    {
        var key = "ab" + (char)0xD800;

        var error = Assert.Throws<ArgumentException>(() => KeyRules.Key(key, nameof(key)));

        Assert.Contains("lone surrogate (U+D800) at index 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Composite_key_with_an_empty_object_type_is_rejected() =>
        Assert.Throws<ArgumentException>(() => KeyRules.CreateCompositeKey("", ["a"], "objectType", "attributes"));

    [Fact]
    public void Splitting_a_simple_key_is_rejected() =>
        Assert.Throws<ArgumentException>(() => KeyRules.SplitCompositeKey("asset1", "compositeKey"));

    [Fact]
    public void Empty_state_key_is_rejected()
    {
        var key = string.Empty;

        Assert.Contains("must not be empty", Assert.Throws<ArgumentException>(() => KeyRules.Key(key, nameof(key))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_bound_that_is_a_composite_key_is_rejected() =>
        Assert.StartsWith("first character of the key [\\u0000asset\\u0000] contains a null character which is not allowed", Assert.Throws<ArgumentException>(() => KeyRules.SimpleRangeBound("\u0000asset\u0000", "startKey")).Message, StringComparison.Ordinal);
}
