using System.Security.Cryptography;
using FabricEvidence.Chaincode.Testing;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>The certificates of the tests, one per organisation and role; generated once per test run.</summary>
internal static class Parties
{
    public static readonly TestIdentity Investigator1 = Create("Org1MSP", "inv1", EvidenceRoles.Investigator);
    public static readonly TestIdentity Investigator2 = Create("Org2MSP", "inv2", EvidenceRoles.Investigator);
    public static readonly TestIdentity Storage1 = Create("Org1MSP", "storage1", EvidenceRoles.Storage);
    public static readonly TestIdentity Storage2 = Create("Org2MSP", "storage2", EvidenceRoles.Storage);
    public static readonly TestIdentity Custodian1 = Create("Org1MSP", "cust1", EvidenceRoles.Custodian);
    public static readonly TestIdentity Custodian2 = Create("Org2MSP", "cust2", EvidenceRoles.Custodian);
    public static readonly TestIdentity Custodian3 = Create("Org3MSP", "cust3", EvidenceRoles.Custodian);
    public static readonly TestIdentity Prosecutor1 = Create("Org1MSP", "pros1", EvidenceRoles.Prosecutor);
    public static readonly TestIdentity Prosecutor2 = Create("Org2MSP", "pros2", EvidenceRoles.Prosecutor);
    public static readonly TestIdentity Judge = Create("CourtMSP", "judge", EvidenceRoles.Judge);
    public static readonly TestIdentity Clerk = Create("Org1MSP", "clerk", "clerk");
    public static readonly TestIdentity NoRole = TestIdentity.Create("Org1MSP", "norole");

    public static string Fingerprint(TestIdentity identity)
    {
        using var certificate = identity.GetCertificate();
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }

    private static TestIdentity Create(string mspId, string name, string role) =>
        TestIdentity.Create(mspId, name, new Dictionary<string, string> { [EvidenceRoles.Attribute] = role });
}
