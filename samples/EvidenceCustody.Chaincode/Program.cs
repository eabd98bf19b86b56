using EvidenceCustody;
using FabricEvidence.Chaincode;

// Configuration comes from the environment: CHAINCODE_ID (the package id), CHAINCODE_SERVER_ADDRESS, CORE_PEER_LOCALMSPID
// and the CHAINCODE_TLS_* files; see ChaincodeServerOptions.
await using var server = ChaincodeServer.CreateBuilder(args)
    .AddContract<EvidenceContract>()
    .Build();
await server.RunAsync();
