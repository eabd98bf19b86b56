using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FabricEvidence.Gateway;
using FabricEvidence.Identity;
using FabricEvidence.Identity.Client;
using Grpc.Core;

// Drives the identity contract deployed as 'identity' on a running network.sh network (its state folder in
// NETWORK_STATE_DIR or --state) through the typed clients, as the network's users: Org1's registry issuer and wallet
// application, Org2's verifier. Measures presentation verification end to end (the verifier's SD-JWT checks, its two
// ledger look-ups, the recording transaction to commit) at 1 and 16 in flight, issuances per second (reserve, sign,
// record: two transactions) and status changes per second.
var options = Options.Parse(args);
var env = File.ReadLines(Path.Combine(options.StateDir, "network.env"))
    .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
var channelName = env["NETWORK_CHANNEL"];
const string Vct = "urn:fabric-evidence:bench-residence";
const string IssuerId = "https://registry.org1.example.com/bench";
const string Purpose = "bench";

var disposables = new List<IAsyncDisposable>();
IGateway Connect(int org, string user)
{
    var channel = FabricChannel.ForAddress("https://" + env[$"NETWORK_ORG{org}_PEER_ADDRESS"], new FabricChannelOptions().WithTlsRootCertificateFile(env[$"NETWORK_ORG{org}_TLS_CA"]));
    var credentials = Identities.LoadMspDirectory(env[$"NETWORK_ORG{org}_MSP_ID"], env[$"NETWORK_ORG{org}_{user}_MSP"]);
    var gateway = FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = credentials.Identity, Signer = credentials.Signer });
    disposables.Add(gateway);
    return gateway;
}

X509Certificate2Collection Authorities(string msp) =>
    [.. Directory.GetFiles(Path.Combine(msp, "cacerts"), "*.pem").Select(X509CertificateLoader.LoadCertificateFromFile)];

using var issuerKey = IssuerKey.FromMspDirectory(env["NETWORK_ORG1_ISSUER_MSP"]);
await SetUpRegistryAsync();
var issuer = new IssuerClient(Connect(1, "ISSUER"), issuerKey, new IssuerClientOptions { IssuerId = IssuerId, ChannelName = channelName });
var wallet = new HolderWallet(Connect(1, "HOLDER"), options: new HolderWalletOptions { ChannelName = channelName });
var verifierOptions = new VerifierClientOptions { ChannelName = channelName };
verifierOptions.CertificateAuthorities["Org1MSP"] = Authorities(env["NETWORK_ORG1_ISSUER_MSP"]);
var verifier = new VerifierClient(Connect(2, "VERIFIER"), verifierOptions);
var claims = new JsonObject
{
    ["given_name"] = "Bench", ["family_name"] = "Holder", ["birthdate"] = "1980-01-01", ["age_over_18"] = true,
    ["address"] = new JsonObject { ["street_address"] = "1 Bench Street", ["locality"] = "Benchtown", ["postal_code"] = "00000" },
};
using var holderKey = HolderKey.Generate();

Console.WriteLine($"Identity benchmark on {options.StateDir} (channel {channelName}), {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:u}");
// Warm-up (JIT, connections, the first status list) outside the figures.
var issued = new List<IssuanceResult>
{
    await issuer.IssueAsync(new IssueCredentialRequest { Vct = Vct, HolderKey = holderKey.PublicKey, Claims = (JsonObject)claims.DeepClone(), Expires = DateTimeOffset.UtcNow.AddDays(30) }),
};
foreach (var inFlight in options.InFlight)
{
    var results = new IssuanceResult[options.Issuances];
    var run = await MeasureAsync(options.Issuances, inFlight, async i => results[i] = await issuer.IssueAsync(new IssueCredentialRequest
    {
        Vct = Vct, HolderKey = holderKey.PublicKey, Claims = (JsonObject)claims.DeepClone(), Expires = DateTimeOffset.UtcNow.AddDays(30),
    }));
    issued.AddRange(results);
    Report("issuance (reserve + sign + record)", inFlight, run);
}

// One wallet entry and consent per credential used for verification, so that recordings spread over credentials.
var entries = new List<(WalletEntry Entry, ConsentRecord Consent)>();
foreach (var credential in issued.Take(Math.Max(options.InFlight.Max(), 1)))
{
    var entry = wallet.Add(credential.Credential.SdJwt, holderKey);
    var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
    {
        EntryId = entry.Id, Verifier = verifier.Audience, Purpose = Purpose, Claims = ["age_over_18", "address/locality"], Expires = DateTimeOffset.UtcNow.AddDays(1),
    });
    entries.Add((entry, consent));
}

async Task<bool> VerifyOnceAsync(int i)
{
    var (entry, consent) = entries[i % entries.Count];
    var nonce = VerifierClient.CreateNonce();
    var presentation = wallet.Present(entry.Id, ["age_over_18", "address/locality"], verifier.Audience, nonce);
    return (await verifier.VerifyAsync(new VerifyPresentationRequest { Presentation = presentation.Compact, Nonce = nonce, ConsentId = consent.Id, Purpose = Purpose })).Passed;
}

await VerifyOnceAsync(0);
foreach (var inFlight in options.InFlight)
{
    var failures = 0;
    var run = await MeasureAsync(options.Verifications, inFlight, async i =>
    {
        if (!await VerifyOnceAsync(i))
        {
            Interlocked.Increment(ref failures);
        }
    });
    Report("verification (checks + 2 look-ups + recording)", inFlight, run);
    if (failures > 0)
    {
        throw new InvalidOperationException($"{failures} verifications did not pass; the figures are not of the passing path.");
    }
}

foreach (var inFlight in options.InFlight)
{
    // Suspend then reinstate each credential: every change is its own transaction on its own credential.
    var targets = issued.Select(r => r.Record.Id).ToArray();
    var run = await MeasureAsync(options.StatusChanges, inFlight, async i =>
    {
        var id = targets[i / 2 % targets.Length];
        if (i % 2 == 0)
        {
            await issuer.SuspendAsync(id, StatusReasons.UnderInvestigation);
        }
        else
        {
            await issuer.ReinstateAsync(id, StatusReasons.InvestigationCleared);
        }
    }, pairs: true);
    Report("status change (suspend / reinstate)", inFlight, run);
}

foreach (var disposable in disposables)
{
    await disposable.DisposeAsync();
}

return 0;

async Task SetUpRegistryAsync()
{
    var org1 = new RegistryClient(Connect(1, "ADMIN"), new RegistryClientOptions { ChannelName = channelName });
    var org2 = new RegistryClient(Connect(2, "ADMIN"), new RegistryClientOptions { ChannelName = channelName });
    try
    {
        await org1.GetRegistryAsync();
    }
    catch (IdentityWrongStateException)
    {
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(250))
        {
            try
            {
                await org1.InitializeAsync(["Org1MSP", "Org2MSP"]);
                break;
            }
            catch (EndorseException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                // The Gateways learn of a new chaincode through gossip a few seconds after deployment.
            }
        }
    }

    await org1.RegisterCredentialTypeAsync(Vct, ["given_name", "family_name", "birthdate", "age_over_18", "address"],
        ["given_name", "family_name", "birthdate", "age_over_18", "address", "address/street_address", "address/locality", "address/postal_code"]);
    var fingerprint = RegistryClient.Fingerprint(issuerKey.Certificate);
    var proposal = "bench-" + Guid.NewGuid().ToString("N");
    var spec = new IssuerSpec(IssuerId, "Org1MSP", fingerprint, [Vct], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), "https://status.org1.example.com/bench");
    bool exists;
    try
    {
        exists = (await org1.GetIssuerAsync(IssuerId)).Active;
    }
    catch (IdentityNotFoundException)
    {
        exists = false;
    }

    if (!exists)
    {
        await org1.ProposeIssuerAsync(proposal, spec, DateTimeOffset.UtcNow.AddDays(1));
        await org2.ApproveChangeAsync(proposal);
    }
}

static async Task<Run> MeasureAsync(int count, int inFlight, Func<int, Task> operation, bool pairs = false)
{
    var latencies = new double[count];
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
    {
        // Pairs (suspend, reinstate) stay in order on one worker, so that each change applies.
        int i;
        while ((i = Interlocked.Add(ref next, pairs ? 2 : 1) - (pairs ? 1 : 0)) < count)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (pairs && i + 1 < count)
            {
                start = Stopwatch.GetTimestamp();
                await operation(i + 1);
                latencies[i + 1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
    }));
    return new Run(count, clock.Elapsed, latencies);
}

static void Report(string what, int inFlight, Run run)
{
    var sorted = run.Latencies.Order().ToArray();
    double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what,-50} in flight {inFlight,2}: {run.Count,4} in {run.Elapsed.TotalSeconds,6:0.0} s = {run.Count / run.Elapsed.TotalSeconds,6:0.0}/s, p50 {Percentile(0.50),6:0} ms, p99 {Percentile(0.99),6:0} ms"));
}

internal sealed record Run(int Count, TimeSpan Elapsed, double[] Latencies);

internal sealed record Options(string StateDir, int Issuances, int Verifications, int StatusChanges, int[] InFlight)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var state = Value("--state") ?? Environment.GetEnvironmentVariable("NETWORK_STATE_DIR")
            ?? throw new ArgumentException("Name the network's state folder with --state DIR or NETWORK_STATE_DIR.");
        var inFlight = (Value("--in-flight") ?? "1,16").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new Options(Path.GetFullPath(state), Number("--issuances", 32), Number("--verifications", 64), Number("--status-changes", 64), inFlight);
    }
}
