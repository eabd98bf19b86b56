using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract.Internal;

/// <summary>The contract's refusals, each with its stable code (<see cref="IdentityErrorCodes"/>).</summary>
internal static class Errors
{
    public static ChaincodeException NotFound(string message) => new(message) { Code = IdentityErrorCodes.NotFound };

    public static ChaincodeException Conflict(string message) => new(message) { Code = IdentityErrorCodes.Conflict };

    public static ChaincodeException Forbidden(string message) => new(message) { Code = IdentityErrorCodes.Forbidden };

    public static ChaincodeException InvalidArgument(string message) => new(message) { Code = IdentityErrorCodes.InvalidArgument };

    public static ChaincodeException WrongState(string message) => new(message) { Code = IdentityErrorCodes.WrongState };
}
