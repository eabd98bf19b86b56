using FabricEvidence.Evidence.Storage;
using System.Net;
using System.Net.Http.Headers;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>Bad upload requests: each is refused with a status and a code, and nothing is stored or confirmed.</summary>
public sealed class UploadRefusalTests : ServiceTestBase
{
    private readonly byte[] _content = Bytes(4096, seed: 21);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Service.Submit("EV-1", Investigator, _content);
    }

    [Fact]
    public async Task An_upload_by_another_organisations_investigator_is_refused()
    {
        var other = Pki.Issue(Pki.Org2Ca, FabricTestPki.Org2, "investigator2");

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, other), HttpStatusCode.Forbidden, "not-submitter");
    }

    [Fact]
    public async Task An_upload_by_another_investigator_of_the_same_organisation_is_refused()
    {
        var colleague = Pki.Issue(Pki.Org1Ca, FabricTestPki.Org1, "investigator-colleague");

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, colleague), HttpStatusCode.Forbidden, "not-submitter");
    }

    [Fact]
    public async Task An_upload_by_the_storage_receiver_itself_is_refused()
    {
        var storage = Pki.Issue(Pki.Org1Ca, FabricTestPki.Org1, "storage1", role: "storage");

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, storage), HttpStatusCode.Forbidden, "not-submitter");
    }

    [Fact]
    public async Task A_second_upload_of_a_stored_item_is_refused_and_the_object_stays()
    {
        var receipt = await UploadAsync("EV-1", _content);

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, Bytes(4096, seed: 99), Investigator), HttpStatusCode.Conflict, "already-stored", expectStored: true);

        Assert.Single(Service.Ledger.Confirmations);
        Assert.Equal(receipt.ObjectVersion, (await Service.Store.HeadAsync("EV-1"))!.Version);
    }

    [Fact]
    public async Task Content_with_another_digest_is_refused_and_discarded()
    {
        var tampered = (byte[])_content.Clone();
        tampered[100] ^= 1;

        var detail = await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, tampered, Investigator), (HttpStatusCode)422, "digest-mismatch");

        Assert.Contains(ContentDigest.Compute(DigestAlgorithm.Sha256, tampered).Hex, detail, StringComparison.Ordinal);
        Assert.Null(await Service.Store.ResumeUploadAsync("EV-1"));
    }

    [Fact]
    public async Task An_upload_length_other_than_the_submitted_size_is_refused()
    {
        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, Investigator, uploadLength: 4097), HttpStatusCode.BadRequest, "length-mismatch");
    }

    [Fact]
    public async Task A_body_longer_than_the_submitted_size_is_refused_before_it_is_read()
    {
        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, Bytes(4097), Investigator), HttpStatusCode.BadRequest, "length-mismatch");
        Assert.Null(await Service.Store.ResumeUploadAsync("EV-1"));
    }

    [Fact]
    public async Task A_chunked_body_longer_than_the_submitted_size_is_refused_and_discarded()
    {
        var body = new StreamContent(new NonSeekableStream(Bytes(5000)));

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, body, Investigator), HttpStatusCode.BadRequest, "length-mismatch");

        Assert.Null(await Service.Store.ResumeUploadAsync("EV-1"));
    }

    [Fact]
    public async Task A_chunk_that_would_pass_the_end_is_refused_and_the_upload_keeps_its_offset()
    {
        (await Client.SendAsync(Requests.Patch(Service.Https, "EV-1", 0, _content[..1000], Investigator))).Dispose();

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 1000, Bytes(3100), Investigator), HttpStatusCode.BadRequest, "length-mismatch");

        Assert.Equal(1000, (await Service.Store.ResumeUploadAsync("EV-1"))!.Offset);
    }

    [Fact]
    public async Task A_first_chunk_not_at_offset_zero_is_refused_with_the_offset()
    {
        var response = await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 10, _content[10..], Investigator), HttpStatusCode.Conflict, "offset-mismatch");

        Assert.Contains("offset 0", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_at_the_wrong_offset_is_refused_and_nothing_is_appended()
    {
        (await Client.SendAsync(Requests.Patch(Service.Https, "EV-1", 0, _content[..1000], Investigator))).Dispose();

        using var response = await Client.SendAsync(Requests.Patch(Service.Https, "EV-1", 1500, _content[1500..], Investigator));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("offset-mismatch", (await Requests.ProblemAsync(response)).Code);
        Assert.Equal("1000", response.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(1000, (await Service.Store.ResumeUploadAsync("EV-1"))!.Offset);
    }

    [Fact]
    public async Task A_missing_upload_offset_is_refused()
    {
        var request = Requests.Patch(Service.Https, "EV-1", 0, _content, null);
        request.Headers.Remove("Upload-Offset");
        RequestSignature.Sign(request, Investigator.Certificate, Investigator.Key);

        await AssertRefusedAsync(request, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("+1")]
    [InlineData("99999999999999999999999")]
    public async Task A_malformed_upload_offset_is_refused(string offset)
    {
        var request = Requests.Patch(Service.Https, "EV-1", 0, _content, null);
        request.Headers.Remove("Upload-Offset");
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset);
        RequestSignature.Sign(request, Investigator.Certificate, Investigator.Key);

        await AssertRefusedAsync(request, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task A_body_of_another_content_type_is_refused()
    {
        var content = new ByteArrayContent(_content);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, content, Investigator), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task An_unknown_item_is_refused()
    {
        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-unknown", 0, _content, Investigator), HttpStatusCode.NotFound, "item-not-found", id: "EV-unknown");
    }

    [Theory]
    [InlineData("-dash-first")]
    [InlineData("has%20space")]
    [InlineData(".hidden")]
    [InlineData("a_b~c")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task A_malformed_item_id_is_refused(string id)
    {
        await AssertRefusedAsync(Requests.Patch(Service.Https, id, 0, _content, Investigator), HttpStatusCode.BadRequest, "invalid-request", id: id);
    }

    [Fact]
    public async Task An_item_id_with_a_nul_byte_is_refused_before_it_reaches_the_ledger()
    {
        using var response = await Client.SendAsync(Requests.Patch(Service.Https, "EV%001", 0, _content, Investigator));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Service.Ledger.Confirmations);
        Assert.Null(await Service.Store.ResumeUploadAsync("EV-1"));
    }

    [Theory]
    [InlineData(LedgerItemState.Rejected)]
    [InlineData(LedgerItemState.Disposed)]
    public async Task An_item_that_is_not_submitted_is_refused(LedgerItemState state)
    {
        Service.Ledger.SetState("EV-1", state);

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, Investigator), HttpStatusCode.Conflict, "wrong-state");
    }

    [Fact]
    public async Task A_ledger_that_cannot_be_reached_refuses_the_upload()
    {
        Service.Ledger.Unavailable = true;

        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, Investigator), HttpStatusCode.BadGateway, "ledger-unavailable");
    }

    [Fact]
    public async Task Head_and_delete_by_someone_else_are_refused()
    {
        var other = Pki.Issue(Pki.Org2Ca, FabricTestPki.Org2, "investigator2");

        await AssertRefusedAsync(Requests.Head(Service.Https, "EV-1", other), HttpStatusCode.Forbidden, null);
        await AssertRefusedAsync(Requests.Delete(Service.Https, "EV-1", other), HttpStatusCode.Forbidden, "not-submitter");
    }

    [Fact]
    public async Task Delete_without_an_upload_in_progress_is_refused()
    {
        await AssertRefusedAsync(Requests.Delete(Service.Https, "EV-1", Investigator), HttpStatusCode.NotFound, "upload-not-found");
    }

    [Fact]
    public async Task An_upload_without_credentials_is_refused()
    {
        await AssertRefusedAsync(Requests.Patch(Service.Https, "EV-1", 0, _content, null), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    /// <summary>Sends, checks status and code (HEAD answers carry no body), and that nothing was stored or confirmed.</summary>
    private async Task<string> AssertRefusedAsync(HttpRequestMessage request, HttpStatusCode status, string? code, bool expectStored = false, string id = "EV-1")
    {
        using var response = await Client.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        var detail = "";
        if (code is not null)
        {
            (var actual, detail) = await Requests.ProblemAsync(response);
            Assert.Equal(code, actual);
        }

        if (!expectStored)
        {
            Assert.Empty(Service.Ledger.Confirmations);
            if (Internal.ObjectIds.IsValid(id))
            {
                Assert.Null(await Service.Store.HeadAsync(id));
            }
        }

        return detail;
    }
}
