using System.Text.Json;

namespace FabricEvidence.Cli.Internal;

/// <summary>
/// What the tool reads from a Fabric common connection profile (JSON): the client's organisation and its MSP id, and
/// that organisation's first peer with its URL, TLS CA (inline <c>pem</c> or <c>path</c>) and host-name override.
/// </summary>
internal sealed record ConnectionProfile(string MspId, string PeerUrl, string? TlsCaPem, string? ServerNameOverride)
{
    public static ConnectionProfile Load(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"The connection profile '{path}' is not JSON ({ex.Message}); pass a Fabric connection profile in JSON.");
        }

        CliException Missing(string what) => new(ExitCodes.Usage, $"The connection profile '{path}' has no {what}; add it or pass the value as an option.");

        var organisation = Text(root, "client", "organization") ?? throw Missing("client.organization");
        var orgElement = Child(root, "organizations", organisation) ?? throw Missing($"organizations.{organisation}");
        var mspId = Text(orgElement, "mspid") ?? throw Missing($"organizations.{organisation}.mspid");
        var peerName = Child(orgElement, "peers") is { ValueKind: JsonValueKind.Array } peers && peers.GetArrayLength() > 0
            ? peers[0].GetString() ?? throw Missing($"organizations.{organisation}.peers[0]")
            : throw Missing($"organizations.{organisation}.peers");
        var peer = Child(root, "peers", peerName) ?? throw Missing($"peers.{peerName}");
        var url = Text(peer, "url") ?? throw Missing($"peers.{peerName}.url");
        if (url.StartsWith("grpcs://", StringComparison.OrdinalIgnoreCase))
        {
            url = "https://" + url["grpcs://".Length..];
        }
        else if (url.StartsWith("grpc://", StringComparison.OrdinalIgnoreCase))
        {
            url = "http://" + url["grpc://".Length..];
        }

        var pem = Text(peer, "tlsCACerts", "pem");
        if (pem is null && Text(peer, "tlsCACerts", "path") is { } caPath)
        {
            var full = System.IO.Path.IsPathRooted(caPath) ? caPath : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, caPath);
            pem = File.Exists(full) ? File.ReadAllText(full) : throw new CliException(ExitCodes.NotFound, $"The TLS CA '{full}' named by the connection profile does not exist; fix peers.{peerName}.tlsCACerts.path.");
        }

        return new ConnectionProfile(mspId, url, pem, Text(peer, "grpcOptions", "ssl-target-name-override"));
    }

    private static JsonElement? Child(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }

    private static string? Text(JsonElement element, params string[] names) =>
        Child(element, names) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
