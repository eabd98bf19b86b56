using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>An open offer of custody to another organisation.</summary>
/// <param name="ToMspId">The organisation custody is offered to; one of its custodians must accept.</param>
/// <param name="Purpose">Why custody is transferred.</param>
/// <param name="Offered">The holder's custodian who offered, and the transaction.</param>
[DataType(Description = "An open custody transfer offer")]
public sealed record TransferOffer(string ToMspId, string Purpose, PartyAction Offered);
