using FabricEvidence.Evidence.Storage;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>Builds the protocol's requests, signed (FE-SIG-1) with a test identity unless told otherwise.</summary>
internal static class Requests
{
    public static HttpRequestMessage Patch(Uri baseAddress, string id, long offset, HttpContent content, TestIdentity? signer, long? uploadLength = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(baseAddress, $"/items/{id}/upload")) { Content = content };
        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        if (uploadLength is { } length)
        {
            request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        }

        return SignedOrNot(request, signer);
    }

    public static HttpRequestMessage Patch(Uri baseAddress, string id, long offset, byte[] bytes, TestIdentity? signer, long? uploadLength = null) =>
        Patch(baseAddress, id, offset, new ByteArrayContent(bytes), signer, uploadLength);

    public static HttpRequestMessage Head(Uri baseAddress, string id, TestIdentity? signer) =>
        SignedOrNot(new HttpRequestMessage(HttpMethod.Head, new Uri(baseAddress, $"/items/{id}/upload")), signer);

    public static HttpRequestMessage Delete(Uri baseAddress, string id, TestIdentity? signer) =>
        SignedOrNot(new HttpRequestMessage(HttpMethod.Delete, new Uri(baseAddress, $"/items/{id}/upload")), signer);

    public static HttpRequestMessage Get(Uri baseAddress, string id, string? accessTransaction, TestIdentity? signer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, $"/items/{id}/content"));
        if (accessTransaction is not null)
        {
            request.Headers.Add("Evidence-Access-Transaction", accessTransaction);
        }

        return SignedOrNot(request, signer);
    }

    public static async Task<(string Code, string Detail)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var code = json.RootElement.GetProperty("code").GetString()!;
        Assert.Equal("https://fabric-evidence.example/problems/" + code, json.RootElement.GetProperty("type").GetString());
        return (code, json.RootElement.GetProperty("detail").GetString()!);
    }

    private static HttpRequestMessage SignedOrNot(HttpRequestMessage request, TestIdentity? signer)
    {
        if (signer is not null)
        {
            RequestSignature.Sign(request, signer.Certificate, signer.Key);
        }

        return request;
    }
}
