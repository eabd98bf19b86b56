using System.Reflection;
using System.Text.Json.Serialization;

namespace FabricEvidence.TestSupport;

/// <summary>
/// Compares a typed client's restated wire types with the contract's own, by the names the JSON carries: the clients
/// must not reference chaincode packages, so tests keep the two from drifting apart.
/// </summary>
public static class WireConformance
{
    /// <summary>Each public record of <paramref name="clientNamespace"/> that has a type of the same name in <paramref name="contractNamespace"/>.</summary>
    public static IReadOnlyList<(Type Client, Type Contract)> RecordPairs(Assembly client, string clientNamespace, Assembly contract, string contractNamespace) =>
        client.GetExportedTypes()
            .Where(t => t.Namespace == clientNamespace && t.IsClass && !t.IsAbstract && t.GetMethod("<Clone>$") is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (Client: t, Contract: contract.GetType(contractNamespace + "." + t.Name)))
            .Where(pair => pair.Contract is not null)
            .Select(pair => (pair.Client, pair.Contract!))
            .ToList();

    /// <summary>The JSON member names the contract's type writes that the client's type does not read.</summary>
    public static IReadOnlyList<string> MissingMembers(Type client, Type contract)
    {
        var read = JsonNames(client);
        return JsonNames(contract).Where(name => !read.Contains(name)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A static class's public string constants, by field name.</summary>
    public static SortedDictionary<string, string> StringConstants(Type type) =>
        new(type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!), StringComparer.Ordinal);

    /// <summary>An enum's member names, sorted.</summary>
    public static IReadOnlyList<string> EnumNames(Type type) => Enum.GetNames(type).Order(StringComparer.Ordinal).ToList();

    /// <summary>The kebab-case wire form of a PascalCase enum member (<c>InvalidArgument</c> → <c>invalid-argument</c>).</summary>
    public static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    private static HashSet<string> JsonNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .ToHashSet(StringComparer.Ordinal);
}
