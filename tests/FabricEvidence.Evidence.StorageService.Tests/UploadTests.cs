using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FabricEvidence.Evidence.StorageService.Tests;

public sealed class UploadTests : ServiceTestBase
{
    [Fact]
    public async Task One_request_stores_the_object_and_confirms_it_with_the_digest_computed_while_writing()
    {
        var content = Bytes(3 * 1024 * 1024 + 7);
        Service.Submit("EV-1", Investigator, content);

        var receipt = await UploadAsync("EV-1", content);

        var expected = ContentDigest.Compute(DigestAlgorithm.Sha256, content);
        Assert.Equal(expected.Hex, receipt.Digest);
        Assert.Equal("SHA-256", receipt.DigestAlgorithm);
        Assert.Equal(content.Length, receipt.Size);
        Assert.Equal("Stored", receipt.State);
        var confirmation = Assert.Single(Service.Ledger.Confirmations);
        Assert.Equal(new StorageConfirmation("EV-1", expected, content.Length, receipt.ObjectLocation, receipt.ObjectVersion), confirmation);
        var stored = await Service.Store.HeadAsync("EV-1");
        Assert.Equal(receipt.ObjectVersion, stored!.Version);
        Assert.Equal(LedgerItemState.Stored, (await Service.Ledger.GetItemAsync("EV-1"))!.State);
    }

    [Fact]
    public async Task An_SM3_item_is_uploaded_in_chunks_each_answered_with_the_next_offset()
    {
        var content = Bytes(2_500_000, seed: 3);
        Service.Submit("EV-sm3", Investigator, content, DigestAlgorithm.Sm3);
        long offset = 0;
        foreach (var size in new[] { 1_000_000, 1_000_000 })
        {
            using var chunk = await Client.SendAsync(Requests.Patch(Service.Https, "EV-sm3", offset, content[(int)offset..(int)(offset + size)], Investigator));
            Assert.Equal(HttpStatusCode.NoContent, chunk.StatusCode);
            offset += size;
            Assert.Equal(offset.ToString(System.Globalization.CultureInfo.InvariantCulture), chunk.Headers.GetValues("Upload-Offset").Single());
            Assert.Equal("2500000", chunk.Headers.GetValues("Upload-Length").Single());
        }

        using var head = await Client.SendAsync(Requests.Head(Service.Https, "EV-sm3", Investigator));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("2000000", head.Headers.GetValues("Upload-Offset").Single());
        Assert.Null(await Service.Store.HeadAsync("EV-sm3"));
        Assert.Empty(Service.Ledger.Confirmations);

        using var last = await Client.SendAsync(Requests.Patch(Service.Https, "EV-sm3", offset, content[(int)offset..], Investigator));

        Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        Assert.Equal("/items/EV-sm3/content", last.Headers.Location!.OriginalString);
        var receipt = await last.Content.ReadFromJsonAsync<StorageReceipt>();
        Assert.Equal(ContentDigest.Compute(DigestAlgorithm.Sm3, content).Hex, receipt!.Digest);
        Assert.Equal("SM3", receipt.DigestAlgorithm);
    }

    [Fact]
    public async Task A_head_before_any_byte_says_offset_zero()
    {
        Service.Submit("EV-h", Investigator, Bytes(10));

        using var head = await Client.SendAsync(Requests.Head(Service.Https, "EV-h", Investigator));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("0", head.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal("10", head.Headers.GetValues("Upload-Length").Single());
        Assert.Equal("no-store", head.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Delete_discards_an_upload_so_it_starts_again_from_zero()
    {
        var content = Bytes(1000);
        Service.Submit("EV-d", Investigator, content);
        (await Client.SendAsync(Requests.Patch(Service.Https, "EV-d", 0, content[..400], Investigator))).Dispose();

        using var deleted = await Client.SendAsync(Requests.Delete(Service.Https, "EV-d", Investigator));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var head = await Client.SendAsync(Requests.Head(Service.Https, "EV-d", Investigator));
        Assert.Equal("0", head.Headers.GetValues("Upload-Offset").Single());
        await UploadAsync("EV-d", content);
    }

    [Fact]
    public async Task An_empty_item_is_stored_by_one_empty_request()
    {
        Service.Submit("EV-0", Investigator, []);

        var receipt = await UploadAsync("EV-0", []);

        Assert.Equal(0, receipt.Size);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", receipt.Digest);
    }

    [Fact]
    public async Task A_chunked_body_without_content_length_is_streamed_too()
    {
        var content = Bytes(1_500_000, seed: 8);
        Service.Submit("EV-chunked", Investigator, content);
        var body = new StreamContent(new NonSeekableStream(content));

        using var response = await Client.SendAsync(Requests.Patch(Service.Https, "EV-chunked", 0, body, Investigator));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(response.RequestMessage!.Content!.Headers.ContentLength);
    }

    [Fact]
    public async Task A_failed_confirmation_keeps_the_object_and_the_integrity_run_confirms_it_later()
    {
        var content = Bytes(5000);
        Service.Submit("EV-late", Investigator, content);

        // A second service whose ledger (the first one's, wrapped) fails confirmations.
        var failing = new FailingConfirmations(Service.Ledger);
        await using var service = await ServiceUnderTest.StartAsync(Pki, configure: b => b.Services.AddSingleton<IEvidenceLedger>(failing));
        using var client = service.CreateClient();

        using var response = await client.SendAsync(Requests.Patch(service.Https, "EV-late", 0, content, Investigator));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var (code, detail) = await Requests.ProblemAsync(response);
        Assert.Equal("ledger-unavailable", code);
        Assert.Contains("do not upload again", detail, StringComparison.Ordinal);
        Assert.NotNull(await service.Store.HeadAsync("EV-late"));
        Assert.Empty(Service.Ledger.Confirmations);

        failing.Fail = false;
        var summary = await service.App.Services.GetRequiredService<Internal.IntegrityChecker>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, summary.Confirmed);
        Assert.Equal(LedgerItemState.Stored, (await Service.Ledger.GetItemAsync("EV-late"))!.State);
    }

    /// <summary>Passes every call to the in-memory ledger but fails confirmations while <see cref="Fail"/> is set.</summary>
    private sealed class FailingConfirmations(InMemoryEvidenceLedger inner) : IEvidenceLedger
    {
        public bool Fail { get; set; } = true;

        public Task<LedgerItem?> GetItemAsync(string evidenceId, CancellationToken cancellationToken = default) => inner.GetItemAsync(evidenceId, cancellationToken);

        public Task<LedgerTransactionResult> ConfirmStorageAsync(StorageConfirmation confirmation, CancellationToken cancellationToken = default) =>
            Fail ? throw new EvidenceLedgerException(EvidenceLedgerException.UnavailableCode, "The gateway did not answer.") : inner.ConfirmStorageAsync(confirmation, cancellationToken);

        public Task<LedgerAccessRecord?> FindAccessRecordAsync(string evidenceId, string transactionId, CancellationToken cancellationToken = default) => inner.FindAccessRecordAsync(evidenceId, transactionId, cancellationToken);

        public Task<LedgerTransactionResult> RecordIntegrityCheckAsync(IntegrityAttestation attestation, CancellationToken cancellationToken = default) => inner.RecordIntegrityCheckAsync(attestation, cancellationToken);
    }
}
