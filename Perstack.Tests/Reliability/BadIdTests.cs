using System.Text.RegularExpressions;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Perstack.Core.Domain;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Ids from users are refused before any path is built: a table of hostile ids through every command that takes
/// one (the store is left byte-for-byte as it was, nothing is created beside it), and generated strings (FsCheck
/// generators, fixed seed) against the id grammar, checking that every accepted id is one safe path segment.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed partial class BadIdTests : ReliabilityTest
{
    private const int GeneratedCases = 20_000;

    private static readonly (string Name, string Id)[] HostileIds =
    [
        ("parent", "../x"),
        ("nested parent", "a/../../x"),
        ("slash", "a/b"),
        ("backslash", "a\\b"),
        ("absolute", "/etc/passwd"),
        ("dot", "."),
        ("dot-dot", ".."),
        ("empty", ""),
        ("space", " a"),
        ("10,000 characters", new string('a', 10_000)),
        ("129 characters", new string('b', 129)),
        ("unicode letter", "jöb"),
        ("emoji", "job-💥"),
        ("NUL", "a\0b"),
        ("newline", "a\nb"),
        ("drive letter", "C:\\x"),
        ("home", "~"),
        ("hidden folder", ".deleting-x"),
    ];

    protected override string Family => "Bad input";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex IdGrammar();

    [Test]
    public async Task Hostile_ids_are_refused_by_every_command_before_any_path_is_built()
    {
        using var temp = new TempDirectory();
        var store = Fixture.CopyTo(Path.Combine(temp.Path, "perstack"));
        var config = Path.Combine(temp.Path, "perstack.toml");
        File.WriteAllText(config, ConformanceToml.Text.Replace("<base-url>", "http://127.0.0.1:9/v1", StringComparison.Ordinal));
        const string Good = "job-fixed-0001";
        var before = Snapshot(temp.Path);
        var commands = new (string Name, Func<string, string[]> Args)[]
        {
            ("jobs show", id => ["jobs", "show", id]),
            ("jobs show --json", id => ["jobs", "show", id, "--json"]),
            ("jobs delete", id => ["jobs", "delete", id, "--yes"]),
            ("jobs title", id => ["jobs", "title", id, "t"]),
            ("jobs fork", id => ["jobs", "fork", id, "--from", "x"]),
            ("jobs fork --from", id => ["jobs", "fork", Good, "--from", id]),
            ("jobs export", id => ["jobs", "export", id]),
            ("run --job-id", id => ["run", "fake-basic", "q", "--config", config, "--job-id", id]),
            ("run --continue-job", id => ["run", "fake-basic", "q", "--config", config, "--continue-job", id]),
            ("run --resume-from", id => ["run", "fake-basic", "q", "--config", config, "--continue-job", Good, "--resume-from", id]),
        };

        int cases = 0;
        foreach (var (name, id) in HostileIds)
        {
            foreach (var (command, args) in commands)
            {
                var result = await CliRunner.RunAsync(["--storage-path", store, .. args(id)]);
                var because = $"{command} with the {name} id";
                result.ExitCode.Should().Be(1, because);
                result.Output.Should().BeEmpty(because);
                result.ErrorLines.Should().ContainSingle(because).Which.Should().MatchRegex("(?i)invalid .*id", because);
                result.Error.Should().NotContain("   at ", because);
                cases++;
            }
        }

        Snapshot(temp.Path).Should().Equal(before, "no file or folder was created, changed or removed");
        Held("Hostile ids through the CLI", cases,
            $"{HostileIds.Length} ids (../x, a/b, absolute, ., .., empty, 10,000 chars, unicode, NUL, …) × {commands.Length} commands: exit 1, one line naming the invalid id, nothing on disk touched");
    }

    [Test]
    public void Generated_strings_are_accepted_exactly_when_they_are_one_safe_path_segment()
    {
        // Path-like tokens and odd characters, glued into strings of 0–150 tokens.
        var token = Gen.OneOf(
            Gen.Elements("..", ".", "/", "\\", "~", ":", "\0", "\n", " ", "é", "💥", "\u202e", "\ud800", "%2e", "-", "_"),
            Gen.Elements("a", "Z", "0", "9", "job", "x-1", "_a"),
            Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()));
        var hostile = Gen.Choose(0, 150).SelectMany(n => Gen.ArrayOf(token, n)).Select(parts => string.Concat(parts));

        // And strings of allowed characters only, 0–140 long, so the grammar's edges (first char, length) are hit.
        var allowed = Gen.Elements("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".ToCharArray());
        var plain = Gen.Choose(0, 140).SelectMany(n => Gen.ArrayOf(allowed, n)).Select(chars => new string(chars));
        var strings = Gen.OneOf(hostile, plain);
        var samples = Gen.Sample(strings, GeneratedCases, new Rnd((ulong)Seed), 100); // (count, seed, size)
        var root = Path.Combine(Path.GetTempPath(), "root");
        int accepted = 0;
        foreach (var text in samples.Append(new string('z', 128)).Append(new string('z', 129)))
        {
            bool valid = JobId.TryParse(text, out var jobId);
            valid.Should().Be(IdGrammar().IsMatch(text), $"\"{Regex.Escape(text)}\" against the grammar");
            CheckpointId.TryParse(text, out _).Should().Be(valid);
            RunId.TryParse(text, out _).Should().Be(valid);
            if (valid)
            {
                accepted++;
                var path = Path.GetFullPath(Path.Combine(root, jobId.Value));
                Path.GetDirectoryName(path).Should().Be(root);
                Path.GetFileName(path).Should().Be(text);
            }
            else
            {
                var parse = () => JobId.Parse(text);
                parse.Should().Throw<Exception>();
            }
        }

        accepted.Should().BeGreaterThan(100, "the generator also produces valid ids");
        Held("Generated id strings (FsCheck generators)", samples.Length + 2,
            $"{samples.Length + 2} strings of path tokens, unicode, NUL and random chars: Job/Run/CheckpointId accept exactly the grammar [A-Za-z0-9][A-Za-z0-9_-]{{0,127}} ({accepted} accepted), every accepted id is one path segment under the root");
    }

    private static List<string> Snapshot(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => File.Exists(p) ? $"{p}={Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p)))}" : p)
            .Order(StringComparer.Ordinal)];
}
