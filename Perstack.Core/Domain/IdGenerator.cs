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
        Span<char> chars = stackalloc char[Length];
        chars[0] = Letters[RandomNumberGenerator.GetInt32(Letters.Length)];
        for (int i = 1; i < Length; i++)
        {
            chars[i] = Base36[RandomNumberGenerator.GetInt32(Base36.Length)];
        }

        return new string(chars);
    }
}
