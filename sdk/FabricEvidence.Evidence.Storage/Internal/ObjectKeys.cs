namespace FabricEvidence.Evidence.Storage.Internal;

internal static class ObjectKeys
{
    public const int MaxLength = 128;

    /// <summary>Refuses keys that could name anything but one entry of one folder (or one S3 key) on any platform.</summary>
    public static void Validate(string key, string paramName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (!IsValid(key))
        {
            throw new ArgumentException(
                $"An object key is 1 to {MaxLength} characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit; got {Describe(key)}.",
                paramName);
        }
    }

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || !char.IsAsciiLetterOrDigit(key[0]))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(string key) => key.Length > MaxLength ? $"{key.Length} characters" : $"'{key.Replace("\0", "\\0", StringComparison.Ordinal)}'";
}
