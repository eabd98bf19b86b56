using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class KeyEndorsementPolicyTests
{
    private static (SignaturePolicyEnvelope Envelope, List<(string MspId, MSPRole.Types.MSPRoleType Role)> Principals) Decode(byte[] policy)
    {
        var envelope = SignaturePolicyEnvelope.Parser.ParseFrom(policy);
        var principals = envelope.Identities.Select(i =>
        {
            Assert.Equal(MSPPrincipal.Types.Classification.Role, i.PrincipalClassification);
            var role = MSPRole.Parser.ParseFrom(i.Principal);
            return (role.MspIdentifier, role.Role);
        }).ToList();
        return (envelope, principals);
    }

    [Fact]
    public void GetPolicy_requires_every_organisation_sorted_by_msp_id()
    {
        var policy = new KeyEndorsementPolicy();
        policy.AddOrgs(KeyEndorsementRole.Peer, "Org2MSP", "Org1MSP");
        policy.AddOrgs(KeyEndorsementRole.Member, "AuditMSP");

        var (envelope, principals) = Decode(policy.GetPolicy());

        Assert.Equal(0, envelope.Version);
        Assert.Equal(new[] { ("AuditMSP", MSPRole.Types.MSPRoleType.Member), ("Org1MSP", MSPRole.Types.MSPRoleType.Peer), ("Org2MSP", MSPRole.Types.MSPRoleType.Peer) }, principals);
        Assert.Equal(SignaturePolicy.TypeOneofCase.NOutOf, envelope.Rule.TypeCase);
        Assert.Equal(3, envelope.Rule.NOutOf.N);
        Assert.Equal(new[] { 0, 1, 2 }, envelope.Rule.NOutOf.Rules.Select(r => r.SignedBy));
    }

    [Fact]
    public void The_same_organisations_give_the_same_bytes_whatever_the_order_of_adding()
    {
        var a = new KeyEndorsementPolicy();
        a.AddOrgs(KeyEndorsementRole.Peer, "B", "A", "C");
        var b = new KeyEndorsementPolicy();
        b.AddOrgs(KeyEndorsementRole.Peer, "C");
        b.AddOrgs(KeyEndorsementRole.Peer, "A", "B");

        Assert.Equal(a.GetPolicy(), b.GetPolicy());
    }

    [Fact]
    public void A_policy_read_back_keeps_its_organisations_and_roles_and_can_be_edited()
    {
        var original = new KeyEndorsementPolicy();
        original.AddOrgs(KeyEndorsementRole.Peer, "Org1MSP", "Org2MSP");
        original.AddOrgs(KeyEndorsementRole.Member, "Org3MSP");

        var copy = new KeyEndorsementPolicy(original.GetPolicy());
        copy.DeleteOrgs("Org2MSP", "NotThere");
        copy.AddOrgs(KeyEndorsementRole.Peer, "Org3MSP");

        Assert.Equal(new[] { "Org1MSP", "Org3MSP" }, copy.ListOrgs());
        Assert.Equal(new[] { ("Org1MSP", MSPRole.Types.MSPRoleType.Peer), ("Org3MSP", MSPRole.Types.MSPRoleType.Peer) }, Decode(copy.GetPolicy()).Principals);
    }

    [Fact]
    public void An_empty_policy_cannot_be_serialized_because_it_would_accept_anything()
    {
        var policy = new KeyEndorsementPolicy(null);
        policy.AddOrgs(KeyEndorsementRole.Peer, "Org1MSP");
        policy.DeleteOrgs("Org1MSP");

        var ex = Assert.Throws<InvalidOperationException>(policy.GetPolicy);

        Assert.Contains("no organisation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_rejected_and_leaves_the_policy_unchanged()
    {
        var policy = new KeyEndorsementPolicy();
        policy.AddOrgs(KeyEndorsementRole.Peer, "Org1MSP");

        Assert.Throws<ArgumentException>(() => policy.AddOrgs(KeyEndorsementRole.Peer, "Org2MSP", ""));
        Assert.Throws<ArgumentNullException>(() => policy.AddOrgs(KeyEndorsementRole.Peer, "Org2MSP", null!));
        Assert.Throws<ArgumentException>(() => policy.AddOrgs((KeyEndorsementRole)7, "Org2MSP"));
        Assert.Throws<ArgumentException>(() => new KeyEndorsementPolicy([0xff, 0xff, 0xff]));
        var ouPolicy = new SignaturePolicyEnvelope
        {
            Identities = { new MSPPrincipal { PrincipalClassification = MSPPrincipal.Types.Classification.OrganizationUnit, Principal = ByteString.CopyFromUtf8("x") } },
        };
        var ex = Assert.Throws<ArgumentException>(() => new KeyEndorsementPolicy(ouPolicy.ToByteArray()));

        Assert.Equal(new[] { "Org1MSP" }, policy.ListOrgs());
        Assert.Contains("OrganizationUnit principal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bytes_equal_those_of_the_Node_shims_KeyEndorsementPolicy_for_organisations_added_in_sorted_order()
    {
        var policy = new KeyEndorsementPolicy();
        policy.AddOrgs(KeyEndorsementRole.Member, "Org2MSP");
        policy.AddOrgs(KeyEndorsementRole.Peer, "Org3MSP", "Org1MSP");

        var node = await NodeRunner.RunAsync("chaincode", "sbe-policy.js", ["PEER:Org1MSP", "MEMBER:Org2MSP", "PEER:Org3MSP"]);

        Assert.Equal(node.Trim(), Convert.ToHexStringLower(policy.GetPolicy()));
    }

    [Fact]
    public async Task A_policy_set_through_the_stub_reaches_the_peer_unchanged()
    {
        var policy = new KeyEndorsementPolicy();
        policy.AddOrgs(KeyEndorsementRole.Peer, "Org1MSP", "Org2MSP");
        await using var h = await Harness.StartAsync(async stub =>
        {
            await stub.SetStateValidationParameterAsync("asset1", policy.GetPolicy());
            return Harness.Ok();
        });

        await h.InvokeAsync("x");

        Assert.Equal(policy.GetPolicy(), h.Ledger.GetMetadata("asset1")["VALIDATION_PARAMETER"]);
    }
}
