using System.Text.RegularExpressions;
using FluentAssertions;
using Perstack.Core.Domain;

namespace Perstack.Tests.Core.Domain;

[TestFixture]
public sealed partial class IdGeneratorTests
{
    [Test]
    public void Generated_ids_have_cuid2_shape_and_are_valid_job_ids()
    {
        for (int i = 0; i < 1000; i++)
        {
            var id = IdGenerator.Next();

            id.Should().HaveLength(24);
            id.Should().MatchRegex(Cuid2Shape());
            JobId.TryParse(id, out var jobId).Should().BeTrue();
            jobId.Value.Should().Be(id);
        }
    }

    [Test]
    public void Ten_thousand_generated_ids_are_unique()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => IdGenerator.Next()).ToList();

        ids.Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Generated_ids_use_every_position_of_the_alphabet()
    {
        // Guards against a generator stuck on a few characters (e.g. a constant or a tiny range).
        var ids = Enumerable.Range(0, 2000).Select(_ => IdGenerator.Next()).ToList();

        ids.Select(id => id[0]).Distinct().Should().HaveCount(26);
        ids.SelectMany(id => id[1..]).Distinct().Should().HaveCount(36);
    }

    [Test]
    public void New_ids_of_each_kind_are_generated_ids()
    {
        JobId.New().Value.Should().MatchRegex(Cuid2Shape());
        RunId.New().Value.Should().MatchRegex(Cuid2Shape());
        CheckpointId.New().Value.Should().MatchRegex(Cuid2Shape());
        JobId.New().Should().NotBe(JobId.New());
    }

    [GeneratedRegex("^[a-z][0-9a-z]{23}$")]
    private static partial Regex Cuid2Shape();
}
