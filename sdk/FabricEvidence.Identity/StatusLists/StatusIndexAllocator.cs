using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace FabricEvidence.Identity;

/// <summary>
/// Assigns status list positions so that a position says nothing about its credential. The n-th credential put into a
/// list gets <c>IndexFor(listId, n, capacity)</c>: a keyed pseudorandom permutation of <c>[0, capacity)</c> (a 4-round
/// Feistel network over HMAC-SHA256 keyed by the list id, with cycle walking), so positions are unique, scattered over
/// the whole list and not in issuance order, and neighbouring positions do not belong to credentials issued at
/// neighbouring times. Pure and deterministic: a chaincode calls it with a counter it keeps on the ledger and gets the
/// same answer on every endorsing peer.
/// </summary>
public static class StatusIndexAllocator
{
    private const int Rounds = 4;
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("fabric-evidence/status-index/v1\0");

    /// <summary>The position of the <paramref name="sequence"/>-th credential (counting from 0) in a list.</summary>
    /// <param name="listId">The list's identifier (what makes one list's permutation differ from another's).</param>
    /// <param name="sequence">How many credentials the list held before this one: 0 to <paramref name="capacity"/> - 1.</param>
    /// <param name="capacity">The list's number of entries, 2 or more.</param>
    /// <returns>A position in <c>[0, capacity)</c>, different for every sequence number of the same list.</returns>
    /// <exception cref="ArgumentException">The list id is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is below 2 or the sequence outside the list.</exception>
    public static int IndexFor(string listId, long sequence, int capacity)
    {
        ArgumentException.ThrowIfNullOrEmpty(listId);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sequence, capacity);

        // A balanced Feistel network needs an even number of bits covering the capacity.
        var bits = 64 - BitOperations.LeadingZeroCount((ulong)(capacity - 1));
        if (bits % 2 == 1)
        {
            bits++;
        }

        var half = bits / 2;
        var mask = (1u << half) - 1;
        var key = SHA256.HashData([.. Domain, .. Encoding.UTF8.GetBytes(listId)]);
        using var hmac = new HMACSHA256(key);
        var value = (uint)sequence;
        do
        {
            // Cycle walking: a permutation of [0, 2^bits) revisits [0, capacity) after at most a few steps on average,
            // and following its cycle from a point inside the range gives a permutation of the range itself.
            value = Permute(hmac, value, half, mask);
        }
        while (value >= (uint)capacity);

        return (int)value;
    }

    private static uint Permute(HMACSHA256 hmac, uint value, int half, uint mask)
    {
        var left = (value >> half) & mask;
        var right = value & mask;
        Span<byte> input = stackalloc byte[5];
        Span<byte> output = stackalloc byte[32];
        for (var round = 0; round < Rounds; round++)
        {
            input[0] = (byte)round;
            BinaryPrimitives.WriteUInt32BigEndian(input[1..], right);
            hmac.TryComputeHash(input, output, out _);
            var next = left ^ (BinaryPrimitives.ReadUInt32BigEndian(output) & mask);
            left = right;
            right = next;
        }

        return (left << half) | right;
    }
}
