namespace FabricEvidence.Evidence.Contract.Internal;

/// <summary>The state rules shared by several transactions, each refusing with <see cref="EvidenceErrorCodes.WrongState"/>.</summary>
internal static class Guards
{
    /// <summary>Refuses unless the item is in one of <paramref name="allowed"/>, saying why in the state's own words.</summary>
    public static void RequireState(EvidenceRecord item, string operation, params EvidenceState[] allowed)
    {
        if (allowed.Contains(item.State))
        {
            return;
        }

        throw Errors.WrongState(item.State switch
        {
            EvidenceState.Submitted => $"Evidence {item.Id} is awaiting storage confirmation; nothing can happen to it before the storage receiver confirms it (cannot {operation}).",
            EvidenceState.Rejected => $"Evidence {item.Id} was rejected by storage in transaction {item.Storage?.Confirmed.TxId} (the digests or sizes differ); only holds, retention, disposal and invalidation apply to it (cannot {operation}).",
            EvidenceState.Disposed => $"Evidence {item.Id} was disposed of in transaction {item.Disposal?.Approved?.TxId}; only its tombstone remains (cannot {operation}).",
            _ => $"Evidence {item.Id} is {item.State}; cannot {operation}.",
        });
    }

    /// <summary>Refuses while a legal hold is in force.</summary>
    public static void RequireNotHeld(EvidenceRecord item, string operation)
    {
        if (item.Holds.Count > 0)
        {
            throw Errors.WrongState($"Evidence {item.Id} is under legal hold ({string.Join(", ", item.Holds.Select(h => h.HoldId))}); it can be neither transferred nor disposed of (cannot {operation}).");
        }
    }

    /// <summary>Refuses before the retention date.</summary>
    public static void RequireRetentionExpired(EvidenceRecord item, Chaincode.FabricTimestamp now, string operation)
    {
        if (now < item.RetainUntil)
        {
            throw Errors.WrongState($"Evidence {item.Id} must be retained until {item.RetainUntil}; it is {now} (cannot {operation}).");
        }
    }
}
