using FabricEvidence.Evidence.StorageService;

var app = StorageServiceApplication.Build(StorageServiceApplication.CreateBuilder(args));
app.Run();
