namespace Perstack.TestKit.Files;

/// <summary>The checkout the tests were built from (the folder holding Perstack.sln), for tests that check repo docs.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Perstack.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Perstack.sln not found above {AppContext.BaseDirectory}");
    }
}
