using System.Text;

namespace FabricEvidence.Verification;

/// <summary>State keys as chaincode writes them, for naming an item's record in a bundle.</summary>
public static class RecordKeys
{
    /// <summary>The object type of the evidence contract's records: <c>"evidence"</c>.</summary>
    public const string EvidenceObjectType = "evidence";

    /// <summary>
    /// A composite key as Fabric's shims build it: U+0000, the object type, U+0000, then each attribute followed by
    /// U+0000.
    /// </summary>
    /// <param name="objectType">The object type.</param>
    /// <param name="attributes">The attributes, in order.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Composite(string objectType, params string[] attributes)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(attributes);
        var key = new StringBuilder().Append('\0').Append(objectType).Append('\0');
        foreach (var attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute, nameof(attributes));
            key.Append(attribute).Append('\0');
        }

        return key.ToString();
    }

    /// <summary>The key of an evidence contract record: <c>Composite("evidence", id)</c>.</summary>
    /// <param name="itemId">The item's id.</param>
    /// <returns>The key.</returns>
    public static string EvidenceRecord(string itemId) => Composite(EvidenceObjectType, itemId);
}
