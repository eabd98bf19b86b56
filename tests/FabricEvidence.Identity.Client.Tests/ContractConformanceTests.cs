using FabricEvidence.TestSupport;
using Client = FabricEvidence.Identity.Client;
using Contract = FabricEvidence.Identity.Contract;

namespace FabricEvidence.Identity.Client.Tests;

/// <summary>
/// The typed clients restate the identity contract's wire types instead of referencing the chaincode package; these
/// tests keep them from drifting apart: records, enums, verification results, reason codes and error codes.
/// </summary>
public sealed class ContractConformanceTests
{
    public static TheoryData<Type, Type> RecordPairs()
    {
        var data = new TheoryData<Type, Type>();
        foreach (var (client, contract) in WireConformance.RecordPairs(typeof(Client.IssuerClient).Assembly, "FabricEvidence.Identity.Client", typeof(Contract.IdentityContract).Assembly, "FabricEvidence.Identity.Contract"))
        {
            data.Add(client, contract);
        }

        return data;
    }

    [Fact]
    public void The_pairs_cover_the_records_the_clients_read()
    {
        var names = RecordPairs().Select(row => ((Type)row[0]).Name).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "CredentialRecord", "ConsentRecord", "VerificationRecord", "ChangeProposal", "IssuerRecord", "IssuerSpec", "CredentialType", "RegistryConfig", "StatusListSnapshot", "PartyAction" }, names);
    }

    [Theory]
    [MemberData(nameof(RecordPairs))]
    public void Every_member_the_contract_writes_is_read_by_the_client(Type clientType, Type contractType)
    {
        var missing = WireConformance.MissingMembers(clientType, contractType);
        Assert.True(missing.Count == 0, $"{clientType.Name}: the contract writes {string.Join(", ", missing)}, which the client's record does not have.");
    }

    [Theory]
    [InlineData(typeof(Client.ChangeKind), typeof(Contract.ChangeKind))]
    [InlineData(typeof(Client.CredentialStatus), typeof(Contract.CredentialStatus))]
    [InlineData(typeof(Client.ProposalState), typeof(Contract.ProposalState))]
    public void Enums_have_the_same_members(Type clientEnum, Type contractEnum)
    {
        Assert.Equal(WireConformance.EnumNames(contractEnum), WireConformance.EnumNames(clientEnum));
    }

    [Fact]
    public void Verification_results_and_reason_codes_are_the_same()
    {
        Assert.Equal(WireConformance.StringConstants(typeof(Contract.VerificationResults)).Values.Order(StringComparer.Ordinal),
            WireConformance.StringConstants(typeof(Client.VerificationResults)).Values.Order(StringComparer.Ordinal));
        Assert.Equal(WireConformance.StringConstants(typeof(Contract.StatusReasonCodes)).Values.Order(StringComparer.Ordinal),
            WireConformance.StringConstants(typeof(Client.StatusReasons)).Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_error_code_of_the_contract_maps_to_a_client_code()
    {
        var clientCodes = Enum.GetNames<Client.IdentityErrorCode>().Select(WireConformance.Kebab).ToHashSet(StringComparer.Ordinal);
        Assert.All(WireConformance.StringConstants(typeof(Contract.IdentityErrorCodes)).Values, code => Assert.Contains(code, clientCodes));
    }
}
