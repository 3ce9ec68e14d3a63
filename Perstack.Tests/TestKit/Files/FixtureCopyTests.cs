using Perstack.TestKit.Files;

namespace Perstack.Tests.TestKit.Files;

/// <summary>
/// Base of test classes that work on a fresh copy of the fixture history per test (listing writes indexes into the
/// store, and commands change it).
/// </summary>
public abstract class FixtureCopyTests
{
    /// <summary>The temp folder holding the copy (deleted after each test).</summary>
    private protected TempDirectory Temp { get; private set; } = null!;

    /// <summary>The copied storage root (the folder that holds <c>jobs/</c>).</summary>
    protected string Store { get; private set; } = "";

    [SetUp]
    public void CopyFixture()
    {
        Temp = new TempDirectory();
        Store = Fixture.CopyTo(Path.Combine(Temp.Path, "perstack"));
    }

    [TearDown]
    public void DeleteCopy() => Temp.Dispose();
}
