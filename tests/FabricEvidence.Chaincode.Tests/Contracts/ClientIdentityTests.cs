using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Chaincode.Testing;
using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class ClientIdentityTests
{
    private static byte[] Creator(string mspId, byte[] idBytes) =>
        new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFrom(idBytes) }.ToByteArray();

    private static byte[] Creator(string mspId, X500DistinguishedName subject, X509Extension? extension = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (extension is not null)
        {
            request.CertificateExtensions.Add(extension);
        }

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        return Creator(mspId, Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
    }

    private static string Decode(string id) => Encoding.UTF8.GetString(Convert.FromBase64String(id));

    [Fact]
    public void Id_is_base64_of_x509_subject_and_issuer_rendered_like_Go_cid()
    {
        var identity = ClientIdentity.FromCreator(TestIdentity.Create("Org1MSP", "alice").ToSerializedIdentity());

        Assert.Equal("x509::CN=alice,OU=client,O=Org1MSP::CN=ca.org1msp,O=Org1MSP", Decode(identity.GetId()));
        Assert.Equal("eDUwOTo6Q049YWxpY2UsT1U9Y2xpZW50LE89T3JnMU1TUDo6Q049Y2Eub3JnMW1zcCxPPU9yZzFNU1A=", identity.GetId());
        Assert.Equal("Org1MSP", identity.GetMspId());
        Assert.Equal("Org1MSP", identity.MspId);
    }

    [Fact]
    public void Name_is_rendered_in_Gos_fixed_field_order_and_attributes_Go_does_not_know_are_left_out()
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("US");
        subject.AddStateOrProvinceName("North Carolina");
        subject.AddLocalityName("Durham");
        subject.AddOrganizationName("Hyperledger");
        subject.AddOrganizationalUnitName("client");
        subject.AddCommonName("user1");
        subject.AddEmailAddress("user1@example.org");

        var identity = ClientIdentity.FromCreator(Creator("Org1MSP", subject.Build()));

        Assert.Equal("CN=user1,OU=client,O=Hyperledger,L=Durham,ST=North Carolina,C=US", identity.Subject);
        Assert.Equal(identity.Subject, identity.Issuer);
    }

    [Fact]
    public void Rendering_does_not_depend_on_the_order_of_names_in_the_certificate()
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName("user1");
        subject.AddOrganizationalUnitName("client");
        subject.AddOrganizationName("Hyperledger");
        subject.AddCountryOrRegion("US");

        var identity = ClientIdentity.FromCreator(Creator("Org1MSP", subject.Build()));

        Assert.Equal("CN=user1,OU=client,O=Hyperledger,C=US", identity.Subject);
    }

    [Fact]
    public void Multi_valued_RDNs_are_folded_and_the_last_common_name_wins()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSetOf())
            {
                WriteAttribute(writer, "2.5.4.11", "b");
                WriteAttribute(writer, "2.5.4.11", "a");
            }

            using (writer.PushSetOf())
            {
                WriteAttribute(writer, "2.5.4.3", "first");
            }

            using (writer.PushSetOf())
            {
                WriteAttribute(writer, "2.5.4.3", "second");
            }
        }

        var identity = ClientIdentity.FromCreator(Creator("Org1MSP", new X500DistinguishedName(writer.Encode())));

        Assert.Equal("CN=second,OU=a+OU=b", identity.Subject);
    }

    [Fact]
    public void Repeated_attribute_types_in_separate_RDNs_are_joined_by_plus_in_certificate_order()
    {
        // The shape of a Fabric CA enrollment certificate: one RDN per OU.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var (oid, value) in new[] { ("2.5.4.11", "client"), ("2.5.4.11", "org1"), ("2.5.4.11", "department1"), ("2.5.4.3", "appUser") })
            {
                using (writer.PushSetOf())
                {
                    WriteAttribute(writer, oid, value);
                }
            }
        }

        var identity = ClientIdentity.FromCreator(Creator("Org1MSP", new X500DistinguishedName(writer.Encode())));

        Assert.Equal("CN=appUser,OU=client+OU=org1+OU=department1", identity.Subject);
    }

    private static void WriteAttribute(AsnWriter writer, string oid, string value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        }
    }

    [Theory]
    [InlineData("a,b+c", "CN=a\\,b\\+c")]
    [InlineData("#lead", "CN=\\#lead")]
    [InlineData(" space ", "CN=\\ space\\ ")]
    [InlineData("q\"<>;\\", "CN=q\\\"\\<\\>\\;\\\\")]
    [InlineData("mid#dle", "CN=mid#dle")]
    public void Special_characters_are_escaped_like_Go(string commonName, string expected)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);

        Assert.Equal(expected, ClientIdentity.FromCreator(Creator("Org1MSP", subject.Build())).Subject);
    }

    [Fact]
    public void Fabric_CA_attributes_are_read_from_the_certificate_extension()
    {
        var identity = ClientIdentity.FromCreator(TestIdentity.Create("Org1MSP", "alice", new Dictionary<string, string> { ["role"] = "auditor", ["hf.EnrollmentID"] = "alice" }).ToSerializedIdentity());

        Assert.Equal("auditor", identity.GetAttributeValue("role"));
        Assert.Equal("alice", identity.GetAttributeValue("hf.EnrollmentID"));
        Assert.Null(identity.GetAttributeValue("Role"));
        Assert.True(identity.HasAttributeValue("role", "auditor"));
        Assert.False(identity.HasAttributeValue("role", "Auditor"));
        identity.AssertAttributeValue("role", "auditor");
        Assert.Equal("Access denied: the client's attribute 'role' is 'auditor', not 'admin'.", Assert.Throws<ChaincodeException>(() => identity.AssertAttributeValue("role", "admin")).Message);
        Assert.Equal("Access denied: the client's certificate has no attribute 'unit' (required value 'x').", Assert.Throws<ChaincodeException>(() => identity.AssertAttributeValue("unit", "x")).Message);
    }

    [Fact]
    public void Certificate_without_attribute_extension_has_no_attributes()
    {
        var identity = ClientIdentity.FromCreator(TestIdentity.Create("Org2MSP", "bob").ToSerializedIdentity());

        Assert.Empty(identity.Attributes);
        Assert.Null(identity.GetAttributeValue("role"));
    }

    [Fact]
    public void Organisational_units_can_be_checked()
    {
        var identity = ClientIdentity.FromCreator(TestIdentity.Create("Org1MSP", "p", organizationalUnits: ["peer", "org1"]).ToSerializedIdentity());

        Assert.True(identity.HasOUValue("peer"));
        Assert.True(identity.HasOUValue("org1"));
        Assert.False(identity.HasOUValue("client"));
    }

    [Fact]
    public void X509_certificate_and_id_bytes_are_those_of_the_creator()
    {
        var test = TestIdentity.Create("Org1MSP", "carol");
        var identity = ClientIdentity.FromCreator(test.ToSerializedIdentity());

        using var certificate = identity.GetX509Certificate();
        using var expected = test.GetCertificate();

        Assert.Equal(expected.Thumbprint, certificate.Thumbprint);
        Assert.Equal(test.CertificatePem, Encoding.ASCII.GetString(identity.IdBytes.Span));
    }

    public static TheoryData<byte[], string> MalformedCreators() => new()
    {
        { [], "The transaction has no creator identity." },
        { [0x0A, 0x05, 0x41], "The transaction creator is not a valid msp.SerializedIdentity." },
        { Creator("Org1MSP", "not a certificate"u8.ToArray()), "The creator's identity bytes are not a PEM certificate (Idemix identities are not supported)." },
        { Creator("Org1MSP", Encoding.ASCII.GetBytes(PemEncoding.WriteString("PRIVATE KEY", [1, 2, 3]))), "The creator's identity holds a PEM 'PRIVATE KEY' block, not a CERTIFICATE." },
        { Creator("Org1MSP", Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE", [0x30, 0x03, 0x02, 0x01, 0x01]))), "The creator's certificate cannot be parsed as X.509." },
        { Creator("Org1MSP", new X500DistinguishedName("CN=x"), new X509Extension(ClientIdentity.AttributesExtensionOid, "{not json"u8.ToArray(), false)), "The certificate's Fabric CA attribute extension is not valid JSON." },
        { Creator("Org1MSP", new X500DistinguishedName("CN=x"), new X509Extension(ClientIdentity.AttributesExtensionOid, """{"attrs":{"n":1}}"""u8.ToArray(), false)), "The Fabric CA attribute 'n' is not a string." },
        { Creator("Org1MSP", new X500DistinguishedName("CN=x"), new X509Extension(ClientIdentity.AttributesExtensionOid, """{"attrs":[]}"""u8.ToArray(), false)), "The 'attrs' member of the certificate's Fabric CA attribute extension is not a JSON object." },
    };

    [Theory]
    [MemberData(nameof(MalformedCreators))]
    public void Malformed_creator_is_rejected_with_a_clear_FormatException(byte[] creator, string expected) =>
        Assert.Equal(expected, Assert.Throws<FormatException>(() => ClientIdentity.FromCreator(creator)).Message);

    [Fact]
    public async Task Contract_can_deny_a_client_by_attribute_and_nothing_is_written()
    {
        await using var host = Hosts.Assets();
        host.Identity = TestIdentity.Create("Org1MSP", "eve", new Dictionary<string, string> { ["role"] = "clerk" });

        var denied = await host.SubmitAsync("assets:Restricted", ["k"]);
        var allowed = await host.InvokeAsync(new TestTransaction
        {
            Function = "assets:Restricted",
            Args = ["k"],
            Identity = TestIdentity.Create("Org1MSP", "ann", new Dictionary<string, string> { ["role"] = "auditor" }),
        });

        Assert.Equal("Access denied: the client's attribute 'role' is 'clerk', not 'auditor'.", denied.Message);
        Assert.True(allowed.EnsureSuccess().Committed);
        Assert.Single(host.Ledger.Transactions);
    }

    [Fact]
    public async Task Context_exposes_the_client_identity_of_the_transaction()
    {
        await using var host = Hosts.Assets();
        host.Identity = TestIdentity.Create("Org2MSP", "dave");

        var result = await host.EvaluateAsync("assets:WhoAmI");

        Assert.Equal("x509::CN=dave,OU=client,O=Org2MSP::CN=ca.org2msp,O=Org2MSP", Decode(result.EnsureSuccess().PayloadText));
    }

    [Fact]
    public async Task Malformed_creator_fails_only_transactions_that_use_the_identity()
    {
        await using var host = Hosts.Assets();
        var stub = host.Ledger.CreateStub("assets:WhoAmI");
        stub.Creator = [0x0A, 0x05, 0x41];
        var other = host.Ledger.CreateStub("Greeter:Hello", "x");
        other.Creator = [0x0A, 0x05, 0x41];

        var usesIdentity = await host.Chaincode.InvokeAsync(stub, CancellationToken.None);
        var ignoresIdentity = await host.Chaincode.InvokeAsync(other, CancellationToken.None);

        Assert.Equal("The transaction creator is not a valid msp.SerializedIdentity.", usesIdentity.Message);
        Assert.True(ignoresIdentity.IsSuccess);
    }
}
