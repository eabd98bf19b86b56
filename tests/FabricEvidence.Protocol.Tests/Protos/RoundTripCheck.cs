using System.Text;
using Google.Protobuf;

namespace FabricEvidence.Protocol.Tests.Protos;

/// <summary>The three checks of one sample against what the reference made of it.</summary>
internal static class RoundTripCheck
{
    /// <summary>
    /// Lists every way the reference disagrees with <paramref name="sample"/>, whose encoding as we sent it is
    /// <paramref name="ours"/>; empty when it round-trips byte for byte with every value under its own field.
    /// </summary>
    public static IEnumerable<string> Problems(SampleMessage sample, byte[] ours, ReferenceRoundTrip? reference)
    {
        var prefix = $"[{sample.Id}: {sample.Label}]";
        if (reference is null)
        {
            yield return $"{prefix} roundtrip.js returned no result for this sample.";
            yield break;
        }

        if (reference.Error is not null || reference.Bytes is null)
        {
            yield return $"{prefix} @hyperledger/fabric-protos could not decode our bytes: {reference.Error}";
            yield break;
        }

        // (a) C# -> Node: the reference re-encodes exactly what we wrote (it drops unknown fields, so a field number
        // it does not know shows up here as missing bytes).
        if (!ours.AsSpan().SequenceEqual(reference.Bytes))
        {
            yield return $"{prefix} C#->Node: the reference re-encoded our {ours.Length} bytes as {reference.Bytes.Length} different bytes; {DescribeDifference(ours, reference.Bytes)}";
        }

        // (b) Node -> C#: we decode the reference's bytes to the message we started from and re-encode them unchanged.
        IMessage? decoded = null;
        string? parseError = null;
        try
        {
            decoded = sample.Descriptor.Parser.ParseFrom(reference.Bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            parseError = ex.Message;
        }

        if (decoded is null)
        {
            yield return $"{prefix} Node->C#: we could not parse the reference's bytes: {parseError}";
        }
        else
        {
            var reencoded = decoded.ToByteArray();
            if (!reencoded.AsSpan().SequenceEqual(reference.Bytes))
            {
                yield return $"{prefix} Node->C#: our re-encoding of the reference's bytes differs; {DescribeDifference(reference.Bytes, reencoded)}";
            }

            if (!decoded.Equals(sample.Message))
            {
                var differences = new List<string>();
                Jspb.Compare(sample.Message, Jspb.ToObject(decoded), "$", differences);
                yield return $"{prefix} Node->C#: decoding the reference's bytes does not give back the original message:\n    " + string.Join("\n    ", differences);
            }
        }

        // (c) Meaning: under each field's name, the reference decoded the value we put in that field. This is what
        // catches two same-typed fields with swapped numbers, whose bytes are otherwise a perfectly valid message.
        var semantic = new List<string>();
        Jspb.Compare(sample.Message, reference.Object, "$", semantic);
        foreach (var difference in semantic)
        {
            yield return $"{prefix} toObject(): {difference}";
        }
    }

    private static string DescribeDifference(byte[] expected, byte[] actual)
    {
        var common = 0;
        while (common < expected.Length && common < actual.Length && expected[common] == actual[common])
        {
            common++;
        }

        return $"first difference at offset {common}: expected {Hex(expected, common)}, got {Hex(actual, common)}";
    }

    private static string Hex(byte[] bytes, int from)
    {
        const int Window = 24;
        var builder = new StringBuilder();
        builder.Append(from > 0 ? "..." : string.Empty);
        builder.Append(Convert.ToHexString(bytes, from, Math.Min(Window, Math.Max(0, bytes.Length - from))));
        builder.Append(bytes.Length - from > Window ? "..." : string.Empty);
        return bytes.Length <= from ? "(end of message)" : builder.ToString();
    }
}
