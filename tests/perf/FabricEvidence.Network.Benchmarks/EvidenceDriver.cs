using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FabricEvidence.Evidence;
using FabricEvidence.Gateway;

namespace FabricEvidence.Network.Benchmarks;

/// <summary>
/// <c>drive --mode evidence</c>: one measurement of the evidence contract's two-party submission in its own process.
/// Each operation is one item: <c>Submit</c> by the organisation's Investigator user (origin and case details in
/// transient data) and then <c>ConfirmStorage</c> by its Storage user, both through <see cref="EvidenceClient"/>
/// over one connection to the organisation's peer. Prints one JSON line like <see cref="Driver"/>; an operation is an
/// item submitted and confirmed (two transactions committed); with <c>--mode evidence-submit</c>, an item submitted.
/// </summary>
internal static class EvidenceDriver
{
    public static async Task<int> RunAsync(Settings settings)
    {
        var env = NetworkEnv.Read(settings.NetworkEnv);
        var org = settings.Org;
        var mspId = env[$"NETWORK_ORG{org}_MSP_ID"];
        var investigatorCredentials = Identities.LoadMspDirectory(mspId, env[$"NETWORK_ORG{org}_INVESTIGATOR_MSP"]);
        var storageCredentials = Identities.LoadMspDirectory(mspId, env[$"NETWORK_ORG{org}_STORAGE_MSP"]);
        using var channel = FabricChannel.ForAddress(env[$"NETWORK_ORG{org}_PEER_ADDRESS"], new FabricChannelOptions().WithTlsRootCertificateFile(env[$"NETWORK_ORG{org}_TLS_CA"]));
        await using var investigatorGateway = FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = investigatorCredentials.Identity, Signer = investigatorCredentials.Signer });
        await using var storageGateway = FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = storageCredentials.Identity, Signer = storageCredentials.Signer });
        var options = new EvidenceClientOptions { ChaincodeName = settings.Chaincode, ChannelName = env["NETWORK_CHANNEL"] };
        foreach (var organisation in settings.EndorsingOrgs)
        {
            options.EndorsingOrganizations.Add(organisation);
        }

        var investigator = new EvidenceClient(investigatorGateway, options);
        var storage = new EvidenceClient(storageGateway, options);

        // Ids are never reused on a ledger: every round of a comparison runs on the same ledger (hence the run's random
        // part), and a worker's count starts again after the warm-up and stays put after a failure (hence one sequence).
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        long sequence = 0;
        var retainUntil = DateTimeOffset.UtcNow.AddYears(10);
        var origin = new EvidenceOrigin("Benchmark operator", "Benchmark device", "FabricEvidence.Network.Benchmarks", "1", "Benchmark lab");

        // evidence-submit: Submit alone, so that a comparison can tell the cost of Submit from ConfirmStorage's.
        var submitOnly = settings.Mode == "evidence-submit";

        async Task ItemAsync(int worker, long count)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"bench-{run}-{Interlocked.Increment(ref sequence)}");
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
            var submitted = await investigator.SubmitAsync(new SubmitEvidenceRequest
            {
                EvidenceId = id,
                CaseReference = string.Create(CultureInfo.InvariantCulture, $"BENCH-{run}/{worker}"),
                Description = "Benchmark item",
                Digest = digest,
                Size = 1024,
                RetainUntil = retainUntil,
                Origin = origin,
                CaseDetails = "Benchmark case details",
            });
            if (submitOnly)
            {
                return;
            }

            var confirmed = await storage.ConfirmStorageAsync(new ConfirmStorageRequest
            {
                EvidenceId = id,
                DigestAlgorithm = DigestAlgorithm.Sha256,
                ComputedDigest = digest,
                Size = submitted.Size,
                ObjectLocation = "s3://benchmark/" + id,
                ObjectVersion = "1",
            });
            if (confirmed.State != EvidenceState.Stored)
            {
                throw new InvalidOperationException($"Evidence {id} ended {confirmed.State}, not Stored: the benchmark's digests are wrong.");
            }
        }

        var measurement = await ClosedLoop.MeasureAsync(settings.InFlight, settings.Warmup, settings.Seconds, ItemAsync,
            ex => ex is GatewayException or CommitException or EvidenceException, ProcessCpu.Find(settings.NetworkEnv));
        Console.WriteLine(JsonSerializer.Serialize(measurement));
        return 0;
    }
}
