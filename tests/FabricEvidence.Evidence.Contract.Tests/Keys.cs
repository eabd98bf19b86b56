namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>The ledger keys the contract documents, spelled out independently of its code.</summary>
internal static class Keys
{
    public static string Item(string id) => $"\0evidence\0{id}\0";

    public static string Origin(string id) => $"\0origin\0{id}\0";

    public static string CaseDetails(string id) => $"\0caseDetails\0{id}\0";
}
