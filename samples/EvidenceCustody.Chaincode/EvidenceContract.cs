using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FabricEvidence.Chaincode;

namespace EvidenceCustody;

/// <summary>
/// Records evidence by digest and tracks its custody. Registration needs an investigator; custody moves only when the
/// holding organisation offers it and the receiving organisation accepts, so both sides sign the transfer.
/// </summary>
/// <remarks>
/// Transactions are static because they keep no state between calls (CA1822); instance methods work the same way.
/// Every timestamp comes from the transaction, never from the clock, so all endorsing peers compute the same result.
/// </remarks>
[Contract(Name = "custody")]
[Info(Title = "Evidence custody", Description = "Digests and custody of evidence items", License = "Apache-2.0")]
public sealed class EvidenceContract : Contract
{
    /// <summary>The private data collection holding <see cref="PrivateDetails"/>.</summary>
    public const string PrivateCollection = "evidencePrivateDetails";

    /// <summary>The transient data key under which clients pass <see cref="PrivateDetails"/> as JSON.</summary>
    public const string DetailsTransientKey = "details";

    private const string CaseIndex = "case~evidence";
    private const string RoleAttribute = "role";

    /// <summary>Registers an evidence item held by the caller's organisation.</summary>
    [Transaction]
    [return: Returns("The registered record")]
    public static async Task<EvidenceItem> Register(
        Context context,
        [Param("Evidence id, unique on the channel")] string id,
        [Param("Case id")] string caseId,
        [Param("Lowercase hex SHA-256 of the evidence file")] string digest,
        [Param("Short public description")] string description)
    {
        context.ClientIdentity.AssertAttributeValue(RoleAttribute, "investigator");
        RequireId(id, nameof(id));
        RequireId(caseId, nameof(caseId));
        if (digest.Length != 64 || !digest.All(Uri.IsHexDigit) || digest.Any(char.IsUpper))
        {
            throw new ChaincodeException($"The digest '{digest}' is not a lowercase hex SHA-256.");
        }

        var stub = context.Stub;
        if (await stub.GetStateAsync(id) is not null)
        {
            throw new ChaincodeException($"Evidence {id} is already registered.");
        }

        string? detailsHash = null;
        if (stub.Transient.TryGetValue(DetailsTransientKey, out var details))
        {
            // Parsed to reject malformed input; stored as given so the hash matches what the client computed.
            ParseDetails(details);
            await stub.PutPrivateDataAsync(PrivateCollection, id, details);
            detailsHash = Convert.ToHexStringLower(SHA256.HashData(details));
        }

        var item = new EvidenceItem(id, caseId, digest, description, context.ClientIdentity.MspId, context.ClientIdentity.GetId(), stub.TxTimestamp, CustodyStatus.Held, PrivateDetailsHash: detailsHash);
        await stub.PutStateAsync(id, ChaincodeJson.Serialize(item));
        await stub.PutStateAsync(stub.CreateCompositeKey(CaseIndex, [caseId, id]), [0]);
        stub.SetEvent("EvidenceRegistered", ChaincodeJson.Serialize(new { id, caseId, digest }));
        return item;
    }

    /// <summary>Reads an evidence record.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<EvidenceItem> Read(Context context, string id) => await ReadItemAsync(context, id);

    /// <summary>Whether <paramref name="digest"/> is the registered digest of the item.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<bool> VerifyDigest(Context context, string id, string digest) =>
        string.Equals((await ReadItemAsync(context, id)).Digest, digest, StringComparison.Ordinal);

    /// <summary>Offers custody to another organisation; only the holder can.</summary>
    [Transaction]
    public static async Task<EvidenceItem> OfferTransfer(Context context, string id, [Param("MSP id of the receiving organisation")] string toMspId)
    {
        var item = await ReadItemAsync(context, id);
        RequireHolder(context, item);
        if (item.Status != CustodyStatus.Held)
        {
            throw new ChaincodeException($"Evidence {id} already has a transfer pending to {item.PendingHolder}.");
        }

        if (string.Equals(toMspId, item.Holder, StringComparison.Ordinal) || toMspId.Length == 0)
        {
            throw new ChaincodeException($"Custody of {id} cannot be offered to '{toMspId}'.");
        }

        var offered = item with { Status = CustodyStatus.TransferPending, PendingHolder = toMspId };
        await context.Stub.PutStateAsync(id, ChaincodeJson.Serialize(offered));
        context.Stub.SetEvent("TransferOffered", ChaincodeJson.Serialize(new { id, from = item.Holder, to = toMspId }));
        return offered;
    }

    /// <summary>Accepts an offered transfer; only a custodian of the receiving organisation can.</summary>
    [Transaction]
    public static async Task<EvidenceItem> AcceptTransfer(Context context, string id)
    {
        var item = await ReadItemAsync(context, id);
        var caller = context.ClientIdentity;
        if (item.Status != CustodyStatus.TransferPending || !string.Equals(item.PendingHolder, caller.MspId, StringComparison.Ordinal))
        {
            throw new ChaincodeException($"No transfer of {id} to {caller.MspId} is pending.");
        }

        caller.AssertAttributeValue(RoleAttribute, "custodian");
        var accepted = item with { Holder = caller.MspId, Status = CustodyStatus.Held, PendingHolder = null };
        await context.Stub.PutStateAsync(id, ChaincodeJson.Serialize(accepted));
        context.Stub.SetEvent("TransferAccepted", ChaincodeJson.Serialize(new { id, from = item.Holder, to = caller.MspId }));
        return accepted;
    }

    /// <summary>The custody history of an item, oldest first.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<List<CustodyEntry>> History(Context context, string id)
    {
        var entries = new List<CustodyEntry>();
        await foreach (var change in context.Stub.GetHistoryForKey(id))
        {
            if (!change.IsDelete)
            {
                var item = ChaincodeJson.Deserialize<EvidenceItem>(change.Value);
                entries.Add(new CustodyEntry(change.TxId, change.Timestamp, item.Holder, item.Status));
            }
        }

        entries.Reverse();
        return entries;
    }

    /// <summary>One page of the evidence of a case, in id order.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<EvidencePage> ListByCase(Context context, string caseId, [Param("1 to 100")] int pageSize, [Param("Empty for the first page")] string bookmark)
    {
        if (pageSize is < 1 or > 100)
        {
            throw new ChaincodeException("The page size must be between 1 and 100.");
        }

        var page = await context.Stub.GetStateByPartialCompositeKeyWithPaginationAsync(CaseIndex, [caseId], pageSize, bookmark);
        var items = new List<EvidenceItem>();
        foreach (var entry in page.Records)
        {
            items.Add(await ReadItemAsync(context, context.Stub.SplitCompositeKey(entry.Key).Attributes[1]));
        }

        return new EvidencePage(items, page.Bookmark);
    }

    /// <summary>Evidence whose id is in [<paramref name="fromId"/>, <paramref name="toId"/>).</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<List<EvidenceItem>> ListRange(Context context, string fromId, string toId)
    {
        var items = new List<EvidenceItem>();
        await foreach (var entry in context.Stub.GetStateByRange(fromId, toId))
        {
            items.Add(ChaincodeJson.Deserialize<EvidenceItem>(entry.Value));
        }

        return items;
    }

    /// <summary>The private details of an item, for members of the collection.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<PrivateDetails> ReadPrivateDetails(Context context, string id)
    {
        var details = await context.Stub.GetPrivateDataAsync(PrivateCollection, id)
            ?? throw new ChaincodeException($"No private details of {id} are available on this peer.");
        return ParseDetails(details);
    }

    /// <summary>Whether the hash of the private details on the channel matches the one in the public record (works for non-members).</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<bool> VerifyPrivateDetails(Context context, string id)
    {
        var item = await ReadItemAsync(context, id);
        var hash = await context.Stub.GetPrivateDataHashAsync(PrivateCollection, id);
        return hash is not null && string.Equals(Convert.ToHexStringLower(hash), item.PrivateDetailsHash, StringComparison.Ordinal);
    }

    private static async Task<EvidenceItem> ReadItemAsync(Context context, string id)
    {
        var value = await context.Stub.GetStateAsync(id) ?? throw new ChaincodeException($"Evidence {id} is not registered.");
        return ChaincodeJson.Deserialize<EvidenceItem>(value);
    }

    private static void RequireHolder(Context context, EvidenceItem item)
    {
        if (!string.Equals(context.ClientIdentity.MspId, item.Holder, StringComparison.Ordinal))
        {
            throw new ChaincodeException($"Only the holder ({item.Holder}) can transfer custody of {item.Id}.");
        }
    }

    private static void RequireId(string value, string name)
    {
        if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ChaincodeException($"The {name} '{value}' must be 1 to 64 ASCII letters, digits, '-', '_' or '.'.");
        }
    }

    private static PrivateDetails ParseDetails(byte[] details)
    {
        try
        {
            return ChaincodeJson.Deserialize<PrivateDetails>(details);
        }
        catch (JsonException ex)
        {
            throw new ChaincodeException($"The transient '{DetailsTransientKey}' is not valid private details JSON: {ex.Message}", ex);
        }
    }
}
