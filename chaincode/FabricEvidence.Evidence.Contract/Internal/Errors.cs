using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract.Internal;

/// <summary>Builds the contract's refusals, each with its stable code (<see cref="EvidenceErrorCodes"/>).</summary>
internal static class Errors
{
    public static ChaincodeException NotFound(string message) => new(message) { Code = EvidenceErrorCodes.NotFound };

    public static ChaincodeException Conflict(string message) => new(message) { Code = EvidenceErrorCodes.Conflict };

    public static ChaincodeException Forbidden(string message) => new(message) { Code = EvidenceErrorCodes.Forbidden };

    public static ChaincodeException InvalidArgument(string message) => new(message) { Code = EvidenceErrorCodes.InvalidArgument };

    public static ChaincodeException WrongState(string message) => new(message) { Code = EvidenceErrorCodes.WrongState };
}
