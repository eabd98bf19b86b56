namespace FabricEvidence.Chaincode.Testing;

/// <summary>The chaincode event a transaction set.</summary>
/// <param name="Name">The event name.</param>
/// <param name="Payload">The payload.</param>
public sealed record ChaincodeEventRecord(string Name, byte[] Payload);
