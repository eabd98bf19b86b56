using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract.Internal;

/// <summary>Sets the transaction's one chaincode event.</summary>
internal static class Events
{
    /// <summary>The envelope of an event about <paramref name="item"/> as the transaction leaves it.</summary>
    public static EvidenceEvent For(EvidenceRecord item) =>
        new(item.LastChange.Type, item.Id, item.CaseReference, item.State, item.Holder, item.LastChange.By);

    public static void Emit(IChaincodeStub stub, EvidenceEvent evidenceEvent) =>
        stub.SetEvent(evidenceEvent.Type, ChaincodeJson.Serialize(evidenceEvent));
}
