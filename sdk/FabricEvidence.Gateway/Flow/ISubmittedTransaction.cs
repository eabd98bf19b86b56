namespace FabricEvidence.Gateway;

/// <summary>A transaction that was submitted for ordering: its result and access to its commit status.</summary>
public interface ISubmittedTransaction : ICommit
{
    /// <summary>The chaincode's result. Valid only once <see cref="ICommit.GetStatusAsync(CancellationToken)"/> reports success.</summary>
    byte[] GetResult();
}
