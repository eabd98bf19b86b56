using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FabricEvidence.Identity.Contract.Internal;

/// <summary>
/// The ledger layout. Every key is a composite key, so no argument can reach a key of another kind:
/// <c>identity~config[]</c>; <c>proposal[id]</c>; <c>issuer[issuerId]</c> and <c>issuer~cert[fingerprint]</c> (the
/// active issuer using a certificate); <c>type[vct]</c> (current version) and <c>type~version[vct, version]</c>;
/// <c>credential[id]</c> and <c>credential~hash[issuerSignedJwtHash]</c>; <c>statuslist[uri]</c>,
/// <c>statuslist~open[issuerId, vct]</c> (the list taking new entries) and <c>status[uri, index]</c> (entries that are
/// not valid; absent means valid); <c>consent[id]</c>; <c>verification[credentialId, time, txId]</c> and
/// <c>verification~nonce[verifierMsp, nonce]</c>.
/// </summary>
internal sealed class IdentityStore(IChaincodeStub stub)
{
    public const string ConfigType = "identity~config";
    public const string ProposalType = "proposal";
    public const string IssuerType = "issuer";
    public const string IssuerCertificateIndex = "issuer~cert";
    public const string TypeType = "type";
    public const string TypeVersionType = "type~version";
    public const string CredentialType = "credential";
    public const string CredentialHashIndex = "credential~hash";
    public const string StatusListType = "statuslist";
    public const string OpenStatusListIndex = "statuslist~open";
    public const string StatusEntryType = "status";
    public const string ConsentType = "consent";
    public const string VerificationType = "verification";
    public const string NonceIndex = "verification~nonce";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IChaincodeStub Stub => stub;

    public string Key(string type, params string[] attributes) => stub.CreateCompositeKey(type, attributes);

    public async Task<T?> FindAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        var value = await stub.GetStateAsync(key, cancellationToken).ConfigureAwait(false);
        return value is null ? null : ChaincodeJson.Deserialize<T>(value);
    }

    public Task PutAsync<T>(string key, T value, CancellationToken cancellationToken) =>
        stub.PutStateAsync(key, ChaincodeJson.Serialize(value), cancellationToken);

    public async Task<string?> FindTextAsync(string key, CancellationToken cancellationToken) =>
        await stub.GetStateAsync(key, cancellationToken).ConfigureAwait(false) is { } value ? Encoding.UTF8.GetString(value) : null;

    public Task PutTextAsync(string key, string value, CancellationToken cancellationToken) =>
        stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value), cancellationToken);

    public async Task<RegistryConfig> ConfigAsync(CancellationToken cancellationToken) =>
        await FindAsync<RegistryConfig>(Key(ConfigType), cancellationToken).ConfigureAwait(false)
        ?? throw Errors.WrongState("The registry is not initialised: an administrator of one of its organisations must call Initialize with the organisations first (at deployment, as the chaincode's Init).");

    public async Task<IssuerRecord> IssuerAsync(string issuerId, CancellationToken cancellationToken) =>
        await FindAsync<IssuerRecord>(Key(IssuerType, issuerId), cancellationToken).ConfigureAwait(false)
        ?? throw Errors.NotFound($"No issuer {Input.Show(issuerId)} is registered.");

    public async Task<CredentialType> CurrentTypeAsync(string vct, CancellationToken cancellationToken) =>
        await FindAsync<CredentialType>(Key(TypeType, vct), cancellationToken).ConfigureAwait(false)
        ?? throw Errors.NotFound($"No credential type {Input.Show(vct)} is registered.");

    public async Task<CredentialType> TypeVersionAsync(string vct, int version, CancellationToken cancellationToken) =>
        await FindAsync<CredentialType>(Key(TypeVersionType, vct, Version(version)), cancellationToken).ConfigureAwait(false)
        ?? throw Errors.NotFound($"Version {version} of credential type {Input.Show(vct)} is not registered.");

    public async Task<CredentialRecord> CredentialAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync<CredentialRecord>(Key(CredentialType, id), cancellationToken).ConfigureAwait(false)
        ?? throw Errors.NotFound($"No credential {Input.Show(id)} is recorded.");

    public async Task<ConsentRecord> ConsentAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync<ConsentRecord>(Key(ConsentType, id), cancellationToken).ConfigureAwait(false)
        ?? throw Errors.NotFound($"No consent {Input.Show(id)} is recorded.");

    public async Task<StatusListRecord> StatusListAsync(string uri, CancellationToken cancellationToken) =>
        await FindAsync<StatusListRecord>(Key(StatusListType, uri), cancellationToken).ConfigureAwait(false)
        ?? throw Errors.NotFound($"No status list {Input.Show(uri)} exists.");

    public static string Version(int version) => version.ToString("D10", CultureInfo.InvariantCulture);

    public static string Index(int index) => index.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Appends a record under <c>type[id, time, txId]</c>: time-ordered, never contended by other transactions.</summary>
    public Task AppendAsync<T>(string type, string id, T value, CancellationToken cancellationToken) =>
        stub.PutStateAsync(Key(type, id, stub.TxTimestamp.ToString(), stub.TxId), ChaincodeJson.Serialize(value), cancellationToken);

    /// <summary>One page of appended records, oldest first; bookmarks are base64url of the peer's and must lie inside the queried prefix.</summary>
    public async Task<(List<T> Items, string Bookmark)> AppendedPageAsync<T>(string type, string id, int pageSize, string bookmark, CancellationToken cancellationToken)
    {
        var prefix = Key(type, id);
        var start = string.Empty;
        if (bookmark.Length > 0)
        {
            try
            {
                start = StrictUtf8.GetString(Base64Url.DecodeFromChars(bookmark));
            }
            catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
            {
                throw Errors.InvalidArgument("The bookmark is not one this query returned (not base64url of UTF-8); pass it back unchanged, or empty for the first page.");
            }

            // The peer starts the next page at the bookmark: a forged one must not reach keys outside the queried records.
            if (start.Length <= prefix.Length || !start.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw Errors.InvalidArgument("The bookmark is not one this query returned (it points outside the query's records); pass it back unchanged, or empty for the first page.");
            }
        }

        var page = await stub.GetStateByPartialCompositeKeyWithPaginationAsync(type, [id], pageSize, start, cancellationToken).ConfigureAwait(false);
        var next = page.Bookmark.Length == 0 ? string.Empty : Base64Url.EncodeToString(StrictUtf8.GetBytes(page.Bookmark));
        return (page.Records.Select(r => ChaincodeJson.Deserialize<T>(r.Value)).ToList(), next);
    }
}
