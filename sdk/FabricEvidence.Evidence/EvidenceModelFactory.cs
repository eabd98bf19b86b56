using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Evidence;

/// <summary>Builds the client's result types for tests of your own code, with sensible values for what you leave out.</summary>
public static class EvidenceModelFactory
{
    /// <summary>A party action.</summary>
    /// <param name="mspId">The organisation.</param>
    /// <param name="role">The role.</param>
    /// <param name="txId">The transaction; a fixed id by default.</param>
    /// <param name="timestamp">The time; 2026-01-01T00:00:00Z by default.</param>
    /// <returns>The action.</returns>
    public static PartyAction PartyAction(string mspId = "Org1MSP", string role = "investigator", string? txId = null, DateTimeOffset? timestamp = null) =>
        new(mspId, role, new string('a', 64), txId ?? new string('1', 64), Timestamp.FromDateTimeOffset(timestamp ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    /// <summary>An evidence record.</summary>
    /// <param name="id">The id.</param>
    /// <param name="state">The state.</param>
    /// <param name="holder">The holder.</param>
    /// <param name="digest">The digest; a fixed one by default.</param>
    /// <param name="algorithm">The algorithm; SHA-256 by default.</param>
    /// <param name="holds">Holds in force; none by default.</param>
    /// <param name="storage">The storage receipt; one matching the digest when the state is not Submitted, by default.</param>
    /// <returns>The record.</returns>
    public static EvidenceRecord EvidenceRecord(
        string id = "EV-1",
        EvidenceState state = EvidenceState.Stored,
        string holder = "Org1MSP",
        string? digest = null,
        DigestAlgorithm? algorithm = null,
        IReadOnlyList<LegalHold>? holds = null,
        StorageReceipt? storage = null)
    {
        var submitted = PartyAction();
        digest ??= new string('0', 64);
        var receipt = storage ?? (state == EvidenceState.Submitted ? null : new StorageReceipt(digest, 1024, "file://store/" + id, "v1", state != EvidenceState.Rejected, PartyAction(role: "storage")));
        return new EvidenceRecord(
            id, "CASE-1", "Test item", (algorithm ?? DigestAlgorithm.Sha256).Name, digest, 1024, "application/octet-stream",
            Timestamp.FromDateTimeOffset(new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero)), state, holder, submitted, new string('b', 64),
            new LastChange(receipt is null ? EvidenceEventTypes.EvidenceSubmitted : EvidenceEventTypes.StorageConfirmed, receipt?.Confirmed ?? submitted),
            holds ?? [])
        {
            Storage = receipt,
        };
    }

    /// <summary>A custody event.</summary>
    /// <param name="type">The type.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="state">The state after it.</param>
    /// <param name="holder">The holder after it.</param>
    /// <returns>The event.</returns>
    public static EvidenceEvent EvidenceEvent(string type = EvidenceEventTypes.EvidenceSubmitted, string evidenceId = "EV-1", EvidenceState state = EvidenceState.Submitted, string holder = "Org1MSP") =>
        new(type, evidenceId, "CASE-1", state, holder, PartyAction());

    /// <summary>A digest verification.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="matches">Whether the digests match.</param>
    /// <returns>The verification.</returns>
    public static DigestVerification DigestVerification(string evidenceId = "EV-1", bool matches = true) =>
        new(evidenceId, "SHA-256", new string(matches ? '0' : 'f', 64), new string('0', 64), matches, EvidenceState.Stored, true, false, false);
}
