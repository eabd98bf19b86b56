using FabricEvidence.Chaincode;
using FabricEvidence.Identity.Contract;

// Configuration comes from the environment, as for every chaincode service of the runtime: CHAINCODE_ID (the package
// id), CHAINCODE_SERVER_ADDRESS (host:port), optionally CORE_PEER_LOCALMSPID and CHAINCODE_TLS_CERT, CHAINCODE_TLS_KEY,
// CHAINCODE_CLIENT_CA_CERT, CHAINCODE_TLS_DISABLED; see ChaincodeServerOptions.
await using var server = ChaincodeServer.CreateBuilder(args)
    .AddContract<IdentityContract>()
    .Build();
await server.RunAsync();
