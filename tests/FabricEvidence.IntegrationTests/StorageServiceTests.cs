using FabricEvidence.Evidence.Storage;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Evidence;
using FabricEvidence.Evidence.StorageService;
using FabricEvidence.Evidence.StorageService.Authentication;
using FabricEvidence.Evidence.StorageService.Internal;
using FabricEvidence.Gateway;
using FabricEvidence.Protocol.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StorageReceipt = FabricEvidence.Evidence.StorageService.StorageReceipt;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// The storage service in process against the real network, with Org1's Storage user as its own identity, run once per
/// object store (<see cref="FileSystemStorageServiceTests"/>, <see cref="S3StorageServiceTests"/>): an investigator's
/// upload is confirmed by the service's signature, an object altered in the store behind the service's back is caught
/// by the next integrity run (flagged, with its event) and by verification, and downloads need a committed access record.
/// </summary>
public abstract class StorageServiceTests(FabricNetwork fabric) : IAsyncLifetime
{
    private WebApplication? _service;
    private HttpClient _http = null!;

    /// <summary>The URI scheme of the store's object locations (<c>file</c>, <c>s3</c>).</summary>
    protected abstract string LocationScheme { get; }

    /// <summary>Starts what the store needs and returns its keys of the section <c>StorageService</c>.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> StartStoreAsync();

    /// <summary>Stops and removes what <see cref="StartStoreAsync"/> started.</summary>
    protected abstract Task StopStoreAsync();

    /// <summary>The stored object's bytes, read from the store directly, not through the service.</summary>
    protected abstract Task<byte[]> ReadStoredAsync(StorageReceipt receipt);

    /// <summary>Replaces the stored object's bytes behind the service's back, as whoever runs the store could.</summary>
    protected abstract Task AlterStoredAsync(StorageReceipt receipt, byte[] altered);

    public async Task InitializeAsync()
    {
        if (NetworkEnvironment.SkipReason is not null)
        {
            return;
        }

        var org1 = fabric.Organisation(1);
        var org2 = fabric.Organisation(2);
        var builder = StorageServiceApplication.CreateBuilder([]);
        var configuration = new Dictionary<string, string?>
        {
            ["StorageService:Integrity:Enabled"] = "false",
            ["StorageService:Authentication:Organisations:Org1MSP:CaCertificates:0"] = CaFile(org1),
            ["StorageService:Authentication:Organisations:Org2MSP:CaCertificates:0"] = CaFile(org2),
            ["StorageService:Fabric:Endpoint"] = org1.PeerEndpoint,
            ["StorageService:Fabric:TlsRootCertificatePath"] = org1.TlsCaPath,
            ["StorageService:Fabric:MspId"] = org1.MspId,
            ["StorageService:Fabric:MspDirectory"] = org1.UserMspDirectories[NetworkUser.Storage],
            ["StorageService:Fabric:ChannelName"] = fabric.Channel,
            ["StorageService:Fabric:ChaincodeName"] = FabricNetwork.EvidenceChaincode,
        };
        foreach (var (key, value) in await StartStoreAsync())
        {
            configuration["StorageService:" + key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _service = StorageServiceApplication.Build(builder);
        await _service.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_service.Urls.Single()), Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_service is not null)
        {
            await _service.StopAsync();
            await _service.DisposeAsync();
        }

        if (NetworkEnvironment.SkipReason is null)
        {
            await StopStoreAsync();
        }
    }

    [NetworkFact]
    public async Task An_upload_is_confirmed_by_the_services_own_identity_in_a_second_transaction()
    {
        await using var investigator = Connect(1, NetworkUser.Investigator);
        var content = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 11);
        var submitted = await investigator.Evidence.SubmitAsync(Request(Evidence.NewId("EV-SVC")), new MemoryStream(content));
        Assert.Equal(EvidenceState.Submitted, submitted.State);

        var receipt = await UploadAsync(submitted.Id, content, investigator.Signer);

        Assert.Equal(LocationScheme, new Uri(receipt.ObjectLocation).Scheme);
        Assert.Equal(content, await ReadStoredAsync(receipt));
        var stored = await investigator.Evidence.GetEvidenceAsync(submitted.Id);
        Assert.Equal(EvidenceState.Stored, stored.State);
        Assert.True(stored.Storage!.Matched);
        Assert.Equal(receipt.TransactionId, stored.Storage.Confirmed.TxId);
        Assert.Equal(receipt.ObjectVersion, stored.Storage.ObjectVersion);
        Assert.Equal("storage", stored.Storage.Confirmed.Role);
        var submission = await TransactionAsync(investigator, stored.Submitted.TxId);
        var confirmation = await TransactionAsync(investigator, stored.Storage.Confirmed.TxId);
        Assert.True(submission.IsValid && confirmation.IsValid);
        Assert.NotEqual(submission.TransactionId, confirmation.TransactionId);
        using var submitter = submission.GetCreatorCertificate();
        using var confirmer = confirmation.GetCreatorCertificate();
        Assert.NotEqual(Fingerprint(submitter), Fingerprint(confirmer));
        Assert.Equal(Fingerprint(investigator.Signer.Certificate), Fingerprint(submitter));
        using var storageIdentity = Signer.Load(fabric.Organisation(1).UserMspDirectories[NetworkUser.Storage]);
        Assert.Equal(Fingerprint(storageIdentity.Certificate), Fingerprint(confirmer));
    }

    [NetworkFact]
    public async Task An_object_altered_in_the_store_is_caught_by_the_next_integrity_run_flagged_with_its_event_and_fails_verification()
    {
        await using var investigator = Connect(1, NetworkUser.Investigator);
        var content = RandomNumberGenerator.GetBytes(100_000);
        var submitted = await investigator.Evidence.SubmitAsync(Request(Evidence.NewId("EV-TAMPER")), new MemoryStream(content));
        var receipt = await UploadAsync(submitted.Id, content, investigator.Signer);
        var access = await investigator.Evidence.RecordAccessAsync(submitted.Id, "integrity review");
        var checker = _service!.Services.GetRequiredService<IntegrityChecker>();

        var clean = await checker.RunOnceAsync(CancellationToken.None);
        Assert.Equal((1, 0), (clean.Matched, clean.Mismatched));

        var altered = (byte[])content.Clone();
        altered[1234] ^= 0x01;
        await AlterStoredAsync(receipt, altered);
        Assert.Equal(altered, await ReadStoredAsync(receipt));
        var run = await checker.RunOnceAsync(CancellationToken.None);

        Assert.Equal((0, 1), (run.Matched, run.Mismatched));
        var checks = new List<IntegrityCheck>();
        await foreach (var check in investigator.Evidence.ListIntegrityChecksAsync(submitted.Id))
        {
            checks.Add(check);
        }

        Assert.Equal([IntegrityResult.Match, IntegrityResult.Mismatch], checks.Select(c => c.Result));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(altered)), checks[1].ComputedDigest);
        Assert.Equal("storage", checks[1].Checked.Role);
        Assert.True((await investigator.Evidence.GetEvidenceAsync(submitted.Id)).IsIntegrityFlagged);

        // A listener to the ledger's events learns it too: the clean check, then the mismatch with the digest found.
        var integrityEvents = new List<EvidenceEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var start = (await TransactionAsync(investigator, submitted.Submitted.TxId)).BlockNumber;
        await foreach (var e in investigator.Evidence.GetEventsAsync(new EvidenceEventsOptions { StartBlock = start, EvidenceId = submitted.Id }, timeout.Token))
        {
            if (e.Type.StartsWith("Integrity", StringComparison.Ordinal))
            {
                integrityEvents.Add(e);
            }

            if (e.Type == EvidenceEventTypes.IntegrityMismatch)
            {
                break;
            }
        }

        Assert.Equal([EvidenceEventTypes.IntegrityVerified, EvidenceEventTypes.IntegrityMismatch], integrityEvents.Select(e => e.Type));
        Assert.Equal(checks[1].ComputedDigest, integrityEvents[1].ComputedDigest);

        // Verifying what the store now holds against the ledger fails, and the service never serves it whole.
        var verification = await investigator.Evidence.VerifyContentAsync(submitted.Id, new MemoryStream(await ReadStoredAsync(receipt)));
        Assert.False(verification.Matches);
        Assert.Null(await TryDownloadAsync(submitted.Id, access.Accessed.TxId, investigator.Signer));
    }

    [NetworkFact]
    public async Task A_download_is_refused_without_an_access_record_and_served_with_one()
    {
        await using var investigator = Connect(1, NetworkUser.Investigator);
        await using var judge = Connect(2, NetworkUser.Judge);
        var content = RandomNumberGenerator.GetBytes(300_000);
        var submitted = await investigator.Evidence.SubmitAsync(Request(Evidence.NewId("EV-DL")), new MemoryStream(content));
        await UploadAsync(submitted.Id, content, investigator.Signer);

        using (var refused = await _http.SendAsync(Get(submitted.Id, null, judge.Signer)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("access-not-recorded", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var investigatorsRecord = await investigator.Evidence.RecordAccessAsync(submitted.Id, "case review");
        using (var notTheirs = await _http.SendAsync(Get(submitted.Id, investigatorsRecord.Accessed.TxId, judge.Signer)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        }

        var record = await judge.Evidence.RecordAccessAsync(submitted.Id, "trial preparation");
        using var served = await _http.SendAsync(Get(submitted.Id, record.Accessed.TxId, judge.Signer));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(content, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(submitted.Digest, served.Headers.GetValues("Evidence-Digest").Single());
    }

    private async Task<StorageReceipt> UploadAsync(string id, byte[] content, Signer signer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(_http.BaseAddress!, $"/items/{id}/upload")) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Upload-Offset", "0");
        request.Headers.Add("Upload-Length", content.Length.ToString(CultureInfo.InvariantCulture));
        RequestSignature.Sign(request, signer.Certificate, signer.Key);
        using var response = await _http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<StorageReceipt>())!;
    }

    /// <summary>The content the service serves, or null when it refuses or cuts the connection before the end.</summary>
    private async Task<byte[]?> TryDownloadAsync(string id, string accessTransaction, Signer signer)
    {
        try
        {
            using var response = await _http.SendAsync(Get(id, accessTransaction, signer));
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private HttpRequestMessage Get(string id, string? accessTransaction, Signer signer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_http.BaseAddress!, $"/items/{id}/content"));
        if (accessTransaction is not null)
        {
            request.Headers.Add("Evidence-Access-Transaction", accessTransaction);
        }

        RequestSignature.Sign(request, signer.Certificate, signer.Key);
        return request;
    }

    private static string CaFile(NetworkOrganisation organisation) =>
        Directory.GetFiles(Path.Combine(organisation.UserMspDirectories[NetworkUser.Investigator], "cacerts")).Order(StringComparer.Ordinal).First();

    private static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    private static SubmitEvidenceRequest Request(string id) => new()
    {
        EvidenceId = id,
        CaseReference = "CASE-STORAGE/1",
        Description = "Disk image",
        DigestAlgorithm = DigestAlgorithm.Sha256,
        Digest = new string('0', 64),
        Size = 0,
        RetainUntil = DateTimeOffset.UtcNow.AddYears(10),
        Origin = new EvidenceOrigin("Officer A", "Laptop", "Imager", "1.0", "Station 1"),
    };

    private Connection Connect(int org, NetworkUser user) => new(
        GatewayConnection.Connect(fabric, org, user),
        Signer.Load(fabric.Organisation(org).UserMspDirectories[user]),
        fabric.Channel);

    private async Task<LedgerTransaction> TransactionAsync(Connection client, string txId) =>
        LedgerBlock.Parse(Block.Parser.ParseFrom(await client.Gateway.Network.GetContract("qscc").EvaluateTransactionAsync("GetBlockByTxID", [fabric.Channel, txId])))
            .Transactions.Single(t => t.TransactionId == txId);

    /// <summary>A user's certificate and key from its MSP folder, to sign HTTP requests to the service.</summary>
    private sealed class Signer(X509Certificate2 certificate, ECDsa key) : IDisposable
    {
        public X509Certificate2 Certificate { get; } = certificate;

        public ECDsa Key { get; } = key;

        public static Signer Load(string msp)
        {
            var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Directory.GetFiles(Path.Combine(msp, "signcerts")).Single()));
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(Directory.GetFiles(Path.Combine(msp, "keystore")).Single()));
            return new Signer(certificate, key);
        }

        public void Dispose()
        {
            Certificate.Dispose();
            Key.Dispose();
        }
    }

    private sealed class Connection(GatewayConnection gateway, Signer signer, string channel) : IAsyncDisposable
    {
        public GatewayConnection Gateway { get; } = gateway;

        public Signer Signer { get; } = signer;

        public EvidenceClient Evidence { get; } = new(gateway.Gateway, new EvidenceClientOptions { ChannelName = channel, ChaincodeName = FabricNetwork.EvidenceChaincode });

        public async ValueTask DisposeAsync()
        {
            Signer.Dispose();
            await Gateway.DisposeAsync();
        }
    }
}
