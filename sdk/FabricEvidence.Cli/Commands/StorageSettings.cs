using System.ComponentModel;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>Options of the commands that also talk to the storage service.</summary>
internal class StorageSettings : ConnectionSettings
{
    [CommandOption("--storage-url <URL>")]
    [Description("The storage service, for example http://127.0.0.1:5080. Default: $EVIDENCE_STORAGE_URL.")]
    public string? StorageUrl { get; init; }
}
