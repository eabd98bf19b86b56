using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// A channel configuration from a configuration block: the organisations' MSPs (from the <c>MSP</c> value of each
/// organisation group under <c>Application</c> and <c>Orderer</c>) and the policy tree, with identity resolution cached
/// for the transactions validated under it.
/// </summary>
internal sealed class ChannelConfiguration : IDisposable
{
    private readonly Dictionary<string, Msp> _msps = new(StringComparer.Ordinal);
    private readonly Dictionary<ByteString, ResolvedIdentity> _identities = new();

    private ChannelConfiguration(ulong blockNumber, string channel, ConfigGroup root)
    {
        BlockNumber = blockNumber;
        Channel = channel;
        Root = root;
    }

    public ulong BlockNumber { get; }

    public string Channel { get; }

    public ConfigGroup Root { get; }

    public IReadOnlyDictionary<string, Msp> Msps => _msps;

    /// <summary>The consenters of a BFT ordering service, by id, for block signatures that name their signer by number.</summary>
    public IReadOnlyDictionary<uint, Consenter> Consenters { get; private set; } = new Dictionary<uint, Consenter>();

    public List<string> Problems { get; } = [];

    public static ChannelConfiguration FromEnvelope(ulong blockNumber, ParsedEnvelope envelope)
    {
        var config = new ChannelConfiguration(blockNumber, envelope.ChannelHeader!.ChannelId, envelope.ConfigEnvelope!.Config.ChannelGroup);
        config.Load();
        return config;
    }

    private void Load()
    {
        if (Root.Values.TryGetValue("HashingAlgorithm", out var hashing))
        {
            var name = HashingAlgorithm.Parser.ParseFrom(hashing.Value).Name;
            if (name != "SHA256")
            {
                Problems.Add($"the channel's block hashing algorithm is '{name}'; Fabric and this verifier support SHA256 only");
            }
        }

        foreach (var section in new[] { "Application", "Orderer" })
        {
            if (!Root.Groups.TryGetValue(section, out var group))
            {
                continue;
            }

            foreach (var (organization, orgGroup) in group.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (!orgGroup.Values.TryGetValue("MSP", out var value))
                {
                    continue;
                }

                Msp msp;
                try
                {
                    msp = Msp.FromConfig(organization, MSPConfig.Parser.ParseFrom(value.Value));
                }
                catch (InvalidProtocolBufferException e)
                {
                    Problems.Add($"the MSP of {section} organisation {organization} cannot be decoded ({e.Message})");
                    continue;
                }

                if (!_msps.TryAdd(msp.Id, msp))
                {
                    msp.Dispose();
                }
            }
        }

        if (Root.Groups.TryGetValue("Orderer", out var orderer) && orderer.Values.TryGetValue("Orderers", out var orderers))
        {
            Consenters = Orderers.Parser.ParseFrom(orderers.Value).ConsenterMapping.ToDictionary(c => c.Id);
        }
    }

    /// <summary>Deserializes a <c>msp.SerializedIdentity</c> against this configuration's MSPs (cached).</summary>
    public ResolvedIdentity Resolve(ByteString serializedIdentity)
    {
        if (_identities.TryGetValue(serializedIdentity, out var cached))
        {
            return cached;
        }

        ResolvedIdentity resolved;
        try
        {
            var identity = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
            if (!_msps.TryGetValue(identity.Mspid, out var msp))
            {
                resolved = new ResolvedIdentity(identity.Mspid, null, null, $"the channel configuration (block {BlockNumber}) has no MSP '{identity.Mspid}'");
            }
            else
            {
                var certificate = CertificateInfo.TryParse(identity.IdBytes.Span, out var error);
                resolved = certificate is null
                    ? new ResolvedIdentity(identity.Mspid, null, msp, $"the identity's certificate is {error}")
                    : new ResolvedIdentity(identity.Mspid, certificate, msp, null);
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            resolved = new ResolvedIdentity(string.Empty, null, null, $"the identity is not a serialized MSP identity ({e.Message})");
        }

        _identities[serializedIdentity] = resolved;
        return resolved;
    }

    /// <summary>Finds a policy by its path, e.g. <c>/Channel/Application/Endorsement</c>; relative paths start at <c>/Channel</c>.</summary>
    public (ConfigPolicy Policy, ConfigGroup Group)? FindPolicy(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (path.StartsWith('/'))
        {
            if (segments.Length < 2 || segments[0] != "Channel")
            {
                return null;
            }

            segments = segments[1..];
        }

        if (segments.Length == 0)
        {
            return null;
        }

        var group = Root;
        foreach (var name in segments[..^1])
        {
            if (!group.Groups.TryGetValue(name, out group))
            {
                return null;
            }
        }

        return group.Policies.TryGetValue(segments[^1], out var policy) && policy.Policy is not null ? (policy, group) : null;
    }

    public void Dispose()
    {
        foreach (var identity in _identities.Values)
        {
            identity.Certificate?.Dispose();
        }

        foreach (var msp in _msps.Values)
        {
            msp.Dispose();
        }
    }
}

/// <summary>A serialized identity resolved against a configuration: its MSP id, certificate and MSP, or why not.</summary>
internal sealed record ResolvedIdentity(string MspId, CertificateInfo? Certificate, Msp? Msp, string? Error);
