using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Search;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Core.Search;

/// <summary>The ranking rule of full-text search, as docs/tui.md states it.</summary>
public sealed class SearchScorerTests
{
    [Test]
    public void A_job_matches_only_when_it_holds_every_word_case_insensitively()
    {
        var document = Document("a", 1, "The cache is cold", "restart the Server");

        SearchScorer.Score(document, SearchQuery.Parse("CACHE server")).Should().NotBeNull();
        SearchScorer.Score(document, SearchQuery.Parse("cache database")).Should().BeNull();
        SearchScorer.Score(document, SearchQuery.Parse("   ")).Should().BeNull();
    }

    [Test]
    public void The_hit_is_the_best_line_and_says_where_the_match_is()
    {
        var document = Document("a", 1, "nothing here", "precached and uncached twice", "a cache miss");

        var hit = SearchScorer.Score(document, SearchQuery.Parse("cache"))!;

        hit.Line.Should().Be("a cache miss", "a word starting with the query beats more matches inside words");
        hit.Line.Substring(hit.MatchStart, hit.MatchLength).Should().Be("cache");
    }

    [Test]
    public void Jobs_rank_by_phrase_then_words_on_one_line_then_word_starts_then_recency()
    {
        var phrase = Document("phrase", 1, "the cache layer failed");
        var sameLine = Document("same-line", 2, "layer of the cache");
        var apart = Document("apart", 3, "the cache", "the layer");
        var inside = Document("inside", 4, "precache multilayer");
        var newerApart = Document("newer-apart", 5, "the cache", "the layer");

        var results = SearchRanking.Top([apart, inside, sameLine, newerApart, phrase], SearchQuery.Parse("cache layer"), 10, new SearchIndexStatus(5, 5, false), CancellationToken.None);

        results.Hits.Select(h => h.JobId.Value).Should().Equal("phrase", "same-line", "inside", "newer-apart", "apart");
        results.Hits[0].Score.Should().Be(1000 + 200 + 20 + 2);
        results.Hits[0].Line.Substring(results.Hits[0].MatchStart, results.Hits[0].MatchLength).Should().Be("cache layer");
        results.MatchCount.Should().Be(5);
    }

    [Test]
    public void Only_the_best_limit_hits_are_kept_but_all_matches_are_counted()
    {
        var documents = Enumerable.Range(1, 50).Select(i => Document($"job-{i:D2}", i, "a cache line")).ToList();

        var results = SearchRanking.Top(documents, SearchQuery.Parse("cache"), 3, new SearchIndexStatus(50, 50, false), CancellationToken.None);

        results.MatchCount.Should().Be(50);
        results.Hits.Select(h => h.JobId.Value).Should().Equal("job-50", "job-49", "job-48");
    }

    [Test]
    public void A_line_is_attributed_to_the_first_checkpoint_that_holds_its_message()
    {
        var jobId = JobId.Parse("job-a");
        var user = User("u1", "refactor the parser");
        var answer = Expert("e1", "the parser is refactored");
        var builder = new SearchDocumentBuilder();
        builder.Add(TestData.Checkpoint(jobId, 1, "ck-1") with { Messages = [user] });
        builder.Add(TestData.Checkpoint(jobId, 2, "ck-2") with { Messages = [user, answer] });

        var document = builder.Build(TestData.Job("job-a"));

        document.Text.Should().Be("refactor the parser\nthe parser is refactored", "a message every checkpoint repeats is indexed once");
        var hit = SearchScorer.Score(document, SearchQuery.Parse("refactored"))!;
        (hit.CheckpointId.Value, hit.StepNumber).Should().Be(("ck-2", 2));
        SearchScorer.Score(document, SearchQuery.Parse("refactor parser"))!.CheckpointId.Value.Should().Be("ck-1");
    }

    [Test]
    public void Hostile_text_is_cleaned_before_it_is_indexed_or_drawn()
    {
        var jobId = JobId.Parse("job-h");
        var evil = "ok \u001b]52;c;ZXZpbA==\u0007 \u001b[2J\u202Ereversed\u0000 \uD800lone " + new string('x', 1000) + "\r\nnext";
        var builder = new SearchDocumentBuilder();
        builder.Add(TestData.Checkpoint(jobId, 1, "ck-1") with { Messages = [Tool("t1", evil)] });

        var document = builder.Build(TestData.Job("job-h"));

        document.IsConsistent().Should().BeTrue();
        document.Text.Should().NotContainAny("\u001b", "\u0007", "\u202E", "\u0000", "\r");
        document.Text.Should().Contain("\uFFFDlone");
        Enumerable.Range(0, document.LineStarts.Length).Select(document.Line).Should().OnlyContain(l => l.Length <= SearchText.MaxLineLength);
        SearchScorer.Score(document, SearchQuery.Parse("next"))!.Line.Should().Be("next");
        SearchScorer.Score(document, SearchQuery.Parse("reversed"))!.Line.Should().StartWith("ok  ]52;c;ZXZpbA==");
    }

    [Test]
    public void A_query_with_control_characters_searches_for_its_words()
    {
        var query = SearchQuery.Parse("cache\u001b[31m\tlayer  cache");

        query.Terms.Should().BeEquivalentTo("cache", "[31m", "layer");
        query.Phrase.Should().Be("cache [31m layer cache");
    }

    private static SearchDocument Document(string id, long lastActivity, params string[] lines)
    {
        var builder = new SearchDocumentBuilder();
        var jobId = JobId.Parse(id);
        builder.Add(TestData.Checkpoint(jobId, 1, "ck-" + id) with { Messages = [User("m-" + id, string.Join('\n', lines))] });
        return builder.Build(TestData.Job(id) with { UpdatedAt = lastActivity });
    }

    private static UserMessage User(string id, string text) => new() { Id = id, Contents = [Part(id, text)] };

    private static ExpertMessage Expert(string id, string text) => new() { Id = id, Contents = [Part(id, text)] };

    private static ToolMessage Tool(string id, string text) => new()
    {
        Id = id,
        Contents = [new ToolResultPart { Id = id + "-r", ToolCallId = "call-1", ToolName = "exec", Contents = [Part(id, text)] }],
    };

    private static TextPart Part(string id, string text) => new() { Id = id + "-p", Text = text };
}
