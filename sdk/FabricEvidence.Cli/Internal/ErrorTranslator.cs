using System.Net.Sockets;
using FabricEvidence.Evidence;
using FabricEvidence.Gateway;
using FabricEvidence.Identity.Client;
using FabricEvidence.Verification;
using Grpc.Core;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Internal;

/// <summary>Turns any failure into the one line the tool prints and its exit code; never a stack trace.</summary>
internal static class ErrorTranslator
{
    public static (int ExitCode, string Message) Translate(Exception exception)
    {
        var ex = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
        return ex switch
        {
            CliException cli => (cli.ExitCode, cli.Message),
            CommandParseException or CommandRuntimeException => (ExitCodes.Usage, Usage(ex.Message)),
            EvidenceNotFoundException notFound => (ExitCodes.NotFound, $"{Sentence(notFound.ContractMessage)} Check the id (evidence show ID) and that you use the right channel."),
            EvidenceForbiddenException forbidden => (ExitCodes.Refused, $"The ledger refused: {Sentence(forbidden.ContractMessage)} Use an identity with the role this step needs (--user, --msp)."),
            EvidenceWrongStateException wrongState => (ExitCodes.Refused, $"The ledger refused: {Sentence(wrongState.ContractMessage)} See the item's state with: evidence show {wrongState.EvidenceId}."),
            EvidenceConflictException conflict => (ExitCodes.Refused, $"The ledger refused: {Sentence(conflict.ContractMessage)} See the item with: evidence show {conflict.EvidenceId}."),
            EvidenceInvalidArgumentException invalid => (ExitCodes.Usage, $"The ledger refused the input: {Sentence(invalid.ContractMessage)} Fix the value and run the command again."),
            EvidenceException evidence => (ExitCodes.Refused, $"The ledger refused: {Sentence(evidence.ContractMessage)}"),
            EvidenceItemNotFoundException missing => (ExitCodes.NotFound, $"The ledger has no item '{missing.Id}'. Check the id (evidence show ID) and that you use the right channel."),
            BundleBuildException build => (ExitCodes.Failed, $"Cannot build the bundle: {Sentence(build.Message)} Check that the peer holds the whole ledger (it may still be catching up) and run the command again."),
            ReportFontNotFoundException font => (ExitCodes.Failed, $"Cannot write the PDF: {Sentence(font.Message)}"),
            IdentityNotFoundException notFound => (ExitCodes.NotFound, $"The identity ledger has no such {Subject(notFound)}: {Sentence(notFound.ContractMessage)} Check the id and that you use the right channel and --chaincode."),
            IdentityInvalidArgumentException invalid => (ExitCodes.Usage, $"The identity ledger refused the input ({invalid.Operation}): {Sentence(invalid.ContractMessage)} Fix the value and run the command again."),
            IdentityForbiddenException forbidden => (ExitCodes.Refused, $"The identity ledger refused ({forbidden.Operation}): {Sentence(forbidden.ContractMessage)} Use an identity with the role this step needs (--user, --msp), or a live consent."),
            IdentityException identity => (ExitCodes.Refused, $"The identity ledger refused ({identity.Operation}): {Sentence(identity.ContractMessage)}"),
            PresentationRejectedException rejected => (ExitCodes.VerificationFailed, $"The presentation was rejected ({rejected.Reason}): {Sentence(rejected.Message)} Nothing was recorded."),
            StorageRefusedException storage => (StorageExitCode(storage), $"The storage service refused ({storage.Code}): {storage.Message}"),
            HttpRequestException http => (ExitCodes.Connection, $"Cannot reach the storage service ({Sentence(http.Message)}) Start it or pass the right --storage-url."),
            GatewayException gateway when IsUnreachable(gateway) => (ExitCodes.Connection, $"Cannot reach the peer ({gateway.StatusCode}). Start the network (network/network.sh up) or pass the right --peer / --network-env."),
            GatewayException gateway => (ExitCodes.Refused, $"The peer refused the transaction ({gateway.StatusCode}): {FirstLine(gateway.Message)}"),
            CommitException commit => (ExitCodes.Refused, $"The transaction did not commit: {FirstLine(commit.Message)} Run the command again."),
            RpcException rpc when rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded => (ExitCodes.Connection, "Cannot reach the peer: start the network (network/network.sh up) or pass the right --peer / --network-env."),
            SocketException => (ExitCodes.Connection, "Cannot connect: start the network and the storage service, or check --peer and --storage-url."),
            FileNotFoundException file => (ExitCodes.NotFound, $"The file '{file.FileName}' does not exist; check the path."),
            DirectoryNotFoundException directory => (ExitCodes.NotFound, $"{Sentence(directory.Message)} Check the path."),
            UnauthorizedAccessException access => (ExitCodes.Failed, $"{Sentence(access.Message)} Check the file's permissions."),
            OperationCanceledException => (ExitCodes.Failed, "Cancelled."),
            IOException io => (ExitCodes.Failed, $"{Sentence(io.Message)} Check the file and the disk."),
            _ => (ExitCodes.Failed, $"Unexpected failure ({ex.GetType().Name}): {FirstLine(ex.Message)} Please report it with the command you ran."),
        };
    }

    private static int StorageExitCode(StorageRefusedException storage) => storage.Status switch
    {
        404 => ExitCodes.NotFound,
        422 => ExitCodes.VerificationFailed,
        502 or 503 or 504 => ExitCodes.Connection,
        0 when storage.Code == "download-cut" => ExitCodes.VerificationFailed,
        _ => ExitCodes.Refused,
    };

    private static bool IsUnreachable(GatewayException gateway) =>
        gateway.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded || gateway.InnerException is HttpRequestException or SocketException;

    private static string Subject(IdentityException exception) => exception.Subject is null ? "record" : $"record of '{exception.Subject}'";

    private static string Usage(string message) => $"{Sentence(message)} Run 'evidence --help' or 'evidence COMMAND --help'.";

    private static string Sentence(string message)
    {
        var line = FirstLine(message).Trim();
        return line.EndsWith('.') ? line : line + ".";
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
