namespace Perstack.Tests.Reliability;

/// <summary>
/// Writes the reliability report after the suite: always to <c>reliability.md</c> in the test output folder, and to
/// <c>docs/reliability.md</c> of the repository when <c>PERSTACK_WRITE_RELIABILITY_REPORT=1</c>.
/// </summary>
[SetUpFixture]
public sealed class ReliabilityReportFixture
{
    public const string WriteVariable = "PERSTACK_WRITE_RELIABILITY_REPORT";

    [OneTimeTearDown]
    public void WriteReport()
    {
        var rows = ReliabilityLedger.Snapshot();
        if (rows.Count == 0)
        {
            return; // a filtered run that selected no reliability test
        }

        var markdown = ReliabilityLedger.RenderMarkdown(rows);
        var local = Path.Combine(TestContext.CurrentContext.WorkDirectory, "reliability.md");
        File.WriteAllText(local, markdown);
        TestContext.Progress.WriteLine($"Reliability report: {local}");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1" && RepositoryRoot() is { } root)
        {
            File.WriteAllText(Path.Combine(root, "docs", "reliability.md"), markdown);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Perstack.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
