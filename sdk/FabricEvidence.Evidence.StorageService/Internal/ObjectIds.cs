namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>Evidence ids as the contract accepts them: 1 to 64 of <c>[A-Za-z0-9._-]</c>, starting with a letter or digit.</summary>
internal static class ObjectIds
{
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public static string Describe(string id) =>
        $"An evidence id is 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit; got {(id.Length > 64 ? $"{id.Length} characters" : $"'{id}'")}.";
}
