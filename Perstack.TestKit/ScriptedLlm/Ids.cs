using System.Security.Cryptography;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>Fresh ids in the providers' styles (<c>toolu_fake…</c>, <c>call_fake…</c>, <c>msg_fake…</c>).</summary>
internal static class Ids
{
    /// <summary><paramref name="prefix"/> followed by 16 lowercase hex digits.</summary>
    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
