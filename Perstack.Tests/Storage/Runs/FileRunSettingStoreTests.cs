using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Runs;

[TestFixture]
public sealed class FileRunSettingStoreTests
{
    private static readonly JobId Job = JobId.Parse("the-job");
    private static readonly RunId Run = RunId.Parse("the-run");

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task SaveAsync_never_writes_environment_values()
    {
        var setting = TestData.RunSetting(Job, Run, new Dictionary<string, string> { ["SECRET"] = "s3cr3t-value", ["HOME"] = "/home/someone" });

        await _stores.RunSettings.SaveAsync(setting);

        var bytes = File.ReadAllBytes(_stores.Layout.RunSettingFile(Job, Run));
        bytes.AsSpan().IndexOf("s3cr3t-value"u8).Should().Be(-1, "the value must not be on disk in any form");
        bytes.AsSpan().IndexOf("/home/someone"u8).Should().Be(-1);
        var node = JsonNode.Parse(bytes)!;
        node["env"]!.AsObject().Should().BeEmpty();
        node["envNames"]!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo("SECRET", "HOME");
    }

    [Test]
    public async Task GetAsync_returns_the_saved_setting_without_environment_values()
    {
        var setting = TestData.RunSetting(Job, Run, new Dictionary<string, string> { ["SECRET"] = "s3cr3t-value" });
        await _stores.RunSettings.SaveAsync(setting);

        var read = await _stores.RunSettings.GetAsync(Job, Run);

        read.Should().NotBeNull();
        read!.Env.Should().BeEmpty();
        JsonSerializer.Serialize(read, PerstackJson.RunSetting).Should().Be(
            JsonSerializer.Serialize(setting with { Env = new Dictionary<string, string>() }, PerstackJson.RunSetting));
    }

    [Test]
    public async Task GetAsync_returns_null_when_missing_and_throws_CorruptFileException_when_corrupt()
    {
        (await _stores.RunSettings.GetAsync(Job, Run)).Should().BeNull();

        var file = _stores.Layout.RunSettingFile(Job, Run);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "{\"model\":", Encoding.UTF8);
        var act = () => _stores.RunSettings.GetAsync(Job, Run);

        (await act.Should().ThrowAsync<CorruptFileException>()).Which.Problem.Path.Should().Be(file);
    }

    [Test]
    public async Task GetAsync_refuses_a_file_that_names_another_run()
    {
        var other = RunId.Parse("other-run");
        await _stores.RunSettings.SaveAsync(TestData.RunSetting(Job, other, new Dictionary<string, string>()));
        var file = _stores.Layout.RunSettingFile(Job, Run);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.Copy(_stores.Layout.RunSettingFile(Job, other), file);

        var act = () => _stores.RunSettings.GetAsync(Job, Run);

        (await act.Should().ThrowAsync<CorruptFileException>()).Which.Problem.Reason.Should().Be("it names run other-run of job the-job");
    }
}
