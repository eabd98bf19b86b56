namespace FabricEvidence.Chaincode;

/// <summary>A chaincode at the level of Fabric's shim: one entry point for Init and one for Invoke.</summary>
public interface IChaincode
{
    /// <summary>Called for an invocation that the client marked as Init (<c>--isInit</c>).</summary>
    Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken);

    /// <summary>Called for every other invocation.</summary>
    Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken);
}
