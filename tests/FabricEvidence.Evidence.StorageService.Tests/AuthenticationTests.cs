using FabricEvidence.Evidence.Storage;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>Who may talk to the service: Fabric identities of trusted organisations, by mutual TLS or signed requests; nobody else.</summary>
public sealed class AuthenticationTests : ServiceTestBase
{
    private readonly byte[] _content = Bytes(2048, seed: 5);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Service.Submit("EV-1", Investigator, _content);
    }

    [Fact]
    public async Task The_submitter_uploads_by_mutual_TLS_with_its_Fabric_certificate()
    {
        using var client = Service.CreateClient(Investigator.Certificate);

        using var response = await client.SendAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, signer: null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(Service.Ledger.Confirmations);
    }

    [Fact]
    public async Task A_signed_request_over_plain_HTTP_authenticates_too()
    {
        using var client = Service.CreateClient(https: false);

        using var response = await client.SendAsync(Requests.Patch(Service.Http, "EV-1", 0, _content, Investigator));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused_by_mutual_TLS()
    {
        var expired = Pki.Issue(Pki.Org1Ca, FabricTestPki.Org1, "investigator1", notBefore: Pki.Now.AddDays(-10), notAfter: Pki.Now.AddDays(-1));
        using var client = Service.CreateClient(expired.Certificate);

        var detail = await AssertUnauthenticatedAsync(client, Requests.Patch(Service.Https, "EV-1", 0, _content, signer: null));

        Assert.Contains("expired", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused_in_a_signed_request()
    {
        var expired = Pki.Issue(Pki.Org1Ca, FabricTestPki.Org1, "investigator1", notBefore: Pki.Now.AddDays(-10), notAfter: Pki.Now.AddDays(-1));

        var detail = await AssertUnauthenticatedAsync(Client, Requests.Patch(Service.Https, "EV-1", 0, _content, expired));

        Assert.Contains("expired", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_not_yet_valid_is_refused()
    {
        var future = Pki.Issue(Pki.Org1Ca, FabricTestPki.Org1, "investigator1", notBefore: Pki.Now.AddDays(1), notAfter: Pki.Now.AddDays(2));

        var detail = await AssertUnauthenticatedAsync(Client, Requests.Patch(Service.Https, "EV-1", 0, _content, future));

        Assert.Contains("not valid before", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_CA_is_refused_by_mutual_TLS()
    {
        var intruder = Pki.Issue(Pki.UnknownCa, FabricTestPki.Org1, "investigator1");
        using var client = Service.CreateClient(intruder.Certificate);

        var detail = await AssertUnauthenticatedAsync(client, Requests.Patch(Service.Https, "EV-1", 0, _content, signer: null));

        Assert.Contains("not issued by the CA of an organisation this service trusts (Org1MSP, Org2MSP)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_CA_is_refused_in_a_signed_request()
    {
        var intruder = Pki.Issue(Pki.UnknownCa, FabricTestPki.Org1, "investigator1");

        await AssertUnauthenticatedAsync(Client, Requests.Patch(Service.Https, "EV-1", 0, _content, intruder));
    }

    [Fact]
    public async Task Another_organisations_valid_identity_authenticates_as_that_organisation_and_may_not_upload()
    {
        // Same subject as the submitter, issued by Org2's CA: it is Org2's identity, not the submitter.
        var lookalike = Pki.Issue(Pki.Org2Ca, FabricTestPki.Org2, "investigator1");
        using var client = Service.CreateClient(lookalike.Certificate);

        using var response = await client.SendAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, signer: null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("not-submitter", (await Requests.ProblemAsync(response)).Code);
    }

    [Fact]
    public async Task A_CA_certificate_presented_as_an_identity_is_refused()
    {
        var caKey = (ECDsa)Pki.Org1Ca.GetECDsaPrivateKey()!;
        var ca = new TestIdentity(FabricTestPki.Org1, Pki.Org1Ca, caKey);

        var detail = await AssertUnauthenticatedAsync(Client, Requests.Patch(Service.Https, "EV-1", 0, _content, ca));

        Assert.Contains("CA certificate", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_signed_with_another_key_than_the_certificates_is_refused()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = Investigator with { Key = otherKey };

        var detail = await AssertUnauthenticatedAsync(Client, Requests.Patch(Service.Https, "EV-1", 0, _content, forged));

        Assert.Contains("does not verify", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_header_changed_after_signing_is_refused()
    {
        var request = Requests.Patch(Service.Https, "EV-1", 0, _content[..100], Investigator);
        request.Headers.Remove("Upload-Offset");
        request.Headers.Add("Upload-Offset", "5");

        await AssertUnauthenticatedAsync(Client, request);
    }

    [Fact]
    public async Task A_signature_for_another_item_is_refused()
    {
        var request = Requests.Patch(Service.Https, "EV-2", 0, _content, Investigator);
        var signed = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray());
        var moved = Requests.Patch(Service.Https, "EV-1", 0, _content, null);
        foreach (var (name, values) in signed)
        {
            moved.Headers.Remove(name);
            moved.Headers.TryAddWithoutValidation(name, values);
        }

        await AssertUnauthenticatedAsync(Client, moved);
    }

    [Fact]
    public async Task A_replayed_request_is_refused()
    {
        var first = Requests.Head(Service.Https, "EV-1", Investigator);
        var replay = new HttpRequestMessage(HttpMethod.Head, first.RequestUri);
        foreach (var header in first.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using (var response = await Client.SendAsync(first))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var replayed = await Client.SendAsync(replay);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task A_request_signed_too_long_ago_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(Service.Https, "/items/EV-1/upload")) { Content = new ByteArrayContent(_content) };
        request.Content.Headers.ContentType = new("application/offset+octet-stream");
        request.Headers.Add("Upload-Offset", "0");
        RequestSignature.Sign(request, Investigator.Certificate, Investigator.Key, DateTimeOffset.UtcNow.AddMinutes(-6));

        var detail = await AssertUnauthenticatedAsync(Client, request);

        Assert.Contains("more than 5 minutes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_request_missing_a_header_is_refused()
    {
        var request = Requests.Patch(Service.Https, "EV-1", 0, _content, Investigator);
        request.Headers.Remove(RequestSignature.NonceHeader);

        var detail = await AssertUnauthenticatedAsync(Client, request);

        Assert.Contains(RequestSignature.NonceHeader, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_in_the_certificate_header_is_refused()
    {
        var request = Requests.Patch(Service.Https, "EV-1", 0, _content, Investigator);
        request.Headers.Remove(RequestSignature.CertificateHeader);
        request.Headers.Add(RequestSignature.CertificateHeader, "not base64!");

        await AssertUnauthenticatedAsync(Client, request);
    }

    [Fact]
    public async Task Anonymous_requests_are_refused_with_a_challenge()
    {
        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-1", null, signer: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(RequestSignature.Scheme, response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("unauthenticated", (await Requests.ProblemAsync(response)).Code);
    }

    [Fact]
    public async Task The_health_endpoint_answers_without_credentials()
    {
        using var response = await Client.GetAsync(new Uri(Service.Https, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private async Task<string> AssertUnauthenticatedAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var (code, detail) = await Requests.ProblemAsync(response);
        Assert.Equal("unauthenticated", code);
        Assert.Empty(Service.Ledger.Confirmations);
        Assert.Null(await Service.Store.ResumeUploadAsync("EV-1"));
        return detail;
    }
}
