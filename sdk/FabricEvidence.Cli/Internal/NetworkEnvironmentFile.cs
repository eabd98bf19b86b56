namespace FabricEvidence.Cli.Internal;

/// <summary>The <c>network.env</c> that <c>network/network.sh up</c> writes: peer addresses, TLS CAs, MSP folders of its users.</summary>
internal sealed class NetworkEnvironmentFile
{
    private readonly Dictionary<string, string> _values;

    private NetworkEnvironmentFile(string path, Dictionary<string, string> values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public string? this[string key] => _values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public static NetworkEnvironmentFile Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[trimmed[..equals]] = trimmed[(equals + 1)..];
            }
        }

        return new NetworkEnvironmentFile(path, values);
    }

    /// <summary>The organisation number (1, 2) whose MSP id is <paramref name="mspId"/>, if any.</summary>
    public int? OrganisationOf(string mspId)
    {
        for (var org = 1; this[$"NETWORK_ORG{org}_MSP_ID"] is { } id; org++)
        {
            if (string.Equals(id, mspId, StringComparison.Ordinal))
            {
                return org;
            }
        }

        return null;
    }
}
