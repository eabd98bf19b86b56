using EvidenceCustody;
using FabricEvidence.Chaincode;

// Configuration comes from the environment (CORE_CHAINCODE_ID, CHAINCODE_SERVER_ADDRESS, TLS files): see ChaincodeServerOptions.
var builder = ChaincodeServer.CreateBuilder(args);
builder.Services.AddContract<EvidenceContract>();
await using var server = builder.Build();
await server.RunAsync();
