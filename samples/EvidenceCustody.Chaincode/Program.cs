using EvidenceCustody;
using FabricEvidence.Chaincode;

// Configuration comes from the environment: CHAINCODE_ID (the package id), CHAINCODE_SERVER_ADDRESS, CORE_PEER_LOCALMSPID
// and the CHAINCODE_TLS_* files; see ChaincodeServerOptions.
var builder = ChaincodeServer.CreateBuilder(args);
builder.Services.AddContract<EvidenceContract>();
await using var server = builder.Build();
await server.RunAsync();
