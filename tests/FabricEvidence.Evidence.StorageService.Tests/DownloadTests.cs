using System.Net;
using System.Security.Cryptography;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>Downloads: only with the caller's own, recent, committed access record; the bytes come with the recorded digest.</summary>
public sealed class DownloadTests : ServiceTestBase
{
    private readonly byte[] _content = Bytes(3 * 1024 * 1024 + 5, seed: 7);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Service.Submit("EV-d", Investigator, _content);
        await UploadAsync("EV-d", _content);
    }

    [Fact]
    public async Task A_caller_with_a_committed_access_record_gets_the_bytes_and_the_recorded_digest()
    {
        var record = Service.Ledger.RecordAccess("EV-d", Investigator.Party, "court disclosure");

        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-d", record.TransactionId, Investigator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(_content, body);
        var expected = Convert.ToHexStringLower(SHA256.HashData(_content));
        Assert.Equal(expected, response.Headers.GetValues("Evidence-Digest").Single());
        Assert.Equal("SHA-256", response.Headers.GetValues("Evidence-Digest-Algorithm").Single());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(_content))}:", response.Headers.GetValues("Repr-Digest").Single());
    }

    [Fact]
    public async Task A_download_without_an_access_record_is_refused()
    {
        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-d", null, Investigator));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("access-not-recorded", (await Requests.ProblemAsync(response)).Code);
    }

    [Fact]
    public async Task A_transaction_that_is_not_an_access_record_of_the_item_is_refused()
    {
        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-d", new string('a', 64), Investigator));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no committed access record", (await Requests.ProblemAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_identitys_access_record_admits_nobody_else()
    {
        var judge = Pki.Issue(Pki.Org2Ca, FabricTestPki.Org2, "judge", role: "court");
        var record = Service.Ledger.RecordAccess("EV-d", judge.Party, "trial");

        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-d", record.TransactionId, Investigator));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another identity", (await Requests.ProblemAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_access_record_is_refused()
    {
        var record = Service.Ledger.RecordAccess("EV-d", Investigator.Party, "review", DateTimeOffset.UtcNow.AddHours(-1));

        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-d", record.TransactionId, Investigator));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Record access again", (await Requests.ProblemAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_transaction_id_is_refused()
    {
        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-d", "NOT-A-TX", Investigator));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-request", (await Requests.ProblemAsync(response)).Code);
    }

    [Fact]
    public async Task An_item_not_stored_is_not_served()
    {
        Service.Submit("EV-pending", Investigator, _content[..10]);

        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-pending", new string('b', 64), Investigator));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("wrong-state", (await Requests.ProblemAsync(response)).Code);
    }

    [Fact]
    public async Task An_object_altered_on_disk_is_never_delivered_whole()
    {
        var record = Service.Ledger.RecordAccess("EV-d", Investigator.Party, "court disclosure");
        StorageTampering.FlipLastByte(Service.Store, "EV-d");

        using var response = await Client.SendAsync(Requests.Get(Service.Https, "EV-d", record.TransactionId, Investigator), HttpCompletionOption.ResponseHeadersRead);

        // The headers went out before the last bytes were hashed; the connection is then cut before the end.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
    }
}
