using FabricEvidence.Cli.Commands;
using FabricEvidence.Cli.Commands.Bundle;
using FabricEvidence.Cli.Commands.Identity;
using FabricEvidence.Cli.Commands.Identity.Registry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Internal;

/// <summary>
/// The command tree. Each command lives in its own file under <c>Commands/</c>; a new group (<c>identity ...</c>,
/// <c>bundle ...</c>) is a branch added here with its commands in a folder of their own.
/// </summary>
internal static class CliApplication
{
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, IAnsiConsole errors, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.Settings.Registrar.RegisterInstance(new Output(console, errors));
            config.Settings.Registrar.RegisterInstance(environment);
            config.SetApplicationName("evidence");
            config.ConfigureConsole(console);
            config.Settings.StrictParsing = true;
            config.SetExceptionHandler((exception, _) =>
            {
                var (code, message) = ErrorTranslator.Translate(exception);
                // Straight to the writer: one line however narrow the terminal, and plain for scripts that grep it.
                errors.Profile.Out.Writer.WriteLine("error: " + message);
                errors.Profile.Out.Writer.Flush();
                return code;
            });

            config.AddCommand<SubmitCommand>("submit")
                .WithDescription("Hash a file, submit it on the ledger, upload it to the storage service and wait for its confirmation.")
                .WithExample("submit", "disk.img", "--case", "CASE-2026/17", "--description", "\"Disk image of laptop 4\"");
            config.AddCommand<VerifyCommand>("verify")
                .WithDescription("Recompute a file's digest and compare it with the ledger's record (exit code 5 when it differs).")
                .WithExample("verify", "EV-2026-0001", "disk.img");
            config.AddCommand<ShowCommand>("show").WithDescription("Show an item's record.").WithExample("show", "EV-2026-0001");
            config.AddCommand<HistoryCommand>("history").WithDescription("Show an item's custody timeline, one row per transaction.").WithExample("history", "EV-2026-0001");
            config.AddCommand<TransferCommand>("transfer").WithDescription("Offer custody of an item to another organisation (custodian of the holder).")
                .WithExample("transfer", "EV-2026-0001", "--to", "Org2MSP", "--purpose", "\"Forensic analysis\"", "--user", "custodian");
            config.AddCommand<AcceptCommand>("accept").WithDescription("Accept an offered transfer (custodian of the receiving organisation).")
                .WithExample("accept", "EV-2026-0001", "--org", "2", "--user", "custodian");
            config.AddCommand<DeclineCommand>("decline").WithDescription("Decline an offered transfer (custodian of the receiving organisation).");
            config.AddCommand<HoldCommand>("hold").WithDescription("Place a legal hold (prosecutor or judge).");
            config.AddCommand<ReleaseCommand>("release").WithDescription("Lift a legal hold (prosecutor or judge).");
            config.AddCommand<DisposeCommand>("dispose").WithDescription("Request the disposal of an item (custodian), or approve a requested one (--approve, judge).");
            config.AddCommand<DownloadCommand>("download").WithDescription("Record access on the ledger, download the content from storage and check its digest.")
                .WithExample("download", "EV-2026-0001", "--purpose", "\"Court exhibit\"", "-o", "exhibit.img");
            config.AddCommand<WatchCommand>("watch").WithDescription("Print custody events as they are committed; --checkpoint resumes where the last run stopped.");
            config.AddBranch("bundle", bundle =>
            {
                bundle.SetDescription("Offline evidence bundles for courts: export one from the ledger, verify one with no network.");
                bundle.AddCommand<BundleExportCommand>("export").WithDescription("Export the offline bundle of an item (or of every item of a --case) through the Gateway.")
                    .WithExample("bundle", "export", "EV-2026-0001", "-o", "EV-2026-0001.bundle.zip");
                bundle.AddCommand<BundleVerifyCommand>("verify").WithDescription("Verify a bundle and the court's files offline (exit code 5 when not verified).")
                    .WithExample("bundle", "verify", "EV-2026-0001.bundle.zip", "--file", "EV-2026-0001=disk.img");
            });
            config.AddCommand<ReportCommand>("report").WithDescription("Verify a bundle offline and write the report: HTML, PDF or JSON, in English or Chinese.")
                .WithExample("report", "EV-2026-0001.bundle.zip", "--format", "pdf", "--lang", "zh-CN", "--file", "EV-2026-0001=disk.img", "-o", "report.pdf");
            config.AddBranch("identity", identity =>
            {
                identity.SetDescription("Identity attestation (chaincode 'identity'): issue, present and verify SD-JWT credentials, change their status, grant and withdraw consents.");
                identity.AddCommand<HolderKeyCommand>("key").WithDescription("Create a holder key (private PEM) and its public JWK for the issuer (holder, offline).")
                    .WithExample("identity", "key", "-o", "holder.pem");
                identity.AddCommand<IssueCommand>("issue").WithDescription("Issue a credential to a holder key and record it on the ledger (issuer).")
                    .WithExample("identity", "issue", "--type", "urn:fabric-evidence:residence", "--claims", "claims.json", "--holder-key", "holder.jwk", "--issuer-id", "https://registry.org1.example.com", "--expires", "2027-12-31", "-o", "residence.sdjwt", "--user", "issuer");
                identity.AddBranch("wallet", wallet =>
                {
                    wallet.SetDescription("The holder's encrypted wallet (passphrase: EVIDENCE_WALLET_PASSPHRASE or --passphrase-file).");
                    wallet.AddCommand<WalletAddCommand>("add").WithDescription("Keep an issued credential with its holder key (holder, offline).")
                        .WithExample("identity", "wallet", "add", "residence.sdjwt", "--key", "holder.pem", "--wallet", "wallet.json");
                });
                identity.AddCommand<PresentCommand>("present").WithDescription("Present a wallet entry, disclosing only the chosen claims, to a verifier's nonce (holder, offline).")
                    .WithExample("identity", "present", "ENTRY", "--wallet", "wallet.json", "--disclose", "age_over_18", "--audience", "Org2MSP", "--nonce", "NONCE", "-o", "presentation.txt");
                identity.AddCommand<NonceCommand>("nonce").WithDescription("Print a fresh nonce to give the holder for one presentation (verifier, offline).");
                identity.AddCommand<VerifyPresentationCommand>("verify").WithDescription("Verify a presentation and record the verification; print the claims (exit code 5 when not valid) (verifier).")
                    .WithExample("identity", "verify", "presentation.txt", "--nonce", "NONCE", "--consent", "CONSENT", "--purpose", "police-age-check", "--trust", "Org1MSP=org1-ca.pem", "--org", "2", "--user", "verifier");
                identity.AddCommand<RevokeCommand>("revoke").WithDescription("Revoke a credential for good (issuer).");
                identity.AddCommand<SuspendCommand>("suspend").WithDescription("Suspend a credential (issuer).");
                identity.AddCommand<ReinstateCommand>("reinstate").WithDescription("Reinstate a suspended credential (issuer).");
                identity.AddBranch("registry", registry =>
                {
                    registry.SetDescription("The trust registry (administrators, --user admin by default): its organisations, and issuers added, changed or removed by a majority of them.");
                    registry.AddCommand<RegistryInitCommand>("init").WithDescription("Set the organisations that approve registry changes, once after deployment.")
                        .WithExample("identity", "registry", "init", "--members", "Org1MSP,Org2MSP");
                    registry.AddCommand<RegistryShowCommand>("show").WithDescription("Show the organisations and how many approvals a change needs.");
                    registry.AddCommand<ProposeIssuerCommand>("propose-issuer").WithDescription("Propose to register an issuer (or --update one); counts as your organisation's approval.")
                        .WithExample("identity", "registry", "propose-issuer", "add-registry-org1", "--issuer-id", "https://registry.org1.example.com", "--certificate", "issuer-msp", "--types", "urn:fabric-evidence:residence", "--valid-until", "2031-12-31", "--status-base", "https://status.org1.example.com/lists");
                    registry.AddCommand<ProposeRemovalCommand>("propose-removal").WithDescription("Propose to remove an issuer (it may then only revoke).");
                    registry.AddCommand<ProposeMembersCommand>("propose-members").WithDescription("Propose a new set of approving organisations.");
                    registry.AddCommand<ApproveCommand>("approve").WithDescription("Approve a proposal for your organisation; a majority applies it.")
                        .WithExample("identity", "registry", "approve", "add-registry-org1", "--org", "2");
                    registry.AddCommand<WithdrawCommand>("withdraw").WithDescription("Withdraw your organisation's open proposal.");
                    registry.AddCommand<ProposalShowCommand>("proposal").WithDescription("Show a proposal, its approvals and its state.");
                    registry.AddCommand<IssuerShowCommand>("issuer").WithDescription("Show a registered issuer.");
                });
                identity.AddBranch("type", type =>
                {
                    type.SetDescription("Credential types (vct): their claims and which of them holders disclose one by one (administrators).");
                    type.AddCommand<TypeRegisterCommand>("register").WithDescription("Register a credential type, or its next version.")
                        .WithExample("identity", "type", "register", "urn:fabric-evidence:residence", "--claims", "given_name,birthdate,age_over_18,address/locality", "--disclosable", "given_name,birthdate,age_over_18,address/locality");
                    type.AddCommand<TypeShowCommand>("show").WithDescription("Show the current version of a credential type.");
                });
                identity.AddBranch("consent", consent =>
                {
                    consent.SetDescription("The holder's consents to verifiers, recorded on the ledger.");
                    consent.AddCommand<ConsentGrantCommand>("grant").WithDescription("Grant a verifier consent to see claims for a purpose until a date (holder).")
                        .WithExample("identity", "consent", "grant", "ENTRY", "--wallet", "wallet.json", "--verifier", "Org2MSP", "--purpose", "police-age-check", "--claims", "age_over_18", "--expires", "2027-01-31", "--user", "holder");
                    consent.AddCommand<ConsentWithdrawCommand>("withdraw").WithDescription("Withdraw a consent (holder).");
                });
            });
        });
        return app.RunAsync(args, cancellationToken);
    }
}
