namespace Perstack.TestKit.ReferenceSchemas;

/// <summary>What one version of the TypeScript Perstack's schema rules said about one file.</summary>
/// <param name="File">The file checked.</param>
/// <param name="Version">The reference commit: <c>7cb873b</c> (the seed's) or <c>ef363a5</c> (today's main).</param>
/// <param name="Kind"><c>job</c>, <c>checkpoint</c>, <c>runSetting</c>, <c>event</c> or <c>other</c>.</param>
/// <param name="Ok">Whether that version accepts it.</param>
/// <param name="Error">Why not (zod's issues), when rejected.</param>
/// <param name="Note">A remark on an accepted file (e.g. an event type the version does not know).</param>
internal sealed record SchemaVerdict(string File, string Version, string Kind, bool Ok, string? Error, string? Note)
{
    /// <summary>The seed's commit (the format Perstack.NET was built against).</summary>
    public const string Seed = "7cb873b";

    /// <summary>Today's main (December 2025).</summary>
    public const string Main = "ef363a5";

    /// <inheritdoc />
    public override string ToString() => $"{Version} {(Ok ? "accepts" : "rejects")} {File}{(Error is null ? "" : ": " + Error)}";
}
