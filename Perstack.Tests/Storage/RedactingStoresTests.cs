using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Secrets;
using Perstack.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage;

/// <summary>
/// The last line of defence on disk: a run's stores write no form of a known secret, whatever record holds it; a
/// checkpoint comes back from its save as stored (redacted), so the run goes on, and the model is sent, what is on disk.
/// </summary>
public sealed class RedactingStoresTests
{
    private const string Key = "sk-ant-store-canary-0123456789";

    [Test]
    public async Task Checkpoints_events_run_settings_and_job_json_are_written_without_the_secret()
    {
        using var temp = new TempDirectory();
        var layout = new StorageLayout(new StorageOptions(Path.Combine(temp.Path, "perstack")));
        var locks = new FileJobLocks(layout);
        var jobId = JobId.New();
        var runId = RunId.New();
        var leaky = TestData.Checkpoint(jobId, 1, runId: runId) with
        {
            Messages = [new UserMessage { Id = "m1", Contents = [new TextPart { Id = "p1", Text = $"the key is {Key}" }] }],
        };
        Checkpoint stored;
        var stores = new WriteBehindStores(layout, locks, new SecretRedactor([new KnownSecret("ANTHROPIC_API_KEY", Key)]));
        await using (stores)
        {
            stored = await stores.Checkpoints.SaveAsync(leaky);
            await stores.Events.SaveAsync(TestData.StartGeneration(jobId, runId, 1_700_000_000_000, 1, "e1") with
            {
                Messages = [new UserMessage { Id = "m1", Contents = [new TextPart { Id = "p1", Text = Key }] }],
            });
            await stores.RunSettings.SaveAsync(TestData.RunSetting(jobId, runId, new Dictionary<string, string>()) with { Input = new() { Text = "use " + Key } });
            await stores.Jobs.SaveAsync(TestData.Job(jobId.Value) with { Title = "job about " + Uri.EscapeDataString(Key) });
        }

        ((TextPart)stored.Messages[0].Contents[0]).Text.Should().Be("the key is [REDACTED:ANTHROPIC_API_KEY]");
        var files = Directory.GetFiles(layout.Root, "*", SearchOption.AllDirectories);
        files.Should().HaveCountGreaterThanOrEqualTo(4);
        foreach (var file in files)
        {
            File.ReadAllText(file).Should().NotContain(Key).And.NotContain(Uri.EscapeDataString(Key), file);
        }

        var reread = new Stores(layout.Root);
        (await reread.Checkpoints.ListAsync(jobId)).Problems.Should().BeEmpty("the index records the size of what was written");
        (await reread.Checkpoints.GetAsync(jobId, stored.Id)).Should().BeEquivalentTo(stored);
    }

    [Test]
    public async Task A_signed_thinking_block_holding_the_secret_is_stored_and_handed_back_without_its_signature()
    {
        using var temp = new TempDirectory();
        var layout = new StorageLayout(new StorageOptions(Path.Combine(temp.Path, "perstack")));
        var jobId = JobId.New();
        var thinking = new ThinkingPart { Id = "t1", Thinking = "I will use " + Key, Signature = "c2lnbmVkLWJ5LWFudGhyb3BpYw==" };
        var leaky = TestData.Checkpoint(jobId, 1) with { Messages = [new ExpertMessage { Id = "m1", Contents = [thinking] }] };
        Checkpoint stored;
        await using (var stores = new WriteBehindStores(layout, new FileJobLocks(layout), new SecretRedactor([new KnownSecret("ANTHROPIC_API_KEY", Key)])))
        {
            stored = await stores.Checkpoints.SaveAsync(leaky);
        }

        // Sent back with its signature, a changed thinking block would be refused by the provider on every continue.
        stored.Messages[0].Contents[0].Should().Match<ThinkingPart>(t => t.Thinking == "I will use [REDACTED:ANTHROPIC_API_KEY]" && t.Signature == null);
        var file = File.ReadAllText(Directory.GetFiles(layout.Root, stored.Id.Value + ".json", SearchOption.AllDirectories).Single());
        file.Should().NotContain(Key).And.NotContain(thinking.Signature);
        (await new Stores(layout.Root).Checkpoints.GetAsync(jobId, stored.Id)).Should().BeEquivalentTo(stored);
    }
}
