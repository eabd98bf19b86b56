using FabricEvidence.Evidence.StorageService;
using FabricEvidence.Evidence.StorageService.Internal;

var builder = StorageServiceApplication.CreateBuilder(args);
FabricLedgerHosting.AddFabricLedgerIfConfigured(builder);
var app = StorageServiceApplication.Build(builder);
app.Run();
