namespace FabricEvidence.Cli.Internal;

/// <summary>Where the storage service is: <c>--storage-url</c>, else <c>$EVIDENCE_STORAGE_URL</c>.</summary>
internal static class StorageUrls
{
    public static Uri Resolve(string? option, CliEnvironment environment)
    {
        var text = option ?? environment.Variable("EVIDENCE_STORAGE_URL");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliException(ExitCodes.Usage, "No storage service: pass --storage-url http://host:port or set EVIDENCE_STORAGE_URL.");
        }

        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(ExitCodes.Usage, $"--storage-url '{text}' is not an http(s) URL; pass e.g. http://127.0.0.1:5080.");
        }

        return uri;
    }
}
