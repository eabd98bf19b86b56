using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract.Internal;

/// <summary>Sets the transaction's one chaincode event.</summary>
internal static class Events
{
    public static void Emit(IChaincodeStub stub, IdentityEvent identityEvent) =>
        stub.SetEvent(identityEvent.Type, ChaincodeJson.Serialize(identityEvent));
}
