using System.Security.Cryptography;

namespace Perstack.Core.Domain;

/// <summary>
/// Generates ids in cuid2's shape: 24 characters, a lowercase letter followed by 23 lowercase base-36 characters.
/// Uses the OS's cryptographic random source, so ids are unguessable and collisions are negligible.
/// </summary>
public static class IdGenerator
{
    /// <summary>Length of a generated id.</summary>
    public const int Length = 24;

    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>A new id.</summary>
    public static string Next()
    {
        // One random fill per id (24 calls into the OS generator cost ~34 µs per id); bytes ≥ 252 are rejected so
        // that 252 = 7 × 36 keeps every base-36 digit equally likely.
        Span<byte> random = stackalloc byte[48];
        Span<char> chars = stackalloc char[Length];
        int filled = 0;
        while (filled < Length)
        {
            RandomNumberGenerator.Fill(random);
            foreach (byte value in random)
            {
                if (filled == Length)
                {
                    break;
                }

                if (filled == 0)
                {
                    if (value < 234)
                    {
                        chars[filled++] = Letters[value % Letters.Length]; // 234 = 9 × 26
                    }
                }
                else if (value < 252)
                {
                    chars[filled++] = Base36[value % Base36.Length];
                }
            }
        }

        return new string(chars);
    }
}
