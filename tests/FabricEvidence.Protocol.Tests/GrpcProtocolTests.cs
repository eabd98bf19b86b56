using FabricEvidence.Protocol.Internal;

namespace FabricEvidence.Protocol.Tests;

public class GrpcProtocolTests
{
    [Theory]
    [InlineData(0L, "0n")]
    [InlineData(1L, "100n")]
    [InlineData(10_000L, "1000000n")]
    [InlineData(TimeSpan.TicksPerSecond, "1000000u")]
    [InlineData(TimeSpan.TicksPerMinute * 5, "300000m")]
    [InlineData(TimeSpan.TicksPerDay * 2, "172800S")]
    [InlineData(TimeSpan.TicksPerDay * 10_000, "14400000M")]
    public void Timeout_is_formatted_with_at_most_eight_digits(long ticks, string expected)
    {
        var formatted = GrpcProtocol.FormatTimeout(TimeSpan.FromTicks(ticks));

        Assert.Equal(expected, formatted);
        Assert.InRange(formatted.Length, 2, 9);
    }

    [Theory]
    [InlineData(123L)]
    [InlineData(TimeSpan.TicksPerMillisecond * 1500)]
    [InlineData(TimeSpan.TicksPerHour * 30)]
    public void Formatted_timeout_parses_back_to_at_least_the_original(long ticks)
    {
        var original = TimeSpan.FromTicks(ticks);

        Assert.True(GrpcProtocol.TryParseTimeout(GrpcProtocol.FormatTimeout(original), out var parsed));
        Assert.True(parsed >= original);
        Assert.True(parsed - original < TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("4m", 40_000L)]
    [InlineData("5u", 50L)]
    [InlineData("150n", 2L)]
    public void Timeout_units_parse(string value, long expectedTicks)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(value, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-5S")]
    [InlineData("123456789S")]
    public void Invalid_timeouts_are_rejected(string value) => Assert.False(GrpcProtocol.TryParseTimeout(value, out _));

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void Status_messages_are_percent_encoded(string message, string encoded)
    {
        Assert.Equal(encoded, GrpcProtocol.EncodeMessage(message));
        Assert.Equal(message, GrpcProtocol.DecodeMessage(encoded));
    }

    [Fact]
    public void Malformed_percent_escapes_are_kept_verbatim() =>
        Assert.Equal("50%zz and %", GrpcProtocol.DecodeMessage("50%zz and %"));

    [Theory]
    [InlineData("AAEC", new byte[] { 0, 1, 2 })]
    [InlineData("AAECAw", new byte[] { 0, 1, 2, 3 })]
    [InlineData("AAECAw==", new byte[] { 0, 1, 2, 3 })]
    public void Binary_headers_decode_with_or_without_padding(string value, byte[] expected) =>
        Assert.Equal(expected, GrpcProtocol.DecodeBinaryHeader(value));

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpc-web", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Content_type_recognition(string? contentType, bool expected) =>
        Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));

    [Theory]
    [InlineData(400, GrpcStatusCode.Internal)]
    [InlineData(401, GrpcStatusCode.Unauthenticated)]
    [InlineData(403, GrpcStatusCode.PermissionDenied)]
    [InlineData(404, GrpcStatusCode.Unimplemented)]
    [InlineData(429, GrpcStatusCode.Unavailable)]
    [InlineData(502, GrpcStatusCode.Unavailable)]
    [InlineData(503, GrpcStatusCode.Unavailable)]
    [InlineData(504, GrpcStatusCode.Unavailable)]
    [InlineData(500, GrpcStatusCode.Unknown)]
    public void Http_statuses_map_to_grpc_codes(int http, GrpcStatusCode expected) =>
        Assert.Equal(expected, GrpcProtocol.FromHttpStatus(http));
}

public class GrpcMetadataTests
{
    [Fact]
    public void Keys_are_lower_cased_and_looked_up_case_insensitively()
    {
        var metadata = new GrpcMetadata().Add("X-Request-Id", "42");

        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("42", metadata.GetValue("X-REQUEST-ID"));
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("content-type")]
    [InlineData("has space")]
    [InlineData("ünicode")]
    [InlineData("")]
    public void Invalid_or_reserved_keys_are_rejected(string key) =>
        Assert.ThrowsAny<ArgumentException>(() => new GrpcMetadata().Add(key, "v"));

    [Fact]
    public void Binary_values_need_a_bin_key_and_text_values_must_not_have_one()
    {
        Assert.Throws<ArgumentException>(() => new GrpcMetadata().Add("data", new byte[] { 1 }));
        Assert.Throws<ArgumentException>(() => new GrpcMetadata().Add("data-bin", "text"));
    }

    [Fact]
    public void Text_values_must_be_printable_ascii() =>
        Assert.Throws<ArgumentException>(() => new GrpcMetadata().Add("k", "line\nbreak"));

    [Fact]
    public void Empty_metadata_is_read_only() =>
        Assert.Throws<InvalidOperationException>(() => GrpcMetadata.Empty.Add("k", "v"));

    [Fact]
    public void Binary_values_are_copied_on_add()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var metadata = new GrpcMetadata().Add("k-bin", bytes);
        bytes[0] = 9;

        Assert.Equal(new byte[] { 1, 2, 3 }, metadata.GetValueBytes("k-bin"));
    }
}

public class GrpcChannelTests
{
    [Theory]
    [InlineData("localhost:7051")]
    [InlineData("grpc://localhost:7051")]
    [InlineData("https://localhost:7051/some/path")]
    public void Bad_addresses_are_rejected_with_a_clear_message(string address)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => GrpcChannel.ForAddress(address));

        Assert.Contains("address", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_client_certificate_without_its_key_is_rejected()
    {
        using var certs = TestCertificates.Create();
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certs.Client.RawData);

        var ex = Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("https://localhost:1", new GrpcChannelOptions { ClientCertificate = publicOnly }));

        Assert.Contains("private key", ex.Message);
    }

    [Fact]
    public void Method_paths_must_have_the_grpc_form()
    {
        Assert.Throws<ArgumentException>(() => GrpcMethod.Unary<Common.Envelope, Common.Envelope>("noslash"));
        Assert.Throws<ArgumentException>(() => GrpcMethod.Unary<Common.Envelope, Common.Envelope>("/service/"));
    }
}
