using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Orderer;
using Google.Protobuf;

namespace FabricEvidence.SyntheticLedger;

/// <summary>
/// Builds a channel configuration (<c>common.Config</c>) with the shape configtxgen gives fabric-samples' test network
/// profile: Application and Orderer groups, one group per organisation with its MSP and Readers/Writers/Admins/
/// Endorsement policies, implicit meta policies above them, and BlockValidation for the ordering service.
/// </summary>
public static class ConfigBuilder
{
    public static Config Build(IReadOnlyList<TestOrganization> peerOrganizations, TestOrganization ordererOrganization, Func<TestOrganization, SignaturePolicyEnvelope>? endorsementPolicy = null)
    {
        var application = new ConfigGroup { ModPolicy = "Admins" };
        foreach (var org in peerOrganizations)
        {
            var group = OrgGroup(org);
            group.Policies["Readers"] = Signature(Policies.AnyOf(org.MspId, Role.Admin, Role.Peer, Role.Client));
            group.Policies["Writers"] = Signature(Policies.AnyOf(org.MspId, Role.Admin, Role.Client));
            group.Policies["Admins"] = Signature(Policies.AnyOf(org.MspId, Role.Admin));
            group.Policies["Endorsement"] = Signature(endorsementPolicy?.Invoke(org) ?? Policies.AnyOf(org.MspId, Role.Peer));
            application.Groups[org.MspId] = group;
        }

        application.Policies["Readers"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Any, "Readers");
        application.Policies["Writers"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Any, "Writers");
        application.Policies["Admins"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Majority, "Admins");
        application.Policies["Endorsement"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Majority, "Endorsement");
        application.Policies["LifecycleEndorsement"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Majority, "Endorsement");
        application.Values["Capabilities"] = Value(new Capabilities { Capabilities_ = { ["V2_5"] = new Capability() } });

        var orderer = new ConfigGroup { ModPolicy = "Admins" };
        var ordererOrg = OrgGroup(ordererOrganization);
        ordererOrg.Policies["Readers"] = Signature(Policies.AnyOf(ordererOrganization.MspId, Role.Member));
        ordererOrg.Policies["Writers"] = Signature(Policies.AnyOf(ordererOrganization.MspId, Role.Member));
        ordererOrg.Policies["Admins"] = Signature(Policies.AnyOf(ordererOrganization.MspId, Role.Admin));
        orderer.Groups[ordererOrganization.MspId] = ordererOrg;
        orderer.Policies["Readers"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Any, "Readers");
        orderer.Policies["Writers"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Any, "Writers");
        orderer.Policies["Admins"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Majority, "Admins");
        orderer.Policies["BlockValidation"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Any, "Writers");
        orderer.Values["ConsensusType"] = Value(new ConsensusType { Type = "etcdraft" });
        orderer.Values["BatchSize"] = Value(new BatchSize { MaxMessageCount = 10, AbsoluteMaxBytes = 103809024, PreferredMaxBytes = 524288 });
        orderer.Values["BatchTimeout"] = Value(new BatchTimeout { Timeout = "2s" });
        orderer.Values["Capabilities"] = Value(new Capabilities { Capabilities_ = { ["V2_0"] = new Capability() } });

        var channel = new ConfigGroup { ModPolicy = "Admins" };
        channel.Groups["Application"] = application;
        channel.Groups["Orderer"] = orderer;
        channel.Values["HashingAlgorithm"] = Value(new HashingAlgorithm { Name = "SHA256" });
        channel.Values["BlockDataHashingStructure"] = Value(new BlockDataHashingStructure { Width = uint.MaxValue });
        channel.Values["OrdererAddresses"] = Value(new OrdererAddresses { Addresses = { "127.0.0.1:7050" } });
        channel.Values["Capabilities"] = Value(new Capabilities { Capabilities_ = { ["V2_0"] = new Capability() } });
        channel.Policies["Readers"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Any, "Readers");
        channel.Policies["Writers"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Any, "Writers");
        channel.Policies["Admins"] = ImplicitMeta(ImplicitMetaPolicy.Types.Rule.Majority, "Admins");
        return new Config { Sequence = 0, ChannelGroup = channel };
    }

    private static ConfigGroup OrgGroup(TestOrganization org)
    {
        var group = new ConfigGroup { ModPolicy = "Admins" };
        group.Values["MSP"] = Value(org.ToMspConfig());
        return group;
    }

    private static ConfigValue Value(IMessage message) => new() { Value = message.ToByteString(), ModPolicy = "Admins" };

    public static ConfigPolicy Signature(SignaturePolicyEnvelope envelope) => new()
    {
        ModPolicy = "Admins",
        Policy = new Policy { Type = (int)Policy.Types.PolicyType.Signature, Value = envelope.ToByteString() },
    };

    public static ConfigPolicy ImplicitMeta(ImplicitMetaPolicy.Types.Rule rule, string subPolicy) => new()
    {
        ModPolicy = "Admins",
        Policy = new Policy { Type = (int)Policy.Types.PolicyType.ImplicitMeta, Value = new ImplicitMetaPolicy { Rule = rule, SubPolicy = subPolicy }.ToByteString() },
    };
}
