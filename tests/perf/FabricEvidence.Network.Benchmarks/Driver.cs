using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FabricEvidence.Gateway;
#if OLD_SDK
using FabricEvidence.Protocol;
#endif

namespace FabricEvidence.Network.Benchmarks;

/// <summary>
/// One measurement in its own process: a closed loop of evaluations (Get) or submissions (Put) with a number in
/// flight, after a warm-up; prints one JSON line with operations, seconds and the process's CPU seconds.
/// Compiled against the current SDK, or with OLD_SDK against the SDK before it moved to Grpc.Net.Client.
/// </summary>
internal static class Driver
{
    public static async Task<int> RunAsync(Settings settings)
    {
        var env = NetworkEnv.Read(settings.NetworkEnv);
        var org = settings.Org;
        var credentials = Identities.LoadMspDirectory(env[$"NETWORK_ORG{org}_MSP_ID"], env[$"NETWORK_ORG{org}_USER_MSP"]);
#if OLD_SDK
        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        roots.ImportFromPemFile(env[$"NETWORK_ORG{org}_TLS_CA"]);
        using var channel = GrpcChannel.ForAddress("https://" + env[$"NETWORK_ORG{org}_PEER_ADDRESS"], new GrpcChannelOptions { RootCertificates = roots });
        await using var gateway = Gateway.Gateway.Connect(new GatewayOptions { Connection = channel, Identity = credentials.Identity, Signer = credentials.Signer });
#else
        using var channel = FabricChannel.ForAddress(env[$"NETWORK_ORG{org}_PEER_ADDRESS"], new FabricChannelOptions().WithTlsRootCertificateFile(env[$"NETWORK_ORG{org}_TLS_CA"]));
        await using var gateway = FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = credentials.Identity, Signer = credentials.Signer });
#endif
        var contract = gateway.GetNetwork(env["NETWORK_CHANNEL"]).GetContract(settings.Chaincode);
        var submit = settings.Mode == "submit";
        var measurement = await ClosedLoop.MeasureAsync(settings.InFlight, settings.Warmup, settings.Seconds, async (worker, count) =>
        {
            var arguments = submit
                ? new ProposalOptions().AddArguments($"k{worker}", count.ToString(CultureInfo.InvariantCulture))
                : new ProposalOptions().AddArguments("k0");
#if !OLD_SDK
            if (submit && settings.EndorsingOrgs.Count > 0)
            {
                arguments.SetEndorsingOrganizations([.. settings.EndorsingOrgs]);
            }
#endif
            _ = submit ? await contract.SubmitAsync("kv:Put", arguments) : await contract.EvaluateAsync("kv:Get", arguments);
        }, ex => ex is GatewayException or CommitException, ProcessCpu.Find(settings.NetworkEnv));
        Console.WriteLine(JsonSerializer.Serialize(measurement));
        return 0;
    }
}

/// <summary>What one driver run measured.</summary>
/// <param name="Operations">Operations completed in the measured time.</param>
/// <param name="Seconds">The measured time.</param>
/// <param name="CpuSeconds">This process's CPU seconds in that time.</param>
/// <param name="Failures">Operations that failed.</param>
/// <param name="ProcessCpuSeconds">The network's processes' CPU seconds in that time, by name (orderer1, peer0.org1, ...).</param>
internal sealed record Measurement(long Operations, double Seconds, double CpuSeconds, long Failures, Dictionary<string, double>? ProcessCpuSeconds = null)
{
    [JsonIgnore]
    public double Tps => Operations / Seconds;

    // Derived, and NaN when nothing completed, which JSON cannot carry.
    [JsonIgnore]
    public double CpuMicrosPerOperation => Operations == 0 ? double.NaN : CpuSeconds * 1e6 / Operations;
}
