using System.Reflection;
using Client = FabricEvidence.Evidence;
using Contract = FabricEvidence.Evidence.Contract;

namespace FabricEvidence.Evidence.Tests;

/// <summary>
/// The client restates the contract's wire types instead of referencing the chaincode package (applications must not
/// depend on chaincode). These tests keep the two from drifting apart: every event type, enum member, error code and
/// record member of the contract has its counterpart in the client, by the name the JSON carries.
/// </summary>
public sealed class ContractConformanceTests
{
    public static TheoryData<Type, Type> RecordPairs()
    {
        var data = new TheoryData<Type, Type>();
        foreach (var clientType in typeof(Client.EvidenceClient).Assembly.GetExportedTypes()
                     .Where(t => t.Namespace == "FabricEvidence.Evidence" && t.IsClass && !t.IsAbstract && IsRecord(t))
                     .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var contractType = typeof(Contract.EvidenceContract).Assembly.GetType("FabricEvidence.Evidence.Contract." + clientType.Name);
            if (contractType is not null)
            {
                data.Add(clientType, contractType);
            }
        }

        return data;
    }

    [Fact]
    public void The_pairs_cover_the_records_a_client_reads()
    {
        var names = RecordPairs().Select(row => ((Type)row[0]).Name).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[] { "EvidenceRecord", "HistoryEntry", "AccessRecord", "IntegrityCheck", "TransferOffer", "LegalHold", "DisposalRecord", "StorageReceipt", "PartyAction", "DigestVerification", "PrivateDetails" })
        {
            Assert.Contains(expected, names);
        }
    }

    // Members the client reads but deliberately does not expose: the origin's salt is generated and checked by the
    // client (it only makes the public hash unguessable), so applications never handle it.
    private static readonly HashSet<(string Type, string Member)> Hidden = [("EvidenceOrigin", "salt")];

    [Theory]
    [MemberData(nameof(RecordPairs))]
    public void Every_member_the_contract_writes_is_read_by_the_client(Type clientType, Type contractType)
    {
        var client = JsonNames(clientType);
        var missing = JsonNames(contractType).Where(name => !client.Contains(name) && !Hidden.Contains((clientType.Name, name))).ToList();
        Assert.True(missing.Count == 0, $"{clientType.Name}: the contract writes {string.Join(", ", missing)}, which the client's record does not have.");
    }

    [Fact]
    public void Event_types_are_the_same()
    {
        Assert.Equal(Constants(typeof(Contract.EvidenceEventTypes)), Constants(typeof(Client.EvidenceEventTypes)));
    }

    [Theory]
    [InlineData(typeof(Client.EvidenceState), typeof(Contract.EvidenceState))]
    [InlineData(typeof(Client.IntegrityResult), typeof(Contract.IntegrityResult))]
    [InlineData(typeof(Client.PrivateDataStatus), typeof(Contract.PrivateDataStatus))]
    public void Enums_have_the_same_members(Type clientEnum, Type contractEnum)
    {
        Assert.Equal(Enum.GetNames(contractEnum).Order(StringComparer.Ordinal), Enum.GetNames(clientEnum).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_error_code_of_the_contract_maps_to_a_client_code()
    {
        var clientCodes = Enum.GetNames<Client.EvidenceErrorCode>().Select(Kebab).ToHashSet(StringComparer.Ordinal);
        var contractCodes = Constants(typeof(Contract.EvidenceErrorCodes)).Values;
        Assert.All(contractCodes, code => Assert.Contains(code, clientCodes));
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static HashSet<string> JsonNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .ToHashSet(StringComparer.Ordinal);

    private static SortedDictionary<string, string> Constants(Type type) =>
        new(type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!), StringComparer.Ordinal);

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
