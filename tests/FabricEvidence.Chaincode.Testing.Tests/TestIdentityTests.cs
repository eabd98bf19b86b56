namespace FabricEvidence.Chaincode.Testing.Tests;

public sealed class TestIdentityTests
{
    [Fact]
    public void Generated_identity_is_a_serialized_identity_that_ClientIdentity_reads()
    {
        var test = TestIdentity.Create("CourtMSP", "judge", new Dictionary<string, string> { ["role"] = "judge", ["court"] = "district-7" }, ["client", "judiciary"]);

        var identity = ClientIdentity.FromCreator(test.ToSerializedIdentity());

        Assert.Equal("CourtMSP", identity.MspId);
        Assert.Equal("CN=judge,OU=client+OU=judiciary,O=CourtMSP", identity.Subject);
        Assert.Equal("CN=ca.courtmsp,O=CourtMSP", identity.Issuer);
        Assert.Equal("judge", identity.GetAttributeValue("role"));
        Assert.Equal("district-7", identity.GetAttributeValue("court"));
        Assert.Equal("judge@CourtMSP", test.ToString());
    }

    [Fact]
    public void Identities_of_one_MSP_share_an_issuing_CA_and_other_MSPs_have_their_own()
    {
        using var first = TestIdentity.Create("Org9MSP", "a").GetCertificate();
        using var second = TestIdentity.Create("Org9MSP", "b").GetCertificate();
        using var other = TestIdentity.Create("Org8MSP", "a").GetCertificate();

        Assert.Equal(first.Issuer, second.Issuer);
        Assert.NotEqual(first.Issuer, other.Issuer);
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
    }

    [Fact]
    public void Attribute_extension_is_compact_JSON_with_names_in_ordinal_order()
    {
        using var certificate = TestIdentity.Create("Org1MSP", "x", new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }).GetCertificate();

        var extension = certificate.Extensions[ClientIdentity.AttributesExtensionOid]!;

        Assert.Equal("""{"attrs":{"a":"1","b":"2"}}""", System.Text.Encoding.UTF8.GetString(extension.RawData));
        Assert.False(extension.Critical);
    }

    [Fact]
    public void Subject_is_encoded_O_then_OUs_in_the_given_order_then_CN_like_Fabric_CA()
    {
        using var certificate = TestIdentity.Create("Org1MSP", "x", organizationalUnits: ["client", "org1"]).GetCertificate();

        var names = certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false).Select(n => n.GetSingleElementValue()).ToList();

        Assert.Equal(["Org1MSP", "client", "org1", "x"], names);
    }

    [Fact]
    public void Default_identity_is_user1_of_Org1MSP()
    {
        Assert.Equal("Org1MSP", TestIdentity.Default.MspId);
        Assert.Equal("user1", TestIdentity.Default.CommonName);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", TestIdentity.Default.CertificatePem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_MSP_id_is_rejected() =>
        Assert.Throws<ArgumentException>(() => TestIdentity.Create(""));
}
