namespace FabricEvidence.Evidence;

/// <summary>An open custody transfer offer.</summary>
/// <param name="ToMspId">The receiving organisation.</param>
/// <param name="Purpose">Why custody is offered.</param>
/// <param name="Offered">The holder's offer transaction.</param>
public sealed record TransferOffer(string ToMspId, string Purpose, PartyAction Offered);
