namespace FabricEvidence.Gateway;

/// <summary>
/// The error a chaincode returned, as a peer reported it inside a failed evaluation or endorsement: its response
/// status, its message and, when the chaincode put one in front of the message (<c>code: message</c>, as
/// <c>ChaincodeException.Code</c> of the FabricEvidence chaincode runtime does), its machine-readable code.
/// </summary>
/// <param name="Status">The chaincode response status (500 for an error; 400–499 when the chaincode chose one).</param>
/// <param name="Message">The message, without the code.</param>
/// <param name="Code">The code (lowercase ASCII letters, digits and hyphens), or <see langword="null"/> when the message has none.</param>
public sealed record ChaincodeError(int Status, string Message, string? Code);
