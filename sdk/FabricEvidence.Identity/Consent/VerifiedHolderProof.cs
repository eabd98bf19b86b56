namespace FabricEvidence.Identity;

/// <summary>A holder proof whose signature verified; its time is as signed, still to be compared with a clock.</summary>
/// <param name="CredentialId">The credential.</param>
/// <param name="Action">The action.</param>
/// <param name="Target">What the action is about; empty when nothing more.</param>
/// <param name="IssuedAt">When the holder signed.</param>
/// <param name="HolderKeyThumbprint">The RFC 7638 thumbprint of the key that signed.</param>
public sealed record VerifiedHolderProof(string CredentialId, string Action, string Target, DateTimeOffset IssuedAt, string HolderKeyThumbprint);
