namespace FabricEvidence.Identity.Client;

/// <summary>A presentation to verify and record, with what the verifier asked for.</summary>
public sealed class VerifyPresentationRequest
{
    /// <summary>The presentation (SD-JWT with the chosen disclosures and a key binding JWT), as the holder sent it.</summary>
    public required string Presentation { get; init; }

    /// <summary>The nonce the verifier gave the holder (<see cref="VerifierClient.CreateNonce"/>); used once.</summary>
    public required string Nonce { get; init; }

    /// <summary>The holder's consent the verification is recorded under.</summary>
    public required string ConsentId { get; init; }

    /// <summary>The purpose code; it must be the consent's.</summary>
    public required string Purpose { get; init; }
}
